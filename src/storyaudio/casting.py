"""Voice casting: which voice speaks each story, and each kind of segment in it.

A build makes one engine per voice profile and reuses it for every story
that profile speaks, since loading a neural voice costs a second or more.
"""

from __future__ import annotations

import logging

from .engines import Engine, create_engine
from .models import Story
from .settings import Show, primary_language, voice_folders
from .voices import VoiceProfile, load_voice, voice_for_language

log = logging.getLogger(__name__)


class Casting:
    """Which voice speaks what: one engine per profile, made once per build."""

    def __init__(self, show: Show, override: str | None = None) -> None:
        self.show = show
        self.override = override
        """A voice profile for every story (``--voice``), over the stories' and the show's own."""
        self.engines: dict[str, Engine] = {}
        self.by_language: dict[str, VoiceProfile] = {}  # chosen once, so a warning is given once
        self._warned: set[tuple[str, str]] = set()

    def _engine(self, profile: VoiceProfile) -> Engine:
        if profile.name not in self.engines:
            self.engines[profile.name] = create_engine(profile)
        return self.engines[profile.name]

    def _load(self, name: str) -> VoiceProfile:
        return load_voice(name, voice_folders(self.show))

    def profile(self, story: Story) -> VoiceProfile:
        """--voice, else the story's ``voice:``, else the show's ``[voices]`` choice for the story's
        language, else the show's ``voice``, else a voice of the story's language and region."""
        name = self.override or story.voice
        if name:
            profile = self._load(name)
            self._warn_if_foreign(profile, story)
            return profile
        if story.language not in self.by_language:
            self.by_language[story.language] = voice_for_language(story.language, voice_folders(self.show),
                                                                  self.show.voices, fallback=self.show.voice)
        return self.by_language[story.language]

    def _warn_if_foreign(self, profile: VoiceProfile, story: Story) -> None:
        """One line when a voice named for a story speaks another language than the story's."""
        spoken, written = primary_language(profile.language), primary_language(story.language)
        if spoken != written and (profile.name, story.language) not in self._warned:
            self._warned.add((profile.name, story.language))
            log.warning("voice %s speaks %s, but %r is in %s: it will read it with %s sounds "
                        "(`storyaudio voices available %s` lists voices that speak it)", profile.name,
                        profile.language, story.title[:60], story.language, profile.language, written)

    def engine(self, story: Story) -> Engine:
        """The engine of :meth:`profile` (made once per profile)."""
        return self._engine(self.profile(story))

    def voice_name(self, story: Story) -> str:
        """The name of the profile that speaks *story*, without loading its engine."""
        return self.profile(story).name

    def credits(self, story: Story) -> list[str]:
        """The credit line of each voice that reads *story* (its own, and its roles'), each once."""
        profiles = [self.profile(story), *(self._load(name) for name in self.show.roles.values())]
        return list(dict.fromkeys(profile.credit() for profile in profiles))

    def roles(self) -> dict[str, Engine]:
        """Segment kind -> the engine the show's ``[roles]`` gives it."""
        return {kind: self._engine(self._load(name)) for kind, name in self.show.roles.items()}

