"""Spanish: the shared European rules with Spanish words and grammar.

Numbers agree with the noun after them (``un euro``, ``una libra``,
``doscientas personas``, ``veintiún mil``); kings and popes take ordinals up
to ten and cardinals after (``Felipe II`` is *segundo*, ``Luis XIV``
*catorce*); centuries are cardinals (``siglo XXI``). Mexico and the other
regions that write ``1,500.50`` are read so (:data:`.tables.POINT_REGIONS`).
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
    FEMININE_NAMES,
    FEMININE_NOT_IN_A,
    FRACTIONS,
    MASCULINE_IN_A,
    MONTHS,
    PHONE_CONTEXT,
    POINT_REGIONS,
    ROMAN_CONTEXT,
    TITLES,
    UNITS,
)

_NOT_A_NOUN = frozenset({"de", "del", "y", "e", "o", "u", "a", "al", "en", "por", "para", "con", "que", "más",
                         "menos", "mil", "es", "son", "fue", "la", "el", "los", "las", "se", "no", "como"})
_FEMININE_ENDING = re.compile(r"(?:as?|ión|iones|dad|dades|tud|tudes|umbre|umbres|sis)$")


def is_feminine(noun: str) -> bool:
    """A Spanish noun's gender from its ending, with the common exceptions (``día``, ``vez``)."""
    noun = noun.lower()
    if noun in MASCULINE_IN_A:
        return False
    return noun in FEMININE_NOT_IN_A or bool(_FEMININE_ENDING.search(noun))


def feminine(said: str) -> str:
    """``doscientos uno`` -> ``doscientas una``: the hundreds, the one and a half (``y media``) agree,
    not the millions."""
    head, scale, tail = re.split(r"(\bmill(?:ón|ones)\b)", said)[-3:] if "mill" in said else ("", "", said)
    tail = re.sub(r"ientos\b", "ientas", tail)
    tail = re.sub(r"(?:uno|ún)(?=$| mil\b| y medio$)", "una", tail)
    return f"{head}{scale}{re.sub(r'medio$', 'media', tail)}"


def agree(said: str, after: str) -> str:
    """``uno`` before a noun is ``un`` (``una`` before a feminine one); ``veintiuno`` is ``veintiún``."""
    if not after or after.lower() in _NOT_A_NOUN or not after[0].isalpha():
        return said
    if is_feminine(after):
        return feminine(said)
    return re.sub(r"(veinti)?uno$", lambda m: "veintiún" if m.group(1) else "un", said)


def respell(said: str) -> str:
    """num2words' ``veintiuno mil`` is ``veintiún mil``; ``uno millones`` never occurs but ``treinta y uno
    mil`` does."""
    return re.sub(r"(veinti)?uno(?= mil\b| millones\b)", lambda m: "veintiún" if m.group(1) else "un", said)


def ordinal(number: int, is_feminine: bool) -> str:
    said = str(num2words(number, lang="es", to="ordinal")).replace("décimoprimero", "undécimo").replace(
        "décimosegundo", "duodécimo")
    return re.sub(r"o\b", "a", said) if is_feminine else said


def regnal(number: int, is_feminine: bool) -> str:
    """``Felipe II`` -> ``segundo``; ``Isabel II`` -> ``segunda``; ``Luis XIV`` -> ``catorce``."""
    if number <= 10:
        return ordinal(number, is_feminine)
    return str(num2words(number, lang="es"))


def cardinal(number: int) -> str:
    return respell(str(num2words(number, lang="es")))


def date(day: int, month: int, year: str | None, before: str) -> str:
    """``25 de marzo de dos mil veinticuatro``."""
    said = f"{cardinal(day)} de {MONTHS[month - 1]}"
    return f"{said} de {year}" if year else said


def clock(hours: int, minutes: int) -> str:
    """``9:30`` -> ``nueve y media``; ``13:05`` -> ``trece y cinco``; ``21:00`` -> ``veintiuna``."""
    said = feminine(cardinal(hours))
    if minutes == 0:
        return said
    return f"{said} y {({15: 'cuarto', 30: 'media'}).get(minutes) or cardinal(minutes)}"


SPANISH = Words(
    code="es", num2words="es", espeak="es", decimal_mark="coma", point_word="punto", minus="menos",
    percent=PERCENT["es"], and_word="con", fraction_and="y", and_half=" y medio",
    to_word="a", per_word="por", times_word="por",
    months=MONTHS, currencies=CURRENCIES, units=UNITS, titles=TITLES, abbreviations=ABBREVIATIONS,
    before_number=BEFORE_NUMBER,
    roman_context=ROMAN_CONTEXT, fractions=FRACTIONS, phone_pairs=True, plus="más", phone_context=PHONE_CONTEXT,
    agree=agree, feminine=feminine, ordinal=ordinal, ordinal_marks={"º": False, "ª": True, "°": False},
    regnal=regnal, heading_numeral=cardinal, date=date, clock=clock, respell=respell,
    feminine_names=FEMININE_NAMES, scale_of="de", point_regions=POINT_REGIONS,
)

SPANISH_RULES = rules(SPANISH)

__all__ = ["SPANISH", "SPANISH_RULES"]
