"""Numbers as words, in the story's language and locale (num2words), and language codes."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from num2words import num2words

from ..settings import primary_language as primary_language  # where the rule lists are chosen by it

US_STYLE = frozenset({"en", "en-us", "en-ca", "en-ph", "en-pr"})
"""English tags read the American way: no "and" inside numbers, month-first numeric dates.

A bare ``en`` is read so too, as the default voice (en_US) does; British, Irish,
Australian, New Zealand, South African and Indian English say "one hundred *and*
five" and put the day first. A show or story sets ``language = "en-GB"`` for that."""


def is_us_style(language: str) -> bool:
    """True for English read the American way (see :data:`US_STYLE`)."""
    return language.replace("_", "-").lower() in US_STYLE


def number_words(number: str, language: str = "en", to: str = "cardinal") -> str:
    """``"1,200"`` -> ``"one thousand two hundred"``; ``"-5"`` -> ``"minus five"`` (``"minus fünf"``
    in German); ``"105"`` -> ``"one hundred and five"`` in British English, ``"one hundred five"``
    in American. Digits are left as they are when num2words cannot say them."""
    if "." in number and primary_language(language) == "en":
        return _english_decimal(number, language)
    try:
        value = Decimal(number.replace(",", ""))
        if abs(value) >= 10**21:  # num2words has no words that large: say the digits
            raise OverflowError
        words = str(num2words(value if value % 1 else int(value), lang=primary_language(language), to=to))
    except (InvalidOperation, NotImplementedError, OverflowError, ValueError, TypeError, IndexError):
        return number
    words = words.replace(",", "")
    if is_us_style(language):
        words = words.replace(" and ", " ")
    return words


ENGLISH_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def say_digits(digits: str) -> str:
    """``"205"`` -> ``"two zero five"``: digits one by one, as after a decimal point or in an identifier."""
    return " ".join(ENGLISH_DIGITS[int(digit)] for digit in digits)


def _english_decimal(number: str, language: str) -> str:
    """``2.50`` -> ``two point five zero``: every written digit after the point is said, as a reader
    does (num2words drops trailing zeros, so ``2.0`` would be "two")."""
    whole, _, fraction = number.partition(".")
    if not fraction.isdigit() or (whole.lstrip("-") and not whole.lstrip("-").replace(",", "").isdigit()):
        return number
    spoken = number_words(whole, language) if whole.lstrip("-") else ("minus zero" if whole else "zero")
    return f"{spoken} point {say_digits(fraction)}"


_VALID = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(numeral: str) -> int | None:
    """``"XIV"`` -> 14 (either case); ``None`` when *numeral* is no well-formed Roman numeral."""
    upper = numeral.upper()
    if not upper or not _VALID.match(upper):
        return None
    total = 0
    for letter, following in zip(upper, [*upper[1:], ""], strict=True):
        value = _VALUES[letter]
        total += -value if following and _VALUES[following] > value else value
    return total
