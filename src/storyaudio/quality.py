"""How well a reader kept a page's article: the measure behind choosing an extractor.

A measure, not a pipeline stage (bench and tests use it): it sits above the
stages it measures, since it splits sentences as the script stage does.

Given the sentences a person marked as the article, :func:`extraction_quality`
reports the share of them found in what was read (recall) and the share of
read words that belong to no article sentence (boilerplate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .script import split_sentences


@dataclass(frozen=True)
class ExtractionQuality:
    recall: float
    """Share of the article's sentences present in the extracted text."""

    boilerplate: float
    """Share of the extracted words that belong to no article sentence."""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def extraction_quality(extracted: str, article: str) -> ExtractionQuality:
    """Compare *extracted* text with the *article* a person marked as the story."""
    sentences = [article[a:b] for a, b in split_sentences(article)]
    # Words padded with spaces, so "i" (a numbered heading) matches only the word "i".
    flat = f" {' '.join(_words(extracted))} "
    keys = [f" {' '.join(_words(sentence))} " for sentence in sentences]
    recall = sum(key in flat for key in keys) / len(keys) if keys else 1.0
    remaining = flat
    for key in sorted(keys, key=len, reverse=True):
        remaining = remaining.replace(key, " ", 1)
    total = len(flat.split())
    return ExtractionQuality(recall, len(remaining.split()) / total if total else 0.0)
