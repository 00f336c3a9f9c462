"""English rules, in families by what they read, each a module with its words in :mod:`.tables`.

:data:`ENGLISH_RULES` runs them in order, the more specific shape first.
They run only for English stories (the list is chosen once per call), so
none tests the language; the locale (``en-GB``, ``en-US``) decides date
order, "and" inside numbers and spelling.
"""

from __future__ import annotations

from collections.abc import Callable

from ..common import (
    collapse_whitespace,
    drop_emoji_and_controls,
    drop_footnote_markers,
    pause_for_asides,
    read_numbers,
    read_percentages,
    speak_urls_and_emails,
    straighten_punctuation,
)
from .abbreviations import expand_abbreviations
from .dates import read_dates, read_numeric_dates
from .initialisms import read_initialisms
from .money import read_currency
from .numbers import (
    read_fractions,
    read_leading_decimals,
    read_ordinals,
    read_scaled_numbers,
    read_slashes_and_ratios,
    read_years,
    split_codes,
)
from .ranges import read_ranges
from .references import read_citations, read_handles_and_letters, read_identifiers
from .roman import read_roman_numerals
from .symbols import read_symbols
from .telephone import read_phone_numbers
from .times import read_times
from .units import read_bare_units, read_feet_and_inches, read_per, read_units, read_weather_degrees

ENGLISH_RULES: list[Callable[[str, str], str]] = [
    drop_emoji_and_controls,
    speak_urls_and_emails,
    read_handles_and_letters,
    read_phone_numbers,
    expand_abbreviations,
    read_identifiers,
    read_citations,
    read_roman_numerals,
    read_numeric_dates,
    read_dates,
    read_ranges,
    straighten_punctuation,
    read_currency,
    read_scaled_numbers,
    read_percentages,
    read_times,
    read_feet_and_inches,
    read_fractions,
    read_slashes_and_ratios,
    read_units,
    read_weather_degrees,
    read_per,
    read_bare_units,
    drop_footnote_markers,
    read_ordinals,
    read_years,
    read_leading_decimals,
    read_initialisms,
    split_codes,
    read_numbers,
    read_symbols,
    pause_for_asides,
    collapse_whitespace,
]
"""Order matters, the more specific shape first: web addresses before anything reads their dots;
telephone numbers before ranges (``0161-496-0000``); abbreviations before Roman numerals
(``Vol. III``) and ranges (``pp. 10-12``); dates before ranges (``15-17 May``); ranges before dashes
become pauses; money before scales (``$5m``) and units (``$5 m``); times and years before
units and fractions; footnote markers after units (the ``²`` of ``km²``) and before numbers."""

__all__ = ["ENGLISH_RULES"]
