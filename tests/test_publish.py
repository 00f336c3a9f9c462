"""The feed and catalog, read by three real podcast-client parsers and by `storyaudio check`."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import feedparser
import podcastparser
import pytest

import storyaudio
from storyaudio.publish import load_catalog, remove_episode
from storyaudio.publish.check import check_show
from storyaudio.settings import Show

from .conftest import DATA, Built

NODE = Path(__file__).parent / "node"
TRICKY_TITLE = 'Salt & "bread" <for> all \u2014 caf\u00e9 \U0001F35E'
SHOW = Show(
    title="Field Notes & Stories", description="Stories from the field, read aloud.",
    author="Example Relief", owner_name="Example Relief", owner_email="podcast@charity.org.uk",
    base_url="https://stories.charity.org.uk/audio/", category="Society & Culture", subcategory="Documentary",
)


@pytest.fixture(scope="module")
def show_out(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("show")
    tricky = folder / "tricky.md"
    tricky.write_text(f"---\ntitle: '{TRICKY_TITLE.replace(chr(39), chr(39) * 2)}'\nslug: tricky\n"
                      "episode: 2\nseason: 1\n---\n\nA short story with a tricky title.\n")
    out = folder / "out"
    storyaudio.build([DATA / "two-chapters.md", DATA / "plain.txt", tricky], out, show=SHOW,
                     cache_dir=cache_dir, jobs=1)
    return out


@pytest.fixture(scope="session")
def partytime() -> Path:
    """The Podcast Index's parser (npm podcast-partytime), installed once into tests/node."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("Node.js and npm are needed for podcast-partytime")
    if not (NODE / "node_modules" / "podcast-partytime").is_dir():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-package-lock"], cwd=NODE,
                       check=True, capture_output=True)
    return NODE / "parse-feed.mjs"


def episodes_by_title(out: Path) -> dict[str, storyaudio.Episode]:
    return {episode.title: episode for episode in load_catalog(out)}


def test_feedparser_finds_every_episode(show_out: Path) -> None:
    feed = feedparser.parse((show_out / "feed.xml").read_bytes())
    assert not feed.bozo
    episodes = episodes_by_title(show_out)
    assert {entry.title for entry in feed.entries} == set(episodes)
    for entry in feed.entries:
        episode = episodes[entry.title]
        (enclosure,) = entry.enclosures
        assert int(enclosure.length) == episode.size_bytes
        assert entry.id == episode.guid
        assert int(entry.itunes_duration) == round(episode.duration_ms / 1000)
    assert feed.feed.title == "Field Notes & Stories"


def test_podcastparser_finds_every_episode(show_out: Path) -> None:
    with open(show_out / "feed.xml", "rb") as handle:
        parsed = podcastparser.parse("https://stories.charity.org.uk/audio/feed.xml", handle)
    episodes = episodes_by_title(show_out)
    assert {item["title"] for item in parsed["episodes"]} == set(episodes)
    for item in parsed["episodes"]:
        episode = episodes[item["title"]]
        (enclosure,) = item["enclosures"]
        assert enclosure["file_size"] == episode.size_bytes
        assert item["guid"] == episode.guid
        assert item["total_time"] == round(episode.duration_ms / 1000)
        assert [c["title"] for c in item["chapters"]] == [c.title for c in episode.chapters]
    assert next(i for i in parsed["episodes"] if i["title"] == TRICKY_TITLE)["number"] == 2


def test_partytime_finds_every_episode_with_chapters_and_transcripts(show_out: Path, partytime: Path) -> None:
    result = subprocess.run(["node", str(partytime), str(show_out / "feed.xml")],
                            capture_output=True, text=True, check=True)
    feed = json.loads(result.stdout)
    episodes = episodes_by_title(show_out)
    assert {item["title"] for item in feed["items"]} == set(episodes)
    for item in feed["items"]:
        episode = episodes[item["title"]]
        assert item["guid"] == episode.guid
        assert item["enclosure"]["length"] == episode.size_bytes
        assert item["duration"] == round(episode.duration_ms / 1000)
        folder = f"https://stories.charity.org.uk/audio/episodes/{episode.slug}/"
        assert item["podcastChapters"] == {"url": folder + "chapters.json", "type": "application/json+chapters"}
        assert {t["url"] for t in item["podcastTranscripts"]} == {
            folder + "transcript.vtt", folder + "transcript.srt", folder + "transcript.json"}
    assert feed["guid"] == str(uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"),
                                          "stories.charity.org.uk/audio/feed.xml"))
    assert feed["medium"] == "podcast" and feed["locked"] is True
    assert {"chapters", "transcript", "locked"} <= set(feed["pc20support"]["1"])


def test_tricky_title_survives_every_parser(show_out: Path, partytime: Path) -> None:
    titles = {e.title for e in feedparser.parse((show_out / "feed.xml").read_bytes()).entries}
    with open(show_out / "feed.xml", "rb") as handle:
        parsed = podcastparser.parse("https://stories.charity.org.uk/audio/feed.xml", handle)
        titles_pp = {i["title"] for i in parsed["episodes"]}
    feed = json.loads(subprocess.run(["node", str(partytime), str(show_out / "feed.xml")],
                                     capture_output=True, text=True, check=True).stdout)
    assert TRICKY_TITLE in titles and TRICKY_TITLE in titles_pp
    assert TRICKY_TITLE in {item["title"] for item in feed["items"]}


def test_check_finds_nothing_on_a_good_build(show_out: Path) -> None:
    assert [str(p) for p in check_show(show_out)] == []
    result = subprocess.run([sys.executable, "-m", "storyaudio", "check", str(show_out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "no problems found" in result.stdout


BREAKAGES = [
    ("<itunes:explicit>false</itunes:explicit>", "<itunes:explicit>no</itunes:explicit>", "explicit"),
    ('text="Society &#38; Culture"', 'text="Society and Culture"', "category"),
    ("<language>en</language>", "<language>english</language>", "language"),
    ("<podcast:medium>podcast</podcast:medium>", "<podcast:medium>radio</podcast:medium>", "medium"),
    ('">yes</podcast:locked>', '">maybe</podcast:locked>', "locked"),
    ("<itunes:email>podcast@charity.org.uk</itunes:email>", "<itunes:email>nobody</itunes:email>", "owner"),
    ('type="application/json+chapters"', 'type="application/json"', "chapters"),
    ('xmlns:podcast="https://podcastindex.org/namespace/1.0"',
     'xmlns:podcast="https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"',
     "namespaces"),
]


@pytest.mark.parametrize(("good", "bad", "rule"), BREAKAGES, ids=[b[2] for b in BREAKAGES])
def test_check_reports_each_broken_rule(show_out: Path, tmp_path: Path, good: str, bad: str, rule: str) -> None:
    broken = tmp_path / "out"
    shutil.copytree(show_out, broken)
    feed = broken / "feed.xml"
    text = feed.read_text()
    assert good in text
    feed.write_text(text.replace(good, bad, 1))
    assert rule in {p.rule for p in check_show(broken)}


def test_check_on_a_local_preview_points_to_base_url(tmp_path: Path, cache_dir: Path) -> None:
    out = tmp_path / "out"
    storyaudio.build([DATA / "plain.txt"], out, cache_dir=cache_dir, jobs=1, show=Show(title="Local"))
    problems = {p.rule: p.message for p in check_show(out)}
    # Without base_url there is no atom:link and no podcast:guid: each is one problem naming the fix.
    assert "base_url" in problems["atom-self"] and "base_url" in problems["podcast-guid"]
    assert "namespaces" not in problems  # xmlns:atom is needed only where atom:link is


def test_check_reports_wrong_sizes_durations_and_times(show_out: Path, tmp_path: Path) -> None:
    broken = tmp_path / "out"
    shutil.copytree(show_out, broken)
    mp3 = next((broken / "episodes" / "the-well").glob("*.mp3"))
    with open(mp3, "ab") as handle:
        handle.write(b"\0" * 10)
    chapters = broken / "episodes" / "bread-salt" / "chapters.json"
    data = json.loads(chapters.read_text())
    data["chapters"][-1]["startTime"] = 9999
    chapters.write_text(json.dumps(data))
    vtt = broken / "episodes" / "tricky" / "transcript.vtt"
    vtt.write_text(vtt.read_text().replace("WEBVTT", "VTT", 1))
    rules = {p.rule for p in check_show(broken)}
    assert {"enclosure-length", "chapters", "psc-chapters", "transcript"} <= rules
    result = subprocess.run([sys.executable, "-m", "storyaudio", "check", str(broken)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "[enclosure-length]" in result.stdout


@pytest.mark.parametrize("damage", ["half-random", "empty", "missing"])
def test_check_decodes_what_is_published(show_out: Path, tmp_path: Path, damage: str) -> None:
    """A published MP3 damaged after the build (its header still claiming the full length) is
    reported: it is decoded from end to end and compared with episode.json."""
    broken = tmp_path / "out"
    shutil.copytree(show_out, broken)
    mp3 = next((broken / "episodes" / "the-well").glob("*.mp3"))
    data = bytearray(mp3.read_bytes())
    if damage == "half-random":
        data[len(data) // 2:] = random.Random(7).randbytes(len(data) - len(data) // 2)
        mp3.write_bytes(bytes(data))
    elif damage == "empty":
        mp3.write_bytes(b"")
    else:
        mp3.unlink()
    problems = [p for p in check_show(broken) if "the-well" in p.message or "The well" in p.where]
    expected = {"half-random": "decodes to", "empty": "does not decode", "missing": "is missing"}[damage]
    assert any(expected in p.message for p in problems), [str(p) for p in problems]


def test_rebuild_add_and_remove_keep_the_catalog_exact(show_out: Path, tmp_path: Path, cache_dir: Path) -> None:
    out = tmp_path / "out"
    storyaudio.build([DATA / "plain.txt"], out, show=SHOW, cache_dir=cache_dir, jobs=1)
    (first,) = load_catalog(out)
    guid_before = json.loads((out / "show.json").read_text())["podcast_guid"]
    storyaudio.build([DATA / "plain.txt", DATA / "two-chapters.md"], out, show=SHOW, cache_dir=cache_dir, jobs=1)
    catalog = {e.slug: e for e in load_catalog(out)}
    assert set(catalog) == {"the-well", "bread-salt"}
    assert (catalog["the-well"].guid, catalog["the-well"].pub_date) == (first.guid, first.pub_date)
    remove_episode(out, "the-well", SHOW)
    assert [e.slug for e in load_catalog(out)] == ["bread-salt"]
    assert not (out / "episodes" / "the-well").exists()
    assert "the-well" not in (out / "feed.xml").read_text()
    assert json.loads((out / "show.json").read_text())["podcast_guid"] == guid_before
    with pytest.raises(storyaudio.PublishError, match="no episode 'nope'"):
        remove_episode(out, "nope", SHOW)


def test_republish_gives_a_new_date_but_keeps_the_guid(tmp_path: Path, cache_dir: Path) -> None:
    story = tmp_path / "s.md"
    story.write_text("# Undated\n\nA story without a date.\n")
    (first,) = storyaudio.build([story], tmp_path / "out", show=SHOW, cache_dir=cache_dir, jobs=1)
    catalog_entry = tmp_path / "out/episodes/undated/episode.json"
    data = json.loads(catalog_entry.read_text())
    data["pub_date"] = "Mon, 01 Jan 2024 12:00:00 +0000"
    catalog_entry.write_text(json.dumps(data))
    (again,) = storyaudio.build([story], tmp_path / "out", show=SHOW, cache_dir=cache_dir, jobs=1)
    assert again.pub_date == "Mon, 01 Jan 2024 12:00:00 +0000"
    (renewed,) = storyaudio.build([story], tmp_path / "out", show=SHOW, cache_dir=cache_dir, jobs=1,
                                  republish=True)
    assert renewed.guid == first.guid and renewed.pub_date != again.pub_date


def test_concurrent_builds_into_one_output_lose_nothing(tmp_path: Path, cache_dir: Path) -> None:
    stories = []
    for number in range(4):
        path = tmp_path / f"story{number}.md"
        path.write_text(f"# Story {number}\n\nThe tide came in on day {number}.\n")
        stories.append(path)
    storyaudio.build(stories, tmp_path / "warm", show=SHOW, cache_dir=cache_dir, jobs=1)  # fill the cache
    out = tmp_path / "out"
    env = {**os.environ, "STORYAUDIO_CACHE": str(cache_dir)}
    processes = [
        subprocess.Popen([sys.executable, "-m", "storyaudio", "build", str(story), "--out", str(out),
                          "--jobs", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for story in stories
    ]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo
    assert sorted(entry.title for entry in feed.entries) == [f"Story {n}" for n in range(4)]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('[show]\ncategory = "Society and Culture"\n', "did you mean 'Society & Culture'"),
        ("[show]\nexplicit = \"no\"\n", "explicit must be true or false"),
        ('[show]\nowner_email = "not-an-address"\n', "is not an e-mail address"),
        ('[show]\nlanguage = "English"\n', "is not a language code"),
        ('[show]\nbase_url = "ftp://example.org/"\n', "must start with http:// or https://"),
        ('[show]\nartwork = "art.png"\n', "artwork must be square"),
        ('[show]\ncolour = "red"\n', "unknown setting(s) in [show]: colour"),
    ],
)
def test_bad_show_settings_are_one_line_and_publish_nothing(tmp_path: Path, settings: str, message: str) -> None:
    from PIL import Image

    Image.new("RGB", (1600, 1400)).save(tmp_path / "art.png")
    (tmp_path / "storyaudio.toml").write_text(settings)
    (tmp_path / "s.md").write_text("# X\n\nText.\n")
    result = subprocess.run([sys.executable, "-m", "storyaudio", "build", "s.md"],
                            capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not (tmp_path / "output").exists()


def test_slug_taken_by_another_story_is_refused(tmp_path: Path, cache_dir: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("# Same Title\n\nOne.\n")
    second.write_text("# Same Title\n\nTwo.\n")
    storyaudio.build([first], tmp_path / "out", show=SHOW, cache_dir=cache_dir, jobs=1)
    with pytest.raises(storyaudio.StoryError, match="slug 'same-title' is already the episode built from"):
        storyaudio.build([second], tmp_path / "out", show=SHOW, cache_dir=cache_dir, jobs=1)


def test_init_write_build_check_remove_build_publishes_exactly_the_teams_story_once(
        tmp_path: Path, cache_dir: Path) -> None:
    """A new team's first hour: init, a story whose headline has a colon, build stories/, check,
    remove, build stories/ again."""
    def storyaudio_(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "storyaudio", *args], cwd=tmp_path, capture_output=True,
                              text=True, check=False, env={**os.environ, "STORYAUDIO_CACHE": str(cache_dir)})

    assert storyaudio_("init").returncode == 0
    assert (tmp_path / "storyaudio.toml").is_file() and (tmp_path / "sample/welcome.md").is_file()
    (tmp_path / "stories/amina.md").write_text(
        "---\ntitle: Safe at last: how Amina rebuilt her life\n---\n\nAmina arrived in the spring with two "
        "children and one suitcase.\n")
    build = storyaudio_("build", "stories", "--jobs", "1")
    assert build.returncode == 0, build.stderr
    assert "line 2: the title holds ': ', so it was read as the whole line" in build.stderr
    assert [e.title for e in load_catalog(tmp_path / "output")] == ["Safe at last: how Amina rebuilt her life"]
    # Straight after init, check names each placeholder and starter value, with its setting.
    check = storyaudio_("check")
    assert check.returncode == 1
    named = {line.split(": ", 2)[1].split(" ")[0] for line in check.stdout.splitlines() if "[placeholder]" in line}
    assert named == {"base_url", "owner_email", "title", "description", "author", "owner_name", "copyright"}
    assert "set [show] base_url in storyaudio.toml" in check.stdout
    # The sample, built on purpose and published, is reported too.
    assert storyaudio_("build", "sample/welcome.md", "--jobs", "1").returncode == 0
    assert "the sample story from storyaudio init is published" in storyaudio_("check").stdout
    assert storyaudio_("remove", "welcome-to-our-stories").returncode == 0
    # With the team's own settings, check finds nothing.
    settings = (tmp_path / "storyaudio.toml").read_text()
    for starter, real in (("Stories, read aloud", "Harbour Voices"), ("Your organisation", "Harbour Trust"),
                          ("Narrated stories from our work, read by a synthetic voice.", "Our stories, read aloud."),
                          ("https://example.org/audio/", "https://harbourtrust.org.uk/audio/"),
                          ("podcast@example.org", "podcast@harbourtrust.org.uk")):
        settings = settings.replace(starter, real)
    (tmp_path / "storyaudio.toml").write_text(settings)
    assert storyaudio_("build", "stories", "--jobs", "1").returncode == 0
    check = storyaudio_("check")
    assert check.returncode == 0, check.stdout
    assert check.stdout.strip() == "output/feed.xml: no problems found"
    # A removal lasts: the folder build skips the story, saying so; naming the file brings it back.
    slug = "safe-at-last-how-amina-rebuilt-her-life"
    removed = storyaudio_("remove", slug)
    assert removed.returncode == 0 and "builds of its folder or feed skip it" in removed.stdout
    again = storyaudio_("build", "stories", "--jobs", "1")
    assert again.returncode == 0 and "skipped, its episode was removed with storyaudio remove" in again.stderr
    assert load_catalog(tmp_path / "output") == []
    assert storyaudio_("build", "stories/amina.md", "--jobs", "1").returncode == 0
    assert [e.slug for e in load_catalog(tmp_path / "output")] == [slug]
    assert storyaudio_("build", "stories", "--jobs", "1").returncode == 0
    assert [e.slug for e in load_catalog(tmp_path / "output")] == [slug]


@pytest.mark.parametrize("host, placeholder", [
    ("example.org", True), ("www.example.com", True), ("news.test", True), ("localhost", True),
    ("shop.invalid", True), ("stories.charity.org.uk", False), ("exampleshop.org", False)])
def test_placeholder_hosts_are_told_from_real_ones(host: str, placeholder: bool) -> None:
    from storyaudio.settings import placeholder_host

    assert placeholder_host(host) is placeholder


def test_a_teams_own_templates_come_first(tmp_path: Path, cache_dir: Path) -> None:
    templates = tmp_path / "my-templates"
    templates.mkdir()
    (templates / "show.html").write_text(
        '{% extends "base.html" %}{% block title %}Ours{% endblock %}'
        "{% block main %}<h1>Our own page: {{ show.title }}</h1>{% endblock %}")
    (tmp_path / "storyaudio.toml").write_text('[show]\ntitle = "A <b>bold</b> show"\ntemplates = "my-templates"\n')
    show = storyaudio.load_show(tmp_path / "storyaudio.toml")
    storyaudio.build([DATA / "plain.txt"], tmp_path / "out", show=show, cache_dir=cache_dir, jobs=1)
    index = (tmp_path / "out" / "index.html").read_text()
    assert "<h1>Our own page: A &lt;b&gt;bold&lt;/b&gt; show</h1>" in index
    assert "<audio" in (tmp_path / "out/episodes/the-well/index.html").read_text()


DAMAGES = [
    # (file in the show, what to write there, the rule that must report it)
    ("episodes/bread-salt/chapters.json", '{"version": "1.2.0", "chapters": [{"startTime": "soon"}]}', "chapters"),
    ("episodes/bread-salt/chapters.json", '{"version": "1.2.0", "chapters": [1, 2]}', "chapters"),
    ("show.json", "{not json", "podcast-guid"),
    ("episodes/tricky/transcript.vtt", b"WEBVTT\n\n\xff\xfe caf\xe9", "transcript"),
]


@pytest.mark.parametrize(("name", "damage", "rule"), DAMAGES,
                         ids=["chapter-time-not-number", "chapter-not-object", "show-json", "vtt-not-utf8"])
def test_check_reports_damaged_side_files_instead_of_crashing(
        show_out: Path, tmp_path: Path, name: str, damage: str | bytes, rule: str) -> None:
    broken = tmp_path / "out"
    shutil.copytree(show_out, broken)
    target = broken / name
    assert target.is_file()
    if isinstance(damage, bytes):
        target.write_bytes(damage)
    else:
        target.write_text(damage)
    assert rule in {p.rule for p in check_show(broken)}
    result = subprocess.run([sys.executable, "-m", "storyaudio", "check", str(broken)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1 and f"[{rule}]" in result.stdout and "Traceback" not in result.stderr


@pytest.mark.parametrize("language", ["es-419", "haw", "fil", "en-GB", "zh-Hant-TW"])
def test_check_and_show_loading_agree_on_language_codes(show_out: Path, tmp_path: Path, language: str) -> None:
    from storyaudio.settings import Show as LoadedShow

    assert LoadedShow.from_dict({"show": {"language": language}}).language == language
    broken = tmp_path / "out"
    shutil.copytree(show_out, broken)
    feed = broken / "feed.xml"
    feed.write_text(feed.read_text().replace("<language>en</language>", f"<language>{language}</language>", 1))
    assert "language" not in {p.rule for p in check_show(broken)}


def scripted_jetty(tmp_path: Path, engine: storyaudio.Engine) -> tuple[storyaudio.Story, storyaudio.Script, list]:
    """A one-sentence story read, scripted and synthesised by the library's stages."""
    story_file = tmp_path / "story.md"
    story_file.write_text("# The jetty\n\nThe water was still.\n")
    story = storyaudio.read_story(story_file)
    script = storyaudio.write_script(story)
    return story, script, storyaudio.synthesize(script.segments, engine)


def test_the_library_publishes_an_episode_assembled_stage_by_stage(tmp_path: Path, engine) -> None:
    story, script, clips = scripted_jetty(tmp_path, engine)
    out = tmp_path / "output"
    folder = out / "episodes" / story.slug  # assembled in place, as docs/library.md does
    episode = storyaudio.assemble(script, clips, folder, album="My show", guid="ep-1",
                                  pub_date="Sat, 14 Mar 2026 12:00:00 +0000")
    catalog = storyaudio.publish_episode(out, Show(title="My show"), episode, folder)
    assert [e.slug for e in catalog] == [story.slug]
    items = feedparser.parse((out / "feed.xml").read_bytes()).entries
    assert [item.title for item in items] == [story.title]
    assert (folder / "index.html").is_file() and (folder / f"{story.slug}.mp3").is_file()
    staged = tmp_path / "elsewhere"  # or assembled anywhere, and moved in
    episode = storyaudio.assemble(script, clips, staged, album="My show", guid="ep-2",
                                  pub_date="Sun, 15 Mar 2026 12:00:00 +0000")
    storyaudio.publish_episode(out, Show(title="My show"), episode, staged)
    assert not staged.exists() and len(feedparser.parse((out / "feed.xml").read_bytes()).entries) == 1


def test_two_first_builds_of_one_story_publish_one_guid(tmp_path: Path, engine) -> None:
    """Both planned the episode as new and made a guid; the second to publish takes the first's."""
    _, script, clips = scripted_jetty(tmp_path, engine)
    out = tmp_path / "output"
    first = storyaudio.assemble(script, clips, tmp_path / "a", album="My show", guid="guid-of-the-first",
                                pub_date="Sat, 14 Mar 2026 12:00:00 +0000")
    second = storyaudio.assemble(script, clips, tmp_path / "b", album="My show", guid="guid-of-the-second",
                                 pub_date="Sat, 14 Mar 2026 12:00:01 +0000")
    storyaudio.publish_episode(out, Show(title="My show"), first, tmp_path / "a")
    (published,) = storyaudio.publish_episode(out, Show(title="My show"), second, tmp_path / "b")
    assert (published.guid, published.pub_date) == ("guid-of-the-first", "Sat, 14 Mar 2026 12:00:00 +0000")
    assert [entry.id for entry in feedparser.parse((out / "feed.xml").read_bytes()).entries] == ["guid-of-the-first"]


def test_plain_text_fields_cannot_be_mistaken_for_markup_and_html_is_cdata(built: Built) -> None:
    """The W3C Feed Validator's two warnings, checked directly: plain-text elements hold no
    ``&amp;``/``&lt;`` a reader could render as HTML, and content:encoded is one CDATA section."""
    import dataclasses
    import xml.etree.ElementTree as ET

    from storyaudio.publish.feed import write_feed

    episode = dataclasses.replace(built.episodes[0], title="Salt & <Bread> ]]> end",
                                  description="Tom & Jerry <3, and a ]]> to break CDATA")
    text = write_feed(SHOW, [episode])
    for tag in ("title", "description", "itunes:author", "itunes:name"):
        for value in re.findall(rf"<{tag}>(.*?)</{tag}>", text, re.S):
            assert "&amp;" not in value and "&lt;" not in value and "<" not in value, (tag, value)
    assert "Salt &#38; &#60;Bread&#62; ]]&#62; end" in text
    encoded = re.findall(r"<content:encoded>(.*?)</content:encoded>", text, re.S)
    assert encoded and all(value.startswith("<![CDATA[") and value.endswith("]]>") for value in encoded)
    root = ET.fromstring(text.encode())
    item = root.find("channel/item")
    assert item.findtext("title") == "Salt & <Bread> ]]> end"  # the same text, read back
    html = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert html == ("<p>Tom &amp; Jerry &lt;3, and a ]]&gt; to break CDATA</p>"
                    "<p>Read by a synthetic voice: Piper en_US-joe-medium (CC0).</p>")
    assert root.find("channel").findtext("title") == SHOW.title
    parsed = feedparser.parse(text)
    assert parsed.entries[0].title == "Salt & <Bread> ]]> end" and not parsed.bozo


def test_episode_artwork_in_the_feed_is_1400_to_3000_pixels_square(built: Built, tmp_path: Path) -> None:
    from PIL import Image

    feed = (built.out / "feed.xml").read_text()
    for episode in built.episodes:
        folder = built.out / "episodes" / episode.slug
        assert f"episodes/{episode.slug}/artwork.jpg" in feed
        with Image.open(folder / "artwork.jpg") as artwork:
            assert artwork.size[0] == artwork.size[1] and 1400 <= artwork.size[0] <= 3000
        with Image.open(folder / "cover.jpg") as cover:  # the one in the MP3 and on the pages stays small
            assert max(cover.size) <= 800
    broken = tmp_path / "broken"
    shutil.copytree(built.out, broken)
    shutil.copy(broken / "episodes/bread-salt/cover.jpg", broken / "episodes/bread-salt/artwork.jpg")
    problems = [str(p) for p in check_show(broken) if p.rule == "artwork"]
    assert len(problems) == 1 and "must be 1400 to 3000 pixels wide" in problems[0]


def test_the_embed_snippet_is_absolute_with_base_url_and_says_why_without(built: Built, tmp_path: Path) -> None:
    import html

    from storyaudio.publish.pages import render_episode_page

    episode = next(e for e in built.episodes if e.slug == "bread-salt")
    page = html.unescape(render_episode_page(SHOW, episode))
    assert '<iframe src="https://stories.charity.org.uk/audio/episodes/bread-salt/embed.html"' in page
    assert "set <code>base_url</code>" not in page
    local = html.unescape(render_episode_page(Show(), episode))
    assert "This code works on this site only: set <code>base_url</code> in the show file" in local
    result = subprocess.run([sys.executable, "-m", "storyaudio", "build", str(DATA / "plain.txt"), "-o",
                             str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert "the embed snippet works only on this site" in result.stderr


def test_an_episode_built_before_feed_artwork_gets_one_when_the_show_is_published(built: Built,
                                                                                   tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "out"
    shutil.copytree(built.out, out)
    (out / "episodes/bread-salt/artwork.jpg").unlink()  # as an older storyaudio left it
    storyaudio.publish(out, SHOW)
    with Image.open(out / "episodes/bread-salt/artwork.jpg") as artwork:
        assert artwork.size == (1400, 1400)
    assert [p for p in check_show(out) if p.rule == "artwork"] == []
