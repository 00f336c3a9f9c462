"""``storyaudio check``: test a built show against the rules podcast apps enforce.

Each rule has a short name; a problem says which rule it breaks and where.
The rules come from Apple's feed requirements and the Podcasting 2.0
namespace: the feed's tags and values, the artwork, the enclosures' sizes
and durations, and the chapter and transcript files with their times.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

from mutagen import MutagenError

from ..assemble.mp3frames import mp3_seconds
from ..assemble.transcripts import vtt_timestamp
from ..categories import category_problem
from ..errors import PublishError
from ..ffmpeg import DecodeReport, stream_pcm
from ..layout import FEED_FILE, PUBLISH_JOURNAL, SHOW_STATE_FILE, episode_dir
from ..models import Episode
from ..settings import EMAIL, STARTER_STORY_TITLE, language_problem, placeholder_host, starter_values
from .artwork import artwork_problem
from .catalog import load_episode
from .feed import ATOM, ITUNES, MAX_DESCRIPTION_BYTES, NAMESPACES, PODCAST, PSC

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_USED_ONLY = ("psc", "atom")
"""Namespaces a feed needs to declare only when it uses them (atom:link needs a base_url)."""


@dataclass(frozen=True)
class Problem:
    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message} [{self.rule}]"


def check_show(out: str | os.PathLike[str]) -> list[Problem]:
    """Every rule the built show in *out* breaks (an empty list for a good build)."""
    checker = _Checker(Path(out))
    checker.run()
    return checker.problems


class _Checker:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.problems: list[Problem] = []
        self.base_url = ""

    def problem(self, rule: str, where: str, message: str) -> None:
        self.problems.append(Problem(rule, where, message))

    def run(self) -> None:
        if (self.out / PUBLISH_JOURNAL).exists():
            self.problem("interrupted", str(self.out), "a build was stopped while publishing; "
                                                       "the next storyaudio build into this folder finishes it")
        feed = self.out / FEED_FILE
        try:
            raw = feed.read_bytes()
            root = ET.fromstring(raw)
        except FileNotFoundError:
            self.problem("feed-exists", str(feed), "no feed; run storyaudio build first")
            return
        except ET.ParseError as error:
            self.problem("well-formed", str(feed), f"not well-formed XML ({error})")
            return
        if not raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
            self.problem("xml-declaration", str(feed), "must start with the UTF-8 XML declaration")
        self.check_namespaces(raw.decode("utf-8", "replace"))
        channels = root.findall("channel")
        if root.tag != "rss" or root.get("version") != "2.0" or len(channels) != 1:
            self.problem("rss-channel", str(feed), "must be <rss version=\"2.0\"> with exactly one <channel>")
            return
        self.check_channel(channels[0])
        items = channels[0].findall("item")
        if not items:
            self.problem("has-items", "channel", "the feed has no episodes")
        guids: set[str] = set()
        enclosures: set[str] = set()
        for index, item in enumerate(items, start=1):
            self.check_item(item, f"item {index}", guids, enclosures, channels[0])

    def check_placeholders(self, channel: ET.Element, where: str) -> None:
        """Addresses no real show has (``example.org``, ``.test``, ``localhost``) and values still as
        ``storyaudio init`` wrote them: a feed that passes every rule but is not the team's yet."""
        owner = channel.find(f"{{{ITUNES}}}owner")
        email = (owner.findtext(f"{{{ITUNES}}}email") if owner is not None else None) or ""
        addresses = [("base_url", self.base_url), ("link", channel.findtext("link") or "")]
        for setting, url in addresses:
            host = urlparse(url).hostname or ""
            if host and placeholder_host(host) and not (setting == "link" and url.startswith(self.base_url or "\0")):
                self.problem("placeholder", where, f"{setting} {url} is a placeholder address: set [show] {setting} "
                                                   "in storyaudio.toml to the address the site is published at")
        if "@" in email and placeholder_host(email.rpartition("@")[2]):
            self.problem("placeholder", where, f"owner_email {email} is a placeholder address: set [show] "
                                               "owner_email to the address Apple should write to")
        values = {
            "title": channel.findtext("title"), "description": channel.findtext("description"),
            "author": channel.findtext(f"{{{ITUNES}}}author"), "copyright": channel.findtext("copyright"),
            "owner_name": owner.findtext(f"{{{ITUNES}}}name") if owner is not None else None,
        }
        starter = starter_values()
        for setting, value in values.items():
            if value is not None and value == starter.get(setting):
                self.problem("placeholder", where, f"{setting} is still the starter {value!r}: set [show] "
                                                   f"{setting} in storyaudio.toml")

    def check_namespaces(self, text: str) -> None:
        opening = text[text.find("<rss"):text.find(">", text.find("<rss"))]
        for prefix, uri in NAMESPACES.items():
            declared = f'xmlns:{prefix}="{uri}"'
            if declared not in opening and (prefix not in _USED_ONLY or f"<{prefix}:" in text):
                self.problem("namespaces", "rss", f"missing {declared}")

    def check_channel(self, channel: ET.Element) -> None:
        where = "channel"
        title = channel.findtext("title") or ""
        if not title.strip() or len(title) > 255:
            self.problem("channel-title", where, "title must be 1 to 255 characters")
        description = channel.findtext("description") or ""
        if not description.strip() or len(description.encode()) > MAX_DESCRIPTION_BYTES:
            self.problem("channel-description", where, f"description must be 1 to {MAX_DESCRIPTION_BYTES} bytes")
        language = channel.findtext("language") or ""
        if problem := language_problem(language):
            self.problem("language", where, problem)
        self_link = channel.find(f"{{{ATOM}}}link[@rel='self']")
        if self_link is None:
            self.problem("atom-self", where, "no atom:link rel=\"self\"; set base_url in storyaudio.toml")
        else:
            self.base_url = (self_link.get("href") or "").rsplit(FEED_FILE, 1)[0]
            if self_link.get("type") != "application/rss+xml":
                self.problem("atom-self", where, "atom:link rel=\"self\" needs type=\"application/rss+xml\"")
        link = channel.findtext("link") or ""
        if not link.startswith(("https://", "http://")):
            self.problem("channel-link", where, f"link {link!r} is not an absolute URL")
        self.check_artwork(channel.find(f"{{{ITUNES}}}image"), where, required=True)
        category = channel.find(f"{{{ITUNES}}}category")
        if category is None:
            self.problem("category", where, "no itunes:category")
        else:
            sub = category.find(f"{{{ITUNES}}}category")
            issue = category_problem(category.get("text", ""), sub.get("text", "") if sub is not None else "")
            if issue:
                self.problem("category", where, issue)
        if channel.findtext(f"{{{ITUNES}}}explicit") not in ("true", "false"):
            self.problem("explicit", where, "itunes:explicit must be true or false")
        if not (channel.findtext(f"{{{ITUNES}}}author") or "").strip():
            self.problem("author", where, "no itunes:author")
        owner = channel.find(f"{{{ITUNES}}}owner")
        email = owner.findtext(f"{{{ITUNES}}}email") if owner is not None else None
        if owner is None or not owner.findtext(f"{{{ITUNES}}}name") or not EMAIL.match(email or ""):
            self.problem("owner", where, "itunes:owner needs a name and a valid e-mail (owner_email)")
        show_type = channel.findtext(f"{{{ITUNES}}}type")
        if show_type not in ("episodic", "serial"):
            self.problem("type", where, "itunes:type must be episodic or serial")
        if show_type == "serial" and any(i.find(f"{{{ITUNES}}}episode") is None for i in channel.findall("item")):
            self.problem("serial-episodes", where, "a serial show needs itunes:episode on every item")
        self.check_podcast_guid(channel.findtext(f"{{{PODCAST}}}guid"), where)
        self.check_placeholders(channel, where)
        if channel.findtext(f"{{{PODCAST}}}locked") not in ("yes", "no"):
            self.problem("locked", where, "podcast:locked must be yes or no")
        if channel.findtext(f"{{{PODCAST}}}medium") != "podcast":
            self.problem("medium", where, "podcast:medium must be podcast")

    def check_podcast_guid(self, guid: str | None, where: str) -> None:
        if not guid:
            self.problem("podcast-guid", where, "no podcast:guid; set base_url in storyaudio.toml "
                                                "(the guid is made from the feed's address)")
            return
        if not _UUID.match(guid):
            self.problem("podcast-guid", where, f"podcast:guid {guid!r} is not a UUID")
            return
        state = self.out / SHOW_STATE_FILE
        if not state.is_file():
            return
        try:
            stored = json.loads(state.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # UnicodeDecodeError is a ValueError too
            stored = None
        if not isinstance(stored, dict):
            self.problem("podcast-guid", where, f"{SHOW_STATE_FILE} is damaged; it holds the show's "
                                                "podcast:guid: restore it from a backup")
        elif stored.get("podcast_guid") != guid:
            self.problem("podcast-guid", where, f"podcast:guid differs from the one stored in {SHOW_STATE_FILE}")

    def check_artwork(self, image: ET.Element | None, where: str, required: bool) -> None:
        if image is None:
            if required:
                self.problem("artwork", where, "no itunes:image; set artwork in storyaudio.toml")
            return
        href = image.get("href", "")
        if not href.startswith(("https://", "http://")) or not href.lower().endswith((".jpg", ".png")):
            self.problem("artwork", where, f"itunes:image {href!r} must be an absolute .jpg or .png URL")
        local = self.local(href)
        if local is not None and (issue := artwork_problem(local)):  # the show's and each episode's
            self.problem("artwork", where, issue)

    def check_item(self, item: ET.Element, where: str, guids: set[str], enclosures: set[str],
                   channel: ET.Element) -> None:
        title = item.findtext("title") or ""
        where = f"{where} ({title[:40]})"
        if not title.strip():
            self.problem("item-title", where, "empty title")
        if title == STARTER_STORY_TITLE:
            self.problem("placeholder", where, "the sample story from storyaudio init is published: take it out "
                                               "with storyaudio remove")
        description = item.findtext("description") or ""
        if len(description.encode()) > MAX_DESCRIPTION_BYTES:
            self.problem("item-description", where, f"description is over {MAX_DESCRIPTION_BYTES} bytes")
        self.check_artwork(item.find(f"{{{ITUNES}}}image"), where, required=False)
        guid = item.findtext("guid") or ""
        if not guid or guid in guids:
            self.problem("guid", where, "guid missing or not unique")
        guids.add(guid)
        enclosure = item.find("enclosure")
        duration_s: float | None = None
        if enclosure is None or enclosure.get("type") != "audio/mpeg":
            self.problem("enclosure", where, "needs an enclosure of type audio/mpeg")
        else:
            url = enclosure.get("url", "")
            if url in enclosures or not url.isascii() or not url.endswith(".mp3"):
                self.problem("enclosure", where, "enclosure URL must be unique, ASCII and end .mp3")
            enclosures.add(url)
            mp3 = self.local(url)
            if mp3 is None or not mp3.is_file():
                self.problem("enclosure", where, f"enclosure file for {url!r} is missing")
            else:
                if str(mp3.stat().st_size) != enclosure.get("length"):
                    self.problem("enclosure-length", where,
                                 f"length {enclosure.get('length')} is not the file's {mp3.stat().st_size} bytes")
                try:
                    duration_s = mp3_seconds(mp3)
                except MutagenError:
                    self.problem("enclosure", where, f"{mp3.name} is not an MP3 a player can read")
                    duration_s = None
                self.check_audio(mp3, where)
                stated = item.findtext(f"{{{ITUNES}}}duration") or ""
                if duration_s is not None and (not stated.isdigit() or abs(int(stated) - round(duration_s)) > 1):
                    self.problem("duration", where, f"itunes:duration {stated!r} is not the file's "
                                                    f"{round(duration_s)} seconds")
        try:
            date = parsedate_to_datetime(item.findtext("pubDate") or "")
            if date.tzinfo is None:
                raise ValueError
        except (TypeError, ValueError):
            self.problem("pubdate", where, "pubDate must be an RFC 2822 date with a time zone")
        for tag in ("episode", "season"):
            value = item.findtext(f"{{{ITUNES}}}{tag}")
            if value is not None and not (value.isdigit() and int(value) > 0):
                self.problem(tag, where, f"itunes:{tag} must be a positive whole number")
        if item.findtext(f"{{{ITUNES}}}episodeType") not in (None, "full", "trailer", "bonus"):
            self.problem("episode-type", where, "itunes:episodeType must be full, trailer or bonus")
        self.check_chapters(item, where, duration_s)
        self.check_transcripts(item, where, duration_s)

    def check_chapters(self, item: ET.Element, where: str, duration_s: float | None) -> None:
        element = item.find(f"{{{PODCAST}}}chapters")
        if element is None:
            self.problem("chapters", where, "no podcast:chapters")
            return
        if element.get("type") != "application/json+chapters":
            self.problem("chapters", where, "podcast:chapters type must be application/json+chapters")
        path = self.local(element.get("url", ""))
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path else None
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("version"), str) or not isinstance(
                data.get("chapters"), list):
            self.problem("chapters", where, "chapters file missing or not JSON chapters")
            return
        if not all(isinstance(c, dict) for c in data["chapters"]):
            self.problem("chapters", where, "each chapter in the chapters file must be an object")
            return
        starts = [c.get("startTime") for c in data["chapters"]]
        if not all(isinstance(s, (int, float)) and not isinstance(s, bool) and s >= 0 for s in starts) \
                or starts != sorted(starts):
            self.problem("chapters", where, "chapter startTimes must be numbers >= 0 in order")
            return  # the comparison below needs the times
        if duration_s is not None and starts and starts[-1] >= duration_s:
            self.problem("chapters", where, "a chapter starts after the audio ends")
        psc = [(c.get("start"), c.get("title")) for c in item.iter(f"{{{PSC}}}chapter")]
        json_chapters = [(vtt_timestamp(round(c["startTime"] * 1000)), c.get("title")) for c in data["chapters"]]
        if psc != json_chapters:
            self.problem("psc-chapters", where, "psc:chapters differ from the JSON chapters")

    def check_transcripts(self, item: ET.Element, where: str, duration_s: float | None) -> None:
        kinds = {"text/vtt", "application/x-subrip", "application/json", "text/html", "text/plain"}
        transcripts = item.findall(f"{{{PODCAST}}}transcript")
        if not transcripts:
            self.problem("transcript", where, "no podcast:transcript")
        for element in transcripts:
            kind = element.get("type", "")
            if kind not in kinds:
                self.problem("transcript", where, f"transcript type {kind!r} is not allowed")
            path = self.local(element.get("url", ""))
            if path is None or not path.is_file():
                self.problem("transcript", where, f"transcript file {element.get('url')!r} is missing")
                continue
            if kind == "text/vtt":
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    self.problem("transcript", where, f"VTT transcript {path.name} is not UTF-8 text")
                    continue
                if not text.startswith("WEBVTT"):
                    self.problem("transcript", where, "VTT transcript must start with WEBVTT")
                ends = [_seconds(m) for m in re.findall(r"--> (\d\d:\d\d:\d\d\.\d{3})", text)]
                if duration_s is not None and ends and max(ends) > duration_s + 0.05:
                    self.problem("transcript-times", where, "a VTT cue ends after the audio")

    def check_audio(self, mp3: Path, where: str) -> None:
        """Decode the published MP3 from end to end (a block at a time) and compare what it holds
        with what was built (``episode.json``): a file damaged, cut short or overwritten since is
        reported, though its header still claims the full length."""
        built = _built_episode(self.out, mp3)
        report = DecodeReport()
        for _ in stream_pcm(mp3, CHECK_RATE, report, block_s=60.0):
            pass
        heard_s = report.samples / CHECK_RATE
        expected_s = built.duration_ms / 1000 if built else None
        fix = "delete it and run storyaudio build to make it again"
        if report.failed or not report.samples:
            reason = report.errors[-1] if report.errors else "no audio"
            self.problem("audio", where, f"{mp3.name} does not decode ({reason[:100]}); {fix}")
        elif expected_s is not None and abs(heard_s - expected_s) > max(0.5, expected_s * 0.005):
            self.problem("audio", where, f"{mp3.name} decodes to {heard_s:.1f} s of audio, not the {expected_s:.1f} s "
                                         f"built ({len(report.errors)} decoding errors): it is damaged; {fix}")
        elif report.errors:
            self.problem("audio", where, f"{mp3.name} has {len(report.errors)} decoding errors "
                                         f"({report.errors[0][:80]}); {fix}")

    def local(self, url: str) -> Path | None:
        """The file in the output folder that *url* points to, or None when it points elsewhere."""
        if self.base_url and url.startswith(self.base_url):
            relative = url[len(self.base_url):]
        elif not urlparse(url).scheme:
            relative = url
        else:
            return None
        path = (self.out / unquote(relative)).resolve()
        return path if path.is_relative_to(self.out.resolve()) else None


CHECK_RATE = 8_000
"""Samples a second the check decodes to: enough to count every frame, and cheap."""


def _built_episode(out: Path, mp3: Path) -> Episode | None:
    """The catalog entry of the episode whose MP3 *mp3* is (None when there is none)."""
    try:
        episode = load_episode(out, mp3.parent.name)
    except PublishError:
        return None
    if episode is None or (episode_dir(out, episode.slug) / episode.audio_file).resolve() != mp3.resolve():
        return None
    return episode


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
