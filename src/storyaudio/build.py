"""The whole pipeline in one readable function: :func:`build`."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import asdict, dataclass
from datetime import datetime, time, timezone
from email.utils import format_datetime
from pathlib import Path

from . import __version__
from .assemble import assemble, chapter_pictures, cover_jpeg, load_audio
from .cache import ClipCache, default_cache_dir
from .engines import Engine, create_engine
from .errors import AudioError, PublishError, StoryError, SynthesisError, VoiceError
from .executors import make_executor
from .lexicon import project_lexicon
from .models import Episode, Script, Story
from .publish import load_episode, output_lock, publish
from .publish.artwork import artwork_problem
from .publish.catalog import EPISODES_DIR, episode_dir
from .publish.feed import site_url
from .read import STDIN, combine_stories, find_stories, read_story
from .script import write_script
from .show import Show, ShowError, lexicon_path, load_show, show_relative
from .synthesize import SynthesisProgress, synthesize_to_cache
from .voices import VoiceProfile, load_voice, voice_for_language

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


def build(
    paths: Iterable[Path],
    out: Path = DEFAULT_OUT,
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
) -> list[Episode]:
    """Build an episode for each story in *paths* (files or folders) into *out*.

    Returns the episodes built in this run. The feed and the show page list
    every episode in *out*, including ones built earlier. Every story is read
    and scripted before anything is written, so bad input changes nothing.

    *voice* names the voice profile for every story (else the story's own,
    the show's, or one that speaks the story's language). *format* forces a
    reader (``markdown``, ``text``, ``html``). Synthesis runs in *jobs* local
    processes (default: one per core), or on the Dask scheduler at *dask*.
    With *episode*, all the stories become one episode of that title, each
    story a chapter. A rebuilt episode keeps its publication date unless
    *republish* is true.
    """
    show = show or load_show()
    casting = _Casting(show, voice)
    lexicon = project_lexicon(lexicon_path(show))
    artwork = show_relative(show, show.artwork)
    if artwork and (problem := artwork_problem(artwork)):
        raise ShowError(problem)
    artwork_image = str(artwork) if artwork else None
    for music in (show.audio.intro, show.audio.outro, show.audio.bed):
        if music:
            load_audio(Path(music))  # a file that cannot be decoded stops the build here

    def prepare(story: Story) -> tuple[Script, _Pictures]:
        script = write_script(story, show.pauses, casting.engine(story).max_chars, lexicon)
        return script, _Pictures(cover_jpeg(story.image or artwork_image, story.title),
                                 chapter_pictures(script.chapters))

    # Read and script every story before anything is written, so bad input changes
    # nothing. Only a plan is kept: each story is read again when its turn comes,
    # so memory does not grow with the number of stories.
    paths = find_stories(paths)
    if len(paths) > MAX_STORIES:
        raise StoryError(f"{len(paths)} stories in one build is over the limit of {MAX_STORIES}; "
                         "build them in batches into the same output")
    if episode:
        combined = combine_stories([read_story(path, format) for path in paths], episode)
        _check_story(combined, show, out, set())
        plans = [_Plan(None, combined, len(prepare(combined)[0].segments))]
    else:
        plans = []
        slugs: set[str] = set()
        for path in paths:
            story = read_story(path, format)
            _check_story(story, show, out, slugs)
            kept = story if path == STDIN else None  # standard input cannot be read twice
            plans.append(_Plan(path, kept, len(prepare(story)[0].segments)))
    roles = casting.roles()

    _prepare_output(out)
    cache = ClipCache(cache_dir or default_cache_dir())
    total = sum(plan.segments for plan in plans)
    done = 0
    built: list[Episode] = []
    staged: list[tuple[Episode, Path]] = []
    failures: list[str] = []
    with make_executor(jobs, dask) as executor:
        for plan in plans:
            story = plan.story or read_story(plan.path, format)  # type: ignore[arg-type]
            script, pictures = prepare(story)

            def report(step: SynthesisProgress, _title: str = story.title, _base: int = done) -> None:
                if progress:
                    progress(BuildProgress(_title, _base + step.done, total, step.cached, step.audio_ms))

            try:
                made, staging = _build_episode(script, pictures, casting.engine(story), roles, show, out,
                                               cache, executor, report, republish)
            except (SynthesisError, VoiceError, AudioError) as error:
                # One story's failure must not cost the others their episodes.
                failures.append(str(error) if _name(story) in str(error) else f"{_name(story)}: {error}")
                log.debug("story failed", exc_info=True)
                continue
            finally:
                done += len(script.segments)
            built.append(made)
            if staging is not None:
                staged.append((made, staging))
    # Publish: move the new episodes in, record them, and regenerate feed, show page and
    # player pages from the whole catalog, all under the lock. Until this moment the
    # published show is exactly as it was, whenever the build is stopped.
    if built or not failures:  # when every story failed, nothing changed: leave the output as it was
        if not show.base_url:
            log.warning("no base_url in the show settings: the feed uses relative links, fine for a "
                        "local preview, but podcast apps need absolute URLs")
        with _write_errors(out), output_lock(out):
            publish(out, show, staged)
    if failures:
        raise BuildFailures(failures, built)
    return built


MAX_STORIES = 2000
"""Most stories one build takes; more are refused before any work, with this number named."""


class BuildFailures(SynthesisError):
    """Some stories could not be built; the others were built and published.

    ``failures`` holds one line per failed story, ``episodes`` the episodes built.
    """

    def __init__(self, failures: list[str], episodes: list[Episode]) -> None:
        super().__init__("\n".join(failures))
        self.failures = failures
        self.episodes = episodes


@dataclass
class _Plan:
    """A story to build: its path (read again when its turn comes) or the story itself."""

    path: Path | None
    story: Story | None
    segments: int


def _build_episode(
    script: Script, pictures: _Pictures, engine: Engine, roles: dict[str, Engine], show: Show, out: Path,
    cache: ClipCache, executor: Executor | None, report: Callable[[SynthesisProgress], None],
    republish: bool,
) -> tuple[Episode, Path | None]:
    """Synthesise and assemble one story's episode into a staging folder.

    Returns the episode and its staging folder (None when the published
    episode is already up to date).
    """
    story = script.story
    previous = load_episode(out, story.slug)
    key = episode_key(script, [engine, *roles.values()], show, pictures)
    if previous and _unchanged(out, previous, key) and not republish:
        # Nothing that shapes this episode changed: keep its files as they are.
        for number in range(1, len(script.segments) + 1):
            report(SynthesisProgress(number, len(script.segments), True, 0))
        return previous, None
    # Synthesise: one clip per segment, reusing cached clips.
    clips = synthesize_to_cache(script.segments, engine, cache, report, story=_name(story),
                                roles=roles, executor=executor)
    # Assemble into a staging folder: the published files stay whole and consistent
    # with the catalog until the finished set is moved in at once, under the lock.
    staging = out / EPISODES_DIR / f".staging-{story.slug}-{uuid.uuid4().hex[:8]}"
    try:
        with _write_errors(out):
            episode = assemble(
                script, clips, staging,
                album=show.title,
                guid=previous.guid if previous else str(uuid.uuid4()),
                pub_date=previous.pub_date if previous and not republish else _pub_date(story),
                audio=show.audio,
                build_key=key,
                cover=pictures.cover,
                cache=cache,
                pictures=pictures.chapters,
                folder_url=site_url(show, f"{EPISODES_DIR}/{story.slug}/") if show.base_url else "",
            )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a half-assembled episode is never published
        raise
    return episode, staging


class _Casting:
    """Which voice speaks what: one engine per profile, made once per build."""

    def __init__(self, show: Show, override: str | None) -> None:
        self.show = show
        self.override = override
        self.engines: dict[str, Engine] = {}
        self.by_language: dict[str, VoiceProfile] = {}  # chosen once, so a warning is given once

    def _engine(self, profile: VoiceProfile) -> Engine:
        if profile.name not in self.engines:
            self.engines[profile.name] = create_engine(profile)
        return self.engines[profile.name]

    def engine(self, story: Story) -> Engine:
        """--voice, else the story's voice, else the show's, else one for the story's language."""
        name = self.override or story.voice or self.show.voice
        if name:
            return self._engine(load_voice(name))
        if story.language not in self.by_language:
            self.by_language[story.language] = voice_for_language(story.language)
        return self._engine(self.by_language[story.language])

    def roles(self) -> dict[str, Engine]:
        return {kind: self._engine(load_voice(name)) for kind, name in self.show.roles.items()}


@dataclass(frozen=True)
class _Pictures:
    """An episode's front cover and its chapters' pictures (JPEG bytes by the path the story gave)."""

    cover: bytes
    chapters: dict[str, bytes]


def episode_key(script: Script, engines: Sequence[Engine], show: Show, pictures: _Pictures) -> str:
    """A hash of everything that shapes an episode's files.

    The story's words and metadata, the script, the voice, the show title
    (it is the album tag) and the audio settings all go in, with storyaudio's
    version, so any change to them rebuilds the episode.
    """
    story = script.story
    payload = {
        "storyaudio": __version__,
        "story": [story.title, story.slug, story.author, str(story.date), story.language,
                  story.description, story.content_hash],
        "chapters": [chapter.title for chapter in script.chapters],
        "segments": [asdict(segment) for segment in script.segments],
        "voices": [engine.identity() for engine in engines],
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
    return str(story.source) if story.source else story.title


def _check_story(story: Story, show: Show, out: Path, slugs: set[str]) -> None:
    """Refuse, before anything is written, a story that would collide or break the feed.

    *slugs* holds the slugs of the stories checked so far in this build; this one is added.
    """
    if story.slug in slugs:
        raise StoryError(
            f"{_name(story)}: slug {story.slug!r} is also used by another story in this build; "
            "set a different 'slug:' in its front matter"
        )
    slugs.add(story.slug)
    previous = load_episode(out, story.slug)
    if previous and previous.source and story.source and not _same_file(previous.source, story.source):
        raise StoryError(
            f"{_name(story)}: slug {story.slug!r} is already the episode built from "
            f"{previous.source}; set a different 'slug:' in its front matter"
        )
    if show.show_type == "serial" and story.episode is None:
        raise StoryError(f"{_name(story)}: a serial show needs 'episode:' (a number) in every story")


def _same_file(recorded: str, source: Path) -> bool:
    """True when *recorded* names *source*, or names a file that no longer exists (a moved story)."""
    recorded_path = Path(recorded)
    return not recorded_path.exists() or recorded_path.resolve() == source.resolve()


def _prepare_output(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out}: output path exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PublishError(f"{out}: cannot create output folder ({error.strerror})") from None
    _remove_stale_staging(out)


STALE_STAGING_S = 3600
"""A staging folder untouched this long belongs to a build that was killed."""


def _remove_stale_staging(out: Path) -> None:
    """Clear what killed builds left in ``episodes/.staging-*`` (never a running build's)."""
    import time as clock

    for folder in (out / EPISODES_DIR).glob(".staging-*"):
        with contextlib.suppress(OSError):
            if clock.time() - folder.stat().st_mtime > STALE_STAGING_S:
                shutil.rmtree(folder)


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
