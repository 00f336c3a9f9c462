"""Read-along: word timings from Piper itself, carried to the written words, the transcripts and
the player's word highlight.

One real build of a 1,500-word story (real Piper, real MP3) is shared by the module; the
browser tests drive its page in real Chromium.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import storyaudio
from storyaudio.cache import ClipCache, clip_entry, read_clip_entry
from storyaudio.engines.alignment import Phone, word_samples
from storyaudio.models import Clip
from storyaudio.normalise import normalise
from storyaudio.voices import read_profile
from storyaudio.words import spoken_words, written_spans

from .conftest import CHROMIUM, DATA, decode_pcm
from .test_player import ARTIFACTS, open_page, violations

STEADY = DATA / "voices" / "steady.toml"
RATE = 22050


# --- spoken words back to written words -------------------------------------------------------


def pairs(written: str) -> list[tuple[str, str]]:
    spoken = normalise(written)
    spans = written_spans(written, spoken, normalise)
    return [(spoken[a:b], written[x:y]) for (a, b), (x, y) in zip(spoken_words(spoken), spans, strict=True)]


def test_every_spoken_word_of_a_rewritten_amount_points_at_it() -> None:
    assert pairs("They raised £1.5m for 200 families.") == [
        ("They", "They"), ("raised", "raised"), ("one", "£1.5m"), ("point", "£1.5m"), ("five", "£1.5m"),
        ("million", "£1.5m"), ("pounds", "£1.5m"), ("for", "for"), ("two", "200"), ("hundred", "200"),
        ("families.", "families.")]


def test_neighbouring_rewritten_words_keep_their_own_words() -> None:
    found = dict(pairs("We met at 9:30pm, Dr. Osei said."))
    assert found["thirty"] == "9:30pm," and found["Doctor"] == "Dr."
    assert dict(pairs("Bread & Salt"))["and"] == "&"


def test_a_unit_said_after_its_number_belongs_to_a_written_word() -> None:
    assert pairs("It cost £5 million.")[-1] == ("pounds.", "million.")
    assert pairs("CHAPTER XIV") == [("CHAPTER", "CHAPTER"), ("fourteen", "XIV")]


def test_unsaid_written_text_is_no_spoken_word() -> None:
    spoken = normalise("Rain — then sun.")
    assert [spoken[a:b] for a, b in spoken_words(spoken)] == ["Rain,", "then", "sun."]


def test_the_script_keeps_the_written_span_of_every_spoken_word(tmp_path: Path) -> None:
    story = tmp_path / "s.md"
    story.write_text("# Fund\n\nOn 3 March the appeal raised £2,500 for St. Mary's.\n")
    for segment in storyaudio.write_script(storyaudio.read_story(story)).segments:
        assert len(segment.words) == len(spoken_words(segment.spoken))
        assert all(0 <= a < b <= len(segment.source) for a, b in segment.words)
        assert [a for a, _ in segment.words] == sorted(a for a, _ in segment.words)


def test_script_shows_which_written_word_became_which_spoken_words(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storyaudio.cli import main

    story = tmp_path / "s.md"
    story.write_text("# Fund\n\nThe appeal raised £1.5m for St. Mary's.\n")
    result = CliRunner().invoke(main, ["script", "--words", str(story)])
    assert result.exit_code == 0
    assert "£1.5m -> one point five million pounds" in result.output and "St. -> Saint" in result.output
    data = json.loads(CliRunner().invoke(main, ["script", "--json", str(story)]).output)
    words = data["chapters"][0]["segments"][1]["words"]
    assert {"written": "£1.5m", "start": 18, "end": 23, "spoken": "one point five million pounds"} in words


# --- phonemes to words --------------------------------------------------------------------------


def phones(text: str) -> list[Phone]:
    """A made-up alignment: each symbol 10 samples."""
    return [Phone(symbol, 10 * i, 10 * i + 10) for i, symbol in enumerate(text)]


def test_words_espeak_joins_share_its_phonemes_by_their_own_counts() -> None:
    # "in the end": espeak says "in the" as one word of 4 phonemes, then "end" (each 10 samples).
    counts = {"in": 2, "the": 2, "end": 3}
    spans = word_samples(phones("^ɪnðə ɛnd.$"), ["in", "the", "end"], counts.__getitem__)
    assert spans == ((10, 30), (30, 50), (60, 90))


def test_a_word_espeak_splits_runs_over_its_parts() -> None:
    counts = {"dog-walk": 7, "home": 3}
    spans = word_samples(phones("^dɑɡ wɔk hom$"), ["dog-walk", "home"], counts.__getitem__)
    assert spans == ((10, 80), (90, 120))


def test_words_that_cannot_be_lined_up_give_none() -> None:
    assert word_samples(phones("^.$"), ["hello"], lambda word: 4) is None


# --- real Piper --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def steady() -> storyaudio.Engine:
    return storyaudio.create_engine(read_profile(STEADY))


def test_alignments_do_not_change_a_sample(steady) -> None:
    """The same samples as Piper's own voice loaded without the alignment output."""
    from piper import PiperVoice, SynthesisConfig

    text = "In the end, of the two hundred families, most came home."
    plain = PiperVoice.load(steady.model_path, steady.config_path)
    config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0, normalize_audio=False)
    expected = np.concatenate([chunk.audio_int16_array for chunk in plain.synthesize(text, syn_config=config)])
    clip = steady.synthesize(text)
    assert np.array_equal(clip.samples, expected)
    assert len(clip.words) == len(spoken_words(text)) and not clip.words_estimated


def test_every_spoken_word_gets_samples_in_order_inside_the_clip(steady) -> None:
    text = normalise("On 3 March 2024, Dr. Osei's dog-walk raised £1,250.50. Isn't it grand? She said yes.")
    clip = steady.synthesize(text)
    assert len(clip.words) == len(spoken_words(text))
    assert all(0 <= a < b <= len(clip.samples) for a, b in clip.words)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(clip.words, clip.words[1:], strict=False))


def test_word_timings_are_cached_with_the_clip_and_guarded_by_its_checksum(tmp_path: Path) -> None:
    clip = Clip(np.arange(400, dtype=np.int16), RATE, ((0, 100), (150, 400)))
    cache = ClipCache(tmp_path)
    cache.put("a" * 64, clip)
    again = cache.get("a" * 64)
    assert again is not None and again.words == clip.words and not again.words_estimated
    ref = cache.ref("a" * 64)
    assert ref is not None and ref.words == clip.words
    entry = bytearray(clip_entry("a" * 64, clip))
    entry[entry.index(b"sawd") + 12] ^= 1  # one word time changed on disk
    assert read_clip_entry(bytes(entry), "a" * 64) is None


def test_an_engine_that_cannot_time_words_gets_estimates_marked_as_such(tmp_path: Path, steady) -> None:
    class Untimed:
        """A real voice that does not say when its words are spoken (as gTTS cannot)."""

        name, max_chars, needs_network, profile = "untimed", 400, False, steady.profile

        def identity(self) -> str:
            return "untimed:" + steady.identity()

        def synthesize(self, text: str) -> Clip:
            clip = steady.synthesize(text)
            return Clip(clip.samples, clip.sample_rate)

    segment = storyaudio.write_script(storyaudio.read_story(DATA / "plain.txt")).segments[1]
    clip = storyaudio.synthesize([segment], Untimed(), ClipCache(tmp_path))[0]
    assert clip.words_estimated and len(clip.words) == len(spoken_words(segment.spoken))
    assert 0 < clip.words[0][0] and clip.words[-1][1] < len(clip.samples)  # the silence around is no word's
    assert all(b1 == a2 for (_, b1), (a2, _) in zip(clip.words, clip.words[1:], strict=False))


# --- a 1,500-word story, built for real ---------------------------------------------------------

NAMES = ["Amina", "Tomás", "Grace", "Dr. Osei", "Mrs. Lund", "Father Kofi", "Priya", "Sam"]
PLACES = ["the clinic", "St. Anne's school", "the river crossing", "the market", "Gate 4", "the camp"]


def long_story(words: int = 1500) -> str:
    """A story of about *words* words, varied sentence by sentence (numbers, money, dates, quotes,
    abbreviations), in chapters of five paragraphs."""
    chance = random.Random(17)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(4):
            name, place = chance.choice(NAMES), chance.choice(PLACES)
            shape = chance.randrange(6)
            if shape == 0:
                line = f"On {chance.randint(1, 28)} March {chance.randint(1990, 2025)}, {name} walked " \
                       f"{chance.randint(2, 40)} miles to {place}."
            elif shape == 1:
                line = f"The appeal raised £{chance.randint(2, 90)},{chance.randint(100, 999)} for " \
                       f"{chance.randint(12, 400)} families near {place}."
            elif shape == 2:
                line = f'"We waited {chance.randint(2, 9)} hours," said {name}, "and then the rain came."'
            elif shape == 3:
                line = f"By {chance.randint(1, 11)}:{chance.randint(10, 59)}pm the queue at {place} had " \
                       f"grown to {chance.randint(30, 900)} people, most of them children."
            elif shape == 4:
                line = f"{name} kept a notebook, page {chance.randint(2, 99)} of which lists every name, " \
                       f"every age and every wish."
            else:
                line = f"Nobody at {place} had slept; {name} made tea for {chance.randint(3, 30)} volunteers."
            sentences.append(line)
            count += len(line.split())
        paragraphs.append(" ".join(sentences))
    chapters = [paragraphs[i:i + 5] for i in range(0, len(paragraphs), 5)]
    body = "\n\n".join(f"## Part {number}\n\n" + "\n\n".join(chapter)
                       for number, chapter in enumerate(chapters, start=1))
    return f"---\ntitle: The Long Walk\nauthor: Field Team\n---\n\n{body}\n"


class Story:
    def __init__(self, out: Path, episode: storyaudio.Episode) -> None:
        self.out, self.episode = out, episode
        self.folder = out / "episodes" / episode.slug


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Story:
    folder = tmp_path_factory.mktemp("readalong")
    source = folder / "the-long-walk.md"
    source.write_text(long_story())
    out = folder / "output"
    episodes = storyaudio.build([source], out, cache_dir=cache_dir, jobs=2,
                                show=storyaudio.Show(base_url="https://stories.charity.org.uk/audio/"))
    return Story(out, episodes[0])


def test_every_word_of_a_1500_word_story_has_a_timing(story: Story) -> None:
    cues = story.episode.cues
    written = sum(len(cue.text.split()) for cue in cues)
    assert written >= 1500
    for cue in cues:
        timed = {cue.text[w.start_char:w.end_char] for w in cue.words}
        covered = "".join(ch for ch in " ".join(timed) if ch.isalnum())
        assert covered == "".join(ch for ch in cue.text if ch.isalnum()) or \
            set(cue.text.split()) <= set(" ".join(timed).split()) | {"—"}, cue.text
        assert not cue.words_estimated


def test_word_times_lie_inside_their_cue_in_order_and_without_long_gaps(story: Story) -> None:
    episode = story.episode
    words = [(cue, word) for cue in episode.cues for word in cue.words]
    for cue in episode.cues:
        assert all(cue.start_ms <= w.start_ms <= w.end_ms <= cue.end_ms for w in cue.words), cue.text
    for (cue1, w1), (cue2, w2) in zip(words, words[1:], strict=False):
        assert w1.end_ms <= w2.start_ms
        pause = cue2.start_ms - cue1.end_ms if cue2 is not cue1 else 0  # the pause placed between sentences
        # Inside a sentence the only silences are the voice's own (a comma); between sentences, the
        # pause plus the silence Piper leaves at each end of a clip (up to half a second).
        assert w2.start_ms - w1.end_ms <= pause + 1200, (cue1.text, cue2.text)


def energy_ms(story: Story) -> np.ndarray:
    """The episode's loudness in 5 ms frames, relative to its loud speech (1.0)."""
    pcm = np.frombuffer(decode_pcm(story.folder / story.episode.audio_file, 16000), dtype="<i2").astype(np.float64)
    energy = np.sqrt(np.convolve(pcm ** 2, np.ones(80) / 80, mode="same"))[::80]
    return energy / np.percentile(energy, 90)


def test_the_gaps_between_timed_words_are_silent(story: Story) -> None:
    """No speech falls between two words: every stretch of the audio that is said belongs to a word."""
    energy = energy_ms(story)
    words = [word for cue in story.episode.cues for word in cue.words]
    gaps = [(a.end_ms + 40, b.start_ms - 40) for a, b in zip(words, words[1:], strict=False)
            if b.start_ms - a.end_ms >= 150]
    assert len(gaps) >= 100
    spoken_in_gaps = [np.mean(energy[lo // 5:hi // 5] > 0.1) for lo, hi in gaps]
    assert np.median(spoken_in_gaps) == 0 and np.mean(np.array(spoken_in_gaps) > 0.25) < 0.05


def test_word_starts_after_a_pause_are_where_the_sound_starts(story: Story) -> None:
    """Cross-check against the audio itself: after a silence, the energy rises at the word's start."""
    energy = energy_ms(story)
    words = [word for cue in story.episode.cues for word in cue.words]
    errors = []
    for before, word in zip(words, words[1:], strict=False):
        if word.start_ms - before.end_ms < 150:
            continue  # only words after a pause have a clear onset
        lo, hi = (before.end_ms + 60) // 5, (word.start_ms + 250) // 5
        window = energy[lo:hi]
        rises = np.flatnonzero(window > 0.1)
        if rises.size:
            errors.append((lo + rises[0]) * 5 - word.start_ms)
    assert len(errors) >= 50
    errors_ms = np.abs(np.array(errors))
    assert np.median(errors_ms) <= 40, sorted(errors)
    assert np.mean(errors_ms <= 80) >= 0.9, sorted(errors)


def test_json_transcript_has_a_segment_per_word_in_the_episode_timeline(story: Story) -> None:
    segments = json.loads((story.folder / "transcript.json").read_text())["segments"]
    words = [word for cue in story.episode.cues for word in cue.words]
    assert len(segments) == len(words)
    assert all(s["startTime"] == w.start_ms / 1000 and s["endTime"] == w.end_ms / 1000
               for s, w in zip(segments, words, strict=True))
    first = story.episode.cues[2].text
    assert " ".join(s["body"] for s in segments).startswith(f"The Long Walk Part 1 {first}")


def test_word_vtt_has_a_timestamp_before_each_word_inside_its_cue(story: Story) -> None:
    import webvtt

    sentences = list(webvtt.read(str(story.folder / "transcript.vtt")))
    timed = list(webvtt.read(str(story.folder / "transcript-words.vtt")))
    assert [(c.start, c.end) for c in timed] == [(c.start, c.end) for c in sentences]
    stamp = re.compile(r"<(\d\d):(\d\d):(\d\d\.\d\d\d)>")
    total = 0
    for caption, cue in zip(timed, story.episode.cues, strict=True):
        raw = caption.raw_text if hasattr(caption, "raw_text") else caption.text
        times = [int(h) * 3600 + int(m) * 60 + float(s) for h, m, s in stamp.findall(raw)]
        assert times == sorted(times) and len(set(times)) == len(times)
        start, end = (sum(float(part) * 60 ** (2 - i) for i, part in enumerate(stamp.split(":")))
                      for stamp in (caption.start, caption.end))
        assert all(start < t < end for t in times), raw
        assert stamp.sub("", raw).split() == cue.text.split()
        total += len(times) + 1
    assert total >= 1500


def test_feed_and_chapters_are_unchanged_by_word_timings(story: Story) -> None:
    chapters = json.loads((story.folder / "chapters.json").read_text())
    assert [c["title"] for c in chapters["chapters"]][:2] == ["The Long Walk", "Part 1"] or \
        chapters["chapters"][0]["title"].startswith("Part")
    assert "transcript-words" not in (story.out / "feed.xml").read_text()


# --- the player ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(story: Story) -> Iterator[str]:
    process = subprocess.Popen([sys.executable, "-m", "storyaudio", "serve", str(story.out), "--port", "0"],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    url = re.search(r"http://[\d.]+:\d+/", process.stdout.readline()).group(0)
    yield url + f"episodes/{story.episode.slug}/"
    process.terminate()
    process.wait(timeout=10)


def lit(page) -> tuple[int, int] | None:
    found = page.evaluate("(() => { const w = document.querySelector('.w.now');"
                          " return w ? [+w.dataset.s, +w.dataset.e] : null; })()")
    return tuple(found) if found else None


def seek_paused(page, seconds: float) -> None:
    page.evaluate("t => new Promise(done => { const a = document.getElementById('audio');"
                  " a.addEventListener('seeked', () => requestAnimationFrame(() => done()), {once: true});"
                  " a.currentTime = t; })", seconds)


def holder(words, ms: float):
    return next(((w.start_ms, w.end_ms) for w in words if w.start_ms <= ms < w.end_ms), None)


pytestmark_browser = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


@pytestmark_browser
@pytest.mark.parametrize("rate", [1, 2])
def test_the_lit_word_is_the_one_being_said_at_50_random_times(browser, site, story: Story, rate: int) -> None:
    page = open_page(browser, site)
    page.select_option("#speed", str(rate))
    words = [word for cue in story.episode.cues for word in cue.words]
    chance = random.Random(rate)
    for word in chance.sample(words, 50):
        t = chance.uniform(word.start_ms, word.end_ms - 1)
        seek_paused(page, t / 1000)
        assert lit(page) == (word.start_ms, word.end_ms), t
        assert page.evaluate("document.querySelector('.w.now').closest('.cue').getAttribute('aria-current')") \
            == "true"
    page.context.close()


@pytestmark_browser
def test_the_highlight_follows_playback_at_double_speed(browser, site, story: Story) -> None:
    page = open_page(browser, site)
    page.select_option("#speed", "2")
    words = [word for cue in story.episode.cues for word in cue.words]
    seek_paused(page, words[40].start_ms / 1000)
    samples = page.evaluate("""() => new Promise(done => {
        const a = document.getElementById('audio'), seen = [], frames = [];
        let last = 0;
        a.play();
        function step(now) {
          if (last) frames.push(now - last);
          last = now;
          const w = document.querySelector('.w.now');
          seen.push([a.currentTime * 1000, w ? +w.dataset.s : null]);
          if (seen.length < 180) requestAnimationFrame(step); else { a.pause(); done({seen, frames}); }
        }
        requestAnimationFrame(step);
    })""")
    seen = [(t, s) for t, s in samples["seen"] if t > words[40].start_ms + 1]
    assert len({s for _, s in seen if s is not None}) >= 5  # the highlight moved with the words
    starts = [w.start_ms for w in words]
    late = []
    for t, shown in seen:
        expected = holder(words, t)
        if (expected[0] if expected else None) == shown or (expected is None and shown is not None):
            continue  # the word being said, or the last one held into a short gap
        late.append(min(abs(t - start) for start in starts))
    # A frame's time and the highlight drawn for it may differ by a frame: at 2x speed, 34 ms of audio.
    assert len(late) <= 0.1 * len(seen) and all(gap <= 70 for gap in late), late
    frames = sorted(samples["frames"])
    print(f"frame times at 2x: median {frames[len(frames) // 2]:.1f} ms, "
          f"95th {frames[int(len(frames) * 0.95)]:.1f} ms")
    page.context.close()


@pytestmark_browser
def test_keyboard_seeks_and_chapter_links_move_the_highlight(browser, site, story: Story) -> None:
    page = open_page(browser, site)
    words = [word for cue in story.episode.cues for word in cue.words]
    page.locator("#seek").focus()
    for key in ["PageUp", "ArrowRight", "PageUp", "ArrowLeft"]:
        page.keyboard.press(key)
        page.wait_for_function("() => !document.getElementById('audio').seeking")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
        now = page.evaluate("document.getElementById('audio').currentTime") * 1000
        expected = holder(words, now)
        assert lit(page) == expected or (expected is None and lit(page) is not None), (key, now)
    page.locator(".chapter").nth(2).click()
    page.wait_for_function("() => !document.getElementById('audio').seeking")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
    now = page.evaluate("document.getElementById('audio').currentTime") * 1000
    first = next(w for cue in story.episode.cues if cue.chapter == 2 for w in cue.words)
    assert now <= first.start_ms
    seek_paused(page, first.start_ms / 1000 + 0.001)
    assert lit(page) == (first.start_ms, first.end_ms)
    page.context.close()


@pytestmark_browser
def test_highlight_words_can_be_turned_off_and_stays_off(browser, site, story: Story) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site)
    word = story.episode.cues[5].words[1]
    seek_paused(page, (word.start_ms + 1) / 1000)
    assert lit(page) is not None
    page.get_by_role("button", name="Reading preferences").click()
    page.get_by_label("Highlight words as they are spoken").uncheck()
    assert lit(page) is None
    page.reload()
    page.get_by_role("button", name="Reading preferences").click()
    assert not page.get_by_label("Highlight words as they are spoken").is_checked()
    seek_paused(page, (word.start_ms + 1) / 1000)
    assert lit(page) is None
    page.get_by_label("Highlight words as they are spoken").check()
    assert lit(page) == (word.start_ms, word.end_ms)
    context.close()


@pytestmark_browser
def test_the_embed_page_shows_the_sentence_with_its_word_lit(browser, site, story: Story) -> None:
    page = open_page(browser, site + "embed.html", viewport={"width": 600, "height": 400})
    cue = story.episode.cues[7]
    seek_paused(page, (cue.words[2].start_ms + 1) / 1000)
    assert page.locator("#captions .cue[aria-current='true']").inner_text().split() == cue.text.split()
    assert lit(page) == (cue.words[2].start_ms, cue.words[2].end_ms)
    assert page.locator("#captions").get_attribute("aria-hidden") == "true"
    page.context.close()
    page = open_page(browser, site + "embed.html", java_script_enabled=False)
    assert page.locator("#captions").is_hidden()
    page.context.close()


@pytestmark_browser
@pytest.mark.parametrize("mode", ["light", "dark", "forced-colors"])
def test_a_lit_word_is_visible_and_axe_stays_clean(browser, site, story: Story, axe_script, mode: str) -> None:
    options = {"dark": {"color_scheme": "dark"}, "forced-colors": {"forced_colors": "active"}}.get(mode, {})
    for path in ("", "embed.html"):
        page = open_page(browser, site + path, **options)
        cue = story.episode.cues[3]
        seek_paused(page, (cue.words[2].start_ms + 1) / 1000)
        word = page.locator(".w.now")
        styles = word.evaluate("w => { const s = getComputedStyle(w), p = getComputedStyle(w.parentElement);"
                               " return [s.backgroundColor, p.backgroundColor, s.textDecorationLine,"
                               " s.outlineStyle]; }")
        assert styles[0] != styles[1] or styles[3] != "none"  # the word stands out from its sentence
        if not path:
            ARTIFACTS.mkdir(exist_ok=True)
            word.evaluate("w => w.scrollIntoView({block: 'center', behavior: 'instant'})")
            page.screenshot(path=str(ARTIFACTS / f"readalong-{mode}.png"))
        assert violations(page, axe_script) == []
        page.context.close()


@pytestmark_browser
def test_without_javascript_the_words_are_plain_text(browser, site) -> None:
    page = open_page(browser, site, java_script_enabled=False)
    assert page.locator(".w.now").count() == 0
    assert page.locator("#highlight-words").is_hidden()
    styles = page.locator(".w").first.evaluate("w => getComputedStyle(w).backgroundColor")
    assert styles in ("rgba(0, 0, 0, 0)", "transparent")
    page.context.close()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80))
def test_any_written_text_maps_every_spoken_word_into_itself(written: str) -> None:
    spoken = normalise(written)
    spans = written_spans(written, spoken, normalise)
    assert len(spans) == len(spoken_words(spoken))
    assert all(0 <= a <= b <= len(written) for a, b in spans)
    assert [a for a, _ in spans] == sorted(a for a, _ in spans)
