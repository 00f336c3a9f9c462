"""Assemble stage: clips -> a tagged, chaptered MP3 and its transcript.

Everything is written beside the MP3 in the episode's folder, each file
atomically, and every time is read off one :class:`Timeline`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mutagen.mp3 import MP3

from ..atomic import atomic_path, atomic_write
from ..models import Clip, Episode, Script
from .encode import AudioSettings, encode_mp3
from .tags import EpisodeTags, write_tags
from .timeline import Timeline, build_timeline
from .transcripts import write_vtt

__all__ = ["AudioSettings", "EpisodeTags", "Timeline", "assemble", "build_timeline",
           "encode_mp3", "write_tags", "write_vtt"]


def assemble(
    script: Script,
    clips: Sequence[Clip],
    folder: Path,
    *,
    album: str,
    guid: str,
    pub_date: str,
    audio: AudioSettings = AudioSettings(),
    build_key: str = "",
) -> Episode:
    """Write ``<slug>.mp3`` and ``transcript.vtt`` into *folder*; describe them as an Episode."""
    story = script.story
    timeline = build_timeline(script.segments, clips)
    chapters = timeline.chapter_marks(script)
    cues = timeline.cues()
    mp3_path = folder / f"{story.slug}.mp3"

    with atomic_path(mp3_path) as tmp:
        encode_mp3(timeline, tmp, audio)
        tags = EpisodeTags(
            title=story.title,
            artist=story.author,
            album=album,
            year=str(story.date.year) if story.date else None,
            description=story.description,
        )
        write_tags(tmp, tags, chapters)
        duration_ms = round(MP3(tmp).info.length * 1000)

    transcript = write_vtt(cues, [chapter.title for chapter in script.chapters])
    atomic_write(folder / "transcript.vtt", transcript)

    return Episode(
        slug=story.slug,
        title=story.title,
        guid=guid,
        pub_date=pub_date,
        duration_ms=duration_ms,
        size_bytes=mp3_path.stat().st_size,
        audio_file=mp3_path.name,
        chapters=chapters,
        cues=cues,
        author=story.author,
        description=story.description,
        language=story.language,
        source=str(story.source) if story.source else None,
        content_hash=story.content_hash,
        build_key=build_key,
    )
