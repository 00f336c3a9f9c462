"""The language of a story that does not state its own: the show's.

Readers leave a story's language empty when its source says nothing (no ``language:`` in front
matter, no ``<html lang>``); the caller, who knows the show, fills it in here. A UK team that
sets ``[show] language = "en-GB"`` then gets British readings ("two hundred and fifty pounds")
and an ``en-GB`` episode without repeating it in every story.
"""

from __future__ import annotations

from dataclasses import replace

from ..models import Story


def with_language(story: Story, language: str) -> Story:
    """*story* in *language* when it states none itself."""
    return story if story.language else replace(story, language=language or "en")
