"""Italian: the shared European rules with Italian words and grammar.

``uno`` before a noun is ``un`` or ``una``; Roman numerals are ordinals,
for kings and centuries alike (``Luigi XIV`` -> *quattordicesimo*,
``XXI secolo`` -> *ventunesimo secolo*); times are hours and minutes
(``9:30`` -> ``nove e trenta``); the first of the month is *primo*.
"""

from __future__ import annotations

import re

from num2words import num2words

from ..european import Words, rules
from ..numbers import roman_value
from ..words import PERCENT
from .tables import (
    ABBREVIATIONS,
    BEFORE_NUMBER,
    CURRENCIES,
    FEMININE_ENDINGS,
    FEMININE_NOUNS,
    FRACTIONS,
    MASCULINE_IN_A,
    MONTHS,
    PHONE_CONTEXT,
    ROMAN_CONTEXT,
    TITLES,
    UNITS,
)

_NOT_A_NOUN = frozenset({"e", "o", "a", "di", "da", "in", "con", "su", "per", "tra", "fra", "più", "meno", "è"})


def is_feminine(noun: str) -> bool:
    noun = noun.lower()
    if noun in MASCULINE_IN_A:
        return False
    return noun in FEMININE_NOUNS or noun.endswith(("a", *FEMININE_ENDINGS))


def feminine(said: str) -> str:
    """``uno`` -> ``una``; compounds (``ventuno``) stay as they are."""
    return "una" if said == "uno" else said


def agree(said: str, after: str) -> str:
    """``uno`` before a noun is ``un`` (``un euro``) or ``una`` (``una persona``)."""
    if said != "uno" or not after or after.lower() in _NOT_A_NOUN or not after[0].isalpha():
        return said
    return feminine(said) if is_feminine(after) else "un"


def cardinal(number: int) -> str:
    return str(num2words(number, lang="it"))


def ordinal(number: int, is_feminine: bool) -> str:
    said = str(num2words(number, lang="it", to="ordinal"))
    return said[:-1] + "a" if is_feminine else said


def heading_numeral(number: int) -> str:
    return ordinal(number, False)


def date(day: int, month: int, year: str | None, before: str) -> str:
    """``1° maggio 2024`` -> ``primo maggio duemilaventiquattro``."""
    said = f"{'primo' if day == 1 else cardinal(day)} {MONTHS[month - 1]}"
    return f"{said} {year}" if year else said


def clock(hours: int, minutes: int) -> str:
    """``9:30`` -> ``nove e trenta``; ``13:00`` -> ``tredici``; ``1:15`` -> ``una e quindici``."""
    said = feminine(cardinal(hours))
    return f"{said} e {cardinal(minutes)}" if minutes else said


_BEFORE_CENTURY = re.compile(r"(?<![\w])([IVXLCDM]{2,}|[IVX])(?=\s+secol[oi]\b)")


def read_centuries(text: str, language: str) -> str:
    """``il XXI secolo`` -> ``il ventunesimo secolo``."""
    return _BEFORE_CENTURY.sub(lambda m: ordinal(v, False) if (v := roman_value(m.group(1))) else m.group(0), text)


ITALIAN = Words(
    code="it", num2words="it", espeak="it", decimal_mark="virgola", point_word="punto", minus="meno",
    percent=PERCENT["it"], and_word="e", fraction_and="e", and_half=" e mezzo",
    to_word="a", per_word="per", times_word="per",
    months=MONTHS, currencies=CURRENCIES, units=UNITS, titles=TITLES, abbreviations=ABBREVIATIONS,
    before_number=BEFORE_NUMBER,
    roman_context=ROMAN_CONTEXT, fractions=FRACTIONS, phone_pairs=False, plus="più", phone_context=PHONE_CONTEXT,
    agree=agree, feminine=feminine, ordinal=ordinal, ordinal_marks={"°": False, "º": False, "ª": True},
    regnal=ordinal, heading_numeral=heading_numeral, date=date, clock=clock, scale_of="di",
    feminine_names=frozenset({"Elisabetta", "Isabella", "Caterina", "Beatrice"}),
)

ITALIAN_RULES = rules(ITALIAN, own=[read_centuries])

__all__ = ["ITALIAN", "ITALIAN_RULES"]
