"""Readers: Markdown with front matter, plain text, text scraped from a page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from storyaudio import StoryError, find_stories, read_story

from .conftest import DATA


def test_markdown_front_matter_and_chapters() -> None:
    story = read_story(DATA / "two-chapters.md")
    assert story.title == "Bread & Salt"
    assert story.slug == "bread-salt"
    assert story.author == "Test Author"
    assert story.date == dt.date(2025, 5, 1)
    assert [c.title for c in story.chapters] == [None, "Morning", "Evening"]
    assert story.chapters[0].paragraphs[0].text == "Dr. Osei opened the bakery at 6 a.m. on Monday."
    assert len(story.content_hash) == 64


def test_markdown_reduces_markup_to_what_a_listener_hears(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "# Heading title\n\nRead *this* [report](https://example.org/x) now ![chart](c.png) "
        "with `code`.\n\n```\nprint('skipped')\n```\n\n> A quoted line.\n\n### Sub part\n\nEnd.\n"
    )
    story = read_story(path)
    assert story.title == "Heading title"
    opening, sub = story.chapters
    assert [p.text for p in opening.paragraphs] == ["Read this report now with code.", "A quoted line."]
    assert opening.paragraphs[1].kind == "quote"
    assert sub.title == "Sub part"


def test_markdown_tables_are_read_by_row_and_footnotes_are_not_spoken(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "# Wells\n\nThe count grew.[^1]\n\n| Year | Wells |\n| --- | --- |\n| 2022 | 4 |\n| 2023 | |\n\n"
        "[^1]: Figures from the annual report.\n"
    )
    (chapter,) = read_story(path).chapters
    assert [p.text for p in chapter.paragraphs] == ["The count grew.", "Year: 2022, Wells: 4.", "Year: 2023."]


def test_plain_text_first_line_is_title_and_blank_lines_split_paragraphs() -> None:
    story = read_story(DATA / "plain.txt")
    assert story.title == "The Well"
    assert [p.text for p in story.chapters[0].paragraphs] == [
        "The village dug a new well in May.",
        "Children now reach school on time.",
    ]


def test_scraped_page_loses_site_chrome_and_keeps_the_story() -> None:
    story = read_story(DATA / "scraped-page.txt")
    texts = [p.text for p in story.chapters[0].paragraphs]
    assert story.title == "A harbour reopens after the storm"
    assert texts[0].startswith("When the storm passed in April")
    assert texts[-1] == "Today the harbour lands more fish than before the storm."
    joined = " ".join(texts)
    for chrome in ("menu-open", "Back to News", "Supporter Login", "log in", "subscribe", "Newsletter"):
        assert chrome not in joined
    assert story.title not in joined  # the repeated title is narrated once, as the title


def test_folder_expands_to_sorted_story_files(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "notes.json"):
        (tmp_path / name).write_text("Title\n\nText.\n")
    assert [p.name for p in find_stories([tmp_path])] == ["a.txt", "b.md"]


def test_a_file_that_is_not_utf8_is_refused_with_its_line_not_guessed(tmp_path: Path) -> None:
    """A guess once turned "Café" into "Cafķ": the listener heard the mistake."""
    path = tmp_path / "story.txt"
    path.write_bytes("Title\n\nA first line.\nThe café opened again.\n".encode("latin-1"))
    with pytest.raises(StoryError, match=r"story.txt: line 4 is not valid UTF-8"):
        read_story(path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_utf8_with_a_bom_and_utf16_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "story.md"
    text = "# Café story\n\nThe señora smiled.\n"
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # with their byte-order marks, as editors save them
        data = ("\ufeff" + text).encode(encoding)
    path.write_bytes(data)
    story = read_story(path)
    assert story.title == "Café story" and story.chapters[0].paragraphs[0].text == "The señora smiled."


def test_only_regular_files_are_read_and_never_past_the_limit(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "story.md"
    os.mkfifo(fifo)
    with pytest.raises(StoryError, match="not a regular file"):
        read_story(fifo)  # would wait for a writer for ever
    with pytest.raises(StoryError, match="not a regular file"):
        read_story(Path("/dev/zero"))  # would read until memory ran out


@pytest.mark.parametrize(("front", "message"), [
    ("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\ntitle: t\n", "aliases"),
    ("title: [1, 2, 3]\n", "'title' must be one value, not a list"),
    ("author: {name: x}\n", "'author' must be one value, not a mapping"),
    ("tags: " + "[" * 50_000 + "]" * 50_000 + "\n", "nested more than 20 levels deep"),  # was a RecursionError
    ("tags: " + "{a: " * 50_000 + "}" * 50_000 + "\n", "nested more than 20 levels deep"),
])
def test_front_matter_is_refused_when_it_could_grow_or_mislead(tmp_path: Path, front: str, message: str) -> None:
    path = tmp_path / "story.md"
    path.write_text(f"---\n{front}---\n\nText.\n")
    with pytest.raises(StoryError, match=re.escape(message)):
        read_story(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\ntitle: x\ndate: 2020-13-45\n---\n\nText.\n", "date"),
        ("---\n- a list\n---\n\nText.\n", "mapping"),
        ("---\ntitle: x\n---\n\n", "no text"),
        ("---\ntitle: ok\nepisode: three\n---\n\nText.\n", "episode"),
    ],
)
def test_bad_markdown_names_the_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "story.md"
    path.write_text(content)
    with pytest.raises(StoryError, match=message):
        read_story(path)


def test_html_page_keeps_the_article_and_its_metadata() -> None:
    from storyaudio.quality import extraction_quality
    from storyaudio.script import story_text

    story = read_story(DATA / "news-page.html")
    assert story.title == "Midwives on motorbikes reach the hill villages"
    assert story.author == "Lena Haddad"
    assert story.date == dt.date(2026, 2, 9)
    assert story.language == "en-GB"
    assert story.image == "https://example.org/images/midwives.jpg"
    assert [c.title for c in story.chapters] == [None, "Two wheels, one cool box", "What comes next"]
    assert story.chapters[1].paragraphs[1].kind == "quote"
    for page in ("news-page", "fiction-page"):
        story = read_story(DATA / f"{page}.html")
        body = story_text(story).split("\n\n", 1)[1]
        quality = extraction_quality(body, (DATA / f"{page}.expected.txt").read_text())
        assert quality.recall >= 0.95 and quality.boilerplate < 0.05, (page, quality)
    for chrome in ("cookies", "Share on", "Related stories", "Comments", "newsletter", "Most read"):
        assert chrome.lower() not in story_text(read_story(DATA / "news-page.html")).lower()


def test_html_page_without_article_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(StoryError, match="no article text"):
        read_story(path)


def test_html_is_parsed_without_fetching_or_expanding_entities(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        "<html><body><article><h1>Title here</h1><p>&secret; A paragraph long enough to be "
        "taken as the article's text by the extractor, with several words in it.</p>"
        "<p>Another paragraph follows with more words so that the page reads as prose.</p>"
        "</article></body></html>"
    )
    text = " ".join(p.text for c in read_story(path).chapters for p in c.paragraphs)
    assert "root:" not in text


def test_format_option_overrides_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("# Markdown title\n\nBody *text*.\n")
    assert read_story(path, "markdown").title == "Markdown title"
    with pytest.raises(StoryError, match="unknown format 'xml'"):
        read_story(path, "xml")


def test_undecodable_bytes_say_which_file(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(StoryError, match=str(path)):
        read_story(path)


@pytest.mark.parametrize("page", ["appeal-page.txt", "appeal-page.html"])
def test_the_appeal_after_a_scraped_story_is_marked_and_the_story_is_not(page: str) -> None:
    story = read_story(DATA / page)
    paragraphs = [paragraph for chapter in story.chapters for paragraph in chapter.paragraphs]
    kinds = [paragraph.kind for paragraph in paragraphs]
    first_appeal = kinds.index("appeal")
    assert all(kind == "appeal" for kind in kinds[first_appeal:])
    assert "said" in paragraphs[first_appeal - 1].text or "harvest" in paragraphs[first_appeal - 1].text
    assert not any(kind == "appeal" for kind in kinds[:first_appeal])
    assert any("support" in p.text and p.kind != "appeal" for p in paragraphs) or page.endswith("html")


@pytest.mark.parametrize("page", ["scraped-page.txt", "news-page.html", "fiction-page.html"])
def test_a_story_without_an_appeal_keeps_every_paragraph(page: str) -> None:
    story = read_story(DATA / page)
    assert all(paragraph.kind != "appeal" for chapter in story.chapters for paragraph in chapter.paragraphs)


def test_asking_the_reader_is_told_from_reporting_to_them() -> None:
    from storyaudio.read.appeal import appeal_start, asks_the_reader

    assert asks_the_reader("Your gift today will put seed in the ground.")
    assert asks_the_reader("Donor Portal")
    assert not asks_the_reader("Your gifts paid for the first three motorbikes.")
    assert not asks_the_reader("With the support of partners, she now leads the group.")
    story = ["The boat sank.", "Your donation today helps.", "We rebuilt it."]
    assert appeal_start(story) == 3  # an appeal is only what ends the page
    assert appeal_start(["A short story.", "Give today, you can help.", "Sign up now, you will."]) == 3  # over half


def test_titles_and_names_cannot_spoof_and_links_cannot_run_script(tmp_path: Path) -> None:
    story_file = tmp_path / "spoof.md"
    story_file.write_text(
        "---\ntitle: \"Appeal\u202e\u2066gnp.exe\u2069\"\nauthor: \"Ami\u200bna\\a\"\n"
        "description: \"A \u202etest\u202c story\"\n---\n\n"
        "## [The river](javascript:alert(1))\n\n![x](data:image/png;base64,AAAA)\n\n"
        "Text \u202ehere\u202c\u0008 stays.\n\n"
        "## [Home](https://example.org/home)\n\n\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 stays joined.\n")
    story = read_story(story_file)
    assert story.title == "Appealgnp.exe" and story.author == "Amina"
    assert story.description == "A test story"
    river, home = story.chapters[-2:]
    assert river.title == "The river" and river.url is None and river.image is None
    assert home.url == "https://example.org/home"
    assert river.paragraphs[0].text == "Text here stays."
    assert "\u200c" in home.paragraphs[0].text  # a Persian joiner is spelling, not spoofing


def test_plain_text_front_matter_is_read_as_in_markdown(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text("---\ntitle: The Night Ferry\nauthor: Amara Okafor\ndate: 2026-03-14\nslug: night-ferry\n---\n\n"
                    "The ferry left at nine.\n\nNobody spoke on the crossing.\n")
    story = read_story(path)
    assert (story.title, story.author, story.slug, story.date) == (
        "The Night Ferry", "Amara Okafor", "night-ferry", dt.date(2026, 3, 14))
    texts = [p.text for chapter in story.chapters for p in chapter.paragraphs]
    assert texts == ["The ferry left at nine.", "Nobody spoke on the crossing."]  # no "---" chapter
    assert all(chapter.title != "---" for chapter in story.chapters)


def test_a_text_files_title_is_its_first_line_only_when_that_looks_like_a_title(tmp_path: Path) -> None:
    prose = tmp_path / "harbour-at-dawn.txt"
    prose.write_text("The harbour was quiet when the boats came in, and nobody said a word about the storm.\n\n"
                     "By noon the nets were mended.\n")
    story = read_story(prose)
    assert story.title == "Harbour at dawn"  # the file name, never a whole sentence as the <h1>
    assert story.chapters[0].paragraphs[0].text.startswith("The harbour was quiet")
    titled = tmp_path / "x.txt"
    titled.write_text("Harbour at Dawn\n\nThe boats came in.\n")
    assert read_story(titled).title == "Harbour at Dawn"


def test_text_files_get_chapters_from_lines_that_look_like_headings(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_text("The Long Road\n\nCHAPTER ONE\n\nThey set out at dawn.\n\nTHE RIVER\n\nThe water was high.\n\n"
                    "Crossing over\n=============\n\nThey crossed at noon.\n\nPart Two: Home\n\nThe lights came up.\n\n"
                    "A short line, not a heading\n\nIt ends here.\n")
    story = read_story(path)
    assert story.title == "The Long Road"
    assert [chapter.title for chapter in story.chapters] == ["CHAPTER ONE", "THE RIVER", "Crossing over",
                                                            "Part Two: Home"]
    assert [p.text for p in story.chapters[-1].paragraphs] == [
        "The lights came up.", "A short line, not a heading", "It ends here."]


def test_a_slug_clash_between_text_files_is_fixed_by_their_front_matter(tmp_path: Path, cache_dir: Path) -> None:
    import storyaudio

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Same Title\n\nThe first story.\n")
    second.write_text("Same Title\n\nThe second story.\n")
    with pytest.raises(StoryError, match="set a different 'slug:' in its front matter"):
        storyaudio.build([first, second], tmp_path / "out", cache_dir=cache_dir, jobs=1)
    second.write_text("---\nslug: same-title-two\n---\nSame Title\n\nThe second story.\n")
    built = storyaudio.build([first, second], tmp_path / "out", cache_dir=cache_dir, jobs=1)
    assert sorted(e.slug for e in built) == ["same-title", "same-title-two"]


def test_a_text_files_appeal_is_found_at_the_end_of_the_page_not_of_each_chapter(tmp_path: Path) -> None:
    path = tmp_path / "clinic.txt"
    path.write_text("A Day at the Clinic\n\nMORNING\n\nThe van left before sunrise with medicine and water for the "
                    "whole village.\n\nThe nurse said, please donate today, you can help us, as a joke.\n\n"
                    "EVENING\n\nBy dusk every child had been seen and the van turned for home.\n\nThe road was "
                    "dark but nobody minded the long drive back.\n\nYOU CAN HELP\n\nDonate today and help keep "
                    "the clinic on the road: you can give monthly.\n")
    story = read_story(path)
    kinds = {p.text[:20]: p.kind for chapter in story.chapters for p in chapter.paragraphs}
    assert kinds["The nurse said, plea"] == "prose"  # the end of a chapter is not the end of the page
    assert kinds["Donate today and hel"] == "appeal"


APPEAL_STORY = ("The village well was dry for a year. Then the new pump arrived and the children went back to "
                "school.\n\nYour monthly gift today can bring water to another village. Donate now.\n\n"
                "Helpline: 0800 123 4567\n")


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
def test_the_appeal_is_found_alike_in_every_format(tmp_path: Path, suffix: str) -> None:
    """One detector for every format: the appeal and its helpline line (which kept a text file's
    appeal before, and Markdown never looked) are marked, the story is not."""
    paragraphs = APPEAL_STORY.strip().split("\n\n")
    body = {".md": "# The well\n\n" + APPEAL_STORY, ".txt": "The well\n\n" + APPEAL_STORY,
            ".html": "<html><body><article><h1>The well</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
                     + "</article></body></html>"}[suffix]
    path = tmp_path / f"well{suffix}"
    path.write_text(body)
    story = read_story(path)
    kinds = [p.kind for chapter in story.chapters for p in chapter.paragraphs]
    assert kinds == ["prose", "appeal", "appeal"], kinds


def test_a_story_can_choose_to_read_its_appeal(tmp_path: Path) -> None:
    from storyaudio.script import write_script

    path = tmp_path / "well.md"
    path.write_text("---\nappeal: read\n---\n# The well\n\n" + APPEAL_STORY)
    script = write_script(read_story(path))
    assert any("monthly gift" in s.spoken for s in script.segments)
    assert not any(chapter.skipped for chapter in script.chapters)
    path.write_text("---\nappeal: maybe\n---\n# The well\n\n" + APPEAL_STORY)
    with pytest.raises(StoryError, match="front matter 'appeal' must be read or skip"):
        read_story(path)


def test_slugs_drop_currency_signs_and_keep_a_published_slug(tmp_path: Path, cache_dir: Path) -> None:
    import storyaudio
    from storyaudio.read.source import make_slug

    assert make_slug("£250,000 raised for the clinic") == "250000-raised-for-the-clinic"  # not ps250000-...
    assert make_slug("€5 meals for $1.50") == "5-meals-for-1-50"
    # An episode an older build published as ps250000-raised keeps its address when rebuilt.
    story = tmp_path / "raised.md"
    story.write_text("---\ntitle: £250,000 raised\nslug: ps250000-raised\n---\n\nThe clinic has its money.\n")
    out = tmp_path / "out"
    storyaudio.build([story], out, cache_dir=cache_dir, jobs=1)
    story.write_text("---\ntitle: £250,000 raised\n---\n\nThe clinic has its money now.\n")
    (episode,) = storyaudio.build([story], out, cache_dir=cache_dir, jobs=1)
    assert episode.slug == "ps250000-raised"
    assert [e.slug for e in storyaudio.load_catalog(out)] == ["ps250000-raised"]


APPEALS_ELSEWHERE = {
    "es": ("El pozo del pueblo estuvo seco un año. Luego llegó la bomba nueva y los niños volvieron a la escuela.",
           "Tu donación mensual puede llevar agua a otro pueblo. Dona ahora.", "Hazte socio hoy"),
    "fr": ("Le puits du village est resté sec un an. Puis la nouvelle pompe est arrivée et les enfants sont "
           "retournés à l'école.", "Votre don mensuel peut apporter l'eau à un autre village. Faites un don "
           "maintenant.", "Abonnez-vous à notre newsletter"),
    "de": ("Der Brunnen des Dorfes war ein Jahr lang trocken. Dann kam die neue Pumpe und die Kinder gingen "
           "wieder zur Schule.", "Ihre monatliche Spende kann ein weiteres Dorf mit Wasser versorgen. Jetzt "
           "spenden.", "Werden Sie heute Fördermitglied"),
    "it": ("Il pozzo del villaggio è rimasto secco per un anno. Poi è arrivata la nuova pompa e i bambini sono "
           "tornati a scuola.", "La tua donazione mensile può portare acqua a un altro villaggio. Dona ora.",
           "Iscriviti alla newsletter"),
    "pt": ("O poço da aldeia ficou seco durante um ano. Depois chegou a bomba nova e as crianças voltaram à "
           "escola.", "A sua doação mensal pode levar água a outra aldeia. Doe agora.", "Junte-se a nós hoje"),
}


@pytest.mark.parametrize("language", sorted(APPEALS_ELSEWHERE))
def test_the_appeal_is_found_in_every_language_with_rules(tmp_path: Path, language: str) -> None:
    """``Dona ahora``, ``Faites un don``, ``Jetzt spenden``, ``Dona ora``, ``Doe agora``: the appeal that ends
    a charity's page is recognised as the English one is, and the story before it is not."""
    story_text, appeal, label = APPEALS_ELSEWHERE[language]
    path = tmp_path / "pozo.md"
    path.write_text(f"---\nlanguage: {language}\n---\n# El pozo\n\n{story_text}\n\n{story_text}\n\n{appeal}\n\n"
                    f"{label}\n")
    kinds = [p.kind for chapter in read_story(path).chapters for p in chapter.paragraphs]
    assert kinds == ["prose", "prose", "appeal", "appeal"], kinds
