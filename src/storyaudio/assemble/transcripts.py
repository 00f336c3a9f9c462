"""Transcript and chapter side files, written from the timeline's cues and chapter marks.

WebVTT for browsers and players and SRT for editors, one cue per sentence
(captions); a second WebVTT with each word's time inside its cue, for players
that show karaoke-style captions; and the Podcasting 2.0 JSON transcript (one
segment per written word) and JSON chapters that podcast apps read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from ..models import ChapterMark, Cue


def vtt_timestamp(ms: int) -> str:
    """``HH:MM:SS.mmm`` as WebVTT wants it."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _vtt_text(text: str) -> str:
    """Escape cue text: markup characters become entities, and no line may be blank or hold '-->'."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.split())


def write_vtt(cues: Sequence[Cue], chapter_titles: Sequence[str]) -> str:
    """A WebVTT transcript: one cue per spoken segment; a NOTE names each chapter."""
    return _webvtt(cues, chapter_titles, lambda cue: _vtt_text(cue.text))


def write_words_vtt(cues: Sequence[Cue], chapter_titles: Sequence[str]) -> str:
    """A WebVTT transcript with word timestamps: one cue per sentence, and before each word after
    the first its time (``<00:00:01.250>``), as WebVTT's cue timestamps allow.

    A word's timestamp must fall strictly inside its cue and after the one
    before it; a word that would not (two words heard in the same millisecond)
    joins the word before it.
    """
    return _webvtt(cues, chapter_titles, _timed_text)


def _webvtt(cues: Sequence[Cue], chapter_titles: Sequence[str], text_of: Callable[[Cue], str]) -> str:
    """WebVTT with a NOTE naming each chapter and each cue's text as *text_of* writes it."""
    lines = ["WEBVTT", ""]
    current_chapter = -1
    for number, cue in enumerate(cues, start=1):
        if cue.chapter != current_chapter:
            current_chapter = cue.chapter
            title = " ".join(chapter_titles[cue.chapter].replace("-->", "->").split())
            lines += [f"NOTE Chapter: {title}", ""]
        lines += [str(number), f"{vtt_timestamp(cue.start_ms)} --> {vtt_timestamp(cue.end_ms)}", text_of(cue), ""]
    return "\n".join(lines)


def _timed_text(cue: Cue) -> str:
    pieces: list[str] = []
    last = cue.start_ms
    position = 0
    for word in cue.words:
        if cue.start_ms < word.start_ms < cue.end_ms and word.start_ms > last and position < word.start_char:
            pieces.append(_vtt_text(cue.text[position:word.start_char]))
            pieces.append(f" <{vtt_timestamp(word.start_ms)}>")
            position, last = word.start_char, word.start_ms
    pieces.append(_vtt_text(cue.text[position:]))
    return "".join(pieces).strip()


def srt_timestamp(ms: int) -> str:
    """``HH:MM:SS,mmm`` as SubRip wants it."""
    return vtt_timestamp(ms).replace(".", ",")


def write_srt(cues: Sequence[Cue]) -> str:
    """A SubRip transcript: one numbered cue per spoken segment."""
    blocks = [
        f"{number}\n{srt_timestamp(cue.start_ms)} --> {srt_timestamp(cue.end_ms)}\n"
        f"{' '.join(cue.text.replace('-->', '->').split())}\n"
        for number, cue in enumerate(cues, start=1)
    ]
    return "\n".join(blocks)


def write_json_transcript(cues: Sequence[Cue]) -> str:
    """A Podcasting 2.0 JSON transcript (``application/json``): a segment per written word, times in
    seconds to the millisecond. A word's body runs to the next word, so it keeps the punctuation
    and anything unspoken written after it (a dash), and the bodies joined by spaces are the cue's
    text; a cue without word times is one segment."""
    segments = []
    for cue in cues:
        if not cue.words:
            segments.append({"startTime": cue.start_ms / 1000, "endTime": cue.end_ms / 1000, "body": cue.text})
            continue
        edges = [0, *(word.start_char for word in cue.words[1:]), len(cue.text)]
        for word, start, end in zip(cue.words, edges[:-1], edges[1:], strict=True):
            segments.append({"startTime": word.start_ms / 1000, "endTime": word.end_ms / 1000,
                             "body": " ".join(cue.text[start:end].split())})
    data = {"version": "1.0.0", "segments": segments}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_json_chapters(chapters: Sequence[ChapterMark]) -> str:
    """Podcasting 2.0 JSON chapters (``application/json+chapters``), version 1.2.0.

    A chapter's link goes in ``url`` and its picture in ``img``. In an episode of several
    stories every chapter stays in the table of contents (apps hide ``toc: false`` chapters from
    their lists), and a story's own headings are titled with the story they belong to
    (:attr:`~storyaudio.models.ChapterMark.listed_title`), since the format has no nesting.
    """
    data = {
        "version": "1.2.0",
        "chapters": [
            {"startTime": chapter.start_ms / 1000, "endTime": chapter.end_ms / 1000, "title": chapter.listed_title,
             **({"url": chapter.url} if chapter.url else {}), **({"img": chapter.image} if chapter.image else {})}
            for chapter in chapters
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
