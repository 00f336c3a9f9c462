"""The clip cache never hands a damaged entry to a build: each is checked, made again and counted."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from storyaudio.cache import ClipCache, clip_entry, read_clip_entry
from storyaudio.models import Clip

from .conftest import DATA, decode_pcm

STORY = ("---\ntitle: The lighthouse\ndate: 2026-03-01\n---\n\n"
         "The lamp was lit at dusk. Gulls circled the tower. The keeper wrote in his log. "
         "A ship passed in the night. By morning the sea was calm.\n")


def build(project: Path, cache: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storyaudio", "build", "story.md", "--out", str(out), "--jobs", "1"],
                          cwd=project, capture_output=True, text=True, check=False,
                          env={**os.environ, "STORYAUDIO_CACHE": str(cache)})


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, bytes]:
    """A project with a deterministic voice, built once: (project, its cache, the decoded audio)."""
    project = tmp_path_factory.mktemp("project")
    (project / "voices").mkdir()
    shutil.copy(DATA / "voices" / "steady.toml", project / "voices" / "steady.toml")
    (project / "storyaudio.toml").write_text('[show]\ntitle = "Lights"\nvoice = "steady"\n')
    (project / "story.md").write_text(STORY)
    cache = project / "cache"
    result = build(project, cache, project / "out")
    assert result.returncode == 0, result.stderr
    return project, cache, decode_pcm(project / "out" / "episodes" / "the-lighthouse" / "the-lighthouse.mp3")


def rebuilt(clean: tuple[Path, Path, bytes], tmp_path: Path, damage: object) -> tuple[str, bytes]:
    project, cache, _ = clean
    copy = tmp_path / "cache"
    shutil.copytree(cache, copy)
    damage(ClipCache(copy))  # type: ignore[operator]
    result = build(project, copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    return result.stderr, decode_pcm(tmp_path / "out" / "episodes" / "the-lighthouse" / "the-lighthouse.mp3")


def _pcm_range(data: bytes) -> slice:
    start = data.index(b"data") + 8
    return slice(start, start + int.from_bytes(data[start - 4:start], "little"))


def damage_clips(cache: ClipCache) -> None:
    first, second, third, fourth, fifth = cache.entries()[:5]
    data = bytearray(first.read_bytes())  # random samples, same size
    span = _pcm_range(bytes(data))
    data[span] = random.Random(1).randbytes(span.stop - span.start)
    first.write_bytes(bytes(data))
    data = bytearray(second.read_bytes())  # silence
    span = _pcm_range(bytes(data))
    data[span] = bytes(span.stop - span.start)
    second.write_bytes(bytes(data))
    third.write_bytes(fourth.read_bytes())  # one sentence's clip over another's
    fifth.write_bytes(fifth.read_bytes()[: len(fifth.read_bytes()) // 2])  # cut short


def damage_span(kind: str) -> object:
    def damage(cache: ClipCache) -> None:
        (span,) = [path for path in cache.span_entries() if path.suffix == ".mp3"][:1]
        data = span.read_bytes()
        if kind == "scrambled":
            middle = bytearray(data[1000:3000])
            random.Random(2).shuffle(middle)
            span.write_bytes(data[:1000] + bytes(middle) + data[3000:])
        elif kind == "cut":
            span.write_bytes(data[: len(data) // 2])
        else:
            span.write_bytes(random.Random(3).randbytes(len(data)))  # garbage of the same size
    return damage


def test_damaged_clips_are_made_again_and_the_episode_is_as_a_clean_build(clean, tmp_path: Path) -> None:
    stderr, audio = rebuilt(clean, tmp_path, damage_clips)
    assert audio == clean[2]
    assert "warning: 4 damaged clip-cache entries" in stderr  # random, silent, copied over, cut short
    assert len([line for line in stderr.splitlines() if "clip-cache" in line]) == 1  # one line


@pytest.mark.parametrize("kind", ["scrambled", "cut", "garbage"])
def test_a_damaged_encoded_span_is_made_again(clean, tmp_path: Path, kind: str) -> None:
    stderr, audio = rebuilt(clean, tmp_path, damage_span(kind))
    assert audio == clean[2]
    assert "damaged clip-cache entr" in stderr


def test_an_entry_is_bound_to_its_key() -> None:
    clip = Clip(np.arange(100, dtype=np.int16), 22050)
    entry = clip_entry("a" * 64, clip)
    assert read_clip_entry(entry, "a" * 64) is not None
    assert read_clip_entry(entry, "b" * 64) is None  # copied under another sentence's key


def test_cache_verify_removes_damaged_entries_and_a_prune_that_cannot_remove_is_one_line(
        clean, tmp_path: Path) -> None:
    copy = tmp_path / "cache"
    shutil.copytree(clean[1], copy)
    cache = ClipCache(copy)
    before = len(cache.entries())
    damage_clips(cache)
    result = subprocess.run([sys.executable, "-m", "storyaudio", "cache", "verify", "--cache", str(copy)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "4 damaged, removed" in result.stdout, result.stdout + result.stderr
    assert len(cache.entries()) == before - 4
    # An entry the cache cannot remove (here a folder in a clip's place, which not even root can
    # unlink as a file; a read-only cache gives the same OSError): one line and exit 2.
    stuck = copy / "ab" / ("ab" + "0" * 62 + ".wav")
    stuck.mkdir(parents=True)
    os.utime(stuck, (0, 0))
    result = subprocess.run([sys.executable, "-m", "storyaudio", "cache", "prune", "--older-than", "1d",
                             "--cache", str(copy)], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "cannot remove cache entries" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


_WRITER = """
import sys
from pathlib import Path
from storyaudio.cache import ClipCache
cache = ClipCache(Path(sys.argv[1]))
for number in range(int(sys.argv[2])):
    cache.put_blob(f"{number:064x}.mp3", bytes([number % 251]) * 20_000)
"""


def test_a_build_reading_while_another_writes_sees_no_false_damage(tmp_path: Path) -> None:
    """Spans written by one process while another reads them as fast as it can: every read finds
    a whole entry or none, never a span without its checksum (518 false alarms in 300 before)."""
    entries = 300
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path), str(entries)])
    reader = ClipCache(tmp_path)
    found: set[int] = set()
    reads = 0
    while writer.poll() is None or len(found) < entries:
        for number in range(entries):
            if number not in found and reader.blob(f"{number:064x}.mp3") is not None:
                found.add(number)
            reads += 1
        if writer.poll() is not None and writer.returncode != 0:
            break
    assert writer.returncode == 0
    assert reader.damaged == 0, f"{reader.damaged} false alarms in {reads} reads"
    assert len(found) == entries


def test_prune_bounds_everything_in_the_cache_folder(tmp_path: Path) -> None:
    """Pages and pictures a sync fetched, and what the listening check heard, are counted and pruned
    with the clips (they grew without bound: only clips and spans were seen)."""
    import http.server
    import io
    import threading
    import time as time_

    from PIL import Image

    from storyaudio.cache_layout import heard_dir
    from storyaudio.read.sources import Page, read_page
    from storyaudio.read.web import Fetcher

    picture = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(picture, "PNG")
    page = (b"<html><head><title>T</title><meta property='og:image' content='/p.png'></head><body><article>"
            + b"".join(b"<p>On day %d the ferry left the harbour at dawn with forty people and a dog on board, and "
                       b"it came back at noon.</p>" % day for day in range(4))
            + b"</article></body></html>")

    class Site(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            body, kind = {"/story/": (page, "text/html"), "/p.png": (picture.getvalue(), "image/png")}.get(
                self.path, (b"", "text/plain"))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", '"v1"')
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = tmp_path / "cache"
    try:
        with Fetcher(root) as fetcher:
            read_page(Page(f"http://127.0.0.1:{server.server_address[1]}/story/"), fetcher)
    finally:
        server.shutdown()
        server.server_close()
    heard = heard_dir(root) / "ab" / "abcdef.json"
    heard.parent.mkdir(parents=True)
    heard.write_text("[]")
    cache = ClipCache(root)
    assert cache.verify() == (4, 0)  # the two pages' validators, the picture and the transcription: all whole
    info = cache.info()
    # The page and the picture each keep their validators for a conditional request; the picture itself too.
    assert (info.pages, info.images, info.transcriptions) == (2, 1, 1) and info.size_bytes > 0
    assert cache.prune("30d") == 0  # just used: kept
    old = time_.time() - 40 * 86400
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (old, old))
    assert cache.prune("30d") == 6  # two bodies with their validators, the picture, the transcription
    assert [path for path in root.rglob("*") if path.is_file()] == []
