"""What the words around an amount say about it: the checks that rules share."""

from __future__ import annotations

import re

from .tables import NOT_A_NOUN

_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:a|an|the|A|An|The)\s+$")
_NEXT_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'-]*)")


def next_word(text: str, position: int) -> str:
    """The word that starts at *position* after optional spaces (``""`` when none does)."""
    match = _NEXT_WORD.match(text, position)
    return match.group(1) if match else ""


def is_attributive(text: str, start: int, end: int) -> bool:
    """True when the amount at ``text[start:end]`` qualifies the noun after it, as in
    ``a 10 km walk`` or ``the £2.5bn plan``: an article before it, and a lower-case word
    after it that is not a preposition, adverb or verb (:data:`~.tables.NOT_A_NOUN`)."""
    if not _ARTICLE_BEFORE.search(text[max(0, start - 5):start]):
        return False
    if end < len(text) and not text[end].isspace():
        return False
    word = next_word(text, end)
    return bool(word) and word[0].islower() and word.lower() not in NOT_A_NOUN
