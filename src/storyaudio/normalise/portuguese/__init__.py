"""Portuguese, European (``pt``, ``pt-PT``) and Brazilian (``pt-BR``): the shared European rules with
Portuguese words and grammar.

Numbers agree with feminine nouns (``uma pessoa``, ``duas casas``,
``duzentas mulheres``); kings take ordinals up to ten (``D. Pedro II`` ->
*segundo*); hours are feminine (``1h`` -> ``uma hora``). Brazil's spellings
(``dezesseis``, ``quilômetro``, ``centavos`` of a euro) come with ``pt-BR``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from num2words import num2words

from ..european import Words, rules
from ..words import PERCENT
from .tables import (
    ABBREVIATIONS,
    BEFORE_NUMBER,
    BRAZILIAN_CURRENCIES,
    BRAZILIAN_UNITS,
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

_NOT_A_NOUN = frozenset({"e", "ou", "a", "de", "do", "da", "em", "no", "na", "por", "para", "com", "que", "mais",
                         "menos", "mil", "é", "o", "os", "as", "se", "não"})


def is_feminine(noun: str) -> bool:
    noun = noun.lower()
    if noun in MASCULINE_IN_A:
        return False
    return noun in FEMININE_NOUNS or noun.endswith(FEMININE_ENDINGS)


def feminine(said: str) -> str:
    """``duzentos e um`` -> ``duzentas e uma``: hundreds, ones and twos agree, not the millions."""
    head, scale, tail = re.split(r"(\bmilh(?:ão|ões)\b)", said)[-3:] if "milh" in said else ("", "", said)
    tail = re.sub(r"entos\b", "entas", tail)
    tail = re.sub(r"\bum\b", "uma", tail)
    tail = re.sub(r"\bdois\b", "duas", tail)
    return f"{head}{scale}{re.sub(r'meio$', 'meia', tail)}"


def agree(said: str, after: str) -> str:
    if not after or after.lower() in _NOT_A_NOUN or not after[0].isalpha():
        return said
    return feminine(said) if is_feminine(after) else said


def ordinal(number: int, is_feminine: bool, code: str = "pt") -> str:
    said = str(num2words(number, lang=code, to="ordinal"))
    return re.sub(r"o\b", "a", said) if is_feminine else said


def cardinal(number: int, code: str = "pt") -> str:
    """num2words' words without its commas (Brazil's ``mil, novecentos``)."""
    return str(num2words(number, lang=code)).replace(",", "")


def regnal(number: int, is_feminine: bool, code: str = "pt") -> str:
    """``D. Pedro II`` -> ``segundo``; ``Luís XIV`` -> ``catorze``."""
    return ordinal(number, is_feminine, code) if number <= 10 else cardinal(number, code)


def date(day: int, month: int, year: str | None, before: str, code: str = "pt") -> str:
    """``1 de maio de 2024`` -> ``primeiro de maio de dois mil e vinte e quatro``."""
    said = f"{'primeiro' if day == 1 else cardinal(day, code)} de {MONTHS[month - 1]}"
    return f"{said} de {year}" if year else said


def clock(hours: int, minutes: int, code: str = "pt") -> str:
    """``13h`` -> ``treze horas``; ``1h`` -> ``uma hora``; ``9:30`` -> ``nove e trinta``."""
    said = feminine(cardinal(hours, code))
    if minutes:
        return f"{said} e {cardinal(minutes, code)}"
    return f"{said} {'hora' if hours == 1 else 'horas'}"


def _words(code: str, espeak: str) -> Words:
    """Portugal's words (``pt``) or Brazil's (``pt_BR``: ``dezesseis``, years without num2words' comma)."""
    return Words(
        code="pt", num2words=code, espeak=espeak, decimal_mark="vírgula", point_word="ponto", minus="menos",
        percent=PERCENT["pt"], and_word="e", fraction_and="e", and_half=" e meio",
        to_word="a", per_word="por", times_word="vezes",
        months=MONTHS, currencies=CURRENCIES, units=UNITS, titles=TITLES, abbreviations=ABBREVIATIONS,
        before_number=BEFORE_NUMBER,
        roman_context=ROMAN_CONTEXT, fractions=FRACTIONS, phone_pairs=False, plus="mais",
        phone_context=PHONE_CONTEXT, agree=agree, feminine=feminine, ordinal=partial(ordinal, code=code),
        ordinal_marks={"º": False, "ª": True, "°": False}, regnal=partial(regnal, code=code),
        heading_numeral=partial(cardinal, code=code), date=partial(date, code=code), clock=partial(clock, code=code),
        scale_of="de",
        feminine_names=frozenset({"Isabel", "Leonor", "Beatriz", "Inês"}),
    )


PORTUGUESE = _words("pt", "pt")
BRAZILIAN = replace(_words("pt_BR", "pt-br"), currencies=BRAZILIAN_CURRENCIES, units=BRAZILIAN_UNITS)

PORTUGUESE_RULES = rules(PORTUGUESE)
BRAZILIAN_RULES = rules(BRAZILIAN)

__all__ = ["BRAZILIAN", "BRAZILIAN_RULES", "PORTUGUESE", "PORTUGUESE_RULES"]
