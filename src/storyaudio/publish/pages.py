"""The player page of each episode and the show's index page, from Jinja2 templates.

Autoescaping is always on: story text is shown as text, never as markup.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .. import layout
from ..layout import EMBED_PAGE, FEED_FILE, episode_path
from ..models import Cue, Episode
from ..settings import Show, show_relative
from .feed import site_url
from .interface import (
    ENGLISH,
    N_,
    decimal,
    human_date,
    interface_language,
    script_words,
    spoken_duration,
    translations,
)


@dataclass(frozen=True)
class TranscriptChapter:
    title: str
    blocks: tuple[tuple[Cue, ...], ...]
    """The chapter's cues, grouped into the story's paragraphs."""

    heading: Cue | None = None
    """The spoken chapter heading, shown as the chapter's heading rather than as a paragraph."""


def cue_html(cue: Cue) -> Markup:
    """The cue's text with each timed word in a ``<span class="w" data-s data-e>`` (milliseconds),
    which the player lights up as the word is said; without JavaScript the spans change nothing."""
    parts: list[str] = []
    position = 0
    for word in cue.words:
        if word.start_char < position:
            continue  # spoken words sharing a written word are one WordTime already; never overlap
        parts.append(str(escape(cue.text[position:word.start_char])))
        parts.append(f'<span class="w" data-s="{word.start_ms}" data-e="{word.end_ms}">'
                     f"{escape(cue.text[word.start_char:word.end_char])}</span>")
        position = word.end_char
    parts.append(str(escape(cue.text[position:])))
    return Markup("".join(parts))


def clock(ms: int) -> str:
    """``1:05`` or ``1:02:05``: a time as players show it."""
    seconds = ms // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "syr", "ug", "ur", "yi"})
"""Primary language subtags written right to left: their pages are mirrored (``dir="rtl"``)."""


EMBED_HEIGHT = 270
"""The embed snippet's iframe height in CSS px: the embed page fits it at every width from 288 px
(a 320 px phone's column) up, with or without JavaScript, whatever the title's or a sentence's
length (a browser test measures it), so the code works pasted as is."""

READING_CHOICES = (
    ("size", N_("Text size"), (("100", "100%"), ("125", "125%"), ("150", "150%"), ("175", "175%"), ("200", "200%"))),
    ("lines", N_("Line spacing"), (("normal", N_("Normal")), ("wide", N_("Wide")), ("wider", N_("Wider")))),
    ("letters", N_("Letter spacing"), (("normal", N_("Normal")), ("wide", N_("Wide")), ("wider", N_("Wider")))),
    ("font", N_("Font"), (("system", N_("Standard")), ("dyslexic", N_("OpenDyslexic (dyslexia-friendly)")))),
    ("tint", N_("Background"), (("none", N_("Plain")), ("cream", N_("Cream")), ("blue", N_("Blue")),
                                ("green", N_("Green")), ("grey", N_("Grey")))),
)
"""The reading preferences panel's choices, as (name, label, ((value, text), ...)); the first value
is the default. ``prefs.js`` sets each chosen value as ``data-NAME`` on ``<html>``; style.css reads it.
Labels and texts are English msgids, translated where the panel is drawn."""


def text_direction(language: str) -> str:
    """``rtl`` for a language written right to left (``ar``, ``he-IL``), else ``ltr``."""
    return "rtl" if language.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


def ui(language: str, within: str | None = None) -> Markup:
    """`` lang="en"`` on the pages' own words where they are not in the language around them: a page in
    Swahili, which has no catalogue, shows "Play" marked English, so a screen reader speaks it with an
    English voice (WCAG 3.1.2); a Spanish page's "Reproducir" needs no mark. *within* is the language
    of the element around the words, where it is not the page's (an episode's card on the show page)."""
    words = interface_language(language)
    around = (within or language).replace("_", "-").split("-")[0].lower()
    return Markup("") if words == around else Markup(f' lang="{words}"')


@lru_cache(maxsize=16)
def _environment(user_templates: str = "", words: str = ENGLISH) -> jinja2.Environment:
    """Jinja2 with autoescaping and the i18n extension holding the catalogue of *words*; a team's
    template folder is searched before the built-in one."""
    loaders: list[jinja2.BaseLoader] = []
    if user_templates:
        loaders.append(jinja2.FileSystemLoader(user_templates))
    loaders.append(jinja2.PackageLoader("storyaudio", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(words), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(clock=clock, layout=layout, cue_html=cue_html, text_direction=text_direction, ui=ui,
                       human_date=human_date, decimal=decimal, reading_choices=READING_CHOICES)
    return env


def _templates(show: Show, language: str) -> jinja2.Environment:
    """The templates with the pages' words in *language* (the story's, or the show's on its index)."""
    folder = show_relative(show, show.templates)
    return _environment(str(folder) if folder else "", interface_language(language))


def _words_around(show: Show, language: str) -> dict[str, object]:
    """What every page's template needs for its own words: the script's words, the show title's
    language where it differs from the page's, and "0 seconds" for the slider."""
    same = show.language.split("-")[0].lower() == language.split("-")[0].lower()
    show_lang = Markup("") if same else Markup(' lang="{}"').format(show.language)
    return {"script_words": script_words(language), "show_lang": show_lang, "no_time": spoken_duration(0, language)}


def page_stamp(show: Show, artwork: str | None) -> str:
    """A hash of everything besides the episode that shapes its page: show, templates, version."""
    from .._version import __version__

    templates = files("storyaudio").joinpath("templates")
    digest = hashlib.sha256(f"{__version__}\0{show!r}\0{artwork}".encode())
    for name in sorted(entry.name for entry in templates.iterdir()):
        digest.update(templates.joinpath(name).read_bytes())
    user = show_relative(show, show.templates)
    if user and user.is_dir():
        for path in sorted(user.rglob("*")):
            if path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _page_key(stamp: str, episode: Episode) -> str:
    facts = (episode.build_key, episode.guid, episode.pub_date, episode.title, episode.size_bytes,
             episode.duration_ms, episode.description, episode.author, episode.url)
    return f"<!-- storyaudio page {stamp} {hashlib.sha256(repr(facts).encode()).hexdigest()[:16]} -->"


def page_is_current(page: Path, stamp: str, episode: Episode) -> bool:
    """True when *page* was rendered from this episode with these templates and settings.

    Regenerating a big show then only renders the pages that changed.
    """
    try:
        with open(page, encoding="utf-8") as handle:
            handle.readline()  # <!DOCTYPE html>
            return handle.readline().rstrip("\n") == _page_key(stamp, episode)
    except OSError:
        return False


def transcript_chapters(episode: Episode) -> list[TranscriptChapter]:
    """The episode's cues grouped by chapter, then by paragraph, for the transcript."""
    chapters = []
    for index, chapter in enumerate(episode.chapters):
        blocks: dict[int, list[Cue]] = {}
        for cue in episode.cues:
            if cue.chapter == index:
                blocks.setdefault(cue.block, []).append(cue)
        grouped = [tuple(block) for block in blocks.values()]
        heading = None
        if len(episode.chapters) > 1 and grouped and len(grouped[0]) == 1 and grouped[0][0].kind in (
                "title", "heading"):
            heading, grouped = grouped[0][0], grouped[1:]
        chapters.append(TranscriptChapter(chapter.title, tuple(grouped), heading))
    return [chapter for chapter in chapters if chapter.blocks or chapter.heading]


def render_episode_page(show: Show, episode: Episode, stamp: str = "") -> str:
    """The player page: audio, chapters, the full transcript and the embed code."""
    embed_url = site_url(show, episode_path(episode.slug, EMBED_PAGE))
    templates = _templates(show, episode.language)
    listen = translations(interface_language(episode.language)).gettext("Listen: %(title)s") % {"title": episode.title}
    snippet = (f'<iframe src="{escape(embed_url)}" title="{escape(listen)}" width="100%" '
               f'height="{EMBED_HEIGHT}" style="border:0" loading="lazy"></iframe>')
    return templates.get_template("episode.html").render(
        show=show, episode=episode, root="../../", language=episode.language,
        published=parsedate_to_datetime(episode.pub_date), embed_is_absolute=bool(show.base_url),
        page_key=_page_key(stamp, episode), embed=False, embed_snippet=snippet,
        transcript=transcript_chapters(episode), duration=spoken_duration(episode.duration_ms, episode.language),
        **_words_around(show, episode.language),
    )


def render_embed_page(show: Show, episode: Episode) -> str:
    """The compact player for an <iframe> on the organisation's own story page."""
    return _templates(show, episode.language).get_template(EMBED_PAGE).render(
        show=show, episode=episode, root="../../", language=episode.language, embed=True,
        duration=spoken_duration(episode.duration_ms, episode.language), **_words_around(show, episode.language),
    )


def render_show_page(show: Show, episodes: Sequence[Episode], artwork: str | None = None) -> str:
    """The show's index, its words in the show's language; each episode's card is marked with its own."""
    return _templates(show, show.language).get_template("show.html").render(
        show=show, episodes=episodes, root="", language=show.language, artwork=artwork,
        feed_url=site_url(show, FEED_FILE),
        duration=lambda e: spoken_duration(e.duration_ms, show.language),
        iso_date=lambda e: parsedate_to_datetime(e.pub_date).date().isoformat(),
        human_date=lambda e: human_date(parsedate_to_datetime(e.pub_date), show.language),
        **_words_around(show, show.language),
    )


def asset(name: str) -> bytes:
    """A static file from the templates folder (``style.css``, ``player.js``, the font), as served.

    Comments and indentation are for the next engineer, not the listener's connection: whole-line
    ``//`` comments in scripts, ``/* */`` comments in style sheets and every line's leading spaces
    are left out of what is published (neither file has a multi-line string for them to change).
    """
    data = (files("storyaudio") / "templates" / name).read_bytes()
    if name.endswith(".js"):
        lines = [line.lstrip() for line in data.decode("utf-8").splitlines(keepends=True)]
        return "".join(line for line in lines if not line.startswith("//")).encode("utf-8")
    if name.endswith(".css"):
        text = re.sub(r"/\*.*?\*/\n?", "", data.decode("utf-8"), flags=re.DOTALL)
        return "".join(line.lstrip() for line in text.splitlines(keepends=True)).encode("utf-8")
    return data
