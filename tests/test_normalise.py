"""Every speech-normalisation rule, with the spoken form it must produce."""

from __future__ import annotations

import pytest

from storyaudio.normalise import normalise


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # percentages and decimals
        ("A 78% reduction.", "A seventy-eight percent reduction."),
        ("It fell to 2.2%.", "It fell to two point two percent."),
        ("Costs rose 3.5 times.", "Costs rose three point five times."),
        # years, decades and ranges
        ("Back in 2014, it began.", "Back in twenty fourteen, it began."),
        ("It was 2000.", "It was two thousand."),
        ("In the 1990s it grew.", "In the nineteen nineties it grew."),
        ("From 2014-2022 we worked.", "From twenty fourteen to twenty twenty-two we worked."),
        ("Pages 10\u201312.", "Pages ten to twelve."),
        # ordinals, cardinals with separators
        ("The 21st time and the 3rd.", "The twenty-first time and the third."),
        ("We met 1,200 people.", "We met one thousand two hundred people."),
        ("One in 10 children.", "One in ten children."),
        # currency
        ("It cost $1,200.", "It cost one thousand two hundred dollars."),
        ("A loaf is \u00a32.50.", "A loaf is two pounds fifty pence."),
        ("They raised \u20ac1 only.", "They raised one euro only."),
        ("A $1.2 million grant.", "A one point two million dollar grant."),
        ("It cost $5m, then $2.5bn.", "It cost five million dollars, then two point five billion dollars."),
        ("A \u00a3300k fund.", "A three hundred thousand pound fund."),
        ("Fees of US$5 and A$1.", "Fees of five U S dollars and one Australian dollar."),
        ("It was $5 a day.", "It was five dollars a day."),
        # units after numbers, singular for exactly one
        ("It is 1 km away, then 3.5 km.", "It is one kilometer away, then three point five kilometers."),
        ("A tap within 200 m of home.", "A tap within two hundred meters of home."),
        ("Carry 1 kg and 20kg.", "Carry one kilogram and twenty kilograms."),
        ("Some 12 km\u00b2 and 3,000 ha.", "Some twelve square kilometers and three thousand hectares."),
        ("At 120 km/h.", "At one hundred twenty kilometers per hour."),
        ("It was -5\u00b0C, then 1\u00b0C.", "It was minus five degrees Celsius, then one degree Celsius."),
        ("A 5m budget.", "A five million budget."),  # five million or five metres: left as written
        # times
        ("At 9 p.m. we left.", "At nine p.m. we left."),
        ("Meet at 10:05 or 7am.", "Meet at ten oh five or seven a.m."),
        ("We left at 9pm.", "We left at nine p.m."),
        ("It opens at 9:00.", "It opens at nine o'clock."),
        ("Open 10am-2pm, or 9:30-11am.", "Open ten a.m. to two p.m., or nine thirty to eleven a.m."),
        # dates
        ("On 3 March and Sept. 9.", "On the third of March and September ninth."),
        ("The 5 Dec. meeting, May 5, 2024.", "The fifth of December meeting, May fifth, twenty twenty-four."),
        ("Bathe 5 May.", "Bathe the fifth of May."),
        # numbers joined by signs, and telephone numbers
        ("Help is there 24/7.", "Help is there twenty-four seven."),
        ("About 1/2 of them, 3/4 and 1/10.", "About one half of them, three quarters and one tenth."),
        ("In 2023/24 it grew 3x.", "In twenty twenty-three to twenty-four it grew three times."),
        ("A ratio of 2:1 in a 4x4.", "A ratio of two to one in a four by four."),
        ("On 12/03/2024.", "On December third, twenty twenty-four."),
        ("Call +44 20 7946 0000.", "Call plus four four, two oh, seven nine four six, oh oh oh oh."),
        ("She was No.1 in class.", "She was number one in class."),
        # abbreviations and titles
        ("Dr. Osei met Mr. Ali.", "Doctor Osei met Mister Ali."),
        ("Fruit, e.g. mangoes, etc.", "Fruit, for example mangoes, et cetera."),
        ("On St. Anne's Day, on Main St.", "On Saint Anne's Day, on Main Street."),
        ("Room No. 7.", "Room number seven."),
        ("Prof Ode met Ms Lee, c. 1900.", "Professor Ode met Miz Lee, circa nineteen hundred."),
        ("Us vs them, on 40 m2.", "Us versus them, on forty square meters."),
        # symbols
        ("Salt & bread.", "Salt and bread."),
        ("It was 25\u00b0C outside.", "It was twenty-five degrees Celsius outside."),
        ("Tea and/or coffee.", "Tea and or coffee."),
        ("Ages 5 + 3.", "Ages five plus three."),
        # footnotes, URLs, e-mail
        ("Survivors like Francesca* spoke.", "Survivors like Francesca spoke."),
        ("As reported[3], it worked.", "As reported, it worked."),
        ("See https://www.example.org/give?x=1 today.", "See w w w dot example dot org today."),
        ("Write to info@example.org now.", "Write to info at example dot org now."),
        # quotes, dashes, emoji
        ("\u201cHello,\u201d she said \u2014 twice.", '"Hello," she said, twice.'),
        # asides in dashes or brackets get the pauses of commas
        ("It was - as expected - late (mostly).", "It was, as expected, late, mostly."),
        ("The rate (about 5%) fell.", "The rate, about five percent, fell."),
        ("Thank you \U0001F64F\U0001F3FD!", "Thank you!"),
    ],
)
def test_rule(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


def test_nothing_speakable_is_empty() -> None:
    assert normalise("\U0001F600 \U0001F680") == ""


def test_other_languages_get_numbers_in_their_own_words() -> None:
    assert normalise("Il y a 78% des gens.", "fr") == "Il y a soixante-dix-huit pour cent des gens."
    assert normalise("Es waren 3 Kinder.", "de-DE") == "Es waren drei Kinder."


def test_control_and_bidi_characters_are_dropped() -> None:
    assert normalise("safe\u202etext\x07 here") == "safetext here"


@pytest.mark.parametrize(("written", "spoken"), [
    ("Call 0161-496-0000 today.", "Call oh one six one, four nine six, oh oh oh oh today."),
    ("Call 0161 496 0000 today.", "Call oh one six one, four nine six, oh oh oh oh today."),
    ("Pages 10-12 and 1960-1980.", "Pages ten to twelve and nineteen sixty to nineteen eighty."),
])
def test_telephone_shapes_win_over_ranges(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(("written", "language", "spoken"), [
    ("Es war -5 Grad kalt.", "de", "Es war minus fünf Grad kalt."),
    ("Il faisait -3 degrés.", "fr", "Il faisait moins trois degrés."),
    ("It was -5 today.", "en-GB", "It was minus five today."),
])
def test_a_minus_sign_is_spoken_in_every_language(written: str, language: str, spoken: str) -> None:
    assert normalise(written, language) == spoken
