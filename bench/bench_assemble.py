"""Assembly cost per audio minute and peak memory, short episode against a long one.

    python bench/bench_assemble.py --short 5 --long 180

Synthesises a few sentences once, then assembles (timeline, loudness, MP3,
tags, side files) episodes of the given lengths in minutes from those clips,
each in its own process so peak memory is its own. Targets (issue 5): time
per audio minute within 20% from short to long; peak memory of the long one
within 100 MB of the short one.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import storyaudio
from storyaudio.assemble import assemble
from storyaudio.cache import ClipCache
from storyaudio.models import Chapter, Paragraph, Script, ScriptChapter, Segment, Story
from storyaudio.synthesize import synthesize_to_cache

SENTENCES = [
    "The ferry left the jetty just after nine.",
    "Grace counted the vaccine boxes twice before she sat down.",
    "On the far bank, a line of torches showed where the families waited.",
    "Nobody spoke much during the crossing.",
]


def episode_of(minutes: float, cache: ClipCache) -> tuple[Script, list]:
    """A script of *minutes* of audio, cycling a few cached sentences (ten per chapter)."""
    engine = storyaudio.create_engine(storyaudio.load_voice())
    base = [Segment(0, "sentence", text, text, 0, len(text), 300) for text in SENTENCES]
    refs = synthesize_to_cache(base, engine, cache)
    per_cycle = sum(ref.duration_ms + 300 for ref in refs)
    count = int(minutes * 60_000 / per_cycle * len(base)) + 1
    segments = [Segment(i // 10, "sentence", base[i % 4].source, base[i % 4].spoken, 0, 1, 300)
                for i in range(count)]
    chapters = tuple(ScriptChapter(f"Part {c + 1}", tuple(s for s in segments if s.chapter == c))
                     for c in range(segments[-1].chapter + 1))
    story = Story("Bench", (Chapter(None, (Paragraph("x"),)),), slug="bench")
    return Script(story, chapters), [refs[i % 4] for i in range(count)]


def child(minutes: float, cache_dir: str, out: str) -> None:
    cache = ClipCache(Path(cache_dir))
    script, clips = episode_of(minutes, cache)
    start = time.perf_counter()
    episode = assemble(script, clips, Path(out), album="Bench", guid="g", pub_date="d")
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "audio_min": episode.duration_ms / 60_000, "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--short", type=float, default=5)
    parser.add_argument("--long", type=float, default=180)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(float(args.child[0]), args.child[1], args.child[2])
        return
    with tempfile.TemporaryDirectory() as tmp:
        episode_of(0.1, ClipCache(Path(tmp)))  # synthesise the sentences once, here, not in the children
        results = {}
        for minutes in (args.short, args.long):
            output = subprocess.run([sys.executable, __file__, "--child", str(minutes), tmp, f"{tmp}/out{minutes}"],
                                    check=True, capture_output=True, text=True).stdout
            results[minutes] = json.loads(output.strip().splitlines()[-1])
    print(f"{'episode':<12}{'assemble s':>12}{'s per audio min':>17}{'peak MB':>9}")
    for r in results.values():
        print(f"{r['audio_min']:>7.1f} min{r['seconds']:>12.1f}{r['seconds'] / r['audio_min']:>17.3f}"
              f"{r['peak_mb']:>9.0f}")
    short, long = results[args.short], results[args.long]
    ratio = (long["seconds"] / long["audio_min"]) / (short["seconds"] / short["audio_min"])
    print(f"time per minute, long / short: {ratio:.2f} (target within 0.8 to 1.2)")
    print(f"peak memory, long - short: {long['peak_mb'] - short['peak_mb']:.0f} MB (target under 100)")


if __name__ == "__main__":
    main()
