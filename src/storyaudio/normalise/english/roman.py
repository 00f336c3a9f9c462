"""Roman numerals: ``CHAPTER XIV``, ``Henry VIII``, ``World War II``, while the pronoun ``I``,
``Plan B`` and ``Malcolm X`` stay as they are.

A numeral is read only where its neighbours say it is one: after a word that
numbers things (``Chapter``, ``Part``, ``Act``, ``Type``), after a name that
monarchs and popes share (then as an ordinal, "Henry the Eighth"), after any
other capitalised word when it is two or more of I, V and X (``Rocky II``,
``Apollo XI``), or as a heading all by itself (``XIV.``). Elsewhere a capital
letter is a letter or a word.
"""

from __future__ import annotations

import re

from ..numbers import number_words, roman_value
from .tables import GIVEN_NAMES, NOT_A_NOUN, NUMBERED_WORDS, PRONOUNS, REGNAL_NAMES

_WORLD_WAR = re.compile(r"\bWW\s?(I{1,2}|[12])\b")
_POSSESSIVE = r"(?=['’]s\b|(?![\w'’]))"
"""A numeral ends before a possessive (``Henry VIII's wives``) or where its word does."""
_NUMBERED = re.compile(r"\b(" + "|".join(sorted(NUMBERED_WORDS, key=len, reverse=True)) + r")(\.?\s+)"
                       r"([IVXLCDM]+|[ivxlcdm]+)" + _POSSESSIVE, re.IGNORECASE)
_REGNAL = re.compile(r"\b(" + "|".join(sorted(REGNAL_NAMES)) + r")\s+([IVXLC]+)" + _POSSESSIVE)
_FULL_NAME = re.compile(r"\b((?:[A-Z][a-z]+\s+){2,})([IVX]{1,5})(?=['’]s\b|(?![\w'’-]))")
"""A numeral after a name of two words or more that starts with a given name is a person's
(``John Jacob Astor IV``: the Fourth); after any other (``Final Fantasy VII``), a number."""
_AFTER_CAPITAL = re.compile(r"\b([A-Z][a-z]+\s+)([IVX]{2,})(?=['’]s\b|(?![\w'’-]))")
_ALONE = re.compile(r"^\s*([IVX]|[IVXLCDM]{2,})(?=[.:]?\s*$|[.:]\s+(?:A\s|[A-Z][a-z]|[A-Z]{2}))")
_ORDINAL_SUFFIX = re.compile(r"\b([IVXLCDM]{2,})(th|st|nd|rd)\b")


def _ordinal(value: int, language: str) -> str:
    """``8`` -> ``Eighth``: capitalised, as part of a name."""
    words = number_words(str(value), language, to="ordinal")
    return "-".join(part[:1].upper() + part[1:] for part in words.split("-"))


def read_roman_numerals(text: str, language: str) -> str:
    """``Chapter XIV`` -> ``Chapter fourteen``; ``Henry VIII`` -> ``Henry the Eighth``;
    ``WWII`` -> ``World War two``; ``Rocky II`` -> ``Rocky two``; a heading ``XIV.`` -> ``fourteen.``;
    ``XIXth`` -> ``nineteenth``."""

    def world_war(match: re.Match[str]) -> str:
        numeral = match.group(1)
        return f"World War {number_words(numeral if numeral.isdigit() else str(len(numeral)), language)}"

    def numbered(match: re.Match[str]) -> str:
        word, space, numeral = match.groups()
        value = roman_value(numeral)
        one_letter = len(numeral) == 1
        if value is None or (one_letter and (numeral not in "IVX" or (numeral == "I" and not word[0].isupper()))):
            return match.group(0)  # "Part D", and "in class I learned"
        return f"{word}{space}{number_words(str(value), language)}"

    def regnal(match: re.Match[str]) -> str:
        name, numeral = match.groups()
        value = roman_value(numeral)
        return match.group(0) if value is None else f"{name} the {_ordinal(value, language)}"

    def after_capital(match: re.Match[str]) -> str:
        rest, numeral = match.groups()
        value = roman_value(numeral)
        if value is None or value > 39 or rest.strip().lower() in NOT_A_NOUN | PRONOUNS:
            return match.group(0)  # "The IV drip", "In II cases"
        return f"{rest}{number_words(str(value), language)}"

    def after_capital_in(match: re.Match[str]) -> str:
        name, numeral = match.groups()
        *before, last = name.split()
        found = _AFTER_CAPITAL.match(f"{last} {numeral}")
        said = after_capital(found) if found else f"{last} {numeral}"
        return " ".join([*before, said])

    def full_name(match: re.Match[str]) -> str:
        name, numeral = match.groups()
        value = roman_value(numeral)
        if value is None or value > 39 or name.split()[0] not in GIVEN_NAMES:
            return after_capital_in(match)
        return f"{name}the {_ordinal(value, language)}"

    def alone(match: re.Match[str]) -> str:
        value = roman_value(match.group(1))
        return match.group(0) if value is None else match.group(0).replace(
            match.group(1), number_words(str(value), language))

    def ordinal_suffix(match: re.Match[str]) -> str:
        value = roman_value(match.group(1))
        return match.group(0) if value is None else number_words(str(value), language, to="ordinal")

    text = _WORLD_WAR.sub(world_war, text)
    text = _ORDINAL_SUFFIX.sub(ordinal_suffix, text)
    text = _REGNAL.sub(regnal, text)
    text = _NUMBERED.sub(numbered, text)
    text = _FULL_NAME.sub(full_name, text)
    text = _AFTER_CAPITAL.sub(after_capital, text)
    return _ALONE.sub(alone, text)
