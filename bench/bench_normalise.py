"""How often the script says what a careful human reader would, judged by Piper's phonemes.

Scores storyaudio's normalisation on the corpus in tests/data/normalise/ (our own
written -> spoken pairs from news, charity and fiction copy), per family and overall,
beside the bare voice (the written text handed to Piper as it is), and lists the
failures. Target: at least 97% overall.

    python bench/bench_normalise.py [--failures 40] [--family roman]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from storyaudio.lexicon import project_lexicon
from storyaudio.normalise.corpus import PhonemeJudge, load_corpus, score

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "normalise"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--failures", type=int, default=40, help="how many failures to list")
    parser.add_argument("--family", help="score one family only")
    args = parser.parse_args()
    pairs = load_corpus(sorted(CORPUS.glob("*.tsv")))
    if args.family:
        pairs = [pair for pair in pairs if pair.family == args.family]
    judge = PhonemeJudge()
    lexicon = project_lexicon()
    start = time.perf_counter()
    ours = score(pairs, judge, lexicon)
    elapsed = time.perf_counter() - start
    bare = score(pairs, judge, speak=lambda text, language, lexicon: text)
    print(f"{'family':14} {'pairs':>5} {'storyaudio':>10} {'bare voice':>10}")
    for family in sorted(ours.total):
        print(f"{family:14} {ours.total[family]:5d} {ours.family_accuracy(family):10.1%} "
              f"{bare.family_accuracy(family):10.1%}")
    print(f"{'overall':14} {sum(ours.total.values()):5d} {ours.accuracy:10.1%} {bare.accuracy:10.1%}")
    print(f"target: at least 97% -> {'met' if ours.accuracy >= 0.97 else 'NOT met'}; "
          f"scored in {elapsed:.2f} s")
    for failure in ours.failures[: args.failures]:
        pair = failure.pair
        print(f"\n{pair.where} [{pair.family}, {pair.language}] {pair.written}\n"
              f"  said:     {failure.said}\n  expected: {pair.spoken}")


if __name__ == "__main__":
    main()
