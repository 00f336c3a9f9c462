"""Property-based tests: any text at all never crashes storyaudio with anything but its own
errors, and what the writers make is read back identically by real parsers."""

from __future__ import annotations

import html
import io
import json
import xml.etree.ElementTree as ET
from itertools import pairwise

import webvtt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyaudio import StoryError, split_sentences, write_script
from storyaudio.assemble.transcripts import write_json_transcript, write_srt, write_vtt
from storyaudio.models import ChapterMark, Cue, Episode
from storyaudio.normalise import normalise
from storyaudio.publish.feed import write_feed
from storyaudio.read import read_story_bytes
from storyaudio.settings import Show

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
spoken_text = any_text.filter(lambda t: any(ch.isalnum() for ch in t))


@FAST
@given(data=st.binary(max_size=400), fmt=st.sampled_from(["markdown", "text", "html"]))
def test_readers_take_any_bytes(data: bytes, fmt: str) -> None:
    try:
        story = read_story_bytes(data, fmt)
    except StoryError:
        return
    write_script(story)  # and whatever was read can be scripted


@FAST
@given(text=any_text, fmt=st.sampled_from(["markdown", "text"]))
def test_readers_and_script_take_any_text(text: str, fmt: str) -> None:
    try:
        story = read_story_bytes(text.encode("utf-8", "surrogatepass"), fmt)
    except StoryError:
        return
    for segment in write_script(story).segments:
        assert segment.spoken and segment.source


@FAST
@given(text=any_text)
def test_sentences_cover_the_text_in_order(text: str) -> None:
    spans = split_sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in pairwise(spans))


@FAST
@given(text=any_text, language=st.sampled_from(["en", "en-GB", "es", "es-MX", "fr", "de", "it", "pt", "pt-BR", "xx"]))
def test_normalise_never_fails(text: str, language: str) -> None:
    spoken = normalise(text, language)
    assert isinstance(spoken, str)
    assert "\n" not in spoken and not any(0xD800 <= ord(ch) <= 0xDFFF for ch in spoken)


number_like = st.lists(st.sampled_from([
    "1", "0", "9", "12", "1,000", "2.5", ".", ",", ":", "/", "-", "\u2013", "$", "£", "€", "%", "'", '"', "(", ")",
    " ", " ", "I", "V", "X", "XIV", "m", "k", "bn", "p", "c", "am", "pm", "p.m.", "St.", "Dr.", "No.", "pp.",
    "Chapter", "Henry", "May", "Mon", "km", "ft", "in", "+44", "0161", "www.", "example.org", "@", "½", "th",
    "ISBN", "BA", "249", "0440213231", "#", "Selfie", "/km²", "/yr", "NGO", "s", "'s", "FKUB", "NATO", "v2.3.1",
    "±", "≤", "α", "&", "AT", "221B", "SW1A 1AA", "ed.", "vol", "text WARM to ", "John Jacob Astor", "IV", "PhD",
]), max_size=40).map("".join)


@FAST
@given(text=number_like, language=st.sampled_from(["en", "en-GB", "en-US", "en-AU"]))
def test_normalise_takes_any_mix_of_numbers_signs_and_abbreviations(text: str, language: str) -> None:
    """Shapes built from the pieces the English rules look for, so every family is exercised."""
    spoken = normalise(text, language)
    assert isinstance(spoken, str) and "\n" not in spoken


european_number_like = st.lists(st.sampled_from([
    "1", "0", "9", "12", "21", "1.500", "1 500", "3,50", "2.5", "10.000", "1,500.50", ".", ",", ":", "/", "-",
    "\u2013", "€", "$", "R$", "£", "%", " ", " ", "\u00a0", "º", "ª", "°", "er", "re", "e", "h", "Uhr", "km", "m²",
    "°C", "km/h", "I", "V", "X", "XIV", "XXIe", "Luis", "Karl", "siglo", "Kapitel", "Sr.", "Dra.", "z. B.", "Nr.",
    "n.º", "M.", "Mme", "Sig.ra", "etc.", "de", "mayo", "Oktober", "mai", "am", "der", "personas", "+34", "01",
    "www.", "ejemplo.org", "@", "½", "x", "millones", "Mio.", "\u2212",
]), max_size=40).map("".join)


@FAST
@given(text=european_number_like, language=st.sampled_from(["es", "es-MX", "fr", "de", "it", "pt", "pt-BR"]))
def test_normalise_takes_any_mix_of_european_numbers_signs_and_abbreviations(text: str, language: str) -> None:
    """Shapes built from the pieces the shared European rules look for, in every language that has them,
    and in the wrong one (a Spanish number in a German story)."""
    spoken = normalise(text, language)
    assert isinstance(spoken, str) and "\n" not in spoken


def _cues(texts: list[str]) -> list[Cue]:
    return [Cue(i * 1000, i * 1000 + 900, text, "sentence", 0) for i, text in enumerate(texts)]


@FAST
@given(texts=st.lists(spoken_text, min_size=1, max_size=5), title=spoken_text)
def test_vtt_round_trips_through_a_real_parser(texts: list[str], title: str) -> None:
    document = write_vtt(_cues(texts), [title])
    captions = webvtt.from_buffer(io.StringIO(document))
    assert [html.unescape(c.text) for c in captions] == [" ".join(t.split()) for t in texts]
    assert [c.start for c in captions] == [f"00:00:{i:02d}.000" for i in range(len(texts))]


@FAST
@given(texts=st.lists(spoken_text, min_size=1, max_size=5))
def test_srt_and_json_transcripts_round_trip(texts: list[str]) -> None:
    blocks = write_srt(_cues(texts)).strip().split("\n\n")
    assert [block.split("\n", 2)[2] for block in blocks] == [
        " ".join(t.replace("-->", "->").split()) for t in texts]
    segments = json.loads(write_json_transcript(_cues(texts)))["segments"]
    assert [s["body"] for s in segments] == texts


@FAST
@given(title=any_text, description=any_text, chapter=any_text)
def test_feed_is_well_formed_for_any_text(title: str, description: str, chapter: str) -> None:
    episode = Episode(slug="s", title=title, guid="g", pub_date="Mon, 01 Jan 2024 12:00:00 +0000",
                      duration_ms=1000, size_bytes=10, audio_file="s.mp3",
                      chapters=(ChapterMark(chapter, 0, 1000),), cues=(), description=description)
    show = Show(title=title.strip() or "t", description=description.strip() or "d", base_url="https://example.org/")
    root = ET.fromstring(write_feed(show, [episode]).encode())
    item = root.find("channel/item")
    assert item is not None
    kept = "".join(ch for ch in title if ch in "\t\n\r" or ch >= " " and not 0xD800 <= ord(ch) <= 0xDFFF
                   and ch not in "\ufffe\uffff")
    assert (item.findtext("title") or "") == kept.replace("\r\n", "\n").replace("\r", "\n").strip()
