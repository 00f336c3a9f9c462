"""Roman numerals in context: ``siglo XXI``, ``Luis XIV``, ``Karl V.``, ``Papa Francisco I``,
``XXIe siècle``.

A Roman numeral is read only where a reader would take it for one: after a
word that numbers (``siglo``, ``Kapitel``: :attr:`~.words.Words.roman_context`)
or after a capitalised name (a king, a pope). A lone ``C``, ``D``, ``L`` or
``M`` is a letter (``grupo C``, ``vitamina D``), and initialisms such as
``CV`` or ``VIH`` are left alone. How each is said, ordinal or cardinal, is
the language's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...lexicon import alternation
from ..numbers import roman_value
from .words import Words

MAX_REGNAL = 40
"""No king or pope has had a higher number; ``Carlos MI`` is no numeral."""


_NUMERAL = r"[IVXLCDM]{2,}|[IVX]"
_NAME = r"[A-ZÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÄÖÜÇÑ][a-záéíóúàèìòùâêîôûäöüçñß]+"
_REGNAL = re.compile(rf"(?<=\b)({_NAME})\s+({_NUMERAL})(\.?)(?![\w'])")
_ORDINAL_SUFFIX = re.compile(rf"(?<![\w])({_NUMERAL})(e|ème|er|re)(?![\w])")


@lru_cache(maxsize=16)
def _context(words: Words) -> re.Pattern[str]:
    """A Roman numeral after one of the language's numbering words (compiled once per language)."""
    return re.compile(rf"(?i:\b({alternation(words.roman_context)}))\s+({_NUMERAL})(?![\w'])")


def read_roman_numerals(text: str, language: str, words: Words) -> str:
    """``siglo XXI`` -> ``siglo veintiuno``; ``Luis XIV`` -> ``Luis catorce``; ``Karl V.`` -> ``Karl der
    Fünfte``; ``XIXe siècle`` -> ``dix-neuvième siècle``."""
    context = _context(words)

    def after_context(match: re.Match[str]) -> str:
        value = roman_value(match.group(2))
        return f"{match.group(1)} {words.heading_numeral(value)}" if value else match.group(0)

    def after_name(match: re.Match[str]) -> str:
        name, numeral, dot = match.groups()
        value = roman_value(numeral)
        if not value or value > MAX_REGNAL or name.lower() in words.roman_context:
            return match.group(0)
        feminine = name[-1] == "a" or name in words.feminine_names
        spoken = f"{name} {words.regnal(value, feminine)}"
        if dot and words.code != "de":
            spoken += dot  # a German regnal numeral's full stop is its own; elsewhere it ends a sentence
        return spoken

    def with_suffix(match: re.Match[str]) -> str:
        value = roman_value(match.group(1))
        if not value or match.group(2) not in words.ordinal_marks:
            return match.group(0)
        return words.ordinal(value, words.ordinal_marks[match.group(2)])

    text = context.sub(after_context, text)
    text = _ORDINAL_SUFFIX.sub(with_suffix, text)
    return _REGNAL.sub(after_name, text)
