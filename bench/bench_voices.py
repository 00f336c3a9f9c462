"""Which voice to choose: speed and intelligibility of every offline voice on this machine.

For each voice that can read now (profiles and installed catalogue voices; online ones are
left out), on the same 500 words: audio seconds made per wall second with one thread and with
two, the ratio to Piper's joe-medium (the default voice), and the word error rate of Whisper
tiny.en hearing its audio (English voices; lower is clearer). With the optional ``speechmos``
package installed, DNSMOS's overall quality too.

    python bench/bench_voices.py --words 500
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from typing import Any

import numpy as np

from sample_story import make_story
from storyaudio.engines import create_engine
from storyaudio.errors import StoryAudioError
from storyaudio.listen import canonical, load_recogniser, word_error_rate
from storyaudio.normalise import normalise
from storyaudio.script import split_sentences
from storyaudio.voices import VoiceProfile, list_voices


def speed(profile: VoiceProfile, sentences: list[str], threads: int) -> tuple[float, list[np.ndarray], int]:
    """Audio seconds per wall second speaking *sentences* with *threads*, the clips, their rate."""
    settings = {**profile.settings, "threads": threads}
    engine = create_engine(dataclasses.replace(profile, settings=settings))
    engine.synthesize("Warm up.")
    start = time.perf_counter()
    clips = [engine.synthesize(sentence) for sentence in sentences]
    wall = time.perf_counter() - start
    rate = clips[0].sample_rate
    return sum(len(clip.samples) for clip in clips) / rate / wall, [clip.samples for clip in clips], rate


def heard_wer(recogniser: Any, clips: list[np.ndarray], rate: int, sentences: list[str]) -> float:
    """Whisper tiny.en's word error rate on the clips, in percent."""
    from storyaudio.models import Clip

    errors = words = 0
    for samples, sentence in zip(clips, sentences, strict=True):
        pcm = Clip(samples, rate).at_rate(16_000).samples.astype(np.float32) / 32768.0
        segments, _ = recogniser.transcribe(pcm, language="en", beam_size=1, condition_on_previous_text=False)
        meant, heard = canonical(sentence), canonical(" ".join(s.text for s in segments))
        errors += round(word_error_rate(meant, heard) * len(meant))
        words += len(meant)
    return 100 * errors / max(words, 1)


def dnsmos(clips: list[np.ndarray], rate: int) -> str:
    try:
        import speechmos  # type: ignore[import-not-found]
    except ImportError:
        return "-"
    from storyaudio.models import Clip

    audio = np.concatenate([Clip(c, rate).at_rate(16_000).samples for c in clips]).astype(np.float32) / 32768.0
    return f"{speechmos.dnsmos.run(audio, sr=16_000)['ovrl_mos']:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=500)
    args = parser.parse_args()
    text = " ".join(p for p in make_story(args.words).split("\n\n") if not p.startswith("#"))
    sentences = [normalise(text[a:b], "en") for a, b in split_sentences(text)]
    recogniser = load_recogniser()
    rows = []
    for profile in list_voices():
        if profile.engine == "gtts":
            continue  # online: its speed is the network's
        try:
            one, clips, rate = speed(profile, sentences, 1)
            two, _, _ = speed(profile, sentences, 2)
        except StoryAudioError as error:
            print(f"{profile.name}: skipped ({error})")
            continue
        english = profile.language.lower().startswith("en")
        rows.append((profile.name, profile.language, one, two,
                     heard_wer(recogniser, clips, rate, sentences) if english else None, dnsmos(clips, rate)))
    base = next((row[2] for row in rows if row[0] == "default"), None)
    print(f"{len(sentences)} sentences, {sum(len(s.split()) for s in sentences)} spoken words\n")
    print(f"{'voice':<28} {'language':<8} {'x real time (1 thread)':>22} {'(2 threads)':>11} "
          f"{'vs joe':>7} {'tiny.en WER':>11} {'DNSMOS':>6}")
    for name, language, one, two, wer, mos in rows:
        ratio = f"{one / base:.2f}" if base else "-"
        shown_wer = f"{wer:.1f}%" if wer is not None else "-"
        print(f"{name:<28} {language:<8} {one:>22.1f} {two:>11.1f} {ratio:>7} {shown_wer:>11} {mos:>6}")


if __name__ == "__main__":
    main()
