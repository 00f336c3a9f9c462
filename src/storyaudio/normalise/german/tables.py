"""German word tables: data only; :mod:`.` reads them with the shared European rules."""

from __future__ import annotations

from ..european.words import Currency, Unit

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")

_EURO = Currency("Euro", "Euro", "Cent", "Cent")
CURRENCIES = {
    "€": _EURO, "EUR": _EURO, "$": Currency("Dollar", "Dollar", "Cent", "Cent"),
    "US$": Currency("Dollar", "Dollar", "Cent", "Cent"), "USD": Currency("Dollar", "Dollar", "Cent", "Cent"),
    "£": Currency("Pfund", "Pfund", "Penny", "Pence"), "GBP": Currency("Pfund", "Pfund", "Penny", "Pence"),
    "CHF": Currency("Franken", "Franken", "Rappen", "Rappen"),
    "¥": Currency("Yen", "Yen", "Sen", "Sen"),
}

UNITS = {
    "km": Unit("Kilometer", "Kilometer"), "m": Unit("Meter", "Meter"), "cm": Unit("Zentimeter", "Zentimeter"),
    "mm": Unit("Millimeter", "Millimeter"), "kg": Unit("Kilogramm", "Kilogramm"), "g": Unit("Gramm", "Gramm"),
    "mg": Unit("Milligramm", "Milligramm"), "t": Unit("Tonne", "Tonnen", feminine=True),
    "l": Unit("Liter", "Liter"), "L": Unit("Liter", "Liter"), "ml": Unit("Milliliter", "Milliliter"),
    "ha": Unit("Hektar", "Hektar"), "km²": Unit("Quadratkilometer", "Quadratkilometer"),
    "m²": Unit("Quadratmeter", "Quadratmeter"), "qm": Unit("Quadratmeter", "Quadratmeter"),
    "m³": Unit("Kubikmeter", "Kubikmeter"), "km/h": Unit("Kilometer pro Stunde", "Kilometer pro Stunde"),
    "m/s": Unit("Meter pro Sekunde", "Meter pro Sekunde"), "°C": Unit("Grad Celsius", "Grad Celsius"),
    "°F": Unit("Grad Fahrenheit", "Grad Fahrenheit"), "°": Unit("Grad", "Grad"),
    "kWh": Unit("Kilowattstunde", "Kilowattstunden", feminine=True), "kW": Unit("Kilowatt", "Kilowatt"),
    "MW": Unit("Megawatt", "Megawatt"), "h": Unit("Stunde", "Stunden", feminine=True),
    "Std.": Unit("Stunde", "Stunden", feminine=True), "Min.": Unit("Minute", "Minuten", feminine=True),
    "min": Unit("Minute", "Minuten", feminine=True), "GB": Unit("Gigabyte", "Gigabyte"),
}

TITLES = {"Dr.": "Doktor", "Prof.": "Professor", "Hr.": "Herr", "Hrn.": "Herrn", "Fr.": "Frau", "St.": "Sankt",
          "Dipl.-Ing.": "Diplomingenieur"}

BEFORE_NUMBER = {"Nr.": "Nummer", "S.": "Seite", "Abs.": "Absatz", "Bd.": "Band", "Kap.": "Kapitel",
                 "Tel.": "Telefon", "Art.": "Artikel", "Hausnr.": "Hausnummer"}

ABBREVIATIONS = {
    "z. B.": "zum Beispiel", "z.B.": "zum Beispiel", "usw.": "und so weiter", "bzw.": "beziehungsweise",
    "d. h.": "das heißt", "d.h.": "das heißt", "u. a.": "unter anderem", "u.a.": "unter anderem", "ca.": "circa",
    "evtl.": "eventuell", "ggf.": "gegebenenfalls", "inkl.": "inklusive", "vgl.": "vergleiche", "Mio.": "Millionen",
    "Mrd.": "Milliarden", "Tsd.": "Tausend", "Jh.": "Jahrhundert", "Jhd.": "Jahrhundert",
    "v. Chr.": "vor Christus", "n. Chr.": "nach Christus", "e. V.": "eingetragener Verein",
    "e.V.": "eingetragener Verein", "Str.": "Straße", "sog.": "sogenannte", "z. T.": "zum Teil",
    "o. Ä.": "oder Ähnliches", "usf.": "und so fort", "bspw.": "beispielsweise", "u. U.": "unter Umständen",
    "GmbH": "G m b H", "AG": "A G", "max.": "maximal", "mind.": "mindestens", "insg.": "insgesamt",
}

ROMAN_CONTEXT = frozenset({"kapitel", "teil", "band", "buch", "akt", "abschnitt", "artikel", "staffel", "folge"})

FRACTIONS = {2: ("halb", "halbe"), 3: ("Drittel", "Drittel"), 4: ("Viertel", "Viertel"),
             0: ("{stem}el", "{stem}el")}
"""Denominator -> one, many; ``0`` is the rule for the rest (``fünftel``, ``achtel``: the ordinal's stem and -el)."""

FEMININE_NOUNS = frozenset({"Frau", "Person", "Nacht", "Stadt", "Million", "Milliarde", "Woche", "Stunde",
                            "Minute", "Sekunde", "Tonne", "Familie", "Schule", "Seite", "Hand", "Tür", "Kuh",
                            "Mutter", "Tochter", "Schwester", "Frage", "Antwort", "Welt", "Zeit", "Nummer"})
FEMININE_ENDINGS = ("ung", "heit", "keit", "schaft", "ion", "tät", "ik", "ei", "in", "enz", "anz", "ur")

ORDINAL_NOUNS = frozenset({
    "Platz", "Stock", "Stockwerk", "Jahrhundert", "Jahrtausend", "Klasse", "Mal", "Auflage", "Etage", "Liga",
    "Runde", "Geburtstag", "Jahrestag", "Tag", "Woche", "Monat", "Quartal", "Halbjahr", "Stelle", "Generation",
    "Welle", "Spieltag", "Bezirk", "Sinfonie", "Symphonie", "Satz", "Grades", "Ordnung", "Lebensjahr"})
"""Nouns a dotted number before them makes an ordinal: ``3. Platz`` is *dritter Platz*."""

DATIVE_WORDS = frozenset({"den", "dem", "des", "am", "im", "vom", "zum", "zur", "beim", "ins", "ans", "einem",
                          "einen", "seinem", "seinen", "ihrem", "ihren", "unserem", "unseren", "diesem", "diesen",
                          "seit", "ab", "bis", "vor", "nach", "von"})
"""After these a dotted ordinal ends in -en (``am dritten Oktober``, ``im neunzehnten Jahrhundert``)."""
ARTICLE_WORDS = frozenset({"der", "die", "das"})
"""After these it ends in -e (``der dritte Platz``); elsewhere a date's day ends in -er (``dritter Oktober``)."""
PHONE_CONTEXT = ("tel", "telefon", "rufnummer", "anrufen", "rufen", "handy", "fax", "hotline", "mobil")
