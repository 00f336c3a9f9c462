"""Read stage: turn a story file into a :class:`~storyaudio.models.Story`.

One reader per source format; :func:`read_story` picks one by file extension
(or an explicit ``format``), :func:`find_stories` expands folders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import StoryError
from ..models import Story
from .markdown import read_markdown
from .source import load_text
from .text import read_text

__all__ = ["READERS", "find_stories", "read_story", "read_markdown", "read_text"]

Reader = Callable[[str, Path | None], Story]

READERS: dict[str, Reader] = {
    "markdown": read_markdown,
    "text": read_text,
}
"""Format name -> reader. A reader takes the decoded text and its path."""

_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}


def format_for(path: Path) -> str:
    """The reader format for *path*'s extension (plain text when unknown)."""
    return _EXTENSIONS.get(path.suffix.lower(), "text")


def read_story(path: Path, format: str | None = None) -> Story:
    """Read one story file.

    Raises :class:`StoryError` naming the file when it is missing, a folder,
    empty, binary, undecodable or malformed.
    """
    fmt = format or format_for(path)
    if fmt not in READERS:
        known = ", ".join(sorted(READERS))
        raise StoryError(f"unknown format {fmt!r} (known: {known})")
    text, content_hash = load_text(path)
    story = READERS[fmt](text, path)
    return _with_hash(story, content_hash)


def find_stories(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the story files inside them (sorted); keep files as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _EXTENSIONS)
            if not inside:
                raise StoryError(f"{path}: folder holds no story files (.md, .txt)")
            found.extend(inside)
        else:
            found.append(path)
    return found


def _with_hash(story: Story, content_hash: str) -> Story:
    from dataclasses import replace

    return replace(story, content_hash=content_hash)
