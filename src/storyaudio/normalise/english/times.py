"""Times of day and durations: ``9 p.m.``, ``7.30pm``, ``1.59 p.m.``, ``10:05``, ``22:00``,
``9:30-11am``, ``at 5.30``, ``2:05:30``."""

from __future__ import annotations

import re

from ..numbers import number_words

O_CLOCK = "o'clock"  # with its apostrophe: Piper reads "o clock" as "oh clock"

_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?\s?m\b\.?(?=\W|$)", re.IGNORECASE)
_DURATION = re.compile(r"\b(\d{1,2}):([0-5]\d):([0-5]\d)\b")
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_DOTTED_CLOCK = re.compile(r"\b((?:at|by|until|till|from|before|after|around|about|from)\s+)"
                           r"(\d{1,2})\.([0-5]\d)\b(?![.,]\d)", re.IGNORECASE)
_TIME_RANGE = re.compile(r"(?<=[ap]\.m\.)\s?[-\u2013]\s?(?=\w)")
_RANGE_TO_TIME = re.compile(r"(?<=\d)\s?[-\u2013]\s?(?=\d{1,2}(?:[:.]\d{2})?\s?[ap]\.?\s?m\b)", re.IGNORECASE)


def _minutes(value: str, language: str) -> str:
    number = int(value)
    if number == 0:
        return ""
    return f"oh {number_words(value, language)}" if number < 10 else number_words(value, language)


def read_times(text: str, language: str) -> str:
    """``9 p.m.`` -> ``nine p.m.``; ``7.30pm`` -> ``seven thirty p.m.``; ``10:05`` -> ``ten oh five``;
    ``9:00`` -> ``nine o'clock``; ``22:00`` -> ``twenty-two hundred``; ``9:30-11am`` ->
    ``nine thirty to eleven a.m.``; ``at 5.30`` -> ``at five thirty``; ``2:05:30`` ->
    ``two hours five minutes thirty seconds``."""

    def meridiem(match: re.Match[str]) -> str:
        hour, mins, half = match.groups()
        if int(hour) > 12:
            return match.group(0)
        spoken = number_words(hour, language)
        if mins and int(mins):
            spoken += f" {_minutes(mins, language)}"
        # Always "a.m." (its full stop also ends a sentence it ended): Piper reads "a m"
        # as the article and a letter, and "AM" at a sentence's end as the word "am".
        return f"{spoken} {half.lower()}.m."

    def clock(match: re.Match[str]) -> str:
        hour, mins = match.groups()
        if int(hour) > 24 or int(mins) > 59:
            return match.group(0)
        if int(mins) == 0 and int(hour) > 12:
            return f"{number_words(hour, language)} hundred"  # 22:00, the twenty-four-hour clock
        return f"{number_words(hour, language)} {_minutes(mins, language) or O_CLOCK}"

    def dotted(match: re.Match[str]) -> str:
        before, hour, mins = match.groups()
        if int(hour) > 24:
            return match.group(0)
        return f"{before}{number_words(hour, language)} {_minutes(mins, language) or O_CLOCK}"

    def duration(match: re.Match[str]) -> str:
        parts = zip(match.groups(), ("hour", "minute", "second"), strict=True)
        return " ".join(f"{number_words(value, language)} {unit}{'' if int(value) == 1 else 's'}"
                        for value, unit in parts if int(value))

    text = _RANGE_TO_TIME.sub(" to ", text)
    text = _DURATION.sub(duration, _TIME.sub(meridiem, text))
    text = _DOTTED_CLOCK.sub(dotted, _CLOCK.sub(clock, text))
    return _TIME_RANGE.sub(" to ", text)
