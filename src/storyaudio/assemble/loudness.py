"""Loudness of an episode: EBU R128 readings per span, gated over the whole, and the gain.

ffmpeg's ``ebur128`` meter reads the momentary loudness of every 400 ms block
of a span; gating those blocks over every span (BS.1770) gives the
episode's integrated loudness, so a span read once, and cached, never needs
reading again. One gain for the whole episode brings it to the target
(never per sentence, which makes the volume jump), with a limiter for the
true-peak ceiling.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import AudioError
from ..ffmpeg import run_ffmpeg
from ..settings import AudioSettings

_MP3_LOSS_LU = 0.5
"""Loudness that MP3 encoding of speech typically takes away (measured on Piper speech at
64 kbps mono, 64 and 128 kbps stereo: the decoded MP3 reads 0.5 LU below the PCM encoded).
Aiming this much higher lands the file itself on the target; the tests measure the file."""

GAIN_STEP_DB = 0.25
"""The episode's gain is rounded to this step, so an edit that moves the episode's loudness by
a hair keeps the same gain, and every unchanged span's cached MP3 stays valid."""


@dataclass(frozen=True)
class SpanLoudness:
    """EBU R128 reading of one span: momentary loudness of every 400 ms block (100 ms apart)."""

    blocks: tuple[float, ...]
    peak_db: float
    """Sample peak: enough to tell whether the limiter will act (true peak is checked in tests)."""


def limit_db(settings: AudioSettings) -> float:
    """The limiter's ceiling in sample peaks: 0.5 dB under the true-peak ceiling, which leaves
    room for the inter-sample peaks that true-peak metering and MP3 decoding add."""
    return settings.true_peak_db - 0.5


def limiter_acts(loudness: SpanLoudness | None, gain: float, settings: AudioSettings) -> bool:
    """Whether the limiter acts on this span at *gain*."""
    return loudness is not None and loudness.peak_db + gain > limit_db(settings)


def aim_lufs(settings: AudioSettings) -> float:
    """Loudness the mono narration is brought to before encoding.

    Above the target by what MP3 takes away; for stereo, 3 dB under it, as
    the same narration in both channels measures 3 LU louder (BS.1770 adds
    the channels' power).
    """
    return settings.target_lufs + _MP3_LOSS_LU - 10 * math.log10(settings.channels)


def to_step(gain: float) -> float:
    """*gain* rounded to :data:`GAIN_STEP_DB`."""
    return round(gain / GAIN_STEP_DB) * GAIN_STEP_DB


def gain_for(readings: Sequence[SpanLoudness | None], settings: AudioSettings) -> float | None:
    """The gain (dB, in steps) that brings the whole episode to the loudness target; ``None`` for silence."""
    loudness = integrated_loudness([block for reading in readings if reading for block in reading.blocks])
    return None if loudness is None else to_step(aim_lufs(settings) - loudness)


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
    _, log = run_ffmpeg(pcm, sample_rate, ["-af", f"{chain}ebur128=peak=sample:framelog=verbose", "-f", "null", "-"],
                         loglevel="verbose")
    summary = log[log.rfind("Summary:"):]
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if not peak:
        raise AudioError("ffmpeg did not report the episode's loudness")
    blocks = tuple(float(value) for value in _BLOCK.findall(log) if value not in ("-inf", "nan"))
    if not any(block > -70 for block in blocks):
        return None  # silence: nothing to normalise
    return SpanLoudness(blocks, float(peak.group(1).replace("-inf", "-200")))
