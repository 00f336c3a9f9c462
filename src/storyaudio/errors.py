"""Errors that storyaudio raises on purpose.

Every error here means "the input or the environment is wrong", never "storyaudio
has a bug"; the CLI prints its message as one line and exits with status 2::

    StoryAudioError
    ├── ShowError (ValueError)           storyaudio.toml is wrong       (settings)
    ├── StoryError (ValueError)          a story cannot be read         (read, script, build)
    │   ├── FetchError                   a URL cannot be fetched        (read.web)
    │   │   └── RobotsForbid             robots.txt forbids it: skipped (read.web)
    │   └── BadURL                       an address that cannot be used (read.urls)
    ├── LexiconError (ValueError)        a lexicon file is malformed    (lexicon)
    ├── VoiceError (LookupError)         unknown or broken voice        (voices, engines)
    ├── ExecutorError (ValueError)       bad --jobs or Dask address     (executors)
    ├── CacheError (ValueError)          bad cache age or cache folder  (cache)
    ├── SynthesisError (RuntimeError)    the engine failed on a text    (synthesize)
    ├── AudioError (RuntimeError)        encoding or tagging failed     (assemble)
    ├── PublishError (OSError)           output cannot be written       (publish, build)
    ├── HeldBack                         heard too badly to publish     (build --listen)
    └── BuildFailures                    some stories failed, the rest were published (build)

Each but HeldBack and BuildFailures also subclasses a built-in exception so callers may
catch either. ShowError, LexiconError, ExecutorError, CacheError and the
fetch errors are defined beside the code that raises them (each module
imports this one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Episode


def install_hint(extra: str) -> str:
    """How to add an optional extra: storyaudio is installed from its repository, a folder or a
    wheel (it is not on PyPI, where ``pip install storyaudio`` would find nothing, or another's)."""
    return (f"install the {extra} extra as you installed storyaudio: pip install -e '.[{extra}]' in its folder, "
            f"or pip install 'storyaudio[{extra}] @ git+URL-OF-ITS-REPOSITORY'")


class StoryAudioError(Exception):
    """Base class: a problem a user can fix, described in one line."""


class StoryError(StoryAudioError, ValueError):
    """A story file is missing, empty, unreadable or malformed (raised by readers)."""


class VoiceError(StoryAudioError, LookupError):
    """A voice profile or engine is unknown, malformed or unusable."""


class SynthesisError(StoryAudioError, RuntimeError):
    """The voice engine could not turn a segment into audio."""


class AudioError(StoryAudioError, RuntimeError):
    """Assembling, encoding or tagging an episode failed."""


class PublishError(StoryAudioError, OSError):
    """The output folder cannot be written or its catalog is damaged."""


class HeldBack(StoryAudioError):
    """An episode the listening check heard too badly to publish (``build --listen --fail-over``);
    its last good version stays published."""


class BuildFailures(StoryAudioError):
    """Some stories could not be built; the others were built and published.

    ``failures`` holds one line per failed story, ``kinds`` the name of each
    failure's error class (``SynthesisError``, ``AudioError``, ...), and
    ``episodes`` the episodes built.
    """

    def __init__(self, failures: Sequence[tuple[str, StoryAudioError]], episodes: Sequence[Episode]) -> None:
        self.failures = [line for line, _ in failures]
        self.kinds = sorted({type(error).__name__ for _, error in failures})
        self.episodes = list(episodes)
        super().__init__("\n".join(self.failures))


def first_line(error: BaseException, limit: int = 200) -> str:
    """The first line of a third-party error's message (or its type's name), at most *limit*
    characters: ffmpeg and onnxruntime put pages of detail after it, and our errors are one line."""
    text = str(error).strip()
    return text.splitlines()[0][:limit] if text else type(error).__name__
