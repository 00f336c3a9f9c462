"""Numbers as words, in the story's language (num2words), and language codes."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from num2words import num2words


def primary_language(language: str) -> str:
    """``en-GB`` -> ``en``: the part num2words and the rule lists are chosen by."""
    return language.split("-")[0].split("_")[0].lower() or "en"


def number_words(number: str, language: str = "en", to: str = "cardinal") -> str:
    """``"1,200"`` -> ``"one thousand two hundred"``; ``"-5"`` -> ``"minus five"`` (``"minus fünf"``
    in German); digits are left as they are when num2words cannot say them."""
    try:
        value = Decimal(number.replace(",", ""))
        words = num2words(value if value % 1 else int(value), lang=primary_language(language), to=to)
    except (InvalidOperation, NotImplementedError, OverflowError, ValueError, TypeError):
        return number
    return str(words).replace(",", "")
