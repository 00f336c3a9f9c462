"""Speech normalisation: make written text speakable by a voice engine.

Each rule is a plain function, text and language in, text out, applied in
order by :func:`normalise`; the words they use (abbreviations, symbols,
currencies) are data tables kept apart from the code. Numbers become words
with num2words, in the story's language. The written text is kept separately
for transcripts, so rules may change wording freely.

English gets every rule; other languages get the language-neutral ones
(numbers, URLs, footnotes, emoji) and English-only words are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from num2words import num2words

from .lexicon import Lexicon, alternation

Rule = Callable[[str, str], str]

# --- data -------------------------------------------------------------------

SMART_PUNCTUATION: dict[str, str | int | None] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2013": " - ", "\u2014": " - ", "\u2026": "...", "\u00a0": " ", "\u2009": " ",
}

ABBREVIATIONS_EN = {
    "Dr.": "Doctor", "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Prof.": "Professor",
    "Rev.": "Reverend", "Sr.": "Senior", "Jr.": "Junior", "Gen.": "General", "Capt.": "Captain",
    "Lt.": "Lieutenant", "Sgt.": "Sergeant", "Gov.": "Governor", "Sen.": "Senator",
    "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "vs.": "versus", "approx.": "approximately",
    "Jan.": "January", "Feb.": "February", "Aug.": "August", "Sept.": "September", "Oct.": "October",
    "Nov.": "November", "Dec.": "December", "Mt.": "Mount", "Ave.": "Avenue",
    "km": "kilometres", "kg": "kilograms", "cm": "centimetres", "mm": "millimetres",
    # British style writes titles without a full stop; the voice reads "Ms" as letters.
    "Ms": "Miz", "Prof": "Professor", "vs": "versus",
}
"""Written form -> spoken form; matched as whole words, case-sensitively."""

SYMBOLS_EN = {"&": "and", "+": "plus", "=": "equals", "@": "at", "#": "number", "°C": "degrees Celsius",
              "°F": "degrees Fahrenheit", "°": "degrees", "×": "times", "~": "about"}

PERCENT = {"en": "percent", "fr": "pour cent", "de": "Prozent", "es": "por ciento", "it": "per cento",
           "pt": "por cento", "nl": "procent"}

CURRENCIES_EN = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
}

SCALES = "thousand|million|billion|trillion"

SCALE_ABBREVIATIONS = {"k": "thousand", "m": "million", "mn": "million", "b": "billion", "bn": "billion",
                       "tn": "trillion"}
"""How news copy shortens amounts of money: ``$5m``, ``£2.5bn``, ``€300k``."""

DOLLAR_COUNTRIES = {"US": "US", "A": "Australian", "AU": "Australian", "C": "Canadian", "CA": "Canadian",
                    "NZ": "New Zealand", "HK": "Hong Kong", "S": "Singapore"}
"""Prefixes that say whose dollars: ``US$5``, ``A$20``."""

UNITS_EN = {
    "km": ("kilometre", "kilometres"), "m": ("metre", "metres"), "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"), "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"), "l": ("litre", "litres"), "L": ("litre", "litres"),
    "ml": ("millilitre", "millilitres"), "mL": ("millilitre", "millilitres"), "ha": ("hectare", "hectares"),
    "km²": ("square kilometre", "square kilometres"), "m²": ("square metre", "square metres"),
    "km2": ("square kilometre", "square kilometres"), "m2": ("square metre", "square metres"),
    "km/h": ("kilometre per hour", "kilometres per hour"), "mph": ("mile per hour", "miles per hour"),
    "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
}
"""Units said after a number, singular for exactly one; matched case-sensitively. ``m`` counts
only after a space (``200 m``): ``5m`` in news copy is as often five million."""

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SHORT_MONTHS = {month[:3]: month for month in MONTHS} | {"Sept": "September"}
"""Month names, and their short forms as news copy writes them (``Jan.``, ``Sept.``)."""

FRACTION_WORDS = {2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters")}
"""Denominators with names of their own; other fractions use the ordinal (``tenth``, ``tenths``)."""

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
"""Telephone numbers are read digit by digit."""


# --- helpers ----------------------------------------------------------------


def _lang(language: str) -> str:
    return language.split("-")[0].split("_")[0].lower() or "en"


def number_words(number: str, language: str = "en", to: str = "cardinal") -> str:
    """``"1,200"`` -> ``"one thousand two hundred"`` (digits left as they are if num2words cannot)."""
    try:
        value = Decimal(number.replace(",", ""))
        words = num2words(value if value % 1 else int(value), lang=_lang(language), to=to)
    except (InvalidOperation, NotImplementedError, OverflowError, ValueError, TypeError):
        return number
    return str(words).replace(",", "")


# --- rules ------------------------------------------------------------------

_RANGE = re.compile(r"\b(\d{1,4})\s?[-\u2013\u2014]\s?(\d{1,4})\b")


def read_ranges(text: str, language: str) -> str:
    """``2014-2022`` or ``10–12`` -> ``2014 to 2022`` (only when the second number is larger)."""
    if _lang(language) != "en":
        return text

    def replace(match: re.Match[str]) -> str:
        first, second = match.groups()
        return f"{first} to {second}" if int(second) > int(first) else match.group(0)

    return _RANGE.sub(replace, text)


def straighten_punctuation(text: str, language: str) -> str:
    """Smart quotes and dashes to plain ones, which every engine reads alike."""
    return text.translate(str.maketrans(SMART_PUNCTUATION))


_ASIDE_DASH = re.compile(r"\s+-+\s+")
_OPEN_PARENTHESIS = re.compile(r"\s*\(\s*")
_CLOSE_PARENTHESIS = re.compile(r"\s*\)")
_COMMA_BEFORE_STOP = re.compile(r",\s*(?=[.!?;:,]|$)")


def pause_for_asides(text: str, language: str) -> str:
    """A dash or brackets around an aside become commas: a reader pauses there, and voices
    pause at commas but say nothing for ``-`` or ``()``: ``fell (mostly) - late`` -> ``fell, mostly, late``."""
    text = _ASIDE_DASH.sub(", ", text)
    text = _OPEN_PARENTHESIS.sub(", ", text)
    text = _CLOSE_PARENTHESIS.sub(",", text)
    return _COMMA_BEFORE_STOP.sub("", text).lstrip(", ")


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)]", re.IGNORECASE)
_URL_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def speak_urls_and_emails(text: str, language: str) -> str:
    """A URL is spoken as its site (``example dot org``); an e-mail address as ``name at site``."""

    def site(host: str) -> str:
        return " dot ".join(part for part in host.split(".") if part)

    def url(match: re.Match[str]) -> str:
        host = _URL_PREFIX.sub("", match.group(0))
        return site(host.split("/")[0].split("?")[0])

    def email(match: re.Match[str]) -> str:
        name, _, host = match.group(0).partition("@")
        return f"{site(name)} at {site(host)}"

    return _URL.sub(url, _EMAIL.sub(email, text))


_STAR_FOOTNOTE = re.compile(r"(?<=\w)\*+(?=\W|$)")
_BRACKET_FOOTNOTE = re.compile(r"(?<=\w)\[\d{1,3}\]")
_SUPERSCRIPT_FOOTNOTE = re.compile(r"(?<=[^\W\d])[\u00b9\u00b2\u00b3\u2070-\u2079]+")


def drop_footnote_markers(text: str, language: str) -> str:
    """``Francesca*`` -> ``Francesca``; ``text[1]`` -> ``text``; ``word¹`` -> ``word``."""
    text = _STAR_FOOTNOTE.sub("", text)
    text = _BRACKET_FOOTNOTE.sub("", text)
    return _SUPERSCRIPT_FOOTNOTE.sub("", text)


_CURRENCY = re.compile(
    r"(?<![A-Za-z])(?:(" + "|".join(DOLLAR_COUNTRIES) + r")(?=\$))?([$£€¥₹])\s?(\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\.(\d+))?(?:\s?(" + SCALES + "|" + "|".join(SCALE_ABBREVIATIONS) + r")\b)?"
)


def read_currency(text: str, language: str) -> str:
    """``$1,200`` -> ``one thousand two hundred dollars``; ``£2.50`` -> ``two pounds fifty pence``;
    ``$2.5bn`` -> ``two point five billion dollars``; ``US$5`` -> ``five US dollars``."""
    if _lang(language) != "en":
        return text

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


_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?%")


def read_percentages(text: str, language: str) -> str:
    """``78%`` -> ``seventy-eight percent`` (in the story's language)."""
    word = PERCENT.get(_lang(language), "percent")
    return _PERCENT.sub(lambda m: f"{number_words(m.group(1), language)} {word}", text)


_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s?([ap])\.?\s?m\b\.?(?=\W|$)", re.IGNORECASE)
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
O_CLOCK = "o'clock"  # with its apostrophe: Piper reads "o clock" as "oh clock"
_TIME_RANGE = re.compile(r"(?<=[ap]\.m\.)\s?[-\u2013]\s?(?=\w)")
_RANGE_TO_TIME = re.compile(r"(?<=\d)\s?[-\u2013]\s?(?=\d{1,2}(?::\d{2})?\s?[ap]\.?\s?m\b)", re.IGNORECASE)


def read_times(text: str, language: str) -> str:
    """``9 p.m.`` -> ``nine p.m.``; ``10:05`` -> ``ten oh five``; ``9:00`` -> ``nine o'clock``;
    ``9:30-11am`` -> ``nine thirty to eleven a.m.``."""
    if _lang(language) != "en":
        return text

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


_UNIT = re.compile(
    r"(?<![\w.])(-?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?)(" + alternation(UNITS_EN) + r")(?![\w²/])"
)


def read_units(text: str, language: str) -> str:
    """``5 km`` -> ``five kilometres``, ``1 kg`` -> ``one kilogram``, ``-3°C`` -> ``minus three degrees Celsius``."""
    if _lang(language) != "en":
        return text

    def replace(match: re.Match[str]) -> str:
        minus, whole, fraction, space, unit = match.groups()
        if unit == "m" and not space:
            return match.group(0)
        one, many = UNITS_EN[unit]
        words = number_words(whole + (fraction or ""), language)
        return f"{'minus ' if minus else ''}{words} {one if whole == '1' and not fraction else many}"

    return _UNIT.sub(replace, text)


_PHONE = re.compile(r"(?<![\w+])(\+\d{1,3}|0\d{1,4})((?:[ -]\d{2,5}){2,4})(?![\w])")


def read_phone_numbers(text: str, language: str) -> str:
    """``+44 20 7946 0000`` -> ``plus four four, two zero, seven nine four six, zero zero zero zero``.

    Only numbers shaped like telephone numbers (a leading ``+`` or ``0``, then
    groups, 9 to 15 digits in all) are read digit by digit.
    """
    if _lang(language) != "en":
        return text

    def replace(match: re.Match[str]) -> str:
        groups = [match.group(1), *re.split(r"[ -]", match.group(2).strip())]
        if not 9 <= sum(len(group.lstrip("+")) for group in groups) <= 15:
            return match.group(0)
        spoken = [("plus " if group.startswith("+") else "")
                  + " ".join(DIGIT_WORDS[int(digit)] for digit in group.lstrip("+")) for group in groups]
        return ", ".join(spoken)

    return _PHONE.sub(replace, text)


_MONTH = r"(" + "|".join(MONTHS) + "|(?:" + "|".join(SHORT_MONTHS) + r")\.?)"
_DAY_MONTH = re.compile(r"(?<![\w.,])(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?!\w)")
_THE_BEFORE = re.compile(r"\bthe $", re.IGNORECASE)
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?![\w:.,]\d|\d)")


def read_dates(text: str, language: str) -> str:
    """``3 March`` -> ``the third of March``; ``March 3`` -> ``March third`` (years follow as years)."""
    if _lang(language) != "en":
        return text

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
    if _lang(language) != "en":
        return text

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


_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b", re.IGNORECASE)


def read_ordinals(text: str, language: str) -> str:
    """``21st`` -> ``twenty-first``."""
    if _lang(language) != "en":
        return text
    return _ORDINAL.sub(lambda m: number_words(m.group(1), language, to="ordinal"), text)


_YEAR = re.compile(r"(?<![\d,.$£€])\b(1[1-9]\d\d|20\d\d)\b(?![,.]\d)(?!\s?%)")
_DECADE = re.compile(r"\b(1[1-9]\d0|20\d0)'?s\b")


def read_years(text: str, language: str) -> str:
    """``2014`` -> ``twenty fourteen``; ``1990s`` -> ``nineteen nineties``.

    A bare four-digit number from 1100 to 2099 is read as a year, as people do.
    """
    if _lang(language) != "en":
        return text

    def decade(match: re.Match[str]) -> str:
        words = number_words(match.group(1), language, to="year")
        return re.sub(r"y$", "ies", words) if words.endswith("y") else words + "s"

    text = _DECADE.sub(decade, text)
    return _YEAR.sub(lambda m: number_words(m.group(1), language, to="year"), text)


_NUMBER = re.compile(r"(?<![\w.])-?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")


def read_numbers(text: str, language: str) -> str:
    """Every remaining number: ``1,200`` -> ``one thousand two hundred``; ``2.5`` -> ``two point five``."""
    def replace(match: re.Match[str]) -> str:
        whole, fraction = match.groups()
        words = number_words(whole + (fraction or ""), language)
        return ("minus " if match.group(0).startswith("-") and _lang(language) == "en" else "") + words

    return _NUMBER.sub(replace, text)


_SAINT = re.compile(r"\bSt\.(?=\s+[A-Z])")
_STREET = re.compile(r"\bSt\.")
_NUMBER_SIGN = re.compile(r"\bNo\.(?=\s*\d)")
_CIRCA = re.compile(r"\b[cC]a?\.\s?(?=\d)")
_ABBREVIATION = re.compile(r"(?<![\w.])(?:" + alternation(ABBREVIATIONS_EN) + r")(?!\w)")


def expand_abbreviations(text: str, language: str) -> str:
    """``Dr.`` -> ``Doctor``, ``e.g.`` -> ``for example``; ``St.`` is Saint before a name, else Street."""
    if _lang(language) != "en":
        return text
    ended = text.rstrip().endswith(".")
    text = _SAINT.sub("Saint", text)
    text = _STREET.sub("Street", text)
    text = _NUMBER_SIGN.sub("number ", text)
    text = _CIRCA.sub("circa ", text)
    text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS_EN[m.group(0)], text)
    if ended and not text.rstrip().endswith((".", "!", "?")):
        text = text.rstrip() + "."  # the abbreviation's full stop also ended the sentence
    return text


_AND_OR = re.compile(r"\band/or\b")
_SLASH = re.compile(r"(?<=[^\W\d])/(?=[^\W\d])")


def read_symbols(text: str, language: str) -> str:
    """``&`` -> ``and``, ``25°C`` -> ``25 degrees Celsius``; ``and/or`` -> ``and or``."""
    if _lang(language) != "en":
        return text
    text = _AND_OR.sub("and or", text)
    text = _SLASH.sub(" or ", text)
    for symbol, word in SYMBOLS_EN.items():
        text = text.replace(symbol, f" {word} ")
    return text


def drop_emoji_and_controls(text: str, language: str) -> str:
    """Emoji, pictographs and control or format characters have nothing to say."""
    return "".join(
        ch for ch in text
        if unicodedata.category(ch) not in ("So", "Cc", "Cf", "Cs", "Co", "Sk")
        or ch == " " or ch in _SPOKEN_SYMBOLS
    )


_SPOKEN_SYMBOLS = {ch for symbol in SYMBOLS_EN for ch in symbol}
"""Symbols that :func:`read_symbols` speaks, so emoji removal must keep them."""


def collapse_whitespace(text: str, language: str) -> str:
    text = " ".join(text.split())
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)


_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")


RULES: list[Rule] = [
    drop_emoji_and_controls,
    read_ranges,
    straighten_punctuation,
    speak_urls_and_emails,
    read_phone_numbers,
    read_currency,
    read_percentages,
    read_times,
    read_dates,
    read_slashes_and_ratios,
    read_units,
    expand_abbreviations,
    drop_footnote_markers,
    read_ordinals,
    read_years,
    read_numbers,
    read_symbols,
    pause_for_asides,
    collapse_whitespace,
]
"""Applied in this order by :func:`normalise`; order matters: currency before units (``$5 m``),
units before abbreviations (``1 km`` is one kilometre, a bare ``km`` kilometres) and before
footnote markers (the ``²`` of ``km²``), abbreviations before years (``c. 1900``), footnote
markers before numbers."""


def normalise(text: str, language: str = "en", lexicon: Lexicon | None = None) -> str:
    """Return *text* as it should be handed to a voice engine.

    The *lexicon* goes first, so a team's entries (``COVID-19``, ``IJM``)
    win over the general rules. Returns an empty string when nothing
    speakable is left (a line of emoji).
    """
    if lexicon is not None:
        text = lexicon.apply(text)
    for rule in RULES:
        text = rule(text, language)
    return text if any(ch.isalnum() for ch in text) else ""
