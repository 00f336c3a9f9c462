"""Units and measures: ``5 km``, ``1 kg``, ``20 lbs``, ``6ft 2in``, ``5'11"``, ``40 km/h``, ``2 TB``,
``a 10 km walk`` (singular, as an adjective), ``$20/mo`` and ``£3/kg`` (a slash meaning "per"),
spelled as the locale spells them (metres, meters: they sound the same)."""

from __future__ import annotations

import re

from ...lexicon import alternation
from ..numbers import is_us_style, number_words
from .context import is_attributive
from .tables import BARE_UNITS, PER, PER_UNIT, UNITS, US_SPELLING

_UNIT = re.compile(
    r"(?<![\w.])(-?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?)(" + alternation(UNITS) + r")(?![\w²/])(\.(?=\s+[a-z]))?"
)
_AFTER_SCALE = re.compile(r"\b(thousand |million |billion |hundred )(" + alternation(UNITS) + r")(?![\w²/])")
_FEET_INCHES = re.compile(r"(?<![\w.])(\d{1,2})\s?(?:'|′|ft\.?)\s?(\d{1,2})\s?(?:\"|″|in\b\.?)")
_FEET = re.compile(r"(?<![\w.'])(\d{1,2})(?:'|′)(?=[\s.,;:!?]|$)")
_PER = re.compile(r"(\b(?:dollars?|pounds?|euros?|pence|penny|cents?|yen|rupees?)|\d)\s?/\s?("
                  + "|".join(sorted(PER, key=len, reverse=True)) + r")\b")
_WORD_PER_NUMBER = re.compile(r"(?<=[a-z]{3})\s?/\s?(?=\d)")
_WORD_PER_TIME = re.compile(r"(?<=[a-z]{2})/(?=(?:day|night|week|wk|month|mo|year|yr|person|head|capita)\b)")
_UNIT_PER_UNIT = re.compile(r"(?<=\d)\s?(" + alternation(UNITS) + r")\s?/\s?(" + alternation([*UNITS, *PER_UNIT])
                            + r")(?![\w²/])")
_NUMBER_PER_UNIT = re.compile(r"(?<=\d)\s?/\s?(" + alternation([*UNITS, *PER_UNIT]) + r")(?![\w²/])")
_WEATHER_DEGREES = re.compile(r"(?<![\w.])(-?)(\d{1,3})([CF])\b(?![\w'’-])")
_WEATHER_WORDS = re.compile(r"temperature|heat|hot|cold|warm|cool|freez|degree|thermometer|weather|forecast|"
                            r"celsius|fahrenheit|high of|low of|summer|winter", re.IGNORECASE)
_BARE = re.compile(r"(?<![\w.])(" + "|".join(BARE_UNITS) + r")(?![\w²/])")
_SPELLING = re.compile(r"(" + "|".join(US_SPELLING) + r")")


def spelled(words: str, language: str) -> str:
    """*words* as the locale spells them (``kilometres`` -> ``kilometers`` in American English)."""
    return _SPELLING.sub(lambda m: US_SPELLING[m.group(1)], words) if is_us_style(language) else words


def read_units(text: str, language: str) -> str:
    """``5 km`` -> ``five kilometres``, ``1 kg`` -> ``one kilogram``, ``-3°C`` -> ``minus three degrees
    Celsius``, ``a 10 km walk`` -> ``a ten kilometre walk``; ``5 m`` is metres but ``5m`` is left to
    :func:`~.numbers.read_scaled_numbers`, and ``in`` is inches only without a space (``12in``)."""

    def replace(match: re.Match[str]) -> str:
        minus, whole, fraction, space, unit, _stop = match.groups()
        if (unit == "m" and not space) or (unit == "in" and space):
            return match.group(0)
        one, many = UNITS[unit]
        singular = (whole == "1" and not fraction) or is_attributive(match.string, match.start(), match.end())
        words = number_words(whole + (fraction or ""), language)
        return spelled(f"{'minus ' if minus else ''}{words} {one if singular else many}", language)

    def after_scale(match: re.Match[str]) -> str:
        scale, unit = match.groups()
        if unit in ("m", "in"):
            return match.group(0)
        return scale + spelled(UNITS[unit][1], language)

    text = _UNIT.sub(replace, text)
    return _AFTER_SCALE.sub(after_scale, text)


def read_weather_degrees(text: str, language: str) -> str:
    """``40C`` -> ``forty degrees Celsius``, in a sentence about the weather (``Flat 7C`` is no
    temperature): news copy often leaves out the degree sign."""
    if not _WEATHER_WORDS.search(text):
        return text

    def replace(match: re.Match[str]) -> str:
        minus, degrees, scale = match.groups()
        unit = "Celsius" if scale == "C" else "Fahrenheit"
        plural = "" if degrees == "1" else "s"
        return f"{'minus ' if minus else ''}{number_words(degrees, language)} degree{plural} {unit}"

    return _WEATHER_DEGREES.sub(replace, text)


def read_feet_and_inches(text: str, language: str) -> str:
    """``5'11"`` and ``6ft 2in`` -> ``five feet eleven inches``; ``6'`` -> ``six feet``."""

    def feet_inches(match: re.Match[str]) -> str:
        feet, inches = match.groups()
        return (f"{number_words(feet, language)} {'foot' if feet == '1' else 'feet'} "
                f"{number_words(inches, language)} {'inch' if inches == '1' else 'inches'}")

    text = _FEET_INCHES.sub(feet_inches, text)
    return _FEET.sub(lambda m: f"{number_words(m.group(1), language)} {'foot' if m.group(1) == '1' else 'feet'}",
                     text)


def read_per(text: str, language: str) -> str:
    """``twenty dollars/mo`` -> ``twenty dollars a month``; ``£3/kg`` -> ``... per kilogram``: a slash
    after an amount means "per" (run after money, before slashes between words become "or"). After a
    bare number it is always "per" and the unit's name: ``579.2/km²`` -> ``579.2 per square kilometre``,
    ``10/day`` -> ``10 per day``."""
    text = _UNIT_PER_UNIT.sub(lambda m: f" {spelled(UNITS[m.group(1)][1], language)} per "
                                        f"{spelled(_unit_name(m.group(2)), language)}", text)  # ``800 mm/yr``
    text = _NUMBER_PER_UNIT.sub(lambda m: f" per {spelled(_unit_name(m.group(1)), language)}", text)
    text = _WORD_PER_NUMBER.sub(" per ", text)  # ``3 cases/100,000``
    text = _PER.sub(lambda m: f"{m.group(1)} {spelled(PER[m.group(2)], language)}", text)
    return _WORD_PER_TIME.sub(" per ", text)  # ``2 meals/day``


def _unit_name(symbol: str) -> str:
    return UNITS[symbol][0] if symbol in UNITS else PER_UNIT[symbol]


def read_bare_units(text: str, language: str) -> str:
    """``km`` with no number -> ``kilometres`` (``prices per kg``)."""
    return _BARE.sub(lambda m: spelled(BARE_UNITS[m.group(1)], language), text)
