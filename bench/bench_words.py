"""What word timings cost: Piper with its alignments and the word mapping, against Piper without.

Speaks the same sentences (from the sample story) through both, interleaved sentence by sentence
so the machine's noise falls on both alike, with the steady voice (no random noise, so both make
the same audio), and prints the time of each, the ratio and audio seconds per wall second.
Target: word timings cost at most 3% of synthesis time.

    python bench/bench_words.py [--words 600] [--rounds 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

import storyaudio
from sample_story import make_story
from storyaudio.voices import read_profile

STEADY = Path(__file__).resolve().parents[1] / "tests" / "data" / "voices" / "steady.toml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=600, help="length of the sample story")
    parser.add_argument("--rounds", type=int, default=3, help="times each sentence is spoken by each")
    args = parser.parse_args()
    from piper import PiperVoice, SynthesisConfig

    path = Path("/tmp/bench-words.md")
    path.write_text(make_story(args.words))
    segments = storyaudio.write_script(storyaudio.read_story(path)).segments
    aligned = storyaudio.create_engine(read_profile(STEADY))
    plain = PiperVoice.load(aligned.model_path, aligned.config_path)
    config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0, normalize_audio=False)
    aligned.synthesize("Warm up.")
    list(plain.synthesize("Warm up.", syn_config=config))
    with_words = without = 0.0
    audio_s = 0.0
    words = same = 0
    for _ in range(args.rounds):
        for segment in segments:
            start = time.perf_counter()
            clip = aligned.synthesize(segment.spoken)
            with_words += time.perf_counter() - start
            start = time.perf_counter()
            samples = np.concatenate([c.audio_int16_array for c in plain.synthesize(segment.spoken,
                                                                                    syn_config=config)])
            without += time.perf_counter() - start
            audio_s += len(clip.samples) / clip.sample_rate
            words += len(clip.words)
            same += bool(np.array_equal(samples, clip.samples))
    total = args.rounds * len(segments)
    print(f"{total} sentences, {words} words timed, {audio_s:.0f} s of audio; identical audio in {same}/{total}")
    print(f"piper without alignments: {without:7.2f} s  ({audio_s / without:5.1f} audio s per s)")
    print(f"piper with word timings:  {with_words:7.2f} s  ({audio_s / with_words:5.1f} audio s per s)")
    cost = with_words / without - 1
    print(f"word timings cost {cost:+.1%} of synthesis time; target at most +3% -> "
          f"{'met' if cost <= 0.03 else 'NOT met'}")


if __name__ == "__main__":
    main()
