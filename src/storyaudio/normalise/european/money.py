"""Money with its symbol before or after: ``3,50 €``, ``€ 0,01``, ``R$ 10``, ``12 $``, ``20 EUR``.

The whole units agree with the currency's gender (``una libra``), cents are
said with the currency's own small unit (céntimos, centimes, Cent), and a
round million takes the language's "of" (``un millón de euros``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...lexicon import alternation
from .numbers import MAX_SAID_DIGITS, cardinal, say_number, split_number, unsigned_pattern
from .words import Currency, Words

SCALES = ("mil millones", "millones", "millón", "millardos", "milliards", "milliard", "millions", "million",
          "Milliarden", "Milliarde", "Millionen", "Million", "miliardi", "miliardo", "milioni",
          "milione", "bilhões", "bilhão", "milhões", "milhão", "mil")
"""Scale words between a number and its currency (``3,5 millones de €``, ``5 Mio. Euro``)."""


@lru_cache(maxsize=32)
def _money(words: Words, number: str) -> re.Pattern[str]:
    """Money in the language of *words*: its symbols and codes before or after a number (compiled once)."""
    symbols = alternation([symbol for symbol in words.currencies if not symbol[0].isalpha() or symbol.isupper()])
    scales = alternation(SCALES)
    return re.compile(
        rf"(?<![\w.,])(?:(?P<before>{symbols})\s?(?P<n1>{number})(?:\s(?P<s1>{scales}))?"
        rf"|(?P<n2>{number})(?:\s(?P<s2>{scales}))?(?:\s(?:de|d'|di)\s?|\s?)(?P<after>{symbols}))(?![\w])")


def read_money(text: str, language: str, words: Words) -> str:
    """``3,50 €`` -> ``tres euros con cincuenta céntimos``; ``R$ 10`` -> ``dez reais``;
    ``2,5 millones €`` -> ``dos coma cinco millones de euros``."""
    found = _money(words, unsigned_pattern(language, words))

    def replace(match: re.Match[str]) -> str:
        currency = words.currencies[match.group("before") or match.group("after")]
        written = match.group("n1") or match.group("n2")
        scale = match.group("s1") or match.group("s2")
        if scale:
            return _with_scale(written, scale, currency, language, words)
        return say_amount(written, currency, language, words)

    return found.sub(replace, text)


def say_amount(written: str, currency: Currency, language: str, words: Words) -> str:
    """``"3,50"`` euros -> ``tres euros con cincuenta céntimos``; ``"0,01"`` -> ``un céntimo``."""
    _, whole, fraction, _ = split_number(written, language, words)
    if len(whole) > MAX_SAID_DIGITS:
        return f"{say_number(written, language, words)} {currency.many}"
    units = int(whole or "0")
    cents = int((fraction or "0")[:2].ljust(2, "0")) if fraction else 0
    parts = []
    if units or not cents:
        said = cardinal(units, words)
        name = currency.one if units == 1 else currency.many
        said = words.feminine(said) if currency.feminine else words.agree(said, name)
        if _ROUND_MILLION.search(said):
            return f"{said} {of(currency.many, words)}"
        parts.append(f"{said} {name}")
    if cents:
        said = words.agree(cardinal(cents, words), currency.cents)
        parts.append(f"{said} {currency.cent if cents == 1 else currency.cents}")
    return f" {words.and_word} ".join(parts)


_ROUND_MILLION = re.compile(r"(?:millón|millones|millions?|milion[ei]|milhão|milhões|Millionen|Million)$")


def of(noun: str, words: Words) -> str:
    """*noun* after a scale word: ``de euros``, ``d'euros``, ``di euro``; German joins none (``Millionen Euro``)."""
    if not words.scale_of:
        return noun
    if words.scale_of.endswith("'"):
        return f"{words.scale_of}{noun}" if noun[:1].lower() in "aeiouéh" else f"de {noun}"
    return f"{words.scale_of} {noun}"


def _with_scale(written: str, scale: str, currency: Currency, language: str, words: Words) -> str:
    said = say_number(written, language, words, after=scale)
    return f"{said} {scale} {of(currency.many, words)}"
