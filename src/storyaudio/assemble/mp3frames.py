"""MP3 frames as the encoder writes them: how many samples each holds, and counting them.

Spans of an episode are encoded apart and joined, so where each one is heard
in the file follows from how many frames the ones before it took.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mutagen.mp3 import MP3

from ..errors import AudioError

ENCODER_DELAY = 576
"""Samples LAME puts before the audio in every MP3 it writes. A decoder also trims its own
529-sample delay when the file has an Info header (which the joined file has), leaving
this much before each span's first sample."""


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


def mp3_seconds(path: Path) -> float:
    """The MP3's length in seconds as players read it: from its Info header, else from its bitrate."""
    info: Any = MP3(path).info  # mutagen declares no type for it
    return float(info.length)
