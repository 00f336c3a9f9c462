"""Numbers with a shape: scales (``1.5m people``, ``3.2k``), ordinals (``1,000th``), years and
decades (``1905``, ``the '80s``, ``the 1960s-80s``), decimals (``.25``), fractions (``2½``,
``1/2 oz.``), signs between numbers (``24/7``, ``2:1``, ``4x4``) and codes (``G7``, ``B12``)."""

from __future__ import annotations

import re

from ..numbers import number_words, say_digits
from .context import is_attributive, next_word
from .tables import (
    FRACTION_WORDS,
    K_RACES,
    METRE_CONTEXT,
    MILLION_NOUNS,
    NOT_A_NOUN,
    SCALE_ABBREVIATIONS,
    UNITS,
    VULGAR_FRACTIONS,
)
from .units import spelled

_SCALED = re.compile(r"(?<![\w.$£€¥₹,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?)(bn|tn|mn|k|K|M|m)(?![\w²/'’])")


def read_scaled_numbers(text: str, language: str) -> str:
    """``1.5m people`` -> ``one point five million people``; ``3.2k`` -> ``three point two thousand``;
    ``4bn`` -> ``four billion``; ``5k run`` -> ``five K run``. ``5m`` is million before a counted
    noun (``2m homes``) and metres before a measure word or the end (``2m high``, ``a 5m wall``)."""

    def replace(match: re.Match[str]) -> str:
        whole, fraction, space, scale = match.groups()
        amount = number_words(whole + (fraction or ""), language)
        if space and scale in ("k", "K", "M", "m"):
            return match.group(0)  # "5 m" is metres (units), "5 K" a letter
        following = next_word(match.string, match.end())
        if scale in ("k", "K") and following.lower() in K_RACES:
            return f"{amount} K"
        if scale == "m" and not _counts_millions(following):
            one, many = UNITS["m"]
            singular = (whole == "1" and not fraction) or is_attributive(match.string, match.start(), match.end())
            return spelled(f"{amount} {one if singular else many}", language)
        return f"{amount} {SCALE_ABBREVIATIONS[scale]}"

    return _SCALED.sub(replace, text)


def _counts_millions(following: str) -> bool:
    word = following.lower()
    if not word or word in METRE_CONTEXT or word in NOT_A_NOUN:
        return False
    return word in MILLION_NOUNS or looks_plural(word)


def looks_plural(word: str) -> bool:
    """``homes``, ``families``: a counted noun (``census``, ``glass``, ``this`` are not)."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


_ORDINAL = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th)\b|\b(\d*[23])d\b", re.IGNORECASE)


def read_ordinals(text: str, language: str) -> str:
    """``21st`` -> ``twenty-first``; ``1,000th`` -> ``one thousandth``; older books' ``2d``, ``23d`` ->
    ``second``, ``twenty-third``."""

    def replace(match: re.Match[str]) -> str:
        if match.group(3) and "D" in match.group(0):
            return match.group(0)  # "3D" is no ordinal
        return number_words(match.group(1) or match.group(3), language, to="ordinal")

    return _ORDINAL.sub(replace, text)


_YEAR = re.compile(r"(?<![\d,.$£€])\b(1\d\d\d|20\d\d)\b(?![,.]\d)(?!\s?%)")
_YEAR_CONTEXT = re.compile(r"\b(?:in|since|by|from|until|till|of|year|around|circa|before|after|to|and|"
                           r"during|AD|A\.D\.|c\.)\s+$", re.IGNORECASE)
_DECADE = re.compile(r"\b(1\d\d0|20\d0)['’]?s\b(?:(\s?[-–]\s?)['’]?([1-9]0|1\d\d0|20\d0)['’]?s\b)?")
_SHORT_DECADE = re.compile(r"(?<![\w'’])['’]?([2-9]0)['’]?s\b")
_SHORT_YEAR = re.compile(r"(?<![\w'’])['’](\d\d)\b(?!['’]?s\b)")


def read_years(text: str, language: str) -> str:
    """``2014`` -> ``twenty fourteen``; ``1905`` -> ``nineteen oh five``; ``1990s`` -> ``nineteen nineties``;
    ``the '80s`` -> ``the eighties``; ``the 1960s-80s`` -> ``the nineteen sixties to eighties``;
    ``class of '99`` -> ``class of ninety-nine``.

    A bare four-digit number from 1000 to 2099 is read as a year, as people do,
    unless it is under 1900, a counted noun follows it and no date word comes
    before it (``1200 people``; news copy writes larger counts with a comma).
    """

    def plural(words: str) -> str:
        return re.sub(r"y$", "ies", words) if words.endswith("y") else words + "s"

    def decade(match: re.Match[str]) -> str:
        first, dash, second = match.groups()
        spoken = plural(number_words(first, language, to="year"))
        if not dash:
            return spoken
        to = "year" if len(second) == 4 else "cardinal"
        return f"{spoken} to {plural(number_words(second, language, to=to))}"

    def year(match: re.Match[str]) -> str:
        following = next_word(match.string, match.end())
        # 1950 families: a count, but only outside the years news copy is full of (2023 results)
        counted = following[:1].islower() and looks_plural(following) and not 1900 <= int(match.group(1)) < 2100
        if counted and not _YEAR_CONTEXT.search(match.string[max(0, match.start() - 12):match.start()]):
            return number_words(match.group(1), language)
        return number_words(match.group(1), language, to="year")

    text = _DECADE.sub(decade, text)
    text = _SHORT_DECADE.sub(lambda m: plural(number_words(m.group(1), language)), text)
    text = _SHORT_YEAR.sub(lambda m: number_words(m.group(1), language), text)
    return _YEAR.sub(year, text)


_LEADING_DECIMAL = re.compile(r"(?<![\w.])\.(\d+)\b")


def read_leading_decimals(text: str, language: str) -> str:
    """``.25`` -> ``point two five``."""
    return _LEADING_DECIMAL.sub(lambda m: f"point {say_digits(m.group(1))}", text)


_LETTERS_DIGITS = re.compile(r"\b([A-Z]{1,3})(\d{1,3})\b")
_DIGITS_LETTER = re.compile(r"\b(\d{1,3})([A-Z])\b")


def split_codes(text: str, language: str) -> str:
    """``G7`` -> ``G 7``, ``B12`` -> ``B 12``, ``7B`` -> ``7 B``: a code's letters and number are
    said apart (the number then as a number)."""
    return _DIGITS_LETTER.sub(r"\1 \2", _LETTERS_DIGITS.sub(r"\1 \2", text))


_VULGAR = "".join(VULGAR_FRACTIONS)
_MIXED = re.compile(r"(?<![\w/.,])(\d+)(?:\s?([" + _VULGAR + r"])|\s+(\d)/(\d{1,2})(?![\w/]))")
_HALF_BEFORE = re.compile(r"(?<![\w/.,])(?:1/2|½)\s+([a-z]+)(\.(?=\s+[a-z]))?")
_VULGAR_ALONE = re.compile(r"([" + _VULGAR + r"])")
_VOWEL_SOUND = re.compile(r"^(?:[aeio]|u[^n]|hour|honou?r)", re.IGNORECASE)


def fraction_words(top: int, bottom: int, language: str, article: bool = False) -> str:
    """``(3, 4)`` -> ``three quarters``; ``(1, 2)`` -> ``one half`` (``a half`` with *article*)."""
    if bottom in FRACTION_WORDS:
        one, many = FRACTION_WORDS[bottom]
    else:
        one = number_words(str(bottom), language, to="ordinal")
        many = one + "s"
    if top == 1:
        return f"{'an' if article and _VOWEL_SOUND.match(one) else 'a' if article else 'one'} {one}"
    return f"{number_words(str(top), language)} {many}"


def read_fractions(text: str, language: str) -> str:
    """``2½`` and ``2 1/2`` -> ``two and a half``; ``1/2 oz.`` -> ``half an ounce``; ``½ mile`` ->
    ``half a mile``; ``¾`` -> ``three quarters``."""

    def mixed(match: re.Match[str]) -> str:
        whole, vulgar, top, bottom = match.groups()
        numerator, denominator = VULGAR_FRACTIONS[vulgar] if vulgar else (int(top), int(bottom))
        if not 0 < numerator < denominator <= 16:
            return match.group(0)
        return f"{number_words(whole, language)} and {fraction_words(numerator, denominator, language, True)}"

    def half_before(match: re.Match[str]) -> str:
        word = match.group(1)
        if word in NOT_A_NOUN:
            return match.group(0)
        unit = UNITS[word][0] if word in UNITS else word  # 1/2 oz. -> half an ounce
        return f"half {'an' if _VOWEL_SOUND.match(unit) else 'a'} {unit}"

    text = _MIXED.sub(mixed, text)
    text = _HALF_BEFORE.sub(half_before, text)
    return _VULGAR_ALONE.sub(lambda m: f" {fraction_words(*VULGAR_FRACTIONS[m.group(1)], language, True)} ", text)


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
    other slashes between numbers are said as "slash"."""

    def fraction(match: re.Match[str]) -> str:
        top, bottom = int(match.group(1)), int(match.group(2))
        if not 1 <= top < bottom <= 10:
            return match.group(0)
        return fraction_words(top, bottom, language)

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
