"""The ``storyaudio`` command: a thin layer over the library.

This is the only module that imports click, prints, or exits. Every
:class:`~storyaudio.errors.StoryAudioError` becomes one line on standard
error and exit status 2.
"""

from __future__ import annotations

import functools
import json
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from ._version import __version__
from .build import DEFAULT_OUT, BuildProgress, build
from .cache import ClipCache, default_cache_dir, parse_age
from .casting import Casting
from .engines import create_engine
from .errors import BuildFailures, PublishError, StoryAudioError, VoiceError
from .init import init_project
from .layout import FEED_FILE, LISTEN_FILE, SHOW_PAGE, episode_dir
from .lexicon import project_lexicon
from .models import Episode, Segment
from .publish import remove_episode
from .publish.check import check_show
from .publish.pages import clock
from .publish.serve import make_server
from .read import read_story
from .read.web import is_url
from .sample import write_voice_sample
from .script import story_text, write_script
from .settings import lexicon_path, load_show, primary_language, voice_folders
from .voice_catalogue import (
    install_voice,
    installed_names,
    is_non_commercial,
    load_catalogue,
    remove_voice,
    voice_mirror,
)
from .voices import CREDIT_OPENING, VoiceProfile, list_voices, load_voice
from .words import readings

F = TypeVar("F", bound=Callable[..., Any])


def _friendly_errors(command: F) -> F:
    """Print a StoryAudioError as one line and exit 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BuildFailures as error:
            for line in error.failures:
                click.echo(f"storyaudio: error: {line}", err=True)
            if error.episodes:
                click.echo(f"storyaudio: {len(error.episodes)} other episode(s) were built and published",
                           err=True)
            sys.exit(1 if error.kinds == ["HeldBack"] else 2)  # only held back by the listening check: 1
        except StoryAudioError as error:
            click.echo(f"storyaudio: error: {error}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("storyaudio: interrupted; what was built before stays as it was", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


_format_option = click.option(
    "--format", "format_", metavar="FORMAT",
    help="Read stories as markdown, text or html (default: by file extension; markdown for -).",
)

_cache_option = click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
                             help="Clip cache folder (default: your user cache folder).")

_show_option = click.option(
    "--show", "show_file", type=click.Path(dir_okay=False, path_type=Path),
    help="Show settings file (default: ./storyaudio.toml when present).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyaudio")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
def main(verbose: bool) -> None:
    """Turn written stories into narrated podcast episodes, a feed and player pages."""
    handler = logging.StreamHandler()
    handler.setFormatter(_LineFormatter())
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])
    if threading.current_thread() is threading.main_thread():
        # SIGTERM (a scheduler stopping the job) ends a build as Ctrl-C does: workers ended,
        # nothing half-published. By default it would kill this process alone.
        signal.signal(signal.SIGTERM, _stop)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@main.command("build")
@click.argument("stories", nargs=-1)
@click.option("--out", "-o", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Output folder (the published site).")
@click.option("--voice", help="Voice profile for every story (overrides front matter).")
@_cache_option
@click.option("--episode", metavar="TITLE",
              help="Make one episode of all the STORIES, each story a chapter.")
@click.option("--republish", is_flag=True,
              help="Give rebuilt episodes today's date, so apps show them as new.")
@click.option("--jobs", "-j", type=int, help="Worker processes for synthesis (default: one per core).")
@click.option("--dask", metavar="ADDRESS",
              help="Synthesise on an existing Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@click.option("--prune", is_flag=True,
              help="Remove episodes whose web page is gone (404 or 410), listing them first.")
@click.option("--listen", is_flag=True,
              help="Hear each new episode before publishing it (needs the listen extra); with --fail-over, "
                   "one heard too badly is not published and its last good version stays.")
@click.option("--fail-over", "fail_over", type=click.FloatRange(0, 100), metavar="PERCENT",
              help="With --listen: hold back an episode whose word error rate is over PERCENT (exit 1).")
@click.option("--model", type=click.Path(path_type=Path), metavar="FOLDER",
              help="With --listen: a local CTranslate2 Whisper model folder (default: the bundled tiny.en).")
@_format_option
@_show_option
@_friendly_errors
def build_command(stories: tuple[str, ...], out: Path, voice: str | None,
                  cache_dir: Path | None, episode: str | None, republish: bool,
                  jobs: int | None, dask: str | None, prune: bool, listen: bool, fail_over: float | None,
                  model: Path | None, format_: str | None, show_file: Path | None) -> None:
    """Build an episode for each STORY: a Markdown, text or HTML file, a folder of them, - for
    stdin, or a URL (a story page, an RSS/Atom feed or a sitemap). With no STORY, the show's
    [sources] are built.

    Writes OUT/episodes/<slug>/ (MP3, transcript, player page), OUT/feed.xml
    and OUT/index.html. Episodes built earlier into OUT stay in the feed.

    \b
    Example:
        storyaudio build examples/*.md --out output
        storyaudio build https://www.example.org/stories/feed.xml
        storyaudio build stories/ --listen --fail-over 10
    """
    show = load_show(show_file)
    gate = None
    if listen:
        from .listen import listening_gate

        gate = listening_gate(100.0 if fail_over is None else fail_over, ClipCache(cache_dir or default_cache_dir()),
                              model, note=click.echo)
    bar = _ProgressBar()
    warnings = _WarningCount()
    logging.getLogger().addHandler(warnings)
    started = time.monotonic()
    try:
        episodes = build([story if is_url(story) else Path(story) for story in stories], out, voice=voice,
                         show=show, cache_dir=cache_dir, progress=bar.update, format=format_, jobs=jobs,
                         dask=dask, episode=episode, republish=republish, prune=prune,
                         report=bar.echo, gate=gate)
    except BuildFailures as failures:
        bar.close()
        click.echo(_summary_line(failures.episodes, bar, warnings.count, time.monotonic() - started,
                                 len(failures.failures)))
        raise
    finally:
        bar.close()
        logging.getLogger().removeHandler(warnings)
    for made in episodes:
        chapters = len(made.chapters)
        voices = "; ".join(credit.removeprefix(CREDIT_OPENING) for credit in made.credits)
        click.echo(f"built {episode_dir(out, made.slug) / made.audio_file} "
                   f"({clock(made.duration_ms)}, {chapters} chapter{'' if chapters == 1 else 's'})"
                   + (f", read by {voices}" if voices else ""))
        if made.appeal_skipped:
            click.echo(f"  appeal skipped: {made.appeal_skipped} sentence{'' if made.appeal_skipped == 1 else 's'} "
                       "after the story; set read_appeals = true (or appeal: read in the story) to narrate")
    click.echo(f"feed: {out / FEED_FILE}  site: {out / SHOW_PAGE}")
    click.echo(_summary_line(episodes, bar, warnings.count, time.monotonic() - started, 0))


def _summary_line(episodes: Sequence[Episode], bar: _ProgressBar, warnings: int, seconds: float,
                  failed: int) -> str:
    """The one line every build ends with, on a terminal or in a CI log."""
    audio = clock(sum(episode.duration_ms for episode in episodes))  # as the page and the player show it
    synthesised = bar.sentences - bar.cached
    parts = [f"{len(episodes)} stor{'y' if len(episodes) == 1 else 'ies'} built",
             f"{bar.sentences} sentences ({synthesised} synthesised, {bar.cached} cached)",
             f"{audio} of audio", f"{seconds:.1f} s",
             f"{warnings} warning{'' if warnings == 1 else 's'}"]
    skipped = sum(episode.appeal_skipped for episode in episodes)
    if skipped:
        parts.append(f"{skipped} appeal sentence{'' if skipped == 1 else 's'} skipped")
    if failed:
        parts.append(f"{failed} failed")
    return "summary: " + ", ".join(parts)


class _WarningCount(logging.Handler):
    """Counts the warnings a build logs, for its summary line."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@main.command("remove")
@click.argument("slug")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Output folder.")
@_show_option
@_friendly_errors
def remove_command(slug: str, out: Path, show_file: Path | None) -> None:
    """Take the episode SLUG out of the feed and the site, and delete its files.

    The removal lasts: a later build of the story's folder, feed or sitemap
    skips it (saying so); building its file or page by name brings it back.

    \b
    Example:
        storyaudio remove the-night-ferry
    """
    removed = remove_episode(out, slug, load_show(show_file))
    click.echo(f"removed {slug}; feed: {out / FEED_FILE}")
    origin = removed.source or removed.url
    if origin:
        click.echo(f"its story {origin} stays where it is: builds of its folder or feed skip it from now on; "
                   "build it by name to bring it back")



@main.command("check")
@click.argument("out", required=False, type=click.Path(file_okay=False, path_type=Path),
                default=DEFAULT_OUT)
@click.option("--listen", is_flag=True,
              help="Also hear every sentence with a speech recogniser and rank what sounds wrong "
                   "(needs the listen extra: pip install -e '.[listen]' in storyaudio's folder).")
@click.option("--episode", "slug", metavar="SLUG", help="With --listen: check only this episode.")
@click.option("--fail-over", "fail_over", type=click.FloatRange(0, 100), metavar="PERCENT",
              help="With --listen: exit 1 when an episode's word error rate is over PERCENT (for CI).")
@click.option("--model", type=click.Path(file_okay=False, path_type=Path),
              help="With --listen: a local CTranslate2 Whisper model folder (default: the bundled tiny.en).")
@_cache_option
@_friendly_errors
def check_command(out: Path, listen: bool, slug: str | None, fail_over: float | None, model: Path | None,
                  cache_dir: Path | None) -> None:
    """Check a built show against the rules podcast apps enforce; exit 1 on any problem.

    With --listen, every spoken sentence is heard by a speech recogniser and
    compared with what was meant; the worst are listed (with the time to hear
    them) and each episode's report is written as listen.json beside it.

    \b
    Example:
        storyaudio check output/
        storyaudio check output/ --listen --fail-over 5
    """
    problems = check_show(out)
    for problem in problems:
        click.echo(str(problem))
    failed = bool(problems)
    if problems:
        click.echo(f"{len(problems)} problem{'' if len(problems) == 1 else 's'}", err=True)
    else:
        click.echo(f"{out / FEED_FILE}: no problems found")
    if listen:
        failed = _listen(out, slug, fail_over, model, cache_dir) or failed
    if failed:
        sys.exit(1)


def _listen(out: Path, slug: str | None, fail_over: float | None, model: Path | None,
            cache_dir: Path | None) -> bool:
    """Run the listening check; True when an episode is over *fail_over*."""
    from .listen import Listener, ListenError, check_episode, episode_error_rate, load_recogniser
    from .publish import load_catalog

    episodes = [episode for episode in load_catalog(out) if slug in (None, episode.slug)]
    if not episodes:
        known = ", ".join(e.slug for e in load_catalog(out)) or "none"
        raise ListenError(f"{out}: no episode {slug!r} to check (episodes: {known})" if slug else
                          f"{out}: no episodes to check; build some first")
    clips = ClipCache(cache_dir or default_cache_dir())
    recogniser = load_recogniser(model)
    listener = Listener(recogniser, clips.root, model_id=str(model) if model else "tiny.en")
    over = False
    for episode in episodes:
        # tiny.en hears English only: another language would be reported as nearly every word wrong.
        if not listener.multilingual and not episode.language.lower().startswith("en"):
            click.echo(f"{episode.slug}: skipped: the recogniser ({model or 'Whisper tiny.en'}) hears English only, "
                       f"and this episode is in {episode.language}; name a multilingual Whisper model with --model")
            continue
        reports = check_episode(out, episode, listener, clips)
        rate = episode_error_rate(reports)
        flagged = [r for r in reports if r.verdict != "clean"]
        click.echo(f"{episode.slug}: word error rate {rate:.1f}%, {len(flagged)} sentence(s) to listen to "
                   f"(report: {episode_dir(out, episode.slug) / LISTEN_FILE})")
        for report in flagged[:10]:
            click.echo(f"  {report.start_ms / 1000:7.1f}s  {report.verdict:10} {100 * report.error_rate:4.0f}%  "
                       f"meant: {report.meant}\n{'':29}heard: {report.heard}")
            if report.suggestion:
                click.echo(f"{'':29}lexicon: {report.suggestion}")
        if fail_over is not None and rate > fail_over:
            click.echo(f"{episode.slug}: word error rate {rate:.1f}% is over {fail_over:g}%", err=True)
            over = True
    click.echo(f"transcribed {listener.transcribed} chunk(s); the others were heard before (cached)")
    return over


@main.command("serve")
@click.argument("out", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path),
                default=DEFAULT_OUT)
@click.option("--port", "-p", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback: only this computer).")
@_friendly_errors
def serve_command(out: Path, port: int, host: str) -> None:
    """Preview the built show in a browser, with seeking that works (HTTP ranges).

    \b
    Example:
        storyaudio serve output/ --port 8000
    """
    try:
        server = make_server(out, host, port)
    except OSError as error:
        raise PublishError(f"cannot listen on {host}:{port} ({error.strerror})") from None
    click.echo(f"serving {out} at http://{host}:{server.server_address[1]}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command("init")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path),
                default=Path("."))
@_friendly_errors
def init_command(folder: Path) -> None:
    """Start a project: a commented storyaudio.toml, voices/lexicon.toml, a stories/ folder
    for your stories, and a sample story in sample/ (never published by a folder build).

    Files that already exist are left alone.

    \b
    Example:
        storyaudio init && storyaudio build sample/welcome.md --out preview
    """
    written = init_project(folder, date.today().isoformat())
    for path in written:
        click.echo(f"wrote {path}")
    if not written:
        click.echo("nothing to do: the files exist already")
        return
    click.echo("next: hear the sample with `storyaudio build sample/welcome.md --out preview`, write your "
               "stories in stories/, then `storyaudio build stories/` and `storyaudio check`")


@main.command("script")
@click.argument("story", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the script as JSON for other tools.")
@click.option("--words", "show_words", is_flag=True,
              help="Under each segment, show which written word became which spoken words.")
@click.option("--voice", help="The voice that would read it (as build --voice).")
@_format_option
@_show_option
@_friendly_errors
def script_command(story: Path, as_json: bool, show_words: bool, voice: str | None, format_: str | None,
                   show_file: Path | None) -> None:
    """Print what will be spoken for STORY (a file, or - for stdin), for proof-reading.

    Each segment shows its kind, the pause after it and the text the voice will
    speak; where that differs from the text as written, the written text follows.
    With --words, each written word said differently is listed with its spoken
    words (``£1.5m -> one point five million pounds``).

    \b
    Example:
        storyaudio script examples/the-night-ferry.md
    """
    show = load_show(show_file)
    script = write_script(read_story(story, format_, language=show.language), show.pauses,
                          lexicon=project_lexicon(lexicon_path(show), voice_folders(show)),
                          read_appeals=show.read_appeals)
    try:
        narrator = Casting(show, voice).voice_name(script.story)
        missing = ""
    except VoiceError as error:  # proof-reading needs no voice: show the script, and say what is missing
        narrator, missing = "no voice yet", str(error)

    def voices(segment: Segment) -> str:
        """Which voice speaks *segment*: its kind's role, else the narrator; quotes inside it apart."""
        if segment.parts and "quote" in show.roles and segment.kind == "sentence":
            return " + ".join(f"{kind}: {show.roles.get(kind, narrator)}" for kind, _ in segment.parts)
        return show.roles.get(segment.kind, narrator)
    if as_json:
        data = {
            "title": script.story.title,
            "language": script.story.language,
            # What each segment's start_char/end_char index into: the story as one text.
            "text": story_text(script.story),
            "chapters": [
                {"title": chapter.title, "segments": [
                    {"kind": s.kind, "source": s.source, "spoken": s.spoken, "pause_ms": s.pause_ms,
                     "start_char": s.start_char, "end_char": s.end_char, "voice": voices(s),
                     "parts": [{"kind": kind, "spoken": text} for kind, text in s.parts],
                     "words": [{"written": s.source[a:b], "start": a, "end": b, "spoken": said}
                               for (a, b), said in readings(s.source, s.spoken, s.words)]}
                    for s in chapter.segments
                ], "skipped": [
                    {"kind": s.kind, "source": s.source, "start_char": s.start_char, "end_char": s.end_char}
                    for s in chapter.skipped
                ]}
                for chapter in script.chapters
            ],
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        if missing:
            click.echo(f"storyaudio: warning: {missing}", err=True)
        return
    click.echo(f"# {script.story.title} ({script.story.language}), read by {narrator}")
    for number, chapter in enumerate(script.chapters, start=1):
        click.echo(f"## Chapter {number}: {chapter.title}")
        for segment in chapter.segments:
            click.echo(f"  [{segment.kind}, pause {segment.pause_ms} ms, {voices(segment)}] {segment.spoken}")
            if segment.spoken != segment.source:
                click.echo(f"      written: {segment.source}")
            if show_words:
                for (a, b), said in readings(segment.source, segment.spoken, segment.words):
                    if segment.source[a:b] != said:
                        click.echo(f"      {segment.source[a:b]} -> {said}")
        for segment in chapter.skipped:
            click.echo(f"  [{segment.kind}, skipped: set read_appeals = true to narrate it] {segment.source}")
        click.echo()
    if missing:
        click.echo(f"storyaudio: warning: nothing can read this story yet: {missing}", err=True)


@main.group("voices", invoke_without_command=True)
@click.option("--sample", "sample_text", metavar="TEXT", help="Speak TEXT into a file to listen to.")
@click.option("--voice", help="Voice for --sample (default: the default voice).")
@click.option("--out", "-o", "sample_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Sample file (default: sample-VOICE.mp3; .wav works too).")
@_show_option
@click.pass_context
@_friendly_errors
def voices_group(ctx: click.Context, sample_text: str | None, voice: str | None, sample_out: Path | None,
                 show_file: Path | None) -> None:
    """List the voices that can read now, or look after them (see the commands below).

    Each line shows the voice's name, engine, language, quality, speakers,
    licence, whether it works offline, and its description: the profiles
    (voices/*.toml) and the voices installed from the catalogue.

    \b
    Example:
        storyaudio voices
        storyaudio voices available en-GB
        storyaudio voices add en_GB-alba-medium
        storyaudio voices sample en_GB-alba-medium
    """
    if ctx.invoked_subcommand is not None:
        return
    if sample_text is not None:
        _write_sample(voice, sample_text, sample_out, show_file)
        return
    show = load_show(show_file)
    rows = [(p.name, p.engine, p.language, p.quality or "-", str(p.speakers), p.licence or "-", _offline(p),
             p.description) for p in list_voices(voice_folders(show))]
    _table(("name", "engine", "language", "quality", "speakers", "licence", "offline", "description"), rows)


@voices_group.command("available")
@click.argument("language", required=False, default="")
@_show_option
@_friendly_errors
def voices_available(language: str, show_file: Path | None) -> None:
    """List the voices of the catalogue that can be installed, for LANGUAGE (en-GB, es) or all.

    The catalogue is Piper's (about a hundred voices in forty languages), or
    the mirror that STORYAUDIO_VOICE_MIRROR or [voices] mirror names; it is
    kept, so this works offline after the first time.

    \b
    Example:
        storyaudio voices available es
    """
    catalogue = load_catalogue(voice_mirror(load_show(show_file)))
    voices = catalogue.matching(language)
    if not voices:
        raise VoiceError(f"the catalogue has no voice for {language!r}; `storyaudio voices available` lists "
                         "every language")
    installed = installed_names()
    _table(("name", "language", "quality", "speakers", "size", "installed"),
           [(v.name, v.language, v.quality, str(max(1, len(v.speakers))), f"{v.size / 1e6:.0f} MB",
             "yes" if v.name in installed else "") for v in voices])
    click.echo(f"{len(voices)} voice(s) from {catalogue.mirror}" + (" (kept copy)" if catalogue.saved else ""))


@voices_group.command("add")
@click.argument("names", nargs=-1, required=True)
@_show_option
@_friendly_errors
def voices_add(names: tuple[str, ...], show_file: Path | None) -> None:
    """Download and install the voices NAMES from the catalogue.

    Each file is checked against the catalogue's size and MD5 before the voice
    is installed, so nothing half-downloaded is ever used; a download that
    stopped resumes. Then a story can name the voice (voice: NAME, --voice
    NAME), and stories in its language pick it.

    \b
    Example:
        storyaudio voices add en_GB-alba-medium es_ES-davefx-medium
    """
    mirror = voice_mirror(load_show(show_file))
    catalogue = load_catalogue(mirror)
    voices = [catalogue.find(name) for name in names]  # every name checked before any download
    for voice in voices:
        with _DownloadBar(voice.name, voice.size) as bar:
            folder = install_voice(voice, mirror, progress=bar.update)
        profile = load_voice(voice.name)
        click.echo(f"installed {voice.name} ({voice.language}, {voice.size / 1e6:.0f} MB"
                   + (f", {profile.licence}" if profile.licence else "") + f") in {folder}")
        if is_non_commercial(profile.licence):
            click.echo(f"storyaudio: warning: {voice.name}'s licence ({profile.licence}) does not allow commercial "
                       "use", err=True)


@voices_group.command("remove")
@click.argument("name")
@_friendly_errors
def voices_remove(name: str) -> None:
    """Uninstall the voice NAME (installed with voices add).

    \b
    Example:
        storyaudio voices remove en_GB-alba-medium
    """
    click.echo(f"removed {name} from {remove_voice(name).parent}")


@voices_group.command("sample")
@click.argument("name")
@click.argument("text", required=False)
@click.option("--out", "-o", "sample_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Sample file (default: sample-NAME.mp3; .wav works too).")
@_show_option
@_friendly_errors
def voices_sample(name: str, text: str | None, sample_out: Path | None, show_file: Path | None) -> None:
    """Speak TEXT (or a sentence in the voice's language) with the voice NAME into a file.

    \b
    Example:
        storyaudio voices sample en_GB-alba-medium
        storyaudio voices sample default "Welcome to our stories." -o welcome.wav
    """
    _write_sample(name, text, sample_out, show_file)


SAMPLE_SENTENCES = {
    "en": "Hello. This is how I will read your stories: on 3 May, 1,250 people raised £4,500 for the clinic.",
    "es": "Hola. Así leeré sus historias: el 3 de mayo, 1.250 personas reunieron 4.500 euros para la clínica.",
    "fr": "Bonjour. Voici comment je lirai vos histoires : le 3 mai, 1 250 personnes ont réuni 4 500 euros.",
    "de": "Hallo. So lese ich Ihre Geschichten: Am 3. Mai sammelten 1.250 Menschen 4.500 Euro für die Klinik.",
    "it": "Ciao. Ecco come leggerò le vostre storie: il 3 maggio, 1.250 persone hanno raccolto 4.500 euro.",
    "pt": "Olá. É assim que vou ler as suas histórias: a 3 de maio, 1.250 pessoas angariaram 4.500 euros.",
}
"""What a sample says when no text is given, in the voice's language (English otherwise)."""


def _write_sample(voice: str | None, text: str | None, out: Path | None, show_file: Path | None) -> None:
    show = load_show(show_file)
    profile = load_voice(voice, voice_folders(show))
    language = primary_language(profile.language)
    out = out or Path(f"sample-{profile.name.replace(':', '-')}.mp3")
    write_voice_sample(profile, text or SAMPLE_SENTENCES.get(language, SAMPLE_SENTENCES["en"]), out,
                       project_lexicon(lexicon_path(show), voice_folders(show)))
    click.echo(f"wrote {out}")


def _table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Rows in columns as wide as their widest cell (the last column as it is)."""
    widths = [max(len(str(row[i])) for row in [headings, *rows]) for i in range(len(headings) - 1)]
    for row in [headings, *rows]:
        click.echo("  ".join([*(f"{cell:<{width}}" for cell, width in zip(row, widths, strict=False)),
                              str(row[-1])]).rstrip())


class _DownloadBar:
    """A progress bar for one voice's download on a terminal; nothing when stderr is not one."""

    def __init__(self, label: str, total: int) -> None:
        self.bar: Any = (click.progressbar(length=total, label=f"Downloading {label}", file=sys.stderr)
                         if sys.stderr.isatty() else None)
        self.shown = 0

    def __enter__(self) -> _DownloadBar:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def update(self, done: int, total: int) -> None:
        if self.bar is not None and done > self.shown:
            self.bar.update(done - self.shown)
            self.shown = done

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _offline(profile: VoiceProfile) -> str:
    """``yes`` when the voice works without the network on this machine now."""
    try:
        engine = create_engine(profile)
    except StoryAudioError:
        return "broken"
    return "no" if engine.needs_network else "yes"


@main.group("cache")
def cache_group() -> None:
    """Look after the clip cache that makes rebuilds fast.

    \b
    Example:
        storyaudio cache info
        storyaudio cache prune --older-than 30d
        storyaudio cache verify
    """




@cache_group.command("info")
@_cache_option
@_friendly_errors
def cache_info_command(cache_dir: Path | None) -> None:
    """Show where the clip cache is, how many clips it holds and their size.

    \b
    Example:
        storyaudio cache info
    """
    info = ClipCache(cache_dir or default_cache_dir()).info()
    click.echo(f"cache: {info.root}")
    click.echo(f"clips: {info.clips}, encoded spans: {info.spans}, web pages: {info.pages}, pictures: {info.images}, "
               f"transcriptions: {info.transcriptions}, {info.size_bytes / 1e6:.1f} MB in all")
    if info.oldest is not None:
        days = (time.time() - info.oldest) / 86400
        click.echo(f"least recently used: {days:.0f} days ago")


@cache_group.command("prune")
@click.option("--older-than", "older_than", required=True, metavar="AGE",
              help="Remove clips and encoded spans no build has used for AGE: 30d, 12h, 2w, 90m.")
@_cache_option
@_friendly_errors
def cache_prune_command(older_than: str, cache_dir: Path | None) -> None:
    """Remove clips that no build has used for a while.

    \b
    Example:
        storyaudio cache prune --older-than 30d
    """
    removed = ClipCache(cache_dir or default_cache_dir()).prune(parse_age(older_than))
    click.echo(f"removed {removed} cache entr{'y' if removed == 1 else 'ies'} (clips and encoded spans)")


@cache_group.command("verify")
@_cache_option
@_friendly_errors
def cache_verify_command(cache_dir: Path | None) -> None:
    """Check every clip and encoded span against its checksum and remove the damaged ones.

    A build never uses a damaged entry (it makes it again), so this only
    frees the space and says how many there were.

    \b
    Example:
        storyaudio cache verify
    """
    checked, removed = ClipCache(cache_dir or default_cache_dir()).verify()
    click.echo(f"checked {checked} cache entr{'y' if checked == 1 else 'ies'}: "
               f"{removed} damaged, removed" if removed else f"checked {checked} cache entries: all intact")


class _LineFormatter(logging.Formatter):
    """``storyaudio: warning: message``, matching the error lines."""

    def format(self, record: logging.LogRecord) -> str:
        return f"storyaudio: {record.levelname.lower()}: {record.getMessage()}"


class _ProgressBar:
    """A click progress bar on a terminal; nothing at all when stderr is not one."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.bar: Any = None
        self.shown = 0
        self.cached = 0
        self.audio_ms = 0
        self.sentences = 0

    def update(self, step: BuildProgress) -> None:
        self.cached += step.cached
        self.audio_ms += step.audio_ms
        self.sentences = step.total
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=step.total, label="Synthesising", file=sys.stderr,
                                         show_eta=True, show_pos=True, item_show_func=self._details)
            self.bar.__enter__()
        self.bar.update(step.done - self.shown, current_item=step)
        self.shown = step.done
        if step.done == step.total:
            self.close()

    def _details(self, step: BuildProgress | None) -> str:
        minutes, seconds = divmod(self.audio_ms // 1000, 60)
        return f"{self.cached} cached, {minutes}:{seconds:02d} of audio"

    def echo(self, line: str) -> None:
        """A line for the person watching, on its own line below the bar."""
        self.close()
        click.echo(line)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
