"""The hibari engine: a second offline voice that builds with read-along, byte for byte the same
each time (real hibari audio, heard by nothing mocked)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import storyaudio
from storyaudio.engines import create_engine
from storyaudio.errors import VoiceError
from storyaudio.voices import load_voice

pytest.importorskip("hibari", reason="the hibari extra is not installed")

STORY = "# Dawn\n\nThe ferry left the harbour at dawn. Forty people waved from the quay.\n"


def test_hibari_builds_a_story_with_word_timings_twice_byte_identical(tmp_path: Path, cache_dir: Path) -> None:
    story = tmp_path / "dawn.md"
    story.write_text(STORY)
    mp3s = []
    for attempt in range(2):
        out = tmp_path / f"out{attempt}"
        # A fresh clip cache each time: the second build synthesises again, and must match.
        storyaudio.build([story], out, voice="hibari-heart", cache_dir=tmp_path / f"cache{attempt}", jobs=1)
        mp3s.append((out / "episodes/dawn/dawn.mp3").read_bytes())
        episode = json.loads((out / "episodes/dawn/episode.json").read_text())
        words = [word for cue in episode["cues"] for word in cue["words"]]
        # [start_ms, end_ms, first character, last character] of each word, in order, from hibari's durations
        assert len(words) >= 12 and all(a[1] <= b[0] + 1 for a, b in zip(words, words[1:], strict=False))
        assert not any(cue.get("words_estimated") for cue in episode["cues"])
        assert episode["credits"] == ["Read by a synthetic voice: hibari heart (distilled from Kokoro af_heart) "
                                      "(Apache-2.0)"]
    assert mp3s[0] == mp3s[1]


def test_hibari_trims_its_own_silence_and_says_where_each_word_is() -> None:
    engine = create_engine(load_voice("hibari-heart"))
    clip = engine.synthesize("The ferry left at dawn.")
    tail = clip.samples[-round(0.05 * clip.sample_rate):]
    assert np.abs(clip.samples).max() > 3000 and len(clip.words) == 5
    assert clip.words[-1][1] >= len(clip.samples) - len(tail) - clip.sample_rate // 10  # the last word ends late
    assert json.loads(engine.identity())["voice"] == "heart"


def test_a_hibari_voice_that_is_not_here_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HIBARI_HOME", str(tmp_path))  # an empty hibari cache: only "heart" is on this machine
    with pytest.raises(VoiceError, match="hibari voice 'emma' is not on this machine"):
        create_engine(load_voice("hibari:emma"))
    assert load_voice("hibari:emma").language == "en-GB"
