"""Telephone numbers in the shapes our users print, read digit by digit in their groups:
``0161 496 0000``, ``07700 900123``, ``+44 (0)20 7946 0000``, ``(555) 123-4567``, ``1-800-555-0199``,
and short codes after "call" (``999``). Zero is "oh"; ``0800`` is "oh eight hundred", as people say."""

from __future__ import annotations

import re

from .tables import DIGIT_WORDS

_TRUNK_ZERO = re.compile(r"(\+\d{1,3})\s?\(0\)\s?")
_INTERNATIONAL = re.compile(r"(?<![\w+])(\+\d{1,3}|0\d{1,4})((?:[ .-]\d{2,6}){1,4})(?![\w]|[.-]\d)")
_NORTH_AMERICAN = re.compile(r"(?<![\w(+-])(?:(1)[ .-])?(?:\((\d{3})\)\s?|(\d{3})[ .-])(\d{3})[ .-](\d{4})"
                             r"(?![\w]|[.-]\d)")
_SHORT_CODE = re.compile(r"\b((?:call|dial|ring|phone|text)\s+(?:us\s+on\s+|on\s+)?)(\d{3,6})\b(?![.,]\d)",
                         re.IGNORECASE)
_HUNDRED = re.compile(r"^(0?)([1-9])00$")


def _group(digits: str, hundreds: bool = False) -> str:
    """One group, digit by digit; ``0800`` (or ``800`` after a leading 1) is "oh eight hundred"."""
    if hundreds and (match := _HUNDRED.match(digits)):
        zero, digit = match.groups()
        return f"{'oh ' if zero else ''}{DIGIT_WORDS[int(digit)]} hundred"
    return " ".join(DIGIT_WORDS[int(digit)] for digit in digits)


def read_phone_numbers(text: str, language: str) -> str:
    """``+44 20 7946 0000`` -> ``plus four four, two oh, seven nine four six, oh oh oh oh``.

    Only numbers shaped like telephone numbers are read so: a leading ``+`` or
    ``0`` and groups, 9 to 15 digits in all; the North American shapes; and a
    short code right after "call", "dial", "ring" or "text".
    """

    def international(match: re.Match[str]) -> str:
        groups = [match.group(1), *re.split(r"[ .-]", match.group(2).strip())]
        if not 9 <= sum(len(group.lstrip("+")) for group in groups) <= 15:
            return match.group(0)
        spoken = [f"plus {_group(group[1:])}" if group.startswith("+") else _group(group, index == 0)
                  for index, group in enumerate(groups)]
        return ", ".join(spoken)

    def north_american(match: re.Match[str]) -> str:
        one, bracketed, area, exchange, line = match.groups()
        spoken = [_group(bracketed or area, hundreds=bool(one)), _group(exchange), _group(line)]
        return ", ".join(["one", *spoken] if one else spoken)

    def short_code(match: re.Match[str]) -> str:
        return match.group(1) + _group(match.group(2))

    text = _TRUNK_ZERO.sub(r"\1 ", text)
    text = _INTERNATIONAL.sub(international, text)
    text = _NORTH_AMERICAN.sub(north_american, text)
    return _SHORT_CODE.sub(short_code, text)
