"""French: the shared European rules with French words and grammar.

``un`` agrees with a feminine noun (``une personne``); units stay singular
below two (``1,5 kilomètre``); kings take cardinals but the first
(``Louis XIV`` is *quatorze*, ``François Ier`` *premier*); centuries are
written as ordinals (``XXIe siècle``); times are said in hours
(``9 h 30`` -> ``neuf heures trente``).
"""

from __future__ import annotations

import re

from num2words import num2words

from ..european import Words, rules
from ..words import PERCENT
from .tables import (
    ABBREVIATIONS,
    BEFORE_NUMBER,
    CURRENCIES,
    FEMININE_ENDINGS,
    FEMININE_NOUNS,
    FRACTIONS,
    MONTHS,
    PHONE_CONTEXT,
    ROMAN_CONTEXT,
    TITLES,
    UNITS,
)


def is_feminine(noun: str) -> bool:
    noun = noun.lower()
    return noun in FEMININE_NOUNS or noun.endswith(FEMININE_ENDINGS)


def feminine(said: str) -> str:
    """``vingt et un`` -> ``vingt et une``."""
    return re.sub(r"\bun$", "une", said)


def agree(said: str, after: str) -> str:
    return feminine(said) if after and is_feminine(after) else said


def cardinal(number: int) -> str:
    return str(num2words(number, lang="fr"))


def ordinal(number: int, is_feminine: bool) -> str:
    if number == 1:
        return "première" if is_feminine else "premier"
    return str(num2words(number, lang="fr", to="ordinal"))


def regnal(number: int, is_feminine: bool) -> str:
    """``Louis XIV`` -> ``quatorze``; the first is ``premier``/``première``."""
    return ordinal(1, is_feminine) if number == 1 else cardinal(number)


def date(day: int, month: int, year: str | None, before: str) -> str:
    """``1er mai 2024`` -> ``premier mai deux mille vingt-quatre``."""
    said = f"{'premier' if day == 1 else cardinal(day)} {MONTHS[month - 1]}"
    return f"{said} {year}" if year else said


def clock(hours: int, minutes: int) -> str:
    """``9 h 30`` -> ``neuf heures trente``; ``1 h`` -> ``une heure``."""
    said = f"{feminine(cardinal(hours))} {'heure' if hours <= 1 else 'heures'}"
    return f"{said} {cardinal(minutes)}" if minutes else said


FRENCH = Words(
    code="fr", num2words="fr", espeak="fr", decimal_mark="virgule", point_word="point", minus="moins",
    percent=PERCENT["fr"], and_word="et", fraction_and="et", and_half=" et demi",
    to_word="à", per_word="par", times_word="fois",
    months=MONTHS, currencies=CURRENCIES, units=UNITS, titles=TITLES, abbreviations=ABBREVIATIONS,
    before_number=BEFORE_NUMBER,
    roman_context=ROMAN_CONTEXT, fractions=FRACTIONS, phone_pairs=True, plus="plus", phone_context=PHONE_CONTEXT,
    agree=agree, feminine=feminine, ordinal=ordinal,
    ordinal_marks={"er": False, "re": True, "ère": True, "e": False, "ème": False, "eme": False, "ers": False,
                   "res": True, "es": False, "èmes": False},
    regnal=regnal, heading_numeral=cardinal, date=date, clock=clock, scale_of="d'",
)

FRENCH_RULES = rules(FRENCH)

__all__ = ["FRENCH", "FRENCH_RULES"]
