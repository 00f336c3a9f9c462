"""Rules that Spanish, French, German, Italian and Portuguese share, each read with a language's :class:`Words`.

These languages write ``1.500,25`` (or ``1 500,25``) and say dates, times,
money and measures from the same parts in their own order and grammar. The
rules here find the parts; each language's folder (:mod:`..spanish`,
:mod:`..french`, :mod:`..german`, :mod:`..italian`, :mod:`..portuguese`)
holds its words and grammar, and its rule list is :func:`rules` of them, with
any rules of its own (German's dotted ordinals and years).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

from ..common import (
    collapse_whitespace,
    drop_emoji_and_controls,
    drop_footnote_markers,
    pause_for_asides,
    speak_urls_and_emails,
    straighten_punctuation,
)
from ..words import AMPERSAND
from .abbreviations import expand_abbreviations, maybe_final, never_final, read_ordinals
from .dates import read_numeric_dates, read_times, read_written_dates
from .money import read_money
from .numbers import read_numbers
from .roman import read_roman_numerals
from .telephone import read_phone_numbers
from .units import read_fractions, read_percentages, read_ranges, read_units
from .words import Currency, Unit, Words

Rule = Callable[[str, str], str]

__all__ = ["Currency", "Rule", "Unit", "Words", "maybe_final", "never_final", "rules"]


_TIMES = re.compile(r"(?<=\d) ?[x×] ?(?=\d)")


def read_signs(text: str, language: str, words: Words) -> str:
    """``Smith & Hijos`` -> ``Smith y Hijos``; ``3 x 2`` -> ``3 por 2``, between two numbers only."""
    text = _TIMES.sub(f" {words.times_word} ", text)
    return re.sub(r"\s?&\s?", f" {AMPERSAND[words.code]} ", text)


def rules(words: Words, own: Sequence[Rule] = ()) -> list[Rule]:
    """The rule list for the language of *words*, the more specific shape first: addresses before
    anything reads their dots, abbreviations before the numbers they number, numeric dates before
    telephone numbers, times and dates before money, units and ranges, and numbers last. *own* are
    the language's own rules (German's dotted ordinals and years), run after the shared dates."""

    def bound(*shared: Callable[..., str]) -> list[Rule]:
        return [partial(rule, words=words) for rule in shared]

    return [
        drop_emoji_and_controls, speak_urls_and_emails, straighten_punctuation,
        *bound(expand_abbreviations, read_numeric_dates, read_phone_numbers, read_times, read_written_dates),
        *own,
        *bound(read_signs, read_roman_numerals, read_money, read_percentages, read_units, read_fractions, read_ranges,
               read_ordinals, read_numbers),
        drop_footnote_markers, pause_for_asides, collapse_whitespace,
    ]
