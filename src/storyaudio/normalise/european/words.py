"""The shape of one language's tables: everything the shared European rules need to know about a language.

Spanish, French, German, Italian and Portuguese write numbers the same way
(``1.500`` or ``1 500`` for thousands, ``3,50`` for the decimal) and read
dates, times, money and measures with the same parts in a different order.
The rules in :mod:`storyaudio.normalise.european` are written once; each
language's folder (``normalise/spanish/`` and its siblings) holds a
:class:`Words` of its own words, with the few functions where a language's
grammar differs (gender agreement, how a king's numeral is said).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Currency:
    """How one currency is said: ``euro``/``euros``, ``céntimo``/``céntimos``, and its gender."""

    one: str
    many: str
    cent: str
    cents: str
    feminine: bool = False


@dataclass(frozen=True)
class Unit:
    """A unit of measure said after a number: singular and plural."""

    one: str
    many: str
    feminine: bool = False


@dataclass(frozen=True, eq=False)
class Words:
    """One language's words and grammar for the shared rules. Data only, but for the hooks.

    Compared and hashed by identity: each language has one, and rules cache their patterns by it."""

    code: str
    """Primary language code (``es``)."""
    num2words: str
    """num2words' code for the language (``pt`` also serves ``pt-BR``; regions pick theirs with :attr:`regions`)."""
    espeak: str
    """The espeak-ng voice that judges this language (``pt`` is European Portuguese)."""
    decimal_mark: str
    """The word for the decimal comma (``coma``, ``virgule``, ``Komma``)."""
    point_word: str
    """The word for a decimal point, where a region writes one (``punto``)."""
    minus: str
    percent: str
    and_word: str
    """Joins money's whole and cents, and the minutes of a time where the language says so."""
    fraction_and: str
    """Joins a whole number and its fraction (``2 3/4`` -> ``dos y tres cuartos``)."""
    and_half: str
    """What follows a whole number for "and a half" (``dos y medio``, ``zweieinhalb``), space included."""
    to_word: str
    """A range's "to": ``10-12`` is ``diez a doce``."""
    per_word: str
    times_word: str
    """How ``×`` between numbers is said (``3 x 2`` -> ``tres por dos``, ``drei mal zwei``)."""
    months: tuple[str, ...]
    currencies: Mapping[str, Currency]
    """Symbols and codes as written (``€``, ``R$``, ``EUR``, ``euros``) -> how the currency is said."""
    units: Mapping[str, Unit]
    """Unit symbols as written (``km``, ``km²``, ``°C``) -> their words."""
    titles: Mapping[str, str]
    """Titles before a capitalised name (``Sr.``, ``Mme``): never the end of a sentence."""
    abbreviations: Mapping[str, str]
    """Short forms read anywhere (``etc.``, ``z. B.``); one ending in a full stop may end a sentence."""
    before_number: Mapping[str, str]
    """Short forms read only before a number (``Nr.``, ``pág.``, ``n.º``): never the end of a sentence."""
    roman_context: frozenset[str]
    """Words after which a Roman numeral is a number (``siglo XXI``, ``Kapitel IV``), lower case."""
    fractions: Mapping[int, tuple[str, str]]
    """Denominator -> the fraction's name, one and many (``4`` -> ``cuarto``, ``cuartos``)."""
    phone_pairs: bool
    """Telephone groups of two digits are said as numbers (``01 23`` -> ``zéro un, vingt-trois``)."""
    plus: str
    """How a telephone number's ``+`` is said."""
    phone_context: tuple[str, ...]
    """Words before a telephone number (``tel``, ``llame``), lower case, matched at a word's start."""
    # Grammar: small functions, each documented where a language defines it.
    agree: Callable[[str, str], str]
    """(cardinal words, the word after the number) -> the cardinal as said before that word."""
    feminine: Callable[[str], str]
    """A cardinal's feminine form (``uno`` -> ``una``, ``doscientos`` -> ``doscientas``)."""
    ordinal: Callable[[int, bool], str]
    """(number, feminine) -> the ordinal (``segundo``, ``segunda``)."""
    ordinal_marks: Mapping[str, bool]
    """Marks written after an ordinal's digits -> feminine? (``º`` False, ``ª`` True, ``re`` True)."""
    regnal: Callable[[int, bool], str]
    """A king's or pope's numeral (``Luis XIV``): ordinal or cardinal as the language says it."""
    heading_numeral: Callable[[int], str]
    """A Roman numeral after a context word (``siglo XXI``, ``capitolo IV``)."""
    date: Callable[[int, int, str | None, str], str]
    """(day, month, year's words or None, the word before) -> the date said."""
    clock: Callable[[int, int], str]
    """(hours, minutes) -> the time said (``nueve y media``, ``neuf heures trente``)."""
    respell: Callable[[str], str] | None = None
    """Mends num2words' cardinal where the language says it otherwise (Spanish ``veintiún mil``)."""
    year: Callable[[int], str] | None = None
    """How a bare year is said where it differs from the cardinal (German's ``neunzehnhundert``)."""
    digit_words: tuple[str, ...] = ()
    """Zero to nine, for digits said one by one (filled from num2words when empty)."""
    feminine_names: frozenset[str] = frozenset()
    """Given names that take a feminine ordinal though they do not end in -a (``Isabel II``)."""
    scale_of: str = ""
    """What joins a round million to a currency (``un millón de euros``, ``un million d'euros``)."""
    point_regions: frozenset[str] = frozenset()
    """Regions that write ``1,500.50`` as English does (Mexico, the Dominican Republic), upper case."""
