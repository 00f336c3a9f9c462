"""Telephone numbers in each country's groupings: ``+34 912 345 678``, ``01 23 45 67 89``,
``030 1234567``, ``(11) 98765-4321``.

A run of digit groups is a telephone number when it starts with ``+`` or a
trunk zero, is written in pairs, or follows a word for calling (``tel.``,
``llame``, ``appelez``). France (and Spain, for pairs) says two-digit groups
as numbers; elsewhere digits are said one by one, as people read them out.
"""

from __future__ import annotations

import re

from .numbers import cardinal, say_digits
from .words import Words

_GROUPS = re.compile(r"(?<![\w+.,])(\+\d{1,3}[\s.-]?)?((?:\(\d{1,4}\)\s?)?\d{1,5}(?:[\s.-]\d{2,8}){1,5})"
                     r"(?![\w]|[.,-]\d)")
MIN_DIGITS, MAX_DIGITS = 8, 15
"""A telephone number (without its country code) has 8 to 15 digits."""


def _is_phone(country: str | None, body: str, before: str, words: Words) -> bool:
    digits = re.sub(r"\D", "", body)
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        return False
    groups = re.split(r"[\s.()-]+", body.strip("()"))
    pairs = sum(len(group) == 2 for group in groups) >= 3
    context = any(word in before for word in words.phone_context)
    no_thousands = len(groups) >= 3 and any(len(group) != 3 for group in groups[1:])  # ``21 123 4567``
    return bool(country) or body.startswith(("0", "(")) or pairs or context or no_thousands


def _say_group(group: str, words: Words) -> str:
    if words.phone_pairs and len(group) == 2:
        if group.startswith("0"):
            return say_digits(group, words)
        return cardinal(int(group), words)
    return say_digits(group, words)


def read_phone_numbers(text: str, language: str, words: Words) -> str:
    """``01 23 45 67 89`` -> ``zéro un, vingt-trois, quarante-cinq, soixante-sept, quatre-vingt-neuf``;
    ``+49 30 1234567`` -> ``plus neunundvierzig, drei null, eins zwei drei ...``."""

    def replace(match: re.Match[str]) -> str:
        country, body = match.groups()
        before = text[max(0, match.start() - 30):match.start()].lower()
        if not _is_phone(country, body, before, words):
            return match.group(0)
        said = [f"{words.plus} {cardinal(int(country.strip(' .-+')), words)}"] if country else []
        said += [_say_group(group, words) for group in re.split(r"[\s.()-]+", body) if group]
        return ", ".join(said)

    return _GROUPS.sub(replace, text)
