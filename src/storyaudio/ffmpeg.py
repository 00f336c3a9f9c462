"""The ffmpeg binary storyaudio uses: the one bundled with imageio-ffmpeg.

No system ffmpeg or ffprobe is needed. pydub is pointed at the same binary
(and its import-time "couldn't find ffmpeg" warning is silenced, since we
know where ffmpeg is).
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Path of the bundled ffmpeg binary."""
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def audio_segment_class() -> Any:
    """pydub's ``AudioSegment``, configured to use the bundled ffmpeg."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", DeprecationWarning)  # audioop on 3.12
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg_exe()
    AudioSegment.ffmpeg = ffmpeg_exe()
    return AudioSegment
