"""The ffmpeg binary storyaudio uses: the one bundled with imageio-ffmpeg.

No system ffmpeg or ffprobe is needed. pydub is pointed at the same binary
(and its import-time "couldn't find ffmpeg" warning is silenced, since we
know where ffmpeg is).
"""

from __future__ import annotations

import subprocess
import tempfile
import warnings
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import AudioError
from .models import Clip

if TYPE_CHECKING:
    import numpy as np


@lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Path of the bundled ffmpeg binary."""
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def decode_audio(data: bytes, sample_rate: int) -> Clip:
    """Decode audio bytes of any format ffmpeg knows into a mono 16-bit clip at *sample_rate*.

    Uses the ffmpeg binary alone: pydub's ``from_file`` would call ffprobe,
    which imageio-ffmpeg does not ship.
    """
    import numpy as np

    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", "pipe:0",
         "-f", "s16le", "-ac", "1", "-ar", str(sample_rate), "pipe:1"],
        input=data, capture_output=True, check=False,
    )
    if result.returncode != 0 or not result.stdout:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ValueError(message[-1] if message else "no audio decoded")
    return Clip(np.frombuffer(result.stdout, dtype="<i2").astype(np.int16), sample_rate)


@dataclass
class DecodeReport:
    """What decoding a file said once it ended: samples made, and ffmpeg's complaints."""

    samples: int = 0
    errors: list[str] = field(default_factory=list)
    failed: bool = False


def stream_pcm(path: Path, sample_rate: int, report: DecodeReport | None = None,
               block_s: float = 10.0) -> Generator[np.ndarray[Any, np.dtype[np.int16]], None, None]:
    """Decode the audio file *path* as 16-bit mono at *sample_rate*, yielding blocks of about
    *block_s* seconds: a three-hour episode is heard or checked in the memory of one block.
    *report* is filled in as decoding goes (its errors once the stream ends)."""
    import numpy as np

    report = report if report is not None else DecodeReport()
    with tempfile.TemporaryFile() as log:
        try:
            process = subprocess.Popen(
                [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-i", str(path),
                 "-f", "s16le", "-ac", "1", "-ar", str(sample_rate), "pipe:1"],
                stdout=subprocess.PIPE, stderr=log)
        except OSError as error:
            raise AudioError(f"ffmpeg could not be started: {error.strerror}") from None
        assert process.stdout is not None
        try:
            block = max(2, int(sample_rate * block_s) * 2)
            carry = b""
            while chunk := process.stdout.read(block):
                chunk, carry = carry + chunk, b""
                if len(chunk) % 2:
                    chunk, carry = chunk[:-1], chunk[-1:]
                report.samples += len(chunk) // 2
                yield np.frombuffer(chunk, dtype="<i2")
        finally:
            process.stdout.close()
            if process.poll() is None:
                process.kill()
            code = process.wait()
            log.seek(0)
            report.errors = [line.strip() for line in log.read().decode("utf-8", "replace").splitlines()
                             if line.strip()]
            report.failed = code != 0


def audio_segment_class() -> Any:
    """pydub's ``AudioSegment``, configured to use the bundled ffmpeg."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", DeprecationWarning)  # audioop on 3.12
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg_exe()
    AudioSegment.ffmpeg = ffmpeg_exe()
    return AudioSegment


def run_ffmpeg(pcm: bytes, sample_rate: int, args: list[str], loglevel: str = "error") -> tuple[bytes, str]:
    """Feed 16-bit mono *pcm* to ffmpeg with *args*; return what it wrote and what it logged."""
    command = [
        ffmpeg_exe(), "-hide_banner", "-nostats", "-nostdin", "-loglevel", loglevel,
        "-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", "pipe:0", *args,
    ]
    return run_ffmpeg_command(command, [pcm])


def run_ffmpeg_command(command: list[str], inputs: Iterable[bytes]) -> tuple[bytes, str]:
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
