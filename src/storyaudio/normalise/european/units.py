"""Measures, percentages, fractions and ranges: ``25 °C``, ``120 km/h``, ``3,5 %``, ``3/4``, ``10-12``."""

from __future__ import annotations

import re
from functools import lru_cache

from ...lexicon import alternation
from .numbers import cardinal, next_word, pattern, say_number, unsigned_pattern, value_of
from .words import Words


@lru_cache(maxsize=32)
def _measure(words: Words, number: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,/-])({number})\s?({alternation(words.units)})(?![\w²³/])")


def read_units(text: str, language: str, words: Words) -> str:
    """``5 km`` -> ``cinco kilómetros``; ``1 km`` -> ``un kilómetro``; ``25 °C`` -> ``veinticinco grados
    centígrados``; ``km²`` and ``km/h`` as the language names them."""
    found = _measure(words, pattern(language, words))

    def replace(match: re.Match[str]) -> str:
        written, symbol = match.groups()
        unit = words.units[symbol]
        value = abs(value_of(written, language, words))
        one = value == 1 or (words.code == "fr" and value < 2)
        name = unit.one if one else unit.many
        return f"{say_number(written, language, words, after=name, feminine=unit.feminine and value == 1)} {name}"

    return found.sub(replace, text)


@lru_cache(maxsize=32)
def _percent(number: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,])({number})\s?%")


def read_percentages(text: str, language: str, words: Words) -> str:
    """``3,5 %`` -> ``tres coma cinco por ciento``."""
    return _percent(pattern(language, words)).sub(
        lambda m: f"{say_number(m.group(1), language, words, after=words.percent)} {words.percent}", text)


_FRACTION = re.compile(r"(?<![\w./,-])(\d{1,3})/(\d{1,3})(?![\w/]|[.,]\d)")
_MIXED = re.compile(r"(?<![\w./,-])(\d{1,6})[ \u00a0](\d{1,2})/(\d{1,2})(?![\w/]|[.,]\d)")
_VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅛": (1, 8)}


def say_fraction(numerator: int, denominator: int, words: Words) -> str:
    """``3/4`` -> ``tres cuartos``; ``1/2`` -> ``un medio``; past the table, the language's own rule
    (:attr:`~.words.Words.fractions` holds one entry per named denominator, ``0`` for the rest)."""
    one, many = words.fractions.get(denominator) or _other(denominator, words)
    name = one if numerator == 1 else many
    return f"{words.agree(cardinal(numerator, words), name)} {name}"


def _other(denominator: int, words: Words) -> tuple[str, str]:
    one, many = words.fractions[0]
    ordinal = words.ordinal(denominator, False)
    stem = ordinal[:-1] if ordinal[-1:] in "aeiou" else ordinal
    names = {"cardinal": cardinal(denominator, words), "ordinal": ordinal, "stem": stem}
    return one.format(**names), many.format(**names)


def read_fractions(text: str, language: str, words: Words) -> str:
    """``3/4`` -> ``tres cuartos``; ``½`` -> ``un medio``; ``2 1/2`` -> ``dos y medio``, ``zweieinhalb``;
    ``2 3/4`` -> ``dos y tres cuartos``. A numerator at least the denominator
    (``24/7``) or a zero is no fraction: the two numbers are said one after the other, as people say them."""

    def replace(match: re.Match[str]) -> str:
        numerator, denominator = int(match.group(1)), int(match.group(2))
        if not 0 < numerator < denominator:
            return f"{cardinal(numerator, words)} {cardinal(denominator, words)}"
        return say_fraction(numerator, denominator, words)

    def mixed(match: re.Match[str]) -> str:
        whole, numerator, denominator = match.group(1), int(match.group(2)), int(match.group(3))
        if not 0 < numerator < denominator:
            return match.group(0)
        if (numerator, denominator) == (1, 2):  # "and a half" agrees with the noun: ``dos y media tazas``
            return words.agree(f"{cardinal(whole, words)}{words.and_half}", next_word(text, match.end()))
        return f"{cardinal(whole, words)} {words.fraction_and} {say_fraction(numerator, denominator, words)}"

    text = _MIXED.sub(mixed, text)
    text = re.sub("[½⅓⅔¼¾⅕⅛]", lambda m: " " + say_fraction(*_VULGAR[m.group(0)], words), text)
    return _FRACTION.sub(replace, text)


@lru_cache(maxsize=32)
def _range(number: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,/-])({number})\s?[-–—]\s?({number})(?![\w/-]|[.,]\d)")


def read_ranges(text: str, language: str, words: Words) -> str:
    """``10-12 años`` -> ``diez a doce años``; ``1914–1918`` -> ``... bis ...``."""
    number = unsigned_pattern(language, words)

    def replace(match: re.Match[str]) -> str:
        low, high = match.groups()
        after = next_word(text, match.end())
        return (f"{say_number(low, language, words, after=after)} {words.to_word} "
                f"{say_number(high, language, words, after=after)}")

    return _range(number).sub(replace, text)
