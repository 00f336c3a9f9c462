"""A content-addressed store of synthesised clips.

A clip's key is a hash of the engine's identity (engine, model, settings) and
the spoken text, so a rebuild synthesises only segments whose words or voice
changed. Entries are 16-bit mono WAV files written atomically, so two builds
may share one cache and a killed build leaves no broken entry.
"""

from __future__ import annotations

import hashlib
import logging
import os
import wave
from pathlib import Path

import numpy as np
import platformdirs

from .atomic import atomic_path
from .models import Clip

log = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    """The user's cache folder for storyaudio (``$STORYAUDIO_CACHE`` overrides it)."""
    override = os.environ.get("STORYAUDIO_CACHE")
    return Path(override) if override else Path(platformdirs.user_cache_dir("storyaudio")) / "clips"


def clip_key(engine_identity: str, spoken: str) -> str:
    """The cache key of one segment's clip."""
    return hashlib.sha256(f"{engine_identity}\x00{spoken}".encode()).hexdigest()


class ClipCache:
    """Clips on disk under ``<root>/<key[:2]>/<key>.wav``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def get(self, key: str) -> Clip | None:
        """The cached clip, or ``None`` when absent or unreadable (it is then rebuilt)."""
        path = self._path(key)
        try:
            with wave.open(str(path), "rb") as wav:
                if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
                    return None
                frames = wav.readframes(wav.getnframes())
                return Clip(np.frombuffer(frames, dtype="<i2").astype(np.int16), wav.getframerate())
        except FileNotFoundError:
            return None
        except (OSError, EOFError, wave.Error) as error:
            log.warning("ignoring damaged cache entry %s: %s", path, error)
            return None

    def put(self, key: str, clip: Clip) -> None:
        """Store *clip*; a cache that cannot be written only costs speed, so warn and go on."""
        try:
            with atomic_path(self._path(key)) as tmp:
                with wave.open(str(tmp), "wb") as wav:
                    wav.setnchannels(1)
                    wav.setsampwidth(2)
                    wav.setframerate(clip.sample_rate)
                    wav.writeframes(clip.samples.astype("<i2").tobytes())
        except OSError as error:
            log.warning("clip cache %s is not writable: %s", self.root, error)
