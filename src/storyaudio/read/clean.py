"""What a story may carry into the pages, tags and catalog: no spoofing, no control characters,
no script links.

Applied to every story a reader returns (:func:`storyaudio.read.read_story`):

- titles, author, description and chapter titles lose invisible formatting
  characters (right-to-left overrides, zero-width spaces): a title that
  displays as "Appeal" but reads as something else is spoofing. Joiners
  (U+200C, U+200D), which Persian, Indic scripts and emoji need, stay;
- all text loses control characters and bidirectional overrides, embeddings
  and isolates (a story's own direction comes from its language);
- a chapter's link or picture that is not ``http``, ``https``, ``mailto`` or a
  local path (``javascript:``, ``data:``) is dropped: the chapter keeps its
  title as text only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..models import Chapter, Paragraph, Story

_JOINERS = {"\u200c", "\u200d"}
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:|[A-Za-z]:[\\/]|[^:]*$)", re.IGNORECASE)


def clean_name(text: str) -> str:
    """A title or name without control or invisible formatting characters (joiners apart)."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch in _JOINERS)
    return " ".join(kept.split())


def clean_text(text: str) -> str:
    """Body text without control characters or bidirectional overrides (whitespace kept)."""
    text = _BIDI_CONTROLS.sub("", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\n\t ")


def safe_link(url: str | None) -> str | None:
    """*url* when it is a web, mail or local link; ``None`` for ``javascript:``, ``data:`` and the like."""
    if url is None:
        return None
    stripped = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    return url if _SAFE_LINK.match(stripped) else None


def clean_story(story: Story) -> Story:
    """*story* as it may be published (see the module's docstring)."""
    chapters = tuple(
        Chapter(clean_name(chapter.title) if chapter.title is not None else None,
                tuple(Paragraph(clean_text(p.text), p.kind) for p in chapter.paragraphs),
                safe_link(chapter.url), safe_link(chapter.image))
        for chapter in story.chapters
    )
    return replace(
        story,
        title=clean_name(story.title) or story.title,
        author=clean_name(story.author) if story.author else story.author,
        description=clean_text(story.description) if story.description else story.description,
        image=safe_link(story.image),
        chapters=chapters,
    )
