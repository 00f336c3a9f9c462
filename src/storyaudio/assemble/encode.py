"""Encode a timeline to MP3 with broadcast loudness, streaming through ffmpeg.

Loudness is normalised once per episode (never per sentence, which makes the
volume jump) with ffmpeg's two-pass ``loudnorm``: the first pass measures the
whole episode, the second applies one linear gain towards the target.
"""

from __future__ import annotations

import json
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

    @property
    def target_lufs(self) -> float:
        if self.loudness_lufs is not None:
            return self.loudness_lufs
        return -19.0 if self.channels == 1 else -16.0


def encode_mp3(timeline: Timeline, out: Path, settings: AudioSettings = AudioSettings()) -> None:
    """Write *timeline* as a constant-bitrate MP3 at *out* (which the caller makes atomic)."""
    base = f"loudnorm=I={settings.target_lufs}:TP={settings.true_peak_db}:LRA=11"
    measured = _measure_loudness(timeline, base)
    if measured is None:  # pure silence: nothing to normalise
        audio_filter = "anull"
    else:
        audio_filter = (
            f"{base}:measured_I={measured['input_i']}:measured_TP={measured['input_tp']}"
            f":measured_LRA={measured['input_lra']}:measured_thresh={measured['input_thresh']}"
            f":offset={measured['target_offset']}:linear=true"
        )
    _run_ffmpeg(
        timeline,
        [
            "-af", audio_filter,
            "-ar", str(settings.sample_rate), "-ac", str(settings.channels),
            "-c:a", "libmp3lame", "-b:a", f"{settings.bitrate_kbps}k",
            "-map_metadata", "-1", "-id3v2_version", "0", "-write_xing", "1",
            "-fflags", "+bitexact", "-flags:a", "+bitexact",
            "-f", "mp3", "-y", str(out),
        ],
    )


def _measure_loudness(timeline: Timeline, base_filter: str) -> dict[str, str] | None:
    log = _run_ffmpeg(timeline, ["-af", f"{base_filter}:print_format=json", "-f", "null", "-"],
                      loglevel="info")
    match = re.search(r"\{[^{}]*\"input_i\"[^{}]*\}", log)
    if not match:
        raise AudioError("ffmpeg did not report the episode's loudness")
    measured: dict[str, str] = json.loads(match.group(0))
    if measured["input_i"] in ("-inf", "inf") or measured["input_tp"] in ("-inf", "inf"):
        return None
    return measured


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
