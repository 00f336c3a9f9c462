"""The player as a place to read: the transcript as prose with one Tab stop, search, sharing a
moment, reading preferences, right-to-left stories, the sticky bar, the show page's cards and
the embed's height, in real headless Chromium.

Two extra episodes are rendered with the real templates beside a real build: a story of 60
chapters (for the Tab-stop count) and an Arabic one (right to left). Both play the real MP3 of
a built episode, so the player behaves as on any page.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import json
import re
import shutil
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

import storyaudio
from storyaudio.layout import EMBED_PAGE, EPISODE_PAGE
from storyaudio.models import ChapterMark, Cue, Episode, WordTime
from storyaudio.publish.pages import EMBED_HEIGHT, render_embed_page, render_episode_page
from storyaudio.publish.serve import make_server

from .conftest import CHROMIUM, Built
from .test_player import ARTIFACTS, PAGE, open_page, violations

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)")

ARABIC = ["كان الخبز ساخنا في الصباح.", "جاءت الجارة تحمل الملح.", "ضحك الأطفال في الشارع.",
          "أغلق الفرن قبل المساء.", "نام الحي بعد العشاء."]


def _timed(start: int, end: int, text: str, kind, chapter: int, block: int) -> Cue:
    """A cue whose words are spread evenly over its time, as the read-along shows them."""
    spans = [match.span() for match in re.finditer(r"\S+", text)]
    step = (end - start) / max(1, len(spans))
    words = tuple(WordTime(round(start + i * step), round(start + (i + 1) * step), a, b)
                  for i, (a, b) in enumerate(spans))
    return Cue(start, end, text, kind, chapter, block=block, words=words)


def _episode_like(real: Episode, slug: str, title: str, language: str,
                  chapters: list[tuple[str, list[str]]]) -> Episode:
    """An episode of *chapters* (heading, sentences) spread evenly over *real*'s audio."""
    count = sum(1 + len(sentences) for _, sentences in chapters)
    step = max(1, real.duration_ms // count)
    cues: list[Cue] = []
    marks: list[ChapterMark] = []
    at = 0
    for index, (heading, sentences) in enumerate(chapters):
        marks.append(ChapterMark(heading, at, at + step * (1 + len(sentences))))
        cues.append(_timed(at, at + step, heading, "heading", index, len(cues)))
        at += step
        block = len(cues)
        for sentence in sentences:
            cues.append(_timed(at, at + step, sentence, "sentence", index, block))
            at += step
    return dataclasses.replace(real, slug=slug, title=title, language=language, guid=slug,
                               chapters=tuple(marks), cues=tuple(cues))


@pytest.fixture(scope="module")
def site(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("reading-site")
    shutil.copytree(built.out, out, dirs_exist_ok=True)
    real = next(e for e in built.episodes if e.slug == "bread-salt")
    show = storyaudio.Show(base_url="https://stories.charity.org.uk/audio/")
    extra = [
        _episode_like(real, "sixty", "Sixty chapters", "en",
                      [(f"Part {n}", [f"Sentence one of part {n}.", f"And two of part {n}."]) for n in range(1, 61)]),
        _episode_like(real, "arabic", "الخبز والملح", "ar", [("الصباح", ARABIC[:3]), ("المساء", ARABIC[3:])]),
        _episode_like(real, "long", "A title long enough to need three lines on a phone, as some newsroom "
                      "headlines are, with a subtitle after a colon: and more", "en",
                      [("One", [" ".join(["A sentence that runs on and on,"] * 12) + " and ends."])]),
    ]
    for episode in extra:
        folder = out / "episodes" / episode.slug
        folder.mkdir()
        for name in (real.audio_file, "cover.jpg"):
            shutil.copy(out / "episodes/bread-salt" / name, folder / name.replace("bread-salt", episode.slug))
        episode = dataclasses.replace(episode, audio_file=real.audio_file.replace("bread-salt", episode.slug))
        (folder / EPISODE_PAGE).write_text(render_episode_page(show, episode), encoding="utf-8")
        (folder / EMBED_PAGE).write_text(render_embed_page(show, episode), encoding="utf-8")
    server = make_server(out, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def tab_stops(page, limit: int = 400) -> list[str]:
    """Every element Tab reaches, in order, as ``id`` or ``tag.class`` plus whether it is in the
    transcript: pressed from the top of the page until focus comes round again."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        here = page.evaluate("(() => { const e = document.activeElement;"
                             " if (!e || e === document.body) return null;"
                             " return (e.closest('#transcript') ? 'T:' : '') + (e.id || e.tagName + '.' + e.className)"
                             " + '@' + [...document.querySelectorAll('*')].indexOf(e); })()")
        if here is None or here in seen:
            break
        seen.append(here)
    return seen


def test_the_transcript_is_prose_with_one_tab_stop_whatever_its_length(browser, site) -> None:
    page = open_page(browser, site + "episodes/sixty/index.html")
    assert page.locator("#transcript-text a").count() == 0  # no sentence is a link
    assert page.locator("#transcript-text h3").count() == 60  # chapter headings are headings...
    assert page.locator("#transcript-text h3 a").count() == 0  # ...not links
    stops = tab_stops(page)
    in_transcript = [stop for stop in stops if stop.startswith("T:")]
    assert len(in_transcript) <= 2, in_transcript  # the search field and the sentences
    assert page.locator("#transcript-text [tabindex='0']").count() == 1
    # The chapters list is the one place with a stop per chapter, and Tab leaves the page's end.
    assert sum("chapter" in stop for stop in stops) == 60
    page.context.close()
    plain = open_page(browser, site + "episodes/sixty/index.html", own_scripts=False)
    assert plain.locator("#transcript-text [tabindex]").count() == 0  # no script, no dead stops
    plain.context.close()


def test_arrow_keys_move_among_sentences_and_enter_plays_from_one(browser, site, built) -> None:
    page = open_page(browser, site + PAGE)
    episode = json.loads((built.out / "episodes/bread-salt/episode.json").read_text())
    first = page.locator("#transcript-text [tabindex='0']")
    first.focus()
    texts = []
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        texts.append(page.evaluate("document.activeElement.textContent"))
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.textContent") == texts[1]
    assert page.locator("#transcript-text [tabindex='0']").count() == 1  # the stop moved with focus
    target = page.evaluate("+document.activeElement.dataset.start")
    assert target in [cue["start_ms"] for cue in episode["cues"]]
    page.keyboard.press("Enter")
    page.wait_for_function("!document.getElementById('audio').paused")
    page.keyboard.press("Home")
    assert page.evaluate("document.activeElement.classList.contains('cue')")
    # The focused sentence has a visible focus ring, and the hint says how to use it.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    described = page.evaluate("document.getElementById(document.activeElement.getAttribute('aria-describedby'))"
                              ".textContent")
    assert "arrow keys" in described
    page.locator("#play").click()
    assert page.evaluate("document.getElementById('audio').currentTime") >= target / 1000 - 0.01
    page.context.close()


def test_search_counts_matches_announces_them_and_enter_plays_one(browser, site) -> None:
    page = open_page(browser, site + "episodes/sixty/index.html")
    field = page.get_by_label("Search the transcript")
    field.fill("part 1")  # parts 1 and 10-19 each have two sentences and a heading that match
    expected = page.evaluate("[...document.querySelectorAll('#transcript-text .cue')]"
                             ".filter(c => c.textContent.toLowerCase().includes('part 1')).length")
    assert expected == 33
    page.wait_for_function(f"document.getElementById('status').textContent === '1 of {expected}'")
    assert page.locator("#find-count").inner_text() == f"1 of {expected}"
    assert page.locator(".cue.match").count() == expected
    field.press("ArrowDown")
    field.press("ArrowDown")
    page.wait_for_function(f"document.getElementById('status').textContent === '3 of {expected}'")
    third = page.locator(".cue.match-now")
    assert third.count() == 1
    start = int(third.get_attribute("data-start"))
    assert third.is_visible() and third.evaluate("e => e.getBoundingClientRect().top > 0")
    field.press("ArrowUp")
    field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_function("!document.getElementById('audio').paused")
    page.evaluate("document.getElementById('audio').pause()")
    assert page.evaluate("document.getElementById('audio').currentTime") >= start / 1000 - 0.01
    assert page.evaluate("document.activeElement.id") == "find-text"  # focus stays in the field
    field.fill("no such words anywhere")
    page.wait_for_function("document.getElementById('find-count').textContent === 'No matches'")
    assert page.locator(".cue.match").count() == 0
    page.context.close()


def test_share_copies_a_link_to_this_moment_which_the_page_honours(browser, site) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page = context.new_page()
    page.goto(site + PAGE)
    page.wait_for_function("document.getElementById('audio').readyState >= 1")
    page.evaluate("document.getElementById('audio').currentTime = 7.6")
    page.get_by_role("button", name="Copy link to this moment").click()
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Link to 7 seconds copied')")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == site + PAGE + "#t=7"
    other = context.new_page()
    other.goto(link)
    other.wait_for_function("Math.abs(document.getElementById('audio').currentTime - 7) < 0.01")
    assert other.evaluate("document.getElementById('audio').paused")  # honoured, never autoplayed
    current = other.locator("#transcript-text .cue[aria-current='true']")
    assert int(current.get_attribute("data-start")) <= 7000 < int(current.get_attribute("data-end")) + 1000
    other.goto(site + PAGE + "#t=0:05")
    other.wait_for_function("Math.abs(document.getElementById('audio').currentTime - 5) < 0.01")
    context.close()


BODY = "getComputedStyle(document.body)"
PREFERENCES = {  # the select's label, the value chosen, and what the page must then compute
    "Text size": ("150", "parseFloat(getComputedStyle(document.documentElement).fontSize)", 24.0),
    "Line spacing": ("wider", f"parseFloat({BODY}.lineHeight) / parseFloat({BODY}.fontSize)", 2.4),
    "Letter spacing": ("wider", f"parseFloat({BODY}.letterSpacing) / parseFloat({BODY}.fontSize)", 0.12),
    "Font": ("dyslexic", f"{BODY}.fontFamily.split(',')[0].replace(/\"/g, '')", "OpenDyslexic"),
    "Background": ("cream", f"{BODY}.backgroundColor", "rgb(251, 244, 224)"),
}


def _computed(page, expression: str):
    value = page.evaluate(expression)
    return round(value, 2) if isinstance(value, float) else value


def test_each_reading_preference_applies_is_remembered_and_shows_before_the_script(browser, site, axe_script) -> None:
    page = open_page(browser, site + PAGE)
    button = page.get_by_role("button", name="Reading preferences")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    defaults = {label: _computed(page, expression) for label, (_, expression, _) in PREFERENCES.items()}
    for label, (value, expression, wanted) in PREFERENCES.items():
        page.get_by_label(label, exact=True).select_option(value)
        assert _computed(page, expression) == wanted != defaults[label], label
    page.get_by_label("Line focus: dim all but the sentence being spoken").check()
    colours = page.evaluate("[...document.querySelectorAll('#transcript-text .cue')]"
                            ".map(c => getComputedStyle(c).color)")
    current = page.locator("#transcript-text .cue[aria-current='true']").evaluate("c => getComputedStyle(c).color")
    assert len(set(colours)) == 2 and colours.count(current) == 1  # all but the current one dimmed
    page.wait_for_function("document.fonts.check('16px OpenDyslexic')")
    assert any(url.endswith("OpenDyslexic-Regular.woff") and url.startswith(site) for url in page.requests)
    assert violations(page, axe_script) == []  # dimmed text and tints keep their contrast
    page.context.close()
    # Remembered across a reload, and applied by the blocking head script alone: with player.js
    # refused, the page still comes up in the chosen size, spacing, font and tint.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    again = context.new_page()
    again.goto(site + PAGE)
    again.evaluate("localStorage.setItem('storyaudio.prefs', JSON.stringify({size: '150', lines: 'wider',"
                   " letters: 'wider', font: 'dyslexic', tint: 'cream', focus: 'on'}))")
    context.route("**/player.js", lambda route: route.abort())
    again.reload()
    for label, (_, expression, wanted) in PREFERENCES.items():
        assert _computed(again, expression) == wanted, label
    assert again.evaluate("document.documentElement.dataset.focus") == "on"
    head_script = again.locator("head script[src$='prefs.js']")
    assert head_script.count() == 1 and head_script.get_attribute("defer") is None
    # Each preference survives 320 px and 200% zoom: nothing scrolls sideways.
    for viewport, scale in (({"width": 320, "height": 640}, 1), ({"width": 640, "height": 450}, 2)):
        small = browser.new_context(viewport=viewport, device_scale_factor=scale, bypass_csp=True)
        view = small.new_page()
        view.goto(site + PAGE)
        view.evaluate("localStorage.setItem('storyaudio.prefs', JSON.stringify({size: '200', lines: 'wider',"
                      " letters: 'wider', font: 'dyslexic'}))")
        view.reload()
        view.wait_for_load_state("networkidle")
        wide = view.evaluate("w => [...document.querySelectorAll('body *')].filter(e =>"
                             " e.getBoundingClientRect().right > w + 1).map(e => e.tagName + '.' + e.className)",
                             viewport["width"])
        assert view.evaluate("document.documentElement.scrollWidth") <= viewport["width"], wide
        ARTIFACTS.mkdir(exist_ok=True)
        view.screenshot(path=str(ARTIFACTS / f"preferences-{viewport['width']}.png"))
        small.close()
    context.close()


def test_reset_returns_every_preference_to_its_default(browser, site) -> None:
    page = open_page(browser, site + PAGE)
    page.get_by_role("button", name="Reading preferences").click()
    page.get_by_label("Text size", exact=True).select_option("200")
    page.get_by_label("Background", exact=True).select_option("blue")
    page.get_by_role("button", name="Reset to defaults").click()
    assert page.evaluate("localStorage.getItem('storyaudio.prefs')") == "{}"
    assert page.evaluate("document.documentElement.getAttribute('data-size')") is None
    assert page.get_by_label("Text size", exact=True).input_value() == "100"
    page.context.close()


def test_a_right_to_left_story_is_mirrored_and_its_interface_words_are_english(browser, site, axe_script) -> None:
    page = open_page(browser, site + "episodes/arabic/index.html")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # nothing off to the left
    # Mirrored: Play is at the right of the bar, the skips to its left; text starts at the right.
    play, back = page.locator("#play").bounding_box(), page.locator("#back").bounding_box()
    assert play["x"] > back["x"]
    sentence = page.locator("#transcript-text p .cue").first.bounding_box()
    column = page.locator("#transcript-text").bounding_box()
    assert column["x"] + column["width"] - (sentence["x"] + sentence["width"]) < 20
    # Reading order is the story's order, and the interface's own words are marked as English.
    texts = page.evaluate("[...document.querySelectorAll('#transcript-text p .cue')].map(c => c.textContent)")
    assert texts == ARABIC
    for selector in ("#controls", "#transcript-heading", "#listen-heading", "#tools", "#find", "footer.site"):
        assert page.locator(selector).evaluate("e => e.closest('[lang]').lang") == "en", selector
    assert page.locator("#transcript-text").evaluate("e => e.closest('[lang]').lang") == "ar"
    # The skips and the clock still read left to right inside the mirrored bar.
    assert page.locator("#back").evaluate("e => getComputedStyle(e).direction") == "ltr"
    # Arrow keys follow the reading direction: Left is the next sentence.
    page.locator("#transcript-text [tabindex='0']").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.textContent") == ARABIC[1]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "episode-rtl-1280.png"), full_page=True)
    assert violations(page, axe_script) == []
    page.context.close()


def test_the_player_bar_stays_in_reach_and_never_hides_what_has_focus(browser, site) -> None:
    page = open_page(browser, site + "episodes/sixty/index.html", viewport={"width": 1280, "height": 600})
    bar = page.locator("#player")
    assert page.locator("#player.stuck").count() == 0
    page.locator("#transcript-text h3").nth(30).scroll_into_view_if_needed()
    page.wait_for_selector("#player.stuck")
    box = bar.bounding_box()
    assert box["y"] == 0 and page.locator("#play").is_visible()
    # Tabbing backwards to a sentence hidden under the bar brings it out below the bar (2.4.11).
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(100)
    sentence = page.locator("#transcript-text .cue").nth(100)
    sentence.evaluate("e => e.scrollIntoView({block: 'start', behavior: 'instant'})")
    sentence.evaluate("e => { e.tabIndex = 0; }")
    sentence.focus()
    page.wait_for_timeout(100)
    below = bar.bounding_box()
    focused = sentence.bounding_box()
    assert focused["y"] >= below["y"] + below["height"] - 1, (focused, below)
    # Paging with the keyboard never leaves a line half under the bar: the line the window's bottom
    # edge cut becomes the first line below the bar (and back again with PageUp).
    page.evaluate("document.activeElement.blur()")
    page.evaluate("window.scrollTo({top: 1000, behavior: 'instant'})")  # stuck, and mid-transcript
    page.wait_for_timeout(100)
    for key in ("PageDown",) * 8 + ("PageUp",) * 4:
        before = page.evaluate("scrollY")
        page.keyboard.press(key)
        page.wait_for_timeout(150)
        edge = bar.bounding_box()["y"] + bar.bounding_box()["height"]
        cut = page.evaluate("""edge => [...document.querySelectorAll('#transcript-text .cue')]
            .flatMap(cue => [...cue.getClientRects()]).filter(r => r.top < edge - 1 && r.bottom > edge + 1).length""",
                            edge)
        moved = page.evaluate("scrollY") - before
        assert cut == 0, (key, edge)
        assert abs(moved) > 200 and (moved > 0) == (key == "PageDown"), (key, moved)
    # The controls in the stuck bar work, and focus in them stays visible while audio plays.
    page.locator("#play").click()
    page.wait_for_function("!document.getElementById('audio').paused")
    assert page.locator("#play").bounding_box()["y"] >= 0
    page.locator("#play").click()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "episode-sticky-1280.png"))
    page.context.close()


@pytest.mark.parametrize("script", [True, False])
def test_the_embed_snippet_height_fits_the_embed_page_at_every_width(browser, site, built, script: bool) -> None:
    page_html = html.unescape((built.out / PAGE).read_text())
    assert f'height="{EMBED_HEIGHT}"' in page_html
    for width, slug in itertools.product((288, 320, 400, 600, 800, 1200), ("bread-salt", "long")):
        page = open_page(browser, site + f"episodes/{slug}/embed.html", own_scripts=script,
                         viewport={"width": width, "height": EMBED_HEIGHT})
        if script and slug == "long":  # the long sentence's last word lit: its line is in view
            page.wait_for_function("document.getElementById('audio').readyState >= 1")
            page.evaluate("(() => { const last = [...document.querySelectorAll('#captions .w')].pop();"
                          " document.getElementById('audio').currentTime = (+last.dataset.s + 1) / 1000; })()")
            page.wait_for_function("(document.querySelector('#captions .w.now') || {}).textContent === 'ends.'")
            lit = page.locator("#captions .w.now")
            assert lit.is_visible()
            box, frame = lit.bounding_box(), page.locator("#captions").bounding_box()
            assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"] + 1
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= EMBED_HEIGHT, (width, slug, height)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.context.close()


def test_block_quotes_look_like_quotes_and_the_page_shows_author_and_date(browser, site, tmp_path) -> None:
    """A story's block quote is a <blockquote> on the page, set in with a bar; the byline shows
    the author and the date the page had."""
    real = Episode(slug="q", title="Quoted", guid="q", pub_date="Tue, 17 Nov 2026 09:00:00 +0000",
                   duration_ms=4000, size_bytes=1, audio_file="q.mp3", chapters=(ChapterMark("Quoted", 0, 4000),),
                   cues=(Cue(0, 2000, "She spoke first.", "sentence", 0, block=0),
                         Cue(2000, 4000, "We never close early.", "quote", 0, block=1)),
                   author="Ruth Adebayo")
    html_text = render_episode_page(storyaudio.Show(), real)
    assert "<blockquote><p>" in html_text and html_text.count("<blockquote>") == 1
    assert "Ruth Adebayo" in html_text and '<time datetime="2026-11-17">17 November 2026</time>' in html_text
    page = open_page(browser, site + "episodes/bread-salt/index.html")
    page.set_content(html_text.replace('href="../../style.css"', f'href="{site}style.css"'))
    page.wait_for_load_state("networkidle")
    quote = page.locator("blockquote")
    assert quote.evaluate("q => parseFloat(getComputedStyle(q).borderInlineStartWidth)") >= 3
    assert quote.evaluate("q => getComputedStyle(q).fontStyle") == "italic"
    page.context.close()


def test_show_page_cards_have_cover_description_duration_and_play_in_place(browser, site, built) -> None:
    page = open_page(browser, site + "index.html")
    cards = page.locator("li.card")
    assert cards.count() >= 2
    bread = cards.filter(has_text="Bread & Salt")
    assert bread.locator("img.cover").evaluate("i => i.complete && i.naturalWidth > 0")
    assert bread.locator(".description").inner_text() == "A short test story."
    assert re.search(r"\d+ seconds", bread.locator(".meta").inner_text())
    assert bread.get_by_role("heading", level=3).inner_text() == "Bread & Salt"
    button = bread.get_by_role("button", name=re.compile("^Play"))
    assert button.get_attribute("aria-label") is None and "Bread & Salt" in button.inner_text() + \
        button.evaluate("b => b.textContent")
    url = page.url
    button.click()
    page.wait_for_function("[...document.querySelectorAll('.card audio')].some(a => !a.paused)")
    assert page.url == url  # played in place
    # The label follows the audio's play and pause events, a moment after `paused` flips: wait for it.
    expect(bread.locator(".card-play .label")).to_have_text("Pause")
    other = cards.filter(has_not_text="Bread & Salt").first.get_by_role("button", name=re.compile("^Play"))
    other.click()
    page.wait_for_function("[...document.querySelectorAll('.card audio')].filter(a => !a.paused).length === 1")
    expect(bread.locator(".card-play .label")).to_have_text("Play")  # starting one paused the other
    page.context.close()
    plain = open_page(browser, site + "index.html", own_scripts=False)
    assert plain.locator(".card audio[controls]").count() == plain.locator("li.card").count()
    assert plain.locator(".card-play").first.is_hidden()
    plain.context.close()
