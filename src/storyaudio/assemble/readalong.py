"""Word times for read-along: when each written word of a cue is heard in the episode.

A clip knows its spoken words' samples (:attr:`~storyaudio.models.Clip.words`)
and its segment knows which written word each spoken word reads
(:attr:`~storyaudio.models.Segment.words`). Here the two meet on the
timeline: spoken words reading the same written word (``£1.5m``) become one
:class:`~storyaudio.models.WordTime` from the first one's start to the last
one's end, placed where the clip is and read off the file like the cues.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..cache import ClipRef
from ..models import Clip, Segment, WordTime
from ..words import spoken_words, spread_by_length, written_spans


def cue_words(segment: Segment, clip: Clip | ClipRef, start: int, length: int, rate: int,
              ms: Callable[[int], int]) -> tuple[tuple[WordTime, ...], bool]:
    """The written words of *segment*, timed, and whether the times are estimates.

    *start* and *length* are the clip's place on the timeline in samples at
    *rate*; *ms* turns a timeline sample into milliseconds in the file.
    """
    said = spoken_words(segment.spoken)
    if not said:
        return (), False
    owners = segment.words if len(segment.words) == len(said) else written_spans(segment.source, segment.spoken)
    estimated = clip.words_estimated
    samples: Sequence[tuple[int, int]]
    if len(clip.words) == len(said):
        scale = rate / clip.sample_rate
        samples = [(round(a * scale), round(b * scale)) for a, b in clip.words]
    else:  # a clip from before word timings, or made elsewhere: spread the words by length
        estimated = True
        samples = spread_by_length([b - a for a, b in said], 0, length)
    words: list[WordTime] = []
    for (first, last), owner in zip(samples, owners, strict=True):
        first, last = start + min(max(first, 0), length), start + min(max(last, first), length)
        if words and (words[-1].start_char, words[-1].end_char) == owner:
            words[-1] = words[-1]._replace(end_ms=ms(last))
        else:
            words.append(WordTime(ms(first), ms(last), *owner))
    return tuple(words), estimated
