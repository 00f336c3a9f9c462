"""Encode a timeline to MP3 with broadcast loudness, span by span, reusing what is cached.

Loudness is normalised once per episode with one gain (see :mod:`.loudness`),
and a limiter for the true-peak ceiling.

The timeline is encoded in spans (see :meth:`Timeline.spans`), each into
MP3 frames of its own, and the frames are joined. A span's loudness reading
and its MP3 are kept in the cache under a hash of its samples and the
encoder settings, so after a one-paragraph edit only that paragraph's span
is measured and encoded again; the rest is copied. Spans are encoded in
parallel, one ffmpeg per core.

Every span's MP3 starts with the encoder's delay and ends padded to a whole
frame, so spans are heard a little later in the file than on the timeline;
:class:`FileMap` records where each landed, and cues and chapters are read
through it, so transcript times are those of the file itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from ..cache import ClipCache
from ..ffmpeg import ffmpeg_exe, run_ffmpeg, run_ffmpeg_command
from ..settings import AudioSettings
from .loudness import (
    GAIN_STEP_DB,
    SpanLoudness,
    gain_for,
    integrated_loudness,
    limit_db,
    limiter_acts,
    measure_span,
    to_step,
)
from .mp3frames import ENCODER_DELAY, count_frames, samples_per_frame
from .timeline import FileMap, Span, Timeline

LIMITER_SAMPLE_S = 60
LIMITER_SAMPLE_SHARE = 0.05
"""The limiter's loudness loss is read on the longest spans, together at least this long and
this share of the episode: enough of one voice to know, and a cost that grows with the episode."""

_T = TypeVar("_T")

_MEASURE_VERSION = "ebur128-momentary-1"
_ENCODER_VERSION = "libmp3lame-1"


def encode_mp3(timeline: Timeline, out: Path, settings: AudioSettings = AudioSettings(),
               cache: ClipCache | None = None, workers: int | None = None) -> FileMap:
    """Write *timeline* as a constant-bitrate MP3 at *out* (which the caller makes atomic).

    Returns where each span of the timeline lies in the file. With *cache*,
    spans measured or encoded before (same samples, same settings) are
    reused; without it every span is measured and encoded. *workers* ffmpeg
    processes run at once (default: one per core). Encoded spans wait on
    disk (in the cache, else a temporary folder) until they are joined, so
    memory does not grow with the episode's length.
    """
    spans = timeline.spans()
    reuse = cache is not None
    with tempfile.TemporaryDirectory(prefix="storyaudio-spans-") as scratch:
        store = cache or ClipCache(Path(scratch))
        with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            keys = _longest_first(pool, spans, lambda span: _measured(timeline, span, store, reuse))
            measured = dict(zip(spans, keys, strict=False))
            gain = _prefer_cached(gain_for([reading for _, reading in keys], settings), reuse,
                                  lambda candidate: sum(store.blob_path(_limited_name(*key, candidate, settings))
                                                        .is_file() for key in keys))
            if gain is not None and any(limiter_acts(reading, gain, settings) for _, reading in keys):
                # The limiter takes a little loudness wherever it acts. Read what it takes from the
                # longest spans (one voice's peaks are alike throughout) and raise the gain to match.
                sample = _limiter_sample(spans, timeline.sample_rate)
                trial = gain
                limited = _longest_first(pool, sample, lambda span: _limited(timeline, span, *measured[span], trial,
                                                                             settings, store, reuse))
                before = integrated_loudness([block + gain for span in sample if (reading := measured[span][1])
                                              for block in reading.blocks])
                after = integrated_loudness([block for reading in limited if reading for block in reading.blocks])
                if before is not None and after is not None:
                    gain = to_step(gain + before - after)
            gain = _prefer_cached(gain, reuse, lambda candidate: sum(
                store.blob_path(_piece_name(key, reading, candidate, settings)).is_file() for key, reading in keys))
            pieces = _longest_first(pool, spans, lambda span: _encoded(timeline, span, *measured[span], gain,
                                                                       settings, store, reuse))
        offsets: list[int] = []
        heard = 0
        for _, frames in pieces:
            offsets.append(heard + ENCODER_DELAY)
            heard += frames * samples_per_frame(settings.sample_rate)
        _join([piece for piece, _ in pieces], out)
    return FileMap(spans, tuple(offsets), timeline.sample_rate, settings.sample_rate)


def _longest_first(pool: ThreadPoolExecutor, spans: Sequence[Span], work: Callable[[Span], _T]) -> list[_T]:
    """``work(span)`` for every span, results in span order, the longest spans started first.

    Spans differ a lot in length; starting the long ones first keeps every
    encoder process busy until the end instead of one finishing a long span
    alone.
    """
    futures = {span: pool.submit(work, span)
               for span in sorted(spans, key=lambda span: span.end - span.start, reverse=True)}
    return [futures[span].result() for span in spans]


def _measured(timeline: Timeline, span: Span, store: ClipCache,
              reuse: bool = True) -> tuple[str, SpanLoudness | None]:
    """The span's content key and its loudness (``None`` for silence), stored or measured."""
    pcm = timeline.pcm(span)
    key = hashlib.sha256(f"{timeline.sample_rate}\x00".encode() + pcm).hexdigest()
    name = f"{hashlib.sha256(f'{key}{_MEASURE_VERSION}'.encode()).hexdigest()}.json"
    return key, _stored_reading(store, name, reuse, lambda: measure_span(pcm, timeline.sample_rate))


def _stored_reading(store: ClipCache, name: str, reuse: bool,
                    measure: Callable[[], SpanLoudness | None]) -> SpanLoudness | None:
    """The loudness reading stored under *name*, else *measure*'s, stored for next time."""
    stored = store.blob(name) if reuse else None
    if stored is not None:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            data = json.loads(stored)
            return SpanLoudness(tuple(data["blocks"]), data["peak_db"]) if data else None
    reading = measure()
    store.put_blob(name, json.dumps({"blocks": reading.blocks, "peak_db": reading.peak_db}
                                    if reading else {}).encode())
    return reading


def _prefer_cached(gain: float | None, reuse: bool, cached: Callable[[float], int]) -> float | None:
    """*gain*, or a step either side of it if more spans' work is cached at that gain.

    An edit moves the episode's loudness a hair; when that tips the rounded
    gain over a step, keeping the earlier gain (0.375 dB from the ideal at
    most, well inside the 1 LU tolerance) spares measuring and re-encoding
    every span. *cached* counts the spans done at a candidate gain.
    """
    if gain is None or not reuse:
        return gain
    return max((gain, gain - GAIN_STEP_DB, gain + GAIN_STEP_DB), key=cached)


def _limiter_sample(spans: Sequence[Span], sample_rate: int) -> list[Span]:
    """The longest spans, together at least LIMITER_SAMPLE_S seconds and LIMITER_SAMPLE_SHARE of all."""
    total = sum(span.end - span.start for span in spans)
    wanted = max(LIMITER_SAMPLE_S * sample_rate, LIMITER_SAMPLE_SHARE * total)
    sample: list[Span] = []
    taken = 0
    for span in sorted(spans, key=lambda span: span.end - span.start, reverse=True):
        if taken >= wanted:
            break
        sample.append(span)
        taken += span.end - span.start
    return sample


def _limited(timeline: Timeline, span: Span, key: str, reading: SpanLoudness | None, gain: float,
             settings: AudioSettings, store: ClipCache, reuse: bool = True) -> SpanLoudness | None:
    """The span's loudness after *gain* and, where it acts, the limiter (stored or measured)."""
    if reading is None or not limiter_acts(reading, gain, settings):
        return None if reading is None else SpanLoudness(tuple(b + gain for b in reading.blocks),
                                                         reading.peak_db + gain)
    filters = _filters(reading, gain, settings, mono=True)
    return _stored_reading(store, _limited_name(key, reading, gain, settings), reuse,
                           lambda: measure_span(timeline.pcm(span), timeline.sample_rate, filters))


def _limited_name(key: str, reading: SpanLoudness | None, gain: float | None, settings: AudioSettings) -> str:
    recipe = [key, _filters(reading, gain, settings, mono=True), _MEASURE_VERSION]
    return f"{hashlib.sha256(json.dumps(recipe).encode()).hexdigest()}.json"


def _piece_name(key: str, loudness: SpanLoudness | None, gain: float | None, settings: AudioSettings) -> str:
    """The cache name of a span's MP3: its samples' hash and everything the encoder is told."""
    recipe = [key, _filters(loudness, gain, settings), settings.bitrate_kbps, settings.sample_rate,
              settings.channels, settings.mp3_quality, _ENCODER_VERSION, Path(ffmpeg_exe()).name]
    return f"{hashlib.sha256(json.dumps(recipe).encode()).hexdigest()}.mp3"


def _encoded(timeline: Timeline, span: Span, key: str, loudness: SpanLoudness | None, gain: float | None,
             settings: AudioSettings, store: ClipCache, reuse: bool = True) -> tuple[Path | bytes, int]:
    """The span as bare MP3 frames (where they are stored, or the bytes), and how many frames."""
    filters = _filters(loudness, gain, settings)
    name = _piece_name(key, loudness, gain, settings)
    stored = store.blob(name) if reuse else None
    if stored is not None and (frames := count_frames(stored, strict=False)):
        return store.blob_path(name), frames
    mp3 = run_ffmpeg(timeline.pcm(span), timeline.sample_rate, [
        "-af", filters,
        "-ar", str(settings.sample_rate), "-ac", str(settings.channels),
        "-c:a", "libmp3lame", "-b:a", f"{settings.bitrate_kbps}k",
        "-compression_level", str(settings.mp3_quality),
        "-map_metadata", "-1", "-id3v2_version", "0", "-write_xing", "0",
        "-fflags", "+bitexact", "-flags:a", "+bitexact", "-f", "mp3", "pipe:1",
    ])[0]
    frames = count_frames(mp3)
    return (store.blob_path(name) if store.put_blob(name, mp3) else mp3), frames


def _filters(loudness: SpanLoudness | None, gain: float | None, settings: AudioSettings,
             mono: bool = False) -> str:
    """Gain, a limiter only where this span's peaks would pass the ceiling, and the channels.

    A stereo episode carries the mono narration in both channels at full
    level (*mono* leaves that out, for measuring).
    """
    filters = "anull" if gain is None else f"volume={gain:.2f}dB"
    if gain is not None and limiter_acts(loudness, gain, settings):
        filters += f",alimiter=limit={10 ** (limit_db(settings) / 20):.4f}:level=false:latency=true"
    if settings.channels == 2 and not mono:
        filters += ",pan=stereo|c0=c0|c1=c0"
    return filters


def _join(pieces: Sequence[Path | bytes], out: Path) -> None:
    """Write the pieces one after another, behind an Info header that counts every frame.

    ffmpeg only copies the frames here (no encoding); the header gives
    players the exact length and lets them seek.
    """
    command = [ffmpeg_exe(), "-hide_banner", "-nostats", "-nostdin", "-loglevel", "error",
               "-f", "mp3", "-i", "pipe:0", "-c:a", "copy", "-map_metadata", "-1", "-id3v2_version", "0",
               "-write_xing", "1", "-fflags", "+bitexact", "-f", "mp3", "-y", str(out)]
    run_ffmpeg_command(command, (piece if isinstance(piece, bytes) else piece.read_bytes() for piece in pieces))
