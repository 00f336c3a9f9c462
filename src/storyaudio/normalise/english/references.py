"""News and reference copy: identifiers, citations, handles and hashtags.

Identifiers are read as people read them, never as huge numbers: ``ISBN
0440213231`` digit by digit, ``BA249`` "B A two four nine", ``Highway 401``
"four oh one", ``221B`` "two twenty-one B", ``SW1A 1AA`` letter by letter,
``v2.3.1`` "version two point three point one", a long run of digits
digit by digit, and the short code of an appeal (``text WARM to 70085``)
digit by digit. Citations say what their short forms stand for
(``vol 59``, ``ed.``, ``eds.``), titles written in lower case are expanded
before a name (``mr Smith``, ``st Albans``), and ``#Selfie`` is a hashtag.
"""

from __future__ import annotations

import re

from ..numbers import ENGLISH_DIGITS, number_words
from .tables import GREEK_LETTERS

_STANDARD_NUMBER = re.compile(r"\b(ISBN|ISSN)(?:-1[03])?:?\s*((?:[\dX][\s-]?){7,16}[\dX])\b")
_VERSION = re.compile(r"(?<![\w.])(?:v|V|version |Version )(\d+(?:\.\d+){1,3})(?![\w.]|\.\d)")
_FLIGHT = re.compile(r"(?<![\w-])([A-Z]{2})(\d{3,4})(?![\w-])")
_ROUTE = re.compile(r"\b(Highway|Route|Interstate|Flight|flight|highway|route|Bus|bus|Train|train) (\d{3,4})\b"
                    r"(?![.,]\d)")
_HOUSE = re.compile(r"(?<![\w.,-])(\d{3})([A-Z])\b")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) (\d[A-Z]{2})\b")
_LONG_DIGITS = re.compile(r"(?<![\w.,$£€-])(\d{7,})(?![\w]|[.,]\d)")
_SHORT_CODE = re.compile(r"\b((?:[Tt]ext|TEXT|[Ss]ms|SMS)\s+(?:the word\s+)?[A-Z0-9]+\s+to\s+)(\d{4,6})\b")
_HASHTAG = re.compile(r"(?<![\w&])#(?=[A-Za-z])")
_LOWER_TITLES = re.compile(r"\b(mr|mrs|ms|dr|st|mt|cpl|sgt|capt|lt|gen|col|prof|rev)\.?(?= [A-Z])")
_AFTER_NAME = re.compile(r"(?<=[a-z]),? (sr|jr|Sr|Jr)\b\.?")
_VOLUME = re.compile(r"\b(vol|vols|Vol|Vols)\.? ?(?=\d)")
_EDITORS = re.compile(r"(?<![\w.])(eds?)\.(?=[\s,);]|$)")
LOWER_TITLES = {"mr": "mister", "mrs": "missus", "ms": "miz", "dr": "doctor", "st": "saint", "mt": "mount",
                "cpl": "corporal", "sgt": "sergeant", "capt": "captain", "lt": "lieutenant", "gen": "general",
                "col": "colonel", "prof": "professor", "rev": "reverend"}


def digits(text: str) -> str:
    """``"0440"`` -> ``"zero four four zero"``: each digit (and an ``X`` check digit) said alone, zero as
    "zero" (telephone numbers keep the "oh" people say in them)."""
    return " ".join("X" if ch in "Xx" else ENGLISH_DIGITS[int(ch)] for ch in text if ch.isdigit() or ch in "Xx")


def read_identifiers(text: str, language: str) -> str:
    """ISBNs, versions, flights, routes, house numbers, postcodes, long digit runs and short codes."""
    text = _STANDARD_NUMBER.sub(lambda m: f"{' '.join(m.group(1))} "
                                f"{', '.join(digits(part) for part in re.split(r'[ -]', m.group(2)) if part)}", text)
    text = _VERSION.sub(lambda m: "version " + " point ".join(number_words(part, language)
                                                              for part in m.group(1).split(".")), text)
    text = _SHORT_CODE.sub(lambda m: f"{m.group(1)}{digits(m.group(2))}", text)
    text = _FLIGHT.sub(lambda m: f"{' '.join(m.group(1))} {digits(m.group(2))}", text)
    # A route's or a house's number is said as a year is: ``401`` four oh one, ``221`` two twenty-one.
    text = _ROUTE.sub(lambda m: f"{m.group(1)} {number_words(m.group(2), language, to='year')}", text)
    text = _HOUSE.sub(lambda m: f"{number_words(m.group(1), language, to='year')} {m.group(2)}", text)
    text = _POSTCODE.sub(lambda m: f"{' '.join(m.group(1))}, {' '.join(m.group(2))}", text)
    return _LONG_DIGITS.sub(lambda m: digits(m.group(1)), text)


def read_citations(text: str, language: str) -> str:
    """``vol 59`` -> ``volume 59``; ``(ed.)`` -> ``(editor)``; ``mr Smith`` -> ``mister Smith``;
    ``st Albans`` -> ``saint Albans``; ``John Smith jr`` -> ``John Smith junior``."""
    text = _VOLUME.sub(lambda m: "volumes " if m.group(1).lower() == "vols" else "volume ", text)
    text = _EDITORS.sub(lambda m: "editors" if m.group(1) == "eds" else "editor", text)
    text = _LOWER_TITLES.sub(lambda m: LOWER_TITLES[m.group(1)], text)
    return _AFTER_NAME.sub(lambda m: " senior" if m.group(1).lower() == "sr" else " junior", text)


def read_handles_and_letters(text: str, language: str) -> str:
    """``#Selfie`` -> ``hashtag Selfie``; Greek letters by name (``α`` -> ``alpha``). ``@charity`` is
    "at charity" by the symbols that follow."""
    text = _HASHTAG.sub("hashtag ", text)
    for letter, name in GREEK_LETTERS.items():
        if letter in text:
            text = text.replace(letter, f" {name} ")
    return text
