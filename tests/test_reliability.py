"""Nothing lost under faults, bad input and concurrent use; no injection through story text."""

from __future__ import annotations

import importlib
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

import storyaudio
from storyaudio.atomic import AtomicBatch
from storyaudio.build import MAX_STORIES
from storyaudio.publish import PUBLISH_JOURNAL, load_catalog
from storyaudio.publish.check import check_show
from storyaudio.settings import Show

from .conftest import DATA, write_broken_voice

publish_module = importlib.import_module("storyaudio.publish")  # the package; storyaudio.publish is its function

SHOW = Show(title="Harbour Voices", base_url="https://stories.charity.org.uk/audio/",
            owner_email="podcast@charity.org.uk")


def cli(*args: str, cwd: Path | None = None, env: dict | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "storyaudio", *args], cwd=cwd,
                            env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def assert_published_show_is_whole(out: Path, slugs: set[str], consistent: bool = True) -> None:
    """The feed parses, lists these episodes, and every file it points to is whole.

    *consistent*: also every size, duration, chapter and cue agrees with the
    feed (not so while a stopped publish's journal waits to be completed).
    """
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    catalog = {episode.slug: episode for episode in load_catalog(out)}
    assert slugs <= set(catalog)
    for entry in feed.entries:
        (enclosure,) = entry.enclosures
        path = out / enclosure.href.replace("https://stories.charity.org.uk/audio/", "")
        assert MP3(path).info.length > 1  # decodes: a whole MP3, not a torn one
        if consistent:
            assert path.stat().st_size == int(enclosure.length)
    if consistent:
        problems = [p for p in check_show(out) if p.rule not in ("owner",)]
        assert problems == [], [str(p) for p in problems]


def test_builds_killed_at_random_moments_never_break_what_was_published(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "out"
    (tmp_path / "storyaudio.toml").write_text(
        '[show]\ntitle = "Harbour Voices"\nbase_url = "https://stories.charity.org.uk/audio/"\n'
        'owner_email = "podcast@charity.org.uk"\n')
    stories = [tmp_path / "one.md", tmp_path / "two.md"]
    for number, story in enumerate(stories):
        story.write_text(f"# Story {number}\n\nThe boat left at dawn on day {number}. It came back by noon.\n")
    first = subprocess.run([sys.executable, "-m", "storyaudio", "build", *map(str, stories), "--out", str(out),
                            "--jobs", "1"], cwd=tmp_path, env={**os.environ, "STORYAUDIO_CACHE": str(cache)},
                           capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    rng = random.Random(20261129)
    show = storyaudio.load_show(tmp_path / "storyaudio.toml")
    # Twenty kills, spread over the stages: starting up and reading, synthesis, assembly and publishing.
    moments = [(0.05, 0.6), (0.6, 2.0), (2.0, 4.0)]
    for attempt in range(20):
        for story in stories:  # new words each time, so synthesis, assembly and publishing all run
            story.write_text(story.read_text().replace("noon", f"noon, round {attempt}"))
        process = cli("build", *map(str, stories), "--out", str(out), "--jobs", "1", cwd=tmp_path,
                      env={"STORYAUDIO_CACHE": str(cache)})
        time.sleep(rng.uniform(*moments[attempt % len(moments)]))
        process.send_signal(signal.SIGKILL)
        process.wait()
        # Killed inside the few milliseconds of renaming, a build leaves its journal: every file
        # is whole, and the next build completes the publish (the final build below checks it).
        stopped_while_renaming = (out / PUBLISH_JOURNAL).exists()
        assert_published_show_is_whole(out, {"story-0", "story-1"}, consistent=not stopped_while_renaming)
        assert not [p for p in out.rglob("*") if p.is_file() and p.name.endswith(".tmp")
                    and not p.name.startswith(".")]
        if attempt % 5 == 4:  # one clean rebuild always ends in a show that check passes, with nothing left over
            storyaudio.build(stories, out, cache_dir=cache, jobs=1, show=show)
            assert_published_show_is_whole(out, {"story-0", "story-1"})
            assert not list(out.rglob("*.tmp")) and not list((out / "episodes").glob(".staging-*"))
    steps: list = []
    storyaudio.build(stories, out, cache_dir=cache, jobs=1, progress=steps.append, show=show)
    assert_published_show_is_whole(out, {"story-0", "story-1"})
    assert not (out / PUBLISH_JOURNAL).exists()
    assert any(step.cached for step in steps)


class Stopped(BaseException):
    """Stands for SIGKILL inside a process: nothing catches it, only `finally` and `except BaseException` run."""


def build_stopped_after_the_mp3(monkeypatch: pytest.MonkeyPatch, story: Path, out: Path, cache_dir: Path) -> None:
    """Build *story* and stop the publish right after the new MP3 is renamed in, before the feed is."""

    class StoppedBatch(AtomicBatch):
        def commit(self, journal: Path | None = None) -> None:
            renamed: list[str] = []
            real_replace = os.replace

            def replace_until_stopped(source: str, path: str) -> None:
                if renamed and renamed[-1].endswith(".mp3"):  # the new MP3 is in, the feed is not
                    raise Stopped
                real_replace(source, path)
                renamed.append(str(path))

            with monkeypatch.context() as patch:
                patch.setattr(os, "replace", replace_until_stopped)
                super().commit(journal)

    with monkeypatch.context() as patch:
        patch.setattr(publish_module, "AtomicBatch", StoppedBatch)
        with pytest.raises(Stopped):
            storyaudio.build([story], out, show=SHOW, cache_dir=cache_dir, jobs=1)


def test_a_publish_stopped_while_renaming_is_completed_by_the_next_build(
        tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    out, story = tmp_path / "out", tmp_path / "tide.md"
    story.write_text("# Tide\n\nThe tide came in.\n")
    storyaudio.build([story], out, show=SHOW, cache_dir=cache_dir, jobs=1)
    story.write_text("# Tide\n\nThe tide came in, and went out again before dark.\n")

    build_stopped_after_the_mp3(monkeypatch, story, out, cache_dir)
    assert (out / PUBLISH_JOURNAL).is_file()
    assert_published_show_is_whole(out, {"tide"}, consistent=False)
    rules = {p.rule for p in check_show(out)}  # half old, half new: check says so, and why
    assert "interrupted" in rules and "enclosure-length" in rules

    storyaudio.build([story], out, show=SHOW, cache_dir=cache_dir, jobs=1)
    assert not (out / PUBLISH_JOURNAL).exists()
    assert "finished publishing what an interrupted build had begun" in caplog.text
    assert_published_show_is_whole(out, {"tide"})
    assert "went out again" in (out / "episodes" / "tide" / "transcript.vtt").read_text()
    assert not [p for p in out.rglob("*.tmp")]


def test_a_stopped_publish_is_completed_from_another_working_folder(
        tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal records paths relative to the output folder: a build killed while renaming into
    ``out`` (a relative path) is completed by a build run elsewhere, and nothing lands there."""
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    story = project / "tide.md"
    story.write_text("# Tide\n\nThe tide came in.\n")
    monkeypatch.chdir(project)
    storyaudio.build([story], Path("out"), show=SHOW, cache_dir=cache_dir, jobs=1)
    story.write_text("# Tide\n\nThe tide came in, and went out again before dark.\n")

    build_stopped_after_the_mp3(monkeypatch, story, Path("out"), cache_dir)
    journal = project / "out" / PUBLISH_JOURNAL
    recorded = [p for pair in json.loads(journal.read_text()) for p in pair]
    assert journal.is_file() and not any(Path(p).is_absolute() or p.startswith("out") for p in recorded)
    monkeypatch.chdir(elsewhere)
    storyaudio.build([story], project / "out", show=SHOW, cache_dir=cache_dir, jobs=1)
    assert not journal.exists() and list(elsewhere.iterdir()) == []
    assert not list((project / "out").rglob("*.tmp"))  # every journalled rename was made
    assert_published_show_is_whole(project / "out", {"tide"})
    assert "went out again" in (project / "out" / "episodes" / "tide" / "transcript.vtt").read_text()


def test_a_forged_journal_never_renames_outside_the_output_folder(tmp_path: Path) -> None:
    from storyaudio.atomic import finish_commit

    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "staged.tmp").write_text("new")
    (outside / "secret").write_text("mine")
    (out / PUBLISH_JOURNAL).write_text(json.dumps([["../outside/secret", "stolen"], ["staged.tmp", "../escaped"],
                                                   ["staged.tmp", "feed.xml"], "nonsense"]))
    assert finish_commit(out / PUBLISH_JOURNAL)
    assert (outside / "secret").read_text() == "mine" and not (tmp_path / "escaped").exists()
    assert (out / "feed.xml").read_text() == "new" and not (out / PUBLISH_JOURNAL).exists()


def test_what_a_killed_build_left_is_removed_by_the_next_but_a_running_build_keeps_its_own(
        tmp_path: Path, cache_dir: Path) -> None:
    out, story = tmp_path / "out", tmp_path / "tide.md"
    story.write_text("# Tide\n\nThe tide came in.\n")
    storyaudio.build([story], out, show=SHOW, cache_dir=cache_dir, jobs=1)
    abandoned = out / "episodes" / ".staging-tide-0badc0de"
    abandoned.mkdir()
    (abandoned / "tide.mp3").write_bytes(b"half an episode")
    strays = [out / ".feed.xml.k2j3.tmp", out / "episodes" / "tide" / ".index.html.x9.tmp"]
    for stray in strays:
        stray.write_text("half a file")
    running = out / "episodes" / ".staging-other-1234abcd"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from storyaudio.atomic import claim_working_folder; "
        f"claim_working_folder(Path({str(running)!r})); print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        story.write_text("# Tide\n\nThe tide came in, and went out.\n")
        storyaudio.build([story], out, show=SHOW, cache_dir=cache_dir, jobs=1)
        assert not abandoned.exists() and not any(stray.exists() for stray in strays)
        assert running.is_dir()  # a build still assembling there keeps its folder
    finally:
        holder.kill()
        holder.wait()
    storyaudio.build([story], out, show=SHOW, cache_dir=cache_dir, jobs=1, republish=True)
    assert not running.exists()  # once its build is gone, it goes too
    assert [p.name for p in (out / "episodes").iterdir()] == ["tide"]


def test_disk_full_while_encoding_is_one_line_and_loses_nothing(tmp_path: Path, cache_dir: Path) -> None:
    out = tmp_path / "out"
    storyaudio.build([DATA / "plain.txt"], out, show=SHOW, cache_dir=cache_dir, jobs=1)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}

    def small_disk() -> None:  # files may not grow past 40 kB: the MP3 cannot be written
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    story = tmp_path / "long.md"
    story.write_text("# Long one\n\n" + "The harbour was quiet that night, and the boats rocked gently. " * 6)
    storyaudio.build([story], tmp_path / "warm", show=SHOW, cache_dir=cache_dir, jobs=1)  # clips cached
    result = subprocess.run(
        [sys.executable, "-m", "storyaudio", "build", str(story), "--out", str(out), "--jobs", "1"],
        capture_output=True, text=True, preexec_fn=small_disk,
        env={**os.environ, "STORYAUDIO_CACHE": str(cache_dir)}, check=False,
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.strip().splitlines() if "warning" not in line]
    assert len(lines) == 1 and "long.md" in lines[0], result.stderr
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert after == before
    assert not (out / "episodes" / "long-one" / "long-one.mp3").exists()


def test_builds_of_the_same_story_at_once_share_output_and_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    story = tmp_path / "same.md"
    story.write_text("# Same story\n\nTwo builds speak this at once. Neither may break the other.\n")
    out = tmp_path / "out"
    processes = [cli("build", str(story), "--out", str(out), "--jobs", "1", env={"STORYAUDIO_CACHE": str(cache)})
                 for _ in range(2)]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == ["Same story"]
    entries = storyaudio.ClipCache(cache).entries()
    assert entries and all(storyaudio.ClipCache(cache).get(path.stem) is not None for path in entries)
    assert not list(cache.rglob("*.tmp"))


def test_output_path_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder")
    result = subprocess.run([sys.executable, "-m", "storyaudio", "build", str(DATA / "plain.txt"),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "not a folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unwritable_cache_only_costs_speed(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    storyaudio.build([DATA / "plain.txt"], tmp_path / "out", cache_dir=tmp_path / "cache", jobs=1, show=SHOW)
    assert (tmp_path / "out" / "episodes" / "the-well" / "the-well.mp3").is_file()


def test_a_failed_story_does_not_stop_the_others(tmp_path: Path, cache_dir: Path) -> None:
    write_broken_voice(tmp_path / "voices")
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: Bad voice\nvoice: broken\n---\n\nThis one cannot be spoken.\n")
    result = subprocess.run(
        [sys.executable, "-m", "storyaudio", "build", str(bad), str(DATA / "plain.txt"), "--out", "out",
         "--jobs", "1"], capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "STORYAUDIO_CACHE": str(cache_dir)}, check=False,
    )
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("storyaudio: error:")]
    assert len(errors) == 1 and "bad.md" in errors[0] and "cannot be loaded" in errors[0]
    assert "Traceback" not in result.stderr
    assert [e.title for e in feedparser.parse((tmp_path / "out/feed.xml").read_bytes()).entries] == ["The Well"]


NASTY = ["</script><script>window.pwned=1</script>", '<img src=x onerror="window.pwned=1">', "]]>",
         "Fish & Chips", "bell\x07char", "right\u202eto-left", "W" * 300, "\U0001F680 launch"]


@pytest.fixture(scope="module")
def nasty_out(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("nasty")
    title = " ".join(NASTY[:5])
    story = folder / "nasty.md"
    story.write_text(
        "---\ntitle: " + json.dumps(title) + "\nauthor: " + json.dumps(NASTY[1]) + "\nslug: ../../../etc/passwd\n"
        "description: " + json.dumps(NASTY[0]) + "\n---\n\n"
        f"## {NASTY[0]}\n\n{NASTY[1]} and {NASTY[2]} then {NASTY[4]} {NASTY[5]} {NASTY[6]} {NASTY[7]}.\n"
    )
    out = folder / "out"
    storyaudio.build([story], out, show=SHOW, cache_dir=cache_dir, jobs=1)
    return out


def test_paths_from_front_matter_cannot_escape_the_output(nasty_out: Path) -> None:
    (episode,) = load_catalog(nasty_out)
    assert episode.slug == "etc-passwd"
    assert (nasty_out / "episodes" / "etc-passwd").is_dir()
    assert all(nasty_out in p.resolve().parents for p in nasty_out.rglob("*"))


@pytest.mark.parametrize("slug", ["..", "/etc/passwd", "a\x00b", "con", "../x/../../y", "  "])
def test_every_slug_is_a_safe_file_name(slug: str) -> None:
    from storyaudio.read.source import make_slug

    safe = make_slug(slug)
    assert safe and "/" not in safe and "\x00" not in safe and not safe.startswith(".")


def test_story_text_is_escaped_in_the_feed_and_safe_in_id3(nasty_out: Path) -> None:
    raw = (nasty_out / "feed.xml").read_text()
    assert "<script>" not in raw and "<img" not in raw and "\x07" not in raw
    feed = feedparser.parse(raw.encode())
    assert not feed.bozo
    assert feed.entries[0].title.startswith(NASTY[0])
    tags = ID3(next((nasty_out / "episodes").glob("*/*.mp3")))
    assert str(tags["TIT2"]).startswith(NASTY[0])


def test_story_text_is_text_in_the_pages_and_no_script_runs(nasty_out: Path) -> None:
    page_html = (nasty_out / "episodes" / "etc-passwd" / "index.html").read_text()
    assert "<script>window.pwned" not in page_html and "<img src=x" not in page_html
    assert "&lt;/script&gt;" in page_html
    assert "script-src 'self'" in page_html  # a Content-Security-Policy without inline script
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("needs Debian's chromium for the browser half")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium),
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for name in ("index.html", "embed.html"):
            page = browser.new_page()
            page.goto((nasty_out / "episodes" / "etc-passwd" / name).as_uri())
            page.wait_for_timeout(200)
            assert page.evaluate("window.pwned") is None
            assert NASTY[0] in page.locator("h1").inner_text()
        page = browser.new_page()
        page.goto((nasty_out / "index.html").as_uri())
        assert page.evaluate("window.pwned") is None
        browser.close()


def test_huge_inputs_finish_or_are_refused_early(tmp_path: Path) -> None:
    from storyaudio.read.source import MAX_STORY_BYTES

    big = tmp_path / "big.txt"
    big.write_bytes(b"Title\n\n" + b"word " * (10 * 1024 * 1024 // 5))  # a 10 MB story
    assert big.stat().st_size > MAX_STORY_BYTES
    with pytest.raises(storyaudio.StoryError, match="over the .* byte limit"):
        storyaudio.read_story(big)
    chapters = tmp_path / "chapters.md"
    chapters.write_text("# Many\n\n" + "".join(f"## Part {n}\n\nShort text {n}.\n\n" for n in range(1000)))
    start = time.monotonic()
    script = storyaudio.write_script(storyaudio.read_story(chapters))
    assert len(script.chapters) == 1000 and time.monotonic() - start < 20
    sentence = tmp_path / "sentence.txt"
    sentence.write_text("One sentence\n\n" + ", and then ".join(["the tide came in"] * 6000) + ".")
    start = time.monotonic()
    script = storyaudio.write_script(storyaudio.read_story(sentence))
    assert all(len(segment.spoken) <= 420 for segment in script.segments)
    assert time.monotonic() - start < 30
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(MAX_STORIES + 1):
        (folder / f"s{number:05d}.txt").write_text("T\n\nText.\n")
    with pytest.raises(storyaudio.StoryError, match="over the limit of"):
        storyaudio.build([folder], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _hears_ctrl_c() -> None:
    """In the build's process: Ctrl-C as a terminal sends it. A suite started in the background by a
    shell without job control inherits SIGINT ignored, and the build would rightly ignore it too."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=["term", "int", "kill"])
def test_stopping_a_build_stops_its_workers_and_the_resource_tracker(tmp_path: Path, stop: signal.Signals) -> None:
    """However a build is stopped, its synthesis workers (about 350 MB each) and multiprocessing's
    resource tracker go with it within seconds; none is left running for ever."""
    import psutil

    story = tmp_path / "long.md"
    story.write_text("# A long night\n\n" + "".join(f"Sentence number {n} of the night watch went by slowly. "
                                                     for n in range(200)) + "\n")
    build = subprocess.Popen([sys.executable, "-m", "storyaudio", "build", str(story), "--out", str(tmp_path / "out"),
                              "--jobs", "2"], env={**os.environ, "STORYAUDIO_CACHE": str(tmp_path / "cache")},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             preexec_fn=_hears_ctrl_c)
    parent = psutil.Process(build.pid)
    deadline = time.monotonic() + 90
    family: list[psutil.Process] = []
    while time.monotonic() < deadline and build.poll() is None:
        family = parent.children(recursive=True)
        if len(family) >= 3:  # two workers and the resource tracker
            break
        time.sleep(0.2)
    assert len(family) >= 3, "the build never started its workers"
    time.sleep(1.0)  # the workers are synthesising now
    build.send_signal(stop)
    build.wait(timeout=30)
    gone, alive = psutil.wait_procs(family, timeout=10)
    assert alive == [], [p.cmdline()[:3] for p in alive]
    if stop != signal.SIGKILL:
        assert build.returncode == 130 and "interrupted" in (build.stderr.read() if build.stderr else "")
