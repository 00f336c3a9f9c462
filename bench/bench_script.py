"""How long reading and scripting a book-length story takes (target: 100,000 words under 10 s).

    python bench/bench_script.py --words 100000
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.md"
        path.write_text(make_story(args.words))
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


if __name__ == "__main__":
    main()
