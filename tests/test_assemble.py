"""Assembled episodes, read back by mutagen, ffmpeg and JSON/SRT parsers."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from PIL import Image

import storyaudio
from storyaudio.assemble import assemble
from storyaudio.ffmpeg import ffmpeg_exe

from .conftest import DATA, Built


def folder(built: Built, slug: str = "bread-salt") -> Path:
    return built.out / "episodes" / slug


def ffmetadata_chapters(mp3: Path) -> list[tuple[int, int, str]]:
    """Chapters as ffmpeg's own ID3 reader sees them."""
    text = subprocess.run(
        [ffmpeg_exe(), "-loglevel", "error", "-i", str(mp3), "-f", "ffmetadata", "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    chapters = []
    for block in text.split("[CHAPTER]")[1:]:
        base = re.search(r"TIMEBASE=1/(\d+)", block)
        scale = 1000 / int(base.group(1)) if base else 1
        start = round(int(re.search(r"START=(\d+)", block).group(1)) * scale)
        end = round(int(re.search(r"END=(\d+)", block).group(1)) * scale)
        chapters.append((start, end, re.search(r"title=(.*)", block).group(1)))
    return chapters


def build_error(folder: Path, *args: str) -> str:
    """Run ``storyaudio build`` in *folder*; assert it failed with exit 2 and one line, and return it."""
    result = subprocess.run([sys.executable, "-m", "storyaudio", "build", *args], capture_output=True,
                            text=True, cwd=folder, check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_ffmpeg_and_mutagen_read_the_same_chapters(built: Built) -> None:
    mp3 = folder(built) / "bread-salt.mp3"
    tags = ID3(mp3)
    (toc,) = tags.getall("CTOC")
    by_mutagen = [(tags[f"CHAP:{i}"].start_time, tags[f"CHAP:{i}"].end_time,
                   str(tags[f"CHAP:{i}"].sub_frames["TIT2"])) for i in toc.child_element_ids]
    # mutagen stores frames by size, so ffmpeg (which lists them in file order) is sorted by time here;
    # apps follow the CTOC's order, which is time order.
    # ffmpeg moves chapter times by the encoder delay it trims (1105 samples, 25 ms).
    by_ffmpeg = sorted(ffmetadata_chapters(mp3))
    assert [title for _, _, title in by_ffmpeg] == [title for _, _, title in by_mutagen]
    for (start, end, _), (start_m, end_m, _) in zip(by_ffmpeg, by_mutagen, strict=True):
        assert abs(start - start_m) <= 30 and abs(end - end_m) <= 30
    assert len({chapter_id for chapter_id in toc.child_element_ids}) == len(by_mutagen)


def test_json_chapters_match_the_id3_chapters(built: Built) -> None:
    data = json.loads((folder(built) / "chapters.json").read_text())
    assert data["version"] == "1.2.0"
    duration = MP3(folder(built) / "bread-salt.mp3").info.length
    tags = ID3(folder(built) / "bread-salt.mp3")
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [c["title"] for c in data["chapters"]] == [str(c.sub_frames["TIT2"]) for c in chaps]
    assert [round(c["startTime"] * 1000) for c in data["chapters"]] == [c.start_time for c in chaps]
    assert all(0 <= c["startTime"] < c["endTime"] <= duration + 0.05 for c in data["chapters"])


def test_srt_and_json_transcripts_match_the_vtt(built: Built) -> None:
    import webvtt

    vtt = list(webvtt.read(str(folder(built) / "transcript.vtt")))
    srt = (folder(built) / "transcript.srt").read_text().strip().split("\n\n")
    segments = json.loads((folder(built) / "transcript.json").read_text())["segments"]
    assert len(vtt) == len(srt)
    remaining = list(segments)
    for number, (caption, block) in enumerate(zip(vtt, srt, strict=True), start=1):
        counter, times, text = block.split("\n")
        assert counter == str(number)
        assert times == f"{caption.start.replace('.', ',')} --> {caption.end.replace('.', ',')}"
        # The JSON transcript has a segment per word: this cue's words, joined, are its text, and
        # they lie inside the cue.
        words = []
        while remaining and remaining[0]["startTime"] < _seconds(caption.end):
            words.append(remaining.pop(0))
        assert " ".join(word["body"] for word in words) == text
        assert _seconds(caption.start) <= words[0]["startTime"] <= words[-1]["endTime"] <= _seconds(caption.end)
    assert remaining == []


def _seconds(stamp: str) -> float:
    hours, minutes, rest = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def test_front_cover_is_a_jpeg_of_at_most_800_pixels(built: Built) -> None:
    (cover,) = ID3(folder(built) / "bread-salt.mp3").getall("APIC")
    assert cover.mime == "image/jpeg" and cover.type == 3
    image = Image.open(io.BytesIO(cover.data))
    assert image.format == "JPEG" and max(image.size) <= 800


def test_story_image_is_resized_into_the_cover(tmp_path: Path, built: Built) -> None:
    Image.new("RGB", (1600, 1200), (200, 40, 40)).save(tmp_path / "photo.png")
    story = tmp_path / "s.md"
    story.write_text("---\ntitle: Red\nimage: photo.png\n---\n\nA red story.\n")
    storyaudio.build([story], tmp_path / "out", cache_dir=built.cache, jobs=1)
    (cover,) = ID3(tmp_path / "out/episodes/red/red.mp3").getall("APIC")
    image = Image.open(io.BytesIO(cover.data))
    assert image.size == (800, 600)
    assert image.getpixel((400, 300))[0] > 150


def test_assembling_the_same_clips_twice_is_byte_identical(tmp_path: Path, engine) -> None:
    script = storyaudio.write_script(storyaudio.read_story(DATA / "plain.txt"))
    clips = storyaudio.synthesize(script.segments, engine)
    for name in ("a", "b"):
        assemble(script, clips, tmp_path / name, album="Show", guid="g", pub_date="d")
    for file in sorted((tmp_path / "a").iterdir()):
        assert file.read_bytes() == (tmp_path / "b" / file.name).read_bytes(), file.name


def test_one_episode_of_several_stories_keeps_each_storys_own_chapters_nested(tmp_path: Path, built: Built) -> None:
    (episode,) = storyaudio.build([DATA / "plain.txt", DATA / "two-chapters.md"], tmp_path / "out",
                                  cache_dir=built.cache, jobs=1, episode="Weekly round-up")
    assert episode.slug == "weekly-round-up"
    # Each story is a chapter; its headings are its sub-chapters, not flattened into its text.
    assert [(c.title, c.part_of) for c in episode.chapters] == [
        ("The Well", "The Well"), ("Bread & Salt", "Bread & Salt"), ("Morning", "Bread & Salt"),
        ("Evening", "Bread & Salt")]
    folder = tmp_path / "out/episodes/weekly-round-up"
    tags = ID3(folder / "weekly-round-up.mp3")
    assert str(tags["TIT2"]) == "Weekly round-up"
    top = tags["CTOC:toc"]
    assert top.flags & 3 == 3 and top.child_element_ids == ["toc1", "toc2"]  # top level, ordered
    for name, title, children in (("toc1", "The Well", ["chp0"]), ("toc2", "Bread & Salt", ["chp1", "chp2", "chp3"])):
        table = tags[f"CTOC:{name}"]
        assert table.flags & 1 and str(table.sub_frames["TIT2"]) == title and table.child_element_ids == children
    # Apps that show a flat list (most) see every chapter, each heading saying whose it is.
    assert [str(tags[f"CHAP:chp{n}"].sub_frames["TIT2"]) for n in range(4)] == [
        "The Well", "Bread & Salt", "Bread & Salt: Morning", "Bread & Salt: Evening"]
    data = json.loads((folder / "chapters.json").read_text())["chapters"]
    assert [(c["title"], c.get("toc", True)) for c in data] == [
        ("The Well", True), ("Bread & Salt", True), ("Bread & Salt: Morning", True), ("Bread & Salt: Evening", True)]
    page = (folder / "index.html").read_text()
    assert page.count('<li class="sub">') == 2


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: (d / "s.md").write_text("---\ntitle: X\nimage: gone.jpg\n---\n\nText.\n"),
         "cover image not found"),
        (lambda d: ((d / "fake.jpg").write_text("not really a picture"),
                    (d / "s.md").write_text("---\ntitle: X\nimage: fake.jpg\n---\n\nText.\n")),
         "not an image"),
        (lambda d: ((d / "storyaudio.toml").write_text("[audio]\nbitrate_kbps = 63\n"),
                    (d / "s.md").write_text("# X\n\nText.\n")),
         "not an MP3 bitrate"),
        (lambda d: ((d / "storyaudio.toml").write_text("[audio]\nmp3_quality = 12\n"),
                    (d / "s.md").write_text("# X\n\nText.\n")),
         "mp3_quality is LAME's -q"),
    ],
    ids=["missing-cover", "cover-not-an-image", "bad-bitrate", "bad-mp3-quality"],
)
def test_bad_audio_input_is_one_line_and_writes_nothing(tmp_path: Path, setup, message: str) -> None:
    setup(tmp_path)
    assert message in build_error(tmp_path, "s.md", "--out", "out")
    assert not (tmp_path / "out").exists()


def _tone(path: Path, seconds: float) -> None:
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-f", "lavfi", "-i",
                    f"sine=frequency=440:duration={seconds}", "-ac", "1", "-y", str(path)], check=True)


def test_intro_and_outro_are_faded_in_and_out_and_shift_the_transcript(tmp_path: Path, built: Built) -> None:
    from tests.conftest import decode_pcm

    _tone(tmp_path / "intro.mp3", 2.0)
    _tone(tmp_path / "outro.wav", 1.0)
    (tmp_path / "storyaudio.toml").write_text('[audio]\nintro = "intro.mp3"\noutro = "outro.wav"\n')
    show = storyaudio.load_show(tmp_path / "storyaudio.toml")
    (plain,) = storyaudio.build([DATA / "plain.txt"], tmp_path / "out", cache_dir=built.cache, jobs=1, show=show)
    (bare,) = [e for e in built.episodes if e.slug == "the-well"]
    # 2 s of intro, 0.7 s of quiet, then the story; 1 s of outro at the end. The intro is
    # encoded apart (it is the same for every episode), and its MP3 ends on a whole frame after
    # the encoder's delay: up to 60 ms more before the story, which the cue follows.
    assert 2700 <= plain.cues[0].start_ms <= 2760
    assert abs(plain.duration_ms - bare.duration_ms - 3700) <= 100
    assert plain.chapters[0].start_ms == 0 and abs(plain.chapters[-1].end_ms - plain.duration_ms) < 100
    import numpy as np

    samples = np.frombuffer(decode_pcm(tmp_path / "out/episodes/the-well/the-well.mp3"), dtype="<i2")
    window = 441  # 10 ms at 44.1 kHz
    start = np.sqrt(np.mean(samples[:window].astype(float) ** 2))
    middle = np.sqrt(np.mean(samples[44100:44100 + window].astype(float) ** 2))
    assert middle > 1000 and start < middle / 5, (start, middle)  # faded in, not cut in


def test_an_intro_that_cannot_be_decoded_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "intro.mp3").write_text("this is not audio")
    (tmp_path / "storyaudio.toml").write_text('[audio]\nintro = "intro.mp3"\n')
    (tmp_path / "s.md").write_text("# X\n\nText.\n")
    assert "intro.mp3: cannot be decoded" in build_error(tmp_path, "s.md")
    assert not (tmp_path / "output").exists()


def test_timeline_keeps_clips_in_the_cache_until_the_encoder_reads_them(tmp_path: Path, engine) -> None:
    from storyaudio.assemble.timeline import build_timeline
    from storyaudio.cache import ClipCache, ClipRef
    from storyaudio.synthesize import synthesize_to_cache

    cache = ClipCache(tmp_path / "cache")
    script = storyaudio.write_script(storyaudio.read_story(DATA / "plain.txt"))
    refs = synthesize_to_cache(script.segments, engine, cache)
    assert all(isinstance(ref, ClipRef) for ref in refs)
    timeline = build_timeline(script.segments, refs)
    in_memory = build_timeline(script.segments, [ref.load() for ref in refs])
    # The same times and texts; cues of cached clips also name the clip (the listening check hears it).
    assert [replace(cue, clip="") for cue in timeline.cues()] == list(in_memory.cues())
    assert [cue.clip for cue in timeline.cues()] == [ref.key for ref in refs]
    assert b"".join(timeline.pcm_chunks()) == b"".join(in_memory.pcm_chunks())
    for path in cache.entries():
        path.unlink()  # the samples really were still in the cache:
    with pytest.raises(storyaudio.AudioError, match="vanished from the cache"):
        b"".join(timeline.pcm_chunks())


def test_more_than_255_chapters_get_nested_tables_of_contents(tmp_path: Path, built: Built) -> None:
    from storyaudio.assemble.tags import EpisodeTags, write_tags
    from storyaudio.models import ChapterMark

    mp3 = tmp_path / "many.mp3"
    mp3.write_bytes((folder(built) / "bread-salt.mp3").read_bytes())
    chapters = tuple(ChapterMark(f"Part {n}", n * 1000, (n + 1) * 1000) for n in range(300))
    write_tags(mp3, EpisodeTags("Many", None, "Show"), chapters)
    tags = ID3(mp3)
    from mutagen.id3 import CTOCFlags

    tops = [toc for toc in tags.getall("CTOC") if toc.flags & CTOCFlags.TOP_LEVEL]
    assert len(tops) == 1 and tops[0].flags & CTOCFlags.ORDERED
    listed = [chap for child in tops[0].child_element_ids for chap in tags[f"CTOC:{child}"].child_element_ids]
    assert listed == [f"chp{n}" for n in range(300)]
    assert ffmetadata_chapters(mp3)[-1][2] == "Part 299"


def test_every_cue_starts_where_its_sentence_is_heard_in_the_file(tmp_path: Path, engine, monkeypatch) -> None:
    """Spans are encoded apart, each with the encoder's delay and frame padding; the cues must
    follow the audio in the file, not the timeline. Each sentence's samples are found in the
    decoded MP3 by cross-correlation near its cue: within 1 ms (a sentence off by one span's
    padding would be 13-50 ms out)."""
    import numpy as np

    from storyaudio.assemble import timeline as timeline_module
    from storyaudio.assemble.timeline import build_timeline
    from storyaudio.cache import ClipCache
    from storyaudio.synthesize import synthesize_to_cache
    from tests.conftest import decode_pcm

    monkeypatch.setattr(timeline_module, "BLOCKS_PER_SPAN", 1)  # a span per paragraph: many joins
    cache = ClipCache(tmp_path / "cache")
    script = storyaudio.write_script(storyaudio.read_story(DATA / "two-chapters.md"))
    refs = synthesize_to_cache(script.segments, engine, cache)
    timeline = build_timeline(script.segments, refs)
    assert len(timeline.spans()) >= 4
    episode = assemble(script, refs, tmp_path / "ep", album="S", guid="g", pub_date="d", cache=cache)
    source = np.frombuffer(b"".join(timeline.pcm_chunks()), "<i2").astype(float)
    heard = np.frombuffer(decode_pcm(tmp_path / "ep" / episode.audio_file, 22050), "<i2").astype(float)
    for placement, cue in zip(timeline.placements, episode.cues, strict=True):
        sentence = source[placement.start:placement.end]
        guess = round(cue.start_ms * 22.05)
        lags = range(-1100, 1101)  # +-50 ms
        scores = [np.dot(sentence, heard[guess + lag:guess + lag + len(sentence)])
                  if guess + lag >= 0 else -np.inf for lag in lags]
        lag = lags[int(np.argmax(scores))]
        assert abs(lag) <= 22, f"{cue.text!r} is heard {lag / 22.05:.1f} ms from its cue"


def test_an_edited_paragraph_reencodes_only_its_own_span(tmp_path: Path, monkeypatch) -> None:
    """The episode is encoded in spans cached by content: after an edit the other spans are
    copied from the cache, and the result is byte for byte what a cold build gives (as the
    edit does not move the episode's gain a step; a voice with its noise off makes that so in
    every run)."""
    from storyaudio.assemble import timeline as timeline_module
    from storyaudio.voices import read_profile
    from tests.test_synthesize import STEADY

    monkeypatch.setattr(timeline_module, "BLOCKS_PER_SPAN", 1)  # a span per paragraph
    engine = storyaudio.create_engine(read_profile(STEADY))
    from storyaudio.cache import ClipCache
    from storyaudio.synthesize import synthesize_to_cache

    cache = ClipCache(tmp_path / "cache")
    text = (DATA / "two-chapters.md").read_text()
    edited = tmp_path / "edited.md"
    edited.write_text(text.replace("Monday", "Tuesday", 1))
    assert edited.read_text() != text

    def assemble_story(path: Path, folder: str, store: ClipCache) -> bytes:
        script = storyaudio.write_script(storyaudio.read_story(path))
        refs = synthesize_to_cache(script.segments, engine, cache)
        episode = assemble(script, refs, tmp_path / folder, album="S", guid="g", pub_date="d", cache=store)
        return (tmp_path / folder / episode.audio_file).read_bytes()

    assemble_story(DATA / "two-chapters.md", "first", cache)
    spans_before = {path for path in cache.span_entries() if path.suffix == ".mp3"}
    again = assemble_story(edited, "edited", cache)
    made = {path for path in cache.span_entries() if path.suffix == ".mp3"} - spans_before
    assert len(spans_before) >= 4 and len(made) == 1, "only the edited paragraph's span is encoded again"
    assert again == assemble_story(edited, "cold", ClipCache(tmp_path / "cold-spans"))


def _tone_at(samples, rate: int, frequency: float) -> float:
    """Amplitude of one frequency in *samples* (a single DFT bin)."""
    import numpy as np

    t = np.arange(len(samples)) / rate
    return float(abs(np.dot(samples, np.exp(-2j * np.pi * frequency * t))) * 2 / len(samples))


def test_music_bed_lies_under_the_intro_and_outro_faded_and_quieter(tmp_path: Path, built: Built) -> None:
    import numpy as np

    from tests.conftest import decode_pcm

    _tone(tmp_path / "intro.wav", 2.0)  # 440 Hz
    _tone(tmp_path / "outro.wav", 1.0)
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=220:duration=0.8",
                    "-ac", "1", "-y", str(tmp_path / "bed.wav")], check=True)
    (tmp_path / "storyaudio.toml").write_text(
        '[audio]\nintro = "intro.wav"\noutro = "outro.wav"\nbed = "bed.wav"\nbed_db = -12\nfade_ms = 300\n')
    show = storyaudio.load_show(tmp_path / "storyaudio.toml")
    (episode,) = storyaudio.build([DATA / "plain.txt"], tmp_path / "out", cache_dir=built.cache, jobs=1, show=show)
    samples = np.frombuffer(decode_pcm(tmp_path / "out/episodes/the-well" / episode.audio_file), "<i2")
    samples = samples.astype(float)
    rate = 44100

    def level(start_s: float, end_s: float, frequency: float) -> float:
        return _tone_at(samples[int(start_s * rate):int(end_s * rate)], rate, frequency)

    # Under the intro, the bed (220 Hz, repeated past its 0.8 s) is there, 12 dB (x3.98) below the
    # intro (both tones are at the same level in their files).
    assert level(0.9, 1.5, 220) > 100
    assert 3.5 < level(0.9, 1.5, 440) / level(0.9, 1.5, 220) < 4.5
    # It goes on through the pause after the intro, and fades out before the story starts.
    assert level(2.05, 2.3, 220) > 100 and level(2.05, 2.3, 440) < 50
    assert level(2.0, 2.25, 220) > 3 * level(2.6, 2.7, 220)
    # Under the outro too, and the episode ends faded, not cut.
    assert level(episode.duration_ms / 1000 - 0.7, episode.duration_ms / 1000 - 0.4, 220) > 100
    assert np.sqrt(np.mean(samples[-441:] ** 2)) < 200


def test_a_bed_without_intro_or_outro_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "storyaudio.toml").write_text('[audio]\nbed = "bed.wav"\n')
    (tmp_path / "s.md").write_text("# X\n\nText.\n")
    assert "bed is laid under the intro and the outro" in build_error(tmp_path, "s.md")


def test_episode_loudness_from_span_readings_matches_ffmpegs_own_integrated_figure(engine) -> None:
    """Loudness is read span by span and gated over the whole episode (BS.1770); the result must
    be what ffmpeg's meter says of the whole stream in one go."""
    from storyaudio.assemble.loudness import integrated_loudness, measure_span, parse_integrated
    from storyaudio.assemble.timeline import Span, build_timeline
    from storyaudio.ffmpeg import ffmpeg_exe

    script = storyaudio.write_script(storyaudio.read_story(DATA / "two-chapters.md"))
    timeline = build_timeline(script.segments, storyaudio.synthesize(script.segments, engine))
    middle = timeline.placements[3].start
    halves = [Span(0, middle), Span(middle, timeline.total_samples)]
    blocks = [block for span in halves for block in measure_span(timeline.pcm(span), 22050).blocks]
    whole = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostats", "-f", "s16le", "-ar", "22050", "-ac", "1", "-i", "pipe:0",
         "-af", "ebur128=framelog=quiet", "-f", "null", "-"],
        input=b"".join(timeline.pcm_chunks()), capture_output=True, check=True).stderr.decode()
    assert abs(integrated_loudness(blocks) - parse_integrated(whole)) <= 0.2


def test_chapter_links_and_pictures_reach_id3_and_json_chapters(tmp_path: Path, built: Built) -> None:
    """A heading that is a link gives its chapter a WXXX and a JSON ``url``; the first picture in a
    chapter is embedded in its CHAP frame, published beside the MP3 and linked as ``img``."""
    Image.new("RGB", (1200, 1200), (20, 120, 200)).save(tmp_path / "river.png")
    story = tmp_path / "s.md"
    story.write_text("# Crossing\n\nThe opening words.\n\n"
                     "## [The river](https://example.org/river)\n\n![The river at dawn](river.png)\n\n"
                     "Water moved fast.\n\n## The bank\n\nThey landed.\n")
    show = storyaudio.Show(base_url="https://stories.charity.org.uk/audio/")
    storyaudio.build([story], tmp_path / "out", cache_dir=built.cache, jobs=1, show=show)
    folder_path = tmp_path / "out/episodes/crossing"
    tags = ID3(folder_path / "crossing.mp3")
    chaps = sorted(tags.getall("CHAP"), key=lambda chap: chap.start_time)
    assert [str(chap.sub_frames["TIT2"]) for chap in chaps] == ["Crossing", "The river", "The bank"]
    river = chaps[1].sub_frames
    assert river.getall("WXXX")[0].url == "https://example.org/river"
    (picture,) = river.getall("APIC")
    assert Image.open(io.BytesIO(picture.data)).size == (800, 800)
    assert not chaps[0].sub_frames.getall("WXXX") and not chaps[2].sub_frames.getall("APIC")
    data = json.loads((folder_path / "chapters.json").read_text())["chapters"]
    assert data[1]["url"] == "https://example.org/river"
    assert data[1]["img"] == "https://stories.charity.org.uk/audio/episodes/crossing/chapter-2.jpg"
    assert "img" not in data[0] and "url" not in data[2]
    assert Image.open(folder_path / "chapter-2.jpg").format == "JPEG"
    import podcastparser

    with open(tmp_path / "out/feed.xml", "rb") as feed:
        (item,) = podcastparser.parse("https://stories.charity.org.uk/audio/feed.xml", feed)["episodes"]
    assert item["chapters"][1]["title"] == "The river"  # podcastparser reads the psc:chapters
    feed_text = (tmp_path / "out/feed.xml").read_text()
    assert 'href="https://example.org/river"' in feed_text
    assert 'image="https://stories.charity.org.uk/audio/episodes/crossing/chapter-2.jpg"' in feed_text


def test_a_missing_chapter_picture_is_one_line_before_anything_is_built(tmp_path: Path) -> None:
    (tmp_path / "s.md").write_text("# X\n\nText.\n\n## Part\n\n![gone](gone.png)\n\nMore text.\n")
    assert "gone.png: chapter image not found" in build_error(tmp_path, "s.md", "--out", "out")
    assert not (tmp_path / "out").exists()


def test_a_chapter_picture_taken_out_of_the_story_leaves_the_published_episode(tmp_path: Path, built: Built) -> None:
    Image.new("RGB", (300, 300), (200, 200, 20)).save(tmp_path / "sun.png")
    story = tmp_path / "s.md"
    story.write_text("# Days\n\nMorning.\n\n## Noon\n\n![The sun](sun.png)\n\nIt was hot.\n\n"
                     "## Dusk\n\n![The sun again](sun.png)\n\nIt cooled.\n")
    storyaudio.build([story], tmp_path / "out", cache_dir=built.cache, jobs=1)
    folder_path = tmp_path / "out/episodes/days"
    assert sorted(p.name for p in folder_path.glob("chapter-*.jpg")) == ["chapter-2.jpg", "chapter-3.jpg"]
    story.write_text(story.read_text().replace("![The sun again](sun.png)\n\n", ""))
    storyaudio.build([story], tmp_path / "out", cache_dir=built.cache, jobs=1)
    assert sorted(p.name for p in folder_path.glob("chapter-*.jpg")) == ["chapter-2.jpg"]
    assert [c.get("img") for c in json.loads((folder_path / "chapters.json").read_text())["chapters"]] == [
        None, "chapter-2.jpg", None]


def test_a_stereo_show_lands_on_minus_16_lufs_with_the_voice_in_both_channels(tmp_path: Path, built: Built) -> None:
    """Stereo carries the mono narration in both channels at full level (not 3 dB down, which a
    plain upmix does and which left stereo episodes 2 LU quiet), measured on the decoded file."""
    (tmp_path / "storyaudio.toml").write_text("[audio]\nchannels = 2\n")
    show = storyaudio.load_show(tmp_path / "storyaudio.toml")
    (episode,) = storyaudio.build([DATA / "plain.txt"], tmp_path / "out", cache_dir=built.cache, jobs=1, show=show)
    mp3 = tmp_path / "out/episodes/the-well" / episode.audio_file
    assert MP3(mp3).info.channels == 2
    log = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostats", "-i", str(mp3),
                          "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    summary = log[log.rfind("Summary:"):]
    assert -17.0 <= float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1)) <= -15.0, summary
    assert float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1)) <= -1.0, summary
