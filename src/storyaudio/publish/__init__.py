"""Publish stage: regenerate the feed and the site from the whole catalog.

Everything here runs under the output folder's lock, so two builds into one
output never lose each other's episode: each records its episode and
regenerates the feed from every episode recorded so far.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sys
import types
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from filelock import FileLock

from ..assemble.cover import artwork_from_cover
from ..atomic import AtomicBatch, finish_commit, release_working_folder, remove_abandoned
from ..errors import PublishError
from ..layout import (
    ASSETS,
    CHAPTER_PICTURE_FILE,
    COVER_FILE,
    DEFAULT_ARTWORK,
    EMBED_PAGE,
    EPISODE_ARTWORK_FILE,
    EPISODE_FILE,
    EPISODE_PAGE,
    FEED_FILE,
    LOCK_FILE,
    PUBLISH_JOURNAL,
    SHOW_PAGE,
    SHOW_STATE_FILE,
    STAGING_PREFIX,
    episode_dir,
    episodes_dir,
    is_unpublished,
    removed_dir,
)
from ..models import Episode
from ..settings import Show, show_relative
from .artwork import artwork_name, default_artwork
from .catalog import (
    episode_json,
    forget_removal,
    load_catalog,
    load_episode,
    load_removals,
    publication_order,
    remember_removal,
    save_episode,
)
from .feed import podcast_guid, site_url, write_feed
from .pages import (
    asset,
    page_is_current,
    page_stamp,
    render_embed_page,
    render_episode_page,
    render_show_page,
)

__all__ = ["forget_removal", "load_catalog", "load_episode", "load_removals", "output_lock", "publish",
           "publish_episode", "remove_episode", "save_episode", "write_feed"]

log = logging.getLogger(__name__)

@contextlib.contextmanager
def output_lock(out: Path, timeout_s: float = 600) -> Iterator[None]:
    """Hold the output folder's lock (another build waits for it, up to *timeout_s*)."""
    out.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out / LOCK_FILE), timeout=timeout_s)
    with lock:
        yield


def publish(out: str | os.PathLike[str], show: Show, staged: Sequence[tuple[Episode, Path]] = ()) -> list[Episode]:
    """Write ``feed.xml``, ``index.html`` and every episode page in *out*; return the catalog.

    *staged* are new episodes with the folders they were assembled in: their
    files are moved in together with the new feed and pages. Everything is
    rendered and written to temporary names first; then all of it is renamed
    into place within a few milliseconds, so a build stopped at any other
    moment leaves the show exactly as it was. One stopped inside those
    milliseconds leaves a journal (:data:`PUBLISH_JOURNAL`), and the next
    publish completes its renames first. The caller holds :func:`output_lock`.
    """
    out = Path(out)
    if finish_commit(out / PUBLISH_JOURNAL):
        log.warning("%s: finished publishing what an interrupted build had begun", out)
    _remove_what_killed_builds_left(out, {staging for _, staging in staged})
    episodes = {episode.slug: _with_real_size(out, episode) for episode in load_catalog(out)}
    staged = [(_known_identity(episodes.get(episode.slug), episode), staging) for episode, staging in staged]
    episodes.update({episode.slug: episode for episode, _ in staged})
    ordered = sorted(episodes.values(), key=publication_order)
    batch = AtomicBatch()
    stale: list[Path] = []
    try:
        for episode, staging in staged:
            final = episode_dir(out, episode.slug)
            names = {file.name for file in staging.iterdir() if not file.name.endswith(".tmp")}
            if not _same_folder(staging, final):  # else assembled in place: nothing to move
                for name in sorted(names):
                    batch.move(staging / name, final / name)
            # Chapter pictures a rebuilt episode no longer has go once the new files are in.
            stale += [old for old in final.glob(CHAPTER_PICTURE_FILE.format("*")) if old.name not in names]
            batch.write(final / EPISODE_FILE, episode_json(episode))  # the catalog entry last
        artwork = _publish_artwork(batch, out, show)
        guid = _stored_podcast_guid(batch, out, show)
        stamp = page_stamp(show, artwork)
        fresh = {episode.slug for episode, _ in staged}
        for episode in ordered:
            if episode.slug not in fresh:  # a fresh one brings its own, moved in at commit
                _ensure_episode_artwork(batch, episode_dir(out, episode.slug))
            page = episode_dir(out, episode.slug) / EPISODE_PAGE
            if episode.slug in fresh or not page_is_current(page, stamp, episode):
                batch.write(page, render_episode_page(show, episode, stamp))
                batch.write(page.with_name(EMBED_PAGE), render_embed_page(show, episode))
        for name in ASSETS:
            batch.write(out / name, asset(name))
        batch.write(out / FEED_FILE, write_feed(show, ordered, guid=guid, artwork=artwork))
        batch.write(out / SHOW_PAGE, render_show_page(show, ordered, artwork=artwork))
        batch.commit(journal=out / PUBLISH_JOURNAL)
    except BaseException:
        batch.discard()
        raise
    for old in stale:
        old.unlink(missing_ok=True)
    for episode, staging in staged:
        if not _same_folder(staging, episode_dir(out, episode.slug)):
            release_working_folder(staging)
    return ordered


def _ensure_episode_artwork(batch: AtomicBatch, folder: Path) -> None:
    """Give an episode built before the feed's 1400 px artwork existed one, made from its cover,
    so the feed never points to a missing picture (the next rebuild makes it from the original)."""
    artwork, cover = folder / EPISODE_ARTWORK_FILE, folder / COVER_FILE
    if not artwork.is_file() and cover.is_file():
        batch.write(artwork, artwork_from_cover(cover.read_bytes()))


def _remove_what_killed_builds_left(out: Path, keep: set[Path]) -> None:
    """Staging folders no running build holds, and temporary files of interrupted writes in the
    published folders: never served, uploaded or published. Called under the output lock."""
    folders = [folder for folder in episodes_dir(out).glob(f"{STAGING_PREFIX}*")
               if folder.is_dir() and folder not in keep]
    published = [out, *(folder for folder in episodes_dir(out).glob("*") if not is_unpublished(folder))]
    temporaries = [path for folder in published for path in folder.glob(".*.tmp")]
    if removed := remove_abandoned(folders, temporaries):
        log.info("%s: removed %d file(s) and folder(s) that interrupted builds left", out, removed)


def _same_folder(first: Path, second: Path) -> bool:
    return first.resolve() == second.resolve()



def publish_episode(out: str | os.PathLike[str], show: Show, episode: Episode,
                    folder: str | os.PathLike[str]) -> list[Episode]:
    """Publish *episode*, assembled into *folder*, in the show at *out*; return the catalog.

    What :func:`storyaudio.assemble` returns is what this takes: the episode's
    files are moved from *folder* into the output (or kept, when *folder* is
    already its episode folder there), recorded in the catalog, and the feed
    and pages regenerated, all under the output's lock.
    """
    out, folder = Path(out), Path(folder)
    with output_lock(out):
        return publish(out, show, [(episode, folder)])


def _known_identity(published: Episode | None, episode: Episode) -> Episode:
    """*episode* with the guid and date the catalog already gives its slug.

    Identity is decided here, under the output lock, from the catalog as it is
    now: two first builds of the same new story at once each made a guid,
    and the second to publish takes the first's, so podcast apps never see
    the episode twice.
    """
    if published is None or published.guid == episode.guid:
        return episode
    return replace(episode, guid=published.guid, pub_date=published.pub_date)


def _with_real_size(out: Path, episode: Episode) -> Episode:
    """The enclosure length must be the file's size; trust the file over the catalog."""
    try:
        size = (episode_dir(out, episode.slug) / episode.audio_file).stat().st_size
    except OSError:
        return episode
    return episode if size == episode.size_bytes else replace(episode, size_bytes=size)


def remove_episode(out: str | os.PathLike[str], slug: str, show: Show, remember: bool = True) -> Episode:
    """Take the episode *slug* out of the catalog, its files, the feed and the site; return it.

    With *remember*, its source file and page are kept as removed, so a build of its folder or
    feed does not bring it back (building the file or page by name does)."""
    out = Path(out)
    folder = episode_dir(out, slug)
    if not slug or "/" in slug or slug.startswith(".") or not (folder / EPISODE_FILE).is_file():
        known = ", ".join(e.slug for e in load_catalog(out)) or "none"
        raise PublishError(f"{out}: no episode {slug!r} to remove (episodes: {known})")
    episode = load_episode(out, slug)
    with output_lock(out):
        if remember and episode is not None:
            remember_removal(out, episode)
        # Out of the catalog first (rename is atomic), then the files.
        trash = removed_dir(out, slug)
        shutil.rmtree(trash, ignore_errors=True)
        folder.rename(trash)
        publish(out, show)
        shutil.rmtree(trash, ignore_errors=True)
    assert episode is not None
    return episode


def _publish_artwork(batch: AtomicBatch, out: Path, show: Show) -> str:
    """Copy the show's artwork into *out* (or draw a title card); return its file name."""
    source = show_relative(show, show.artwork)
    if source is None:
        # Apple requires artwork; a drawn card keeps the feed valid until the team adds theirs.
        name, data = DEFAULT_ARTWORK, default_artwork(show.title)
    else:
        name, data = artwork_name(source), source.read_bytes()
    batch.write(out / name, data)
    return name


def _stored_podcast_guid(batch: AtomicBatch, out: Path, show: Show) -> str | None:
    """The show's ``podcast:guid``: made from the feed URL once, then kept forever."""
    path = out / SHOW_STATE_FILE
    state: dict[str, str] = {}
    if path.is_file():
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            raise PublishError(f"{path}: damaged; it holds the show's podcast:guid, restore it "
                               "from a backup rather than deleting it") from None
    if "podcast_guid" in state:
        return state["podcast_guid"]
    if not show.base_url:
        return None
    feed_url = site_url(show, FEED_FILE)
    state = {"podcast_guid": podcast_guid(feed_url), "feed_url": feed_url}
    batch.write(path, json.dumps(state, indent=2) + "\n")
    return state["podcast_guid"]


class _CallableModule(types.ModuleType):
    """This package, callable as :func:`publish`: ``storyaudio.publish(...)`` publishes, while
    ``storyaudio.publish.check.check_show`` and ``storyaudio.publish.remove_episode`` name the
    package and its modules, as the library guide does."""

    def __call__(self, *args: Any, **kwargs: Any) -> list[Episode]:
        return publish(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

from . import check, serve  # noqa: E402, F401 - after publish(): their dotted names work from the package
