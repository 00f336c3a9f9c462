"""End to end: real stories, real Piper audio, real files read back by real parsers."""

from __future__ import annotations

import html
import json
import re
from itertools import pairwise
from pathlib import Path

import feedparser
import numpy as np
import pytest
import webvtt
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp3 import MP3

import storyaudio
from storyaudio.publish import load_catalog

from .conftest import DATA, Built, decode_pcm


def seconds(stamp: str) -> float:
    """``HH:MM:SS.mmm`` -> seconds (webvtt-py rounds its own down to whole seconds)."""
    hours, minutes, rest = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def mp3_of(built: Built, slug: str):
    return built.out / "episodes" / slug / f"{slug}.mp3"


def test_build_writes_every_output_file(built: Built) -> None:
    slugs = {episode.slug for episode in built.episodes}
    assert slugs == {"bread-salt", "the-well"}
    for slug in slugs:
        folder = built.out / "episodes" / slug
        for name in (f"{slug}.mp3", "transcript.vtt", "index.html", "episode.json"):
            assert (folder / name).is_file(), name
    assert (built.out / "feed.xml").is_file()
    assert (built.out / "index.html").is_file()
    assert not list(built.out.rglob("*.tmp")), "temporary files left behind"


def test_mp3_duration_matches_clips_and_pauses(built: Built, engine: storyaudio.Engine) -> None:
    script = storyaudio.write_script(storyaudio.read_story(DATA / "two-chapters.md"))
    clips = storyaudio.synthesize(script.segments, engine, storyaudio.ClipCache(built.cache))
    expected_ms = sum(c.duration_ms + s.pause_ms for c, s in zip(clips, script.segments, strict=True))
    path = mp3_of(built, "bread-salt")
    tagged_ms = MP3(path).info.length * 1000
    decoded_ms = len(decode_pcm(path)) / 2 / 44.1
    assert abs(tagged_ms - expected_ms) / expected_ms < 0.02
    assert abs(decoded_ms - expected_ms) / expected_ms < 0.02


def test_mp3_is_speech_not_silence(built: Built) -> None:
    samples = np.frombuffer(decode_pcm(mp3_of(built, "the-well")), dtype="<i2").astype(float)
    rms = np.sqrt(np.mean(samples**2))
    assert rms > 500, f"RMS {rms:.0f} is too quiet to be speech"
    # Speech has pauses: a good share of 50 ms windows are far quieter than the loudest.
    windows = samples[: len(samples) // 2205 * 2205].reshape(-1, 2205)
    loudness = np.sqrt((windows**2).mean(axis=1))
    assert (loudness < loudness.max() / 20).mean() > 0.1


def test_mp3_is_mono_mp3_with_podcast_tags(built: Built) -> None:
    path = mp3_of(built, "bread-salt")
    info = MP3(path).info
    assert info.channels == 1 and info.sample_rate == 44100
    tags = ID3(path)
    assert tags.version == (2, 3, 0)
    assert str(tags["TIT2"]) == "Bread & Salt"
    assert str(tags["TPE1"]) == "Test Author"
    assert str(tags["TALB"]) == "Stories, read aloud"
    assert str(tags["TCON"]) == "Podcast"


def test_id3_chapters_read_back_in_order(built: Built) -> None:
    tags = ID3(mp3_of(built, "bread-salt"))
    (toc,) = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    chapters = [tags[f"CHAP:{element_id}"] for element_id in toc.child_element_ids]
    assert [str(c.sub_frames["TIT2"]) for c in chapters] == ["Bread & Salt", "Morning", "Evening"]
    starts = [c.start_time for c in chapters]
    assert starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == 3
    for chapter, following in pairwise(chapters):
        assert chapter.end_time == following.start_time
    duration_ms = MP3(mp3_of(built, "bread-salt")).info.length * 1000
    assert abs(chapters[-1].end_time - duration_ms) < 100


def test_vtt_has_one_cue_per_sentence_inside_the_audio(built: Built) -> None:
    folder = built.out / "episodes" / "bread-salt"
    vtt = webvtt.read(str(folder / "transcript.vtt"))
    # WebVTT escapes & < > as HTML entities in cue text, as browsers decode them.
    texts = [html.unescape(caption.text) for caption in vtt]
    assert texts == [
        "Bread & Salt",
        "Dr. Osei opened the bakery at 6 a.m. on Monday.",
        "Morning",
        "The first loaf sold for $2.50.",
        '"Good bread," said the buyer.',
        "Evening",
        "By night, the shelves were empty.",
    ]
    duration = MP3(folder / "bread-salt.mp3").info.length
    previous_end = 0.0
    for caption in vtt:
        start, end = seconds(caption.start), seconds(caption.end)
        assert previous_end <= start < end <= duration
        previous_end = end


def test_feedparser_reads_items_and_enclosures(built: Built) -> None:
    feed = feedparser.parse((built.out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    by_title = {entry.title: entry for entry in feed.entries}
    assert set(by_title) == {"Bread & Salt", "The Well"}
    for episode in built.episodes:
        entry = by_title[episode.title]
        (enclosure,) = entry.enclosures
        path = mp3_of(built, episode.slug)
        assert enclosure.href == f"https://stories.charity.org.uk/audio/episodes/{episode.slug}/{episode.slug}.mp3"
        assert int(enclosure.length) == path.stat().st_size
        assert enclosure.type == "audio/mpeg"
        assert entry.id == episode.guid
        assert int(entry.itunes_duration) == round(MP3(path).info.length)


def test_second_build_into_same_output_keeps_the_first(built: Built, tmp_path) -> None:
    out = tmp_path / "out"
    storyaudio.build([DATA / "plain.txt"], out, cache_dir=built.cache)
    storyaudio.build([DATA / "two-chapters.md"], out, cache_dir=built.cache)
    assert {e.slug for e in load_catalog(out)} == {"bread-salt", "the-well"}
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert {e.title for e in feed.entries} == {"Bread & Salt", "The Well"}
    index = (out / "index.html").read_text()
    assert "episodes/the-well/index.html" in index and "episodes/bread-salt/index.html" in index


def test_rebuild_keeps_guid_and_date_and_bytes(built: Built, tmp_path) -> None:
    out = tmp_path / "out"
    (first,) = storyaudio.build([DATA / "plain.txt"], out, cache_dir=built.cache)
    mp3 = (out / "episodes/the-well/the-well.mp3").read_bytes()
    feed = (out / "feed.xml").read_bytes()
    (second,) = storyaudio.build([DATA / "plain.txt"], out, cache_dir=built.cache)
    assert (second.guid, second.pub_date) == (first.guid, first.pub_date)
    assert (out / "episodes/the-well/the-well.mp3").read_bytes() == mp3
    assert (out / "feed.xml").read_bytes() == feed


def test_episode_page_has_audio_and_transcript(built: Built) -> None:
    page = (built.out / "episodes/bread-salt/index.html").read_text()
    assert '<audio id="audio" controls preload="metadata" src="bread-salt.mp3">' in page
    text = re.sub(r"<span[^>]*>|</span>", "", page)  # each word is in a span for read-along
    assert "Dr. Osei opened the bakery at 6 a.m. on Monday." in text
    assert "Bread &amp; Salt" in text and '<html lang="en" dir="ltr">' in page


def test_loudness_and_true_peak_measured_on_the_mp3(built: Built) -> None:
    """-19 LUFS +-1 LU for mono speech and true peak <= -1 dBTP, read off the real file."""
    import re
    import subprocess

    from storyaudio.ffmpeg import ffmpeg_exe

    for episode in built.episodes:
        log = subprocess.run(
            [ffmpeg_exe(), "-hide_banner", "-nostats", "-i", str(mp3_of(built, episode.slug)),
             "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"],
            capture_output=True, text=True, check=True,
        ).stderr
        summary = log[log.rfind("Summary:"):]
        integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
        true_peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
        assert -20.0 <= integrated <= -18.0, integrated
        assert true_peak <= -1.0, true_peak


def test_episode_json_names_the_story_relative_to_the_project(tmp_path: Path, cache_dir: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``episode.json`` is uploaded with the site: it holds no absolute path of the build machine."""
    (tmp_path / "stories").mkdir()
    story = tmp_path / "stories" / "tide.md"
    story.write_text("# Tide\n\nThe tide came in.\n")
    (tmp_path / "storyaudio.toml").write_text('[show]\ntitle = "Tides"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    show = storyaudio.load_show(tmp_path / "storyaudio.toml")
    storyaudio.build([story], tmp_path / "out", show=show, cache_dir=cache_dir, jobs=1)
    text = (tmp_path / "out" / "episodes" / "tide" / "episode.json").read_text()
    assert json.loads(text)["source"] == "stories/tide.md"
    assert str(tmp_path) not in text
    story.write_text("# Tide\n\nThe tide came in, and went.\n")  # a rebuild knows it for the same file
    (again,) = storyaudio.build([story], tmp_path / "out", show=show, cache_dir=cache_dir, jobs=1)
    assert again.source == "stories/tide.md"
