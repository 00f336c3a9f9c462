"""Voice profiles: which engine speaks, in which language, with which settings.

A profile is a TOML file named ``<name>.toml``. Profiles are looked up in the
folders :func:`voice_dirs` lists: the show's own ``voices/`` folder (beside its
settings file, passed in by the caller), then ``voices/`` in the working
directory, then the ones storyaudio ships.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

import logging

from .errors import VoiceError

log = logging.getLogger(__name__)

DEFAULT_VOICE = "default"


@dataclass(frozen=True)
class VoiceProfile:
    """One voice, as read from its TOML file."""

    name: str
    engine: str
    """Name of the engine in the registry (``piper``, ``gtts``)."""

    language: str = "en"
    description: str = ""
    settings: Mapping[str, Any] = field(default_factory=dict)
    """Engine-specific settings, checked by the engine itself."""

    path: Path | None = None


def voice_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    """Folders searched for profiles (and ``lexicon.toml``), most specific first: *extra* (the
    show's ``voices/``), ``./voices``, then storyaudio's own; those that exist, each once."""
    package = Path(__file__).parent
    candidates = [
        *extra,
        Path.cwd() / "voices",
        package / "voices",  # inside an installed wheel
        package.parent.parent / "voices",  # a source checkout (editable install)
    ]
    seen: list[Path] = []
    for folder in candidates:
        folder = folder.resolve()
        if folder.is_dir() and folder not in seen:
            seen.append(folder)
    return seen


def list_voices(extra: Iterable[Path] = ()) -> list[VoiceProfile]:
    """Every profile found, the first of each name winning."""
    profiles: dict[str, VoiceProfile] = {}
    for folder in voice_dirs(extra):
        for file in sorted(folder.glob("*.toml")):
            if file.stem not in profiles and file.stem != "lexicon":
                profiles[file.stem] = read_profile(file)
    return list(profiles.values())


def load_voice(name: str | None = None, extra: Iterable[Path] = ()) -> VoiceProfile:
    """Find the profile called *name* (the default voice when ``None``)."""
    name = name or DEFAULT_VOICE
    for folder in voice_dirs(extra):
        file = folder / f"{name}.toml"
        if file.is_file():
            return read_profile(file)
    known = ", ".join(p.name for p in list_voices(extra)) or "none"
    raise VoiceError(f"unknown voice {name!r} (known: {known})")


def read_profile(path: Path) -> VoiceProfile:
    """Parse one profile file, with errors naming the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise VoiceError(f"{path}: malformed voice profile: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise VoiceError(f"{path}: cannot be read: {error}") from None
    unknown = set(data) - {"name", "engine", "language", "description", "settings"}
    if unknown:
        raise VoiceError(f"{path}: unknown key(s) in voice profile: {', '.join(sorted(unknown))}")
    if "engine" not in data:
        raise VoiceError(f"{path}: voice profile names no engine")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise VoiceError(f"{path}: [settings] must be a table")
    return VoiceProfile(
        name=str(data.get("name", path.stem)),
        engine=str(data["engine"]),
        language=str(data.get("language", "en")),
        description=str(data.get("description", "")),
        settings=settings,
        path=path,
    )


def voice_for_language(language: str, extra: Iterable[Path] = ()) -> VoiceProfile:
    """The profile to use for a story in *language* when nothing names one.

    The default voice when it speaks that language, else an offline (piper)
    voice of that language, else any voice of it. When none speaks it, a
    :class:`VoiceError` lists the voices there are: an English voice reading
    another language is forty seconds of wrong phonemes, not a story.
    """
    primary = _primary(language)
    voices = list_voices(extra)
    matches = [p for p in voices if _primary(p.language) == primary]
    if not matches:
        known = ", ".join(f"{p.name} ({p.language})" for p in voices) or "none"
        raise VoiceError(f"no voice profile speaks {language!r} (voices: {known}); add one that does, "
                         "or name one with --voice or the story's 'voice:'")
    matches.sort(key=lambda p: (p.name != DEFAULT_VOICE, p.engine != "piper", p.name))
    return matches[0]


def _primary(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()
