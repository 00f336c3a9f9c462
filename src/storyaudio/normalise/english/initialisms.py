"""Initialisms: a token in capitals is read letter by letter unless people say it as a word.

espeak reads an unknown capitalised token as a word when it can (``FKUB`` becomes
"fkub", ``HMAS`` "hmas"), so a made-up word reaches the listener. The rule
decides as a reader does: a known word-acronym (``NATO``, ``UNICEF``:
:data:`~.tables.WORD_ACRONYMS`) or a longer token that can be said as an
English syllable chain (``ANZAC``, ``DEFRA``) stays a word; a common word
written in capitals for emphasis (``I said NO``) stays; everything else is
spelled (``F K U B``), with plurals and possessives (``NGOs`` -> ``N G O's``)
and mixed-case forms (``PhD``, ``iOS``). Three words in capitals in a
row are a headline or a shout and are left as written.
"""

from __future__ import annotations

import re

from .tables import SMALL_WORDS, WORD_ACRONYMS

_CAPITALS = re.compile(r"(?<![\w.'’&-])([A-Z]{2,7})(s|['’]s)?(?![\w'’&-]|\.\w)")
_MIXED = re.compile(r"(?<![\w.'’-])((?=[A-Za-z]*[A-Z][A-Za-z]*[A-Z])(?=[A-Za-z]*[a-z])[A-Za-z]{2,4})(?![\w'’-])")
_MIXED_WORDS = frozenset({"McD", "MacD"})
_JOINED_BY_AMPERSAND = re.compile(r"\b([A-Z]{1,3})&([A-Z]{1,3})\b")
"""``AT&T``, ``M&S``, ``P&O``: letter by letter either side of "and"."""
_SHOUT = re.compile(r"\b[A-Z]{2,}(?:[ '’][A-Z]+){2,}\b")
"""Three or more words in capitals in a row (``WHO GOES THERE``): a headline or a shout, said as words."""

_ONSET = ("B", "BL", "BR", "C", "CH", "CL", "CR", "D", "DR", "F", "FL", "FR", "G", "GL", "GR", "H", "J", "K", "L",
          "M", "N", "P", "PH", "PL", "PR", "Q", "R", "S", "SC", "SCH", "SH", "SK", "SL", "SM", "SN", "SP", "SPR", "ST",
          "STR", "SW", "T", "TH", "TR", "TW", "V", "W", "WH", "Y", "Z")
_CODA = ("B", "CK", "CT", "D", "DS", "F", "FT", "G", "GS", "K", "L", "LD", "LF", "LK", "LL", "LM", "LP", "LT",
         "M", "MP", "MS", "N", "ND", "NG", "NK", "NS", "NT", "NZ", "P", "PS", "PT", "R", "RB", "RD", "RK", "RM", "RN",
         "RS", "RT", "S", "SK", "SP", "SS", "ST", "T", "TS", "X", "Z")
_SYLLABLES = re.compile(
    rf"^(?:{'|'.join(_ONSET)})?(?:[AEIOUY]{{1,2}}(?:[BCDFGHJKLMNPQRSTVWXZ]{{1,2}}(?=[AEIOUY])))*"
    rf"[AEIOUY]{{1,2}}(?:{'|'.join(_CODA)})?$")


def said_as_a_word(token: str) -> bool:
    """True for an initialism people say as a word: a known one, or four letters or more that make
    English syllables (``ANZAC``); ``FKUB``, ``AISG`` and ``HMAS`` do not."""
    if token in WORD_ACRONYMS or token in SMALL_WORDS:
        return True
    return len(token) >= 4 and not re.match(r"Y[^AEIOU]", token) and bool(_SYLLABLES.match(token))


def spelled(token: str) -> str:
    return " ".join(token)


def read_initialisms(text: str, language: str) -> str:
    """``The FKUB met`` -> ``The F K U B met``; ``NGOs`` -> ``N G O's``; ``the NHS's plan`` -> ``the
    N H S's plan``; ``PhD`` -> ``P h D``; ``NATO``, ``UNICEF`` and ``I said NO`` stay as written."""
    shouts = [match.span() for match in _SHOUT.finditer(text)]

    def initialism(match: re.Match[str]) -> str:
        token, ending = match.groups()
        if said_as_a_word(token) or any(start <= match.start() < end for start, end in shouts):
            return match.group(0)
        return spelled(token) + ("'s" if ending else "")

    def mixed(match: re.Match[str]) -> str:
        token = match.group(1)
        return match.group(0) if token in _MIXED_WORDS else spelled(token)

    text = _JOINED_BY_AMPERSAND.sub(lambda m: f"{spelled(m.group(1))} and {spelled(m.group(2))}", text)
    return _MIXED.sub(mixed, _CAPITALS.sub(initialism, text))
