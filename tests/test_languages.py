"""A story in Spanish, French, German, Italian or Portuguese, from script to page.

Scripted with a gTTS voice profile of its language (scripting needs no
network), every sentence of the language's corpus is spoken as the corpus
says; built, its page shows the player's words in its language, its player
announces in it, and axe finds nothing in real Chromium.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import storyaudio
from storyaudio.normalise.corpus import PhonemeJudge, load_corpus
from storyaudio.publish.feed import feed_language
from storyaudio.publish.interface import SCRIPT_WORDS, catalogue_languages, spoken_duration, translations
from storyaudio.publish.pages import READING_CHOICES

from .conftest import CHROMIUM

CORPORA = Path(__file__).parent / "data" / "normalise"
LOCALE = Path(storyaudio.__file__).parent / "locale"
TEMPLATES = Path(storyaudio.__file__).parent / "templates"
LANGUAGES = ("es", "fr", "de", "it", "pt")

PLAY = {"es": "Reproducir", "fr": "Lecture", "de": "Abspielen", "it": "Riproduci", "pt": "Reproduzir"}
PLAYING = {"es": "Reproduciendo", "fr": "Lecture en cours", "de": "Wiedergabe läuft", "it": "In riproduzione",
           "pt": "A reproduzir"}
TRANSCRIPT = {"es": "Transcripción", "fr": "Transcription", "de": "Abschrift", "it": "Trascrizione",
              "pt": "Transcrição"}


def template_messages() -> set[str]:
    """Every message the templates ask for, found by Jinja2's own Babel extractor, and those the code
    marks for translation where they are shown (reading preferences, the player script's words)."""
    from jinja2.ext import babel_extract

    found = set()
    for template in TEMPLATES.glob("*.html"):
        with template.open("rb") as handle:
            for _, _, message, _ in babel_extract(handle, ("_", "gettext"), [], {}):
                message = message[0] if isinstance(message, tuple) else message
                if message:  # ``_(label)`` takes a variable: READING_CHOICES, below
                    found.add(message)
    for _, label, choices in READING_CHOICES:
        found |= {label, *(text for value, text in choices if not text.endswith("%"))}
    return found | set(SCRIPT_WORDS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_word_of_the_pages_has_a_translation(language: str) -> None:
    """Each catalogue has every message the pages use, translated, with the same placeholders; a word
    missing from it would show in English on a Spanish page."""
    from babel.messages.pofile import read_po

    assert language in catalogue_languages()
    with (LOCALE / language / "LC_MESSAGES" / "storyaudio.po").open("rb") as handle:
        catalogue = {message.id: message.string for message in read_po(handle) if message.id}
    for message in template_messages():
        assert catalogue.get(message), (language, message)
        placeholders = re.findall(r"%\(\w+\)s|%s", message)
        assert re.findall(r"%\(\w+\)s|%s", catalogue[message]) == placeholders, (language, message)
    assert translations(language).gettext("Play") == PLAY[language]


def test_durations_and_dates_are_said_in_the_locale() -> None:
    assert spoken_duration(185_000, "es") == "3 minutos 5 segundos"
    assert spoken_duration(3_601_000, "de") == "1 Stunde 1 Sekunde"
    assert spoken_duration(185_000, "sw") == "3 minutes 5 seconds"  # no catalogue: English, marked so
    from datetime import datetime

    from storyaudio.publish.interface import human_date

    assert human_date(datetime(2026, 3, 5), "es") == "5 de marzo de 2026"
    assert human_date(datetime(2026, 3, 5), "de-AT") == "5. März 2026"
    assert human_date(datetime(2026, 3, 5)) == "5 March 2026"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_story_is_scripted_with_every_number_of_the_corpus_spoken_right(tmp_path: Path, language: str) -> None:
    """The whole corpus of the language as one story, scripted as a new user would, with a gTTS profile of
    the language: every sentence comes out as the corpus says (judged by the language's espeak voice)."""
    pairs = [pair for pair in load_corpus([CORPORA / f"{language}.tsv"])]
    tag = pairs[0].language
    pairs = [pair for pair in pairs if pair.language == tag]
    story = tmp_path / "story.md"
    story.write_text(f"---\ntitle: Corpus\nlanguage: {tag}\nvoice: gtts:{language}\n---\n\n"
                     + "\n\n".join(pair.written for pair in pairs) + "\n", encoding="utf-8")
    script = storyaudio.write_script(storyaudio.read_story(story))
    assert script.story.voice == f"gtts:{language}" and script.story.language == tag
    spoken = [segment for segment in script.segments if segment.kind == "sentence"]
    said = {segment.source: segment.spoken for segment in spoken}
    judge = PhonemeJudge()
    wrong = [(pair.written, said.get(pair.written)) for pair in pairs
             if pair.written in said and not judge.same(said[pair.written], pair.spoken, tag)]
    assert len(said) >= 0.9 * len(pairs)  # a sentence or two may be split differently by the segmenter
    assert not wrong, wrong


def test_the_feed_is_filed_under_its_stories_language(site: Path) -> None:
    """A show left at the default ``en`` whose stories are all Spanish is filed as Spanish; a show of
    several languages keeps its own; each transcript carries its episode's language."""
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<language>en</language>" in feed  # five languages: the show's own
    assert re.search(r'transcript.vtt" type="text/vtt" language="de"', feed)
    from storyaudio.publish import load_episode

    spanish = [episode for episode in [load_episode(site, "es-1")] if episode]
    assert spanish
    assert feed_language(storyaudio.Show(), spanish) == "es"
    assert feed_language(storyaudio.Show(language="es-MX"), spanish) == "es-MX"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """One short story in each language, built with the default voice (the test is of the pages)."""
    folder = tmp_path_factory.mktemp("languages")
    paths = []
    for language in LANGUAGES:
        path = folder / f"{language}.md"
        path.write_text(f"---\ntitle: {language} 1\nlanguage: {language}\n---\n# Uno\n\nEl 1.500.\n\n# Dos\n\n"
                        "El 25/03/2024.\n", encoding="utf-8")
        paths.append(path)
    out = folder / "output"
    storyaudio.build(paths, out, voice="default", cache_dir=cache_dir)
    return out


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    process = subprocess.Popen([sys.executable, "-m", "storyaudio", "serve", str(site), "--port", "0"],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    url = re.search(r"http://[\d.]+:\d+/", process.stdout.readline()).group(0)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_speaks_the_stories_language_and_passes_axe(browser, server, axe_script, language: str) -> None:
    from .test_player import open_page, violations

    page = open_page(browser, f"{server}episodes/{language}-1/index.html")
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("#play-label").inner_text() == PLAY[language]
    assert page.locator("#transcript-heading").inner_text() == TRANSCRIPT[language]
    assert page.locator("#transcript-heading").get_attribute("lang") is None  # in the page's own language
    assert page.locator("header.site .show").get_attribute("lang") == "en"  # the show's title is English
    assert violations(page, axe_script) == []
    page.locator("#play").click()
    page.wait_for_function("document.getElementById('status').textContent.length > 0")
    assert page.locator("#status").inner_text() == PLAYING[language]
    assert page.locator("#seek").get_attribute("aria-valuetext").split()[1] != "seconds"
    page.context.close()
