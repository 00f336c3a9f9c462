"""Speech normalisation: make written text speakable by a voice engine.

Each rule is a plain function, text in and text out, applied in order by
:func:`normalise`; the data they use (symbols) is kept apart from the code.
The written text is kept separately for transcripts, so rules may change
wording freely.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

Rule = Callable[[str], str]

SMART_PUNCTUATION = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2013": " - ", "\u2014": " - ", "\u2026": "...", "\u00a0": " ",
}


def straighten_punctuation(text: str) -> str:
    """Smart quotes and dashes to plain ones, which every engine reads alike."""
    return text.translate(str.maketrans(SMART_PUNCTUATION))


def drop_footnote_markers(text: str) -> str:
    """``Francesca*`` -> ``Francesca``; ``text[1]`` -> ``text``; ``word¹`` -> ``word``."""
    text = re.sub(r"(?<=\w)\*+(?=\W|$)", "", text)
    text = re.sub(r"(?<=\w)\[\d{1,3}\]", "", text)
    return re.sub(r"(?<=\w)[\u00b9\u00b2\u00b3\u2070-\u2079]+", "", text)


def drop_emoji_and_controls(text: str) -> str:
    """Emoji, pictographs and control or format characters have nothing to say."""
    return "".join(
        ch for ch in text
        if unicodedata.category(ch) not in ("So", "Cc", "Cf", "Cs", "Co", "Sk") or ch in "\t\n"
    )


def collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


RULES: list[Rule] = [
    straighten_punctuation,
    drop_footnote_markers,
    drop_emoji_and_controls,
    collapse_whitespace,
]
"""Applied in this order by :func:`normalise`."""


def normalise(text: str, language: str = "en") -> str:
    """Return *text* as it should be handed to a voice engine.

    Returns an empty string when nothing speakable is left (a line of emoji).
    """
    for rule in RULES:
        text = rule(text)
    return text if any(ch.isalnum() for ch in text) else ""
