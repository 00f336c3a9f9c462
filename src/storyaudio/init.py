"""``storyaudio init``: a starter project a content team can fill in."""

from __future__ import annotations

from pathlib import Path

from .atomic import atomic_write
from .settings import SHOW_TEMPLATE, STARTER_STORY_TITLE

LEXICON_TEMPLATE = '''# How to say names and acronyms the voice gets wrong. Whole words only;
# a word with capitals matches only that case.

[words]
# IJM = "I J M"
# Osei = "Oh-say"
'''

STORY_TEMPLATE = '''---
title: {title}
author: Your organisation
date: {date}
description: A sample story, to try storyaudio. It is not in stories/, so it is not published.
---

This is a sample story, to hear what storyaudio makes. Every story you write
in the stories folder becomes an episode, with a chapter for each heading.

## How it works

Run storyaudio build sample/welcome.md --out preview to hear this one.
Write your own stories in stories/, then run storyaudio build stories/.
'''
"""A sample to try, written outside ``stories/``: a folder build never publishes it (and
``storyaudio check`` reports it if it is published all the same)."""


def init_project(folder: Path, today: str) -> list[Path]:
    """Write a starter ``storyaudio.toml``, ``voices/lexicon.toml``, an empty ``stories/`` for
    the team's stories and a sample story beside it in ``sample/``.

    Files that exist already are left alone. Returns the files written.
    """
    (folder / "stories").mkdir(parents=True, exist_ok=True)
    files = {
        folder / "storyaudio.toml": SHOW_TEMPLATE,
        folder / "voices" / "lexicon.toml": LEXICON_TEMPLATE,
        folder / "sample" / "welcome.md": STORY_TEMPLATE.format(date=today, title=STARTER_STORY_TITLE),
    }
    written = []
    for path, text in files.items():
        if not path.exists():
            atomic_write(path, text)
            written.append(path)
    return written
