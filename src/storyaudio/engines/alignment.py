"""From Piper's phoneme alignments to the time of each spoken word.

Piper reports how many samples each phoneme takes. The words espeak-ng
heard are the runs of sounding phonemes between spaces and punctuation; but
espeak does not always keep our words apart: it joins small words to their
neighbour ("in the" -> ``ɪnðə``) and may split a long one. So the spoken
words are lined up with espeak's words by their phoneme counts (each spoken
word phonemized alone, which is cheap and cached): a group of spoken words
that espeak said as one word share its phonemes in proportion to their own
counts, and a spoken word espeak said as several words runs from the first
to the last of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]

MAX_GROUP = 4
"""Most words on one side of a join or split; longer ones mean the alignment went wrong."""

_BAND = 12
"""How far (in words) the alignment may stray from the diagonal; it keeps the search linear."""

_STEPS = [(1, k) for k in range(1, MAX_GROUP + 1)] + [(k, 1) for k in range(2, MAX_GROUP + 1)]
"""The groups the alignment may make: one spoken word against 1 to 4 of espeak's, or 2 to 4 against one."""


@dataclass(frozen=True)
class Phone:
    """One phoneme as Piper said it: its symbol and its samples in the clip."""

    symbol: str
    start: int
    end: int

    @property
    def sounds(self) -> bool:
        """True for phonemes of a word (IPA letters and their marks), False for spaces,
        punctuation and Piper's start and end markers."""
        return self.symbol.isalpha()


class PhonemeCounts:
    """How many sounding phonemes a word has when said alone, remembered (stories repeat their
    words): the *phonemize* of any engine that says words as runs of phoneme symbols."""

    MOST = 100_000

    def __init__(self, phonemize: Callable[[str], Iterable[Iterable[str]]]) -> None:
        self.phonemize = phonemize
        self.counts: dict[str, int] = {}

    def __call__(self, word: str) -> int:
        count = self.counts.get(word)
        if count is None:
            count = sum(symbol.isalpha() for sentence in self.phonemize(word) for symbol in sentence)
            if len(self.counts) < self.MOST:
                self.counts[word] = count
        return count


def espeak_words(phones: Sequence[Phone]) -> list[list[Phone]]:
    """The runs of sounding phonemes: the words as espeak said them."""
    words: list[list[Phone]] = []
    current: list[Phone] = []
    for phone in phones:
        if phone.sounds:
            current.append(phone)
        elif current:
            words.append(current)
            current = []
    if current:
        words.append(current)
    return words


def word_samples(phones: Sequence[Phone], words: Sequence[str],
                 phoneme_count: Callable[[str], int]) -> tuple[Span, ...] | None:
    """The sample span of each of *words* in the clip *phones* describe, or None when they
    cannot be lined up (then the caller estimates).

    *phoneme_count* says how many phonemes a word has when said alone.
    """
    heard = espeak_words(phones)
    if not words or not heard:
        return None
    counts = [max(phoneme_count(word), 1) for word in words]
    groups = _line_up(counts, [len(word) for word in heard])
    if groups is None:
        return None
    spans: list[Span] = []
    for (s1, s2), (h1, h2) in groups:
        if s2 - s1 == 1:
            spans.append((heard[h1][0].start, heard[h2 - 1][-1].end))
            continue
        run = heard[h1]  # several spoken words said as one espeak word: share its phonemes
        total = sum(counts[s1:s2])
        edges = [0]
        for index in range(s1, s2):
            edges.append(round((sum(counts[s1:index + 1])) / total * len(run)))
        for a, b in zip(edges[:-1], edges[1:], strict=True):
            a, b = min(a, len(run) - 1), max(min(b, len(run)), min(a, len(run) - 1) + 1)
            spans.append((run[a].start, run[b - 1].end))
    return tuple(spans)


def _line_up(said: Sequence[int], heard: Sequence[int]) -> list[tuple[Span, Span]] | None:
    """Group spoken words (phoneme counts *said*) against espeak's words (*heard*): each group
    is one word against one or more, or several against one; the grouping whose phoneme counts
    agree best wins (a dynamic programme over both sequences, kept to a band)."""
    n, m = len(said), len(heard)
    said_sum, heard_sum = [0], [0]
    for value in said:
        said_sum.append(said_sum[-1] + value)
    for value in heard:
        heard_sum.append(heard_sum[-1] + value)
    infinity = float("inf")
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    band = _BAND + abs(n - m)
    for i in range(n + 1):
        for j in range(max(0, i - band), min(m, i + band) + 1):
            cost = best.get((i, j), infinity)
            if cost == infinity:
                continue
            for di, dj in _STEPS:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                mismatch = abs((said_sum[a] - said_sum[i]) - (heard_sum[b] - heard_sum[j]))
                step = mismatch + 0.5 * (di + dj - 2)  # a join or split costs a little, so 1:1 wins ties
                if cost + step < best.get((a, b), infinity):
                    best[(a, b)] = cost + step
                    back[(a, b)] = (i, j)
    if (n, m) not in best:
        return None
    groups: list[tuple[Span, Span]] = []
    at = (n, m)
    while at != (0, 0):
        previous = back[at]
        groups.append(((previous[0], at[0]), (previous[1], at[1])))
        at = previous
    return groups[::-1]
