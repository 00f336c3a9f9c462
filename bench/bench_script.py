"""How long reading and scripting a book-length story takes (target: 100,000 words under 10 s).

In English the story is bench/sample_story.py's; in Spanish, French, German, Italian or Portuguese
(``--language es``) it is the language's corpus sentences (tests/data/normalise/LANG.tsv) repeated,
so every one of its rule families is exercised.

    python bench/bench_script.py --words 100000 [--language es]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from sample_story import make_story
from storyaudio import read_story, write_script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--language", default="en", help="en (the sample story), or es, fr, de, it, pt")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.md"
        text = make_story(args.words) if args.language == "en" else corpus_story(args.language, args.words)
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        story = read_story(path)
        read_s = time.perf_counter() - start
        script = write_script(story)
        total_s = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    segments = len(script.segments)
    print(f"{args.words} words -> {len(script.chapters)} chapters, {segments} segments")
    print(f"read {read_s:.2f} s, read + script {total_s:.2f} s ({args.words / total_s:,.0f} words/s), "
          f"peak memory (RSS) {peak_mb:.0f} MB")
    print(f"target: under 10 s for 100,000 words -> {'met' if total_s * 100_000 / args.words < 10 else 'NOT met'}")


def corpus_story(language: str, words: int) -> str:
    """A Markdown story of about *words* words in *language*: its corpus sentences, four to a paragraph
    and five paragraphs to a chapter, over and over."""
    corpus = Path(__file__).resolve().parents[1] / "tests" / "data" / "normalise" / f"{language}.tsv"
    sentences = [line.split("\t")[2] for line in corpus.read_text(encoding="utf-8").splitlines()
                 if line and not line.startswith("#")]
    lines = [f"---\nlanguage: {language}\n---", "# Corpus", ""]
    count, index, paragraph = 0, 0, 0
    while count < words:
        if paragraph % 5 == 0:
            lines += [f"## {paragraph // 5 + 1}", ""]
        text = " ".join(sentences[(index + k) % len(sentences)] for k in range(4))
        index, paragraph, count = index + 4, paragraph + 1, count + len(text.split())
        lines += [text, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
