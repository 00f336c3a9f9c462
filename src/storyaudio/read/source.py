"""Loading a story's bytes into text, and helpers every reader shares."""

from __future__ import annotations

import hashlib
from pathlib import Path

from slugify import slugify

from ..errors import StoryError

MAX_STORY_BYTES = 5 * 1024 * 1024
"""Refuse larger files early instead of running out of memory later."""


def load_text(path: Path) -> tuple[str, str]:
    """Return the decoded text of *path* and the SHA-256 of its bytes.

    UTF-8 (with or without BOM) is tried first, then the encoding that
    charset-normalizer detects. Everything that stops a story from being read
    becomes a :class:`StoryError` naming the file.
    """
    if not path.exists():
        raise StoryError(f"{path}: no such file")
    if path.is_dir():
        raise StoryError(f"{path}: is a folder, expected a story file")
    try:
        size = path.stat().st_size
        if size > MAX_STORY_BYTES:
            raise StoryError(f"{path}: {size} bytes is over the {MAX_STORY_BYTES} byte limit for one story")
        data = path.read_bytes()
    except PermissionError:
        raise StoryError(f"{path}: permission denied") from None
    except OSError as error:
        raise StoryError(f"{path}: cannot be read ({error.strerror})") from None
    return decode(data, str(path)), hashlib.sha256(data).hexdigest()


def decode(data: bytes, name: str) -> str:
    """Decode story bytes, refusing binary files and empty stories."""
    if b"\x00" in data[:8192]:
        raise StoryError(f"{name}: looks like a binary file, not a story")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise StoryError(f"{name}: text encoding could not be detected; save it as UTF-8") from None
        text = str(best)
    if not text.strip():
        raise StoryError(f"{name}: the story is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_slug(text: str, fallback: str = "story") -> str:
    """A lowercase, hyphenated, file- and URL-safe name (never empty, never a path)."""
    slug = slugify(text, max_length=80, word_boundary=True)
    return slug or fallback
