"""Dates and times: ``25/03/2024``, ``02.03.2003``, ``1er mai``, ``3. Oktober``; ``9:30``, ``9 h 30``,
``9.30 Uhr``, ``a las 13:00``.

Day, month and year are found here; how they are said (``veinticinco de
marzo``, ``am dritten Oktober``) is the language's :attr:`~.words.Words.date`
and :attr:`~.words.Words.clock`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...lexicon import alternation
from .numbers import cardinal
from .words import Words

_NUMERIC_DATE = re.compile(r"(?<![\w./,-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\w]|[./-]\d)")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s,]*$")


def word_before(text: str, position: int) -> str:
    """The word that ends just before *position*, lower case (``am`` in ``am 3. Oktober``)."""
    match = _WORD_BEFORE.search(text[max(0, position - 40):position])
    return match.group(1).lower() if match else ""


def say_year(year: str, words: Words) -> str:
    return words.year(int(year)) if words.year and len(year) == 4 else cardinal(int(year), words)


def read_numeric_dates(text: str, language: str, words: Words) -> str:
    """``25/03/2024`` -> ``veinticinco de marzo de dos mil veinticuatro``; day first, as every one of
    these languages writes it. A shape that is no date (``31/13/2024``) is left to the other rules."""

    def replace(match: re.Match[str]) -> str:
        day, _, month, year = match.groups()
        if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
            return match.group(0)
        return words.date(int(day), int(month), say_year(year, words), word_before(text, match.start()))

    return _NUMERIC_DATE.sub(replace, text)


@lru_cache(maxsize=16)
def _written_date(months: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w.,])(\d{{1,2}})\.?\s+(?:de\s+)?({alternation(months)})\b"
        rf"(?:,?\s+(?:de\s+|del\s+)?(\d{{4}})(?![\w]|[.,]\d))?", re.IGNORECASE)


def read_written_dates(text: str, language: str, words: Words) -> str:
    """``1 mai 2024`` -> ``premier mai deux mille vingt-quatre``; ``3. Oktober`` -> ``dritter Oktober``;
    ``1 de mayo`` -> ``uno de mayo``. A day written as an ordinal (``1º de mayo``, ``1er mai``) is left
    to :func:`~.abbreviations.read_ordinals`: it says what is written (*primero*)."""
    found = _written_date(words.months)

    def replace(match: re.Match[str]) -> str:
        day, month, year = match.groups()
        if not 1 <= int(day) <= 31:
            return match.group(0)
        number = [name.lower() for name in words.months].index(month.lower()) + 1
        return words.date(int(day), number, say_year(year, words) if year else None,
                          word_before(text, match.start()))

    return found.sub(replace, text)


_CLOCK = re.compile(r"(?<![\w.,:])([01]?\d|2[0-4]):([0-5]\d)(?![\d:]|[.,]\d)"
                    r"(\s?(?:h|hs|hrs|horas|heures|Uhr|ore)\b\.?)?")
_HOUR_WORDS = re.compile(r"\b(?:hora|horas|heure|heures|Uhr|ora|ore)\b")
_H_TIME = re.compile(r"(?<![\w.,:])([01]?\d|2[0-4])\s?h\s?([0-5]\d)?(?![\w])")
_UHR = re.compile(r"(?<![\w.,:])([01]?\d|2[0-4])(?:[.:]([0-5]\d))?\s?Uhr\b")


def read_times(text: str, language: str, words: Words) -> str:
    """``9:30`` -> ``nueve y media``; ``9 h 30`` -> ``neuf heures trente``; ``9.30 Uhr`` -> ``neun Uhr
    dreißig``. ``h`` alone marks a time only where it is no unit of the language's own."""

    def replace(match: re.Match[str]) -> str:
        hours, minutes = int(match.group(1)), int(match.group(2) or 0)
        said = words.clock(hours, minutes)
        written_hours = match.re is _CLOCK and match.group(3)
        if written_hours and not minutes and not _HOUR_WORDS.search(said) and "h" in words.units:
            unit = words.units["h"]
            said += f" {unit.one if hours == 1 else unit.many}"  # ``a las 8:00 h`` -> ``a las ocho horas``
        return said

    text = _UHR.sub(replace, text)
    text = _CLOCK.sub(replace, text)
    if "h" not in words.units:
        text = _H_TIME.sub(replace, text)
    return text
