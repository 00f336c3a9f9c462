"""Words: which spoken word came from which written word, and when each is heard.

Speech normalisation rewrites text freely (``£1.5m`` becomes "one point five
million pounds"), so a spoken word cannot be found in the written sentence
by position. :func:`written_spans` lines the two word sequences up instead:
words that read the same on both sides anchor the alignment, and the spoken
words between two anchors all come from the written words between them. A
read-along highlight can then light up ``£1.5m`` while its four spoken words
are said.

Timings are sample spans inside one clip. An engine that knows them (Piper,
from its phoneme alignments) returns them with the clip; for any other,
:func:`estimate_word_samples` spreads the words over the voiced part of the
clip by their length, and the clip says its timings are estimates.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

Span = tuple[int, int]
"""``(start, end)``: characters in a text, or samples in a clip, end exclusive."""

_TOKEN = re.compile(r"\S+")


def spoken_words(text: str) -> list[Span]:
    """The words of *text* as a voice says them: runs without spaces holding a letter or digit.

    A lone dash or symbol is not a word (the voice says nothing, or pauses, for it).
    """
    return [match.span() for match in _TOKEN.finditer(text) if any(ch.isalnum() for ch in match.group())]


def _comparable(word: str) -> str:
    """A word as both sides can agree on it: lower case, letters and digits only."""
    return "".join(ch for ch in word.casefold() if ch.isalnum())


def written_spans(written: str, spoken: str, say: Callable[[str], str] | None = None) -> tuple[Span, ...]:
    """For each word of *spoken* (as :func:`spoken_words` finds them), the span of *written* it reads.

    Words that match on both sides map one to one. Between two matches, the
    spoken words share the written words between them: one to one when the
    counts agree (``Dr`` -> ``Doctor``); else by how many words each written
    word makes said alone, when *say* (the normaliser) is given and the sums
    agree (``9:30pm, Dr.`` -> "nine thirty p.m.," and "Doctor"); otherwise all
    of them to the whole written stretch (``3`` -> "the third of"). A spoken
    word with nothing written across from it (a unit said after its number)
    belongs to the written word before it, or after it at the start.
    """
    said = spoken_words(spoken)
    shown = [match.span() for match in _TOKEN.finditer(written)]  # "&" is written and said ("and")
    if not said:
        return ()
    if not shown:
        return tuple((0, len(written)) for _ in said)
    said_keys = [_comparable(spoken[a:b]) for a, b in said]
    shown_keys = [_comparable(written[a:b]) for a, b in shown]
    spans: list[Span | None] = [None] * len(said)
    matcher = difflib.SequenceMatcher(None, said_keys, shown_keys, autojunk=False)
    for tag, s1, s2, w1, w2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and s2 - s1 == w2 - w1):
            for offset in range(s2 - s1):
                spans[s1 + offset] = shown[w1 + offset]
        elif tag == "replace":
            each = [len(spoken_words(say(written[a:b]))) for a, b in shown[w1:w2]] if say else []
            if sum(each) == s2 - s1:
                owners = [shown[w1 + k] for k, count in enumerate(each) for _ in range(count)]
                spans[s1:s2] = owners
                continue
            stretch = (shown[w1][0], shown[w2 - 1][1])
            for index in range(s1, s2):
                spans[index] = stretch
        # "insert" (spoken words with nothing written across) is filled in below; "delete"
        # (written words not said, such as a left-out web address) needs nothing.
    for index in range(len(spans)):
        if spans[index] is None and index > 0:
            spans[index] = spans[index - 1]
    following = next(span for span in spans if span is not None) if any(spans) else (0, len(written))
    return tuple(span if span is not None else following for span in spans)


def estimate_word_samples(samples: npt.NDArray[np.int16], words: Sequence[str]) -> tuple[Span, ...]:
    """Sample spans for *words* said in *samples*, spread over the voiced part by length.

    For engines that cannot say when each word is spoken. The voiced part
    runs from the first to the last sample louder than a fiftieth of the
    peak, so the silence a clip starts and ends with is not given to a word.
    """
    if not words:
        return ()
    level = np.abs(samples.astype(np.int32))
    loud = np.flatnonzero(level > max(int(level.max(initial=0)) // 50, 1))
    start, end = (int(loud[0]), int(loud[-1]) + 1) if loud.size else (0, len(samples))
    return spread_by_length([len(word) for word in words], start, end)


def spread_by_length(lengths: Sequence[int], start: int, end: int) -> tuple[Span, ...]:
    """Back-to-back spans from *start* to *end*, one per word, each as long as its word's length
    plus one (the space after it): the estimate for words nobody timed."""
    weights = np.array([length + 1 for length in lengths], dtype=np.float64)
    edges = start + np.round(np.concatenate([[0.0], np.cumsum(weights)]) / weights.sum() * (end - start))
    return tuple((int(a), int(b)) for a, b in zip(edges[:-1], edges[1:], strict=True))


def readings(written: str, spoken: str, spans: Sequence[Span]) -> list[tuple[Span, str]]:
    """Each written word (or stretch) with the spoken words read from it, in order:
    ``((12, 17), "one point five million pounds")`` for ``£1.5m``. *spans* is
    :func:`written_spans`' answer for the two texts."""
    found: list[tuple[Span, str]] = []
    for (a, b), owner in zip(spoken_words(spoken), spans, strict=True):
        if found and found[-1][0] == owner:
            found[-1] = (owner, f"{found[-1][1]} {spoken[a:b]}")
        else:
            found.append((owner, spoken[a:b]))
    return found
