"""Abbreviations: titles before names, Latin and business short forms, and the ones that depend
on their neighbours (``St. Mary's`` is Saint, ``Elm St.`` Street; ``Dr. Amina`` Doctor,
``Mill Dr.`` Drive).

A full stop that belonged to an abbreviation and also ended the sentence
stays; so does one before a capitalised word that starts the next sentence.
The sentence splitter (:mod:`storyaudio.script`) knows the same tables, so
none of these ends a sentence by mistake.
"""

from __future__ import annotations

import re

from ...lexicon import alternation
from ..numbers import say_digits
from .tables import ABBREVIATIONS, BEFORE_NUMBER, BEFORE_YEAR, MAYBE_FINAL, STREET_WORDS, TITLES

UNDOTTED_TITLES = ("Mr", "Mrs", "Ms", "Prof", "Cllr", "Insp", "Supt", "Det", "Sgt", "Capt", "Lt", "Rev", "Fr",
                   "Messrs", "Mme", "Mlle")
"""Titles British style writes without a full stop; read only before a capitalised name."""

_TITLE = re.compile(r"(?<![\w.])(" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")(\.?)(?=\s+[A-Z])")
_STREET_WORD = re.compile(r"(?<![\w.])(St|Dr)(\.?)(?=\s|$|[,;:)!?])")
_PREVIOUS_WORD = re.compile(r"(\S+)\s+$")
_NEXT_CAPITAL = re.compile(r"\s+[A-Z]")
_LONG_NUMBER = re.compile(r"(?<![\w.])(No\.|no\.|number)\s?(\d{5,})(?![\d,])")
_BEFORE_NUMBER = re.compile(r"(?<![\w.])(" + alternation(BEFORE_NUMBER) + r")\s?"
                            r"(?=\d|[IVXLCDM]+\b|[ivxlcdm]+\b(?!\.))")  # "p.m." is no page
_BEFORE_YEAR = re.compile(r"(?<![\w.])(" + alternation(BEFORE_YEAR) + r")\s?(?=(?:c\.\s?)?\d{3,4}\b)")
_CIRCA = re.compile(r"(?<![\w.])[cC]a?\.\s?(?=\d)")
_TABLE = re.compile(r"(?<![\w.])(" + alternation([*ABBREVIATIONS, "Rt. Hon.", "Rt Hon", "Hon."]) + r")(?!\w)")
_EXTRA = {"Rt. Hon.": "Right Honourable", "Rt Hon": "Right Honourable", "Hon.": "Honourable"}
_DOTTED_LETTERS = re.compile(r"(?<![\w.])((?:[A-Z][a-z]?\.){2,})(?=[\s,;:!?)]|$)")
_EDITION = re.compile(r"(?<=\d(?:st|nd|rd|th)) ed\.(?=\s|$)")
_ANNO_DOMINI = re.compile(r"(?<![\w.])AD(?=\s+\d)|(?<=\d )AD\b\.?")
_COMMON_ERA = re.compile(r"(?<=\d )(B?CE)\b\.?")


def expand_abbreviations(text: str, language: str) -> str:
    """``Cllr. Jones`` -> ``Councillor Jones``; ``e.g.`` -> ``for example``; ``pp. 10`` -> ``pages 10``;
    ``Ltd.`` -> ``Limited``; ``St.`` and ``Dr.`` by their neighbours."""
    ended = text.rstrip().endswith(".")
    text = _STREET_WORD.sub(_street_word, text)
    text = _TITLE.sub(_title, text)
    text = _LONG_NUMBER.sub(lambda m: f"number {say_digits(m.group(2))}", text)
    text = _BEFORE_NUMBER.sub(_before_number, text)
    text = _BEFORE_YEAR.sub(lambda m: BEFORE_YEAR[m.group(1)] + " ", text)
    text = _CIRCA.sub("circa ", text)
    text = _TABLE.sub(_table, text)
    text = _DOTTED_LETTERS.sub(_dotted_letters, text)
    text = _EDITION.sub(" edition", text)
    text = _ANNO_DOMINI.sub("A.D.", text)
    text = _COMMON_ERA.sub(lambda m: " ".join(m.group(1)), text)  # espeak says "CE" as "see"
    if ended and not text.rstrip().endswith((".", "!", "?")):
        text = text.rstrip() + "."  # the abbreviation's full stop also ended the sentence
    return text


def _dotted_letters(match: re.Match[str]) -> str:
    """``Ph.D.`` and ``B.Sc.`` -> ``P H D``, ``B S C``: espeak reads the full stop inside mixed-case
    initials as "dot". All-capital ones (``U.S.``, ``B.A.``) it reads well: they stay."""
    written = match.group(1)
    if written.upper() == written:
        return written
    letters = " ".join(letter.upper() for letter in written.replace(".", ""))
    return letters + ("." if _NEXT_CAPITAL.match(match.string[match.end():]) else "")


def _keep_stop(match: re.Match[str], written: str) -> str:
    """The full stop of an abbreviation that may end a sentence, when the next sentence begins."""
    after = match.string[match.end():]
    return "." if written in MAYBE_FINAL and _NEXT_CAPITAL.match(after) else ""


def _street_word(match: re.Match[str]) -> str:
    """``St``/``Dr`` after a capitalised word that is no sentence start: a street; else a title before
    a capitalised name; else a street."""
    word, stop = match.groups()
    title, street = STREET_WORDS[word]
    before = match.string[max(0, match.start() - 80):match.start()]  # a bounded look back
    previous = _PREVIOUS_WORD.search(before)
    after_name = False
    if previous:
        earlier = before[:previous.start()].rstrip()
        name = previous.group(1)
        after_name = name[0].isupper() and name.isalpha() and bool(earlier) and not earlier.endswith((".", "!", "?"))
    if after_name:
        return street + _keep_stop(match, f"{word}.") if stop else street
    if _NEXT_CAPITAL.match(match.string[match.end():]):
        return title
    return street if stop else match.group(0)  # "a Dr of Law": the voice says "Dr" as doctor


def _title(match: re.Match[str]) -> str:
    title, stop = match.groups()
    if not stop and title not in UNDOTTED_TITLES:
        return match.group(0)
    return TITLES[title]


_RANGE_AHEAD = re.compile(r"[0-9]+\s?[-\u2013]\s?[0-9]")


def _before_number(match: re.Match[str]) -> str:
    one, many = BEFORE_NUMBER[match.group(1)]
    return f"{many if _RANGE_AHEAD.match(match.string, match.end()) else one} "


def _table(match: re.Match[str]) -> str:
    written = match.group(1)
    spoken = _EXTRA.get(written) or ABBREVIATIONS[written]
    return spoken + (_keep_stop(match, written) if written.endswith(".") else "")
