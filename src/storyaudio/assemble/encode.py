"""Encode a timeline to MP3 with broadcast loudness, streaming through ffmpeg.

Loudness is normalised once per episode (never per sentence, which makes the
volume jump): one gain for the whole episode, measured with ffmpeg's EBU R128
meter, and a limiter for the true-peak ceiling.
"""

from __future__ import annotations

import math
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import AudioError
from ..ffmpeg import ffmpeg_exe
from .timeline import Timeline


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

    @property
    def target_lufs(self) -> float:
        if self.loudness_lufs is not None:
            return self.loudness_lufs
        return -19.0 if self.channels == 1 else -16.0


_MP3_LOSS_LU = 0.4
"""Loudness that MP3 encoding of speech typically takes away (measured at 64 kbps mono on
Piper speech: the decoded MP3 reads about 0.4 LU below the PCM fed to the encoder).
Aiming this much higher lands the file itself on the target; the tests measure the file."""


def encode_mp3(timeline: Timeline, out: Path, settings: AudioSettings = AudioSettings()) -> None:
    """Write *timeline* as a constant-bitrate MP3 at *out* (which the caller makes atomic).

    The timeline is streamed two or three times, each linear in its length:
    ``ebur128`` measurements find one gain for the whole episode, then the
    gain, a peak limiter (touching only the rare peak the gain pushes over
    the ceiling) and the MP3 encoder run in one pass.
    """
    gain, limiter = _loudness_gain(timeline, settings)
    _encode(timeline, out, settings, gain, limiter)


def _encode(timeline: Timeline, out: Path, settings: AudioSettings, gain: float | None,
            limiter: str) -> None:
    filters = f"volume={gain:.2f}dB,{limiter}" if gain is not None else "anull"
    _run_ffmpeg(
        timeline,
        [
            "-af", filters,
            "-ar", str(settings.sample_rate), "-ac", str(settings.channels),
            "-c:a", "libmp3lame", "-b:a", f"{settings.bitrate_kbps}k", "-compression_level", "5",
            "-map_metadata", "-1", "-id3v2_version", "0", "-write_xing", "1",
            "-fflags", "+bitexact", "-flags:a", "+bitexact",
            "-f", "mp3", "-y", str(out),
        ],
    )


def _loudness_gain(timeline: Timeline, settings: AudioSettings) -> tuple[float | None, str]:
    """The gain (dB) that brings *timeline* to the loudness target, and the limiter to use.

    The limiter lowers loudness a little wherever it acts, so the gain is
    measured once more through gain and limiter and corrected. The gain is
    ``None`` for silence.
    """
    # alimiter works on samples; staying 0.5 dB under the ceiling leaves room
    # for the inter-sample peaks that true-peak metering and MP3 decoding add.
    limit = 10 ** ((settings.true_peak_db - 0.5) / 20)
    limiter = f"alimiter=limit={limit:.4f}:level=false:latency=true"
    raw = measure_loudness(timeline)
    if raw is None:
        return None, limiter
    target = settings.target_lufs + _MP3_LOSS_LU
    gain = target - raw.integrated_lufs
    if raw.peak_db + gain > 20 * math.log10(limit):
        limited = measure_loudness(timeline, f"volume={gain:.2f}dB,{limiter}")
        if limited is not None:
            gain += target - limited.integrated_lufs
    return gain, limiter


@dataclass(frozen=True)
class Loudness:
    integrated_lufs: float
    peak_db: float
    """Sample peak: enough to tell whether the limiter will act (true peak is checked in tests)."""


def measure_loudness(timeline: Timeline, filters: str = "") -> Loudness | None:
    """EBU R128 integrated loudness and sample peak of *timeline* (after *filters*).

    ``None`` for silence, which has no loudness to normalise.
    """
    chain = f"{filters}," if filters else ""
    log = _run_ffmpeg(timeline, ["-af", f"{chain}ebur128=peak=sample:framelog=quiet", "-f", "null", "-"],
                      loglevel="info")
    return parse_ebur128(log)


def parse_ebur128(log: str) -> Loudness | None:
    """Read the summary that ffmpeg's ``ebur128`` filter logs at the end."""
    summary = log[log.rfind("Summary:"):]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if not integrated or not peak:
        raise AudioError("ffmpeg did not report the episode's loudness")
    if integrated.group(1) == "-inf" or float(integrated.group(1)) <= -70:
        return None  # silence (ebur128 reports -70 LUFS when every block is gated)
    return Loudness(float(integrated.group(1)), float(peak.group(1).replace("-inf", "-200")))


def _run_ffmpeg(timeline: Timeline, args: list[str], loglevel: str = "error") -> str:
    """Stream the timeline's PCM into ffmpeg; return what it logged."""
    command = [
        ffmpeg_exe(), "-hide_banner", "-nostats", "-nostdin", "-loglevel", loglevel,
        "-f", "s16le", "-ar", str(timeline.sample_rate), "-ac", "1", "-i", "pipe:0", *args,
    ]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=log)
        assert process.stdin is not None
        try:
            for chunk in timeline.pcm_chunks():
                process.stdin.write(chunk)
            process.stdin.close()
        except BrokenPipeError:
            pass  # ffmpeg stopped early; its exit status and log say why
        code = process.wait()
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    if code != 0:
        reason = _last_line(text) or f"exit status {code}"
        raise AudioError(f"ffmpeg could not encode the episode: {reason}")
    return text


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""
