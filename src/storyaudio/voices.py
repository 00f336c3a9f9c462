"""Voice profiles: which engine speaks, in which language, with which settings.

A profile is a TOML file named ``<name>.toml``. Profiles are looked up in the
folders :func:`voice_dirs` lists: the show's own ``voices/`` folder (beside its
settings file, passed in by the caller), then ``voices/`` in the working
directory, then the ones storyaudio ships.

Three more kinds of name work without a profile file:

- a voice installed from Piper's catalogue (``storyaudio voices add en_GB-alba-medium``) is used
  by its catalogue name, its language read from its own config; ``NAME:SPEAKER`` picks a speaker
  of a multi-speaker voice by name or number (``en_GB-vctk-medium:p239``);
- ``gtts:LANG`` or ``gtts:LANG:TLD`` is Google's online voice for any language it knows, with
  an accent by its domain (``gtts:en:co.uk``);
- ``hibari:NAME`` is one of hibari's voices (``hibari:emma``, British English), with the hibari
  extra installed and the voice on this machine.

An installed voice lives in its own folder under :func:`installed_voices_dir`, and counts as
installed only once its ``installed.json`` is there: that file is written last, after every
file was checked, so a download that stopped halfway is never used.
"""

from __future__ import annotations

import difflib
import json
import os
import re
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

from .errors import VoiceError, install_hint
from .settings import language_region, primary_language

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
    licence: str = ""
    """The voice's licence (from its model card, or the profile's ``licence``), when known."""

    credit_name: str = ""
    """How the voice is credited: the engine and model (``Piper en_GB-alba-medium``)."""

    quality: str = ""
    """Piper's quality grade (``x_low`` to ``high``), when known."""

    speakers: int = 1

    def credit(self) -> str:
        """The line every episode carries: an honest disclosure that the voice is synthetic, and
        the attribution a CC BY voice asks for."""
        name = self.credit_name or f"{self.engine} {self.name}"
        return f"{CREDIT_OPENING}{name}" + (f" ({self.licence})" if self.licence else "")


CREDIT_OPENING = "Read by a synthetic voice: "
"""How every credit line begins; what follows names the voice (the CLI shows that part)."""

INSTALLED_MARK = "installed.json"
"""Written last into an installed voice's folder: without it, the folder is not a voice."""


def installed_voices_dir() -> Path:
    """Where catalogue voices are installed: ``$STORYAUDIO_VOICES``, else the user's data folder
    (not the clip cache: clearing a cache must not remove voices)."""
    override = os.environ.get("STORYAUDIO_VOICES")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("storyaudio")) / "voices"


def installed_voices() -> list[VoiceProfile]:
    """Every voice installed from the catalogue, by name."""
    folder = installed_voices_dir()
    if not folder.is_dir():
        return []
    found = []
    for mark in sorted(folder.glob(f"*/{INSTALLED_MARK}")):
        try:
            found.append(_installed_profile(mark.parent))
        except VoiceError as error:
            log.warning("%s", error)
    return found


def _installed_profile(folder: Path, speaker: str | None = None) -> VoiceProfile:
    """The profile of the installed voice in *folder* (its catalogue name is the folder's)."""
    name = folder.name
    try:
        mark = json.loads((folder / INSTALLED_MARK).read_text(encoding="utf-8"))
        config = json.loads((folder / f"{name}.onnx.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise VoiceError(f"{folder}: installed voice {name!r} is damaged ({error}); "
                         f"storyaudio voices add {name} installs it again") from None
    code = str((config.get("language") or {}).get("code") or mark.get("language") or "en").replace("_", "-")
    settings: dict[str, Any] = {"model": str(folder / f"{name}.onnx")}
    speakers = {str(k): int(v) for k, v in (config.get("speaker_id_map") or {}).items()}
    if speaker is not None:
        settings["speaker"] = _speaker_number(name, speaker, speakers, int(config.get("num_speakers") or 1))
    quality = str((config.get("audio") or {}).get("quality") or mark.get("quality") or "")
    label = f"{name}:{speaker}" if speaker is not None else name
    return VoiceProfile(
        name=label, engine="piper", language=code,
        description=f"Piper {name}, installed from the catalogue",
        settings=settings, path=folder / INSTALLED_MARK, licence=str(mark.get("licence") or ""),
        credit_name=f"Piper {label}", quality=quality, speakers=max(1, int(config.get("num_speakers") or 1)),
    )


def _speaker_number(name: str, speaker: str, speakers: Mapping[str, int], count: int) -> int:
    if speaker in speakers:
        return speakers[speaker]
    if speaker.isdigit() and int(speaker) < max(count, len(speakers)):
        return int(speaker)
    known = ", ".join(sorted(speakers)[:12]) or f"0 to {count - 1}"
    raise VoiceError(f"voice {name!r} has no speaker {speaker!r} (speakers: {known})")

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
    """Every profile found, the first of each name winning, then the installed catalogue voices."""
    profiles: dict[str, VoiceProfile] = {}
    for folder in voice_dirs(extra):
        for file in sorted(folder.glob("*.toml")):
            if file.stem not in profiles and file.stem != "lexicon":
                profiles[file.stem] = read_profile(file)
    for voice in installed_voices():
        profiles.setdefault(voice.name, voice)
    return list(profiles.values())


_GTTS = re.compile(r"^gtts:(?P<language>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)(?::(?P<tld>[a-z.]{2,12}))?$")


_HIBARI = re.compile(r"^hibari:(?P<voice>[a-z]{2,20})$")


def _hibari_profile(voice: str) -> VoiceProfile:
    """``hibari:NAME``: one of hibari's voices (its language from hibari's own registry)."""
    try:
        from hibari.voices import VOICES
    except ImportError:
        raise VoiceError(f"voice 'hibari:{voice}' needs the hibari extra: {install_hint('hibari')}") from None
    entry = VOICES.get(voice)
    if entry is None:
        raise VoiceError(f"hibari has no voice {voice!r} (voices: {', '.join(VOICES)})")
    return VoiceProfile(name=f"hibari:{voice}", engine="hibari", language=str(entry.get("language", "en")),
                        description=f"hibari {voice} ({entry.get('accent', '')} English, {entry.get('gender', '')}), "
                                    "offline", settings={"voice": voice},
                        credit_name=f"hibari {voice} (distilled from Kokoro {entry.get('kokoro', '')})",
                        licence="Apache-2.0")


def load_voice(name: str | None = None, extra: Iterable[Path] = ()) -> VoiceProfile:
    """Find the voice called *name* (the default voice when ``None``): a profile, an installed
    catalogue voice (``NAME`` or ``NAME:SPEAKER``), or ``gtts:LANG[:TLD]``."""
    name = name or DEFAULT_VOICE
    for folder in voice_dirs(extra):
        file = folder / f"{name}.toml"
        if file.is_file():
            return read_profile(file)
    voice, _, speaker = name.partition(":")
    folder = installed_voices_dir() / voice
    if voice and "/" not in voice and not voice.startswith(".") and (folder / INSTALLED_MARK).is_file():
        return _installed_profile(folder, speaker or None)
    if match := _GTTS.match(name):
        language, tld = match["language"], match["tld"] or "com"
        return VoiceProfile(name=name, engine="gtts", language=language,
                            description=f"Google Translate's online voice ({language}, translate.google.{tld})",
                            settings={"tld": tld}, credit_name=f"Google Translate text-to-speech ({language})")
    if match := _HIBARI.match(name):
        return _hibari_profile(match["voice"])
    names = [p.name for p in list_voices(extra)]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else f" (known: {', '.join(names) or 'none'})"
    raise VoiceError(f"unknown voice {name!r}{hint} `storyaudio voices available` lists the voices that can be "
                     "installed, `storyaudio voices add NAME` installs one")


def read_profile(path: Path) -> VoiceProfile:
    """Parse one profile file, with errors naming the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise VoiceError(f"{path}: malformed voice profile: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise VoiceError(f"{path}: cannot be read: {error}") from None
    unknown = set(data) - {"name", "engine", "language", "description", "settings", "licence", "credit"}
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
        licence=str(data.get("licence", "")),
        credit_name=str(data.get("credit", "")),
    )


def voice_for_language(language: str, extra: Iterable[Path] = (), chosen: Mapping[str, str] | None = None,
                       fallback: str | None = None) -> VoiceProfile:
    """The voice for a story in *language* (a tag: ``en-GB``, ``es``) when the story names none.

    In order: the show's choice for the language (*chosen*, its ``[voices]`` table: the whole tag
    first, then its language alone), the show's own voice (*fallback*), a voice of the same
    language and region, then one of the same
    language (the default voice first, then offline voices), else a :class:`VoiceError` naming the
    commands that install one: an English voice reading another language is forty seconds of wrong
    phonemes, not a story.
    """
    primary, region = primary_language(language), language_region(language)
    for key in ((primary, region), (primary, "")):
        for wanted, name in (chosen or {}).items():
            if (primary_language(wanted), language_region(wanted)) == key:
                return load_voice(name, extra)
    if fallback:
        return load_voice(fallback, extra)
    voices = list_voices(extra)
    matches = [p for p in voices if primary_language(p.language) == primary]
    if not matches:
        known = ", ".join(sorted({p.language for p in voices})) or "none"
        raise VoiceError(f"no voice speaks {language!r} (installed voices speak {known}); "
                         f"`storyaudio voices available {primary}` lists the voices that do, and "
                         f"`storyaudio voices add NAME` installs one")
    matches.sort(key=lambda p: (language_region(p.language) != region if region else False,
                                p.name != DEFAULT_VOICE, p.engine != "piper", p.name))
    return matches[0]


