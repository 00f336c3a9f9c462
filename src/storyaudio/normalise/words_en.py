"""English word tables: abbreviations, symbols, currencies, units, months.

Data only; the rules in :mod:`.english` read them. A team's own words go in
its lexicon, which is applied before any rule.
"""

from __future__ import annotations

ABBREVIATIONS_EN = {
    "Dr.": "Doctor", "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Prof.": "Professor",
    "Rev.": "Reverend", "Sr.": "Senior", "Jr.": "Junior", "Gen.": "General", "Capt.": "Captain",
    "Lt.": "Lieutenant", "Sgt.": "Sergeant", "Gov.": "Governor", "Sen.": "Senator",
    "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "vs.": "versus", "approx.": "approximately",
    "Jan.": "January", "Feb.": "February", "Aug.": "August", "Sept.": "September", "Oct.": "October",
    "Nov.": "November", "Dec.": "December", "Mt.": "Mount", "Ave.": "Avenue",
    "km": "kilometres", "kg": "kilograms", "cm": "centimetres", "mm": "millimetres",
    # British style writes titles without a full stop; the voice reads "Ms" as letters.
    "Ms": "Miz", "Prof": "Professor", "vs": "versus",
}
"""Written form -> spoken form; matched as whole words, case-sensitively."""

SYMBOLS_EN = {"&": "and", "+": "plus", "=": "equals", "@": "at", "#": "number", "°C": "degrees Celsius",
              "°F": "degrees Fahrenheit", "°": "degrees", "×": "times", "~": "about"}


CURRENCIES_EN = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
}

SCALES = "thousand|million|billion|trillion"

SCALE_ABBREVIATIONS = {"k": "thousand", "m": "million", "mn": "million", "b": "billion", "bn": "billion",
                       "tn": "trillion"}
"""How news copy shortens amounts of money: ``$5m``, ``£2.5bn``, ``€300k``."""

DOLLAR_COUNTRIES = {"US": "US", "A": "Australian", "AU": "Australian", "C": "Canadian", "CA": "Canadian",
                    "NZ": "New Zealand", "HK": "Hong Kong", "S": "Singapore"}
"""Prefixes that say whose dollars: ``US$5``, ``A$20``."""

UNITS_EN = {
    "km": ("kilometre", "kilometres"), "m": ("metre", "metres"), "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"), "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"), "l": ("litre", "litres"), "L": ("litre", "litres"),
    "ml": ("millilitre", "millilitres"), "mL": ("millilitre", "millilitres"), "ha": ("hectare", "hectares"),
    "km²": ("square kilometre", "square kilometres"), "m²": ("square metre", "square metres"),
    "km2": ("square kilometre", "square kilometres"), "m2": ("square metre", "square metres"),
    "km/h": ("kilometre per hour", "kilometres per hour"), "mph": ("mile per hour", "miles per hour"),
    "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
}
"""Units said after a number, singular for exactly one; matched case-sensitively. ``m`` counts
only after a space (``200 m``): ``5m`` in news copy is as often five million."""

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SHORT_MONTHS = {month[:3]: month for month in MONTHS} | {"Sept": "September"}
"""Month names, and their short forms as news copy writes them (``Jan.``, ``Sept.``)."""

FRACTION_WORDS = {2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters")}
"""Denominators with names of their own; other fractions use the ordinal (``tenth``, ``tenths``)."""

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
"""Telephone numbers are read digit by digit."""
