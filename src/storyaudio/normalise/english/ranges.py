"""Ranges: a dash between two numbers, amounts, days or months says "to" (``10–12``, ``2010–11``,
``1960-80``, ``$5-$10``, ``2-5kg``, ``Mon–Fri``, ``Jan–Mar``); a score (``3-2``) and a dash that is an
aside (``late – very late``) do not."""

from __future__ import annotations

import re

from .tables import MONTHS, SHORT_MONTHS, SHORT_WEEKDAYS, WEEKDAYS

_DASH = r"\s?[-\u2013\u2014]\s?"
_NUMBERS = re.compile(r"(?<![\w.,/:-])(\d{1,4})" + _DASH + r"(\d{1,4})(?![\d.,/:]\d|\d|:)")
_AMOUNTS = re.compile(r"(?<=\d)(%?)" + _DASH + r"(?=[$£€¥₹]\d)|(?<=\d%)" + _DASH + r"(?=\d)")
_NAMES = {**SHORT_WEEKDAYS, **{day: day for day in WEEKDAYS}, **SHORT_MONTHS,
          **{month: month for month in MONTHS}}
_NAME = r"(" + "|".join(sorted(_NAMES, key=len, reverse=True)) + r")\.?"
_NAMED_RANGE = re.compile(r"\b" + _NAME + _DASH + _NAME + r"(?!\w)")


def read_ranges(text: str, language: str) -> str:
    """``2014-2022`` or ``10–12`` -> ``2014 to 2022``, ``10 to 12``; ``2010–11`` -> ``2010 to 11``;
    ``$5-$10`` -> ``$5 to $10``; ``Mon–Fri`` -> ``Monday to Friday``. Numbers say "to" only when the
    second is larger (or a year's last two digits run on): ``3-2`` is a score."""

    def numbers(match: re.Match[str]) -> str:
        first, second = match.groups()
        low, high = int(first), int(second)
        runs_on = len(first) == 4 and len(second) == 2 and high > low % 100  # 2010-11, 1960-80
        return f"{first} to {second}" if high > low or runs_on else match.group(0)

    def named(match: re.Match[str]) -> str:
        first, second = match.groups()
        same_kind = (first in SHORT_MONTHS or first in MONTHS) == (second in SHORT_MONTHS or second in MONTHS)
        return f"{_NAMES[first]} to {_NAMES[second]}" if same_kind else match.group(0)

    text = _NAMED_RANGE.sub(named, text)
    text = _AMOUNTS.sub(lambda m: f"{m.group(1) or ''} to ", text)
    return _NUMBERS.sub(numbers, text)
