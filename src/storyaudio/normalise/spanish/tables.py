"""Spanish word tables: data only; :mod:`.` reads them with the shared European rules."""

from __future__ import annotations

from ..european.words import Currency, Unit

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre")

CURRENCIES = {
    "€": Currency("euro", "euros", "céntimo", "céntimos"),
    "EUR": Currency("euro", "euros", "céntimo", "céntimos"),
    "$": Currency("dólar", "dólares", "centavo", "centavos"),
    "US$": Currency("dólar", "dólares", "centavo", "centavos"),
    "USD": Currency("dólar", "dólares", "centavo", "centavos"),
    "RD$": Currency("peso dominicano", "pesos dominicanos", "centavo", "centavos"),
    "DOP": Currency("peso dominicano", "pesos dominicanos", "centavo", "centavos"),
    "MX$": Currency("peso mexicano", "pesos mexicanos", "centavo", "centavos"),
    "MXN": Currency("peso mexicano", "pesos mexicanos", "centavo", "centavos"),
    "COP": Currency("peso colombiano", "pesos colombianos", "centavo", "centavos"),
    "ARS": Currency("peso argentino", "pesos argentinos", "centavo", "centavos"),
    "S/": Currency("sol", "soles", "céntimo", "céntimos"),
    "£": Currency("libra", "libras", "penique", "peniques", feminine=True),
    "GBP": Currency("libra", "libras", "penique", "peniques", feminine=True),
    "¥": Currency("yen", "yenes", "sen", "sen"),
    "R$": Currency("real", "reales", "centavo", "centavos"),
    "CHF": Currency("franco suizo", "francos suizos", "céntimo", "céntimos"),
}

UNITS = {
    "km": Unit("kilómetro", "kilómetros"), "m": Unit("metro", "metros"), "cm": Unit("centímetro", "centímetros"),
    "mm": Unit("milímetro", "milímetros"), "kg": Unit("kilo", "kilos"), "g": Unit("gramo", "gramos"),
    "mg": Unit("miligramo", "miligramos"), "t": Unit("tonelada", "toneladas", feminine=True),
    "l": Unit("litro", "litros"), "L": Unit("litro", "litros"), "ml": Unit("mililitro", "mililitros"),
    "ha": Unit("hectárea", "hectáreas", feminine=True),
    "km²": Unit("kilómetro cuadrado", "kilómetros cuadrados"), "m²": Unit("metro cuadrado", "metros cuadrados"),
    "m³": Unit("metro cúbico", "metros cúbicos"), "km/h": Unit("kilómetro por hora", "kilómetros por hora"),
    "m/s": Unit("metro por segundo", "metros por segundo"), "°C": Unit("grado centígrado", "grados centígrados"),
    "ºC": Unit("grado centígrado", "grados centígrados"), "°F": Unit("grado Fahrenheit", "grados Fahrenheit"),
    "°": Unit("grado", "grados"), "kWh": Unit("kilovatio hora", "kilovatios hora"),
    "kW": Unit("kilovatio", "kilovatios"), "MW": Unit("megavatio", "megavatios"),
    "h": Unit("hora", "horas", feminine=True), "min": Unit("minuto", "minutos"),
    "GB": Unit("gigabyte", "gigabytes"), "MB": Unit("megabyte", "megabytes"),
}

TITLES = {
    "Sr.": "señor", "Sra.": "señora", "Srta.": "señorita", "Sres.": "señores", "Dr.": "doctor", "Dra.": "doctora",
    "Prof.": "profesor", "Profa.": "profesora", "Lic.": "licenciado", "Ing.": "ingeniero", "Arq.": "arquitecto",
    "D.": "don", "Dña.": "doña", "Dª": "doña", "Sto.": "santo", "Sta.": "santa", "Mons.": "monseñor",
    "Gral.": "general", "Cnel.": "coronel", "Pdte.": "presidente", "Excmo.": "excelentísimo",
}

BEFORE_NUMBER = {"n.º": "número", "nº": "número", "núm.": "número", "pág.": "página", "págs.": "páginas",
                 "p.": "página", "art.": "artículo", "tel.": "teléfono", "Tel.": "teléfono", "vol.": "volumen",
                 "cap.": "capítulo"}

ABBREVIATIONS = {
    "etc.": "etcétera", "p. ej.": "por ejemplo", "p.ej.": "por ejemplo", "EE. UU.": "Estados Unidos",
    "EE.UU.": "Estados Unidos", "EEUU": "Estados Unidos", "S.A.": "sociedad anónima", "S. A.": "sociedad anónima",
    "S.L.": "sociedad limitada", "Ud.": "usted", "Uds.": "ustedes", "Vd.": "usted", "aprox.": "aproximadamente",
    "a. C.": "antes de Cristo", "d. C.": "después de Cristo", "Avda.": "avenida", "Av.": "avenida", "c/": "calle",
    "1.er": "primer", "3.er": "tercer", "1er": "primer", "3er": "tercer", "ONG": "o ene ge",
}

ROMAN_CONTEXT = frozenset({"siglo", "siglos", "capítulo", "tomo", "volumen", "parte", "acto", "libro", "título",
                           "fase", "edición", "olimpiada", "congreso", "legislatura", "cumbre", "premio"})

FRACTIONS = {2: ("medio", "medios"), 3: ("tercio", "tercios"), 4: ("cuarto", "cuartos"), 5: ("quinto", "quintos"),
             6: ("sexto", "sextos"), 7: ("séptimo", "séptimos"), 8: ("octavo", "octavos"), 9: ("noveno", "novenos"),
             10: ("décimo", "décimos"), 100: ("centésimo", "centésimos"), 1000: ("milésimo", "milésimos"),
             0: ("{cardinal}avo", "{cardinal}avos")}
"""Denominator -> one, many; ``0`` is the rule for the rest (``onceavos``)."""

MASCULINE_IN_A = frozenset({
    "día", "días", "mapa", "mapas", "problema", "problemas", "programa", "programas", "sistema", "sistemas",
    "tema", "temas", "idioma", "idiomas", "clima", "climas", "poema", "poemas", "drama", "dramas",
    "planeta", "planetas", "síntoma", "síntomas", "esquema", "esquemas", "dilema", "dilemas", "sofá", "sofás",
    "diploma", "diplomas", "millones", "euros", "dólares", "pesos", "reales", "años", "meses", "kilómetros",
    "metros", "kilos", "litros", "grados"})
FEMININE_NOT_IN_A = frozenset({
    "vez", "veces", "noche", "noches", "gente", "muerte", "muertes", "mujer", "mujeres", "madre", "madres",
    "parte", "partes", "clase", "clases", "calle", "calles", "tarde", "tardes", "ley", "leyes", "red", "redes",
    "flor", "flores", "fuente", "fuentes", "llave", "llaves", "nave", "naves", "sede", "sedes", "fase", "fases",
    "base", "bases", "frase", "frases", "imagen", "imágenes", "razón", "razones", "serie", "series",
    "especie", "especies", "crisis", "libra", "libras"})
FEMININE_NAMES = frozenset({"Isabel", "Beatriz", "Leonor", "Inés", "Mercedes", "Carmen", "Pilar", "Raquel"})
PHONE_CONTEXT = ("tel", "teléfono", "llame", "llama", "llamar", "móvil", "celular", "whatsapp", "fax", "marque")
POINT_REGIONS = frozenset({"MX", "US", "DO", "GT", "HN", "NI", "PA", "SV", "PR", "PE", "CU"})
