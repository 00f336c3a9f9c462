"""Encode a timeline to MP3 with broadcast loudness, span by span, reusing what is cached.

Loudness is normalised once per episode (never per sentence, which makes the
volume jump): one gain for the whole episode, from ffmpeg's EBU R128 meter
read over every span, and a limiter for the true-peak ceiling.

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
import math
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar
from pathlib import Path

from ..cache import ClipCache
from ..errors import AudioError
from ..ffmpeg import ffmpeg_exe
from .timeline import FileMap, Span, Timeline


@dataclass(frozen=True)
class AudioSettings:
    """How episodes are encoded (show settings)."""

    bitrate_kbps: int = 64
    sample_rate: int = 44100
    channels: int = 1
    loudness_lufs: float | None = None
    """Integrated loudness target; ``None`` picks -19 LUFS for mono, -16 for stereo."""

    true_peak_db: float = -1.5
    """Ceiling aimed for before encoding; MP3 adds a little, and -1 dBTP must hold after."""

    intro: str = ""
    """Audio played before every episode (any format ffmpeg reads), faded in and out."""

    outro: str = ""
    """Audio played after every episode, faded in and out."""

    fade_ms: int = 500

    mp3_quality: int = 5
    """LAME's quality/speed trade-off (its ``-q``): 0 is best and slowest, 9 fastest. 5, LAME's
    "good quality, fast", costs about 0.7% of the audio's length in CPU time; 7 about a third less,
    with LAME's noise shaping off."""

    bed: str = ""
    """Music laid under the intro and the outro (repeated or cut to fit), faded in and out."""

    bed_db: float = -15.0
    """Level of the bed relative to its file: negative, so it stays under the intro and outro."""

    @property
    def target_lufs(self) -> float:
        if self.loudness_lufs is not None:
            return self.loudness_lufs
        return -19.0 if self.channels == 1 else -16.0


_MP3_LOSS_LU = 0.5
"""Loudness that MP3 encoding of speech typically takes away (measured on Piper speech at
64 kbps mono, 64 and 128 kbps stereo: the decoded MP3 reads 0.5 LU below the PCM encoded).
Aiming this much higher lands the file itself on the target; the tests measure the file."""

GAIN_STEP_DB = 0.25
"""The episode's gain is rounded to this step, so an edit that moves the episode's loudness by
a hair keeps the same gain, and every unchanged span's cached MP3 stays valid."""

ENCODER_DELAY = 576
"""Samples LAME puts before the audio in every MP3 it writes. A decoder also trims its own
529-sample delay when the file has an Info header (which the joined file has), leaving
this much before each span's first sample."""

LIMITER_SAMPLE_S = 60
LIMITER_SAMPLE_SHARE = 0.05
"""The limiter's loudness loss is read on the longest spans, together at least this long and
this share of the episode: enough of one voice to know, and a cost that grows with the episode."""

_T = TypeVar("_T")

_MEASURE_VERSION = "ebur128-momentary-1"
_ENCODER_VERSION = "libmp3lame-1"


@dataclass(frozen=True)
class SpanLoudness:
    """EBU R128 reading of one span: momentary loudness of every 400 ms block (100 ms apart)."""

    blocks: tuple[float, ...]
    peak_db: float
    """Sample peak: enough to tell whether the limiter will act (true peak is checked in tests)."""


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
            measured = dict(zip(spans, keys))
            gain = _prefer_cached(_gain_for([reading for _, reading in keys], settings), reuse,
                                  lambda candidate: sum(store.blob_path(_limited_name(*key, candidate, settings))
                                                        .is_file() for key in keys))
            if gain is not None and any(_limits(reading, gain, settings) for _, reading in keys):
                # The limiter takes a little loudness wherever it acts. Read what it takes from the
                # longest spans (one voice's peaks are alike throughout) and raise the gain to match.
                sample = _limiter_sample(spans, timeline.sample_rate)
                limited = _longest_first(pool, sample, lambda span: _limited(timeline, span, *measured[span], gain,
                                                                             settings, store, reuse))
                before = integrated_loudness([block + gain for span in sample if (reading := measured[span][1])
                                              for block in reading.blocks])
                after = integrated_loudness([block for reading in limited if reading for block in reading.blocks])
                if before is not None and after is not None:
                    gain = _step(gain + before - after)
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
    stored = store.blob(name) if reuse else None
    if stored is not None:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            data = json.loads(stored)
            return key, SpanLoudness(tuple(data["blocks"]), data["peak_db"]) if data else None
    loudness = measure_span(pcm, timeline.sample_rate)
    store.put_blob(name, json.dumps(
        {"blocks": loudness.blocks, "peak_db": loudness.peak_db} if loudness else {}).encode())
    return key, loudness


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
    for span in sorted(spans, key=lambda span: span.end - span.start, reverse=True):
        if sum(chosen.end - chosen.start for chosen in sample) >= wanted:
            break
        sample.append(span)
    return sample


def _limited(timeline: Timeline, span: Span, key: str, reading: SpanLoudness | None, gain: float,
             settings: AudioSettings, store: ClipCache, reuse: bool = True) -> SpanLoudness | None:
    """The span's loudness after *gain* and, where it acts, the limiter (stored or measured)."""
    if reading is None or not _limits(reading, gain, settings):
        return None if reading is None else SpanLoudness(tuple(b + gain for b in reading.blocks),
                                                         reading.peak_db + gain)
    name = _limited_name(key, reading, gain, settings)
    stored = store.blob(name) if reuse else None
    if stored is not None:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            data = json.loads(stored)
            return SpanLoudness(tuple(data["blocks"]), data["peak_db"]) if data else None
    after = measure_span(timeline.pcm(span), timeline.sample_rate, _filters(reading, gain, settings, mono=True))
    store.put_blob(name, json.dumps({"blocks": after.blocks, "peak_db": after.peak_db} if after else {}).encode())
    return after


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
    mp3 = _run_ffmpeg(timeline.pcm(span), timeline.sample_rate, [
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
    if gain is not None and _limits(loudness, gain, settings):
        # alimiter works on samples; staying 0.5 dB under the ceiling leaves room
        # for the inter-sample peaks that true-peak metering and MP3 decoding add.
        filters += f",alimiter=limit={10 ** (_limit_db(settings) / 20):.4f}:level=false:latency=true"
    if settings.channels == 2 and not mono:
        filters += ",pan=stereo|c0=c0|c1=c0"
    return filters


def _limit_db(settings: AudioSettings) -> float:
    return settings.true_peak_db - 0.5


def _limits(loudness: SpanLoudness | None, gain: float, settings: AudioSettings) -> bool:
    """Whether the limiter acts on this span at *gain*."""
    return loudness is not None and loudness.peak_db + gain > _limit_db(settings)


def _aim(settings: AudioSettings) -> float:
    """Loudness the mono narration is brought to before encoding.

    Above the target by what MP3 takes away; for stereo, 3 dB under it, as
    the same narration in both channels measures 3 LU louder (BS.1770 adds
    the channels' power).
    """
    return settings.target_lufs + _MP3_LOSS_LU - 10 * math.log10(settings.channels)


def _step(gain: float) -> float:
    return round(gain / GAIN_STEP_DB) * GAIN_STEP_DB


def _gain_for(readings: Sequence[SpanLoudness | None], settings: AudioSettings) -> float | None:
    """The gain (dB, in steps) that brings the whole episode to the loudness target; ``None`` for silence."""
    loudness = integrated_loudness([block for reading in readings if reading for block in reading.blocks])
    return None if loudness is None else _step(_aim(settings) - loudness)


def integrated_loudness(blocks: Sequence[float]) -> float | None:
    """BS.1770 gated integrated loudness of momentary block readings (LUFS); ``None`` for silence.

    Blocks under -70 LUFS are dropped (absolute gate), then those more than
    10 LU under the mean of the rest (relative gate), as ffmpeg's own
    ``ebur128`` summary does for one stream.
    """
    audible = [10 ** (block / 10) for block in blocks if block > -70]
    if not audible:
        return None
    relative_gate = 10 * math.log10(sum(audible) / len(audible)) - 10
    gated = [power for power in audible if 10 * math.log10(power) > relative_gate]
    return 10 * math.log10(sum(gated) / len(gated))


def parse_integrated(log: str) -> float:
    """The integrated loudness in the summary ffmpeg's ``ebur128`` filter logs at the end."""
    match = re.search(r"I:\s+(-?[\d.]+) LUFS", log[log.rfind("Summary:"):])
    if not match:
        raise AudioError("ffmpeg did not report the episode's loudness")
    return float(match.group(1))


_BLOCK = re.compile(r"TARGET:\s*-?\d+ LUFS\s+M:\s*(-?[\d.]+|-inf|nan)")


def measure_span(pcm: bytes, sample_rate: int, filters: str = "") -> SpanLoudness | None:
    """Momentary loudness blocks and sample peak of 16-bit mono *pcm* (after *filters*); ``None`` for silence."""
    chain = f"{filters}," if filters else ""
    _, log = _run_ffmpeg(pcm, sample_rate, ["-af", f"{chain}ebur128=peak=sample:framelog=verbose", "-f", "null", "-"],
                         loglevel="verbose")
    summary = log[log.rfind("Summary:"):]
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if not peak:
        raise AudioError("ffmpeg did not report the episode's loudness")
    blocks = tuple(float(value) for value in _BLOCK.findall(log) if value not in ("-inf", "nan"))
    if not any(block > -70 for block in blocks):
        return None  # silence: nothing to normalise
    return SpanLoudness(blocks, float(peak.group(1).replace("-inf", "-200")))


def samples_per_frame(sample_rate: int) -> int:
    """MPEG-1 Layer III frames (32 kHz and up) hold 1152 samples; MPEG-2 (lower rates) 576."""
    return 1152 if sample_rate >= 32000 else 576


_BITRATES = {
    3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],  # MPEG-1 Layer III
    2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],  # MPEG-2 and 2.5
}
_RATES = {3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000]}


def count_frames(mp3: bytes, strict: bool = True) -> int:
    """Count the MP3 frames in *mp3* (bare frames, as the encoder writes them).

    A damaged piece (which a cache could hold after a crash) raises
    :class:`AudioError`, or returns 0 when *strict* is false.
    """
    position = frames = 0
    while position + 4 <= len(mp3):
        header = int.from_bytes(mp3[position:position + 4], "big")
        version = (header >> 19) & 3
        bitrate_index, rate_index = (header >> 12) & 15, (header >> 10) & 3
        if header >> 21 != 0x7FF or version == 1 or rate_index == 3 or bitrate_index in (0, 15):
            if strict:
                raise AudioError(f"the encoder wrote a damaged MP3 frame at byte {position}")
            return 0
        mpeg1 = version == 3
        bitrate = _BITRATES[3 if mpeg1 else 2][bitrate_index] * 1000
        rate = _RATES[version][rate_index]
        padding = (header >> 9) & 1
        position += (144 if mpeg1 else 72) * bitrate // rate + padding
        frames += 1
    if position != len(mp3) and not strict:
        return 0
    return frames


def _join(pieces: Sequence[Path | bytes], out: Path) -> None:
    """Write the pieces one after another, behind an Info header that counts every frame.

    ffmpeg only copies the frames here (no encoding); the header gives
    players the exact length and lets them seek.
    """
    command = [ffmpeg_exe(), "-hide_banner", "-nostats", "-nostdin", "-loglevel", "error",
               "-f", "mp3", "-i", "pipe:0", "-c:a", "copy", "-map_metadata", "-1", "-id3v2_version", "0",
               "-write_xing", "1", "-fflags", "+bitexact", "-f", "mp3", "-y", str(out)]
    _run(command, (piece if isinstance(piece, bytes) else piece.read_bytes() for piece in pieces))


def _run_ffmpeg(pcm: bytes, sample_rate: int, args: list[str], loglevel: str = "error") -> tuple[bytes, str]:
    """Feed 16-bit mono *pcm* to ffmpeg with *args*; return what it wrote and what it logged."""
    command = [
        ffmpeg_exe(), "-hide_banner", "-nostats", "-nostdin", "-loglevel", loglevel,
        "-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", "pipe:0", *args,
    ]
    return _run(command, [pcm])


def _run(command: list[str], inputs: Iterable[bytes]) -> tuple[bytes, str]:
    """Run ffmpeg, writing *inputs* to it one by one; return its output and its log.

    Output and log go to temporary files, so a long log cannot block ffmpeg
    while it waits for input.
    """
    with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as log:
        try:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=output, stderr=log)
        except OSError as error:
            raise AudioError(f"ffmpeg could not be started: {error.strerror}") from None
        assert process.stdin is not None
        try:
            for data in inputs:
                process.stdin.write(data)
            process.stdin.close()
        except BrokenPipeError:
            pass  # ffmpeg stopped early; its exit status and log say why
        code = process.wait()
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
        output.seek(0)
        written = output.read()
    if code != 0:
        reason = _last_line(text) or f"exit status {code}"
        raise AudioError(f"ffmpeg could not encode the episode: {reason}")
    return written, text


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""
