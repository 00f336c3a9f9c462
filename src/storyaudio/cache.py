"""A content-addressed store of synthesised clips.

A clip's key is a hash of the engine's identity (engine, model, settings) and
the spoken text, so a rebuild synthesises only segments whose words or voice
changed. Entries are 16-bit mono WAV files written atomically, so two builds
may share one cache and a killed build leaves no broken entry.

Every entry carries a checksum of its content and of the key it was stored
under: a WAV chunk after the samples (``sadg``, which players skip), and a
``.sha256`` file beside each encoded span. A read verifies it; an entry that
fails (damaged on disk, cut short, or one sentence's clip copied over
another's) is treated as missing, made again and counted
(:attr:`ClipCache.damaged`), so nothing damaged is ever published.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import re
import struct
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
import platformdirs

from .atomic import durable_temp_beside
from .cache_layout import CLIP_PATTERN, SPANS_DIR, heard_dir, images_dir, pages_dir
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


BLOBS_DIR = SPANS_DIR
"""Sub-folder of the cache holding encoded MP3 spans and their loudness readings."""

DIGEST_SUFFIX = ".sha256"
"""Beside each piece in ``spans/``: the checksum of its content and name."""

_DIGEST_CHUNK = b"sadg"
"""The WAV chunk after a clip's samples that holds their checksum (players skip unknown chunks)."""

_WORDS_CHUNK = b"sawd"
"""The WAV chunk before the checksum that holds the clip's word timings: a flag byte (1 when
estimated), then each word's first and end sample as little-endian 32-bit pairs."""


def _clip_digest(key: str, rate: int, pcm: bytes, words: bytes = b"") -> bytes:
    return hashlib.sha256(key.encode() + struct.pack("<I", rate) + pcm + words).digest()


def _words_body(clip: Clip) -> bytes:
    if not clip.words:
        return b""
    return bytes([int(clip.words_estimated)]) + np.asarray(clip.words, dtype="<i4").tobytes()


def _words_from(body: bytes) -> tuple[tuple[tuple[int, int], ...], bool]:
    if not body:
        return (), False
    pairs = np.frombuffer(body[1:], dtype="<i4").reshape(-1, 2)
    return tuple((int(a), int(b)) for a, b in pairs), bool(body[0])


@dataclass(frozen=True)
class ClipEntry:
    """A cache entry read back and verified."""

    pcm: bytes
    rate: int
    words: tuple[tuple[int, int], ...] = ()
    words_estimated: bool = False

    @property
    def frames(self) -> int:
        return len(self.pcm) // 2


def _blob_digest(name: str, data: bytes) -> str:
    return hashlib.sha256(name.encode() + b"\x00" + data).hexdigest()


def clip_entry(key: str, clip: Clip) -> bytes:
    """The bytes of a cache entry: a 16-bit mono WAV of *clip* with a checksum chunk bound to *key*."""
    pcm = clip.samples.astype("<i2").tobytes()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(clip.sample_rate)
        wav.writeframes(pcm)
    data = bytearray(buffer.getvalue())
    words = _words_body(clip)
    if words:
        data += _WORDS_CHUNK + struct.pack("<I", len(words)) + words + b"\0" * (len(words) & 1)
    data += _DIGEST_CHUNK + struct.pack("<I", 32) + _clip_digest(key, clip.sample_rate, pcm, words)
    data[4:8] = struct.pack("<I", len(data) - 8)  # the RIFF size counts the new chunk
    return bytes(data)


def _older_format(data: bytes) -> bool:
    """A whole WAV from a storyaudio before checksums: made again quietly, not counted as damage."""
    return (len(data) >= 12 and data[:4] == b"RIFF" and struct.unpack("<I", data[4:8])[0] == len(data) - 8
            and _DIGEST_CHUNK not in data[-48:])


def read_clip_entry(data: bytes, key: str) -> ClipEntry | None:
    """The samples, rate and word timings of a cache entry whose checksum holds for *key*, else None."""
    if len(data) < 44 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    position, rate, pcm, digest, words = 12, 0, b"", b"", b""
    while position + 8 <= len(data):
        chunk, size = data[position:position + 4], struct.unpack("<I", data[position + 4:position + 8])[0]
        body = data[position + 8:position + 8 + size]
        if len(body) != size:
            return None  # cut short
        if chunk == b"fmt ":
            channels, rate, width = struct.unpack("<H", body[2:4])[0], struct.unpack("<I", body[4:8])[0], \
                struct.unpack("<H", body[14:16])[0]
            if channels != 1 or width != 16:
                return None
        elif chunk == b"data":
            pcm = body
        elif chunk == _WORDS_CHUNK:
            words = body
        elif chunk == _DIGEST_CHUNK:
            digest = body
        position += 8 + size + (size & 1)
    if not pcm or not rate or digest != _clip_digest(key, rate, pcm, words) or (words and (len(words) - 1) % 8):
        return None
    return ClipEntry(pcm, rate, *_words_from(words))


class ClipCache:
    """Clips on disk under ``<root>/<key[:2]>/<key>.wav``; pieces of episodes under ``spans/``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.damaged = 0
        """Entries found damaged by this cache object's reads (each then made again)."""

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def get(self, key: str) -> Clip | None:
        """The cached clip, or ``None`` when absent or damaged (it is then made again).

        Reading an entry marks it used (its modification time), so pruning by
        age removes what no build has needed for a while.
        """
        found = self._verified(key)
        if found is None:
            return None
        _touch(self._path(key))
        return Clip(np.frombuffer(found.pcm, dtype="<i2").astype(np.int16), found.rate, found.words,
                    found.words_estimated)

    def ref(self, key: str) -> ClipRef | None:
        """A reference to a cached clip (its length, rate and word timings, not its samples), after
        verifying it; None if absent or damaged."""
        found = self._verified(key)
        if found is None:
            return None
        _touch(self._path(key))
        return ClipRef(self, key, found.frames, found.rate, found.words, found.words_estimated)

    def _verified(self, key: str) -> ClipEntry | None:
        """The entry when its checksum holds; a damaged entry is counted."""
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        found = read_clip_entry(data, key)
        if found is None and not _older_format(data):
            self.damaged += 1
            log.debug("damaged cache entry %s", self._path(key))
        return found

    def put(self, key: str, clip: Clip) -> bool:
        """Store *clip* unless a good entry for *key* exists already; the first writer wins.

        Piper's output varies a little from run to run, so two builds speaking
        the same sentence at once make different clips; keeping the first
        means a clip another build already placed on its timeline never
        changes under it. A damaged entry is replaced. A cache that cannot be
        written only costs speed: warn, go on, and return False.
        """
        return self._write_first(self._path(key), clip_entry(key, clip), lambda: self._clip_intact(key))

    def _clip_intact(self, key: str) -> bool:
        """True when the entry for *key* is there and its checksum holds (nothing is counted)."""
        try:
            return read_clip_entry(self._path(key).read_bytes(), key) is not None
        except OSError:
            return False

    def blob(self, name: str) -> bytes | None:
        """A stored piece of an assembled episode (an encoded span, a loudness reading), or None
        when absent or damaged (its checksum beside it does not hold)."""
        path = self.blob_path(name)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if not self._blob_intact(name, data):
            self.damaged += 1
            log.debug("damaged cache entry %s", path)
            return None
        _touch(path)
        return data

    def _piece_intact(self, name: str) -> bool:
        """True when the piece *name* is there and its checksum holds (nothing is counted)."""
        try:
            return self._blob_intact(name, self.blob_path(name).read_bytes())
        except OSError:
            return False

    def _blob_intact(self, name: str, data: bytes) -> bool:
        try:
            return self._digest_path(name).read_text(encoding="ascii").strip() == _blob_digest(name, data)
        except (OSError, UnicodeDecodeError):
            return False

    def _digest_path(self, name: str) -> Path:
        return self.blob_path(name).with_name(f"{name}{DIGEST_SUFFIX}")

    def put_blob(self, name: str, data: bytes) -> bool:
        """Store *data* under *name* (a content hash and a suffix), with its checksum; the first
        writer wins, and a damaged entry is replaced."""
        # The checksum goes in first: a reader that finds the piece then always finds its checksum,
        # so a build reading while another writes never takes a new entry for a damaged one.
        path = self.blob_path(name)
        digest = _blob_digest(name, data).encode()
        digest_path = self._digest_path(name)
        stored = self._write_first(digest_path, digest, lambda: _read_or_none(digest_path) == digest)
        return stored and self._write_first(path, data, lambda: self._piece_intact(name))

    def verify(self) -> tuple[int, int]:
        """Check every entry; remove the damaged ones. Returns (entries checked, entries removed).

        Raises :class:`CacheError` when damaged entries cannot be removed (a read-only cache).
        """
        checked = removed = 0
        for path in self.entries():
            checked += 1
            if not self._clip_intact(path.stem):
                removed += _remove(path, self.root)
        for path in self.span_entries():
            if path.name.endswith(DIGEST_SUFFIX):
                if not path.with_name(path.name.removesuffix(DIGEST_SUFFIX)).exists():
                    _remove(path, self.root)  # a checksum whose piece is gone
                continue
            checked += 1
            if not self._piece_intact(path.name):
                removed += _remove(path, self.root)
                _remove(self._digest_path(path.name), self.root)
        kept: list[tuple[Path, Callable[[Path], bool]]] = [
            (path, _page_intact) for path in self.page_entries() if path.suffix == ".json"]
        kept += [(path, _picture_intact) for path in self.image_entries()]
        kept += [(path, _transcription_intact) for path in self.heard_entries()]
        for path, intact in kept:
            checked += 1
            if not intact(path):
                removed += _remove(path, self.root)
                if intact is _page_intact:
                    _remove(path.with_suffix(".body"), self.root)  # its body goes with its validators
        return checked, removed

    def report_damage(self) -> None:
        """Say once, in one line, how many damaged entries were found (and so made again)."""
        if self.damaged:
            log.warning("%d damaged clip-cache entr%s in %s could not be used and %s made again",
                        self.damaged, "y" if self.damaged == 1 else "ies", self.root,
                        "was" if self.damaged == 1 else "were")
            self.damaged = 0

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
        return sorted(self.root.glob(CLIP_PATTERN)) if self.root.is_dir() else []

    def span_entries(self) -> list[Path]:
        """The stored pieces of assembled episodes: encoded spans and their loudness readings."""
        return sorted(self.root.glob(f"{BLOBS_DIR}/??/*.*")) if self.root.is_dir() else []

    def page_entries(self) -> list[Path]:
        """Fetched pages and their validators (two files each), kept for conditional requests."""
        folder = pages_dir(self.root)
        return sorted(path for path in folder.glob("*") if path.is_file()) if folder.is_dir() else []

    def image_entries(self) -> list[Path]:
        """Fetched lead pictures."""
        folder = images_dir(self.root)
        return sorted(path for path in folder.glob("*") if path.is_file()) if folder.is_dir() else []

    def heard_entries(self) -> list[Path]:
        """The listening check's transcriptions."""
        folder = heard_dir(self.root)
        return sorted(folder.glob("??/*.json")) if folder.is_dir() else []

    def _everything(self) -> list[Path]:
        return [*self.entries(), *self.span_entries(), *self.page_entries(), *self.image_entries(),
                *self.heard_entries()]

    def info(self) -> CacheInfo:
        """How much each owner keeps in the cache folder, the size of it all, and the oldest use."""
        pieces, pages = self.span_entries(), self.page_entries()
        everything = self._everything()
        stats = [path.stat() for path in everything]
        return CacheInfo(
            root=self.root,
            clips=len(self.entries()),
            spans=sum(path.suffix == ".mp3" for path in pieces),
            pages=sum(path.suffix == ".json" for path in pages),
            images=len(self.image_entries()),
            transcriptions=len(self.heard_entries()),
            size_bytes=sum(s.st_size for s in stats),
            oldest=min((s.st_mtime for s in stats), default=None),
        )

    def prune(self, older_than: timedelta | str) -> int:
        """Remove everything no build has used for *older_than* (a timedelta, or ``"30d"`` as the
        command line takes it): clips, spans, fetched pages and pictures, transcriptions; return
        how many went."""
        if isinstance(older_than, str):
            older_than = parse_age(older_than)
        cutoff = time.time() - older_than.total_seconds()
        removed = 0
        for path in self._everything():
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue  # another build or prune removed it first
            except OSError as error:
                raise CacheError(f"{self.root}: cannot remove cache entries ({error.strerror or error}); "
                                 "is the cache folder read-only?") from None
        for folder in [*self.root.glob("??"), *self.root.glob(f"{BLOBS_DIR}/??"), *heard_dir(self.root).glob("??")]:
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
    words: tuple[tuple[int, int], ...] = ()
    words_estimated: bool = False
    """As in :class:`~storyaudio.models.Clip`."""

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

    pages: int = 0
    """Fetched web pages kept for conditional requests."""

    images: int = 0
    """Fetched lead pictures."""

    transcriptions: int = 0
    """What the listening check heard, by the audio heard."""


class CacheError(StoryAudioError, ValueError):
    """A cache command was given something it cannot use."""


def parse_age(text: str) -> timedelta:
    """``30d``, ``12h``, ``2w``, ``90m`` -> a timedelta."""
    match = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", text)
    if not match:
        raise CacheError(f"--older-than {text!r} is not an age like 30d, 12h, 2w or 90m")
    amount, unit = int(match.group(1)), match.group(2)
    return timedelta(**{{"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[unit]: amount})


def _remove(path: Path, root: Path) -> int:
    """Remove the cache entry *path*; 1 when it went, 0 when it was already gone."""
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    except OSError as error:
        raise CacheError(f"{root}: cannot remove the damaged entry {path.name} ({error.strerror or error}); "
                         "is the cache folder read-only?") from None
    return 1


def _page_intact(validators: Path) -> bool:
    """A kept page whose validators name its body's SHA-256."""
    try:
        kept = json.loads(validators.read_bytes())
        body = validators.with_suffix(".body").read_bytes()
    except (OSError, ValueError):
        return False
    return isinstance(kept, dict) and kept.get("sha256") == hashlib.sha256(body).hexdigest()


def _picture_intact(path: Path) -> bool:
    """A fetched picture, named by the hash of its bytes."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:32] == path.name
    except OSError:
        return False


def _transcription_intact(path: Path) -> bool:
    """What the recogniser heard: a JSON list."""
    try:
        return isinstance(json.loads(path.read_bytes()), list)
    except (OSError, ValueError):
        return False


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)
