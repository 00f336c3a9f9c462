"""Money as news and charity copy writes it: ``$1,200``, ``£2.50``, ``$0.02``, ``£2.5bn``, ``US$5``,
``99p``, ``50c``, and ``a £20 gift`` (said "a twenty pound gift", as an adjective)."""

from __future__ import annotations

import re

from ..numbers import number_words
from .context import is_attributive
from .tables import CURRENCIES, DOLLAR_COUNTRIES, MINOR_UNITS, SCALE_ABBREVIATIONS, SCALES

_CURRENCY = re.compile(
    r"(?<![A-Za-z])(?:(" + "|".join(DOLLAR_COUNTRIES) + r")(?=\$))?([$£€¥₹])\s?(\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\.(\d+))?(?:\s?(" + SCALES + "|" + "|".join(sorted(SCALE_ABBREVIATIONS, key=len, reverse=True))
    + r")\b)?"
)
_MINOR = re.compile(r"(?<![\w.$£€,])(\d{1,3})(p|c)(?![\w%])")


def read_currency(text: str, language: str) -> str:
    """``$1,200`` -> ``one thousand two hundred dollars``; ``£2.50`` -> ``two pounds fifty pence``;
    ``$0.02`` -> ``two cents``; ``$2.5bn`` -> ``two point five billion dollars``; ``US$5`` ->
    ``five US dollars``; ``a $5m fund`` -> ``a five million dollar fund``; ``99p`` -> ``ninety-nine pence``."""

    def replace(match: re.Match[str]) -> str:
        country, symbol, whole, cents, scale = match.groups()
        if len(whole) + len(cents or "") > 24:
            return match.group(0)  # no amount of money is that long: leave the digits
        one, many, sub_one, sub_many = CURRENCIES[symbol]
        if country:
            one, many = f"{DOLLAR_COUNTRIES[country]} {one}", f"{DOLLAR_COUNTRIES[country]} {many}"
        adjective = is_attributive(match.string, match.start(), match.end())
        if scale or (cents and len(cents) > 2):  # $1.2 million -> one point two million dollars
            amount = number_words(whole + (f".{cents}" if cents else ""), language)
            unit = one if adjective else many
            return " ".join([amount, SCALE_ABBREVIATIONS.get(scale, scale), unit] if scale else [amount, unit])
        value = int(whole.replace(",", ""))
        minor = int(cents.ljust(2, "0")) if cents else 0
        minor_words = f"{number_words(str(minor), language)} {sub_one if minor == 1 else sub_many}"
        if value == 0 and minor and sub_one:
            return minor_words  # $0.02 -> two cents
        spoken = f"{number_words(whole, language)} {one if value == 1 or (adjective and not minor) else many}"
        if minor and sub_one:
            spoken += f" {minor_words}"
        return spoken

    def minor(match: re.Match[str]) -> str:
        amount, unit = match.groups()
        one, many = MINOR_UNITS[unit]
        return f"{number_words(amount, language)} {one if amount == '1' else many}"

    return _MINOR.sub(minor, _CURRENCY.sub(replace, text))
