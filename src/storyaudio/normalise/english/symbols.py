"""Symbols said as words: ``&``, ``+``, ``=``, ``@``, ``#``, ``°``, ``×``, ``~``, and a slash between words."""

from __future__ import annotations

import re

from .tables import SYMBOLS

_AND_OR = re.compile(r"\band/or\b")
_SLASH = re.compile(r"(?<=[^\W\d])/(?=[^\W\d])")


def read_symbols(text: str, language: str) -> str:
    """``&`` -> ``and``, ``25°C`` -> ``25 degrees Celsius``; ``and/or`` -> ``and or``."""
    text = _AND_OR.sub("and or", text)
    text = _SLASH.sub(" or ", text)
    for symbol, word in SYMBOLS.items():
        text = text.replace(symbol, f" {word} ")
    return text
