"""The listening check, on real Piper audio heard by the real Whisper tiny.en model."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storyaudio.listen import canonical, longest_error_run, word_error_rate

from .conftest import DATA

pytest.importorskip("faster_whisper", reason="the listen extra is not installed")

STORY = """# The harbour

The storm passed in the night.

Fishermen came down to the beach at first light.

The boats were still there, tied to the posts.

By noon the nets were drying in the sun, and the market opened again.
"""


def storyaudio(*args: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storyaudio", *args], cwd=cwd, capture_output=True, text=True,
                          check=False, env={**os.environ, "STORYAUDIO_CACHE": str(cache)})


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "voices").mkdir()
    shutil.copy(DATA / "voices" / "steady.toml", tmp_path / "voices" / "steady.toml")
    (tmp_path / "storyaudio.toml").write_text('[show]\ntitle = "Harbour"\nvoice = "steady"\n')
    (tmp_path / "story.md").write_text(STORY)
    return tmp_path


def report(project: Path) -> dict:
    return json.loads((project / "out" / "episodes" / "the-harbour" / "listen.json").read_text())


def test_a_word_the_voice_says_wrongly_is_found_fixed_and_checked_again(project: Path) -> None:
    cache = project / "cache"
    (project / "voices" / "lexicon.toml").write_text('[words]\nmarket = "blorp fizzle wug"\n')  # made nonsense
    assert storyaudio("build", "story.md", "--out", "out", "--jobs", "1", cwd=project, cache=cache).returncode == 0
    first = storyaudio("check", "out", "--listen", cwd=project, cache=cache)
    sentences = report(project)["sentences"]
    assert sentences[0]["meant"].startswith("By noon") and sentences[0]["verdict"] == "voice", first.stdout
    assert "market" in sentences[0]["suggestion"]
    assert all(s["verdict"] == "clean" for s in sentences[1:]), sentences
    assert "By noon" in first.stdout and "lexicon: market" in first.stdout
    again = storyaudio("check", "out", "--listen", cwd=project, cache=cache)
    assert "transcribed 0 chunk(s)" in again.stdout  # heard before: nothing transcribed twice
    (project / "voices" / "lexicon.toml").write_text("[words]\n")  # fixed
    assert storyaudio("build", "story.md", "--out", "out", "--jobs", "1", cwd=project, cache=cache).returncode == 0
    fixed = storyaudio("check", "out", "--listen", cwd=project, cache=cache)
    assert all(s["verdict"] == "clean" for s in report(project)["sentences"]), report(project)
    assert "transcribed 1 chunk(s)" in fixed.stdout  # only the edited paragraph's chunk is heard again
    assert storyaudio("check", "out", "--listen", "--fail-over", "100", cwd=project, cache=cache).returncode in (0, 1)


def test_fail_over_fails_a_ci_job_when_too_much_is_misheard(project: Path) -> None:
    cache = project / "cache"
    (project / "voices" / "lexicon.toml").write_text('[words]\nboats = "zim zam zoo zee"\nnets = "quib quab"\n')
    assert storyaudio("build", "story.md", "--out", "out", "--jobs", "1", cwd=project, cache=cache).returncode == 0
    strict = storyaudio("check", "out", "--listen", "--fail-over", "1", cwd=project, cache=cache)
    assert strict.returncode == 1 and "is over 1%" in strict.stderr
    assert report(project)["error_rate"] > 1
    result = storyaudio("check", "out", "--listen", "--fail-over", "90", cwd=project, cache=cache)
    assert "is over" not in result.stderr


def test_bad_input_is_one_line(project: Path, tmp_path: Path) -> None:
    cache = project / "cache"
    assert storyaudio("build", "story.md", "--out", "out", "--jobs", "1", cwd=project, cache=cache).returncode == 0
    broken_model = tmp_path / "model"
    broken_model.mkdir()
    (broken_model / "model.bin").write_bytes(b"not a model")
    mp3 = project / "out" / "episodes" / "the-harbour" / "the-harbour.mp3"
    cases = [
        (["--model", str(tmp_path / "missing")], "not a CTranslate2 Whisper model folder"),
        (["--model", str(broken_model)], "cannot be loaded"),
        (["--episode", "nope"], "no episode 'nope'"),
    ]
    for options, message in cases:
        result = storyaudio("check", "out", "--listen", *options, cwd=project, cache=cache)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert message in result.stderr.strip().splitlines()[-1]
    mp3.write_bytes(b"\0" * 4096)  # and the cache gone: only the MP3 is left, and it does not decode
    result = storyaudio("check", "out", "--listen", cwd=project, cache=tmp_path / "empty-cache")
    assert result.returncode == 2 and "does not decode" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("meant", "heard"), [
    ("It cost $5 at 9 p.m.", "it cost five dollars at nine pm"),
    ("Last year 1,200 patients came.", "Last year 1 ,200 patients came"),
    ("On the 3rd of May, 2024.", "on the third of may twenty twenty four"),
    ("It cost £2.50.", "It cost two pounds fifty pence."),
    ("The IJM team.", "the I J M team"),
    ("At 9 p.m. sharp.", "At 9 p .m. sharp"),
])
def test_both_sides_are_made_canonical_alike(meant: str, heard: str) -> None:
    assert canonical(meant) == canonical(heard)


def test_a_hint_names_the_written_token_behind_a_misheard_word() -> None:
    """A lexicon entry is for what is written: ``70 = "..."``, never ``seventy = "..."``."""
    from storyaudio.listen import written_token

    assert written_token("We saw 70 boats.", "seventy") == "70"
    assert written_token("The market opened.", "market") == "market"
    assert written_token("Tea at 7.30pm today.", "thirty") == "7.30pm"


def test_the_recogniser_s_own_loops_are_not_counted_as_heard() -> None:
    from storyaudio.listen import HeardWord, drop_repeats

    def heard(text: str) -> list[HeardWord]:
        return [HeardWord(n, n + 0.5, word, 0.9) for n, word in enumerate(text.split())]

    said = [w.word for w in drop_repeats(heard("the boats came in. the boats came in. the boats came in. Thank you"))]
    assert said == "the boats came in. Thank you".split()
    assert [w.word for w in drop_repeats(heard("no, no, no, she said"))] == "no, no, no, she said".split()


def test_error_rates_and_garbled_runs() -> None:
    meant = "the boats were tied to the posts".split()
    assert word_error_rate(meant, meant) == 0
    assert word_error_rate(meant, "the boats were tide to the posts".split()) == pytest.approx(1 / 7)
    run, words = longest_error_run(meant, "the zim zam zoo were tied to the posts".split())
    assert run == 3 and words == ["boats"]


def test_what_is_heard_is_the_published_mp3_not_the_cache(project: Path) -> None:
    """A published MP3 damaged after the build is heard as it is: the cached clips stand in only
    while the file is byte for byte the one built."""
    cache = project / "cache"
    assert storyaudio("build", "story.md", "--out", "out", "--jobs", "1", cwd=project, cache=cache).returncode == 0
    first = storyaudio("check", "out", "--listen", cwd=project, cache=cache)
    assert "[audio]" not in first.stdout, first.stdout  # the file as built decodes whole
    clean = report(project)["error_rate"]
    mp3 = project / "out" / "episodes" / "the-harbour" / "the-harbour.mp3"
    data = bytearray(mp3.read_bytes())
    half = len(data) // 2
    data[half:] = random.Random(25).randbytes(len(data) - half)  # the same size: only the content differs
    mp3.write_bytes(bytes(data))
    result = storyaudio("check", "out", "--listen", cwd=project, cache=cache)
    assert "transcribed 0 chunk(s)" not in result.stdout  # heard again, from the file
    assert report(project)["error_rate"] > clean + 25, (clean, report(project)["error_rate"])
    plain = storyaudio("check", "out", cwd=project, cache=cache)
    assert plain.returncode == 1 and "the-harbour.mp3 decodes to" in plain.stdout, plain.stdout


def test_an_episode_in_another_language_is_skipped_by_the_english_recogniser(project: Path) -> None:
    cache = project / "cache"
    (project / "histoire.md").write_text("---\nlanguage: fr\n---\n# Le port\n\nLe bateau est parti à l'aube.\n")
    built = storyaudio("build", "histoire.md", "--out", "out", "--jobs", "1", "--voice", "steady", cwd=project,
                       cache=cache)
    assert built.returncode == 0, built.stderr
    result = storyaudio("check", "out", "--listen", cwd=project, cache=cache)
    assert ("le-port: skipped: the recogniser (Whisper tiny.en) hears English only, and this episode is in fr"
            in result.stdout), result.stdout
    assert not (project / "out/episodes/le-port/listen.json").exists()


SIBLING = """# The market

The market opened at dawn.

Traders set out fruit and bread on the tables.
"""


def test_build_listen_holds_back_a_garbled_episode_and_publishes_its_sibling(project: Path) -> None:
    """``build --listen --fail-over``: a publish gate. A lexicon that makes the first story's words
    nonsense keeps its new version out of the feed (the last good one stays), exit 1 names it with its
    worst sentences, and the sibling story publishes."""
    cache = project / "cache"
    (project / "market.md").write_text(SIBLING)
    good = storyaudio("build", "story.md", "market.md", "--out", "out", "--jobs", "1", "--listen", "--fail-over",
                      "15", cwd=project, cache=cache)
    assert good.returncode == 0, good.stderr
    published = project / "out" / "episodes" / "the-harbour"
    good_mp3 = (published / "the-harbour.mp3").read_bytes()
    assert (published / "listen.json").is_file()  # heard before publishing, and published with it

    (project / "voices" / "lexicon.toml").write_text(
        '[words]\nboats = "zim zam zoo zee"\nnets = "quib quab"\nFishermen = "glorp blat"\nstorm = "vrin"\n')
    (project / "market.md").write_text(SIBLING + "\nThe bread sold out by noon.\n")
    held = storyaudio("build", "story.md", "market.md", "--out", "out", "--jobs", "1", "--listen", "--fail-over",
                      "15", cwd=project, cache=cache)
    assert held.returncode == 1, held.stderr
    line = next(line for line in held.stderr.splitlines() if "the-harbour" in line)
    assert "held back" in line and "is over 15%" in line and "heard as" in line
    assert "Traceback" not in held.stderr
    assert (published / "the-harbour.mp3").read_bytes() == good_mp3  # the last good version stays
    feed = (project / "out" / "feed.xml").read_text()
    assert "The bread sold out by noon." in (project / "out" / "episodes" / "the-market" / "transcript.vtt").read_text()
    assert feed.count("<item>") == 2
    assert not list((project / "out").glob(".staging*"))  # nothing half-written is left
