"""Publish stage: regenerate the feed and the site from the whole catalog."""

from __future__ import annotations

import logging
from pathlib import Path

from ..atomic import atomic_write
from ..models import Episode
from ..show import Show
from .catalog import episode_dir, load_catalog, load_episode, save_episode
from .feed import FEED_FILE, write_feed
from .pages import render_episode_page, render_show_page, stylesheet

__all__ = ["load_catalog", "load_episode", "publish", "save_episode", "write_feed"]

log = logging.getLogger(__name__)


def publish(out: Path, show: Show) -> list[Episode]:
    """Write ``feed.xml``, ``index.html`` and every episode page in *out*; return the catalog."""
    episodes = load_catalog(out)
    for episode in episodes:
        atomic_write(episode_dir(out, episode.slug) / "index.html", render_episode_page(show, episode))
    atomic_write(out / "style.css", stylesheet())
    atomic_write(out / FEED_FILE, write_feed(show, episodes))
    atomic_write(out / "index.html", render_show_page(show, episodes))
    return episodes
