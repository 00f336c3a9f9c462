"""The output folder's layout: every folder and file name a build writes, in one place.

::

    OUT/
    ├── feed.xml, index.html, style.css, prefs.js, player.js, artwork.jpg, OpenDyslexic-*
    ├── show.json                  facts about the show that never change (podcast:guid)
    ├── .storyaudio.lock           held while a build publishes
    ├── .publishing.json           left only by a build killed while renaming files into place
    └── episodes/SLUG/
        ├── SLUG.mp3, cover.jpg, artwork.jpg, chapter-N.jpg
        ├── transcript.vtt, transcript.srt, transcript.json, chapters.json
        ├── index.html, embed.html
        ├── listen.json            the listening check's report, when one was run
        └── episode.json           the catalog entry, written last

Stages ask this module for names and paths and never spell them, so the
layout can change in one place; ``storyaudio serve`` and ``check`` read it too.
"""

from __future__ import annotations

from pathlib import Path

FEED_FILE = "feed.xml"
SHOW_PAGE = "index.html"
"""The show page at the top of the output; also each episode folder's player page."""

EPISODE_PAGE = "index.html"
EMBED_PAGE = "embed.html"
ASSETS = ("style.css", "prefs.js", "player.js", "OpenDyslexic-Regular.woff", "OpenDyslexic-Bold.woff",
          "OpenDyslexic-LICENSE.txt")
"""Static files copied from the templates into the output."""

DEFAULT_ARTWORK = "artwork.jpg"
"""The drawn title card's name, used until a show sets artwork of its own."""

SHOW_STATE_FILE = "show.json"
"""Facts about the published show that must never change once made (``podcast:guid``)."""

LOCK_FILE = ".storyaudio.lock"
PUBLISH_JOURNAL = ".publishing.json"
"""Left in the output folder by a build killed while renaming its files into place."""

EPISODES_DIR = "episodes"
EPISODE_FILE = "episode.json"
LISTEN_FILE = "listen.json"
"""The listening check's report (``storyaudio check --listen``), beside the episode."""
VTT_FILE = "transcript.vtt"
SRT_FILE = "transcript.srt"
JSON_TRANSCRIPT_FILE = "transcript.json"
WORDS_VTT_FILE = "transcript-words.vtt"
CHAPTERS_FILE = "chapters.json"
COVER_FILE = "cover.jpg"
EPISODE_ARTWORK_FILE = "artwork.jpg"
"""The episode's picture in the feed (``itunes:image``), 1400-3000 px square as Apple asks;
``cover.jpg`` (at most 800 px) is the one inside the MP3 and on the pages."""
ARTWORK_MIN_PX, ARTWORK_MAX_PX = 1400, 3000
"""Apple's rule for the show's and each episode's ``itunes:image``: square, 1400 to 3000 pixels
(the one home of it: assembling makes episode artwork to it, publishing checks the show's)."""

CHAPTER_PICTURE_FILE = "chapter-{}.jpg"
"""A chapter's picture beside the MP3, numbered from 1 (``.format(number)``; ``"*"`` globs them)."""

STAGING_PREFIX = ".staging-"
"""Episode folders being assembled by a build (``episodes/.staging-SLUG-XXXXXXXX``)."""

REMOVED_PREFIX = ".removed-"
"""An episode folder on its way out (``storyaudio remove``)."""

REMOVALS_FILE = ".removed.json"
"""The episodes a team removed, by source file and page: a folder or feed build skips them."""


def audio_file(slug: str) -> str:
    """The MP3's name inside its episode folder."""
    return f"{slug}.mp3"


def episodes_dir(out: Path) -> Path:
    return out / EPISODES_DIR


def episode_dir(out: Path, slug: str) -> Path:
    """Where episode *slug*'s files are published."""
    return out / EPISODES_DIR / slug


def staging_dir(out: Path, slug: str, token: str) -> Path:
    """A fresh folder to assemble episode *slug* in, beside the published ones (same file system)."""
    return out / EPISODES_DIR / f"{STAGING_PREFIX}{slug}-{token}"


def removed_dir(out: Path, slug: str) -> Path:
    return out / EPISODES_DIR / f"{REMOVED_PREFIX}{slug}"


def is_unpublished(folder: Path) -> bool:
    """True for staging and removed episode folders, which are never part of the show."""
    return folder.name.startswith(".")


def episode_path(slug: str, name: str = "") -> str:
    """A file of episode *slug* relative to the output folder, as a URL path
    (``episodes/SLUG/`` for the folder itself)."""
    return f"{EPISODES_DIR}/{slug}/{name}"
