"""The episode catalog: one ``episode.json`` beside each episode's audio.

The feed and the site are regenerated from the whole catalog on every build,
so building one story never drops another's episode.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from ..errors import PublishError
from ..layout import EPISODE_FILE, REMOVALS_FILE, episode_dir, episodes_dir, is_unpublished
from ..models import ChapterMark, Cue, Episode, WordTime

log = logging.getLogger(__name__)

def episode_json(episode: Episode) -> str:
    """The catalog entry's text: indented, except that each cue is one line (with its word times,
    a long episode's cues would otherwise take a line per number)."""
    data = asdict(episode)
    cues = data.pop("cues")
    text = json.dumps(data, indent=2, ensure_ascii=False)
    lines = ",\n    ".join(json.dumps(cue, ensure_ascii=False) for cue in cues)
    return f'{text[:-2]},\n  "cues": [\n    {lines}\n  ]\n}}\n' if cues else f'{text[:-2]},\n  "cues": []\n}}\n'



def save_episode(out: Path, episode: Episode) -> None:
    """Record *episode* in the catalog (written last, after its audio and transcript)."""
    atomic_write(episode_dir(out, episode.slug) / EPISODE_FILE, episode_json(episode))


def publication_order(episode: Episode) -> tuple[float, str]:
    """Newest publication first, then by slug: the order of the feed and the show page."""
    from email.utils import parsedate_to_datetime

    return (-parsedate_to_datetime(episode.pub_date).timestamp(), episode.slug)


def load_episode(out: Path, slug: str) -> Episode | None:
    """The catalog entry for *slug*, or ``None`` when it has never been built."""
    path = episode_dir(out, slug) / EPISODE_FILE
    if not path.is_file():
        return None
    return _read(path)


def load_catalog(out: str | os.PathLike[str]) -> list[Episode]:
    """Every episode in *out*, newest publication first, then by slug."""
    folder = episodes_dir(Path(out))
    if not folder.is_dir():
        return []
    episodes = [_read(path) for path in sorted(folder.glob(f"*/{EPISODE_FILE}"))
                if not is_unpublished(path.parent)]
    return sorted(episodes, key=publication_order)


def _cue(data: dict[str, Any]) -> Cue:
    """A cue from episode.json, its word times (stored as lists) made :class:`WordTime` again."""
    words = tuple(WordTime(*map(int, word)) for word in data.pop("words", ()))
    return Cue(**data, words=words)


def _read(path: Path) -> Episode:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        data["chapters"] = tuple(ChapterMark(**c) for c in data["chapters"])
        data["cues"] = tuple(_cue(c) for c in data["cues"])
        return Episode(**data)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PublishError(f"{path}: damaged catalog entry ({error}); rebuild that story") from None


def load_removals(out: Path) -> list[dict[str, str]]:
    """The episodes removed with ``storyaudio remove``: each one's slug, source file and page."""
    try:
        data = json.loads((out / REMOVALS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [entry for entry in data if isinstance(entry, dict)] if isinstance(data, list) else []


def remember_removal(out: Path, episode: Episode) -> None:
    """Keep *episode*'s source and page as removed, so a folder or feed build does not bring it back."""
    entries = [e for e in load_removals(out) if e.get("slug") != episode.slug]
    entries.append({"slug": episode.slug, "source": episode.source or "", "url": episode.url or ""})
    atomic_write(out / REMOVALS_FILE, json.dumps(entries, indent=2) + "\n")


def forget_removal(out: Path, source: str | None = None, url: str | None = None) -> None:
    """A removed story built again by name is wanted again: take it off the list."""
    entries = load_removals(out)
    kept = [e for e in entries if not ((source and e.get("source") == source) or (url and e.get("url") == url))]
    if len(kept) != len(entries):
        atomic_write(out / REMOVALS_FILE, json.dumps(kept, indent=2) + "\n")
