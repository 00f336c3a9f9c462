"""Markdown stories with optional YAML front matter.

``#`` is the title when the front matter has none; ``##`` and ``###`` start
chapters; text before the first chapter heading forms an opening chapter.
Markup is reduced to what a listener should hear: link text (not URLs),
inline code as its text; a table is read row by row, each cell after its
column's heading ("Year: 2022, Wells: 4."); images, code blocks, raw HTML,
footnote markers (``[^1]``) and footnote texts are skipped.
A heading that is a link gives its chapter that link, and the first image in
a chapter becomes the chapter's picture (podcast apps show both).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import StoryError
from ..models import Chapter, Paragraph, ParagraphKind, Story
from .appeal import mark_appeal
from .source import make_slug

log = logging.getLogger(__name__)

_PARSER = MarkdownIt("commonmark").enable("table")
# markdown-it leaves a link to a javascript: or data: URL as its literal source ("[text](javascript:...)"),
# which would then be spoken and shown; parse every link, and let storyaudio.read.clean drop unsafe targets
# so the link's text alone is kept.
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
_FOOTNOTE_TEXT = re.compile(_FOOTNOTE_MARK.pattern + ":")  # matched at a paragraph's start

_SKIPPED_BLOCKS = {"fence", "code_block", "html_block", "hr"}


def read_markdown(text: str, path: Path | None) -> Story:
    """Parse Markdown *text* (read from *path*) into a Story."""
    name = str(path) if path else "<stdin>"
    meta, body = split_front_matter(text, name)
    title, chapters = _parse_body(body, path)
    title = str(meta.get("title") or title or (path.stem if path else "Untitled"))
    chapters = mark_appeal([c for c in chapters if c.paragraphs or c.title])  # as every reader does
    if not any(c.paragraphs for c in chapters):
        raise StoryError(f"{name}: the story has no text to narrate")
    return Story(title=title, chapters=tuple(chapters), source=path, **front_matter_fields(meta, title, name, path))


def front_matter_fields(meta: dict[str, Any], title: str, name: str, path: Path | None) -> dict[str, Any]:
    """The :class:`Story` fields front matter gives (slug from *title* when it names none); the
    Markdown and plain-text readers share them, so a text file's front matter means the same."""
    return {
        "slug": make_slug(str(meta.get("slug") or title)),
        "author": _optional_str(meta.get("author")),
        "date": _parse_date(meta.get("date"), name),
        "language": str(meta.get("language") or ""),  # "": the show's language (read_story fills it in)
        "description": _optional_str(meta.get("description")),
        "image": _image(meta.get("image"), path),
        "voice": _optional_str(meta.get("voice")),
        "appeal": _appeal(meta.get("appeal"), name),
        "episode": _optional_int(meta.get("episode"), "episode", name),
        "season": _optional_int(meta.get("season"), "season", name),
    }


MAX_FRONT_MATTER_DEPTH = 20
"""Front matter is a flat list of fields; a few levels of nesting are tolerated, not thousands."""


class _FrontMatterLoader(yaml.BaseLoader):  # type: ignore[misc]  # PyYAML has no type hints
    """YAML's BaseLoader without anchors and aliases: ``&a [*b, *b]`` nested a few levels ("billion
    laughs") grows without bound, and front matter never needs them."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(None, None, "anchors and aliases (&name, *name) are not allowed",
                                              event.start_mark)
        if self.depth >= MAX_FRONT_MATTER_DEPTH:  # composing recurses: 50,000 levels would overflow the stack
            raise yaml.composer.ComposerError(None, None, f"values nested more than {MAX_FRONT_MATTER_DEPTH} "
                                                          "levels deep", event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


TEXT_FIELDS = ("title", "slug", "author", "date", "language", "description", "image", "voice", "episode", "season",
               "appeal")
"""Front-matter fields that take one value: a list or a mapping in one is an error, not its text."""


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """Split off YAML front matter, read with every value as a string.

    YAML's BaseLoader keeps ``date: 2020-13-45`` or ``title: yes`` as text, so
    our own checks, not YAML's guesses, decide what a value means.
    """
    handler = YAMLHandler()
    if not handler.detect(text):
        return {}, text
    try:
        front, body = handler.split(text)
    except ValueError:
        raise StoryError(f"{name}: front matter is not closed by a '---' line") from None
    first_line = text[: text.find(front)].count("\n") + 1 if front else 2  # the file's line of front's first
    try:
        meta = _load_front(front)
    except yaml.YAMLError as error:
        meta = _with_colons_quoted(front, first_line, name)
        if meta is None:
            mark = getattr(error, "problem_mark", None)
            line = first_line + mark.line if mark is not None else None
            where = f" line {line}:" if line is not None else ""
            problem = getattr(error, "problem", None) or "invalid YAML"
            raise StoryError(f"{name}:{where} malformed front matter: {problem}{_hint(front, line, first_line)}") \
                from None
    if meta is None:
        return {}, body
    if not isinstance(meta, dict):
        raise StoryError(f"{name}: front matter must be a YAML mapping of keys to values")
    for key in TEXT_FIELDS:
        if key in meta and not isinstance(meta[key], str):
            kind = "a list" if isinstance(meta[key], list) else "a mapping"
            raise StoryError(f"{name}: front matter {key!r} must be one value, not {kind}")
    return meta, body


def _appeal(value: Any, name: str) -> str | None:
    """``appeal: read`` or ``appeal: skip``: this story's own choice over the show's ``read_appeals``."""
    if value is None or value == "":
        return None
    if str(value).strip().lower() not in ("read", "skip"):
        raise StoryError(f"{name}: front matter 'appeal' must be read or skip, not {str(value)[:40]!r}")
    return str(value).strip().lower()


def _load_front(front: str) -> Any:
    return yaml.load(front, Loader=_FrontMatterLoader)  # noqa: S506 - a BaseLoader: strings only


_FIELD_LINE = re.compile(r"^(?P<key>[A-Za-z_]+):[ \t]+(?P<value>[^\s\"'\[{|>&*!%@`#].*?)[ \t]*$")


def _with_colons_quoted(front: str, first_line: int, name: str) -> dict[str, Any] | None:
    """The front matter read again with each one-value field whose value holds ``: `` quoted (a
    headline such as ``title: Safe at last: how Amina rebuilt her life``), saying so in a warning
    per field; None when that does not make it readable."""
    lines = front.split("\n")
    mended: list[int] = []
    for index, line in enumerate(lines):
        match = _FIELD_LINE.match(line)
        if match and match["key"] in TEXT_FIELDS and ": " in match["value"]:
            lines[index] = f'{match["key"]}: {json.dumps(match["value"], ensure_ascii=False)}'
            mended.append(index)
    if not mended:
        return None
    try:
        meta = _load_front("\n".join(lines))
    except yaml.YAMLError:
        return None
    for index in mended:
        key = lines[index].split(":", 1)[0]
        log.warning("%s: line %d: the %s holds ': ', so it was read as the whole line; put it in quotes to say so "
                    "(%s: \"...\")", name, first_line + index, key, key)
    return meta if isinstance(meta, dict) else None


def _hint(front: str, line: int | None, first_line: int) -> str:
    """How to mend the line a YAML error points at, when the cause is a common one."""
    if line is None:
        return ""
    lines = front.split("\n")
    index = line - first_line
    for candidate in (index, index - 1):
        if 0 <= candidate < len(lines) and (match := _FIELD_LINE.match(lines[candidate])) and ": " in match["value"]:
            return f'; put the {match["key"]} in quotes: {match["key"]}: "{match["value"][:60]}"'
    return ""


def _parse_body(body: str, path: Path | None = None) -> tuple[str | None, list[Chapter]]:
    """Walk markdown-it's block tokens, collecting the title and chapters."""
    tokens = _PARSER.parse(body)
    title: str | None = None
    chapters: list[Chapter] = []
    current_title: str | None = None
    url: str | None = None
    image: str | None = None
    paragraphs: list[Paragraph] = []
    quote_depth = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "heading_open":
            heading = _inline_text(tokens[i + 1])
            level = int(token.tag[1])
            link = _first_attr(tokens[i + 1], "link_open", "href")
            i += 2  # skip inline and heading_close
            if level == 1 and title is None and not chapters and not paragraphs:
                title = heading
            else:
                if paragraphs or current_title is not None:
                    chapters.append(Chapter(current_title, tuple(paragraphs), url, image))
                current_title, paragraphs, url, image = heading, [], link, None
        elif token.type == "table_open":
            rows, i = _table_rows(tokens, i)
            paragraphs.extend(Paragraph(row, "quote" if quote_depth else "prose") for row in rows)
        elif token.type == "inline" and tokens[i - 1].type == "paragraph_open":
            image = image or _image(_first_attr(token, "image", "src"), path)
            spoken = _inline_text(token)
            if spoken and not _FOOTNOTE_TEXT.match(token.content):
                kind: ParagraphKind = "quote" if quote_depth else "prose"
                paragraphs.append(Paragraph(spoken, kind))
        i += 1
    chapters.append(Chapter(current_title, tuple(paragraphs), url, image))
    return title, chapters


def _table_rows(tokens: list[Token], start: int) -> tuple[list[str], int]:
    """Each body row of the table opening at *start* as a sentence, and the index of its end.

    A listener cannot see the columns, so every cell is said after its
    column's heading: ``Year: 2022, Wells: 4.``
    """
    headings: list[str] = []
    rows: list[str] = []
    cells: list[str] = []
    i = start
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "inline":
            cells.append(_inline_text(token))
        elif token.type == "tr_close":
            if not headings:
                headings = cells
            elif any(cells):
                pairs = [f"{heading}: {cell}" if heading else cell
                         for heading, cell in zip(headings, cells, strict=False) if cell]
                rows.append(", ".join(pairs).rstrip(".") + ".")
            cells = []
        i += 1
    return rows, i


def _first_attr(token: Token, child_type: str, attr: str) -> str | None:
    """The *attr* of the first *child_type* child of an inline token (a link's href, an image's src)."""
    for child in token.children or []:
        if child.type == child_type and child.attrGet(attr):
            return str(child.attrGet(attr))
    return None


def _inline_text(token: Token) -> str:
    """What a listener should hear of an inline token: text, link text, code text."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        # images, html_inline and link URLs carry nothing to speak
    return " ".join(_FOOTNOTE_MARK.sub("", "".join(parts)).split())


def _image(value: Any, path: Path | None) -> str | None:
    """A URL as written; a local path made absolute against the story's folder."""
    if not value:
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*://", str(value), re.IGNORECASE):
        return str(value)
    return str((path.parent if path else Path.cwd()) / str(value))


def _optional_str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _optional_int(value: Any, key: str, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise StoryError(f"{name}: front matter {key!r} must be a whole number, not {value!r}") from None


def _parse_date(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise StoryError(f"{name}: front matter 'date' must be YYYY-MM-DD, not {value!r}") from None
