"""Piper's catalogue of voices: list it, install a voice from it, remove one.

Piper publishes about a hundred neural voices in about forty languages, with each file's size
and MD5, in a ``voices.json`` at the root of its voice repository; every file lies at the path
the index names under that root. A **mirror** is any copy of that layout: an ``http(s)`` URL
or a local folder (``$STORYAUDIO_VOICE_MIRROR``, else the show's ``[voices] mirror``, else
Piper's own repository), for organisations behind a proxy, air-gapped machines and the tests.

Installing cannot leave a broken voice: every file is downloaded beside the voice's folder
under a temporary name (:mod:`storyaudio.download`, bounded in time and checked against the
catalogue's size and MD5), the voice's ``installed.json`` is written last, and the finished
folder is renamed into place at once. A download stopped halfway resumes where it stopped.
``voices.json`` is kept, so ``voices available`` works offline after the first time.
"""

from __future__ import annotations

import difflib
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import atomic_write
from .download import DownloadError, fetch_bytes, fetch_file
from .errors import VoiceError
from .settings import Show, language_region, primary_language
from .voices import INSTALLED_MARK, installed_voices_dir

log = logging.getLogger(__name__)

PIPER_MIRROR = "https://huggingface.co/rhasspy/piper-voices/resolve/main/"
"""Piper's own voice repository: ``voices.json`` and every voice's files under it."""

INDEX_FILE = "voices.json"
MODEL_CARD = "MODEL_CARD"

NON_COMMERCIAL = re.compile(r"\bnon[- ]?commercial\b|\bNC\b|-NC-", re.IGNORECASE)


def voice_mirror(show: Show | None = None) -> str:
    """Where voices come from: ``$STORYAUDIO_VOICE_MIRROR``, the show's ``[voices] mirror``, or Piper's."""
    mirror = os.environ.get("STORYAUDIO_VOICE_MIRROR") or (show.voice_mirror if show else "") or PIPER_MIRROR
    if "://" in mirror:
        return mirror if mirror.endswith("/") else mirror + "/"
    return str(Path(mirror).expanduser())


@dataclass(frozen=True)
class CatalogueFile:
    path: str
    """Relative to the mirror's root, as the index names it."""

    size: int
    md5: str

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class CatalogueVoice:
    """One voice of the catalogue, as ``voices.json`` describes it."""

    name: str
    """Piper's key: ``en_GB-alba-medium``."""

    language: str
    """A language tag: ``en-GB``."""

    language_name: str
    quality: str
    speakers: tuple[str, ...]
    files: tuple[CatalogueFile, ...]

    @property
    def size(self) -> int:
        return sum(file.size for file in self.files)

    def file(self, suffix: str) -> CatalogueFile | None:
        return next((file for file in self.files if file.name == f"{self.name}{suffix}" or file.name == suffix),
                    None)


def _voice(key: str, entry: Any) -> CatalogueVoice | None:
    """A catalogue entry, or None when it is not in the shape Piper's index gives."""
    try:
        language = entry["language"]
        files = tuple(CatalogueFile(str(path), int(info["size_bytes"]), str(info["md5_digest"]).lower())
                      for path, info in entry["files"].items())
        return CatalogueVoice(
            name=str(key), language=str(language["code"]).replace("_", "-"),
            language_name=f"{language.get('name_english', '')} ({language.get('country_english', '')})",
            quality=str(entry.get("quality", "")),
            speakers=tuple(str(name) for name in (entry.get("speaker_id_map") or {})),
            files=files,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


class Catalogue:
    """The voices a mirror offers, read from its ``voices.json`` (or the copy kept last time)."""

    def __init__(self, voices: Sequence[CatalogueVoice], mirror: str, saved: bool = False) -> None:
        self.voices = {voice.name: voice for voice in voices}
        self.mirror = mirror
        self.saved = saved
        """True when the mirror could not be reached and the kept copy was read instead."""

    def find(self, name: str) -> CatalogueVoice:
        """The voice called *name*; a :class:`VoiceError` suggesting the closest names otherwise."""
        voice = self.voices.get(name.partition(":")[0])
        if voice is not None:
            return voice
        close = difflib.get_close_matches(name, list(self.voices), n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise VoiceError(f"no voice {name!r} in the catalogue at {self.mirror}{hint} "
                         "(`storyaudio voices available` lists them)")

    def matching(self, language: str = "") -> list[CatalogueVoice]:
        """The voices of *language* (``es`` gives every Spanish voice, ``en-GB`` only British)."""
        primary, region = primary_language(language), language_region(language)
        return sorted((voice for voice in self.voices.values()
                       if not language or (primary_language(voice.language) == primary
                                           and region in ("", language_region(voice.language)))),
                      key=lambda voice: (voice.language, voice.name))


def load_catalogue(mirror: str, timeout_s: float = 30.0) -> Catalogue:
    """The catalogue at *mirror*; when it cannot be reached, the copy kept from last time (with a
    warning), else a :class:`VoiceError` naming the mirror settings."""
    kept = _kept_index(mirror)
    try:
        data = fetch_bytes(_join(mirror, INDEX_FILE), max_bytes=20 * 1024 * 1024, grace_s=timeout_s)
        index = json.loads(data)
        if not isinstance(index, dict):
            raise ValueError("not a JSON object")
    except (DownloadError, ValueError) as error:
        if kept.is_file():
            log.warning("the voice catalogue at %s cannot be read (%s); using the copy kept from before", mirror,
                        error)
            return Catalogue(_parse(json.loads(kept.read_text(encoding="utf-8")), mirror), mirror, saved=True)
        raise VoiceError(f"the voice catalogue cannot be read from {mirror} ({error}); set STORYAUDIO_VOICE_MIRROR "
                         "or [voices] mirror in the show file to a copy of Piper's voice repository (a URL or a "
                         "folder)") from None
    kept.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(kept, json.dumps(index))
    return Catalogue(_parse(index, mirror), mirror)


def _parse(index: dict[str, Any], mirror: str) -> list[CatalogueVoice]:
    voices = [voice for key, entry in index.items() if (voice := _voice(key, entry)) is not None]
    if index and not voices:
        raise VoiceError(f"{_join(mirror, INDEX_FILE)} is not a Piper voice index")
    return voices


def _kept_index(mirror: str) -> Path:
    import hashlib

    name = hashlib.sha256(mirror.encode()).hexdigest()[:16]
    return installed_voices_dir() / ".catalogue" / f"{name}.json"


def _join(mirror: str, path: str) -> str:
    return mirror + path if "://" in mirror else str(Path(mirror) / path)


Progress = Callable[[int, int], None]
"""``progress(bytes_so_far, bytes_in_all)`` while a voice downloads."""


def install_voice(voice: CatalogueVoice, mirror: str, progress: Progress | None = None) -> Path:
    """Download, check and install *voice*; its folder. Nothing is installed unless every file is
    whole: a wrong checksum, a short file or a broken connection is a :class:`VoiceError` of one
    line, and what was downloaded so far is kept (checked again) for the next try to resume."""
    if voice.file(".onnx") is None or voice.file(".onnx.json") is None:
        raise VoiceError(f"catalogue entry {voice.name!r} has no .onnx model or .onnx.json config")
    root = installed_voices_dir()
    final = root / voice.name
    partial = root / f".{voice.name}.partial"
    partial.mkdir(parents=True, exist_ok=True)
    done = 0
    for file in voice.files:
        if file.name != MODEL_CARD and not file.name.startswith(voice.name):
            continue  # samples and the like: not needed to speak
        target = partial / file.name
        def step(got: int, base: int = done) -> None:
            if progress:
                progress(base + got, voice.size)

        try:
            fetch_file(_join(mirror, file.path), target, size=file.size, md5=file.md5, progress=step)
        except DownloadError as error:
            raise VoiceError(f"{voice.name} was not installed: {error}") from None
        done += file.size
    licence = model_card_licence(partial / MODEL_CARD)
    atomic_write(partial / INSTALLED_MARK, json.dumps({
        "name": voice.name, "language": voice.language, "quality": voice.quality, "licence": licence,
        "mirror": mirror, "files": {file.name: file.md5 for file in voice.files},
    }, indent=2))
    if final.exists():
        shutil.rmtree(final)
    os.replace(partial, final)
    return final


def remove_voice(name: str) -> Path:
    """Uninstall the voice *name*; its folder (gone now)."""
    folder = installed_voices_dir() / name
    if not name or "/" in name or name.startswith(".") or not (folder / INSTALLED_MARK).is_file():
        raise VoiceError(f"no installed voice {name!r} (installed: {', '.join(sorted(installed_names())) or 'none'})")
    # The mark goes first: from then on the folder is not a voice, whatever happens to the rest.
    (folder / INSTALLED_MARK).unlink()
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def model_card_licence(card: Path) -> str:
    """The dataset licence a Piper model card states (``* License: CC BY 4.0``), or ``""``."""
    try:
        text = card.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    match = re.search(r"^\s*\*?\s*Licen[cs]e:\s*(.+?)\s*$", text, re.IGNORECASE | re.MULTILINE)
    return match.group(1)[:80] if match else ""


def is_non_commercial(licence: str) -> bool:
    return bool(NON_COMMERCIAL.search(licence))


def installed_names() -> set[str]:
    root = installed_voices_dir()
    return {mark.parent.name for mark in root.glob(f"*/{INSTALLED_MARK}")} if root.is_dir() else set()
