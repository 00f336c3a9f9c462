"""Script stage: decide exactly what will be spoken, segment by segment.

A :class:`~storyaudio.models.Story` becomes a :class:`~storyaudio.models.Script`:
the title, each chapter heading and each sentence become a
:class:`~storyaudio.models.Segment` with the text as written (for
transcripts), the text to speak (normalised for a voice) and the pause after it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

import pysbd

from .lexicon import Lexicon
from .models import Chapter, Paragraph, Script, ScriptChapter, Segment, SegmentKind, Story
from .normalise import abbreviations_within, normalise
from .normalise.english.tables import MAYBE_FINAL, NEVER_FINAL
from .normalise.numbers import primary_language
from .settings import Pauses
from .words import written_spans

DEFAULT_MAX_CHARS = 400
"""Longest text handed to a voice in one call; longer sentences split at clauses."""


def write_script(
    story: Story,
    pauses: Pauses = Pauses(),
    max_chars: int = DEFAULT_MAX_CHARS,
    lexicon: Lexicon | None = None,
    read_appeals: bool = False,
) -> Script:
    """Turn *story* into the narration script.

    The title is spoken first, then each chapter's heading (if it has one) and
    its sentences. Character offsets refer to :func:`story_text`. Spoken text
    is normalised (numbers, abbreviations, symbols) after the *lexicon*.
    Paragraphs marked ``appeal`` (the call to give after a scraped story) are
    kept as skipped segments, unless *read_appeals* (the show's choice; the story's own
    ``appeal: read`` or ``appeal: skip`` wins). Quoted speech inside a
    sentence is marked in its :attr:`~storyaudio.models.Segment.parts`.
    """
    if story.appeal:
        read_appeals = story.appeal == "read"
    builder = _ScriptBuilder(story, pauses, max_chars, lexicon, read_appeals)
    return builder.build()


_QUOTE_MARK = '"'


def quoted_parts(spoken: str, in_quote: bool) -> tuple[tuple[tuple[SegmentKind, str], ...], bool]:
    """Split *spoken* into narration and quoted speech, and say whether a quote is still open at its
    end (quotes run across sentences: the opening mark in one, the closing in a later one).

    Each quote keeps its marks and the punctuation inside them; no pause is added between parts.
    Returns no parts for a sentence without quoted speech.
    """
    if _QUOTE_MARK not in spoken and not in_quote:
        return (), False
    parts: list[tuple[SegmentKind, str]] = []
    current, quoting = "", in_quote
    for char in spoken:
        if char == _QUOTE_MARK and not quoting:
            if current.strip():
                parts.append(("sentence", current.strip()))
            current, quoting = char, True
        elif char == _QUOTE_MARK:
            parts.append(("quote", (current + char).strip()))
            current, quoting = "", False
        else:
            current += char
    if current.strip():
        parts.append(("quote" if quoting else "sentence", current.strip()))
    speech: list[tuple[SegmentKind, str]] = []
    for kind, text in parts:
        if speech and not any(ch.isalnum() for ch in text):
            speech[-1] = (speech[-1][0], f"{speech[-1][1]}{text}")  # a closing full stop stays with its words
        else:
            speech.append((kind, text))
    if not any(kind == "quote" for kind, _ in speech):
        return (), quoting
    return tuple(speech), quoting


def story_text(story: Story) -> str:
    """The story as one plain text: title, headings and paragraphs, blank-line separated.

    Segment offsets (``start_char``, ``end_char``) index into this text.
    """
    blocks = [story.title]
    for chapter in story.chapters:
        if chapter.title:
            blocks.append(chapter.title)
        blocks.extend(paragraph.text for paragraph in chapter.paragraphs)
    return "\n\n".join(blocks)


def split_sentences(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Character spans of the sentences in *text*, found by pysbd.

    pysbd survives many abbreviations (Dr., U.S., e.g.), initials, decimals
    and ellipses, which naive splitting on full stops does not. In English,
    every abbreviation the normaliser expands is then kept with what follows
    it: a title (``Cllr.``, ``Insp.``) or ``Vol.`` never ends a sentence, and
    one that may (``Ltd.``, ``etc.``) does only when the next word starts with
    a capital letter.
    """
    spans = _pysbd_spans(text, language)
    if primary_language(language) == "en":
        return _rejoin_after_abbreviations(text, spans)
    never, maybe = abbreviations_within(language)
    return _rejoin_after_short_forms(text, spans, never, maybe) if never or maybe else spans


def _rejoin_after_short_forms(text: str, spans: list[tuple[int, int]], never: frozenset[str],
                              maybe: frozenset[str]) -> list[tuple[int, int]]:
    """Other languages' abbreviations, which may be several words (``z. B.``, ``p. ej.``): a sentence
    that ends in one that never ends a sentence (``Sr.``, ``Nr.``) runs on; one that ends in ``etc.``
    runs on when the next starts in lower case or with a digit."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            previous = text[joined[-1][0]:joined[-1][1]]
            ending = _short_form_at_end(previous, never | maybe)
            following = text[start:start + 1]
            inside = following in "-,;:)"  # ``c.-à-d.`` cut after ``c.``
            if inside or (ending and (ending in never or following.islower() or following.isdigit())):
                joined[-1] = (joined[-1][0], end)
                continue
        joined.append((start, end))
    return joined


def _short_form_at_end(sentence: str, forms: frozenset[str]) -> str:
    """The short form *sentence* ends with, standing as a word of its own, or ``""``."""
    for form in forms:
        if sentence.endswith(form) and (len(sentence) == len(form) or not sentence[-len(form) - 1].isalnum()):
            return form
    return ""


_LAST_WORDS = re.compile(r"(?:^|\s)(?:(\S+)\s+)?(\S+)$")
_STREET_ABBREVIATIONS = ("St.", "Dr.")
"""A title before a name, a street after one (``Elm St.`` may end a sentence; ``St. Mary's`` may not)."""


_STREET_THEN_SENTENCE = re.compile(
    r"(?<=[a-z] )[A-Z][a-z]+ (?:St|Dr|Rd|Ave)\.(?= (?:It|The|We|They|He|She|I|This|That|There|A|An|In|On|At|"
    r"Then|But|And|So|Our|Its|His|Her|Their)\b)")


def _split_after_streets(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``She lives on Elm St. It is quiet.``: pysbd keeps ``St.`` inside the sentence; after a street's
    name and before a word that starts sentences, it ends one."""
    result: list[tuple[int, int]] = []
    for start, end in spans:
        for match in _STREET_THEN_SENTENCE.finditer(text, start, end):
            result.append((start, match.end()))
            start = match.end() + 1
        result.append((start, end))
    return result


def _rejoin_after_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for start, end in _split_after_streets(text, spans):
        if joined:
            previous_start, previous_end = joined[-1]
            last = _LAST_WORDS.search(text[previous_start:previous_end])
            before, word = (last.group(1) or "", last.group(2).lstrip("(\"'“‘")) if last else ("", "")
            following = text[start:start + 1]
            may_end = word in MAYBE_FINAL or (word in _STREET_ABBREVIATIONS and before[:1].isupper())
            inside = following in ",;:)"  # ``Liverpool St., where``: the abbreviation ended no sentence
            continues = following.islower() or following.isdigit()
            runs_on = (word in NEVER_FINAL and not may_end) or (may_end and continues)
            if inside or runs_on:
                joined[-1] = (previous_start, end)
                continue
        joined.append((start, end))
    return joined


def _pysbd_spans(text: str, language: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for span in _segmenter(_pysbd_language(language)).segment(text):
        start, end = span.start, span.end
        # pysbd includes trailing whitespace in a span; trim it on both sides.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+(?=[—–-]\s)|(?<=[—–])\s*")


def split_long(text: str, max_chars: int) -> list[str]:
    """Split a sentence longer than *max_chars* at clause boundaries, never inside a word.

    Commas, semicolons, colons and dashes are preferred; a clause that is still
    too long falls back to the last space before the limit.
    """
    if len(text) <= max_chars:
        return [text]
    pieces: list[str] = []
    current = ""
    for clause in (c for c in _CLAUSE_BREAK.split(text) if c):
        candidate = f"{current} {clause}".strip() if current else clause
        if len(candidate) <= max_chars:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = clause
        while len(current) > max_chars:
            cut = current.rfind(" ", 0, max_chars)
            if cut <= 0:
                cut = max_chars  # one enormous "word": no better place exists
            pieces.append(current[:cut].strip())
            current = current[cut:].strip()
    if current:
        pieces.append(current)
    return pieces


class _ScriptBuilder:
    def __init__(self, story: Story, pauses: Pauses, max_chars: int, lexicon: Lexicon | None,
                 read_appeals: bool = False) -> None:
        self.story = story
        self.read_appeals = read_appeals
        self.skipped: list[Segment] = []
        self.lexicon = lexicon
        self.pauses = pauses
        self.max_chars = max_chars
        self.offset = 0  # position in story_text(story)
        self.block = -1  # index of the current title, heading or paragraph
        self.segments: list[Segment] = []

    def build(self) -> Script:
        chapters: list[ScriptChapter] = []
        for index, chapter in enumerate(self.story.chapters):
            self.segments, self.skipped = [], []
            if index == 0:
                self._add(index, "title", self.story.title, self.pauses.paragraph_ms)
            if chapter.title:
                appeal = bool(chapter.paragraphs) and all(p.kind == "appeal" for p in chapter.paragraphs)
                self._add(index, "appeal" if appeal and not self.read_appeals else "heading", chapter.title,
                          self.pauses.paragraph_ms)
            self._add_paragraphs(index, chapter)
            if self.segments:
                self._set_last_pause(self.pauses.chapter_ms)
            title = chapter.title or self.story.title
            chapters.append(ScriptChapter(title, tuple(self.segments), chapter.url, chapter.image,
                                          tuple(self.skipped), chapter.part_of))
        return Script(self.story, tuple(chapters))

    def _add_paragraphs(self, index: int, chapter: Chapter) -> None:
        for paragraph in chapter.paragraphs:
            self._add_paragraph(index, paragraph)
            self._set_last_pause(self.pauses.paragraph_ms)

    def _add_paragraph(self, index: int, paragraph: Paragraph) -> None:
        kind: SegmentKind = "quote" if paragraph.kind == "quote" else "sentence"
        if paragraph.kind == "appeal" and not self.read_appeals:
            kind = "appeal"
        target = self.skipped if kind == "appeal" else self.segments
        base = self.offset
        self.block += 1
        in_quote = False
        for start, end in split_sentences(paragraph.text, self.story.language):
            sentence = paragraph.text[start:end]
            cursor = base + start
            for piece in split_long(sentence, self.max_chars):
                piece_start = paragraph.text.find(piece, cursor - base)
                piece_start = base + (piece_start if piece_start >= 0 else start)
                spoken = normalise(piece, self.story.language, self.lexicon)
                parts: tuple[tuple[SegmentKind, str], ...] = ()
                if kind == "sentence":
                    parts, in_quote = quoted_parts(spoken, in_quote)
                if spoken:
                    target.append(
                        Segment(index, kind, piece, spoken, piece_start,
                                piece_start + len(piece), self.pauses.sentence_ms, self.block, parts,
                                self._words(piece, spoken))
                    )
                cursor = piece_start + len(piece)
        self.offset = base + len(paragraph.text) + 2

    def _add(self, index: int, kind: SegmentKind, text: str, pause_ms: int) -> None:
        spoken = normalise(text, self.story.language, self.lexicon)
        self.block += 1
        if spoken:
            (self.skipped if kind == "appeal" else self.segments).append(
                Segment(index, kind, text, spoken, self.offset, self.offset + len(text), pause_ms,
                        self.block, words=self._words(text, spoken))
            )
        self.offset += len(text) + 2

    def _words(self, written: str, spoken: str) -> tuple[tuple[int, int], ...]:
        """Which written word each spoken word reads (see :func:`storyaudio.words.written_spans`)."""
        return written_spans(written, spoken, lambda text: normalise(text, self.story.language, self.lexicon))

    def _set_last_pause(self, pause_ms: int) -> None:
        if self.segments:
            self.segments[-1] = replace(self.segments[-1], pause_ms=pause_ms)


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def _pysbd_language(language: str) -> str:
    """pysbd knows two-letter codes; fall back to English for the rest."""
    code = language.split("-")[0].split("_")[0].lower()
    from pysbd.languages import LANGUAGE_CODES

    return code if code in LANGUAGE_CODES else "en"
