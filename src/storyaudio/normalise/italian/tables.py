"""Italian word tables: data only; :mod:`.` reads them with the shared European rules."""

from __future__ import annotations

from ..european.words import Currency, Unit

MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
          "novembre", "dicembre")

_EURO = Currency("euro", "euro", "centesimo", "centesimi")
CURRENCIES = {
    "€": _EURO, "EUR": _EURO, "$": Currency("dollaro", "dollari", "centesimo", "centesimi"),
    "US$": Currency("dollaro", "dollari", "centesimo", "centesimi"),
    "USD": Currency("dollaro", "dollari", "centesimo", "centesimi"),
    "£": Currency("sterlina", "sterline", "penny", "pence", feminine=True),
    "GBP": Currency("sterlina", "sterline", "penny", "pence", feminine=True),
    "CHF": Currency("franco svizzero", "franchi svizzeri", "centesimo", "centesimi"),
    "¥": Currency("yen", "yen", "sen", "sen"),
}

UNITS = {
    "km": Unit("chilometro", "chilometri"), "m": Unit("metro", "metri"), "cm": Unit("centimetro", "centimetri"),
    "mm": Unit("millimetro", "millimetri"), "kg": Unit("chilo", "chili"), "g": Unit("grammo", "grammi"),
    "mg": Unit("milligrammo", "milligrammi"), "t": Unit("tonnellata", "tonnellate", feminine=True),
    "l": Unit("litro", "litri"), "L": Unit("litro", "litri"), "ml": Unit("millilitro", "millilitri"),
    "ha": Unit("ettaro", "ettari"), "km²": Unit("chilometro quadrato", "chilometri quadrati"),
    "m²": Unit("metro quadrato", "metri quadrati"), "mq": Unit("metro quadrato", "metri quadrati"),
    "m³": Unit("metro cubo", "metri cubi"), "km/h": Unit("chilometro orario", "chilometri orari"),
    "m/s": Unit("metro al secondo", "metri al secondo"), "°C": Unit("grado centigrado", "gradi centigradi"),
    "°F": Unit("grado Fahrenheit", "gradi Fahrenheit"), "kWh": Unit("chilowattora", "chilowattora"),
    "kW": Unit("chilowatt", "chilowatt"), "MW": Unit("megawatt", "megawatt"), "h": Unit("ora", "ore", feminine=True),
    "min": Unit("minuto", "minuti"), "GB": Unit("gigabyte", "gigabyte"),
}

TITLES = {"Sig.": "signor", "Sig.ra": "signora", "Sig.na": "signorina", "Dott.": "dottor", "Dott.ssa": "dottoressa",
          "Dr.": "dottor", "Prof.": "professor", "Prof.ssa": "professoressa", "Avv.": "avvocato",
          "Ing.": "ingegner", "On.": "onorevole", "Mons.": "monsignor", "Gen.": "generale", "S.": "san"}

BEFORE_NUMBER = {"n.": "numero", "nr.": "numero", "pag.": "pagina", "p.": "pagina", "art.": "articolo",
                 "tel.": "telefono", "Tel.": "telefono", "vol.": "volume", "cap.": "capitolo"}

ABBREVIATIONS = {
    "ecc.": "eccetera", "etc.": "eccetera", "ad es.": "ad esempio", "S.p.A.": "società per azioni",
    "SpA": "società per azioni", "S.r.l.": "società a responsabilità limitata",
    "Srl": "società a responsabilità limitata", "a.C.": "avanti Cristo", "d.C.": "dopo Cristo", "ca.": "circa",
    "c.a": "circa", "tel.": "telefono",
}

ROMAN_CONTEXT = frozenset({"secolo", "secoli", "capitolo", "libro", "parte", "atto", "tomo", "volume", "canto",
                           "legislatura", "edizione", "papa"})

FRACTIONS = {2: ("mezzo", "mezzi"), 3: ("terzo", "terzi"), 4: ("quarto", "quarti"), 0: ("{ordinal}", "{stem}i")}

MASCULINE_IN_A = frozenset({"problema", "programma", "sistema", "tema", "clima", "poema", "dramma", "pianeta",
                            "papa", "poeta", "collega"})
FEMININE_NOUNS = frozenset({"volta", "volte", "notte", "notti", "persona", "persone", "madre", "gente", "parte",
                            "classe", "fonte", "chiave", "nave", "sede", "fase", "base", "frase", "mente", "morte",
                            "legge", "città", "università", "età", "estate", "arte", "fame", "neve", "sterlina"})
FEMININE_ENDINGS = ("zione", "sione", "tà", "tù", "ice")
PHONE_CONTEXT = ("tel", "telefono", "chiama", "chiamare", "cellulare", "numero verde", "fax", "contattare")
