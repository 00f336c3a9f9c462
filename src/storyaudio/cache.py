"""A content-addressed store of synthesised clips.

A clip's key is a hash of the engine's identity (engine, model, settings) and
the spoken text, so a rebuild synthesises only segments whose words or voice
changed. Entries are 16-bit mono WAV files written atomically, so two builds
may share one cache and a killed build leaves no broken entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import re
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
import platformdirs

from .atomic import durable_temp_beside
from .errors import AudioError, StoryAudioError
from .models import Clip

log = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    """The user's cache folder for storyaudio (``$STORYAUDIO_CACHE`` overrides it)."""
    override = os.environ.get("STORYAUDIO_CACHE")
    return Path(override) if override else Path(platformdirs.user_cache_dir("storyaudio")) / "clips"


def clip_key(engine_identity: str, spoken: str) -> str:
    """The cache key of one segment's clip."""
    return hashlib.sha256(f"{engine_identity}\x00{spoken}".encode()).hexdigest()


BLOBS_DIR = "spans"
"""Sub-folder of the cache holding encoded MP3 spans and their loudness readings."""


class ClipCache:
    """Clips on disk under ``<root>/<key[:2]>/<key>.wav``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def get(self, key: str) -> Clip | None:
        """The cached clip, or ``None`` when absent or unreadable (it is then rebuilt).

        Reading an entry marks it used (its modification time), so pruning by
        age removes what no build has needed for a while.
        """
        path = self._path(key)
        try:
            with wave.open(str(path), "rb") as wav:
                if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
                    return None
                expected = wav.getnframes()
                frames = wav.readframes(expected)
                clip = Clip(np.frombuffer(frames, dtype="<i2").astype(np.int16), wav.getframerate())
            if expected == 0 or len(frames) != 2 * expected:
                log.warning("ignoring truncated cache entry %s", path)
                return None
            _touch(path)
            return clip
        except FileNotFoundError:
            return None
        except (OSError, EOFError, wave.Error) as error:
            log.warning("ignoring damaged cache entry %s: %s", path, error)
            return None

    def frames(self, key: str) -> tuple[int, int] | None:
        """(sample count, sample rate) of a cached clip, read from its header alone; None if absent.

        A truncated entry counts as absent, as in :meth:`get`.
        """
        path = self._path(key)
        try:
            with wave.open(str(path), "rb") as wav:
                count, rate = wav.getnframes(), wav.getframerate()
            if count == 0 or path.stat().st_size < 44 + 2 * count:
                return None
            _touch(path)
            return count, rate
        except (OSError, EOFError, wave.Error):
            return None

    def put(self, key: str, clip: Clip) -> bool:
        """Store *clip* unless a good entry for *key* exists already; the first writer wins.

        Piper's output varies a little from run to run, so two builds speaking
        the same sentence at once make different clips; keeping the first
        means a clip another build already placed on its timeline never
        changes under it. A cache that cannot be written only costs speed:
        warn, go on, and return False.
        """
        wav_bytes = io.BytesIO()
        with wave.open(wav_bytes, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(clip.sample_rate)
            wav.writeframes(clip.samples.astype("<i2").tobytes())
        return self._write_first(self._path(key), wav_bytes.getvalue(), lambda: self.frames(key) is not None)

    def blob(self, name: str) -> bytes | None:
        """A stored piece of an assembled episode (an encoded span, a loudness reading), or None."""
        path = self.blob_path(name)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        _touch(path)
        return data

    def put_blob(self, name: str, data: bytes) -> bool:
        """Store *data* under *name* (a content hash and a suffix); the first writer wins."""
        path = self.blob_path(name)
        return self._write_first(path, data, lambda: path.is_file() and path.stat().st_size == len(data))

    def blob_path(self, name: str) -> Path:
        """Where the piece *name* is (or would be) stored."""
        return self.root / BLOBS_DIR / name[:2] / name

    def _write_first(self, path: Path, data: bytes, is_good: Callable[[], bool]) -> bool:
        """Write *data* to *path* atomically unless a good entry is there (as *is_good* tells)."""
        try:
            tmp = durable_temp_beside(path, data)
            try:
                try:
                    os.link(tmp, path)  # atomic, and fails if another build got there first
                except FileExistsError:
                    if not is_good():  # what is there is damaged: replace it
                        os.replace(tmp, path)
            finally:
                tmp.unlink(missing_ok=True)
            return True
        except OSError as error:
            log.warning("clip cache %s is not writable: %s", self.root, error)
            return False

    def entries(self) -> list[Path]:
        """The stored clips."""
        return sorted(self.root.glob("??/*.wav")) if self.root.is_dir() else []

    def span_entries(self) -> list[Path]:
        """The stored pieces of assembled episodes: encoded spans and their loudness readings."""
        return sorted(self.root.glob(f"{BLOBS_DIR}/??/*.*")) if self.root.is_dir() else []

    def info(self) -> CacheInfo:
        """How many clips the cache holds, their size, and the oldest use."""
        clips, pieces = self.entries(), self.span_entries()
        stats = [path.stat() for path in (*clips, *pieces)]
        return CacheInfo(
            root=self.root,
            clips=len(clips),
            spans=sum(path.suffix == ".mp3" for path in pieces),
            size_bytes=sum(s.st_size for s in stats),
            oldest=min((s.st_mtime for s in stats), default=None),
        )

    def prune(self, older_than: timedelta) -> int:
        """Remove clips and spans no build has used for *older_than*; return how many went."""
        cutoff = time.time() - older_than.total_seconds()
        removed = 0
        for path in [*self.entries(), *self.span_entries()]:
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue  # another build or prune removed it first
        for folder in [*self.root.glob("??"), *self.root.glob(f"{BLOBS_DIR}/??")]:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only empty folders go
        return removed


@dataclass(frozen=True)
class ClipRef:
    """A clip that stays in the cache until the encoder needs it.

    An episode's timeline holds these instead of samples, so assembling a
    three-hour episode needs no more memory than a five-minute one.
    """

    cache: ClipCache
    key: str
    frames: int
    sample_rate: int

    @property
    def duration_ms(self) -> int:
        return round(self.frames * 1000 / self.sample_rate)

    def load(self) -> Clip:
        clip = self.cache.get(self.key)
        if clip is None or len(clip.samples) != self.frames:
            raise AudioError(f"clip {self.key[:12]} vanished from the cache {self.cache.root}; build again")
        return clip


@dataclass(frozen=True)
class CacheInfo:
    root: Path
    clips: int
    size_bytes: int
    """Everything stored: clips, encoded spans and loudness readings."""

    oldest: float | None
    """Modification time (last use) of the least recently used entry."""

    spans: int = 0
    """Encoded MP3 spans, reused when an edited story is assembled again."""


class CacheError(StoryAudioError, ValueError):
    """A cache command was given something it cannot use."""


def parse_age(text: str) -> timedelta:
    """``30d``, ``12h``, ``2w``, ``90m`` -> a timedelta."""
    match = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", text)
    if not match:
        raise CacheError(f"--older-than {text!r} is not an age like 30d, 12h, 2w or 90m")
    amount, unit = int(match.group(1)), match.group(2)
    return timedelta(**{{"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[unit]: amount})


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)
