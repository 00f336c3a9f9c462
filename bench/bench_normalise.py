"""How often the script says what a careful human reader would, judged by Piper's phonemes.

Scores storyaudio's normalisation on the corpora in tests/data/normalise/ (our own
written -> spoken pairs: English from news, charity and fiction copy in corpus-*.tsv;
Spanish, French, German, Italian and Portuguese in es.tsv, fr.tsv, de.tsv, it.tsv and
pt.tsv), per language and family, beside the bare voice (the written text handed to
the voice as it is), and lists the failures. Each language is judged by its own
espeak-ng voice. Target: at least 97% in each language.

    python bench/bench_normalise.py [--failures 40] [--family roman] [--language es]
"""

from __future__ import annotations

import argparse
import time
from itertools import groupby
from pathlib import Path

from storyaudio.lexicon import project_lexicon
from storyaudio.normalise.corpus import Pair, PhonemeJudge, load_corpus, score

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "normalise"
TARGET = 0.97


def primary(pair: Pair) -> str:
    return pair.language.split("-")[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--failures", type=int, default=40, help="how many failures to list")
    parser.add_argument("--family", help="score one family only")
    parser.add_argument("--language", help="score one language only (es, fr, de, it, pt, en)")
    args = parser.parse_args()
    pairs = load_corpus(sorted(CORPUS.glob("*.tsv")))
    if args.family:
        pairs = [pair for pair in pairs if pair.family == args.family]
    if args.language:
        pairs = [pair for pair in pairs if primary(pair) == args.language]
    judge = PhonemeJudge()
    lexicon = project_lexicon()
    failures = []
    for language, group in groupby(sorted(pairs, key=primary), key=primary):
        chosen = list(group)
        start = time.perf_counter()
        ours = score(chosen, judge, lexicon)
        elapsed = time.perf_counter() - start
        bare = score(chosen, judge, speak=lambda text, language, lexicon: text)
        print(f"\n[{language}] {'family':14} {'pairs':>5} {'storyaudio':>10} {'bare voice':>10}")
        for family in sorted(ours.total):
            print(f"     {family:14} {ours.total[family]:5d} {ours.family_accuracy(family):10.1%} "
                  f"{bare.family_accuracy(family):10.1%}")
        print(f"     {'overall':14} {sum(ours.total.values()):5d} {ours.accuracy:10.1%} {bare.accuracy:10.1%}"
              f"   target {TARGET:.0%}: {'met' if ours.accuracy >= TARGET else 'NOT met'}; scored in {elapsed:.2f} s")
        failures += ours.failures
    for failure in failures[: args.failures]:
        pair = failure.pair
        print(f"\n{pair.where} [{pair.family}, {pair.language}] {pair.written}\n"
              f"  said:     {failure.said}\n  expected: {pair.spoken}")


if __name__ == "__main__":
    main()
