"""Transcript files written from the timeline's cues."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Cue


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
    lines = ["WEBVTT", ""]
    current_chapter = -1
    for number, cue in enumerate(cues, start=1):
        if cue.chapter != current_chapter:
            current_chapter = cue.chapter
            title = " ".join(chapter_titles[cue.chapter].replace("-->", "->").split())
            lines += [f"NOTE Chapter: {title}", ""]
        lines += [
            str(number),
            f"{vtt_timestamp(cue.start_ms)} --> {vtt_timestamp(cue.end_ms)}",
            _vtt_text(cue.text),
            "",
        ]
    return "\n".join(lines)
