"""The values passed from one pipeline stage to the next.

Every stage takes and returns these frozen dataclasses, never dicts, so a
developer can replace one stage and still know exactly what it must accept
and produce::

    read_story(path)                          -> Story
    write_script(story)                       -> Script      (Segments grouped by chapter)
    synthesize(script.segments, engine)       -> list[Clip]  (one per Segment, same order)
    assemble(script, clips, folder, ...)      -> Episode     (MP3, transcripts, side files)
    publish_episode(out, show, episode, folder) -> the catalog: episode.json, feed, pages

Times are integer milliseconds (``*_ms``) or sample counts; paths are
:class:`pathlib.Path`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal, NamedTuple

import numpy as np
import numpy.typing as npt

from .layout import VTT_FILE

ParagraphKind = Literal["prose", "quote", "appeal"]
SegmentKind = Literal["title", "heading", "sentence", "quote", "appeal"]


@dataclass(frozen=True)
class Paragraph:
    """One block of prose as a listener should hear it (markup already removed)."""

    text: str
    """Plain text of the paragraph."""

    kind: ParagraphKind = "prose"
    """``quote`` for block quotations (the ``[roles] quote`` voice reads them); ``appeal`` for the
    call to give or sign up that follows a story on a scraped page (left out of the narration
    unless the show reads appeals, see :mod:`storyaudio.read.appeal`)."""


@dataclass(frozen=True)
class Chapter:
    """A run of paragraphs under one heading."""

    title: str | None
    """The heading; ``None`` for the text before the first heading."""

    paragraphs: tuple[Paragraph, ...]
    url: str | None = None
    """A link the chapter points to (a heading that is a link); podcast apps show it."""

    image: str | None = None
    """The chapter's picture: a URL, or an absolute path to a local file."""

    part_of: str | None = None
    """In an episode of several stories (``--episode``), the story this chapter is part of: its
    first chapter is the story's own, the rest its headings, nested under it (sub-chapters)."""


@dataclass(frozen=True)
class Story:
    """A story as read from its source, before anything is decided about speech."""

    title: str
    chapters: tuple[Chapter, ...]
    source: Path | None = None
    """Where the story was read from (``None`` for standard input and web pages)."""

    url: str | None = None
    """The story's page on the web, when it was read from one: its canonical URL, which decides
    the episode's identity (slug, guid, date) across rebuilds, and the feed and page link back to."""

    fetched_url: str | None = None
    """The address the page was fetched from (a feed's link, before redirects): ``--prune`` asks
    it, never the canonical URL, whether the story is gone."""

    slug: str = ""
    """URL- and file-safe name; set by the reader from front matter or the title."""

    author: str | None = None
    date: date | None = None
    language: str = "en"
    description: str | None = None
    image: str | None = None
    """Lead image: a local path (resolved against the story's folder) or a URL."""

    voice: str | None = None
    """A voice profile named by the story itself (front matter ``voice:``)."""

    appeal: str | None = None
    """``read`` or ``skip``: the story's own choice (front matter ``appeal:``) over the show's
    ``read_appeals`` for the appeal that ends it."""

    episode: int | None = None
    season: int | None = None
    content_hash: str = ""
    """SHA-256 of the source bytes: tells a rebuild whether the story changed."""


@dataclass(frozen=True)
class Segment:
    """One unit of narration: the text for one call of the voice engine."""

    chapter: int
    """Index into :attr:`Script.chapters`."""

    kind: SegmentKind
    source: str
    """The text as written, for transcripts and proof-reading."""

    spoken: str
    """The text handed to the voice engine (normalised for speech)."""

    start_char: int
    end_char: int
    """Offsets of :attr:`source` in :func:`storyaudio.script.story_text` of the story (title,
    headings and paragraphs joined by blank lines)."""

    pause_ms: int
    """Silence after this segment."""

    block: int = 0
    """Which block of the story (title, heading or paragraph, counted from 0) the segment is in."""

    parts: tuple[tuple[SegmentKind, str], ...] = ()
    """The spoken text in the voices' turns, when a sentence holds quoted speech:
    ``(("quote", '"We walked for days,"'), ("sentence", "she said."))``. Joined, the parts
    are :attr:`spoken`; a show with a ``[roles] quote`` voice has it read the quoted parts.
    Empty for a sentence one voice reads whole."""

    words: tuple[tuple[int, int], ...] = ()
    """For each word of :attr:`spoken` (as :func:`storyaudio.words.spoken_words` splits it), the
    span of :attr:`source` it was read from: ``£1.5m`` for each of "one point five million
    pounds". Read-along highlights the written words with it."""


@dataclass(frozen=True)
class ScriptChapter:
    title: str
    segments: tuple[Segment, ...]
    url: str | None = None
    image: str | None = None
    """As in :class:`Chapter`."""

    skipped: tuple[Segment, ...] = ()
    """Segments written on the page but not narrated (kind ``appeal``: the call to give or sign
    up after a scraped story); ``storyaudio script`` shows them as skipped."""

    part_of: str | None = None
    """As in :class:`Chapter`."""


@dataclass(frozen=True)
class Script:
    """What will be spoken, chapter by chapter: the proof-readable narration."""

    story: Story
    chapters: tuple[ScriptChapter, ...]

    @property
    def segments(self) -> list[Segment]:
        """Every segment in speaking order."""
        return [segment for chapter in self.chapters for segment in chapter.segments]


@dataclass(frozen=True, eq=False)
class Clip:
    """The audio of one segment: mono 16-bit PCM at a known rate, so durations are exact."""

    samples: npt.NDArray[np.int16]
    sample_rate: int
    words: tuple[tuple[int, int], ...] = ()
    """Where each spoken word of the segment is heard: (first sample, end sample), one per word
    of :attr:`Segment.spoken`. Empty when nobody timed them."""

    words_estimated: bool = False
    """True when :attr:`words` are spread by word length rather than known from the voice."""

    @property
    def duration_ms(self) -> int:
        return round(len(self.samples) * 1000 / self.sample_rate)

    def at_rate(self, rate: int) -> Clip:
        """This clip at *rate* (linear interpolation; clips of one voice already match)."""
        if self.sample_rate == rate or len(self.samples) == 0:
            return self
        length = round(len(self.samples) * rate / self.sample_rate)
        positions = np.linspace(0, len(self.samples) - 1, num=length)
        samples = np.interp(positions, np.arange(len(self.samples)), self.samples.astype(np.float64))
        words = tuple((round(a * rate / self.sample_rate), round(b * rate / self.sample_rate))
                      for a, b in self.words)
        return Clip(np.round(samples).astype(np.int16), rate, words, self.words_estimated)


class WordTime(NamedTuple):
    """When a written word (or a stretch said as one, like ``£1.5m``) is heard in the episode."""

    start_ms: int
    end_ms: int
    start_char: int
    end_char: int
    """The word's span in its cue's :attr:`Cue.text`."""


@dataclass(frozen=True)
class Cue:
    """Where one segment sits on the episode's timeline."""

    start_ms: int
    end_ms: int
    text: str
    kind: SegmentKind
    chapter: int
    block: int = 0
    """The story block (title, heading, paragraph) it belongs to; pages group cues by it."""

    clip: str = ""
    """The cache key of the segment's clip (empty when it was not cached): the listening check
    hears the clip itself, so what it heard before stays valid across rebuilds."""

    words: tuple[WordTime, ...] = ()
    """The cue's written words in speaking order, each with when it is heard (read-along)."""

    words_estimated: bool = False
    """True when the voice could not time its words and they were spread by length."""


@dataclass(frozen=True)
class ChapterMark:
    """A chapter as the audio file and apps see it."""

    title: str
    start_ms: int
    end_ms: int
    url: str | None = None
    image: str | None = None
    """The chapter's picture: a file beside the MP3 (``chapter-N.jpg``) or a URL elsewhere."""

    part_of: str | None = None
    """The story it is part of, in an episode of several (see :attr:`Chapter.part_of`): the ID3
    table of contents nests the story's chapters under it."""

    @property
    def listed_title(self) -> str:
        """The title in a flat chapter list (an app's, ``chapters.json``): a story's own heading
        says which story it belongs to (``Bread & Salt: Morning``), since most apps show no nesting."""
        return f"{self.part_of}: {self.title}" if self.part_of and self.title != self.part_of else self.title


@dataclass(frozen=True)
class Episode:
    """A built episode: the facts the feed and the pages need, as stored in ``episode.json``."""

    slug: str
    title: str
    guid: str
    pub_date: str
    """RFC 2822 date with zone; kept from the first build so apps see no new episode."""

    duration_ms: int
    size_bytes: int
    audio_file: str
    """File name of the MP3, relative to the episode folder."""

    chapters: tuple[ChapterMark, ...]
    cues: tuple[Cue, ...] = field(repr=False)
    transcript_file: str = VTT_FILE
    author: str | None = None
    description: str | None = None
    language: str = "en"
    source: str | None = None
    content_hash: str = ""
    build_key: str = ""
    """Hash of everything that shapes the audio; an unchanged key means nothing to rebuild."""

    episode: int | None = None
    season: int | None = None
    url: str | None = None
    """The original story's page on the web (``Story.url``), linked from the feed and the page."""

    fetched_url: str | None = None
    """Where that page was fetched from (``Story.fetched_url``); None for episodes built before."""

    appeal_skipped: int = 0
    """Sentences of the appeal after the story left out of the narration (``read_appeals``)."""

    credits: tuple[str, ...] = ()
    """Who reads it, one line per voice ("Read by a synthetic voice: Piper en_GB-alba-medium
    (CC BY 4.0)"): shown on the page and in the feed, and in the MP3's tags."""

    audio_sha256: str = ""
    """SHA-256 of the MP3 as built: ``check --listen`` may hear cached clips instead only while the
    published file still has it ("" for episodes built before: the MP3 is always heard)."""
