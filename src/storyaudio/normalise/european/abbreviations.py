"""Abbreviations and ordinals written with a mark: ``Sr. García``, ``z. B.``, ``Nr. 5``, ``etc.``;
``2º``, ``2.ª``, ``1re``, ``2e``.

Titles are read only before a capitalised name; short forms that number
(``Nr.``, ``pág.``) only before a number. A full stop that belonged to an
abbreviation and also ended the sentence stays. The sentence splitter
(:func:`storyaudio.script.split_sentences`) asks :func:`never_final` so that
none of them ends a sentence by mistake.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from ...lexicon import alternation
from .words import Words

_CAPITAL = r"[A-ZÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÄÖÜÇÑ]"


@lru_cache(maxsize=16)
def _patterns(words: Words) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
    def compiled(table: Mapping[str, str], tail: str) -> re.Pattern[str] | None:
        keys = list(table)
        return re.compile(rf"(?<![\w.])({alternation(keys)})(?!\w){tail}") if keys else None

    return (compiled(words.titles, rf"(?=\s+{_CAPITAL})"), compiled(words.before_number, r"(?=\s?:?\s?\d)"),
            compiled(words.abbreviations, ""))


def expand_abbreviations(text: str, language: str, words: Words) -> str:
    """``Sr. García`` -> ``señor García``; ``z. B.`` -> ``zum Beispiel``; ``n.º 5`` -> ``número 5``."""
    ended = text.rstrip().endswith(".")
    titles, before_number, anywhere = _patterns(words)
    if titles:
        text = titles.sub(lambda m: words.titles[m.group(1)], text)
    if before_number:
        text = before_number.sub(lambda m: words.before_number[m.group(1)] + " ", text)
    if anywhere:
        text = anywhere.sub(lambda m: words.abbreviations[m.group(1)], text)
    text = re.sub(r"  +", " ", text)
    if ended and not text.rstrip().endswith((".", "!", "?")):
        text = text.rstrip() + "."  # the abbreviation's full stop also ended the sentence
    return text


def never_final(words: Words) -> frozenset[str]:
    """Short forms after which a sentence never ends: titles and those that number."""
    return frozenset(key for key in [*words.titles, *words.before_number] if key.endswith("."))


def maybe_final(words: Words) -> frozenset[str]:
    """Short forms that end a sentence only before a capital letter (``etc.``)."""
    return frozenset(key for key in words.abbreviations if key.endswith("."))


@lru_cache(maxsize=16)
def _ordinal(words: Words) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,])(\d{{1,4}})\.?({alternation(words.ordinal_marks)})(?![\w])")


def read_ordinals(text: str, language: str, words: Words) -> str:
    """``2º`` -> ``segundo``; ``2.ª`` -> ``segunda``; ``1re`` -> ``première``; ``21e`` -> ``vingt et unième``."""
    if not words.ordinal_marks:
        return text
    return _ordinal(words).sub(
        lambda m: words.ordinal(int(m.group(1)), words.ordinal_marks[m.group(2)]), text)
