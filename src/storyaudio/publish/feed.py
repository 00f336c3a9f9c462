"""The podcast feed: RSS 2.0 with the iTunes, Podcasting 2.0, Atom, content and psc namespaces.

Built with ElementTree, so every value is escaped by a real XML writer and
story text can never become markup. Apps show chapters and transcripts only
when the feed points to them, so every side file is linked from its item.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import quote

from ..assemble.transcripts import vtt_timestamp
from ..layout import (
    CHAPTERS_FILE,
    EPISODE_ARTWORK_FILE,
    EPISODE_PAGE,
    FEED_FILE,
    JSON_TRANSCRIPT_FILE,
    SHOW_PAGE,
    SRT_FILE,
    VTT_FILE,
    episode_path,
)
from ..models import Episode
from ..settings import Show

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
PSC = "http://podlove.org/simple-chapters"
NAMESPACES = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM, "content": CONTENT, "psc": PSC}

GENERATOR = "storyaudio"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""The namespace the Podcasting 2.0 spec fixes for ``podcast:guid``."""

for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)



MAX_DESCRIPTION_BYTES = 4000
"""Apple's limit on a feed's descriptions; a page's long meta description is cut to fit."""


def fitted(text: str, limit: int) -> str:
    """*text* within *limit* bytes of UTF-8: cut at a word and ended with an ellipsis when longer."""
    if len(text.encode()) <= limit:
        return text
    cut = text.encode()[: limit - len("…".encode())].decode("utf-8", "ignore")
    return (cut.rsplit(None, 1)[0] if " " in cut.strip() else cut).rstrip(" ,;:.") + "…"

def site_url(show: Show, path: str) -> str:
    """*path* (relative to the output folder) as a link: absolute when the show has a base URL."""
    return show.base_url + quote(path)


def podcast_guid(feed_url: str) -> str:
    """``podcast:guid``: UUIDv5 of the feed URL without its scheme and trailing slashes."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def feed_language(show: Show, episodes: Sequence[Episode]) -> str:
    """The channel's ``<language>``: the show's, unless every episode is in one other language (a
    Spanish show left with the default ``en``), which apps then file it under. Each transcript
    carries its own episode's language."""
    spoken = {episode.language for episode in episodes}
    primaries = {language.replace("_", "-").split("-")[0].lower() for language in spoken}
    if len(spoken) == 1 and primaries != {show.language.split("-")[0].lower()}:
        return spoken.pop()
    return show.language


def write_feed(show: Show, episodes: Sequence[Episode], guid: str | None = None,
               artwork: str | None = None) -> str:
    """The feed XML for *episodes* (already in the order to list them).

    *guid* is the show's stored ``podcast:guid``; *artwork* the artwork's path
    in the output folder.
    """
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", show.title)
    _text(channel, "link", show.link or site_url(show, SHOW_PAGE))
    _text(channel, "description", show.description)
    _text(channel, "language", feed_language(show, episodes))
    if show.copyright:
        _text(channel, "copyright", show.copyright)
    _text(channel, "generator", GENERATOR)
    if show.base_url:
        ET.SubElement(channel, f"{{{ATOM}}}link", {
            "href": site_url(show, FEED_FILE), "rel": "self", "type": "application/rss+xml",
        })
    _text(channel, f"{{{ITUNES}}}author", show.author)
    if show.owner_name or show.owner_email:
        owner = ET.SubElement(channel, f"{{{ITUNES}}}owner")
        _text(owner, f"{{{ITUNES}}}name", show.owner_name or show.author)
        if show.owner_email:
            _text(owner, f"{{{ITUNES}}}email", show.owner_email)
    if artwork:
        ET.SubElement(channel, f"{{{ITUNES}}}image", {"href": site_url(show, artwork)})
    category = ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": show.category})
    if show.subcategory:
        ET.SubElement(category, f"{{{ITUNES}}}category", {"text": show.subcategory})
    _text(channel, f"{{{ITUNES}}}explicit", _bool(show.explicit))
    _text(channel, f"{{{ITUNES}}}type", show.show_type)
    if guid:
        _text(channel, f"{{{PODCAST}}}guid", guid)
    locked = _text(channel, f"{{{PODCAST}}}locked", "yes" if show.locked else "no")
    if show.owner_email:
        locked.set("owner", show.owner_email)
    _text(channel, f"{{{PODCAST}}}medium", "podcast")
    # Listeners and directories should know the narration is a synthetic voice.
    _text(channel, f"{{{PODCAST}}}txt", "true").set("purpose", "ai-content")
    for episode in episodes:
        _item(channel, show, episode)
    ET.indent(rss, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _unmistakable(rss) + "\n"


_HTML_FIELD = f"{{{CONTENT}}}encoded"


def _unmistakable(rss: ET.Element) -> str:
    """The feed's XML, written so that no reader can take plain text for markup (the W3C Feed
    Validator warns when it might): ``&``, ``<`` and ``>`` in text and attributes are numeric
    character references (``&#38;``), never ``&amp;`` or ``&lt;``, which a reader rendering
    titles as HTML would show as an entity; ``content:encoded``, the one field that is HTML,
    is a CDATA section."""
    html: list[str] = []
    for element in rss.iter(_HTML_FIELD):
        html.append(element.text or "")
        element.text = f"\x00{len(html) - 1}\x00"
    text = ET.tostring(rss, encoding="unicode")
    for entity, reference in (("&amp;", "&#38;"), ("&lt;", "&#60;"), ("&gt;", "&#62;"), ("&quot;", "&#34;")):
        text = text.replace(entity, reference)
    return re.sub("\x00(\\d+)\x00", lambda m: _cdata(html[int(m.group(1))]), text)


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _item(channel: ET.Element, show: Show, episode: Episode) -> None:
    item = ET.SubElement(channel, "item")
    folder = episode_path(episode.slug)
    # Every episode says who reads it: the attribution a CC BY voice asks for, and an honest
    # disclosure that the voice is synthetic.
    credit = " ".join(f"{line}." for line in episode.credits)
    text = episode.description or f"{episode.title}, read aloud."
    description = fitted(f"{text} {credit}" if credit else text, MAX_DESCRIPTION_BYTES)
    summary = fitted(text, MAX_DESCRIPTION_BYTES - len(credit.encode()) - 1) if credit else description
    _text(item, "title", episode.title)
    # A story read from the web links back to it; the player page links to it too.
    _text(item, "link", episode.url or site_url(show, folder + EPISODE_PAGE))
    _text(item, "description", description)
    original = (f'<p><a href="{_html_escape(episode.url)}">Read the original story</a></p>'
                if episode.url else "")
    credited = f"<p>{_html_escape(credit)}</p>" if credit else ""
    _text(item, f"{{{CONTENT}}}encoded", f"<p>{_html_escape(summary)}</p>{credited}{original}")
    ET.SubElement(item, "enclosure", {
        "url": site_url(show, folder + episode.audio_file),
        "length": str(episode.size_bytes),
        "type": "audio/mpeg",
    })
    _text(item, "guid", episode.guid).set("isPermaLink", "false")
    _text(item, "pubDate", episode.pub_date)
    _text(item, f"{{{ITUNES}}}duration", str(round(episode.duration_ms / 1000)))
    if episode.author:
        _text(item, f"{{{ITUNES}}}author", episode.author)
    _text(item, f"{{{ITUNES}}}explicit", _bool(show.explicit))
    if episode.season:
        _text(item, f"{{{ITUNES}}}season", str(episode.season))
    if episode.episode:
        _text(item, f"{{{ITUNES}}}episode", str(episode.episode))
    _text(item, f"{{{ITUNES}}}episodeType", "full")
    ET.SubElement(item, f"{{{ITUNES}}}image", {"href": site_url(show, folder + EPISODE_ARTWORK_FILE)})
    ET.SubElement(item, f"{{{PODCAST}}}chapters", {
        "url": site_url(show, folder + CHAPTERS_FILE), "type": "application/json+chapters",
    })
    for name, kind, rel in (
        (VTT_FILE, "text/vtt", "captions"),
        (SRT_FILE, "application/x-subrip", "captions"),
        (JSON_TRANSCRIPT_FILE, "application/json", None),
    ):
        attributes = {"url": site_url(show, folder + name), "type": kind, "language": episode.language}
        if rel:
            attributes["rel"] = rel
        ET.SubElement(item, f"{{{PODCAST}}}transcript", attributes)
    chapters = ET.SubElement(item, f"{{{PSC}}}chapters", {"version": "1.2"})
    for chapter in episode.chapters:
        attributes = {"start": vtt_timestamp(chapter.start_ms), "title": _xml_safe(chapter.listed_title)}
        if chapter.url:
            attributes["href"] = chapter.url
        if chapter.image:
            attributes["image"] = chapter.image if "://" in chapter.image else site_url(show, folder + chapter.image)
        ET.SubElement(chapters, f"{{{PSC}}}chapter", attributes)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    # XML parsers turn a carriage return into a newline; say so ourselves, so text round-trips.
    element.text = _xml_safe(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return element


def _xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry at all (control characters, lone surrogates)."""
    return "".join(
        ch for ch in text
        if ch in "\t\n\r" or (" " <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd")
        or ch >= "\U00010000"
    )
