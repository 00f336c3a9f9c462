"""The script stage: sentences, long-sentence splitting, offsets, pauses, normalisation."""

from __future__ import annotations

import pytest

from storyaudio import Pauses, read_story, split_sentences, write_script
from storyaudio.normalise import normalise
from storyaudio.script import split_long, story_text

from .conftest import DATA


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Ama Osei met Mr. J. R. Smith. They talked.", ["Dr. Ama Osei met Mr. J. R. Smith.", "They talked."]),
        ("It rose 2.5 percent in the U.S. last year. Then it fell.",
         ["It rose 2.5 percent in the U.S. last year.", "Then it fell."]),
        ("She paused... Then she spoke.", ["She paused...", "Then she spoke."]),
        ("Fruit, e.g. mangoes, grew well. St. Anne's school opened.",
         ["Fruit, e.g. mangoes, grew well.", "St. Anne's school opened."]),
    ],
)
def test_split_sentences_survives_hard_cases(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_split_long_breaks_at_clauses_never_inside_words() -> None:
    sentence = ("When the rains came, the road to the clinic washed away; the nurses walked, "
                "carrying the vaccines on their backs, for three hours each way.")
    pieces = split_long(sentence, 60)
    assert all(len(piece) <= 60 for piece in pieces)
    assert " ".join(pieces) == sentence
    assert pieces[0] == "When the rains came, the road to the clinic washed away;"


def test_script_segments_kinds_pauses_and_offsets() -> None:
    story = read_story(DATA / "two-chapters.md")
    script = write_script(story, Pauses(sentence_ms=100, paragraph_ms=200, chapter_ms=900))
    segments = script.segments
    assert [s.kind for s in segments] == [
        "title", "sentence", "heading", "sentence", "sentence", "heading", "sentence"]
    assert [c.title for c in script.chapters] == ["Bread & Salt", "Morning", "Evening"]
    assert [s.pause_ms for s in segments] == [200, 900, 200, 100, 900, 200, 900]
    text = story_text(story)
    for segment in segments:
        assert text[segment.start_char:segment.end_char] == segment.source


def test_normalise_cleans_what_a_voice_would_stumble_on() -> None:
    assert normalise("Francesca* said \u201chello\u201d \u2014 twice \U0001F600") == 'Francesca said "hello", twice'
    assert normalise("\U0001F600\U0001F680") == ""
