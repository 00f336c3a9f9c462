"""Language-neutral rules: what every language's text needs before a voice reads it.

Each rule is a plain function, text and language in, text out; numbers are
said in the story's language by num2words.
"""

from __future__ import annotations

import re
import unicodedata

from .numbers import number_words, primary_language
from .words import ADDRESS_WORDS, DOUBLE_HYPHEN, PERCENT, SMART_PUNCTUATION, SPOKEN_SYMBOLS

__all__ = ["collapse_whitespace", "drop_emoji_and_controls", "drop_footnote_markers", "pause_for_asides",
           "read_numbers", "read_percentages", "speak_urls_and_emails", "straighten_punctuation"]


def straighten_punctuation(text: str, language: str) -> str:
    """Smart quotes and dashes to plain ones, which every engine reads alike; a double hyphen
    (``came--and went``) is a dash."""
    return text.translate(str.maketrans(SMART_PUNCTUATION)).replace(DOUBLE_HYPHEN, " - ")


_ASIDE_DASH = re.compile(r"\s+-+\s+")
_OPEN_PARENTHESIS = re.compile(r"\s*\(\s*")
_CLOSE_PARENTHESIS = re.compile(r"\s*\)")
_COMMA_BEFORE_STOP = re.compile(r",\s*(?=[.!?;:,]|$)")


def pause_for_asides(text: str, language: str) -> str:
    """A dash or brackets around an aside become commas: a reader pauses there, and voices
    pause at commas but say nothing for ``-`` or ``()``: ``fell (mostly) - late`` -> ``fell, mostly, late``."""
    text = _ASIDE_DASH.sub(", ", text)
    text = _OPEN_PARENTHESIS.sub(", ", text)
    text = _CLOSE_PARENTHESIS.sub(",", text)
    return _COMMA_BEFORE_STOP.sub("", text).lstrip(", ")


TOP_LEVEL_DOMAINS = ("com", "org", "net", "edu", "gov", "int", "info", "io", "co", "uk", "ie", "ke", "ng",
                     "za", "au", "ca", "nz", "in", "de", "fr", "es", "it", "nl", "eu", "ly", "me", "tv", "us",
                     "ngo", "charity", "news", "app")
"""Endings that make a bare ``name.org/path`` a web address (``e.g.`` and ``U.K.`` are none)."""

_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)]"
    r"|(?<![\w@./-])(?:[a-z0-9-]{1,63}\.){1,6}(?:" + "|".join(TOP_LEVEL_DOMAINS) + r")"
    r"(?:/[^\s<>\"']*[^\s<>\"'.,;:!?)])?(?![\w@-])", re.IGNORECASE)
_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}\b")
_SPOKEN_PATH = re.compile(r"^[A-Za-z][A-Za-z-]{0,30}$")
MAX_SPOKEN_PATH = 2
"""Path segments said aloud (``example.org/give``); a longer path, or one with a query, is left out:
a listener cannot type a tracking URL, only find the site."""


def speak_urls_and_emails(text: str, language: str) -> str:
    """``example.org/give`` -> ``example dot org slash give``; ``www.example.org`` -> ``w w w dot
    example dot org``; a long or tracking URL -> its site alone; ``name@example.org`` -> ``name at
    example dot org``. The signs are said in the story's language (``punto``, ``barra``, ``arroba``)."""
    dot, slash, at = ADDRESS_WORDS.get(primary_language(language), ADDRESS_WORDS["en"])

    def site(host: str) -> str:
        labels = [label for label in host.split(".") if label]
        if labels and labels[0].lower() == "www":
            labels[0] = "w w w"
        return f" {dot} ".join("U K" if label.lower() == "uk" else label for label in labels)

    def url(match: re.Match[str]) -> str:
        address = _SCHEME.sub("", match.group(0))
        host, _, path = address.partition("/")
        host = host.split("?")[0].split("#")[0]
        segments = [segment for segment in path.split("/") if segment]
        if segments and len(segments) <= MAX_SPOKEN_PATH and all(_SPOKEN_PATH.match(s) for s in segments):
            return f" {slash} ".join([site(host), *segments])
        return site(host)

    def email(match: re.Match[str]) -> str:
        name, _, host = match.group(0).partition("@")
        return f"{site(name)} {at} {site(host)}"

    return _URL.sub(url, _EMAIL.sub(email, text))


_STAR_FOOTNOTE = re.compile(r"(?<=\w)\*+(?=\W|$)")
_BRACKET_FOOTNOTE = re.compile(r"(?<=\w)\[\d{1,3}\]")
_SUPERSCRIPT_FOOTNOTE = re.compile(r"(?<=[^\W\d])[\u00b9\u00b2\u00b3\u2070-\u2079]+")


def drop_footnote_markers(text: str, language: str) -> str:
    """``Francesca*`` -> ``Francesca``; ``text[1]`` -> ``text``; ``word¹`` -> ``word``."""
    text = _STAR_FOOTNOTE.sub("", text)
    text = _BRACKET_FOOTNOTE.sub("", text)
    return _SUPERSCRIPT_FOOTNOTE.sub("", text)


_PERCENT = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s?%")


def read_percentages(text: str, language: str) -> str:
    """``78%`` -> ``seventy-eight percent`` (in the story's language)."""
    word = PERCENT.get(primary_language(language), "percent")
    return _PERCENT.sub(lambda m: f"{number_words(m.group(1), language)} {word}", text)


_NUMBER = re.compile(r"(?<![\w.])(-?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")


def read_numbers(text: str, language: str) -> str:
    """Every remaining number, in the story's language: ``1,200`` -> ``one thousand two hundred``;
    ``2.5`` -> ``two point five``; ``-5`` -> ``minus five`` (``minus fünf``, ``moins cinq``)."""
    def replace(match: re.Match[str]) -> str:
        sign, whole, fraction = match.groups()
        return number_words(sign + whole + (fraction or ""), language)

    return _NUMBER.sub(replace, text)


def drop_emoji_and_controls(text: str, language: str) -> str:
    """Emoji, pictographs and control or format characters have nothing to say."""
    return "".join(
        ch for ch in text
        if unicodedata.category(ch) not in ("So", "Cc", "Cf", "Cs", "Co", "Sk")
        or ch == " " or ch in SPOKEN_SYMBOLS
    )


_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")


def collapse_whitespace(text: str, language: str) -> str:
    """One space between words, none before punctuation."""
    text = " ".join(text.split())
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
