"""Read stage: turn a story file into a :class:`~storyaudio.models.Story`.

One reader per source format; :func:`read_story` picks one by file extension
(or an explicit ``format``), :func:`find_stories` expands folders.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from ..errors import StoryError
from ..models import Chapter, Story
from .clean import clean_story
from .html import read_html
from .language import with_language
from .markdown import read_markdown
from .source import decode, load_text, make_slug
from .text import read_text

__all__ = ["READERS", "combine_stories", "find_stories", "read_html", "read_markdown", "read_story",
           "read_story_bytes", "read_text"]

Reader = Callable[[str, Path | None], Story]

READERS: dict[str, Reader] = {
    "markdown": read_markdown,
    "text": read_text,
    "html": read_html,
}
"""Format name -> reader. A reader takes the decoded text and its path."""

_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
}


def format_for(path: Path) -> str:
    """The reader format for *path*'s extension (plain text when unknown)."""
    return _EXTENSIONS.get(path.suffix.lower(), "text")


STDIN = Path("-")
"""The path that means "read the story from standard input" (Markdown unless told)."""


def read_story(path: str | os.PathLike[str], format: str | None = None, language: str = "en") -> Story:
    """Read one story file (``-`` for standard input). *language* is the language of a story
    that does not state its own (the show's ``language``).

    Raises :class:`StoryError` naming the file when it is missing, a folder,
    empty, binary, undecodable or malformed.
    """
    path = Path(path)
    if path == STDIN:
        return read_story_bytes(sys.stdin.buffer.read(), format or "markdown", language=language)
    reader = _reader(format or format_for(path))
    text, content_hash = load_text(path)
    return with_language(replace(clean_story(reader(text, path)), content_hash=content_hash), language)


def read_story_bytes(data: bytes, format: str = "markdown", name: str = "<stdin>", language: str = "en") -> Story:
    """Read a story from bytes (standard input, a CMS export) in the given *format*."""
    reader = _reader(format)
    story = clean_story(reader(decode(data, name), None))
    return with_language(replace(story, content_hash=hashlib.sha256(data).hexdigest()), language)



def _reader(format: str) -> Reader:
    if format not in READERS:
        known = ", ".join(sorted(READERS))
        raise StoryError(f"unknown format {format!r} (known: {known})")
    return READERS[format]


def combine_stories(stories: list[Story], title: str) -> Story:
    """One story of several (for one episode of many stories): each story becomes a chapter, its
    own headings sub-chapters nested under it (``part_of``), and its image the chapter's picture.
    """
    chapters = []
    for story in stories:
        own = [chapter for chapter in story.chapters if chapter.title]
        opening = [p for chapter in story.chapters if not chapter.title for p in chapter.paragraphs]
        chapters.append(Chapter(story.title, tuple(opening), image=story.image, part_of=story.title))
        chapters += [replace(chapter, part_of=story.title) for chapter in own]
    authors = {story.author for story in stories}
    return Story(
        title=title,
        chapters=tuple(chapters),
        slug=make_slug(title),
        author=authors.pop() if len(authors) == 1 else None,
        language=stories[0].language,
        content_hash=hashlib.sha256("".join(s.content_hash for s in stories).encode()).hexdigest(),
    )


def find_stories(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand folders into the story files inside them (sorted); keep files as given."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path != STDIN and path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _EXTENSIONS)
            if not inside:
                kinds = ", ".join(sorted(_EXTENSIONS))
                raise StoryError(f"{path}: folder holds no story files ({kinds})")
            found.extend(inside)
        else:
            found.append(path)
    return found
