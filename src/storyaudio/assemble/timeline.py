"""The episode's timeline: every clip and pause at an exact sample position.

Transcript cues and chapter marks are read off the timeline, so their times
are the real positions of the audio, never estimates. The audio itself is
streamed from it chunk by chunk, so memory does not grow with episode length
and stitching costs time linear in its length.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..cache import ClipRef
from ..models import ChapterMark, Clip, Cue, Script, ScriptChapter, Segment
from .readalong import cue_words


@dataclass(frozen=True)
class Placement:
    """One segment's clip, placed at ``start`` samples and followed by ``pause`` samples.

    The clip may still be in the cache (a :class:`ClipRef`); it is loaded, and
    brought to the timeline's rate, only while the audio streams to the encoder.
    """

    segment: Segment
    clip: Clip | ClipRef
    start: int
    length: int
    pause: int

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass(frozen=True)
class Timeline:
    sample_rate: int
    placements: tuple[Placement, ...]
    total_samples: int
    intro: Clip | None = None
    """Played before the first segment, followed by ``intro_pause`` samples of silence."""

    intro_pause: int = 0
    outro: Clip | None = None
    """Played after the last segment's pause."""

    beds: tuple[tuple[int, Clip], ...] = ()
    """Music mixed under the intro and the outro: (start sample, samples)."""

    @property
    def duration_ms(self) -> int:
        return self.to_ms(self.total_samples)

    def to_ms(self, samples: int) -> int:
        return round(samples * 1000 / self.sample_rate)

    def cues(self, at: FileMap | None = None) -> tuple[Cue, ...]:
        """One cue per segment, from its first to its last sample (in the file, when *at* is given)."""
        ms = at.ms if at is not None else self.to_ms
        cues = []
        for p in self.placements:
            words, estimated = cue_words(p.segment, p.clip, p.start, p.length, self.sample_rate, ms)
            cues.append(Cue(ms(p.start), ms(p.end), p.segment.source, p.segment.kind, p.segment.chapter,
                            p.segment.block, p.clip.key if isinstance(p.clip, ClipRef) else "", words, estimated))
        return tuple(cues)

    def chapter_marks(self, script: Script, at: FileMap | None = None,
                      duration_ms: int | None = None) -> tuple[ChapterMark, ...]:
        """Chapters as apps show them: the first starts at 0, each ends where the next starts."""
        ms = at.ms if at is not None else self.to_ms
        firsts: dict[int, Placement] = {}
        for placement in self.placements:
            firsts.setdefault(placement.segment.chapter, placement)
        starts: list[tuple[ScriptChapter, int]] = []
        for index, chapter in enumerate(script.chapters):
            if index in firsts:
                starts.append((chapter, 0 if not starts else ms(firsts[index].start)))
        ends = [start for _, start in starts[1:]] + [duration_ms if duration_ms is not None else self.duration_ms]
        return tuple(ChapterMark(chapter.title, start, end, chapter.url, chapter.image, chapter.part_of)
                     for (chapter, start), end in zip(starts, ends, strict=False))

    def spans(self) -> tuple[Span, ...]:
        """The timeline cut, at pauses, into pieces that are encoded (and cached) one by one.

        Cuts fall after paragraphs chosen by a hash of their words (about one
        in :data:`BLOCKS_PER_SPAN`), never by position, so editing one
        paragraph changes one span and leaves the others, and their cached
        MP3, as they were. A span grows to at most
        :data:`MAX_SPAN_S` seconds; the intro and the outro are spans of
        their own, shared by every episode of the show.
        """
        spans: list[Span] = []
        if self.intro is not None:
            spans.append(Span(0, len(self.intro.samples) + self.intro_pause))
        limit = MAX_SPAN_S * self.sample_rate
        start: int | None = None
        block_words: list[str] = []
        for index, placement in enumerate(self.placements):
            start = placement.start if start is None else start
            block_words.append(placement.segment.spoken)
            end = placement.end + placement.pause
            following = self.placements[index + 1].segment if index + 1 < len(self.placements) else None
            ends_block = following is None or following.block != placement.segment.block
            if following is None or (ends_block and _cut_after(block_words)) or end - start >= limit:
                spans.append(Span(start, end))
                start = None
            if ends_block:
                block_words = []
        if self.outro is not None:
            spans.append(Span(self.total_samples - len(self.outro.samples), self.total_samples))
        return tuple(spans)

    def pcm(self, span: Span) -> bytes:
        """The samples of *span* as little-endian 16-bit mono PCM, music bed mixed in.

        Clips still in the cache are read here, one span at a time, so memory
        is bounded by the longest span, not the episode.
        """
        out = np.zeros(span.end - span.start, dtype=np.int16)

        def place(at: int, samples: np.ndarray, mix: bool = False) -> None:
            lo, hi = max(at, span.start), min(at + len(samples), span.end)
            if lo < hi:
                part = samples[lo - at:hi - at]
                if mix:  # the bed: add, and keep the sum inside 16 bits
                    part = np.clip(out[lo - span.start:hi - span.start].astype(np.int32) + part, -32768, 32767)
                out[lo - span.start:hi - span.start] = part

        if self.intro is not None:
            place(0, self.intro.samples)
        # Placements are in time order: start at the last one beginning before the span.
        first = max(bisect.bisect_right(self.placements, span.start, key=lambda p: p.start) - 1, 0)
        for placement in self.placements[first:]:
            if placement.start >= span.end:
                break
            if placement.end > span.start:
                clip = placement.clip.load() if isinstance(placement.clip, ClipRef) else placement.clip
                # rounding in resampling: pad or trim to the placed length, never shift
                place(placement.start, clip.at_rate(self.sample_rate).samples[:placement.length])
        if self.outro is not None:
            place(self.total_samples - len(self.outro.samples), self.outro.samples)
        for at, bed in self.beds:
            place(at, bed.samples, mix=True)
        return out.astype("<i2", copy=False).tobytes()

    def pcm_chunks(self) -> Iterator[bytes]:
        """The whole episode as 16-bit mono PCM, one span at a time."""
        for span in self.spans():
            yield self.pcm(span)


MAX_SPAN_S = 120
"""Longest stretch encoded in one piece (cuts then fall after any sentence). It bounds memory,
what an edit re-encodes, and how unevenly the spans share the encoder processes."""

BLOCKS_PER_SPAN = 6
"""Paragraphs per span on average (about a minute of speech). Smaller spans mean less to
re-encode after an edit, but more encoder start-ups (about 30 ms each) in a cold build."""


def _cut_after(block_words: list[str]) -> bool:
    digest = hashlib.sha256("\x00".join(block_words).encode()).digest()
    return int.from_bytes(digest[:4], "big") % BLOCKS_PER_SPAN == 0


@dataclass(frozen=True)
class Span:
    """A stretch of the timeline, ``start`` to ``end`` samples, that starts and ends in a pause."""

    start: int
    end: int


@dataclass(frozen=True)
class FileMap:
    """Where each span's audio landed in the MP3, so times are read off the file itself.

    Spans are encoded separately, and each MP3 piece starts with the encoder's
    delay and ends padded to a whole frame; ``offsets`` holds the position,
    in samples at ``file_rate``, where each span's first sample is heard.
    """

    spans: tuple[Span, ...]
    offsets: tuple[int, ...]
    rate: int
    """Sample rate of the timeline."""

    file_rate: int

    def ms(self, sample: int) -> int:
        """Milliseconds into the file at which timeline *sample* is heard."""
        index = max(bisect.bisect_right(self.spans, sample, key=lambda span: span.start) - 1, 0)
        span = self.spans[index]
        seconds = self.offsets[index] / self.file_rate + (sample - span.start) / self.rate
        return round(seconds * 1000)


def build_timeline(segments: Sequence[Segment], clips: Sequence[Clip | ClipRef], *,
                   intro: Clip | None = None, outro: Clip | None = None, bed: Clip | None = None,
                   fade_ms: int = 500, intro_pause_ms: int = 700) -> Timeline:
    """Place each clip after the previous one and its pause, between an optional intro and outro.

    A music *bed* is laid under the intro (and the pause after it) and under
    the outro, repeated or cut to fit and faded in and out over *fade_ms*.
    """
    if len(segments) != len(clips):
        raise ValueError(f"{len(segments)} segments but {len(clips)} clips")
    rate = clips[0].sample_rate if clips else 22050
    intro = intro.at_rate(rate) if intro is not None else None
    outro = outro.at_rate(rate) if outro is not None else None
    intro_pause = round(intro_pause_ms * rate / 1000) if intro is not None else 0
    placements: list[Placement] = []
    cursor = len(intro.samples) + intro_pause if intro is not None else 0
    for segment, clip in zip(segments, clips, strict=False):
        frames = clip.frames if isinstance(clip, ClipRef) else len(clip.samples)
        length = frames if clip.sample_rate == rate else round(frames * rate / clip.sample_rate)
        pause = round(segment.pause_ms * rate / 1000)
        placements.append(Placement(segment, clip, cursor, length, pause))
        cursor += length + pause
    beds: list[tuple[int, Clip]] = []
    if bed is not None:
        bed = bed.at_rate(rate)
        if intro is not None:
            beds.append((0, faded(looped(bed, len(intro.samples) + intro_pause), fade_ms)))
        if outro is not None:
            beds.append((cursor, faded(looped(bed, len(outro.samples)), fade_ms)))
    if outro is not None:
        cursor += len(outro.samples)
    return Timeline(rate, tuple(placements), cursor, intro, intro_pause, outro, tuple(beds))


def looped(clip: Clip, length: int) -> Clip:
    """*clip* repeated or cut to exactly *length* samples."""
    if len(clip.samples) == 0:
        return Clip(np.zeros(length, dtype=np.int16), clip.sample_rate)
    repeats = -(-length // len(clip.samples))
    return Clip(np.tile(clip.samples, repeats)[:length], clip.sample_rate)


def faded(clip: Clip, fade_ms: int) -> Clip:
    """*clip* with a linear fade in and out, so music is eased in and out, never cut."""
    samples = clip.samples.astype(np.float64)
    length = min(len(samples) // 2, round(fade_ms * clip.sample_rate / 1000))
    if length:
        ramp = np.linspace(0.0, 1.0, length, endpoint=False)
        samples[:length] *= ramp
        samples[-length:] *= ramp[::-1]
    return Clip(np.round(samples).astype(np.int16), clip.sample_rate)


