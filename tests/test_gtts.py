"""The gTTS engine. Only the HTTP exchange with Google is faked (with `responses`),
answering with a real MP3; one test talks to the real service when it can be reached."""

from __future__ import annotations

import base64
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests
import responses

import storyaudio
from storyaudio import SynthesisError
from storyaudio.ffmpeg import ffmpeg_exe
from storyaudio.voices import VoiceProfile

from .conftest import DATA

URL = re.compile(r"https://translate\.google\.com/_/TranslateWebserverUi/data/batchexecute.*")


def gtts_engine(**settings) -> storyaudio.Engine:
    profile = VoiceProfile("gtts-test", "gtts", "en", settings={"backoff_s": 0.01, **settings})
    return storyaudio.create_engine(profile)


@pytest.fixture(scope="module")
def mp3_payload(engine) -> bytes:
    """Real speech, encoded the way Google answers: 24 kHz mono MP3."""
    clip = engine.synthesize("Hello from the network.")
    return subprocess.run(
        [ffmpeg_exe(), "-loglevel", "error", "-f", "s16le", "-ar", str(clip.sample_rate), "-ac", "1",
         "-i", "pipe:0", "-ar", "24000", "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3", "pipe:1"],
        input=clip.samples.tobytes(), capture_output=True, check=True,
    ).stdout


def batchexecute_answer(mp3: bytes) -> str:
    """The shape of Google's batchexecute reply that gTTS parses."""
    audio = base64.b64encode(mp3).decode("ascii")
    return f')]}}\'\n\n123\n[["wrb.fr","jQ1olc","[\\"{audio}\\"]",null,null,null,"generic"]]\n'


@responses.activate
def test_retries_rate_limits_then_decodes_the_mp3(mp3_payload: bytes) -> None:
    responses.add(responses.POST, URL, status=429)
    responses.add(responses.POST, URL, status=503)
    responses.add(responses.POST, URL, body=batchexecute_answer(mp3_payload))
    clip = gtts_engine().synthesize("Hello from the network.")
    assert len(responses.calls) == 3
    assert clip.sample_rate == 24000
    assert 1000 < clip.duration_ms < 5000
    assert abs(clip.samples.astype(float)).mean() > 100  # speech, not silence


@responses.activate
def test_gives_up_after_its_retries_with_a_clear_message() -> None:
    responses.add(responses.POST, URL, status=500)
    with pytest.raises(SynthesisError, match=r"gTTS failed after 3 tries: HTTP 500"):
        gtts_engine(retries=2).synthesize("Hello.")
    assert len(responses.calls) == 3


@responses.activate
def test_timeouts_are_retried(mp3_payload: bytes) -> None:
    responses.add(responses.POST, URL, body=requests.exceptions.ReadTimeout("slow"))
    responses.add(responses.POST, URL, body=batchexecute_answer(mp3_payload))
    assert gtts_engine().synthesize("Hello.").duration_ms > 1000
    assert len(responses.calls) == 2


@responses.activate
def test_garbage_answer_is_not_retried() -> None:
    responses.add(responses.POST, URL, body=b"\x00\xffnot a batchexecute answer")
    with pytest.raises(SynthesisError, match="gTTS"):
        gtts_engine().synthesize("Hello.")
    assert len(responses.calls) == 1


@responses.activate
def test_undecodable_audio_is_a_clear_error() -> None:
    responses.add(responses.POST, URL, body=batchexecute_answer(b"this is not an mp3 at all" * 20))
    with pytest.raises(SynthesisError, match="cannot be decoded"):
        gtts_engine().synthesize("Hello.")


@responses.activate
def test_no_network_fails_at_once_pointing_to_the_offline_voice() -> None:
    responses.add(responses.POST, URL, body=requests.exceptions.ConnectionError("Name or service not known"))
    with pytest.raises(SynthesisError, match="needs the network.*--voice default"):
        gtts_engine().synthesize("Hello.")
    assert len(responses.calls) == 1


def _google_reachable() -> bool:
    try:
        socket.create_connection(("translate.google.com", 443), timeout=3).close()
        return True
    except OSError:
        return False


def test_cli_build_with_the_online_voice_offline_is_one_line(tmp_path: Path) -> None:
    if _google_reachable():
        pytest.skip("this machine reaches Google; the offline message cannot be shown")
    result = subprocess.run(
        [sys.executable, "-m", "storyaudio", "build", str(DATA / "plain.txt"), "--voice", "gtts-en",
         "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs the network" in lines[0] and "plain.txt" in lines[0]
    assert not (tmp_path / "out" / "feed.xml").exists()


@pytest.mark.network
def test_real_service_speaks() -> None:
    if not _google_reachable():
        pytest.skip("Google Translate is not reachable from here")
    clip = gtts_engine().synthesize("Hello.")
    assert clip.duration_ms > 300
