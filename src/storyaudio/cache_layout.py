"""The clip cache folder's layout: one home for where each owner keeps its files, as
:mod:`storyaudio.layout` is for the output.

Four stages keep things in the cache folder, and ``storyaudio cache info``, ``prune`` and
``verify`` must see them all, or they grow with every sync, without bound:

- synthesised clips (``??/KEY.wav``) and encoded spans with their loudness readings
  (``spans/??/NAME``), by :class:`storyaudio.cache.ClipCache`;
- fetched pages with their validators (``web/NAME.json`` and ``web/NAME.body``), by the read
  stage's fetcher, for conditional requests;
- fetched lead pictures (``web/images/NAME``), by the read stage;
- what the recogniser heard (``heard/??/KEY.json``), by the listening check.

Every entry's modification time is its last use: an owner touches what it reuses, and
``prune`` removes what no build has used for a while.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

CLIP_PATTERN = "??/*.wav"
SPANS_DIR = "spans"
PAGES_DIR = "web"
IMAGES_DIR = "web/images"
HEARD_DIR = "heard"


def pages_dir(root: Path) -> Path:
    """Fetched pages and their validators."""
    return root / PAGES_DIR


def images_dir(root: Path) -> Path:
    """Fetched lead pictures, by the hash of their bytes."""
    return root / IMAGES_DIR


def heard_dir(root: Path) -> Path:
    """The listening check's transcriptions, by the hash of the audio heard."""
    return root / HEARD_DIR


def touch(*paths: Path) -> None:
    """Mark entries as used now (prune keeps what builds use); a read-only cache only loses this."""
    for path in paths:
        with contextlib.suppress(OSError):
            os.utime(path)
