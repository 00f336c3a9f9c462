"""Show settings: what the whole podcast is called and where it will live.

Read from ``storyaudio.toml`` in the working directory (or a file named with
``--show``); every setting has a default so a first build needs no file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .assemble.encode import AudioSettings
from .errors import StoryAudioError
from .script import Pauses

SHOW_FILE = "storyaudio.toml"

MP3_BITRATES = (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
"""Constant bitrates (kbps) an MP3 encoder accepts."""


class ShowError(StoryAudioError, ValueError):
    """``storyaudio.toml`` is malformed or holds an invalid value."""


@dataclass(frozen=True)
class Show:
    """The podcast as a whole: feed channel, album tag and show page."""

    title: str = "Stories, read aloud"
    description: str = "Narrated stories, made with storyaudio."
    author: str = "storyaudio"
    owner_name: str = ""
    owner_email: str = ""
    """Apple contacts the owner about the feed; never shown to listeners."""

    language: str = "en"
    base_url: str = ""
    """Where the output folder is served, e.g. ``https://example.org/audio/``.

    Empty: the feed uses relative links, fine for a local preview but not for
    podcast apps, which need absolute URLs."""

    explicit: bool = False
    category: str = "Society & Culture"
    subcategory: str = ""
    show_type: str = "episodic"
    """``episodic`` (newest first) or ``serial`` (in order; every story needs ``episode:``)."""

    copyright: str = ""
    link: str = ""
    """The organisation's own page for the show; defaults to the show page in the output."""

    locked: bool = True
    """``podcast:locked``: tells podcast hosts not to import the feed without the owner."""
    voice: str | None = None
    """Default voice profile for stories that name none."""

    lexicon: str = ""
    """The show's pronunciation lexicon file, relative to the settings file."""

    templates: str = ""
    """A folder of the team's own page templates, searched before storyaudio's (relative to the settings file)."""

    artwork: str = ""
    """Show artwork (JPEG or PNG), relative to the settings file; the cover of stories without one."""

    roles: Mapping[str, str] = field(default_factory=dict)
    """Segment kind (``heading``, ``quote``, ``title``) -> voice profile that speaks it."""

    pauses: Pauses = field(default_factory=Pauses)
    audio: AudioSettings = field(default_factory=AudioSettings)
    path: Path | None = None


def show_relative(show: Show, value: str) -> Path | None:
    """A path from the settings, resolved against the settings file's folder."""
    if not value:
        return None
    base = show.path.parent if show.path else Path.cwd()
    return base / value


def lexicon_path(show: Show) -> Path | None:
    """The show's own lexicon file."""
    return show_relative(show, show.lexicon)


def load_show(path: Path | None = None) -> Show:
    """Read show settings from *path*, or from ``./storyaudio.toml`` when it exists."""
    if path is None:
        candidate = Path.cwd() / SHOW_FILE
        if not candidate.is_file():
            return Show()
        path = candidate
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ShowError(f"{path}: no such show settings file") from None
    except tomllib.TOMLDecodeError as error:
        raise ShowError(f"{path}: malformed settings: {error}") from None
    return _show_from_dict(data, path)


def _show_from_dict(data: dict[str, Any], path: Path) -> Show:
    show_data = dict(data.get("show", {}))
    known = {f.name for f in fields(Show)} - {"pauses", "audio", "path", "roles"}
    unknown = set(show_data) - known
    if unknown:
        raise ShowError(f"{path}: unknown setting(s) in [show]: {', '.join(sorted(unknown))}")
    base_url = str(show_data.get("base_url", ""))
    if base_url and not base_url.startswith(("http://", "https://")):
        raise ShowError(f"{path}: [show] base_url must start with http:// or https://")
    if base_url and not base_url.endswith("/"):
        show_data["base_url"] = base_url + "/"
    _check_values(show_data, path)
    roles = data.get("roles", {})
    bad_roles = set(roles) - {"title", "heading", "quote", "sentence"}
    if bad_roles or not all(isinstance(v, str) for v in roles.values()):
        raise ShowError(f"{path}: [roles] maps title, heading, quote or sentence to a voice name")
    unknown_tables = set(data) - {"show", "pauses", "audio", "roles"}
    if unknown_tables:
        raise ShowError(f"{path}: unknown table(s): {', '.join(sorted(unknown_tables))}")
    audio = data.get("audio", {})
    if "bitrate_kbps" in audio and audio["bitrate_kbps"] not in MP3_BITRATES:
        raise ShowError(f"{path}: [audio] bitrate_kbps {audio['bitrate_kbps']!r} is not an MP3 "
                        f"bitrate ({', '.join(map(str, MP3_BITRATES))})")
    if audio.get("channels", 1) not in (1, 2):
        raise ShowError(f"{path}: [audio] channels must be 1 or 2")
    if audio.get("sample_rate", 44100) not in (22050, 24000, 32000, 44100, 48000):
        raise ShowError(f"{path}: [audio] sample_rate must be 22050, 24000, 32000, 44100 or 48000")
    quality = audio.get("mp3_quality", 5)
    if isinstance(quality, bool) or quality not in range(10):
        raise ShowError(f"{path}: [audio] mp3_quality is LAME's -q, a whole number from 0 (best, slowest) "
                        f"to 9 (fastest), not {quality!r}")
    if audio.get("bed") and not (audio.get("intro") or audio.get("outro")):
        raise ShowError(f"{path}: [audio] bed is laid under the intro and the outro; set intro or outro too")
    bed_db = audio.get("bed_db", -15.0)
    if isinstance(bed_db, bool) or not isinstance(bed_db, (int, float)) or not -60 <= bed_db <= 0:
        raise ShowError(f"{path}: [audio] bed_db must be a level in dB from -60 to 0 (the bed stays under "
                        f"the intro and outro), not {bed_db!r}")
    for key in ("intro", "outro", "bed"):
        if audio.get(key):
            audio = {**audio, key: str(path.parent / str(audio[key]))}
    return Show(
        **show_data,
        roles=dict(roles),
        pauses=_sub(Pauses, data.get("pauses", {}), "pauses", path),
        audio=_sub(AudioSettings, audio, "audio", path),
        path=path,
    )


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
"""What an owner e-mail address must look like (also used by ``storyaudio check``)."""
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2}|-[0-9]{3})?$")


def _check_values(data: dict[str, Any], path: Path) -> None:
    """The checks Apple and podcast apps would fail the feed for, said before building."""
    from .publish.categories import category_problem

    if "language" in data and not _LANGUAGE.match(str(data["language"])):
        raise ShowError(f"{path}: [show] language {data['language']!r} is not a language code like en or en-GB")
    if data.get("owner_email") and not EMAIL.match(str(data["owner_email"])):
        raise ShowError(f"{path}: [show] owner_email {data['owner_email']!r} is not an e-mail address")
    if data.get("show_type", "episodic") not in ("episodic", "serial"):
        raise ShowError(f"{path}: [show] show_type must be episodic or serial")
    for key in ("locked", "explicit"):
        if key in data and not isinstance(data[key], bool):
            raise ShowError(f"{path}: [show] {key} must be true or false, not {data[key]!r}")
    problem = category_problem(str(data.get("category", Show.category)), str(data.get("subcategory", "")))
    if problem:
        raise ShowError(f"{path}: [show] {problem}")
    for key in ("title", "description", "author"):
        if key in data and not str(data[key]).strip():
            raise ShowError(f"{path}: [show] {key} must not be empty")
    if len(str(data.get("description", "")).encode()) > 4000:
        raise ShowError(f"{path}: [show] description is over Apple's 4000-byte limit")


def _sub(cls: Any, values: dict[str, Any], table: str, path: Path) -> Any:
    known = {f.name for f in fields(cls)}
    unknown = set(values) - known
    if unknown:
        raise ShowError(f"{path}: unknown setting(s) in [{table}]: {', '.join(sorted(unknown))}")
    return cls(**values)
