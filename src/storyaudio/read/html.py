"""HTML story pages, as saved from a site.

The article is extracted with trafilatura, which drops navigation, cookie
banners, share buttons, related links, comments and footers (on our sample
pages it kept every article sentence and no boilerplate, where
readability-lxml kept bylines and share links; see ``bench/bench_extractors.py``).
Title, byline, date, description and lead image come from the page's
metadata; the language from ``<html lang>``.

Nothing the page references is fetched: trafilatura parses the text it is
given with lxml's HTML parser, which loads no external entities, scripts,
styles or images.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import StoryError
from ..models import Chapter, Paragraph, ParagraphKind, Story
from .appeal import mark_appeal
from .source import make_slug

_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.IGNORECASE)


def read_html(text: str, path: Path | None, *, name: str | None = None) -> Story:
    """Extract the main article of an HTML page as a Story; *name* (a URL) names it in errors."""
    import trafilatura
    from trafilatura.settings import Document

    name = name or (str(path) if path else "<stdin>")
    with _lines_about(name):
        document = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False,
        )
    if not isinstance(document, Document) or document.body is None:
        raise StoryError(f"{name}: no article text found in the HTML page")
    body = document.body
    title = document.title or (path.stem if path else "Untitled")
    chapters = _chapters(body, title)
    if not any(chapter.paragraphs for chapter in chapters):
        raise StoryError(f"{name}: no article text found in the HTML page")
    language = _LANG.search(text[:5000])
    return Story(
        title=title,
        chapters=tuple(chapters),
        source=path,
        slug=make_slug(title),
        author=document.author or None,
        date=_date(document.date),
        language=language.group(1) if language else "",  # "": the show's language
        description=document.description or None,
        image=document.image or None,
    )


_page = threading.local()


class _AboutPage(logging.Filter):
    """Prefixes the extractor's own log lines with the page they are about (``URL: trafilatura:
    ...``), at the level trafilatura gave them; pages are read on several threads at once."""

    def filter(self, record: logging.LogRecord) -> bool:
        name = getattr(_page, "name", None)
        if name:
            record.msg = f"{name}: {record.name.split('.')[0]}: {record.getMessage()}"
            record.args = None
        return True


_EXTRACTOR_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
_ABOUT_PAGE = _AboutPage()


@contextlib.contextmanager
def _lines_about(name: str) -> Iterator[None]:
    # A logger's filter sees only what is logged on it, not on its children: every module of
    # the extractor has its own logger (they exist once trafilatura is imported).
    for logger_name in list(logging.root.manager.loggerDict):
        if logger_name.split(".")[0] in _EXTRACTOR_LOGGERS:
            logger = logging.getLogger(logger_name)
            if _ABOUT_PAGE not in logger.filters:
                logger.addFilter(_ABOUT_PAGE)
    _page.name = name
    try:
        yield
    finally:
        _page.name = None


def _chapters(body: Any, title: str) -> list[Chapter]:
    """Walk trafilatura's body (lxml): ``head`` elements start chapters, the rest are paragraphs."""
    chapters: list[Chapter] = []
    heading: str | None = None
    paragraphs: list[Paragraph] = []
    for element in body:
        text = " ".join("".join(element.itertext()).split())
        if not text:
            continue
        if element.tag == "head":
            if element.get("rend") == "h1" or text == title:
                continue  # the page title, already the story's title
            if paragraphs or heading is not None:
                chapters.append(Chapter(heading, tuple(paragraphs)))
            heading, paragraphs = text, []
        elif element.tag == "list":
            paragraphs += [Paragraph(" ".join("".join(i.itertext()).split())) for i in element.iter("item")]
        else:
            kind: ParagraphKind = "quote" if element.tag == "quote" else "prose"
            paragraphs.append(Paragraph(text, kind))
    chapters.append(Chapter(heading, tuple(paragraphs)))
    return mark_appeal([chapter for chapter in chapters if chapter.paragraphs or chapter.title])


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
