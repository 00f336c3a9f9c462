"""English rules: money, times, dates, units, telephone numbers, abbreviations and the rest.

Each rule is a plain function, text and language in, text out, reading its
words from :mod:`.words_en`. They run only for English stories (the list in
:mod:`storyaudio.normalise` is chosen once per call), so none tests the language.
"""

from __future__ import annotations

import re

from ..lexicon import alternation
from .numbers import number_words
from .words_en import (
    ABBREVIATIONS_EN,
    CURRENCIES_EN,
    DIGIT_WORDS,
    DOLLAR_COUNTRIES,
    FRACTION_WORDS,
    MONTHS,
    SCALE_ABBREVIATIONS,
    SCALES,
    SHORT_MONTHS,
    SYMBOLS_EN,
    UNITS_EN,
)

_RANGE = re.compile(r"\b(\d{1,4})\s?[-\u2013\u2014]\s?(\d{1,4})\b")


def read_ranges(text: str, language: str) -> str:
    """``2014-2022`` or ``10–12`` -> ``2014 to 2022`` (only when the second number is larger)."""

    def replace(match: re.Match[str]) -> str:
        first, second = match.groups()
        return f"{first} to {second}" if int(second) > int(first) else match.group(0)

    return _RANGE.sub(replace, text)


_PHONE = re.compile(r"(?<![\w+])(\+\d{1,3}|0\d{1,4})((?:[ -]\d{2,5}){2,4})(?![\w])")


def read_phone_numbers(text: str, language: str) -> str:
    """``+44 20 7946 0000`` -> ``plus four four, two zero, seven nine four six, zero zero zero zero``.

    Only numbers shaped like telephone numbers (a leading ``+`` or ``0``, then
    groups, 9 to 15 digits in all) are read digit by digit.
    """

    def replace(match: re.Match[str]) -> str:
        groups = [match.group(1), *re.split(r"[ -]", match.group(2).strip())]
        if not 9 <= sum(len(group.lstrip("+")) for group in groups) <= 15:
            return match.group(0)
        spoken = [("plus " if group.startswith("+") else "")
                  + " ".join(DIGIT_WORDS[int(digit)] for digit in group.lstrip("+")) for group in groups]
        return ", ".join(spoken)

    return _PHONE.sub(replace, text)


_CURRENCY = re.compile(
    r"(?<![A-Za-z])(?:(" + "|".join(DOLLAR_COUNTRIES) + r")(?=\$))?([$£€¥₹])\s?(\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\.(\d+))?(?:\s?(" + SCALES + "|" + "|".join(SCALE_ABBREVIATIONS) + r")\b)?"
)


def read_currency(text: str, language: str) -> str:
    """``$1,200`` -> ``one thousand two hundred dollars``; ``£2.50`` -> ``two pounds fifty pence``;
    ``$2.5bn`` -> ``two point five billion dollars``; ``US$5`` -> ``five US dollars``."""

    def replace(match: re.Match[str]) -> str:
        country, symbol, whole, cents, scale = match.groups()
        one, many, sub_one, sub_many = CURRENCIES_EN[symbol]
        if country:
            one, many = f"{DOLLAR_COUNTRIES[country]} {one}", f"{DOLLAR_COUNTRIES[country]} {many}"
        if scale or (cents and len(cents) > 2):  # $1.2 million -> one point two million dollars
            amount = number_words(whole + (f".{cents}" if cents else ""), language)
            return " ".join([amount, SCALE_ABBREVIATIONS.get(scale, scale), many] if scale else [amount, many])
        value = int(whole.replace(",", ""))
        spoken = f"{number_words(whole, language)} {one if value == 1 else many}"
        if cents and int(cents.ljust(2, "0")) and sub_one:
            minor = int(cents.ljust(2, "0"))
            spoken += f" {number_words(str(minor), language)} {sub_one if minor == 1 else sub_many}"
        return spoken

    return _CURRENCY.sub(replace, text)


_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s?([ap])\.?\s?m\b\.?(?=\W|$)", re.IGNORECASE)
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
O_CLOCK = "o'clock"  # with its apostrophe: Piper reads "o clock" as "oh clock"
_TIME_RANGE = re.compile(r"(?<=[ap]\.m\.)\s?[-\u2013]\s?(?=\w)")
_RANGE_TO_TIME = re.compile(r"(?<=\d)\s?[-\u2013]\s?(?=\d{1,2}(?::\d{2})?\s?[ap]\.?\s?m\b)", re.IGNORECASE)


def read_times(text: str, language: str) -> str:
    """``9 p.m.`` -> ``nine p.m.``; ``10:05`` -> ``ten oh five``; ``9:00`` -> ``nine o'clock``;
    ``9:30-11am`` -> ``nine thirty to eleven a.m.``."""

    def minutes(value: str) -> str:
        number = int(value)
        if number == 0:
            return ""
        return f"oh {number_words(value)}" if number < 10 else number_words(value)

    def meridiem(match: re.Match[str]) -> str:
        hour, mins, half = match.groups()
        spoken = number_words(hour)
        if mins and int(mins):
            spoken += f" {minutes(mins)}"
        # Always "a.m." (its full stop also ends a sentence it ended): Piper reads "a m"
        # as the article and a letter, and "AM" at a sentence's end as the word "am".
        return f"{spoken} {half.lower()}.m."

    def clock(match: re.Match[str]) -> str:
        hour, mins = match.groups()
        if int(hour) > 24 or int(mins) > 59:
            return match.group(0)
        return f"{number_words(hour)} {minutes(mins) or O_CLOCK}"

    text = _RANGE_TO_TIME.sub(" to ", text)
    text = _CLOCK.sub(clock, _TIME.sub(meridiem, text))
    return _TIME_RANGE.sub(" to ", text)


_MONTH = r"(" + "|".join(MONTHS) + "|(?:" + "|".join(SHORT_MONTHS) + r")\.?)"
_DAY_MONTH = re.compile(r"(?<![\w.,])(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?!\w)")
_THE_BEFORE = re.compile(r"\bthe $", re.IGNORECASE)
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?![\w:.,]\d|\d)")


def read_dates(text: str, language: str) -> str:
    """``3 March`` -> ``the third of March``; ``March 3`` -> ``March third`` (years follow as years)."""

    def day_month(match: re.Match[str]) -> str:
        day, month = match.groups()
        if not 1 <= int(day) <= 31:
            return match.group(0)
        article = "" if _THE_BEFORE.search(match.string, max(0, match.start() - 4), match.start()) else "the "
        return f"{article}{number_words(day, to='ordinal')} of {_month_name(month)}"

    def month_day(match: re.Match[str]) -> str:
        month, day = match.groups()
        if not 1 <= int(day) <= 31:
            return match.group(0)
        return f"{_month_name(month)} {number_words(day, to='ordinal')}"

    return _MONTH_DAY.sub(month_day, _DAY_MONTH.sub(day_month, text))


def _month_name(written: str) -> str:
    """``Sept.`` -> ``September``; a full name as it is."""
    return SHORT_MONTHS.get(written.rstrip("."), written)


_ROUND_THE_CLOCK = re.compile(r"(?<![\w/])24/7(?![\w/])")
_FINANCIAL_YEAR = re.compile(r"(?<![\w/])((?:19|20)\d\d)/(\d\d)(?![\w/])")
_FRACTION = re.compile(r"(?<![\w/.,])(\d{1,2})/(\d{1,2})(?![\w/])")
_NUMBER_SLASH = re.compile(r"(?<=\d)/(?=\d)")
_RATIO = re.compile(r"(?<![\w:.])(\d{1,3}):(\d)(?![\w:])")
_TIMES_AS_MANY = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)x(?!\w)")
_BY = re.compile(r"(?<=\d)\s?x\s?(?=\d)")


def read_slashes_and_ratios(text: str, language: str) -> str:
    """Numbers joined by a sign: ``24/7`` -> ``twenty-four seven``, ``3/4`` -> ``three quarters``,
    ``2023/24`` -> ``2023 to 24``, ``2:1`` -> ``2 to 1``, ``3x`` -> ``3 times``, ``4x4`` -> ``4 by 4``;
    other slashes between numbers (dates) are said as "slash"."""

    def fraction(match: re.Match[str]) -> str:
        top, bottom = int(match.group(1)), int(match.group(2))
        if not 1 <= top < bottom <= 10:
            return match.group(0)
        if bottom in FRACTION_WORDS:
            one, many = FRACTION_WORDS[bottom]
        else:
            one = number_words(str(bottom), to="ordinal")
            many = one + "s"
        return f"{number_words(str(top))} {one if top == 1 else many}"

    def financial_year(match: re.Match[str]) -> str:
        first, second = match.groups()
        return f"{first} to {second}" if (int(first) + 1) % 100 == int(second) else match.group(0)

    text = _ROUND_THE_CLOCK.sub("twenty-four seven", text)
    text = _FINANCIAL_YEAR.sub(financial_year, text)
    text = _FRACTION.sub(fraction, text)
    text = _NUMBER_SLASH.sub(" slash ", text)
    text = _RATIO.sub(r"\1 to \2", text)
    text = _TIMES_AS_MANY.sub(r"\1 times", text)
    return _BY.sub(" by ", text)


_UNIT = re.compile(
    r"(?<![\w.])(-?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?)(" + alternation(UNITS_EN) + r")(?![\w²/])"
)


def read_units(text: str, language: str) -> str:
    """``5 km`` -> ``five kilometres``, ``1 kg`` -> ``one kilogram``, ``-3°C`` -> ``minus three degrees Celsius``."""

    def replace(match: re.Match[str]) -> str:
        minus, whole, fraction, space, unit = match.groups()
        if unit == "m" and not space:
            return match.group(0)
        one, many = UNITS_EN[unit]
        words = number_words(whole + (fraction or ""), language)
        return f"{'minus ' if minus else ''}{words} {one if whole == '1' and not fraction else many}"

    return _UNIT.sub(replace, text)


_SAINT = re.compile(r"\bSt\.(?=\s+[A-Z])")
_STREET = re.compile(r"\bSt\.")
_NUMBER_SIGN = re.compile(r"\bNo\.(?=\s*\d)")
_CIRCA = re.compile(r"\b[cC]a?\.\s?(?=\d)")
_ABBREVIATION = re.compile(r"(?<![\w.])(?:" + alternation(ABBREVIATIONS_EN) + r")(?!\w)")


def expand_abbreviations(text: str, language: str) -> str:
    """``Dr.`` -> ``Doctor``, ``e.g.`` -> ``for example``; ``St.`` is Saint before a name, else Street."""
    ended = text.rstrip().endswith(".")
    text = _SAINT.sub("Saint", text)
    text = _STREET.sub("Street", text)
    text = _NUMBER_SIGN.sub("number ", text)
    text = _CIRCA.sub("circa ", text)
    text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS_EN[m.group(0)], text)
    if ended and not text.rstrip().endswith((".", "!", "?")):
        text = text.rstrip() + "."  # the abbreviation's full stop also ended the sentence
    return text


_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b", re.IGNORECASE)


def read_ordinals(text: str, language: str) -> str:
    """``21st`` -> ``twenty-first``."""
    return _ORDINAL.sub(lambda m: number_words(m.group(1), language, to="ordinal"), text)


_YEAR = re.compile(r"(?<![\d,.$£€])\b(1[1-9]\d\d|20\d\d)\b(?![,.]\d)(?!\s?%)")
_DECADE = re.compile(r"\b(1[1-9]\d0|20\d0)'?s\b")


def read_years(text: str, language: str) -> str:
    """``2014`` -> ``twenty fourteen``; ``1990s`` -> ``nineteen nineties``.

    A bare four-digit number from 1100 to 2099 is read as a year, as people do.
    """

    def decade(match: re.Match[str]) -> str:
        words = number_words(match.group(1), language, to="year")
        return re.sub(r"y$", "ies", words) if words.endswith("y") else words + "s"

    text = _DECADE.sub(decade, text)
    return _YEAR.sub(lambda m: number_words(m.group(1), language, to="year"), text)


_AND_OR = re.compile(r"\band/or\b")
_SLASH = re.compile(r"(?<=[^\W\d])/(?=[^\W\d])")


def read_symbols(text: str, language: str) -> str:
    """``&`` -> ``and``, ``25°C`` -> ``25 degrees Celsius``; ``and/or`` -> ``and or``."""
    text = _AND_OR.sub("and or", text)
    text = _SLASH.sub(" or ", text)
    for symbol, word in SYMBOLS_EN.items():
        text = text.replace(symbol, f" {word} ")
    return text
