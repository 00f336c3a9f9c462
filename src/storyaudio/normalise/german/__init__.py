"""German: the shared European rules with German words and grammar, and German's own ordinals and years.

A number with a full stop before a noun is an ordinal (``3. Oktober``,
``der 3. Platz``) whose ending follows the word before it (``am dritten
Oktober``); years of the last millennium are said in hundreds
(``1984`` -> ``neunzehnhundertvierundachtzig``); kings carry the article
(``Karl V.`` -> ``Karl der Fünfte``); decimals are said digit by digit
(``3,14`` -> ``drei Komma eins vier``).
"""

from __future__ import annotations

import re

from num2words import num2words

from ..european import Words, rules
from ..european.dates import word_before
from ..words import PERCENT
from .tables import (
    ABBREVIATIONS,
    ARTICLE_WORDS,
    BEFORE_NUMBER,
    CURRENCIES,
    DATIVE_WORDS,
    FEMININE_ENDINGS,
    FEMININE_NOUNS,
    FRACTIONS,
    MONTHS,
    ORDINAL_NOUNS,
    PHONE_CONTEXT,
    ROMAN_CONTEXT,
    TITLES,
    UNITS,
)

_NOT_A_NOUN = frozenset({"und", "oder", "bis", "zu", "mal", "von", "komma", "plus", "minus", "durch"})


def is_feminine(noun: str) -> bool:
    return noun in FEMININE_NOUNS or (noun[:1].isupper() and noun.endswith(FEMININE_ENDINGS))


def feminine(said: str) -> str:
    return re.sub(r"^eins$", "eine", said)


def agree(said: str, after: str) -> str:
    """``eins`` before a word is ``ein`` (``ein Euro``, ``ein Uhr``), or ``eine`` before a feminine noun."""
    if said != "eins" or not after or after.lower() in _NOT_A_NOUN:
        return said
    return "eine" if is_feminine(after) else "ein"


def cardinal(number: int) -> str:
    return str(num2words(number, lang="de"))


def ordinal(number: int, is_feminine: bool) -> str:
    return str(num2words(number, lang="de", to="ordinal"))


def ending(before: str, default: str = "er") -> str:
    """The dotted ordinal's ending after *before*: ``am`` -> ``en``, ``der`` -> ``e``, else *default*."""
    if before in DATIVE_WORDS:
        return "en"
    if before in ARTICLE_WORDS:
        return "e"
    return default


def inflected(number: int, before: str, default: str = "er") -> str:
    """``dritte`` with the ending after *before*: ``dritter``, ``dritten``, ``dritte``."""
    return ordinal(number, False)[:-1] + ending(before, default)


def regnal(number: int, is_feminine: bool) -> str:
    """``Karl V.`` -> ``der Fünfte``; ``Elisabeth II.`` -> ``die Zweite``."""
    said = ordinal(number, is_feminine)
    return f"{'die' if is_feminine else 'der'} {said[0].upper()}{said[1:]}"


def year(number: int) -> str:
    """``1984`` -> ``neunzehnhundertvierundachtzig``; ``2024`` -> ``zweitausendvierundzwanzig``."""
    return str(num2words(number, lang="de", to="year")) if 1100 <= number < 2000 else cardinal(number)


def date(day: int, month: int, year_said: str | None, before: str) -> str:
    """``am 3. Oktober 1990`` -> ``am dritten Oktober neunzehnhundertneunzig``."""
    said = f"{inflected(day, before)} {MONTHS[month - 1]}"
    return f"{said} {year_said}" if year_said else said


def clock(hours: int, minutes: int) -> str:
    """``9.30 Uhr`` -> ``neun Uhr dreißig``; ``1 Uhr`` -> ``ein Uhr``."""
    said = f"{agree(cardinal(hours), 'Uhr')} Uhr"
    return f"{said} {cardinal(minutes)}" if minutes else said


_DOTTED = re.compile(r"(?<![\w.,])(\d{1,4})\.\s+(?=([A-ZÄÖÜ][a-zäöüß]+))")
_YEAR = re.compile(r"(?<![\w.,-])(1[1-9]\d\d)(?:\s?[-–]\s?(1[1-9]\d\d|20\d\d))?(?![\w]|[.,]\d)(?!\s*(?:%|€|[A-ZÄÖÜ]))")


def read_dotted_ordinals(text: str, language: str) -> str:
    """``der 3. Platz`` -> ``der dritte Platz``; ``im 19. Jahrhundert`` -> ``im neunzehnten Jahrhundert``.
    A number that ends a sentence before a capitalised word (``waren 3. Dann``) is left alone unless an
    article or preposition comes before it or the noun after it is one that is counted in order."""

    def replace(match: re.Match[str]) -> str:
        before = word_before(text, match.start())
        if before not in DATIVE_WORDS | ARTICLE_WORDS and match.group(2) not in ORDINAL_NOUNS:
            return match.group(0)
        return f"{inflected(int(match.group(1)), before, 'e' if before else 'er')} "

    return _DOTTED.sub(replace, text)


_STREET = re.compile(r"(?<=[a-zäöüß])str\.(?=\s|$)")


def read_street_names(text: str, language: str) -> str:
    """``Hauptstr. 5`` -> ``Hauptstraße 5``: the street's abbreviation ends a compound, where the
    shared abbreviation table cannot see it."""
    return _STREET.sub("straße", text)


def read_years(text: str, language: str) -> str:
    """``1984`` -> ``neunzehnhundertvierundachtzig``; ``1914–1918`` -> ``... bis ...``. A number before a
    noun, a currency or ``%`` is an amount (``1500 Menschen``), said as one."""

    def replace(match: re.Match[str]) -> str:
        first, last = match.groups()
        return f"{year(int(first))} bis {year(int(last))}" if last else year(int(first))

    return _YEAR.sub(replace, text)


GERMAN = Words(
    code="de", num2words="de", espeak="de", decimal_mark="Komma", point_word="Punkt", minus="minus",
    percent=PERCENT["de"], and_word="und", fraction_and="und", and_half="einhalb",
    to_word="bis", per_word="pro", times_word="mal",
    months=MONTHS, currencies=CURRENCIES, units=UNITS, titles=TITLES, abbreviations=ABBREVIATIONS,
    before_number=BEFORE_NUMBER,
    roman_context=ROMAN_CONTEXT, fractions=FRACTIONS, phone_pairs=False, plus="plus", phone_context=PHONE_CONTEXT,
    agree=agree, feminine=feminine, ordinal=ordinal, ordinal_marks={}, regnal=regnal, heading_numeral=cardinal,
    date=date, clock=clock, year=year,
    feminine_names=frozenset({"Elisabeth", "Isabel", "Margarete", "Beatrix", "Christine"}),
)

GERMAN_RULES = rules(GERMAN, own=[read_street_names, read_dotted_ordinals, read_years])

__all__ = ["GERMAN", "GERMAN_RULES"]
