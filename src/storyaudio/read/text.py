"""Plain-text stories, including text copied or scraped from a web page.

Front matter works as in Markdown. The first line is the title when it looks like one (short,
no closing full stop), else the file name is; blank lines separate paragraphs, and lines that
look like headings start chapters. Text scraped
from a page carries site chrome at its edges (icon-font glyph names, "back"
links, sign-up footers) and often the title twice; :func:`strip_page_chrome`
removes those by their shape, not by a list of any one site's strings.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import StoryError
from ..models import Chapter, Paragraph, Story
from .appeal import is_label, mark_appeal
from .markdown import front_matter_fields, split_front_matter

FOOTER_LABEL_WORDS = 5
"""A footer's links and buttons are shorter than the appeal's."""
_IDENTIFIER = re.compile(r"^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$")
_MAX_FOOTER_SHARE = 0.4
"""A footer is a small part of the page: at most this share of its words."""
_TITLE_SEARCH_LINES = 12
"""How far from the top a repeated line still counts as the page's title."""


MAX_TITLE_WORDS = 15
MAX_HEADING_WORDS = 8
_UNDERLINE = re.compile(r"^(?:={3,}|-{3,})$")
_CHAPTER_WORD = re.compile(r"^(?:chapter|part|book|prologue|epilogue|interlude)\b", re.IGNORECASE)


def read_text(text: str, path: Path | None) -> Story:
    """Parse plain *text* (read from *path*) into a Story: front matter, title, chapters."""
    name = str(path) if path else "<stdin>"
    meta, text = split_front_matter(text, name)
    lines = [line.strip() for line in text.split("\n")]
    found, body, repeated = strip_page_chrome(lines)
    given = str(meta["title"]) if meta.get("title") else None
    if found is None:
        title = given or _from_file_name(path)
    elif repeated:
        title = given or found  # a line repeated near the top of a scraped page is its title
    elif given:
        title = given
        if found.casefold() != given.casefold():
            body = [found, *body]
    elif looks_like_title(found) and not _CHAPTER_WORD.match(found):
        title = found
    else:  # the first line is the story's first sentence (or its first chapter's heading)
        title, body = _from_file_name(path), [found, *body]
    chapters = _chapters(body)
    if not any(chapter.paragraphs for chapter in chapters):
        raise StoryError(f"{name}: the story has no text to narrate after its title")
    return Story(title=title, chapters=tuple(chapters), source=path,
                 **front_matter_fields(meta, title, name, path))


def looks_like_title(line: str) -> bool:
    """A short line without a closing full stop: a title, not the story's first sentence."""
    return len(line.split()) <= MAX_TITLE_WORDS and not line.endswith(".")


def looks_like_heading(line: str) -> bool:
    """A short line alone in its paragraph that is in capitals or starts "Chapter", "Part"...
    (an underlined line is a heading too; :func:`_chapters` sees the underline)."""
    if len(line.split()) > MAX_HEADING_WORDS or line.endswith((".", ",", ";")):
        return False
    letters = [c for c in line if c.isalpha()]
    shouting = len(letters) >= 2 and all(c.isupper() for c in letters)
    return shouting or bool(_CHAPTER_WORD.match(line))


def _from_file_name(path: Path | None) -> str:
    if path is None:
        return "Untitled"
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled"


def _chapters(body: list[str]) -> list[Chapter]:
    """Paragraphs, split into chapters at lines that look like headings; the appeal that ends the
    page is marked across them, as on an HTML page."""
    chapters: list[Chapter] = []
    heading: str | None = None
    paragraphs: list[Paragraph] = []
    for block in _blocks(body):
        underlined = len(block) == 2 and _UNDERLINE.match(block[1]) and len(block[0].split()) <= MAX_HEADING_WORDS
        if underlined or (len(block) == 1 and looks_like_heading(block[0])):
            if paragraphs or heading is not None:
                chapters.append(Chapter(heading, tuple(paragraphs)))
            heading, paragraphs = block[0], []
        else:
            paragraphs.append(Paragraph(" ".join(line for line in block if not _UNDERLINE.match(line))))
    chapters.append(Chapter(heading, tuple(paragraphs)))
    return mark_appeal([chapter for chapter in chapters if chapter.paragraphs or chapter.title])


def strip_page_chrome(lines: list[str]) -> tuple[str | None, list[str], bool]:
    """Split *lines* into the first line, the story's body and whether that first line was found
    repeated (so is surely the title), without site chrome.

    - Leading lines that are lists of identifiers (icon-font glyph names) go.
    - When a line repeats near the top, it is the title: everything before its
      first appearance is navigation, and its repeat is dropped.
    - A trailing run that starts with a short label ("Donor Portal") and holds
      only labels and one-sentence blurbs is a site footer and goes.
    """
    content = [line for line in lines if not _is_identifier_list(line)]
    nonblank = [i for i, line in enumerate(content) if line]
    if not nonblank:
        return None, [], False
    title_index = nonblank[0]
    repeated = False
    seen: dict[str, int] = {}
    for i in nonblank[:_TITLE_SEARCH_LINES]:
        key = content[i].casefold()
        if key in seen and not _UNDERLINE.match(content[i]):
            title_index = seen[key]
            content = content[:i] + content[i + 1 :]
            repeated = True
            break
        seen[key] = i
    title = content[title_index]
    body = content[title_index + 1 :]
    return title, _drop_footer(body), repeated


def _is_identifier_list(line: str) -> bool:
    """True for lines like ``arrow-left facebook search-alt play pause ...``."""
    tokens = line.split()
    if len(tokens) < 8:
        return False
    return all(_IDENTIFIER.match(token) for token in tokens) and not any(
        token[0].isupper() for token in tokens[1:]
    )


def _is_blurb(line: str) -> bool:
    """One short sentence, as in a footer's "Get updates from us..."."""
    return len(line.split()) <= 25 and len(re.findall(r"[.!?](?:\s|$)", line)) <= 1


def _drop_footer(body: list[str]) -> list[str]:
    nonblank = [i for i, line in enumerate(body) if line]
    total_words = sum(len(body[i].split()) for i in nonblank)
    for i in nonblank:
        if not is_label(body[i], FOOTER_LABEL_WORDS):
            continue
        tail = [body[j] for j in nonblank if j >= i]
        tail_words = sum(len(line.split()) for line in tail)
        labels = sum(is_label(line, FOOTER_LABEL_WORDS) for line in tail)
        if (labels >= 2 and tail_words < total_words * _MAX_FOOTER_SHARE
                and all(is_label(line, FOOTER_LABEL_WORDS) or _is_blurb(line) for line in tail)):
            return body[:i]
    return body


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks
