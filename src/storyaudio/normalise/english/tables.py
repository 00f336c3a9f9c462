"""English word tables: abbreviations, titles, symbols, currencies, units, months, numerals.

Data only; the rule families beside this module read them. A team's own
words go in its lexicon, which is applied before any rule.
"""

from __future__ import annotations

TITLES = {
    "Dr": "Doctor", "Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Prof": "Professor", "Rev": "Reverend",
    "Gen": "General", "Capt": "Captain", "Lt": "Lieutenant", "Sgt": "Sergeant", "Gov": "Governor",
    "Sen": "Senator", "Rep": "Representative", "Cllr": "Councillor", "Insp": "Inspector",
    "Supt": "Superintendent", "Det": "Detective", "Col": "Colonel", "Maj": "Major", "Cpl": "Corporal",
    "Pte": "Private", "Adm": "Admiral", "Cdr": "Commander", "Brig": "Brigadier", "Pres": "President",
    "Amb": "Ambassador", "Fr": "Father", "Hon": "Honourable", "Rt": "Right", "Lieut": "Lieutenant",
    "Messrs": "Messieurs", "Mme": "Madame", "Mlle": "Mademoiselle", "Bp": "Bishop",
    # Given names as older books shorten them: "Wm. Smith", "Chas. Dickens"
    "Wm": "William", "Chas": "Charles", "Geo": "George", "Thos": "Thomas", "Jas": "James", "Jno": "John",
    "Robt": "Robert", "Richd": "Richard", "Benj": "Benjamin", "Jos": "Joseph", "Saml": "Samuel",
    "Edw": "Edward",
}
"""Titles before a name, written with a full stop (``Cllr.``) or without (British style).

They never end a sentence. With its full stop a title is expanded before any
capitalised word; without one, only before a name, so that ``Col`` or ``Gen``
as ordinary words are left alone. ``Dr`` and ``St`` depend on context
(:data:`STREET_WORDS`)."""

ABBREVIATIONS = {
    "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "vs.": "versus", "vs": "versus",
    "approx.": "approximately", "approx": "approximately", "et al.": "and others",
    "a.k.a.": "also known as", "aka": "also known as", "c/o": "care of", "cf.": "compare",
    "viz.": "namely", "&c.": "et cetera", "Ltd.": "Limited", "Ltd": "Limited", "Co.": "Company", "Corp.": "Corporation",
    "Inc.": "Incorporated", "Bros.": "Brothers", "Dept.": "Department", "Univ.": "University",
    "Assn.": "Association", "Jr.": "Junior", "Sr.": "Senior", "Esq.": "Esquire", "Mt.": "Mount", "Ave.": "Avenue",
    "Rd.": "Road", "Ln.": "Lane", "Blvd.": "Boulevard", "Sq.": "Square",
    "Jan.": "January", "Feb.": "February", "Mar.": "March", "Apr.": "April", "Jun.": "June",
    "Jul.": "July", "Aug.": "August", "Sep.": "September", "Sept.": "September", "Oct.": "October",
    "Nov.": "November", "Dec.": "December",
}
"""Written form -> spoken form; matched as whole words, case-sensitively, wherever they stand."""

BEFORE_NUMBER = {
    "No.": ("number", "numbers"), "Nos.": ("numbers", "numbers"), "no.": ("number", "numbers"),
    "Fig.": ("Figure", "Figures"), "fig.": ("figure", "figures"), "Figs.": ("Figures", "Figures"),
    "Vol.": ("Volume", "Volumes"), "vol.": ("volume", "volumes"), "Vols.": ("Volumes", "Volumes"),
    "p.": ("page", "pages"), "pp.": ("pages", "pages"), "Ch.": ("Chapter", "Chapters"),
    "ch.": ("chapter", "chapters"),
    "Chap.": ("Chapter", "Chapters"), "chap.": ("chapter", "chapters"),
    "Sec.": ("Section", "Sections"), "Sect.": ("Section", "Sections"),
    "Art.": ("Article", "Articles"), "Eq.": ("Equation", "Equations"), "Ex.": ("Example", "Examples"),
    "pop.": ("population", "population"),
}
"""Abbreviations that are words only before a number (``p. 45``, ``Vol. 2``, ``No. 5``);
the second form is said before a range (``pp. 10-12`` has its own)."""

BEFORE_YEAR = {"b.": "born", "d.": "died", "r.": "reigned", "fl.": "flourished", "est.": "established"}
"""Encyclopedias' short forms before a year: ``(b. 1950)``, ``d. c. 1820``."""

NEVER_FINAL = frozenset({f"{title}." for title in TITLES} | set(BEFORE_NUMBER) | {
    "e.g.", "i.e.", "vs.", "approx.", "cf.", "viz.", "ca.", "c.", "Mt.", "St.", "a.k.a."})
"""Abbreviations after which a sentence never ends: the splitter keeps what follows with them."""

MAYBE_FINAL = frozenset({"etc.", "Ltd.", "Co.", "Corp.", "Inc.", "Bros.", "Jr.", "Esq.", "Dept.",
                         "Ave.", "Rd.", "Ln.", "Blvd.", "Dr.", "et al.", "hrs.", "mins.", "yrs.",
                         "a.m.", "p.m.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."})
"""Abbreviations that may end a sentence: one goes on only when the next word starts in lower case."""

STREET_WORDS = {"St": ("Saint", "Street"), "Dr": ("Doctor", "Drive")}
"""Abbreviations that are a title before a name and a street after one (``St. Mary's``,
``Elm St.``; ``Dr. Amina``, ``Mill Dr.``)."""

SYMBOLS = {"&": "and", "+": "plus", "=": "equals", "@": "at", "#": "number", "°C": "degrees Celsius",
           "°F": "degrees Fahrenheit", "°": "degrees", "×": "times", "~": "about", "±": "plus or minus",
           "≤": "less than or equal to", "≥": "greater than or equal to", "≈": "approximately", "‰": "per mille",
           "≠": "not equal to", "<": "less than", ">": "more than"}

CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
}
"""Symbol -> (one, many, one of the minor unit, many of it)."""

MINOR_UNITS = {"p": ("penny", "pence"), "c": ("cent", "cents")}
"""``99p`` and ``50c``: amounts in the minor unit alone."""

SCALES = "thousand|million|billion|trillion"

SCALE_ABBREVIATIONS = {"k": "thousand", "K": "thousand", "m": "million", "mn": "million", "M": "million",
                       "b": "billion", "bn": "billion", "B": "billion", "tn": "trillion"}
"""How news copy shortens large numbers: ``1.5m people``, ``£2.5bn``, ``€300k``, ``3.2k shares``."""

DOLLAR_COUNTRIES = {"US": "US", "A": "Australian", "AU": "Australian", "C": "Canadian", "CA": "Canadian",
                    "NZ": "New Zealand", "HK": "Hong Kong", "S": "Singapore"}
"""Prefixes that say whose dollars: ``US$5``, ``A$20``."""

BARE_UNITS = {"km": "kilometres", "kg": "kilograms", "cm": "centimetres", "mm": "millimetres"}
"""Metric units written without a number (``prices per kg``): said in the plural."""

UNITS = {
    "km": ("kilometre", "kilometres"), "m": ("metre", "metres"), "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"), "kg": ("kilogram", "kilograms"), "KG": ("kilogram", "kilograms"),
    "g": ("gram", "grams"), "mg": ("milligram", "milligrams"), "µg": ("microgram", "micrograms"),
    "l": ("litre", "litres"), "L": ("litre", "litres"), "ml": ("millilitre", "millilitres"),
    "mL": ("millilitre", "millilitres"), "cl": ("centilitre", "centilitres"), "ha": ("hectare", "hectares"),
    "km²": ("square kilometre", "square kilometres"), "m²": ("square metre", "square metres"),
    "km2": ("square kilometre", "square kilometres"), "m2": ("square metre", "square metres"),
    "sq km": ("square kilometre", "square kilometres"), "sq m": ("square metre", "square metres"),
    "sq ft": ("square foot", "square feet"), "sq mi": ("square mile", "square miles"),
    "km/h": ("kilometre per hour", "kilometres per hour"), "kph": ("kilometre per hour", "kilometres per hour"),
    "mph": ("mile per hour", "miles per hour"), "m/s": ("metre per second", "metres per second"),
    "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°N": ("degree north", "degrees north"), "°S": ("degree south", "degrees south"),
    "°E": ("degree east", "degrees east"), "°W": ("degree west", "degrees west"),
    "°": ("degree", "degrees"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"), "ft": ("foot", "feet"), "in": ("inch", "inches"), "mi": ("mile", "miles"),
    "yd": ("yard", "yards"), "gal": ("gallon", "gallons"), "tsp": ("teaspoon", "teaspoons"),
    "tbsp": ("tablespoon", "tablespoons"), "kWh": ("kilowatt hour", "kilowatt hours"),
    "kW": ("kilowatt", "kilowatts"), "MW": ("megawatt", "megawatts"), "GW": ("gigawatt", "gigawatts"),
    "KB": ("kilobyte", "kilobytes"), "MB": ("megabyte", "megabytes"), "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"), "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"), "GHz": ("gigahertz", "gigahertz"), "dB": ("decibel", "decibels"),
    "hrs": ("hour", "hours"), "hr": ("hour", "hours"), "mins": ("minute", "minutes"),
    "min": ("minute", "minutes"), "secs": ("second", "seconds"), "sec": ("second", "seconds"),
    "yrs": ("year", "years"), "yr": ("year", "years"),
}
"""Units said after a number, singular for exactly one; matched case-sensitively. ``m`` counts
only after a space (``200 m``; ``5m`` is read by context, see ``read_scaled_numbers``), and
``in`` only without one (``12in``), as ``5 in the evening`` is no length."""

US_SPELLING = {"metre": "meter", "litre": "liter"}
"""American spellings of the unit words (they sound the same; ``storyaudio script`` shows them)."""

PER = {"mo": "a month", "month": "a month", "yr": "a year", "year": "a year", "wk": "a week",
       "week": "a week", "day": "a day", "night": "a night", "hr": "an hour", "hour": "an hour",
       "h": "an hour", "min": "a minute", "minute": "a minute", "person": "per person",
       "head": "per head", "kg": "per kilogram", "lb": "per pound", "km": "per kilometre",
       "mile": "per mile", "litre": "per litre", "liter": "per liter", "l": "per litre",
       "unit": "per unit", "item": "per item", "child": "per child", "ticket": "per ticket"}
"""A slash after an amount means "per": ``$20/mo``, ``£3/kg``, ``$12/hr``."""

PER_UNIT = {"mo": "month", "month": "month", "yr": "year", "year": "year", "wk": "week", "week": "week",
            "day": "day", "night": "night", "hr": "hour", "hour": "hour", "h": "hour", "min": "minute",
            "person": "person", "head": "head", "capita": "capita", "km2": "square kilometre",
            "sq km": "square kilometre", "sq mi": "square mile", "mi²": "square mile"}
"""After a bare number a slash is "per" and the unit's name (``10/day`` -> ``ten per day``), with the
names of :data:`UNITS` too (``579.2/km²`` -> ``... per square kilometre``)."""

NOT_A_NOUN = frozenset({
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but",
    "per", "each", "away", "long", "high", "tall", "wide", "deep", "thick", "north", "south", "east",
    "west", "ahead", "behind", "apart", "off", "above", "below", "under", "over", "later", "earlier",
    "ago", "old", "more", "less", "before", "after", "is", "was", "are", "were", "be", "been", "has",
    "had", "have", "that", "this", "it", "as", "than", "up", "down", "out", "into", "across", "here",
    "there", "now", "then", "so", "too", "only", "just", "overnight", "today", "every", "all",
    "nearer", "further", "farther", "short", "round", "around", "along",
})
"""Words after an amount that show it is not attributive (``1 km away``, ``$5 to fix``); before
any other lower-case word an amount after ``a``/``an``/``the`` is said in the singular, as an
adjective is (``a 10 km walk``, ``a £20 gift``)."""

PRONOUNS = frozenset({"i", "you", "he", "she", "we", "they", "my", "your", "his", "her", "our", "their",
                      "its", "these", "those", "some", "any", "no", "when", "where", "if", "while", "why",
                      "how", "what", "who", "which", "did", "do", "does", "can", "will", "would", "should",
                      "could", "may", "might", "must"})
"""Capitalised words at a sentence's start that name nothing: ``The IV drip`` has no sequel number."""

METRE_CONTEXT = frozenset({
    "high", "tall", "long", "wide", "deep", "thick", "away", "above", "below", "under", "across",
    "up", "down", "sprint", "race", "final", "hurdles", "freestyle", "backstroke", "butterfly",
    "breaststroke", "relay", "dash", "mark", "swim", "run", "overnight", "further", "short", "from",
    "off", "inland", "offshore", "underground", "underwater", "before", "after", "in", "of",
})
"""After ``5m`` these words mean metres; a plural noun after it means million (``5m people``)."""

MILLION_NOUNS = frozenset({"people", "children", "men", "women", "adults", "youth", "cattle", "sheep",
                           "fish", "livestock", "poultry", "staff", "police", "worth", "budget", "fund",
                           "grant", "deal", "contract", "loan", "debt", "project", "investment", "scheme",
                           "plan", "programme", "program", "appeal", "donation", "bill", "payment",
                           "package", "settlement", "bid", "transfer", "salary", "bonus", "profit", "loss",
                           "turnover", "revenue", "deficit", "windfall", "gift", "pledge", "campaign"})
"""Nouns after ``5m`` that are counted (or paid) in millions though they do not end in ``s``."""

K_RACES = frozenset({"run", "race", "walk", "swim", "ride", "challenge", "fun", "trail"})
"""``5k run``: the distance, said "five K"."""

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SHORT_MONTHS = {month[:3]: month for month in MONTHS} | {"Sept": "September"}
"""Month names, and their short forms as news copy writes them (``Jan.``, ``Sept.``)."""

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SHORT_WEEKDAYS = {day[:3]: day for day in WEEKDAYS} | {"Tues": "Tuesday", "Thur": "Thursday",
                                                      "Thurs": "Thursday", "Weds": "Wednesday"}
"""Weekdays as opening times write them (``Mon–Fri``); expanded only in a range or before a date,
since ``Sun`` and ``Sat`` are words too."""

FRACTION_WORDS = {2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters")}
"""Denominators with names of their own; other fractions use the ordinal (``tenth``, ``tenths``)."""

VULGAR_FRACTIONS = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5),
                    "⅖": (2, 5), "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8),
                    "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8)}

DIGIT_WORDS = ("oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
"""Telephone numbers are read digit by digit, zero as "oh", as people read them aloud."""

REGNAL_NAMES = frozenset({
    "Alexander", "Alfonso", "Amenhotep", "Anne", "Benedict", "Boniface", "Carlos", "Casimir",
    "Catherine", "Charles", "Christian", "Clement", "Constantine", "Cyrus", "Darius", "David",
    "Edward", "Elizabeth", "Ferdinand", "Francis", "Frederick", "Frederik", "George", "Gregory",
    "Gustav", "Gustavus", "Haakon", "Harald", "Henry", "Innocent", "Isabella", "Ivan", "James", "Joanna",
    "John", "Juan", "Julius", "Leo", "Leopold", "Louis", "Ludwig", "Margaret", "Maria",
    "Mary", "Mehmed", "Mohammed", "Murad", "Napoleon", "Nicholas", "Olaf", "Olav", "Otto", "Paul",
    "Pedro", "Peter", "Philip", "Philippe", "Pius", "Ptolemy", "Rama", "Ramesses", "Ramses", "Richard",
    "Robert", "Rudolf", "Selim", "Sixtus", "Stephen", "Suleiman", "Thutmose", "Urban", "Victor",
    "Victoria", "Wilhelm", "Willem", "William",
})
"""Names that kings, queens and popes share: ``Henry VIII`` is "Henry the Eighth"."""

NUMBERED_WORDS = frozenset({
    "chapter", "part", "book", "volume", "vol", "act", "scene", "section", "sect", "article", "appendix",
    "annex", "psalm", "canto", "episode", "stage", "phase", "type", "class", "category", "level", "series",
    "mark", "war", "schedule", "ch", "lesson", "division", "tier", "bowl", "grade", "league", "figure",
    "fig", "plate", "table",
})
"""Words after which a Roman numeral is a number (``Chapter XIV``, ``World War II``, ``chapter xiv``).
A one-letter numeral counts only after a capitalised word and only ``I``, ``V`` or ``X``
(``Part I``; ``in class I learned`` and ``Part D`` stay as they are)."""

WORD_ACRONYMS = frozenset({
    "NATO", "UNICEF", "NASA", "AIDS", "COVID", "FIFA", "UNESCO", "OPEC", "UEFA", "ASEAN", "NAFTA", "SARS", "MERS",
    "ISIS", "OXFAM", "CAFOD", "UKIP", "DEFRA", "OFSTED", "OFCOM", "OFGEM", "ACAS", "LASER", "RADAR", "SCUBA",
    "NIMBY", "GIF", "PIN", "SIM", "RAM", "ROM", "LAN", "WAN", "SWAT", "TESCO", "IKEA", "LEGO", "INTERPOL",
    "EUROPOL", "FEMA", "NASDAQ", "UCAS", "ERASMUS", "ANZAC", "BAFTA", "WASH", "SEND", "MENCAP", "UNAIDS",
    "UNITAID", "GAVI", "FRONTEX", "MONUSCO", "AMISOM", "ECOWAS", "MERCOSUR", "CARICOM", "OSCE", "NEET", "ZIP",
    "CAPTCHA", "PAC", "SNAP", "FOMO", "YOLO", "SPAR", "ASDA", "EFTA", "SAGE", "NICE", "CERN", "IPCC", "WIFI",
})
"""Initialisms said as words, which stay as written (the voice reads them as words)."""

SMALL_WORDS = frozenset({
    "A", "I", "NO", "SO", "GO", "OR", "AN", "IS", "AS", "AT", "BE", "BY", "DO", "HE", "IF", "IN", "IT", "ME", "MY",
    "OF", "ON", "TO", "UP", "WE", "OH", "HI", "OK", "AM", "THE", "AND", "FOR", "ARE", "BUT", "NOT", "YOU", "ALL",
    "ANY", "CAN", "HAD", "HER", "WAS", "ONE", "OUR", "OUT", "DAY", "GET", "HAS", "HIM", "HIS", "HOW", "MAN", "NEW",
    "NOW", "OLD", "SEE", "TWO", "WAY", "BOY", "DID", "ITS", "LET", "PUT", "SAY", "SHE", "TOO", "USE", "YES", "BIG",
    "RUN", "END", "WHY", "TRY", "ASK", "MEN", "OFF", "RED", "TOP", "HOT", "CUT", "SET", "BAD", "FAR", "FEW", "GOT",
    "LOT", "OWN", "SAT", "SIX", "TEN", "YET", "AGO", "ART", "BED", "BOX", "CAR", "CRY", "DOG", "EAT", "EYE", "FUN",
    "GOD", "GUN", "HIT", "JOB", "LAW", "LAY", "LEG", "LIE", "MAP", "MUM", "DAD", "OIL", "PAY", "SEA", "SIT", "SKY",
    "SON", "SUN", "TAX", "TEA", "WAR", "WIN", "WON", "HELP", "STOP", "GIVE", "ACT", "AID", "AIR", "ARM",
    "BAN", "BID", "BUY", "CUP", "DUE", "EGG", "FAN", "FIT", "FLY", "GAS", "HAT", "ICE", "ILL", "KEY", "KID",
    "LOW", "MAD", "MIX", "NET", "NOR", "ODD", "PEN", "PET", "POT", "RAW", "RID", "ROW", "SAD", "SEW", "SPY", "TIE",
    "TIP", "TOY", "VOW", "WET", "WOW", "YEAH", "WHAT", "MUST",
})
"""Words written in capitals for emphasis (``I said NO``), which are not initialisms."""

GREEK_LETTERS = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "θ": "theta",
                 "λ": "lambda", "μ": "mu", "π": "pi", "σ": "sigma", "τ": "tau", "φ": "phi", "χ": "chi",
                 "ψ": "psi", "ω": "omega", "Δ": "delta", "Σ": "sigma", "Ω": "omega"}
"""Greek letters in science copy, said by name."""

GIVEN_NAMES = frozenset({
    "John", "James", "William", "Robert", "Charles", "George", "Henry", "Thomas", "Richard", "Joseph", "Edward",
    "Frederick", "Louis", "Philip", "David", "Michael", "Paul", "Peter", "Andrew", "Arthur", "Albert", "Alfred",
    "Francis", "Samuel", "Daniel", "Walter", "Harold", "Howard", "Nelson", "Cornelius", "Jacob", "Benjamin",
    "Theodore", "Marshall", "Hugh", "Ralph", "Roger", "Stephen", "Mark", "Matthew", "Christopher", "Alexander",
    "Anthony", "Lawrence", "Eugene", "Harry", "Frank", "Kenneth", "Donald", "Ronald", "Edgar", "Ernest",
    "Gerald", "Randolph", "Archibald", "Augustus", "Bernard", "Carl", "Cecil", "Clarence", "Dwight", "Franklin",
    "Gordon", "Herbert", "Isaac", "Jesse", "Leonard", "Martin", "Nathaniel", "Oliver", "Oscar", "Patrick",
    "Raymond", "Simon", "Timothy", "Victor", "Vincent", "Wallace", "Warren", "Wesley", "Hamilton", "Ferdinand",
    "Gustav", "Friedrich", "Wilhelm", "Karl", "Juan", "Carlos", "Felipe", "Pedro", "Luis", "Alfonso", "Pius",
    "Benedict", "Gregory", "Leo", "Innocent", "Clement", "Elizabeth", "Mary", "Anne", "Victoria", "Catherine",
    "Margaret", "Jane", "Sarah", "Ann", "Alice", "Ida", "Eleanor",
})
"""Given names: a numeral after a name that starts with one is a person's (``John Jacob Astor IV``),
not a work's (``Final Fantasy VII``, ``Led Zeppelin IV``)."""
