"""The episode's timeline: every clip and pause at an exact sample position.

Transcript cues and chapter marks are read off the timeline, so their times
are the real positions of the audio, never estimates. The audio itself is
streamed from it chunk by chunk, so memory does not grow with episode length
and stitching costs time linear in its length.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..cache import ClipRef
from ..models import ChapterMark, Clip, Cue, Script, Segment


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

    @property
    def duration_ms(self) -> int:
        return self.to_ms(self.total_samples)

    def to_ms(self, samples: int) -> int:
        return round(samples * 1000 / self.sample_rate)

    def cues(self) -> tuple[Cue, ...]:
        """One cue per segment, from its first to its last sample."""
        return tuple(
            Cue(self.to_ms(p.start), self.to_ms(p.end), p.segment.source,
                p.segment.kind, p.segment.chapter, p.segment.block)
            for p in self.placements
        )

    def chapter_marks(self, script: Script) -> tuple[ChapterMark, ...]:
        """Chapters as apps show them: the first starts at 0, each ends where the next starts."""
        starts: list[tuple[str, int]] = []
        for index, chapter in enumerate(script.chapters):
            first = next((p for p in self.placements if p.segment.chapter == index), None)
            if first is not None:
                starts.append((chapter.title, 0 if not starts else self.to_ms(first.start)))
        ends = [start for _, start in starts[1:]] + [self.duration_ms]
        return tuple(ChapterMark(title, start, end) for (title, start), end in zip(starts, ends))

    def pcm_chunks(self) -> Iterator[bytes]:
        """The whole episode as little-endian 16-bit mono PCM, one clip or pause at a time."""
        if self.intro is not None:
            yield self.intro.samples.astype("<i2", copy=False).tobytes()
            yield bytes(2 * self.intro_pause)
        for placement in self.placements:
            clip = placement.clip.load() if isinstance(placement.clip, ClipRef) else placement.clip
            samples = resample(clip, self.sample_rate).samples
            yield samples[:placement.length].astype("<i2", copy=False).tobytes()
            if len(samples) < placement.length:  # rounding in resampling: pad, never shift
                yield bytes(2 * (placement.length - len(samples)))
            if placement.pause:
                yield bytes(2 * placement.pause)
        if self.outro is not None:
            yield self.outro.samples.astype("<i2", copy=False).tobytes()


def build_timeline(segments: Sequence[Segment], clips: Sequence[Clip | ClipRef], *,
                   intro: Clip | None = None, outro: Clip | None = None,
                   intro_pause_ms: int = 700) -> Timeline:
    """Place each clip after the previous one and its pause, between an optional intro and outro."""
    if len(segments) != len(clips):
        raise ValueError(f"{len(segments)} segments but {len(clips)} clips")
    rate = clips[0].sample_rate if clips else 22050
    intro = resample(intro, rate) if intro is not None else None
    outro = resample(outro, rate) if outro is not None else None
    intro_pause = round(intro_pause_ms * rate / 1000) if intro is not None else 0
    placements: list[Placement] = []
    cursor = len(intro.samples) + intro_pause if intro is not None else 0
    for segment, clip in zip(segments, clips):
        frames = clip.frames if isinstance(clip, ClipRef) else len(clip.samples)
        length = frames if clip.sample_rate == rate else round(frames * rate / clip.sample_rate)
        pause = round(segment.pause_ms * rate / 1000)
        placements.append(Placement(segment, clip, cursor, length, pause))
        cursor += length + pause
    if outro is not None:
        cursor += len(outro.samples)
    return Timeline(rate, tuple(placements), cursor, intro, intro_pause, outro)


def faded(clip: Clip, fade_ms: int) -> Clip:
    """*clip* with a linear fade in and out, so music is eased in and out, never cut."""
    samples = clip.samples.astype(np.float64)
    length = min(len(samples) // 2, round(fade_ms * clip.sample_rate / 1000))
    if length:
        ramp = np.linspace(0.0, 1.0, length, endpoint=False)
        samples[:length] *= ramp
        samples[-length:] *= ramp[::-1]
    return Clip(np.round(samples).astype(np.int16), clip.sample_rate)


def resample(clip: Clip, rate: int) -> Clip:
    """Bring *clip* to *rate* (linear interpolation; clips of one voice already match)."""
    if clip.sample_rate == rate or len(clip.samples) == 0:
        return clip
    length = round(len(clip.samples) * rate / clip.sample_rate)
    positions = np.linspace(0, len(clip.samples) - 1, num=length)
    samples = np.interp(positions, np.arange(len(clip.samples)), clip.samples.astype(np.float64))
    return Clip(np.round(samples).astype(np.int16), rate)
