"""The pages' own words (Play, Transcript, Reading preferences...) in the story's language.

The words are gettext catalogues (``storyaudio/locale/LANG/LC_MESSAGES/storyaudio.po``),
read with Babel and handed to Jinja2's i18n extension, so a translator edits a
``.po`` file with the usual tools and nothing here changes. Dates, durations
and numbers are Babel's, in the locale (``5 de marzo de 2026``, ``3 minutos 5
segundos``, ``1,2 MB``). A language without a catalogue gets English, marked
``lang="en"`` on the page so a screen reader speaks it with an English voice.
"""

from __future__ import annotations

import gettext
import io
import json
from datetime import datetime
from functools import lru_cache
from importlib.resources import files

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations
from babel.units import format_unit

ENGLISH = "en"
"""The words the templates are written in, and every other language's fallback."""

DOMAIN = "storyaudio"


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "translate later"
    """Mark *message* for the catalogues without translating it here (it is translated where shown)."""
    return message


@lru_cache(maxsize=1)
def catalogue_languages() -> frozenset[str]:
    """The languages with a catalogue of their own, English included."""
    root = files("storyaudio") / "locale"
    return frozenset({ENGLISH} | {entry.name for entry in root.iterdir()
                                  if (entry / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()})


def interface_language(language: str) -> str:
    """The language of the pages' own words for a story in *language*: its own where there is a
    catalogue (``es-MX`` -> ``es``), else English."""
    primary = language.replace("_", "-").split("-")[0].lower()
    return primary if primary in catalogue_languages() else ENGLISH


@lru_cache(maxsize=16)
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of *language* (a primary code), compiled from its ``.po`` in memory; English's
    are the templates' own words."""
    if language == ENGLISH or language not in catalogue_languages():
        return gettext.NullTranslations()
    source = files("storyaudio") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with source.open("rb") as handle:
        catalogue = read_po(handle, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(interface_language(language))


def human_date(moment: datetime, language: str = ENGLISH) -> str:
    """``5 March 2026`` in English; Babel's long date elsewhere (``5 de marzo de 2026``, ``5. März 2026``)."""
    if interface_language(language) == ENGLISH:
        return f"{moment.day} {moment:%B %Y}"  # no platform-specific ``%-d`` (it fails on Windows)
    return format_date(moment, format="long", locale=_locale(language))


DURATION_UNITS = (("duration-hour", 3600), ("duration-minute", 60), ("duration-second", 1))


def spoken_duration(ms: int, language: str = ENGLISH) -> str:
    """``3 minutes 5 seconds`` (``3 minutos 5 segundos``): a duration in words, for people and screen
    readers, in the page's language.

    Whole seconds, cut down as the clock and the player do, so the words
    and the numbers on the page never disagree by a second.
    """
    locale = _locale(interface_language(language))
    rest = ms // 1000
    parts = []
    for unit, size in DURATION_UNITS:
        count, rest = divmod(rest, size)
        if count:
            parts.append(format_unit(count, unit, length="long", locale=locale))
    return " ".join(parts) or format_unit(0, "duration-second", length="long", locale=locale)


def decimal(value: float, language: str = ENGLISH) -> str:
    """``1.2`` -> ``1,2`` where the locale writes a decimal comma; one decimal place."""
    return format_decimal(value, format="0.0", locale=_locale(interface_language(language)))


SCRIPT_WORDS = (N_("Playing"), N_("Paused"), N_("Playback speed %s"), N_("Chapter: %s"), N_("Link to %s copied"),
                N_("Feed address copied"), N_("Select the link and copy it"), N_("Select the address and copy it"),
                N_("Reading preferences reset"), N_("%s of %s"), N_("No matches"), N_("Play"), N_("Pause"))
"""What player.js says or shows by itself: announcements and the Play/Pause label."""


@lru_cache(maxsize=32)
def script_words(language: str) -> str:
    """JSON for player.js: its words in the page's language, and how durations are said (one and many
    of each unit, ``{0}`` standing for the number), so its announcements match the page."""
    interface = interface_language(language)
    translate = translations(interface).gettext
    locale = _locale(interface)
    units = {unit.split("-")[1]: [format_unit(count, unit, length="long", locale=locale).replace(str(count), "{0}")
                                  for count in (1, 7)] for unit, _ in DURATION_UNITS}
    return json.dumps({"words": {word: translate(word) for word in SCRIPT_WORDS}, "units": units},
                      ensure_ascii=False, separators=(",", ":"))
