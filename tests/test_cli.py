"""The command line as a user runs it: real processes, real exit codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from storyaudio.cli import main

from .conftest import DATA


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyaudio", *args],
        capture_output=True, text=True, cwd=cwd, env={**os.environ, "PYTHONWARNINGS": "default"}, check=False,
    )


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_build_command_builds_a_story(tmp_path: Path) -> None:
    result = run("build", str(DATA / "plain.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "built " in result.stdout
    assert (tmp_path / "out/episodes/the-well/the-well.mp3").is_file()
    # Not a terminal: no progress bar, and pydub never complains about ffmpeg.
    assert "Synthesising" not in result.stderr
    assert "ffmpeg" not in result.stderr


def test_verbose_logs_each_stage_and_every_build_ends_with_one_summary_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("-v", "build", str(DATA / "plain.txt"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    logged = result.stderr
    for stage in ("info: read ", "sentence(s) synthesised or found in the cache", "info: ", "assembled the-well.mp3",
                  "published 1 new or changed episode(s)"):
        assert stage in logged, (stage, logged)
    summary = result.stdout.splitlines()[-1]
    assert re.fullmatch(r"summary: 1 story built, (\d+) sentences \((\d+) synthesised, (\d+) cached\), "
                        r"0:0\d of audio, [\d.]+ s, (\d+) warnings?", summary), summary
    # Without -v nothing is logged; the summary line is there all the same, counting what was cached.
    again = run("build", str(DATA / "plain.txt"), "--out", str(out))
    assert "info:" not in again.stderr
    total, made, cached = map(int, re.search(r"(\d+) sentences \((\d+) synthesised, (\d+) cached",
                                             again.stdout).groups())
    assert made == 0 and cached == total > 0
    assert re.search(r"(\d+) warnings?$", again.stdout.strip()).group(1) == "1"  # no base_url: one warning


@pytest.mark.parametrize(
    ("make_input", "message"),
    [
        (lambda d: d / "missing.md", "no such file"),
        (lambda d: (d / "empty.md").write_text("") and d / "empty.md" or d / "empty.md", "empty"),
        (lambda d: (d / "folder.md").mkdir() or d / "folder.md", "folder"),
        (lambda d: (d / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00") and d / "picture.txt",
         "binary"),
        (lambda d: (d / "bad.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n") and d / "bad.md",
         "line"),
    ],
    ids=["missing", "empty", "directory", "binary", "bad-front-matter"],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    tmp_path: Path, make_input, message: str
) -> None:
    out = tmp_path / "out"
    good = run("build", str(DATA / "plain.txt"), "--out", str(out))
    assert good.returncode == 0, good.stderr
    before = snapshot(out)
    bad = make_input(tmp_path)
    result = run("build", str(DATA / "two-chapters.md"), str(bad), "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("storyaudio: error: ") and str(bad) in lines[0]
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_unknown_voice_lists_known_ones(tmp_path: Path) -> None:
    result = run("build", str(DATA / "plain.txt"), "--voice", "nobody", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "unknown voice 'nobody' (known: default" in result.stderr


def test_script_command_prints_what_will_be_spoken() -> None:
    result = run("script", str(DATA / "two-chapters.md"))
    assert result.returncode == 0, result.stderr
    assert "## Chapter 2: Morning" in result.stdout
    assert "[sentence, pause 300 ms, default] The first loaf sold for two dollars fifty cents." in result.stdout
    assert "written: The first loaf sold for $2.50." in result.stdout


def test_voices_command_lists_the_default_voice() -> None:
    result = run("voices")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "engine", "language", "quality", "speakers", "licence", "offline",
                                "description"]
    assert lines[1].split()[:7] == ["default", "piper", "en", "-", "1", "CC0", "yes"]
    assert any(line.split()[:7] == ["gtts-en", "gtts", "en", "-", "1", "-", "no"] for line in lines)


def test_every_command_has_help_with_an_example() -> None:
    assert isinstance(main, click.Group)
    commands = list(main.commands.items())
    for name, command in commands:
        assert command.help and "Example:" in command.help, name
        if isinstance(command, click.Group):
            commands += [(f"{name} {sub}", c) for sub, c in command.commands.items()]


def test_script_reads_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "storyaudio", "script", "-"],
        input="# From a pipe\n\nIt is 78% done.\n", capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "seventy-eight percent" in result.stdout


def test_script_json_offsets_point_into_the_story_text() -> None:
    import json

    from storyaudio import read_story
    from storyaudio.script import story_text

    result = run("script", "--json", str(DATA / "two-chapters.md"))
    data = json.loads(result.stdout)
    assert set(data) == {"title", "language", "text", "chapters"}
    text = story_text(read_story(DATA / "two-chapters.md"))
    assert data["text"] == text  # the offsets' text is in the JSON itself
    segments = [s for chapter in data["chapters"] for s in chapter["segments"]]
    assert set(segments[0]) == {"kind", "source", "spoken", "pause_ms", "start_char", "end_char", "voice", "parts",
                                "words"}
    for segment in segments:
        assert text[segment["start_char"]:segment["end_char"]] == segment["source"]
        assert all(segment["source"][w["start"]:w["end"]] == w["written"] for w in segment["words"])


def test_unknown_format_is_one_line() -> None:
    result = run("script", "--format", "xml", str(DATA / "plain.txt"))
    assert result.returncode == 2
    assert result.stderr.strip() == "storyaudio: error: unknown format 'xml' (known: html, markdown, text)"


def test_voices_sample_writes_speech_and_refuses_an_unknown_format(tmp_path: Path) -> None:
    from mutagen.mp3 import MP3

    sample = tmp_path / "hello.mp3"
    result = run("voices", "--sample", "Hello there.", "--out", str(sample))
    assert result.returncode == 0, result.stderr
    assert 0.4 < MP3(sample).info.length < 3  # two words of speech, not an empty file

    unknown = tmp_path / "hello.nope"
    result = run("voices", "--sample", "Hello there.", "--out", str(unknown))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"storyaudio: error: {unknown}: a sample is written as flac, mp3, ogg, wav, not nope"]
    assert not unknown.exists()


def test_a_story_no_voice_speaks_is_refused_with_the_voices_there_are(tmp_path: Path, cache_dir: Path) -> None:
    story = tmp_path / "fr.md"
    story.write_text("---\ntitle: Histoire\nlanguage: fr\n---\n\nIl y a un bateau.\n")

    def build(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "storyaudio", "build", str(story), "--out", str(tmp_path / "out"), "--jobs", "1",
             *options], capture_output=True, text=True, check=False,
            env={**os.environ, "STORYAUDIO_CACHE": str(cache_dir)})

    result = build()
    assert result.returncode == 2 and not (tmp_path / "out").exists()
    (line,) = result.stderr.strip().splitlines()
    assert "no voice speaks 'fr'" in line and "installed voices speak en" in line
    assert "`storyaudio voices available fr`" in line and "`storyaudio voices add NAME`" in line
    forced = build("--voice", "default")  # the team's choice, knowingly: built, with one line saying so
    assert forced.returncode == 0, forced.stderr
    assert "storyaudio: warning: voice default speaks en, but 'Histoire' is in fr" in forced.stderr
    # Proof-reading needs no voice: script shows what would be said, and what is missing.
    script = subprocess.run([sys.executable, "-m", "storyaudio", "script", str(story)], capture_output=True,
                            text=True, check=False)
    assert script.returncode == 0 and "Il y a un bateau." in script.stdout and "read by no voice yet" in script.stdout
    assert "nothing can read this story yet: no voice speaks 'fr'" in script.stderr
    assert "read by gtts:fr" in run("script", str(story), "--voice", "gtts:fr").stdout


def test_script_shows_the_skipped_appeal_and_who_speaks(tmp_path: Path) -> None:
    result = run("script", str(DATA / "appeal-page.txt"))
    assert result.returncode == 0, result.stderr
    skipped = [line for line in result.stdout.splitlines() if "skipped" in line]
    assert skipped and all("[appeal, skipped" in line for line in skipped)
    assert any("Your gift today" in line for line in skipped)
    assert "[sentence, pause 300 ms, default]" in result.stdout or "[sentence, pause 700 ms, default]" in result.stdout
    show = tmp_path / "storyaudio.toml"
    show.write_text('[show]\nread_appeals = true\n[roles]\nquote = "gtts-en"\n')
    result = run("script", "--show", str(show), str(DATA / "appeal-page.txt"))
    assert result.returncode == 0, result.stderr
    assert "skipped" not in result.stdout and "Your gift today" in result.stdout
    assert "quote: gtts-en + sentence: default" in result.stdout


def test_a_built_scraped_page_narrates_no_appeal(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", str(DATA / "appeal-page.txt"), "--out", str(out), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    transcript = (out / "episodes" / "seeds-after-the-flood" / "transcript.vtt").read_text()
    assert "The first harvest came in" in transcript
    assert "monthly" not in transcript and "Your gift" not in transcript


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims *width* x *height* pixels: its header alone, as a hostile upload would be."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(
        b"IEND", b"")


@pytest.mark.parametrize(("front", "body", "message"), [
    ("image: huge.png\n", "Text.", "too large to open; make it smaller"),
    ("image: large.png\n", "Text.", "9000x9000 pixels, over the limit"),
    ("title: '   '\n", "Text.", "the title is empty"),
    ("title: " + "A" * 600 + "\n", "Text.", "over the limit of 500"),
    ("title: Only signs\n", "\U0001F600 \U0001F680 !!! ...", "nothing in the story can be spoken"),
])
def test_bad_stories_are_refused_in_one_line_before_any_work(
        tmp_path: Path, front: str, body: str, message: str) -> None:
    (tmp_path / "huge.png").write_bytes(_png_header_only(30000, 30000))
    (tmp_path / "large.png").write_bytes(_png_header_only(9000, 9000))
    story = tmp_path / "story.md"
    story.write_text(f"---\n{front}---\n\n{body}\n")
    result = run("build", str(story), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert message in line and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_output_that_cannot_be_written_stops_the_build_before_synthesis(tmp_path: Path) -> None:
    """With worker processes: one line, no worker tracebacks, and no sentence synthesised for nothing."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "episodes").write_text("a file where the episodes folder should be")
    cache = tmp_path / "cache"
    result = subprocess.run(
        [sys.executable, "-m", "storyaudio", "build", str(DATA / "plain.txt"), str(DATA / "two-chapters.md"),
         "--out", str(out), "--jobs", "2"], capture_output=True, text=True, check=False,
        env={**os.environ, "STORYAUDIO_CACHE": str(cache)})
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("storyaudio: error:") and "episodes" in line
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
    assert not list(cache.rglob("*.wav"))


def test_every_build_says_what_appeal_it_left_out(tmp_path: Path, cache_dir: Path) -> None:
    story = tmp_path / "well.md"
    story.write_text("# The well\n\nThe village well was dry for a year. Then the pump came and the children went "
                     "back to school.\n\nYour monthly gift today can bring water to another village. Donate now.\n")
    result = subprocess.run([sys.executable, "-m", "storyaudio", "build", str(story), "--out", str(tmp_path / "out"),
                             "--jobs", "1"], capture_output=True, text=True, check=False,
                            env={**os.environ, "STORYAUDIO_CACHE": str(cache_dir)})
    assert result.returncode == 0, result.stderr
    assert ("  appeal skipped: 2 sentences after the story; set read_appeals = true (or appeal: read in the story) "
            "to narrate") in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1].endswith(", 2 appeal sentences skipped")


def test_the_cli_and_the_page_give_the_same_length(tmp_path: Path, cache_dir: Path) -> None:
    import json

    story = tmp_path / "tide.md"
    story.write_text("# The tide\n\nThe tide came in over the flats before noon, and the birds rose.\n")
    result = subprocess.run([sys.executable, "-m", "storyaudio", "build", str(story), "--out", str(tmp_path / "out"),
                             "--jobs", "1"], capture_output=True, text=True, check=False,
                            env={**os.environ, "STORYAUDIO_CACHE": str(cache_dir)})
    assert result.returncode == 0, result.stderr
    seconds = json.loads((tmp_path / "out/episodes/the-tide/episode.json").read_text())["duration_ms"] // 1000
    shown = f"{seconds // 60}:{seconds % 60:02d}"  # whole seconds, cut down, as the page and the player show it
    page = (tmp_path / "out/episodes/the-tide/index.html").read_text()
    assert f"({shown}, 1 chapter" in result.stdout and f", {shown} of audio," in result.stdout
    assert f"{seconds % 60} seconds" in page
