"""``storyaudio init``: a starter project a content team can fill in."""

from __future__ import annotations

from pathlib import Path

from .atomic import atomic_write
from .settings import SHOW_TEMPLATE

LEXICON_TEMPLATE = '''# How to say names and acronyms the voice gets wrong. Whole words only;
# a word with capitals matches only that case.

[words]
# IJM = "I J M"
# Osei = "Oh-say"
'''

STORY_TEMPLATE = '''---
title: Welcome to our stories
author: Your organisation
date: {date}
description: A first story, to try storyaudio.
---

This is the first story of our podcast. Every story you write in this folder
becomes an episode, with a chapter for each heading.

## How it works

Run storyaudio build stories/ to make the audio, the feed and the player pages.
'''


def init_project(folder: Path, today: str) -> list[Path]:
    """Write a starter ``storyaudio.toml``, ``voices/lexicon.toml`` and a sample story.

    Files that exist already are left alone. Returns the files written.
    """
    files = {
        folder / "storyaudio.toml": SHOW_TEMPLATE,
        folder / "voices" / "lexicon.toml": LEXICON_TEMPLATE,
        folder / "stories" / "welcome.md": STORY_TEMPLATE.format(date=today),
    }
    written = []
    for path, text in files.items():
        if not path.exists():
            atomic_write(path, text)
            written.append(path)
    return written
