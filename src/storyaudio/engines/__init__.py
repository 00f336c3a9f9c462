"""Voice engines: turn one segment's text into a :class:`~storyaudio.models.Clip`.

An engine is any class that satisfies :class:`Engine` and takes a
:class:`~storyaudio.voices.VoiceProfile` in its constructor. Built-in engines
are registered here; other packages add theirs through the
``storyaudio.engines`` entry point group.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from ..errors import VoiceError
from ..models import Clip
from ..voices import VoiceProfile

__all__ = ["Engine", "EngineFactory", "available_engines", "check_settings", "create_engine"]


@runtime_checkable
class Engine(Protocol):
    """What the synthesis stage needs from a voice engine."""

    name: str
    """Registry name, e.g. ``piper``."""

    max_chars: int
    """Longest text one :meth:`synthesize` call accepts well."""

    needs_network: bool
    """True for online engines; builds say so clearly when offline."""

    profile: VoiceProfile
    """The profile the engine was made from; workers rebuild the engine from it."""

    def identity(self) -> str:
        """A string that changes whenever the same text would sound different.

        Engine version, the voice model's identity and every setting belong in
        it; the clip cache keys on it.
        """
        ...

    def synthesize(self, text: str) -> Clip:
        """Speak *text*; raise :class:`~storyaudio.errors.SynthesisError` on failure."""
        ...


def check_settings(profile: VoiceProfile, known: set[str]) -> None:
    """Refuse a profile whose [settings] has a key the engine does not know (a typo, usually)."""
    unknown = set(profile.settings) - known
    if unknown:
        raise VoiceError(
            f"voice {profile.name!r}: unknown {profile.engine} setting(s) {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(known))})"
        )


class EngineFactory(Protocol):
    def __call__(self, profile: VoiceProfile) -> Engine: ...


def _builtin_engines() -> dict[str, str]:
    return {
        "piper": "storyaudio.engines.piper:PiperEngine",
        "gtts": "storyaudio.engines.gtts:GttsEngine",
        "hibari": "storyaudio.engines.hibari:HibariEngine",
    }


def available_engines() -> dict[str, str]:
    """Engine name -> ``module:Class``, built-ins first, then entry points."""
    engines = _builtin_engines()
    for entry in entry_points(group="storyaudio.engines"):
        engines.setdefault(entry.name, entry.value)
    return engines


def create_engine(profile: VoiceProfile) -> Engine:
    """Instantiate the engine *profile* names."""
    engines = available_engines()
    target = engines.get(profile.engine)
    if target is None:
        known = ", ".join(sorted(engines))
        raise VoiceError(f"voice {profile.name!r}: unknown engine {profile.engine!r} (known: {known})")
    module_name, _, class_name = target.partition(":")
    import importlib

    factory: EngineFactory = getattr(importlib.import_module(module_name), class_name)
    return factory(profile)
