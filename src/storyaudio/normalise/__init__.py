"""Speech normalisation: make written text speakable by a voice engine.

Rules are plain functions, text and language in, text out, grouped in
families by what they read: :mod:`.common` holds the language-neutral ones
(numbers, URLs, footnotes, emoji), :mod:`.english` the English ones (Roman
numerals, abbreviations, money, times, dates, ranges, units, telephone
numbers), each family a module with its word tables as data (:mod:`.words`,
:mod:`.english.tables`). Spanish, French, German, Italian and Portuguese
share the rules of :mod:`.european`, each read with its own folder's words
and grammar (:mod:`.spanish`, :mod:`.french`, :mod:`.german`,
:mod:`.italian`, :mod:`.portuguese`). :data:`RULES` maps a language to its
list, chosen once per call of :func:`normalise`: adding a language is adding
a folder of words and a list here.

The written text is kept separately for transcripts, so rules may change
wording freely.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lexicon import Lexicon
from .common import (
    collapse_whitespace,
    drop_emoji_and_controls,
    drop_footnote_markers,
    pause_for_asides,
    read_numbers,
    read_percentages,
    speak_urls_and_emails,
    straighten_punctuation,
)
from .english import ENGLISH_RULES
from .european import Words, maybe_final, never_final
from .french import FRENCH, FRENCH_RULES
from .german import GERMAN, GERMAN_RULES
from .italian import ITALIAN, ITALIAN_RULES
from .numbers import number_words, primary_language
from .portuguese import BRAZILIAN_RULES, PORTUGUESE, PORTUGUESE_RULES
from .spanish import SPANISH, SPANISH_RULES

__all__ = ["ENGLISH_RULES", "LANGUAGES", "NEUTRAL_RULES", "RULES", "WORDS", "Rule", "abbreviations_within", "normalise",
           "number_words", "rules_for"]

Rule = Callable[[str, str], str]
"""A rule: ``(text, language) -> text``. *language* is the story's full tag (``en-GB``)."""

NEUTRAL_RULES: list[Rule] = [
    drop_emoji_and_controls,
    straighten_punctuation,
    speak_urls_and_emails,
    read_percentages,
    drop_footnote_markers,
    read_numbers,
    pause_for_asides,
    collapse_whitespace,
]
"""For languages without rules of their own: numbers are said in the language by num2words."""

RULES: dict[str, list[Rule]] = {"en": ENGLISH_RULES, "es": SPANISH_RULES, "fr": FRENCH_RULES, "de": GERMAN_RULES,
                                "it": ITALIAN_RULES, "pt": PORTUGUESE_RULES, "pt-br": BRAZILIAN_RULES}
"""Language code -> its rules: a full tag where a region reads differently (``pt-br``), else the primary
code; any other language gets :data:`NEUTRAL_RULES`."""

LANGUAGES = ("en", "es", "fr", "de", "it", "pt")
"""The languages with rule families of their own."""

WORDS: dict[str, Words] = {"es": SPANISH, "fr": FRENCH, "de": GERMAN, "it": ITALIAN, "pt": PORTUGUESE}
"""The words of each language read by the shared European rules, by primary code."""


def abbreviations_within(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """The short forms of *language* after which a sentence never ends (titles, ``Nr.``), and those
    after which it ends only before a capital (``etc.``); empty for languages without rules. English
    keeps its own tables, which know streets (:mod:`.english.tables`)."""
    words = WORDS.get(primary_language(language))
    return (never_final(words), maybe_final(words)) if words else (frozenset(), frozenset())


def rules_for(language: str) -> list[Rule]:
    """The rule list for *language* (``en-GB`` and ``en-US`` share English's; ``pt-BR`` has its own)."""
    tag = language.replace("_", "-").lower()
    return RULES.get(tag) or RULES.get(primary_language(language), NEUTRAL_RULES)


def normalise(text: str, language: str = "en", lexicon: Lexicon | None = None) -> str:
    """Return *text* as it should be handed to a voice engine.

    The *lexicon* goes first, so a team's entries (``COVID-19``, ``IJM``)
    win over the general rules. Returns an empty string when nothing
    speakable is left (a line of emoji).
    """
    if lexicon is not None:
        text = lexicon.apply(text)
    for rule in rules_for(language):
        text = rule(text, language)
    return text if any(ch.isalnum() for ch in text) else ""
