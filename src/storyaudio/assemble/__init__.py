"""Assemble stage: clips -> a tagged, chaptered MP3 and its transcript.

Everything is written beside the MP3 in the episode's folder, each file
atomically, and every time is read off one :class:`Timeline`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..atomic import atomic_path, atomic_write, file_sha256
from ..cache import ClipCache, ClipRef
from ..errors import AudioError
from ..ffmpeg import decode_audio
from ..layout import (
    CHAPTER_PICTURE_FILE,
    CHAPTERS_FILE,
    COVER_FILE,
    EPISODE_ARTWORK_FILE,
    JSON_TRANSCRIPT_FILE,
    SRT_FILE,
    VTT_FILE,
    WORDS_VTT_FILE,
    audio_file,
)
from ..models import ChapterMark, Clip, Episode, Script
from ..settings import AudioSettings
from .cover import artwork_from_cover, artwork_jpeg, chapter_pictures, cover_jpeg
from .encode import encode_mp3
from .mp3frames import mp3_seconds
from .tags import EpisodeTags, write_tags
from .timeline import Timeline, build_timeline, faded
from .transcripts import (
    write_json_chapters,
    write_json_transcript,
    write_srt,
    write_vtt,
    write_words_vtt,
)

__all__ = ["AudioSettings", "EpisodeTags", "Timeline", "artwork_jpeg", "assemble", "build_timeline", "chapter_pictures",
           "cover_jpeg",
           "encode_mp3", "write_tags", "write_vtt"]


def _music(path: str, fade_ms: int) -> Clip | None:
    return faded(load_audio(Path(path)), fade_ms) if path else None


def _bed(audio: AudioSettings) -> Clip | None:
    """The music bed at its level (faded later, once it is cut to length)."""
    if not audio.bed:
        return None
    clip = load_audio(Path(audio.bed))
    return Clip(np.round(clip.samples * 10 ** (audio.bed_db / 20)).astype(np.int16), clip.sample_rate)


def _chapter_images(chapters: tuple[ChapterMark, ...], pictures: Mapping[str, bytes],
                    folder_url: str) -> tuple[tuple[ChapterMark, ...], list[tuple[bytes | None, str]]]:
    """Chapters with their pictures' published addresses; each picture's bytes and file name."""
    marks, images = [], []
    for number, chapter in enumerate(chapters, start=1):
        data = pictures.get(chapter.image) if chapter.image else None
        name = CHAPTER_PICTURE_FILE.format(number) if data is not None else ""
        marks.append(replace(chapter, image=folder_url + name) if name else chapter)
        images.append((data, name))
    return tuple(marks), images


def load_audio(path: Path, sample_rate: int = 22050) -> Clip:
    """Decode an intro or outro file with the bundled ffmpeg, naming the file when it cannot be."""
    try:
        return decode_audio(path.read_bytes(), sample_rate)
    except OSError as error:
        raise AudioError(f"{path}: cannot be read ({error.strerror})") from None
    except ValueError as error:
        raise AudioError(f"{path}: cannot be decoded as audio ({error})") from None


def project_relative(path: Path, project: Path | None = None) -> str:
    """*path* relative to *project* (default: the working folder), with forward slashes, as the
    catalog stores a story's source (``stories/night-ferry.md``, ``../shared/story.md``)."""
    return Path(os.path.relpath(path.resolve(), (project or Path.cwd()).resolve())).as_posix()


def assemble(
    script: Script,
    clips: Sequence[Clip | ClipRef],
    folder: Path,
    *,
    album: str,
    guid: str,
    pub_date: str,
    audio: AudioSettings = AudioSettings(),
    build_key: str = "",
    cover: bytes | None = None,
    artwork: bytes | None = None,
    cache: ClipCache | None = None,
    pictures: Mapping[str, bytes] | None = None,
    folder_url: str = "",
    project: Path | None = None,
    credits: Sequence[str] = (),
) -> Episode:
    """Write ``<slug>.mp3`` and its side files into *folder*; describe them as an Episode.

    Side files: ``transcript.vtt``, ``transcript.srt``, ``transcript.json``
    (Podcasting 2.0, a segment per word), ``transcript-words.vtt`` (word
    timestamps inside each sentence's cue) and ``chapters.json`` (Podcasting
    2.0 JSON chapters).
    *artwork* is the feed's episode picture (see :func:`artwork_jpeg`; from the cover when not
    given). *cover* is the JPEG front cover (see :func:`cover_jpeg`); without one a
    title card is drawn. With *cache*, spans of the audio encoded before
    (by an earlier build of this or another story) are reused.

    Chapters keep their links (an ID3 ``WXXX`` and ``url`` in
    ``chapters.json``). A chapter picture that is a local file is embedded
    in its ``CHAP`` frame and written beside the MP3 as ``chapter-N.jpg``,
    *pictures* holding its JPEG bytes (see :func:`chapter_pictures`; made
    here when not given); ``chapters.json`` links it under *folder_url*,
    the episode folder's public address (relative when empty).

    *credits* name the voices that read it (one line each): they go into the MP3's tags and the
    episode, from which the feed and the page credit them.

    The episode records its story's file relative to *project* (the show's
    folder; the working folder when not given): ``episode.json`` is uploaded
    with the site, and must not tell the world where the build machine keeps
    its files.
    """
    story = script.story
    timeline = build_timeline(script.segments, clips, intro=_music(audio.intro, audio.fade_ms),
                              outro=_music(audio.outro, audio.fade_ms), bed=_bed(audio),
                              fade_ms=audio.fade_ms)
    mp3_path = folder / audio_file(story.slug)
    cover = cover or cover_jpeg(None, story.title)
    artwork = artwork or artwork_from_cover(cover)

    with atomic_path(mp3_path) as tmp:
        file_map = encode_mp3(timeline, tmp, audio, cache)
        duration_ms = round(mp3_seconds(tmp) * 1000)
        chapters, images = _chapter_images(timeline.chapter_marks(script, file_map, duration_ms),
                                           chapter_pictures(script.chapters) if pictures is None else pictures,
                                           folder_url)
        cues = timeline.cues(file_map)
        tags = EpisodeTags(
            title=story.title,
            artist=story.author,
            album=album,
            year=str(story.date.year) if story.date else None,
            description=story.description,
            cover=cover,
            credits=tuple(credits),
        )
        write_tags(tmp, tags, chapters, [data for data, _ in images])

    titles = [chapter.title for chapter in script.chapters]
    atomic_write(folder / VTT_FILE, write_vtt(cues, titles))
    atomic_write(folder / WORDS_VTT_FILE, write_words_vtt(cues, titles))
    atomic_write(folder / SRT_FILE, write_srt(cues))
    atomic_write(folder / JSON_TRANSCRIPT_FILE, write_json_transcript(cues))
    atomic_write(folder / CHAPTERS_FILE, write_json_chapters(chapters))
    atomic_write(folder / COVER_FILE, cover)
    atomic_write(folder / EPISODE_ARTWORK_FILE, artwork)
    for data, name in images:
        if data is not None and name:
            atomic_write(folder / name, data)

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
        source=project_relative(story.source, project) if story.source else None,
        content_hash=story.content_hash,
        build_key=build_key,
        episode=story.episode,
        season=story.season,
        url=story.url,
        fetched_url=story.fetched_url,
        appeal_skipped=sum(len(chapter.skipped) for chapter in script.chapters),
        credits=tuple(credits),
        audio_sha256=file_sha256(mp3_path),
    )
