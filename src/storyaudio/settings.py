"""Settings: the show, how it sounds and how it pauses, read from ``storyaudio.toml``.

These dataclasses sit at the bottom of the package, beside the values in
:mod:`storyaudio.models`: every stage that reads a setting imports it from
here, and nothing here imports a stage. Each table of the settings file has
its dataclass, and each dataclass checks its own values in ``from_dict``, so
a wrong value is reported with the table it is in, before any work starts.

Every setting has a default, so a first build needs no file.
"""

from __future__ import annotations

import os
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

from .categories import category_problem
from .errors import StoryAudioError

SHOW_FILE = "storyaudio.toml"

MP3_BITRATES = (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
"""Constant bitrates (kbps) an MP3 encoder accepts."""

SAMPLE_RATES = (22050, 24000, 32000, 44100, 48000)
"""Sample rates an episode may be encoded at (Hz)."""

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
"""What an owner e-mail address must look like (also used by ``storyaudio check``)."""

_LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?$")

ROLES = ("title", "heading", "quote", "sentence")
"""Segment kinds a show may give a voice of their own in ``[roles]``."""


class ShowError(StoryAudioError, ValueError):
    """``storyaudio.toml`` is malformed or holds an invalid value."""


def primary_language(language: str) -> str:
    """``en-GB`` -> ``en``: the language without its region (``en_GB`` is read as ``en-GB``); the
    part num2words, the rule lists and the choice of a voice go by."""
    return language.replace("_", "-").split("-")[0].lower() or "en"


def language_region(language: str) -> str:
    """``en-GB`` -> ``gb``, ``es`` -> ``""``: the rest of the tag, lower case."""
    return language.replace("_", "-").lower().partition("-")[2]


def language_problem(code: str) -> str | None:
    """Why *code* is not a language tag (``en``, ``en-GB``, ``es-419``, ``haw``), or ``None``.

    One check for loading a show and for ``storyaudio check``, so the two never
    disagree: a primary ISO 639 code of two or three letters, an optional
    script and an optional region (two letters or three digits), as RFC 5646 says.
    """
    if _LANGUAGE.match(code):
        return None
    return f"language {code!r} is not a language code like en, en-GB or es-419"


@dataclass(frozen=True)
class Pauses:
    """Silence, in milliseconds, after each kind of boundary (``[pauses]``)."""

    sentence_ms: int = 300
    paragraph_ms: int = 700
    chapter_ms: int = 1500

    def __post_init__(self) -> None:
        _check_pauses(_values(self), "Pauses:")  # the library and the settings file agree

    @classmethod
    def from_dict(cls, values: Mapping[str, Any], where: str = "[pauses]") -> Pauses:
        known = _known(cls, values, where)
        _check_pauses(known, where)
        return cls(**known)


def _check_pauses(values: Mapping[str, Any], where: str) -> None:
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 60_000:
            raise ShowError(f"{where} {key} must be a whole number of milliseconds from 0 to 60000, not {value!r}")


def _values(settings: Any) -> dict[str, Any]:
    """A settings dataclass's own values by field name (nested settings left as they are)."""
    return {f.name: getattr(settings, f.name) for f in fields(settings)}


@dataclass(frozen=True)
class AudioSettings:
    """How episodes are encoded (``[audio]``)."""

    bitrate_kbps: int = 64
    sample_rate: int = 44100
    channels: int = 1
    loudness_lufs: float | None = None
    """Integrated loudness target; ``None`` picks -19 LUFS for mono, -16 for stereo."""

    true_peak_db: float = -1.5
    """Ceiling aimed for before encoding; MP3 adds a little, and -1 dBTP must hold after."""

    intro: str = ""
    """Audio played before every episode (any format ffmpeg reads), faded in and out."""

    outro: str = ""
    """Audio played after every episode, faded in and out."""

    fade_ms: int = 500

    mp3_quality: int = 5
    """LAME's quality/speed trade-off (its ``-q``): 0 is best and slowest. 5, LAME's
    "good quality, fast", costs about 0.7% of the audio's length in CPU time; 7 about a third less,
    with LAME's noise shaping off; 8 and 9 are no faster than 7 (measured through ffmpeg on
    27 minutes of speech)."""

    bed: str = ""
    """Music laid under the intro and the outro (repeated or cut to fit), faded in and out."""

    bed_db: float = -15.0
    """Level of the bed relative to its file: negative, so it stays under the intro and outro."""

    @property
    def target_lufs(self) -> float:
        if self.loudness_lufs is not None:
            return self.loudness_lufs
        return -19.0 if self.channels == 1 else -16.0

    @classmethod
    def from_dict(cls, values: Mapping[str, Any], base: Path | None = None,
                  where: str = "[audio]") -> AudioSettings:
        """Check ``[audio]``; music files are resolved against *base* (the settings file's folder)."""
        audio = _known(cls, values, where)
        _check_audio(audio, where)
        for key in ("intro", "outro", "bed"):
            if audio.get(key) and base is not None:
                audio[key] = str(base / str(audio[key]))
        return cls(**audio)

    def __post_init__(self) -> None:
        _check_audio(_values(self), "AudioSettings:")


def _check_audio(audio: Mapping[str, Any], where: str) -> None:
    """The checks of ``[audio]``, shared by the settings file and the library."""
    if "bitrate_kbps" in audio and audio["bitrate_kbps"] not in MP3_BITRATES:
        raise ShowError(f"{where} bitrate_kbps {audio['bitrate_kbps']!r} is not an MP3 "
                        f"bitrate ({', '.join(map(str, MP3_BITRATES))})")
    if audio.get("channels", 1) not in (1, 2):
        raise ShowError(f"{where} channels must be 1 or 2")
    if audio.get("sample_rate", 44100) not in SAMPLE_RATES:
        raise ShowError(f"{where} sample_rate must be 22050, 24000, 32000, 44100 or 48000")
    quality = audio.get("mp3_quality", 5)
    if isinstance(quality, bool) or quality not in range(10):
        raise ShowError(f"{where} mp3_quality is LAME's -q, a whole number from 0 (best, slowest) "
                        f"to 9 (fastest), not {quality!r}")
    if audio.get("bed") and not (audio.get("intro") or audio.get("outro")):
        raise ShowError(f"{where} bed is laid under the intro and the outro; set intro or outro too")
    bed_db = audio.get("bed_db", -15.0)
    if isinstance(bed_db, bool) or not isinstance(bed_db, (int, float)) or not -60 <= bed_db <= 0:
        raise ShowError(f"{where} bed_db must be a level in dB from -60 to 0 (the bed stays under "
                        f"the intro and outro), not {bed_db!r}")


MAX_PICTURE_PIXELS = 50_000_000
"""The largest picture opened (7,000 x 7,000), whether a story's cover or a page's lead picture:
a 30,000 x 30,000 PNG would need gigabytes to decode."""


MAX_DELAY = 60.0
"""Most seconds between two requests to one site, whether the show's ``delay`` or a site's
``Crawl-delay`` asks for more (``Crawl-delay: 100000`` would stall a sync for a day)."""


@dataclass(frozen=True)
class Sources:
    """The stories the show narrates from its own website (``[sources]``): ``storyaudio build``
    with no arguments builds them all, new and changed ones only."""

    pages: tuple[str, ...] = ()
    """Story page URLs."""

    feeds: tuple[str, ...] = ()
    """RSS or Atom feed URLs: each item's link is a story page."""

    sitemaps: tuple[str, ...] = ()
    """``sitemap.xml`` URLs (sitemap indexes too)."""

    match: str = ""
    """A URL pattern (``*`` and ``?`` as in file names) that pages found in feeds and sitemaps
    must match to be narrated, e.g. ``https://example.org/stories/*``."""

    delay: float = 0.0
    """Seconds to wait between two requests to one site (``robots.txt``'s Crawl-delay, when
    longer, wins, up to :data:`MAX_DELAY`)."""

    page_images: bool = True
    """Use each page's lead picture (``og:image``) as the episode's cover; false gives every
    episode the show's artwork."""

    @property
    def urls(self) -> tuple[str, ...]:
        return (*self.pages, *self.feeds, *self.sitemaps)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str) -> Sources:
        values = _known(cls, data, where)
        for key in ("pages", "feeds", "sitemaps"):
            urls = values.get(key, [])
            if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
                raise ShowError(f"{where} {key} must be a list of URLs")
            for url in urls:
                if not url.startswith(("http://", "https://")):
                    raise ShowError(f"{where} {key}: {url!r} must start with http:// or https://")
            values[key] = tuple(urls)
        if not isinstance(values.get("match", ""), str):
            raise ShowError(f"{where} match must be a text pattern")
        delay = values.get("delay", 0.0)
        if isinstance(delay, bool) or not isinstance(delay, (int, float)) or not 0 <= delay <= MAX_DELAY:
            raise ShowError(f"{where} delay must be a number of seconds from 0 to {MAX_DELAY:g}")
        values["delay"] = float(delay)
        if not isinstance(values.get("page_images", True), bool):
            raise ShowError(f"{where} page_images must be true or false")
        return cls(**values)


@dataclass(frozen=True)
class Show:
    """The podcast as a whole: feed channel, album tag and show page (``[show]``)."""

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

    read_appeals: bool = False
    """Narrate the appeal that follows a story on a scraped page ("You can help...", sign-up
    blurbs); by default it is left out and ``storyaudio script`` shows it as skipped."""

    roles: Mapping[str, str] = field(default_factory=dict)
    """Segment kind (``heading``, ``quote``, ``title``) -> voice profile that speaks it (``[roles]``)."""

    voices: Mapping[str, str] = field(default_factory=dict)
    """Language tag -> the voice that reads stories in it (``[voices]``: ``en-GB = "en_GB-alba-medium"``)."""

    voice_mirror: str = ""
    """Where voices are downloaded from (``[voices] mirror``): an http(s) URL or a folder laid out
    as Piper's voice repository; empty means Piper's own (``$STORYAUDIO_VOICE_MIRROR`` wins)."""

    pauses: Pauses = field(default_factory=Pauses)
    audio: AudioSettings = field(default_factory=AudioSettings)
    sources: Sources = field(default_factory=Sources)
    path: Path | None = None
    """The settings file this show was read from; relative settings are resolved against its folder."""

    def __post_init__(self) -> None:
        _check_show_values(_values(self), "Show:")  # the library and the settings file agree

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: Path | None = None) -> Show:
        """A show from the parsed settings file (every table), checked; *path* names it in errors."""
        name = f"{path}: " if path else ""
        unknown_tables = set(data) - {"show", "pauses", "audio", "roles", "sources", "voices"}
        if unknown_tables:
            raise ShowError(f"{name}unknown table(s): {', '.join(sorted(unknown_tables))}")
        show_data = _known(cls, data.get("show", {}), f"{name}[show]",
                           exclude=frozenset({"pauses", "audio", "path", "roles", "sources", "voices",
                                              "voice_mirror"}))
        base_url = str(show_data.get("base_url", ""))
        if base_url and not base_url.startswith(("http://", "https://")):
            raise ShowError(f"{name}[show] base_url must start with http:// or https://")
        if base_url and not base_url.endswith("/"):
            show_data["base_url"] = base_url + "/"
        _check_show_values(show_data, f"{name}[show]")
        roles = data.get("roles", {})
        if set(roles) - set(ROLES) or not all(isinstance(v, str) for v in roles.values()):
            raise ShowError(f"{name}[roles] maps title, heading, quote or sentence to a voice name")
        voices = dict(data.get("voices", {}))
        mirror = voices.pop("mirror", "")
        if not isinstance(mirror, str) or not all(isinstance(v, str) for v in voices.values()):
            raise ShowError(f"{name}[voices] maps a language (en-GB, es) to a voice name, and mirror to a URL "
                            "or folder")
        for tag in voices:
            if problem := language_problem(tag):
                raise ShowError(f"{name}[voices] {problem}")
        return cls(
            **show_data,
            roles=dict(roles),
            voices=voices,
            voice_mirror=mirror,
            pauses=Pauses.from_dict(data.get("pauses", {}), f"{name}[pauses]"),
            audio=AudioSettings.from_dict(data.get("audio", {}), path.parent if path else None,
                                          f"{name}[audio]"),
            sources=Sources.from_dict(data.get("sources", {}), f"{name}[sources]"),
            path=path,
        )


def show_relative(show: Show, value: str) -> Path | None:
    """A path from the settings, resolved against the settings file's folder."""
    if not value:
        return None
    return show_folder(show) / value


def show_folder(show: Show) -> Path:
    """The folder the show's relative settings (and its ``voices/``) are found in."""
    return show.path.parent if show.path else Path.cwd()


def voice_folders(show: Show) -> list[Path]:
    """The show's own ``voices/`` folder, beside its settings file: searched first for voice
    profiles and ``lexicon.toml``, also when the show is named with ``--show other/storyaudio.toml``."""
    return [show_folder(show) / "voices"]


def lexicon_path(show: Show) -> Path | None:
    """The show's own lexicon file."""
    return show_relative(show, show.lexicon)


def load_show(path: str | os.PathLike[str] | None = None) -> Show:
    """Read show settings from *path*, or from ``./storyaudio.toml`` when it exists."""
    path = Path(path) if path is not None else None
    if path is None:
        candidate = Path.cwd() / SHOW_FILE
        if not candidate.is_file():
            return Show()
        path = candidate
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ShowError(f"{path}: no such show settings file") from None
    except UnicodeDecodeError:
        raise ShowError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ShowError(f"{path}: malformed settings: {error}") from None
    return Show.from_dict(data, path)


def _check_show_values(data: Mapping[str, Any], where: str) -> None:
    """The checks Apple and podcast apps would fail the feed for, said before building."""
    if "language" in data and (problem := language_problem(str(data["language"]))):
        raise ShowError(f"{where} {problem}")
    if data.get("owner_email") and not EMAIL.match(str(data["owner_email"])):
        raise ShowError(f"{where} owner_email {data['owner_email']!r} is not an e-mail address")
    if data.get("show_type", "episodic") not in ("episodic", "serial"):
        raise ShowError(f"{where} show_type must be episodic or serial")
    for key in ("locked", "explicit", "read_appeals"):
        if key in data and not isinstance(data[key], bool):
            raise ShowError(f"{where} {key} must be true or false, not {data[key]!r}")
    problem = category_problem(str(data.get("category", Show.category)), str(data.get("subcategory", "")))
    if problem:
        raise ShowError(f"{where} {problem}")
    for key in ("title", "description", "author"):
        if key in data and not str(data[key]).strip():
            raise ShowError(f"{where} {key} must not be empty")
    if len(str(data.get("description", "")).encode()) > 4000:
        raise ShowError(f"{where} description is over Apple's 4000-byte limit")


def _known(cls: type[Any], values: Mapping[str, Any], where: str,
           exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """*values* as a dict, refusing any key that is not a field of *cls* (a typo, usually).

    *where* is ``"FILE: [table]"`` (or just ``"[table]"``), as errors name it.
    """
    known = {f.name for f in fields(cls)} - exclude
    unknown = set(values) - known
    if unknown:
        file, _, table = where.rpartition(" ")
        raise ShowError(f"{file + ' ' if file else ''}unknown setting(s) in {table}: {', '.join(sorted(unknown))}")
    return dict(values)


STARTER_STORY_TITLE = "Welcome to our stories"
"""The title of the sample story ``storyaudio init`` writes; ``check`` reports it if published."""


SHOW_TEMPLATE = '''# storyaudio show settings. Every setting is optional; these are the defaults
# or examples. Paths are relative to this file.

[show]
title = "Stories, read aloud"
description = "Narrated stories from our work, read by a synthetic voice."
author = "Your organisation"
owner_name = "Your organisation"         # Apple contacts the owner about the feed
owner_email = "podcast@example.org"
# The language of stories that do not say (language: in their front matter, <html lang>):
# en is read the American way ("two hundred fifty pounds"); en-GB the British way.
language = "en"                           # en, en-GB, es, fr, de, ...
# Where the output folder will be served. Podcast apps need absolute URLs.
base_url = "https://example.org/audio/"
category = "Society & Culture"            # from Apple's list, exact spelling
subcategory = "Documentary"
explicit = false
show_type = "episodic"                    # or "serial": then every story needs episode:
copyright = "© Your organisation"
# artwork = "artwork.jpg"                 # square JPEG or PNG, 1400 to 3000 pixels
# voice = "default"                       # see: storyaudio voices
# lexicon = "voices/lexicon.toml"         # pronunciations; voices/lexicon.toml is read anyway

[pauses]                                  # milliseconds of silence after each
sentence_ms = 300
paragraph_ms = 700
chapter_ms = 1500

[audio]
bitrate_kbps = 64
channels = 1

# [roles]                                 # give headings or quotes their own voice
# heading = "default"

# [voices]                                # which voice reads each language: see storyaudio voices available
# en-GB = "en_GB-alba-medium"             # install it with: storyaudio voices add en_GB-alba-medium
# es = "es_ES-davefx-medium"
# mirror = "https://voices.example.org/piper/"   # a copy of Piper's voice repository (or a folder)
'''
"""The ``storyaudio.toml`` that ``storyaudio init`` writes; ``check`` reports any value a show
still has from it (a starter title or the placeholder address), naming the setting to change."""


PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example(\.[a-z]+)?|localhost|[^.]+\.(test|invalid|example|localhost))$", re.I)
"""Hosts that cannot be a real show's: ``example.org`` and its kind (RFC 2606), ``localhost``,
and the reserved ``.test``, ``.invalid``, ``.example`` and ``.localhost`` names."""


def starter_values() -> dict[str, Any]:
    """The ``[show]`` values of :data:`SHOW_TEMPLATE`."""
    return dict(tomllib.loads(SHOW_TEMPLATE)["show"])


def placeholder_host(host: str) -> bool:
    """True for a host no real show is served from (``example.org``, ``news.test``, ``localhost``)."""
    return bool(PLACEHOLDER_HOSTS.search(host.rstrip(".")))
