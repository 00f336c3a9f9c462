"""A short sample of a voice, written to a file to listen to before choosing it."""

from __future__ import annotations

from pathlib import Path

from .atomic import atomic_path
from .engines import create_engine
from .errors import AudioError
from .ffmpeg import audio_segment_class
from .normalise import normalise
from .voices import VoiceProfile


def write_voice_sample(profile: VoiceProfile, text: str, out: Path) -> Path:
    """Speak *text* with *profile* into *out* (MP3, or WAV/OGG/FLAC by its suffix)."""
    spoken = normalise(text, profile.language)
    if not spoken:
        raise AudioError("the sample text has nothing to speak")
    clip = create_engine(profile).synthesize(spoken)
    audio = audio_segment_class()(
        data=clip.samples.astype("<i2").tobytes(), sample_width=2,
        frame_rate=clip.sample_rate, channels=1,
    )
    fmt = out.suffix.lower().lstrip(".") or "mp3"
    with atomic_path(out) as tmp:
        try:
            audio.export(str(tmp), format=fmt, bitrate="64k" if fmt == "mp3" else None)
        except Exception as error:  # pydub raises CouldntEncodeError and OSError alike
            raise AudioError(f"{out}: cannot write a {fmt} sample ({error})") from None
    return out
