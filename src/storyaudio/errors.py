"""Errors that storyaudio raises on purpose.

Every error here means "the input or the environment is wrong", never "storyaudio
has a bug"; the CLI prints its message as one line and exits with status 2::

    StoryAudioError
    ├── StoryError (ValueError)          a story cannot be read       (read, script)
    ├── VoiceError (LookupError)         unknown or broken voice      (voices, engines)
    ├── SynthesisError (RuntimeError)    the engine failed on a text  (synthesize)
    ├── AudioError (RuntimeError)        encoding or tagging failed   (assemble)
    └── PublishError (OSError)           output cannot be written     (publish, build)

Each also subclasses a built-in exception so callers may catch either.
"""

from __future__ import annotations


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


def first_line(error: BaseException) -> str:
    """The first line of a third-party error's message (or its type's name): ffmpeg and
    onnxruntime put pages of detail after it, and our errors are one line."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
