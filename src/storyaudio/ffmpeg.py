"""The ffmpeg binary storyaudio uses: the one bundled with imageio-ffmpeg.

No system ffmpeg or ffprobe is needed. pydub is pointed at the same binary
(and its import-time "couldn't find ffmpeg" warning is silenced, since we
know where ffmpeg is).
"""

from __future__ import annotations

import subprocess
import warnings
from functools import lru_cache
from typing import Any

from .models import Clip


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
        input=data, capture_output=True,
    )
    if result.returncode != 0 or not result.stdout:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ValueError(message[-1] if message else "no audio decoded")
    return Clip(np.frombuffer(result.stdout, dtype="<i2").astype(np.int16), sample_rate)


def audio_segment_class() -> Any:
    """pydub's ``AudioSegment``, configured to use the bundled ffmpeg."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", DeprecationWarning)  # audioop on 3.12
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg_exe()
    AudioSegment.ffmpeg = ffmpeg_exe()
    return AudioSegment
