"""French word tables: data only; :mod:`.` reads them with the shared European rules."""

from __future__ import annotations

from ..european.words import Currency, Unit

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")

_EURO = Currency("euro", "euros", "centime", "centimes")
CURRENCIES = {
    "€": _EURO, "EUR": _EURO, "$": Currency("dollar", "dollars", "cent", "cents"),
    "US$": Currency("dollar", "dollars", "cent", "cents"), "USD": Currency("dollar", "dollars", "cent", "cents"),
    "£": Currency("livre", "livres", "penny", "pence", feminine=True),
    "GBP": Currency("livre", "livres", "penny", "pence", feminine=True),
    "CHF": Currency("franc suisse", "francs suisses", "centime", "centimes"),
    "FCFA": Currency("franc CFA", "francs CFA", "centime", "centimes"),
    "CFA": Currency("franc CFA", "francs CFA", "centime", "centimes"),
    "¥": Currency("yen", "yens", "sen", "sens"),
    "CAD": Currency("dollar canadien", "dollars canadiens", "cent", "cents"),
}

UNITS = {
    "km": Unit("kilomètre", "kilomètres"), "m": Unit("mètre", "mètres"), "cm": Unit("centimètre", "centimètres"),
    "mm": Unit("millimètre", "millimètres"), "kg": Unit("kilo", "kilos"), "g": Unit("gramme", "grammes"),
    "mg": Unit("milligramme", "milligrammes"), "t": Unit("tonne", "tonnes", feminine=True),
    "l": Unit("litre", "litres"), "L": Unit("litre", "litres"), "ml": Unit("millilitre", "millilitres"),
    "ha": Unit("hectare", "hectares"), "km²": Unit("kilomètre carré", "kilomètres carrés"),
    "m²": Unit("mètre carré", "mètres carrés"), "m³": Unit("mètre cube", "mètres cubes"),
    "km/h": Unit("kilomètre par heure", "kilomètres par heure"),
    "m/s": Unit("mètre par seconde", "mètres par seconde"), "°C": Unit("degré Celsius", "degrés Celsius"),
    "°F": Unit("degré Fahrenheit", "degrés Fahrenheit"), "°": Unit("degré", "degrés"),
    "kWh": Unit("kilowattheure", "kilowattheures"), "kW": Unit("kilowatt", "kilowatts"),
    "MW": Unit("mégawatt", "mégawatts"), "min": Unit("minute", "minutes", feminine=True),
    "Go": Unit("gigaoctet", "gigaoctets"), "Mo": Unit("mégaoctet", "mégaoctets"),
}

TITLES = {"M.": "monsieur", "MM.": "messieurs", "Mme": "madame", "Mmes": "mesdames", "Mlle": "mademoiselle",
          "Mlles": "mesdemoiselles", "Dr": "docteur", "Dr.": "docteur", "Pr": "professeur", "Pr.": "professeur",
          "Prof.": "professeur", "Me": "maître", "Mgr": "monseigneur", "Sr": "sœur"}

BEFORE_NUMBER = {"n°": "numéro", "nº": "numéro", "p.": "page", "pp.": "pages", "vol.": "volume",
                 "art.": "article", "tél.": "téléphone", "Tél.": "téléphone", "chap.": "chapitre"}

ABBREVIATIONS = {
    "etc.": "et cetera", "p. ex.": "par exemple", "c.-à-d.": "c'est-à-dire", "c-à-d": "c'est-à-dire",
    "env.": "environ", "av.": "avenue", "bd": "boulevard", "S.A.": "société anonyme", "2nd": "second",
    "2nde": "seconde", "av. J.-C.": "avant Jésus-Christ", "apr. J.-C.": "après Jésus-Christ", "Cie": "compagnie",
}

ROMAN_CONTEXT = frozenset({"chapitre", "tome", "livre", "partie", "acte", "titre", "volume", "scène", "saison",
                           "édition", "annexe"})

FRACTIONS = {2: ("demi", "demis"), 3: ("tiers", "tiers"), 4: ("quart", "quarts"), 0: ("{ordinal}", "{ordinal}s")}

FEMININE_NOUNS = frozenset({
    "personne", "personnes", "fois", "heure", "heures", "femme", "femmes", "semaine", "semaines", "année", "années",
    "journée", "journées", "minute", "minutes", "seconde", "secondes", "tonne", "tonnes", "page", "pages",
    "famille", "familles", "fille", "filles", "école", "écoles", "ville", "villes", "maison", "maisons",
    "victime", "victimes", "voiture", "voitures", "chose", "choses", "nuit", "nuits", "vie", "vies", "étape",
    "étapes", "mère", "mères", "sœur", "sœurs", "livre", "livres", "classe", "classes", "chambre", "chambres",
    "région", "régions", "place", "places", "rue", "rues", "erreur", "erreurs", "part", "parts", "lettre",
    "lettres", "aide", "aides", "entreprise", "entreprises", "enquête", "enquêtes", "guerre", "guerres", "crise",
    "crises", "maladie", "maladies", "tente", "tentes", "couverture", "couvertures", "bouteille", "bouteilles",
    "dose", "doses", "route", "routes", "île", "îles", "voix", "mort", "morts", "fleur", "fleurs", "main", "mains",
    "porte", "portes", "table", "tables", "carte", "cartes", "photo", "photos", "histoire", "histoires",
    "langue", "langues", "loi", "lois", "mer", "terre", "terres", "ferme", "fermes", "vache", "vaches",
    "chèvre", "chèvres", "poule", "poules", "mine", "mines", "usine", "usines", "église", "églises",
    "clinique", "cliniques", "pompe", "pompes", "équipe", "équipes", "mission", "missions"})
FEMININE_ENDINGS = ("tion", "tions", "sion", "sions", "té", "tés", "ance", "ances", "ence", "ences", "ette", "ettes")
PHONE_CONTEXT = ("tél", "téléphone", "appelez", "appeler", "composez", "numéro", "fax", "portable")
