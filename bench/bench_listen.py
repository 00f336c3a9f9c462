"""What the listening check costs beside the build it checks (targets: at most 15% of a cold build,
and a re-check after editing one paragraph under 2% of the first check).

    python bench/bench_listen.py --words 1500
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import storyaudio
from sample_story import make_story
from storyaudio.cache import ClipCache
from storyaudio.listen import Listener, check_episode, load_recogniser
from storyaudio.publish import load_catalog


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=1500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        story, out, cache = root / "story.md", root / "out", root / "cache"
        text = make_story(args.words)
        story.write_text(text)
        start = time.perf_counter()
        (episode,) = storyaudio.build([story], out, cache_dir=cache, jobs=None)
        build_s = time.perf_counter() - start
        recogniser = load_recogniser()
        listener = Listener(recogniser, cache)
        start = time.perf_counter()
        check_episode(out, episode, listener, ClipCache(cache))
        check_s = time.perf_counter() - start
        chunks = listener.transcribed
        paragraphs = text.split("\n\n")
        middle = len(paragraphs) // 2
        paragraphs[middle] = paragraphs[middle].replace(".", ", they said.", 1)
        story.write_text("\n\n".join(paragraphs))
        storyaudio.build([story], out, cache_dir=cache)
        (episode,) = [e for e in load_catalog(out) if e.slug == episode.slug]
        listener.transcribed = 0
        start = time.perf_counter()
        check_episode(out, episode, listener, ClipCache(cache))
        recheck_s = time.perf_counter() - start
    audio_s = episode.duration_ms / 1000
    print(f"{args.words} words, {audio_s:.0f} s of audio, {chunks} chunks heard")
    print(f"cold build {build_s:.1f} s; check {check_s:.1f} s ({check_s / build_s:.2f} of the build, "
          f"{audio_s / check_s:.1f} audio s per s); target <= 0.15 -> "
          f"{'met' if check_s <= 0.15 * build_s else 'NOT met'}")
    print(f"re-check after one edited paragraph {recheck_s:.2f} s ({recheck_s / check_s:.3f} of the first check, "
          f"{listener.transcribed} chunk(s) heard again); target < 0.02 -> "
          f"{'met' if recheck_s < 0.02 * check_s else 'NOT met'}")


if __name__ == "__main__":
    main()
