"""The whole pipeline in one readable function: :func:`build`."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
import tempfile
import time as time_
import types
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, replace
from datetime import datetime, time, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from ._version import __version__
from .assemble import artwork_jpeg, assemble, chapter_pictures, cover_jpeg, load_audio, project_relative
from .atomic import claim_working_folder, release_working_folder
from .cache import ClipCache, default_cache_dir
from .casting import Casting
from .engines import Engine
from .errors import (
    AudioError,
    BuildFailures,
    HeldBack,
    PublishError,
    StoryAudioError,
    StoryError,
    SynthesisError,
    VoiceError,
)
from .executors import make_executor
from .layout import episode_dir, episode_path, episodes_dir, staging_dir
from .lexicon import project_lexicon
from .models import Episode, Script, Story
from .publish import (
    forget_removal,
    load_catalog,
    load_episode,
    load_removals,
    output_lock,
    publish,
    remove_episode,
)
from .publish.artwork import artwork_problem
from .publish.feed import site_url
from .read import combine_stories, find_stories, read_story
from .read.source import make_slug
from .read.sources import WebStories, read_web_stories
from .read.web import Fetcher, is_url
from .script import write_script
from .settings import Show, ShowError, lexicon_path, load_show, show_folder, show_relative, voice_folders
from .synthesize import SynthesisProgress, synthesize_to_cache

__all__ = ["DEFAULT_OUT", "MAX_STORIES", "BuildFailures", "BuildProgress", "SourceSummary", "StoryPlan", "build",
           "episode_key", "plan_stories"]

log = logging.getLogger(__name__)

DEFAULT_OUT = Path("output")


@dataclass(frozen=True)
class BuildProgress:
    """Reported after each segment of the whole build (all stories together)."""

    story: str
    done: int
    total: int
    cached: bool
    audio_ms: int


@dataclass(frozen=True)
class SourceSummary:
    """How the web sources fared in one build: the one line a scheduled job prints."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    """Pages the site's robots.txt forbids."""

    def line(self) -> str:
        text = f"sources: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, {self.failed} failed"
        return text + (f", {self.skipped} skipped (robots.txt)" if self.skipped else "")


def build(
    paths: Iterable[Path | str] | Path | str,
    out: Path | str = DEFAULT_OUT,
    *,
    voice: str | None = None,
    show: Show | None = None,
    cache_dir: Path | None = None,
    progress: Callable[[BuildProgress], None] | None = None,
    format: str | None = None,
    jobs: int | None = None,
    dask: str | None = None,
    episode: str | None = None,
    republish: bool = False,
    prune: bool = False,
    report: Callable[[str], None] | None = None,
    gate: Callable[[Episode, Path], str | None] | None = None,
) -> list[Episode]:
    """Build an episode for each story in *paths* (files or folders) into *out*; return them.

    The feed and the show page list every episode in *out*, including ones built earlier. Every story is read
    and scripted before anything is written, so bad input changes nothing. *voice* names the voice for every
    story (else the story's own, the show's, or one of its language). *format* forces a reader (``markdown``,
    ``text``, ``html``). Synthesis runs in *jobs* local processes (one per core), or on the Dask scheduler at
    *dask*. With *episode*, the stories become one episode of that title, each a chapter. A rebuilt episode
    keeps its date unless *republish*. Raises :class:`BuildFailures` when some failed.

    A path that is an ``http(s)://`` URL is a story page, an RSS/Atom feed or a sitemap; with no paths at all, the
    show's ``[sources]`` are built. Pages are fetched politely and conditionally: an unchanged page costs one
    ``304``. A page that fails is one line of the :class:`BuildFailures` and costs no other story its episode.
    With *prune*, episodes whose page is gone (404/410) are removed. *report* hears the lines a person should
    read: the sources' summary (:class:`SourceSummary`) and each pruned episode. A *gate* (``build --listen``) may
    hold a new episode back before it is published (:class:`HeldBack`); its last good version stays.
    """
    out, show = Path(out), show or load_show()
    casting = Casting(show, voice)
    files, urls, own_sources = _split_paths(paths, show)
    # Check the show's own files: artwork or music that cannot be used stops the build here.
    artwork = _checked_show_files(show)
    cache_root = cache_dir or default_cache_dir()
    failures: list[tuple[str, StoryAudioError]] = []
    with contextlib.ExitStack() as stack:
        fetcher = stack.enter_context(Fetcher(cache_root, delay=show.sources.delay)) if urls or own_sources else None
        web = _read_web(urls, show, out, fetcher, own_sources, published_check=not episode) if fetcher else None
        # Plan: read, script and check every story once, before anything is written. A web page
        # that cannot be planned fails alone; a file that cannot stops the build, changing nothing.
        stories, web_stories = _not_removed(files, urls, web.stories if web else [], out, show)
        plans = plan_stories(stories, show, out, casting, artwork, format, episode,
                             web_stories=web_stories, failures=failures)
        if web:
            failures += [(str(error), error) for error in web.failures]
            summary = _summary(web, plans, out)
        built = _build_plans(plans, casting, show, out, cache_root, progress, jobs, dask, republish, failures, gate)
        if web and report:
            report(replace(summary, failed=len(failures)).line())
        if prune and fetcher:
            _prune(out, show, fetcher, report)
    if failures:
        raise BuildFailures(failures, built)
    return built


def _build_plans(plans: Sequence[StoryPlan], casting: Casting, show: Show, out: Path, cache_root: Path,
                 progress: Callable[[BuildProgress], None] | None, jobs: int | None, dask: str | None,
                 republish: bool, failures: list[tuple[str, StoryAudioError]],
                 gate: Callable[[Episode, Path], str | None] | None = None) -> list[Episode]:
    """Synthesise, assemble and publish the planned stories; failures are added to *failures*."""
    if not plans:
        return []  # nothing new or changed: the published show stays exactly as it is
    _prepare_output(out)
    cache = ClipCache(cache_root)
    progress_of = _ProgressCounter(progress, sum(len(plan.script.segments) for plan in plans))
    built: list[Episode] = []
    staged: list[tuple[Episode, Path]] = []
    failed_before = len(failures)
    with make_executor(jobs, dask) as executor:
        for plan in plans:
            # Synthesise and assemble each story into a staging folder; one story's
            # failure must not cost the others their episodes.
            try:
                made, staging = _make_episode(plan, casting, show, out, cache, executor,
                                              progress_of(plan), republish)
            except (SynthesisError, VoiceError, AudioError) as error:
                failures.append((_failure_line(plan.script.story, error), error))
                log.debug("story failed", exc_info=True)
                continue
            built.append(made)
            if staging is not None:
                staged.append((made, staging))
    cache.report_damage()  # damaged encoded spans found while assembling, made again
    if gate:
        _hold_back(gate, staged, built, failures)
    # Publish: move the new episodes in and regenerate feed and pages from the whole
    # catalog under the lock; until then the published show is exactly as it was.
    if built or len(failures) == failed_before:  # every story failed: leave the output as it was
        _publish(out, show, staged)
    return built


def _hold_back(gate: Callable[[Episode, Path], str | None], staged: list[tuple[Episode, Path]],
               built: list[Episode], failures: list[tuple[str, StoryAudioError]]) -> None:
    """Ask *gate* of each staged episode; one it gives a reason for is taken out of *staged* and
    *built* and its staging folder removed (its last good version stays published), a failure."""
    for made, staging in list(staged):
        reason = gate(made, staging)
        if reason:
            staged.remove((made, staging))
            built.remove(made)
            release_working_folder(staging)
            failures.append((f"{made.slug}: {reason}", HeldBack(reason)))


def _split_paths(paths: Iterable[Path | str] | Path | str, show: Show) -> tuple[list[Path], list[str], bool]:
    """Story files and folders, and URLs; with neither, the show's ``[sources]`` (its pages, and
    True: its feeds and sitemaps are to be read too). One path or URL alone is one, not a list of
    one-letter paths."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    urls: list[str] = []
    for path in paths:
        if isinstance(path, str) and is_url(path):
            urls.append(path)
        else:
            files.append(Path(path))
    if not files and not urls:
        if not show.sources.urls:
            raise StoryError("no stories given: name story files, folders or URLs, or list the show's "
                             "pages, feeds or sitemaps under [sources] in its settings")
        return [], list(show.sources.pages), True
    return files, urls, False


def _not_removed(files: Sequence[Path], urls: Sequence[str], web_stories: Sequence[Story], out: Path,
                 show: Show) -> tuple[list[Path], list[Story]]:
    """The story files and pages to build, less those the team removed (``storyaudio remove``)
    that a folder, feed or sitemap led to, each said in one line. A file or page named by
    itself is built, and taken off the removed list."""
    removals = load_removals(out)
    stories = find_stories(files)
    named = {path.resolve() for path in files if path.is_file()}
    removed_sources = {entry.get("source") for entry in removals if entry.get("source")}
    removed_urls = {entry.get("url") for entry in removals if entry.get("url")}
    kept: list[Path] = []
    for path in stories:
        source = project_relative(path, show_folder(show)) if path.exists() else str(path)
        if path.resolve() in named:
            if source in removed_sources:
                forget_removal(out, source=source)
            kept.append(path)
        elif source in removed_sources:
            log.warning("%s: skipped, its episode was removed with storyaudio remove (build the file by name to "
                        "bring it back)", path)
        else:
            kept.append(path)
    pages: list[Story] = []
    for story in web_stories:
        if story.url in removed_urls and story.fetched_url not in urls and story.url not in urls:
            log.warning("%s: skipped, its episode was removed with storyaudio remove (build the page by name to "
                        "bring it back)", story.url)
            continue
        if story.url in removed_urls:
            forget_removal(out, url=story.url)
        pages.append(story)
    return kept, pages


def _read_web(urls: Sequence[str], show: Show, out: Path, fetcher: Fetcher, own: bool,
              published_check: bool) -> WebStories:
    """The stories behind *urls*, and with *own* the show's feeds and sitemaps too."""
    sources = show.sources

    def published(slug: str, url: str) -> bool:
        previous = load_episode(out, slug)
        return previous is not None and previous.url == url

    return read_web_stories(
        urls, fetcher, feeds=sources.feeds if own else (), sitemaps=sources.sitemaps if own else (),
        match=sources.match, images=sources.page_images, published=published if published_check else None,
        language=show.language,
    )


def _summary(web: WebStories, plans: Sequence[StoryPlan], out: Path) -> SourceSummary:
    """The sources' counts as planned (failures are counted once the build is over)."""
    new = changed = unchanged = 0
    for plan in plans:
        if plan.script.story.url is None:
            continue
        if plan.previous is None:
            new += 1
        elif _unchanged(out, plan.previous, plan.key):
            unchanged += 1
        else:
            changed += 1
    return SourceSummary(new, changed, unchanged + web.unchanged, 0, len(web.skipped))


def _prune(out: Path, show: Show, fetcher: Fetcher, report: Callable[[str], None] | None) -> None:
    """Remove the episodes whose page now answers 404 or 410, saying which first. The address
    asked is the one the page was fetched from, never its canonical URL: a site whose canonical
    links are broken must not lose its live episodes (episodes built before that address was
    kept are asked at their canonical URL)."""
    gone = []
    for episode in load_catalog(out):
        address = episode.fetched_url or episode.url
        if address:
            status = fetcher.statuses.get(address) or fetcher.status(address)
            if status in (404, 410):
                gone.append((episode, address, status))
    for episode, address, status in gone:
        if report:
            report(f"pruning {episode.slug}: {address} answers {status}")
    for episode, _, _ in gone:
        remove_episode(out, episode.slug, show, remember=False)  # a page that comes back is welcome back


MAX_STORIES = 2000
"""Most stories one build takes; more are refused before any work, with this number named."""


@dataclass(frozen=True)
class StoryPlan:
    """A story read, scripted and checked, with everything its episode is made from."""

    script: Script
    pictures: Pictures
    engine: Engine
    previous: Episode | None
    """The published episode of the same slug, when there is one."""

    key: str
    """:func:`episode_key`: unchanged means the published episode is up to date."""

    credits: tuple[str, ...] = ()
    """The credit line of each voice that reads the story."""


def plan_stories(paths: Sequence[Path], show: Show, out: Path, casting: Casting,
                 artwork: str | None = None, format: str | None = None,
                 episode: str | None = None, *, web_stories: Sequence[Story] = (),
                 failures: list[tuple[str, StoryAudioError]] | None = None) -> list[StoryPlan]:
    """Read, script and check every story once, refusing bad input before anything is written.

    With *episode*, all are combined into one episode of that title. *web_stories* (read from
    pages) are planned one by one: with *failures*, one that cannot be planned is added there
    instead of stopping the build, and one whose slug another page holds gets a slug made unique
    by its URL.
    """
    count = len(paths) + len(web_stories)
    if count > MAX_STORIES:
        raise StoryError(f"{count} stories in one build is over the limit of {MAX_STORIES}; "
                         "build them in batches into the same output")
    read = _with_published_slugs([read_story(path, format, language=show.language) for path in paths], show, out)
    if episode:
        read, web_stories = [combine_stories([*read, *web_stories], episode)], []
    lexicon = project_lexicon(lexicon_path(show), voice_folders(show))
    roles = list(casting.roles().values())
    plans: list[StoryPlan] = []
    slugs: set[str] = set()

    def plan(story: Story) -> StoryPlan:
        previous = _checked_story(story, show, out, slugs)
        engine = casting.engine(story)
        script = write_script(story, show.pauses, engine.max_chars, lexicon, show.read_appeals)
        _check_size(script)
        pictures = Pictures(cover_jpeg(story.image or artwork, story.title), chapter_pictures(script.chapters),
                            story.image or artwork)
        credits = tuple(casting.credits(story))
        key = episode_key(script, [engine, *roles], show, pictures, credits)
        log.info("read %s: %d chapter(s), %d sentence(s), voice %s", _name(story), len(script.chapters),
                 len(script.segments), engine.profile.name)
        return StoryPlan(script, pictures, engine, previous, key, credits)

    plans = [plan(story) for story in read]
    for story in web_stories:
        story = _unique_web_slug(story, out, slugs)
        try:
            plans.append(plan(story))
        except (StoryError, VoiceError, AudioError) as error:
            if failures is None:
                raise
            failures.append((_failure_line(story, error), error))
    return plans


def _with_published_slugs(stories: list[Story], show: Show, out: Path) -> list[Story]:
    """Stories whose published episode has the slug an older storyaudio made from the same title
    (``ps250000-...`` for ``£250,000 ...``, before currency signs were dropped) keep that slug, so
    a rebuild updates the episode instead of publishing it again under a new address. Only a slug
    made from the title (not one the front matter names) whose older spelling differs is looked up."""
    from slugify import slugify

    kept = []
    for story in stories:
        older = slugify(story.title, max_length=80, word_boundary=True)
        if story.source and older != story.slug and story.slug == make_slug(story.title):
            previous = load_episode(out, older)
            if previous is not None and previous.source == project_relative(story.source, show_folder(show)):
                story = replace(story, slug=older)
        kept.append(story)
    return kept


def _unique_web_slug(story: Story, out: Path, slugs: set[str]) -> Story:
    """*story* with its slug, or its slug and a short hash of its URL when another story of this
    build, or a published episode from another URL, holds that slug."""
    previous = load_episode(out, story.slug)
    if story.slug in slugs or (previous is not None and previous.url != story.url):
        digest = hashlib.sha256((story.url or "").encode()).hexdigest()[:6]
        return replace(story, slug=f"{story.slug[:70]}-{digest}")
    return story


def _make_episode(
    plan: StoryPlan, casting: Casting, show: Show, out: Path, cache: ClipCache,
    executor: Executor | None, report: Callable[[SynthesisProgress], None], republish: bool,
) -> tuple[Episode, Path | None]:
    """Synthesise and assemble one story's episode into a staging folder.

    Returns the episode and its staging folder (None when the published
    episode is already up to date).
    """
    script, previous = plan.script, plan.previous
    story = script.story
    if previous and _unchanged(out, previous, plan.key) and not republish:
        # Nothing that shapes this episode changed: keep its files as they are.
        for number in range(1, len(script.segments) + 1):
            report(SynthesisProgress(number, len(script.segments), True, 0, number - 1))
        log.info("%s: unchanged since the last build; its episode stays as published", _name(story))
        return previous, None
    # Synthesise: one clip per segment, reusing cached clips.
    started = time_.monotonic()
    clips = synthesize_to_cache(script.segments, plan.engine, cache, report, story=_name(story),
                                roles=casting.roles(), executor=executor)
    log.info("%s: %d sentence(s) synthesised or found in the cache in %.1f s", _name(story), len(clips),
             time_.monotonic() - started)
    # Assemble into a staging folder: the published files stay whole and consistent
    # with the catalog until the finished set is moved in at once, under the lock.
    with _write_errors(out):
        staging = claim_working_folder(staging_dir(out, story.slug, uuid.uuid4().hex[:8]))
    try:
        with _write_errors(out):
            episode = assemble(
                script, clips, staging,
                album=show.title,
                guid=previous.guid if previous else str(uuid.uuid4()),
                pub_date=previous.pub_date if previous and not republish else _pub_date(story),
                audio=show.audio,
                build_key=plan.key,
                cover=plan.pictures.cover,
                artwork=artwork_jpeg(plan.pictures.source, story.title),
                cache=cache,
                pictures=plan.pictures.chapters,
                folder_url=site_url(show, episode_path(story.slug)) if show.base_url else "",
                project=show_folder(show),
                credits=plan.credits,
            )
    except BaseException:
        release_working_folder(staging)  # a half-assembled episode is never published
        raise
    log.info("%s: assembled %s (%d:%02d, %d chapter(s))", _name(story), episode.audio_file,
             *divmod(episode.duration_ms // 1000, 60), len(episode.chapters))
    return episode, staging


def _publish(out: Path, show: Show, staged: Sequence[tuple[Episode, Path]]) -> None:
    if not show.base_url:
        log.warning("no base_url in the show settings: the feed uses relative links and the embed snippet "
                    "works only on this site; fine for a local preview, but podcast apps need absolute URLs")
    with _write_errors(out), output_lock(out):
        catalog = publish(out, show, staged)
    log.info("published %d new or changed episode(s) into %s; the feed lists %d", len(staged), out, len(catalog))


def _checked_show_files(show: Show) -> str | None:
    """The show's artwork path (``None`` without one), after checking it and the music files."""
    artwork = show_relative(show, show.artwork)
    if artwork and (problem := artwork_problem(artwork)):
        raise ShowError(problem)
    for music in (show.audio.intro, show.audio.outro, show.audio.bed):
        if music:
            load_audio(Path(music))  # a file that cannot be decoded stops the build here
    return str(artwork) if artwork else None


class _ProgressCounter:
    """Turns each story's synthesis progress into the whole build's :class:`BuildProgress`."""

    def __init__(self, progress: Callable[[BuildProgress], None] | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0  # segments of the stories before the current one

    def __call__(self, plan: StoryPlan) -> Callable[[SynthesisProgress], None]:
        base, title = self.done, plan.script.story.title
        self.done += len(plan.script.segments)

        def report(step: SynthesisProgress) -> None:
            if self.progress:
                self.progress(BuildProgress(title, base + step.done, self.total, step.cached, step.audio_ms))

        return report


@dataclass(frozen=True)
class Pictures:
    """An episode's front cover and its chapters' pictures (JPEG bytes by the path the story gave)."""

    cover: bytes
    chapters: dict[str, bytes]
    source: str | None = None
    """The picture the cover was made from (None: a drawn title card); the feed's larger
    episode artwork is made from it when the episode is assembled."""


def episode_key(script: Script, engines: Sequence[Engine], show: Show, pictures: Pictures,
                credits: Sequence[str] = ()) -> str:
    """A hash of everything that shapes an episode's files.

    The story's words and metadata, the script, the voice, the show title
    (it is the album tag) and the audio settings all go in, with storyaudio's
    version, so any change to them rebuilds the episode.
    """
    story = script.story
    payload = {
        "storyaudio": __version__,
        "story": [story.title, story.slug, story.author, str(story.date), story.language,
                  story.description, story.content_hash, story.url],
        "chapters": [chapter.title for chapter in script.chapters],
        "segments": [asdict(segment) for segment in script.segments],
        "voices": [engine.identity() for engine in engines],
        "credits": list(credits),
        "album": show.title,
        "cover": hashlib.sha256(pictures.cover).hexdigest(),
        "chapter_pictures": {path: hashlib.sha256(data).hexdigest() for path, data in pictures.chapters.items()},
        "chapter_links": [[chapter.url, chapter.image] for chapter in script.chapters],
        "base_url": show.base_url if pictures.chapters else "",  # in chapters.json only with pictures
        "audio": asdict(show.audio),
        "music": [_digest(path) for path in (show.audio.intro, show.audio.outro, show.audio.bed) if path],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _unchanged(out: Path, previous: Episode, key: str) -> bool:
    mp3 = episode_dir(out, previous.slug) / previous.audio_file
    transcript = episode_dir(out, previous.slug) / previous.transcript_file
    return (previous.build_key == key and transcript.is_file() and mp3.is_file()
            and mp3.stat().st_size == previous.size_bytes)


def _name(story: Story) -> str:
    return str(story.source) if story.source else story.url or story.title


def _failure_line(story: Story, error: StoryAudioError) -> str:
    """One line naming the story that failed (the error's own words when they already do)."""
    return str(error) if _name(story) in str(error) else f"{_name(story)}: {error}"


MAX_TITLE_CHARS = 500
MAX_CHAPTERS = 5_000
MAX_SEGMENTS = 200_000
"""Bounds on one story (a long novel has about 100 chapters and 10,000 sentences): past them a build
would run for days or a feed be refused, so the story is refused first, with the bound named."""


def _check_size(script: Script) -> None:
    """Refuse a story that is empty of speech or beyond the bounds, before any work."""
    story = script.story
    if not story.title.strip():
        raise StoryError(f"{_name(story)}: the title is empty; give the story a title")
    if len(story.title) > MAX_TITLE_CHARS:
        raise StoryError(f"{_name(story)}: the title is {len(story.title)} characters long, over the limit of "
                         f"{MAX_TITLE_CHARS}")
    if len(script.chapters) > MAX_CHAPTERS:
        raise StoryError(f"{_name(story)}: {len(script.chapters)} chapters, over the limit of {MAX_CHAPTERS}")
    if len(script.segments) > MAX_SEGMENTS:
        raise StoryError(f"{_name(story)}: {len(script.segments)} sentences, over the limit of {MAX_SEGMENTS}; "
                         "split the story")
    if not any(segment.kind != "title" for segment in script.segments):
        raise StoryError(f"{_name(story)}: nothing in the story can be spoken (only punctuation, symbols "
                         "or emoji?)")


def _checked_story(story: Story, show: Show, out: Path, slugs: set[str]) -> Episode | None:
    """Refuse, before anything is written, a story that would collide or break the feed.

    *slugs* holds the slugs of the stories checked so far in this build; this one is added.
    Returns the published episode of the same slug, if any.
    """
    if story.slug in slugs:
        raise StoryError(
            f"{_name(story)}: slug {story.slug!r} is also used by another story in this build; "
            "set a different 'slug:' in its front matter"
        )
    slugs.add(story.slug)
    previous = load_episode(out, story.slug)
    if previous and previous.source and story.source and not _same_file(previous.source, story.source, show):
        raise StoryError(
            f"{_name(story)}: slug {story.slug!r} is already the episode built from "
            f"{previous.source}; set a different 'slug:' in its front matter"
        )
    if show.show_type == "serial" and story.episode is None:
        raise StoryError(f"{_name(story)}: a serial show needs 'episode:' (a number) in every story")
    return previous


def _same_file(recorded: str, source: Path, show: Show) -> bool:
    """True when *recorded* (relative to the show's folder, or absolute as older builds wrote it)
    names *source*, or names a file that no longer exists (a moved story)."""
    recorded_path = show_folder(show) / recorded
    return not recorded_path.exists() or recorded_path.resolve() == source.resolve()


def _prepare_output(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out}: output path exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PublishError(f"{out}: cannot create output folder ({error.strerror})") from None
    # Before any synthesis: a build that cannot publish should not spend minutes finding out.
    with _write_errors(out):
        episodes_dir(out).mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=episodes_dir(out), prefix=".probe-", suffix=".tmp"):
            pass


@contextlib.contextmanager
def _write_errors(out: Path) -> Iterator[None]:
    """Turn file-system errors while writing into one clear PublishError."""
    try:
        yield
    except PublishError:
        raise
    except PermissionError as error:
        raise PublishError(f"{error.filename or out}: permission denied") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise PublishError(f"{error.filename or out}: cannot write ({reason})") from None


def _pub_date(story: Story) -> str:
    """RFC 2822 date: the story's own date at noon UTC, else now."""
    if story.date:
        moment = datetime.combine(story.date, time(12, 0), tzinfo=timezone.utc)
    else:
        moment = datetime.now(timezone.utc).replace(microsecond=0)
    return format_datetime(moment)


class _CallableModule(types.ModuleType):
    """This module, callable as :func:`build`: ``storyaudio.build(...)`` builds, while
    ``storyaudio.build.plan_stories`` and ``import storyaudio.build`` name the module, as the
    library guide does (a function of the same name used to hide the module)."""

    def __call__(self, *args: Any, **kwargs: Any) -> list[Episode]:
        return build(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
