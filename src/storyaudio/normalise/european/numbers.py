"""Numbers as the locale writes them (``1.500``, ``1 500``, ``3,50``), said in the language.

A comma is the decimal mark and a full stop or a space groups thousands,
except in regions that write numbers as English does (Mexico's ``1,500.50``,
see :attr:`~.words.Words.point_regions`). Where the shape is ambiguous, the
reading a native reader would give wins: ``1.500`` is fifteen hundred, never
one and a half, and ``1.5`` (a full stop before fewer than three digits) is a
decimal point.
"""

from __future__ import annotations

import re
from functools import lru_cache

from num2words import num2words

from .words import Words

MAX_SAID_DIGITS = 21
"""Longer runs of digits have no words (num2words stops at 10^21): they are said digit by digit."""


def region(language: str) -> str:
    """``es-MX`` -> ``MX``; ``""`` without a region."""
    parts = language.replace("_", "-").split("-")
    return parts[1].upper() if len(parts) > 1 else ""


def writes_point(language: str, words: Words) -> bool:
    """True where the region writes ``1,500.50`` (a decimal point and thousands commas)."""
    return region(language) in words.point_regions


@lru_cache(maxsize=32)
def number_pattern(point: bool) -> str:
    """A regex (no groups) for one number as the locale writes it, sign included."""
    if point:
        return r"-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    grouped = r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+"
    return rf"-?(?:(?:{grouped})(?:,\d+)?|\d+(?:,\d+|\.\d{{1,2}}(?!\d)|\.\d{{4,}})?)"


def pattern(language: str, words: Words) -> str:
    """:func:`number_pattern` for *language*, bounded so that it never starts or ends inside a word."""
    return number_pattern(writes_point(language, words))


def unsigned_pattern(language: str, words: Words) -> str:
    """:func:`pattern` without the sign: an amount or a range's ends (``10-12`` is no minus twelve)."""
    return pattern(language, words).replace("-?", "")


def cardinal(value: int | str, words: Words) -> str:
    """``1500`` (or ``"1500"``) -> ``mil quinientos``; digits one by one past num2words' reach, which
    a string of ten thousand digits reaches without ever being made an int."""
    digits = str(value).lstrip("-")
    if len(digits) > MAX_SAID_DIGITS:
        said = say_digits(digits, words)
        return f"{words.minus} {said}" if str(value).startswith("-") else said
    said = str(num2words(int(value), lang=words.num2words)).replace(",", "")
    return words.respell(said) if words.respell else said


def say_digits(digits: str, words: Words) -> str:
    """``"205"`` -> ``"dos cero cinco"``."""
    names = digit_names(words)
    return " ".join(names[int(digit)] for digit in digits if digit.isdigit())


@lru_cache(maxsize=16)
def _digit_names(code: str) -> tuple[str, ...]:
    return tuple(str(num2words(digit, lang=code)) for digit in range(10))


def digit_names(words: Words) -> tuple[str, ...]:
    return words.digit_words or _digit_names(words.num2words)


def split_number(written: str, language: str, words: Words) -> tuple[bool, str, str | None, bool]:
    """``"-1.500,25"`` -> ``(True, "1500", "25", False)``: sign, whole digits, fraction digits, and
    whether the fraction came after a decimal *point* in a comma locale (said with the point's word)."""
    negative = written.startswith("-")
    body = written.lstrip("-")
    if writes_point(language, words):
        whole, _, fraction = body.replace(",", "").partition(".")
        return negative, whole, fraction or None, False
    if "," in body:
        whole, _, fraction = body.partition(",")
        return negative, re.sub(r"[.\s\u00a0\u202f]", "", whole), fraction, False
    if "." in body and not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", body):
        whole, _, fraction = body.partition(".")
        return negative, whole, fraction, True
    return negative, re.sub(r"[.\s\u00a0\u202f]", "", body), None, False


def say_fraction_digits(fraction: str, words: Words) -> str:
    """After the decimal mark: up to two digits with no leading zero are a number (``3,50`` ->
    ``tres coma cincuenta``); longer, or after a zero, digit by digit. German says digits one by one."""
    if words.code == "de" or fraction.startswith("0") or len(fraction) > 2:
        return say_digits(fraction, words)
    return cardinal(int(fraction), words)


def say_number(written: str, language: str, words: Words, after: str = "", feminine: bool = False) -> str:
    """A number as written in *language*, said: ``"1.500"`` -> ``mil quinientos``; ``"3,5"`` ->
    ``tres coma cinco``. *after* is the word that follows, for agreement (``un euro``, ``una libra``)."""
    negative, whole, fraction, point = split_number(written, language, words)
    if not whole:
        whole = "0"
    said = cardinal(whole, words)
    if fraction is None:
        said = words.feminine(said) if feminine else words.agree(said, after)
    else:
        mark = words.point_word if point or writes_point(language, words) else words.decimal_mark
        said = f"{said} {mark} {say_fraction_digits(fraction, words)}"
    return f"{words.minus} {said}" if negative else said


def value_of(written: str, language: str, words: Words) -> float:
    """The number's value, for singular or plural (``1 kilómetro``, ``1,5 kilómetros``)."""
    negative, whole, fraction, _ = split_number(written, language, words)
    try:
        value = float(f"{whole or 0}.{fraction or 0}")
    except (ValueError, OverflowError):
        return 2.0
    return -value if negative else value


_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")


def next_word(text: str, position: int) -> str:
    """The word that starts after *position* (spaces skipped), or ``""``."""
    match = _NEXT_WORD.match(text, position)
    return match.group(1) if match else ""


@lru_cache(maxsize=32)
def _number_token(point: bool) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,/-])(?<![\w][.,]){number_pattern(point)}(?![\w]|[.,]\d)")


def read_numbers(text: str, language: str, words: Words) -> str:
    """Every number left, agreeing with the word after it: ``1.500 personas`` -> ``mil quinientas
    personas``; ``21 euros`` -> ``veintiún euros``."""
    token = _number_token(writes_point(language, words))
    return token.sub(lambda m: say_number(m.group(0), language, words, next_word(text, m.end())), text)
