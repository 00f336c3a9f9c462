"""Dates in the story's locale: ``3 March``, ``March 3``, ``2025-06-02``, ``03/04/2024`` (the third
of April in en-GB, March fourth in en-US), ``1st-2nd June``, ``May 15-17``, ``Wed 4 Nov``."""

from __future__ import annotations

import re

from ..numbers import is_us_style, number_words
from .tables import MONTHS, SHORT_MONTHS, SHORT_WEEKDAYS

_MONTH = r"(" + "|".join(MONTHS) + "|(?:" + "|".join(SHORT_MONTHS) + r")\.?)"
_SUFFIX = r"(?:st|nd|rd|th|d)?"
"""An ordinal ending; older books write ``2d`` and ``3d``."""
_DASH = r"\s?[-\u2013\u2014]\s?"
_DAY_RANGE_MONTH = re.compile(r"(?<![\w.,])(\d{1,2})" + _SUFFIX + _DASH + r"(\d{1,2})" + _SUFFIX + r"\s+" + _MONTH
                              + r"(?!\w)")
_MONTH_DAY_RANGE = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})" + _SUFFIX + _DASH + r"(\d{1,2})" + _SUFFIX
                              + r"(?![\w:.,]\d|\d)")
_DAY_MONTH = re.compile(r"(?<![\w.,])(\d{1,2})" + _SUFFIX + r"\s+" + _MONTH + r"(?!\w)")
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})" + _SUFFIX + r"(?![\w:.,]\d|\d)")
_THE_BEFORE = re.compile(r"\bthe $", re.IGNORECASE)
_WEEKDAY_BEFORE_DATE = re.compile(r"\b(" + "|".join(sorted(SHORT_WEEKDAYS, key=len, reverse=True)) + r")\.?,?"
                                  r"(?=\s+(?:\d{1,2}" + _SUFFIX + r"\s+" + _MONTH + r"|" + _MONTH + r"\s+\d))")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(SHORT_MONTHS) + r")\.?(?=\s+(?:1\d|20)\d\d\b)")
_ISO_DATE = re.compile(r"(?<![\w/.-])(1\d\d\d|20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\w/-]|\.\d)")
_NUMERIC_DATE = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\w/-]|\.\d)")


def month_name(written: str) -> str:
    """``Sept.`` -> ``September``; a full name as it is."""
    return SHORT_MONTHS.get(written.rstrip("."), written)


def say_date(day: int, month: int, year: str, language: str, day_first: bool | None = None) -> str:
    """A full date as the locale says it (or in the order it was written, *day_first*):
    ``the third of April 2024`` or ``April third, 2024`` (the year is left in digits, for
    :func:`~.numbers.read_years`)."""
    name = MONTHS[month - 1]
    ordinal = number_words(str(day), language, to="ordinal")
    if day_first is False or (day_first is None and is_us_style(language)):
        return f"{name} {ordinal}, {year}"
    return f"the {ordinal} of {name} {year}"


def read_numeric_dates(text: str, language: str) -> str:
    """``2025-06-02`` and ``03/04/2024`` as dates, day or month first as the locale writes them
    (when one of the two is over 12 it can only be the day); never "slash"."""

    def iso(match: re.Match[str]) -> str:
        year, month, day = match.groups()
        return say_date(int(day), int(month), year, language)

    def numeric(match: re.Match[str]) -> str:
        first, _, second, year = int(match.group(1)), match.group(2), int(match.group(3)), match.group(4)
        day_first = not is_us_style(language)
        if (second if day_first else first) > 12 >= (first if day_first else second):
            day_first = not day_first  # 25/12 in en-US, 12/25 in en-GB: only one order is a date
        day, month = (first, second) if day_first else (second, first)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return match.group(0)
        return say_date(day, month, year, language, day_first)

    return _NUMERIC_DATE.sub(numeric, _ISO_DATE.sub(iso, text))


def read_dates(text: str, language: str) -> str:
    """``3 March`` -> ``the third of March``; ``March 3`` -> ``March third``; ``15-17 May`` ->
    ``the fifteenth to the seventeenth of May``; ``May 15-17`` -> ``May fifteenth to seventeenth``;
    ``Wed 4 Nov`` -> ``Wednesday the fourth of November`` (years follow as years)."""

    def ordinal(day: str) -> str:
        return number_words(day, language, to="ordinal")

    def the(match: re.Match[str]) -> str:
        return "" if _THE_BEFORE.search(match.string, max(0, match.start() - 4), match.start()) else "the "

    def day_range(match: re.Match[str]) -> str:
        first, last, month = match.groups()
        if not 1 <= int(first) < int(last) <= 31:
            return match.group(0)
        return f"{the(match)}{ordinal(first)} to the {ordinal(last)} of {month_name(month)}"

    def month_range(match: re.Match[str]) -> str:
        month, first, last = match.groups()
        if not 1 <= int(first) < int(last) <= 31:
            return match.group(0)
        return f"{month_name(month)} {ordinal(first)} to {ordinal(last)}"

    def day_month(match: re.Match[str]) -> str:
        day, month = match.groups()
        if not 1 <= int(day) <= 31:
            return match.group(0)
        return f"{the(match)}{ordinal(day)} of {month_name(month)}"

    def month_day(match: re.Match[str]) -> str:
        month, day = match.groups()
        if not 1 <= int(day) <= 31:
            return match.group(0)
        return f"{month_name(month)} {ordinal(day)}"

    text = _WEEKDAY_BEFORE_DATE.sub(lambda m: SHORT_WEEKDAYS[m.group(1)], text)
    text = _MONTH_YEAR.sub(lambda m: SHORT_MONTHS[m.group(1)], text)  # Jan 2020 -> January 2020
    text = _MONTH_DAY_RANGE.sub(month_range, _DAY_RANGE_MONTH.sub(day_range, text))
    return _MONTH_DAY.sub(month_day, _DAY_MONTH.sub(day_month, text))
