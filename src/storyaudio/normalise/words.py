"""Word tables the language-neutral rules read: data, kept apart from the rules."""

from __future__ import annotations

DOUBLE_HYPHEN = "--"
"""How plain-text books write a dash (Project Gutenberg's ``came--and went``): a pause, as a dash is."""

SMART_PUNCTUATION: dict[str, str | int | None] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2013": " - ", "\u2014": " - ", "\u2026": "...", "\u00a0": " ", "\u2009": " ",
    "\u2212": "-", "\u202f": " ",
}
"""Typographic punctuation -> the plain forms every engine reads alike."""

PERCENT = {"en": "percent", "fr": "pour cent", "de": "Prozent", "es": "por ciento", "it": "per cento",
           "pt": "por cento", "nl": "procent"}
"""The word for ``%`` in each language (by primary code); English's when a language is missing."""

SPOKEN_SYMBOLS = frozenset("&+=@#°×~±≤≥≈‰≠<>")
"""Symbols that some language's rules speak (``°C``, ``&``), so emoji removal must keep them."""

ADDRESS_WORDS = {"en": ("dot", "slash", "at"), "es": ("punto", "barra", "arroba"), "fr": ("point", "slash", "arobase"),
                 "de": ("Punkt", "Schrägstrich", "ät"), "it": ("punto", "slash", "chiocciola"),
                 "pt": ("ponto", "barra", "arroba")}
"""How a web or e-mail address's ``.``, ``/`` and ``@`` are said, by primary language; English's otherwise."""

AMPERSAND = {"en": "and", "es": "y", "fr": "et", "de": "und", "it": "e", "pt": "e"}
"""The word for ``&`` between names (``Smith & Hijos``)."""
