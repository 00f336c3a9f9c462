"""A short sample of a voice, written to a file to listen to before choosing it."""

from __future__ import annotations

from pathlib import Path

from .atomic import atomic_path
from .engines import create_engine
from .errors import AudioError, first_line
from .ffmpeg import audio_segment_class
from .lexicon import Lexicon
from .normalise import normalise
from .voices import VoiceProfile

SAMPLE_FORMATS = frozenset({"mp3", "wav", "ogg", "flac"})
"""What ``storyaudio voices --sample`` writes, told by the file's suffix (ffmpeg encodes each)."""


def write_voice_sample(profile: VoiceProfile, text: str, out: Path, lexicon: Lexicon | None = None) -> Path:
    """Speak *text* with *profile* into *out* (MP3, or WAV/OGG/FLAC by its suffix), through the
    project's *lexicon* as a build would, so a fix can be heard before any episode is built."""
    fmt = out.suffix.lower().lstrip(".") or "mp3"
    if fmt not in SAMPLE_FORMATS:
        raise AudioError(f"{out}: a sample is written as {', '.join(sorted(SAMPLE_FORMATS))}, not {fmt}")
    spoken = normalise(text, profile.language, lexicon)
    if not spoken:
        raise AudioError("the sample text has nothing to speak")
    clip = create_engine(profile).synthesize(spoken)
    audio = audio_segment_class()(
        data=clip.samples.astype("<i2").tobytes(), sample_width=2,
        frame_rate=clip.sample_rate, channels=1,
    )
    from pydub.exceptions import CouldntEncodeError  # pydub is loaded (quietly) by now

    with atomic_path(out) as tmp:
        try:
            audio.export(str(tmp), format=fmt, bitrate="64k" if fmt == "mp3" else None)
        except (CouldntEncodeError, OSError) as error:
            raise AudioError(f"{out}: cannot write a {fmt} sample ({first_line(error)})") from None
    return out
