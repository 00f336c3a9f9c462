"""``storyaudio init``: a starter project a content team can fill in."""

from __future__ import annotations

from pathlib import Path

from .atomic import atomic_write

SHOW_TEMPLATE = '''# storyaudio show settings. Every setting is optional; these are the defaults
# or examples. Paths are relative to this file.

[show]
title = "Stories, read aloud"
description = "Narrated stories from our work, read by a synthetic voice."
author = "Your organisation"
owner_name = "Your organisation"         # Apple contacts the owner about the feed
owner_email = "podcast@example.org"
language = "en"                           # en, en-GB, fr, ...
# Where the output folder will be served. Podcast apps need absolute URLs.
base_url = "https://example.org/audio/"
category = "Society & Culture"            # from Apple's list, exact spelling
subcategory = "Documentary"
explicit = false
show_type = "episodic"                    # or "serial": then every story needs episode:
copyright = "© Your organisation"
# artwork = "artwork.jpg"                 # square JPEG or PNG, 1400 to 3000 pixels
# voice = "default"                       # see: storyaudio voices
# lexicon = "voices/lexicon.toml"         # pronunciations; voices/lexicon.toml is read anyway

[pauses]                                  # milliseconds of silence after each
sentence_ms = 300
paragraph_ms = 700
chapter_ms = 1500

[audio]
bitrate_kbps = 64
channels = 1

# [roles]                                 # give headings or quotes their own voice
# heading = "default"
'''

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
