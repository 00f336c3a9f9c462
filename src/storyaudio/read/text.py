"""Plain-text stories, including text copied or scraped from a web page.

The first line is the title; blank lines separate paragraphs. Text scraped
from a page carries site chrome at its edges (icon-font glyph names, "back"
links, sign-up footers) and often the title twice; :func:`strip_page_chrome`
removes those by their shape, not by a list of any one site's strings.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import StoryError
from ..models import Chapter, Paragraph, Story
from .appeal import appeal_start
from .source import make_slug

_SENTENCE_END = re.compile(r"[.!?…:\"'”’)\]]$")
_IDENTIFIER = re.compile(r"^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$")
_MAX_FOOTER_SHARE = 0.4
"""A footer is a small part of the page: at most this share of its words."""
_TITLE_SEARCH_LINES = 12
"""How far from the top a repeated line still counts as the page's title."""


def read_text(text: str, path: Path | None) -> Story:
    """Parse plain *text* (read from *path*) into a one-chapter Story."""
    name = str(path) if path else "<stdin>"
    lines = [line.strip() for line in text.split("\n")]
    title, body = strip_page_chrome(lines)
    paragraphs = mark_appeal(_paragraphs(body))
    if title is None or not paragraphs:
        raise StoryError(f"{name}: the story has no text to narrate after its title")
    return Story(
        title=title,
        chapters=(Chapter(None, tuple(paragraphs)),),
        source=path,
        slug=make_slug(title),
    )


def strip_page_chrome(lines: list[str]) -> tuple[str | None, list[str]]:
    """Split *lines* into the title and the story's body, without site chrome.

    - Leading lines that are lists of identifiers (icon-font glyph names) go.
    - When a line repeats near the top, it is the title: everything before its
      first appearance is navigation, and its repeat is dropped.
    - A trailing run that starts with a short label ("Donor Portal") and holds
      only labels and one-sentence blurbs is a site footer and goes.
    """
    content = [line for line in lines if not _is_identifier_list(line)]
    nonblank = [i for i, line in enumerate(content) if line]
    if not nonblank:
        return None, []
    title_index = nonblank[0]
    seen: dict[str, int] = {}
    for i in nonblank[:_TITLE_SEARCH_LINES]:
        key = content[i].casefold()
        if key in seen:
            title_index = seen[key]
            content = content[:i] + content[i + 1 :]
            break
        seen[key] = i
    title = content[title_index]
    body = content[title_index + 1 :]
    return title, _drop_footer(body)


def _is_identifier_list(line: str) -> bool:
    """True for lines like ``arrow-left facebook search-alt play pause ...``."""
    tokens = line.split()
    if len(tokens) < 8:
        return False
    return all(_IDENTIFIER.match(token) for token in tokens) and not any(
        token[0].isupper() for token in tokens[1:]
    )


def _is_label(line: str) -> bool:
    """A short line without sentence punctuation: a button, link or menu item."""
    return bool(line) and len(line.split()) <= 5 and not _SENTENCE_END.search(line)


def _is_blurb(line: str) -> bool:
    """One short sentence, as in a footer's "Get updates from us..."."""
    return len(line.split()) <= 25 and len(re.findall(r"[.!?](?:\s|$)", line)) <= 1


def _drop_footer(body: list[str]) -> list[str]:
    nonblank = [i for i, line in enumerate(body) if line]
    total_words = sum(len(body[i].split()) for i in nonblank)
    for i in nonblank:
        if not _is_label(body[i]):
            continue
        tail = [body[j] for j in nonblank if j >= i]
        tail_words = sum(len(line.split()) for line in tail)
        labels = sum(_is_label(line) for line in tail)
        if (labels >= 2 and tail_words < total_words * _MAX_FOOTER_SHARE
                and all(_is_label(line) or _is_blurb(line) for line in tail)):
            return body[:i]
    return body


def mark_appeal(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs, those of the appeal that ends the page marked ``appeal``."""
    start = appeal_start([paragraph.text for paragraph in paragraphs])
    return paragraphs[:start] + [Paragraph(p.text, "appeal") for p in paragraphs[start:]]


def _paragraphs(lines: list[str]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(Paragraph(" ".join(current)))
            current = []
    return paragraphs
