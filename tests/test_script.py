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


@pytest.mark.parametrize("page", ["appeal-page.txt", "appeal-page.html"])
def test_the_appeal_is_skipped_unless_the_show_reads_it(page: str) -> None:
    story = read_story(DATA / page)
    script = write_script(story)
    spoken = " ".join(segment.source for segment in script.segments)
    skipped = [segment for chapter in script.chapters for segment in chapter.skipped]
    assert skipped and all(segment.kind == "appeal" for segment in skipped)
    assert not any(segment.source in spoken for segment in skipped)
    assert "monthly" in " ".join(segment.source for segment in skipped) and "monthly" not in spoken
    text = story_text(story)
    assert all(text[s.start_char:s.end_char] == s.source for s in [*script.segments, *skipped])
    read = write_script(story, read_appeals=True)
    assert not any(chapter.skipped for chapter in read.chapters)
    assert "monthly" in " ".join(segment.source for segment in read.segments)


def test_quoted_speech_inside_prose_is_marked_for_the_quote_voice() -> None:
    story = read_story(DATA / "appeal-page.txt")
    (quoted,) = [s for s in write_script(story).segments if s.parts]
    assert quoted.parts == (("quote", '"We were told to wait for help. We did not wait,"'),
                            ("sentence", "said Halima, who leads the farmers' group."))
    assert quoted.source.startswith('"We were told') and "said Halima" in quoted.source  # transcript: whole


def test_a_quote_runs_on_across_sentences() -> None:
    from storyaudio.script import quoted_parts

    opening, still_open = quoted_parts('"There was a moment when they came.', False)
    closing, after = quoted_parts('I felt safe," she said.', still_open)
    assert opening == (("quote", '"There was a moment when they came.'),) and still_open
    assert closing == (("quote", 'I felt safe,"'), ("sentence", "she said.")) and not after


@pytest.mark.parametrize(("spoken", "parts"), [
    ('"We walked for days," she said.', (("quote", '"We walked for days,"'), ("sentence", "she said."))),
    ('He said, "Not yet."', (("sentence", "He said,"), ("quote", '"Not yet."'))),
    ('He said "yes" and "no".', (("sentence", "He said"), ("quote", '"yes"'), ("sentence", "and"),
                                 ("quote", '"no".'))),
    ("No one spoke.", ()),
])
def test_quoted_parts(spoken: str, parts: tuple[tuple[str, str], ...]) -> None:
    from storyaudio.script import quoted_parts

    assert quoted_parts(spoken, False)[0] == parts

