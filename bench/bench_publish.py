"""How long regenerating the feed and site takes for a big back catalogue (target: 2,000 under 2 s).

    python bench/bench_publish.py --episodes 2000

Writes a catalog of synthetic episodes (each with 40 transcript cues and 3
chapters, no audio) and times :func:`storyaudio.publish.publish` on it.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from storyaudio.models import ChapterMark, Cue, Episode
from storyaudio.publish import publish, save_episode
from storyaudio.settings import Show


def fake_episode(number: int) -> Episode:
    cues = tuple(Cue(i * 3000, i * 3000 + 2500, f"Sentence {i} of episode {number}, read aloud.",
                     "sentence", i // 14) for i in range(40))
    chapters = tuple(ChapterMark(f"Part {c + 1}", c * 42000, (c + 1) * 42000) for c in range(3))
    return Episode(
        slug=f"episode-{number:05d}", title=f"Episode {number}", guid=f"guid-{number}",
        pub_date=f"Mon, {1 + number % 28:02d} Jan 2024 12:00:00 +0000", duration_ms=126000,
        size_bytes=1_000_000 + number, audio_file=f"episode-{number:05d}.mp3",
        chapters=chapters, cues=cues, description="A story, read aloud.",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--episodes", type=int, default=2000)
    args = parser.parse_args()
    show = Show(base_url="https://example.org/audio/", owner_email="podcast@example.org")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for number in range(args.episodes):
            save_episode(out, fake_episode(number))
        publish(out, show)  # first run writes the artwork and show.json
        start = time.perf_counter()
        publish(out, show)
        seconds = time.perf_counter() - start
        feed_kb = (out / "feed.xml").stat().st_size / 1024
    print(f"{args.episodes} episodes: feed and site regenerated in {seconds:.2f} s "
          f"({feed_kb:.0f} KB feed); target under 2 s for 2,000 -> "
          f"{'met' if seconds * 2000 / args.episodes < 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
