"""gTTS: Google Translate's online text-to-speech, through the gTTS library.

It needs the network. Rate limits (HTTP 429), server errors (5xx) and time-outs
are retried with exponential backoff and jitter; no network at all fails at
once with one clear line that points to the offline Piper voice. A bounded
number of requests is in flight at a time in each process. Answers are MP3,
decoded with the bundled ffmpeg alone (no ffprobe).
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from typing import Any

from ..errors import SynthesisError
from ..ffmpeg import decode_audio
from ..models import Clip
from ..voices import VoiceProfile
from . import check_settings

log = logging.getLogger(__name__)

SAMPLE_RATE = 24000
"""gTTS answers are 24 kHz mono MP3."""

_SETTINGS = {"tld", "slow", "timeout_s", "retries", "backoff_s", "max_in_flight"}
_RETRYABLE_STATUS = {429, 500, 502, 503, 504}

_in_flight_lock = threading.Lock()
_in_flight: dict[int, threading.BoundedSemaphore] = {}


def _semaphore(limit: int) -> threading.BoundedSemaphore:
    with _in_flight_lock:
        if limit not in _in_flight:
            _in_flight[limit] = threading.BoundedSemaphore(limit)
        return _in_flight[limit]


class GttsEngine:
    """Speaks through Google Translate's TTS service (online only)."""

    name = "gtts"
    max_chars = 100
    """gTTS splits longer text into several requests itself; short segments keep timing exact."""

    needs_network = True

    def __init__(self, profile: VoiceProfile) -> None:
        check_settings(profile, _SETTINGS)
        self.profile = profile
        settings: dict[str, Any] = dict(profile.settings)
        self.language = profile.language.split("-")[0].split("_")[0]
        self.tld = str(settings.get("tld", "com"))
        self.slow = bool(settings.get("slow", False))
        self.timeout_s = float(settings.get("timeout_s", 10))
        self.retries = int(settings.get("retries", 4))
        self.backoff_s = float(settings.get("backoff_s", 1.0))
        self.max_in_flight = int(settings.get("max_in_flight", 4))

    def identity(self) -> str:
        return json.dumps({"engine": "gtts", "lang": self.language, "tld": self.tld, "slow": self.slow},
                          sort_keys=True)

    def synthesize(self, text: str) -> Clip:
        mp3 = self._fetch(text)
        try:
            return decode_audio(mp3, SAMPLE_RATE)
        except ValueError as error:
            raise SynthesisError(f"gTTS answered with audio that cannot be decoded ({error})") from None

    def _fetch(self, text: str) -> bytes:
        """The MP3 bytes for *text*, retrying what is worth retrying."""
        import requests
        from gtts import gTTS, gTTSError

        attempt = 0
        while True:
            attempt += 1
            try:
                with _semaphore(self.max_in_flight):
                    speech = gTTS(text, lang=self.language, tld=self.tld, slow=self.slow,
                                  lang_check=False, timeout=self.timeout_s)
                    data = b"".join(speech.stream())
                if not data:
                    raise SynthesisError("gTTS answered with no audio")
                return data
            except (UnicodeDecodeError, ValueError) as error:
                raise SynthesisError(f"gTTS answered with something that is not speech ({error})") from None
            except gTTSError as error:
                cause = error.__context__
                status = error.rsp.status_code if getattr(error, "rsp", None) is not None else None
                offline = isinstance(cause, requests.ConnectionError) and not isinstance(
                    cause, requests.Timeout)
                if offline:
                    raise SynthesisError(
                        f"the gtts voice needs the network and translate.google.{self.tld} cannot be "
                        "reached; use the offline voice with --voice default"
                    ) from None
                retryable = status in _RETRYABLE_STATUS or isinstance(cause, requests.Timeout)
                if not retryable or attempt > self.retries:
                    if status == 200:
                        reason = "the answer held no audio"
                    else:
                        reason = f"HTTP {status}" if status else (type(cause).__name__ if cause else str(error))
                    tries = f" after {attempt} tries" if attempt > 1 else ""
                    raise SynthesisError(f"gTTS failed{tries}: {reason}") from None
                delay = self.backoff_s * 2 ** (attempt - 1) * random.uniform(0.5, 1.5)
                log.info("gTTS %s; retrying in %.1f s", status or type(cause).__name__, delay)
                time.sleep(delay)
