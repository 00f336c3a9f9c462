"""hibari: a second offline neural voice, its weights inside its 14 MB wheel (``pip install
'storyaudio[hibari]'``).

hibari (Apache-2.0) distils Kokoro-82M voices into 7.9 MB models that run about a hundred
times faster than real time on one core; ``heart`` (American English, female) ships in the
package, and its other voices (British ones among them) are fetched by hibari itself on first
use where the network allows. This engine uses a voice only when it is already there.

As with Piper, the model is loaded with one more output exposed: how long each phoneme lasts
(the duration predictor's rounded frames), so every clip says when each of its words is heard
and read-along works. The noise hibari adds is drawn from a generator seeded per clip, so the
same text always gives the same samples (the clip cache and byte-identical rebuilds rely on
it); hibari's own trailing silence is trimmed, since the timeline adds our pauses.
"""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from ..atomic import file_sha256
from ..errors import SynthesisError, VoiceError, first_line, install_hint
from ..models import Clip
from ..voices import VoiceProfile
from ..words import spoken_words
from . import check_settings
from .alignment import Phone, PhonemeCounts, word_samples

_SETTINGS = {"voice", "speed", "seed", "threads"}

DURATIONS = "/Clip_output_0"
"""The tensor of the model that holds each phoneme's duration (in units of two frames)."""

SILENCE = 10 ** (-50 / 20)
"""Below -50 dBFS is silence when the clip's end is trimmed."""

TAIL_S = 0.04
"""Kept after the last sound, so a word's release is not cut."""


class HibariEngine:
    """Speaks with a hibari voice, fully offline."""

    name = "hibari"
    max_chars = 400
    needs_network = False

    def __init__(self, profile: VoiceProfile) -> None:
        check_settings(profile, _SETTINGS)
        self.profile = profile
        self.settings: dict[str, Any] = dict(profile.settings)
        self.voice = str(self.settings.get("voice", "heart"))
        self.speed = float(self.settings.get("speed", 1.0))
        self.seed = int(self.settings.get("seed", 0))
        self.model_path = _voice_file(self.voice, profile)
        self._tts: Any = None
        self._session: Any = None
        self._phoneme_count = PhonemeCounts(lambda word: self._load()[0].phonemize(word))

    def identity(self) -> str:
        return json.dumps({"engine": "hibari", "hibari": _package_version(), "voice": self.voice,
                           "model": _digest(self.model_path), "speed": self.speed, "seed": self.seed,
                           "words": "durations"}, sort_keys=True)

    @property
    def sample_rate(self) -> int:
        from hibari import SAMPLE_RATE

        return int(SAMPLE_RATE)

    def synthesize(self, text: str) -> Clip:
        tts, session = self._load()
        from hibari import dsp

        rng = np.random.default_rng(self.seed)  # per clip: the same text, the same samples
        pieces: list[np.ndarray] = []
        phones: list[Phone] = []
        position = 0
        try:
            for phonemes in tts.phonemize(text):
                ids = tts.ids(phonemes)
                if len(ids) < 3:
                    continue
                outputs = session.run(None, {"ids": np.asarray([ids], np.int64),
                                             "speed": np.asarray([self.speed], np.float32)})
                audio = dsp.synth(*(output[0] for output in outputs[:6]), rng)
                units = np.asarray(outputs[6]).reshape(-1)
                phones += _phones(phonemes, tts.vocab, units, len(audio), position)
                pieces.append(audio)
                position += len(audio)
        except Exception as error:  # onnxruntime and hibari's G2P raise many types
            raise SynthesisError(f"hibari could not speak {text[:60]!r}: {first_line(error)}") from error
        audio = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
        end = _sounding_end(audio, self.sample_rate)
        samples = (np.clip(audio[:end], -1.0, 1.0) * 32767.0).astype(np.int16)
        phones = [Phone(p.symbol, min(p.start, end), min(p.end, end)) for p in phones]
        words = [text[a:b] for a, b in spoken_words(text)]
        timed = word_samples(phones, words, self._phoneme_count) if phones else None
        return Clip(samples, self.sample_rate, timed or ())

    def _load(self) -> tuple[Any, Any]:
        if self._tts is None:
            import onnxruntime
            from hibari import Hibari

            options = onnxruntime.SessionOptions()
            threads = int(self.settings.get("threads", 1))
            options.intra_op_num_threads = options.inter_op_num_threads = threads
            options.log_severity_level = 3
            try:
                self._session = onnxruntime.InferenceSession(_with_durations(self.model_path), options,
                                                             providers=["CPUExecutionProvider"])
                self._tts = Hibari(voice=self.voice, model=str(self.model_path), threads=threads)
            except Exception as error:  # noqa: BLE001 - onnxruntime's errors derive from Exception alone
                raise VoiceError(f"{self.model_path}: hibari voice cannot be loaded ({first_line(error)})") from None
        return self._tts, self._session


def _phones(phonemes: str, vocab: dict[str, int], units: np.ndarray, samples: int, offset: int) -> list[Phone]:
    """Each phoneme the model said, with its samples: the durations are in model units, scaled so
    that they add up to the audio made (the pads at both ends are silence, not phonemes)."""
    symbols = ["", *(c for c in phonemes if c in vocab), ""]
    total = float(units.sum()) or 1.0
    scale = samples / total
    phones, at = [], 0.0
    for symbol, unit in zip(symbols, units, strict=False):
        start = at
        at += float(unit) * scale
        phones.append(Phone(symbol or " ", offset + round(start), offset + round(at)))
    return phones


def _sounding_end(audio: np.ndarray, rate: int) -> int:
    """Where the clip's trailing silence starts, with a short tail kept."""
    loud = np.flatnonzero(np.abs(audio) > SILENCE)
    if not len(loud):
        return 0
    return min(len(audio), int(loud[-1]) + 1 + round(TAIL_S * rate))


def _with_durations(model: Path) -> bytes:
    """The model's bytes with the phoneme durations marked as an output (in memory)."""
    import onnx
    from onnx import TensorProto, helper

    proto = onnx.load(str(model))
    if DURATIONS not in {output.name for output in proto.graph.output}:
        proto.graph.output.append(helper.make_tensor_value_info(DURATIONS, TensorProto.FLOAT, None))
    data: bytes = proto.SerializeToString()
    return data


def _voice_file(voice: str, profile: VoiceProfile) -> Path:
    try:
        from hibari.voices import VOICES, voice_path
    except ImportError:
        raise VoiceError(f"voice {profile.name!r} needs the hibari extra: {install_hint('hibari')}") from None
    if voice not in VOICES:
        raise VoiceError(f"voice {profile.name!r}: hibari has no voice {voice!r} (voices: {', '.join(VOICES)})")
    try:
        return Path(voice_path(voice, download_missing=False))
    except FileNotFoundError:
        raise VoiceError(f"hibari voice {voice!r} is not on this machine: run `hibari --voice {voice} \"Hello.\" "
                         "-o /dev/null` once where the network allows, and it is kept") from None


_DIGESTS: dict[Path, str] = {}


def _digest(path: Path) -> str:
    """The model's SHA-256, once per process (every clip's cache key names it)."""
    if path not in _DIGESTS:
        _DIGESTS[path] = file_sha256(path)
    return _DIGESTS[path]


def _package_version() -> str:
    try:
        return version("hibari-tts")
    except PackageNotFoundError:
        return "unknown"
