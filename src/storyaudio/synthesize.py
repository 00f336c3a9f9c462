"""Synthesis stage: one clip per segment, from the cache when possible, in parallel when asked.

Segments missing from the cache are spoken in this process, or sent to any
:class:`concurrent.futures.Executor`: a local process pool (``--jobs``) or a
Dask cluster's executor (``--dask``). Workers build their engine from the
voice profile once and reuse it. Clips come back in story order whatever
order they finish in, and each is cached the moment it arrives, so a build
killed halfway resumes from what it had made.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, replace

import numpy as np

from .cache import ClipCache, ClipRef, clip_key
from .engines import Engine, create_engine
from .errors import SynthesisError, first_line
from .models import Clip, Segment
from .voices import VoiceProfile
from .words import estimate_word_samples, spoken_words

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SynthesisProgress:
    """Reported after each segment, so a caller can draw a progress bar."""

    done: int
    total: int
    cached: bool
    audio_ms: int
    segment: int = -1
    """Index of the segment just finished in the list given (-1 when not known)."""


ProgressCallback = Callable[[SynthesisProgress], None]


def synthesize(
    segments: Sequence[Segment],
    engine: Engine,
    cache: ClipCache | None = None,
    progress: ProgressCallback | None = None,
    story: str = "",
    *,
    roles: Mapping[str, Engine] | None = None,
    executor: Executor | None = None,
) -> list[Clip]:
    """Return a clip for each segment, in the same order.

    *roles* maps a segment kind (``heading``, ``quote``) to another engine.
    Clips found in *cache* are reused; the others are synthesised (through
    *executor* when given) and stored. A failure names the story and sentence.
    """
    refs = _synthesize(segments, engine, cache, progress, story, roles, executor, keep=True)
    if cache:
        cache.report_damage()
    return [clip for clip in refs if isinstance(clip, Clip)]


def synthesize_to_cache(
    segments: Sequence[Segment],
    engine: Engine,
    cache: ClipCache,
    progress: ProgressCallback | None = None,
    story: str = "",
    *,
    roles: Mapping[str, Engine] | None = None,
    executor: Executor | None = None,
) -> list[Clip | ClipRef]:
    """Like :func:`synthesize`, but leave the audio in *cache* and return references to it.

    Memory then does not grow with the story's length. A clip the cache could
    not store (an unwritable cache) is returned as a :class:`Clip` instead.
    """
    refs = _synthesize(segments, engine, cache, progress, story, roles, executor, keep=False)
    cache.report_damage()
    return refs


def _synthesize(
    segments: Sequence[Segment], engine: Engine, cache: ClipCache | None,
    progress: ProgressCallback | None, story: str, roles: Mapping[str, Engine] | None,
    executor: Executor | None, keep: bool,
) -> list[Clip | ClipRef]:
    roles = roles or {}
    engines = [roles.get(segment.kind, engine) for segment in segments]
    identities = {id(e): e.identity() for e in [*engines, *roles.values()]}
    turns = [_turns(segment, voice, roles) for segment, voice in zip(segments, engines, strict=True)]
    keys = [clip_key(identities[id(e)], s.spoken) if not turn else
            clip_key("+".join(identities[id(voice)] for voice, _ in turn), json.dumps([t for _, t in turn]))
            for e, s, turn in zip(engines, segments, turns, strict=True)]
    clips: list[Clip | ClipRef | None] = [None] * len(segments)
    done = 0

    def finished(index: int, clip: Clip | ClipRef, cached: bool) -> None:
        nonlocal done
        if isinstance(clip, Clip) and not cached:
            clip = with_word_times(clip, segments[index].spoken)
        if isinstance(clip, Clip) and not cached and cache and cache.put(keys[index], clip):
            stored = cache.ref(keys[index])  # another build's clip may have been there first
            if stored is not None and not keep:
                clip = stored
            elif stored is not None and stored.frames != len(clip.samples):
                clip = cache.get(keys[index]) or clip
        for same in duplicates[keys[index]]:  # a sentence said twice is synthesised once
            clips[same] = clip
            done += 1
            if progress:
                progress(SynthesisProgress(done, len(segments), cached or same != index, clip.duration_ms,
                                              same))

    duplicates: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        duplicates.setdefault(key, []).append(index)
    for key, indices in duplicates.items():
        found: Clip | ClipRef | None = None
        if cache and keep:
            found = cache.get(key)
        elif cache:
            found = cache.ref(key)
        if found is not None:
            finished(indices[0], found, cached=True)
    missing = [indices[0] for indices in duplicates.values() if clips[indices[0]] is None]

    def failure(index: int, error: BaseException) -> SynthesisError:
        where = f"{story}: " if story else ""
        return SynthesisError(
            f"{where}sentence {index + 1} ({segments[index].source[:50]!r}): {error}")

    if executor is None or len(missing) < 2:
        for index in missing:
            try:
                clip = join_clips([spoken(voice, text) for voice, text in turns[index]]) if turns[index] \
                    else spoken(engines[index], segments[index].spoken)
            except SynthesisError as error:
                raise failure(index, error) from error
            finished(index, clip, cached=False)
    else:
        futures: dict[Future[Clip], int] = {
            (executor.submit(speak_turns, [(worker_profile(voice), text) for voice, text in turns[index]])
             if turns[index] else executor.submit(speak, worker_profile(engines[index]), segments[index].spoken)):
            index for index in missing
        }
        try:
            for future in as_completed(futures):
                index = futures[future]
                try:
                    clip = future.result()
                except SynthesisError as error:
                    raise failure(index, error) from error
                finished(index, clip, cached=False)
        finally:
            for future in futures:
                future.cancel()
    return [clip for clip in clips if clip is not None]


def _turns(segment: Segment, voice: Engine, roles: Mapping[str, Engine]) -> list[tuple[Engine, str]]:
    """The voices' turns in a sentence with quoted speech, when the show gives quotes a voice of
    their own (``[roles] quote``); empty when one voice reads the whole segment."""
    quote = roles.get("quote")
    if quote is None or not segment.parts or segment.kind != "sentence":
        return []
    return [(quote if kind == "quote" else voice, text) for kind, text in segment.parts]


def join_clips(clips: Sequence[Clip]) -> Clip:
    """One clip of *clips* said one after the other, with no pause added, at the first one's rate
    (another voice's clip is resampled to it). Word timings are kept when every clip has them."""
    rate = clips[0].sample_rate
    placed = [clip.at_rate(rate) for clip in clips]
    words: list[tuple[int, int]] = []
    offset = 0
    for clip in placed:
        words += [(offset + a, offset + b) for a, b in clip.words]
        offset += len(clip.samples)
    timed = all(clip.words for clip in placed)
    return Clip(np.concatenate([clip.samples for clip in placed]).astype(np.int16), rate,
                tuple(words) if timed else (), timed and any(clip.words_estimated for clip in placed))


def with_word_times(clip: Clip, spoken: str) -> Clip:
    """*clip* with one timing per spoken word: the engine's own when it gave one per word, else
    spread over the voiced audio by length and marked as estimated."""
    words = [spoken[a:b] for a, b in spoken_words(spoken)]
    if len(clip.words) == len(words):
        return clip
    return Clip(clip.samples, clip.sample_rate, estimate_word_samples(clip.samples, words), True)


def worker_profile(engine: Engine) -> VoiceProfile:
    """The profile a worker rebuilds *engine* from: one ONNX thread each, since workers run side by side."""
    profile: VoiceProfile = engine.profile
    if profile.engine == "piper":
        return replace(profile, settings={**profile.settings, "threads": 1})
    return profile


_worker_engines: dict[str, Engine] = {}


def speak_turns(turns: Sequence[tuple[VoiceProfile, str]]) -> Clip:
    """Synthesise a sentence in the voices' turns in a worker process (see :func:`speak`)."""
    return join_clips([speak(profile, text) for profile, text in turns])


def speak(profile: VoiceProfile, text: str) -> Clip:
    """Synthesise *text* in a worker process, loading the profile's engine once per process."""
    key = json.dumps([profile.name, profile.engine, profile.language, dict(profile.settings),
                      str(profile.path)], sort_keys=True, default=str)
    engine = _worker_engines.get(key)
    if engine is None:
        engine = _worker_engines[key] = create_engine(profile)
    return spoken(engine, text)


def spoken(engine: Engine, text: str) -> Clip:
    """*engine*'s clip of *text*, checked: whatever a plug-in engine raises, or a clip that is not
    16-bit mono samples, becomes one :class:`SynthesisError` naming the engine (the caller adds
    the sentence), never a traceback."""
    try:
        clip = engine.synthesize(text)
    except SynthesisError:
        raise
    except Exception as error:  # noqa: BLE001 - a plug-in engine may raise anything
        message = first_line(error, 160) if str(error).strip() else ""
        raise SynthesisError(f"the {engine.name} engine failed ({type(error).__name__}"
                             f"{': ' + message if message else ''})") from error
    samples = getattr(clip, "samples", None)
    if not isinstance(samples, np.ndarray) or samples.dtype != np.int16 or samples.ndim != 1:
        kind = f"{samples.dtype} samples" if isinstance(samples, np.ndarray) else type(clip).__name__
        raise SynthesisError(f"the {engine.name} engine gave {kind}, not a clip of 16-bit mono samples")
    return clip
