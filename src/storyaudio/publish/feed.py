"""The podcast feed: RSS 2.0 with the iTunes namespace.

Built with ElementTree, so every value is escaped by a real XML writer and
story text can never become markup.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import quote

from ..models import Episode
from ..show import Show

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
NAMESPACES = {"itunes": ITUNES, "atom": ATOM}
FEED_FILE = "feed.xml"
GENERATOR = "storyaudio"

for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def site_url(show: Show, path: str) -> str:
    """*path* (relative to the output folder) as a link: absolute when the show has a base URL."""
    return show.base_url + quote(path)


def write_feed(show: Show, episodes: Sequence[Episode]) -> str:
    """The feed XML for *episodes* (already in the order to list them)."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", show.title)
    _text(channel, "link", site_url(show, "index.html"))
    _text(channel, "description", show.description)
    _text(channel, "language", show.language)
    _text(channel, "generator", GENERATOR)
    if show.base_url:
        ET.SubElement(channel, f"{{{ATOM}}}link", {
            "href": site_url(show, FEED_FILE), "rel": "self", "type": "application/rss+xml",
        })
    _text(channel, f"{{{ITUNES}}}author", show.author)
    _text(channel, f"{{{ITUNES}}}explicit", "true" if show.explicit else "false")
    ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": show.category})
    _text(channel, f"{{{ITUNES}}}type", "episodic")
    for episode in episodes:
        _item(channel, show, episode)
    ET.indent(rss, space="  ")
    return ET.tostring(rss, encoding="unicode", xml_declaration=False).join(
        ['<?xml version="1.0" encoding="UTF-8"?>\n', "\n"]
    )


def _item(channel: ET.Element, show: Show, episode: Episode) -> None:
    item = ET.SubElement(channel, "item")
    folder = f"episodes/{episode.slug}/"
    _text(item, "title", episode.title)
    _text(item, "link", site_url(show, folder + "index.html"))
    if episode.description:
        _text(item, "description", episode.description)
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
    _text(item, f"{{{ITUNES}}}episodeType", "full")


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = _xml_safe(value)
    return element


def _xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry at all (control characters)."""
    return "".join(
        ch for ch in text
        if ch in "\t\n\r" or (" " <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd")
        or ch >= "\U00010000"
    )
