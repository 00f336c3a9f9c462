"""Frame times of the player's word highlight on a three-hour episode, in real Chromium, at 2x.

Makes a three-hour episode without synthesis (silent MP3 from ffmpeg, about 30,000 words timed
as a narrator would say them, in sentences and paragraphs), publishes it with the real page
templates, serves it with `storyaudio serve`, plays it at double speed from the middle and
records every animation frame for a few seconds: frame-to-frame times, and the time the
highlight's own work took in each frame (measured around the player's per-frame update).

    python bench/bench_player.py [--hours 3] [--seconds 6]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from storyaudio.ffmpeg import ffmpeg_exe
from storyaudio.layout import episode_dir
from storyaudio.models import ChapterMark, Cue, Episode, WordTime
from storyaudio.publish import publish_episode
from storyaudio.settings import Show

WORDS = "the river rose in the night and by morning the families had gathered what they could carry".split()


def long_episode(hours: float) -> tuple[Episode, int]:
    """An episode of *hours* with a cue per sentence of 12 words, each word 330 ms with 40 ms gaps."""
    duration = round(hours * 3_600_000)
    cues, at, block, count = [], 500, 0, 0
    while at + 6000 < duration:
        text, words, position, start = [], [], 0, at
        for index in range(12):
            word = WORDS[(count + index) % len(WORDS)]
            words.append(WordTime(at, at + 330, position, position + len(word)))
            text.append(word)
            position += len(word) + 1
            at += 370
        count += 12
        chapter = min(at * 20 // duration, 19)
        cues.append(Cue(start, at, " ".join(text) + ".", "sentence", chapter, block, "", tuple(words)))
        block += count % 60 == 0
        at += 600
    chapters = tuple(ChapterMark(f"Part {n + 1}", n * duration // 20, (n + 1) * duration // 20) for n in range(20))
    episode = Episode("long", "A Long Night", "bench-long", "Tue, 01 Dec 2026 10:00:00 +0000", duration, 0,
                      "long.mp3", chapters, tuple(cues))
    return episode, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--seconds", type=float, default=6.0, help="how long to record frames")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(tempfile.mkdtemp(prefix="bench-player-"))
    episode, words = long_episode(args.hours)
    folder = episode_dir(out, episode.slug)
    folder.mkdir(parents=True)
    subprocess.run([ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                    "anullsrc=r=22050:cl=mono", "-t", str(episode.duration_ms / 1000), "-b:a", "16k",
                    str(folder / episode.audio_file)], check=True)
    publish_episode(out, Show(title="Bench"), episode, folder)
    page_bytes = (folder / "index.html").stat().st_size
    server = subprocess.Popen([sys.executable, "-m", "storyaudio", "serve", str(out), "--port", "0"],
                              stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    url = re.search(r"http://[\d.]+:\d+/", server.stdout.readline()).group(0)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--mute-audio"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(url + "episodes/long/")
            page.wait_for_load_state("load")
            page.wait_for_function("() => document.getElementById('audio').readyState >= 1")
            loaded = time.perf_counter() - start
            page.select_option("#speed", "2")
            found = page.evaluate("""seconds => new Promise(done => {
                const a = document.getElementById('audio'), frames = [], work = [], words = new Set();
                let last = 0, until = 0;
                a.currentTime = a.duration / 2;
                a.addEventListener('seeked', () => { a.play(); until = performance.now() + seconds * 1000;
                  requestAnimationFrame(step); }, {once: true});
                function step(now) {
                  if (last) frames.push(now - last);
                  last = now;
                  const t0 = performance.now();
                  a.dispatchEvent(new Event('timeupdate'));  // the player's full update, timed here
                  work.push(performance.now() - t0);
                  const w = document.querySelector('.w.now');
                  if (w) words.add(w.dataset.s);
                  if (now < until) requestAnimationFrame(step);
                  else { a.pause(); done({frames, work, lit: words.size}); }
                }
            })""", args.seconds)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    frames, work = sorted(found["frames"]), sorted(found["work"])

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(len(values) * q))]

    print(f"{args.hours:g} h episode, {words} words, page {page_bytes / 1e6:.1f} MB, loaded in {loaded:.1f} s")
    print(f"{len(frames)} frames at 2x: frame time median {pct(frames, 0.5):.1f} ms, 95th {pct(frames, 0.95):.1f} ms, "
          f"max {frames[-1]:.1f} ms; {sum(f > 25 for f in frames)} frames over 25 ms")
    print(f"player update per frame: median {pct(work, 0.5):.3f} ms, 95th {pct(work, 0.95):.3f} ms, "
          f"max {work[-1]:.3f} ms; {found['lit']} different words lit")


if __name__ == "__main__":
    main()
