"""Portuguese word tables, European and Brazilian: data only; :mod:`.` reads them with the shared rules."""

from __future__ import annotations

from ..european.words import Currency, Unit

MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
          "novembro", "dezembro")

_DOLLAR = Currency("dólar", "dólares", "cêntimo", "cêntimos")
CURRENCIES = {
    "€": Currency("euro", "euros", "cêntimo", "cêntimos"), "EUR": Currency("euro", "euros", "cêntimo", "cêntimos"),
    "R$": Currency("real", "reais", "centavo", "centavos"), "BRL": Currency("real", "reais", "centavo", "centavos"),
    "$": _DOLLAR, "US$": _DOLLAR, "USD": _DOLLAR,
    "£": Currency("libra", "libras", "péni", "pénis", feminine=True),
    "Kz": Currency("kwanza", "kwanzas", "cêntimo", "cêntimos"),
    "MT": Currency("metical", "meticais", "centavo", "centavos"),
}
BRAZILIAN_CURRENCIES = {**CURRENCIES, "€": Currency("euro", "euros", "centavo", "centavos"),
                        "EUR": Currency("euro", "euros", "centavo", "centavos"),
                        "$": Currency("dólar", "dólares", "centavo", "centavos"),
                        "US$": Currency("dólar", "dólares", "centavo", "centavos"),
                        "USD": Currency("dólar", "dólares", "centavo", "centavos")}

UNITS = {
    "km": Unit("quilómetro", "quilómetros"), "m": Unit("metro", "metros"), "cm": Unit("centímetro", "centímetros"),
    "mm": Unit("milímetro", "milímetros"), "kg": Unit("quilo", "quilos"), "g": Unit("grama", "gramas"),
    "mg": Unit("miligrama", "miligramas"), "t": Unit("tonelada", "toneladas", feminine=True),
    "l": Unit("litro", "litros"), "L": Unit("litro", "litros"), "ml": Unit("mililitro", "mililitros"),
    "ha": Unit("hectare", "hectares"), "km²": Unit("quilómetro quadrado", "quilómetros quadrados"),
    "m²": Unit("metro quadrado", "metros quadrados"), "m³": Unit("metro cúbico", "metros cúbicos"),
    "km/h": Unit("quilómetro por hora", "quilómetros por hora"),
    "m/s": Unit("metro por segundo", "metros por segundo"), "°C": Unit("grau Celsius", "graus Celsius"),
    "ºC": Unit("grau Celsius", "graus Celsius"), "°F": Unit("grau Fahrenheit", "graus Fahrenheit"),
    "kWh": Unit("quilowatt-hora", "quilowatts-hora"), "kW": Unit("quilowatt", "quilowatts"),
    "MW": Unit("megawatt", "megawatts"), "min": Unit("minuto", "minutos"), "GB": Unit("gigabyte", "gigabytes"),
}
BRAZILIAN_UNITS = {symbol: Unit(unit.one.replace("quilómetro", "quilômetro"),
                                unit.many.replace("quilómetro", "quilômetro"), unit.feminine)
                   for symbol, unit in UNITS.items()}

TITLES = {"Sr.": "senhor", "Sra.": "senhora", "Srta.": "senhorita", "Dr.": "doutor", "Dra.": "doutora",
          "Prof.": "professor", "Profa.": "professora", "Eng.": "engenheiro", "Exmo.": "excelentíssimo",
          "Exma.": "excelentíssima", "Sto.": "santo", "Sta.": "santa", "D.": "dom"}

BEFORE_NUMBER = {"nº": "número", "n.º": "número", "pág.": "página", "p.": "página", "art.": "artigo",
                 "tel.": "telefone", "Tel.": "telefone", "vol.": "volume", "cap.": "capítulo"}

ABBREVIATIONS = {
    "etc.": "etcétera", "p. ex.": "por exemplo", "S.A.": "sociedade anónima", "Ltda.": "limitada",
    "Av.": "avenida", "a.C.": "antes de Cristo", "d.C.": "depois de Cristo", "aprox.": "aproximadamente",
}

ROMAN_CONTEXT = frozenset({"século", "séculos", "capítulo", "tomo", "volume", "parte", "ato", "acto", "livro",
                           "título", "edição", "fase"})

FRACTIONS = {2: ("meio", "meios"), 3: ("terço", "terços"), 4: ("quarto", "quartos"), 5: ("quinto", "quintos"),
             6: ("sexto", "sextos"), 7: ("sétimo", "sétimos"), 8: ("oitavo", "oitavos"), 9: ("nono", "nonos"),
             10: ("décimo", "décimos"), 100: ("centésimo", "centésimos"), 1000: ("milésimo", "milésimos"),
             0: ("{cardinal} avos", "{cardinal} avos")}

MASCULINE_IN_A = frozenset({"dia", "dias", "mapa", "mapas", "problema", "problemas", "programa", "programas",
                            "sistema", "sistemas", "tema", "temas", "clima", "idioma", "idiomas", "planeta",
                            "reais", "euros", "dólares", "anos", "meses", "quilos", "metros", "graus"})
FEMININE_NOUNS = frozenset({"vez", "vezes", "mulher", "mulheres", "mãe", "mães", "noite", "noites", "tarde",
                            "tardes", "parte", "partes", "gente", "rede", "redes", "lei", "leis", "árvore",
                            "árvores", "fome", "crise", "crises", "fase", "fases", "base", "bases", "sede"})
FEMININE_ENDINGS = ("a", "as", "ção", "ções", "dade", "dades", "gem", "gens", "são", "sões")
PHONE_CONTEXT = ("tel", "telefone", "ligue", "ligar", "celular", "telemóvel", "whatsapp", "fax", "contacto",
                 "contato")
