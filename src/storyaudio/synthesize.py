"""Synthesis stage: one clip per segment, from the cache when possible."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .cache import ClipCache, clip_key
from .engines import Engine
from .errors import SynthesisError
from .models import Clip, Segment

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SynthesisProgress:
    """Reported after each segment, so a caller can draw a progress bar."""

    done: int
    total: int
    cached: bool
    audio_ms: int


ProgressCallback = Callable[[SynthesisProgress], None]


def synthesize(
    segments: Sequence[Segment],
    engine: Engine,
    cache: ClipCache | None = None,
    progress: ProgressCallback | None = None,
    story: str = "",
) -> list[Clip]:
    """Return a clip for each segment, in the same order.

    Clips found in *cache* are reused; new ones are synthesised and stored.
    A failure names the story and the sentence that failed.
    """
    identity = engine.identity()
    clips: list[Clip] = []
    for number, segment in enumerate(segments, start=1):
        key = clip_key(identity, segment.spoken)
        clip = cache.get(key) if cache else None
        cached = clip is not None
        if clip is None:
            try:
                clip = engine.synthesize(segment.spoken)
            except SynthesisError as error:
                raise SynthesisError(f"{story}: sentence {number} ({segment.source[:50]!r}): {error}") from error
            if cache:
                cache.put(key, clip)
        clips.append(clip)
        if progress:
            progress(SynthesisProgress(number, len(segments), cached, clip.duration_ms))
    return clips
