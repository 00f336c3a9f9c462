"""Stories from the web: page URLs, RSS/Atom feeds and sitemaps, read into :class:`Story` values.

:func:`find_pages` turns the URLs a team gives (or lists in ``[sources]``) into the story pages
they lead to; :func:`read_page` fetches one and extracts its article. A page's identity is its
canonical URL (``<link rel="canonical">``, else the address after redirects): the slug comes
from its path, so an edited headline keeps the episode's slug, guid and date.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from urllib.parse import unquote, urljoin, urlsplit

from ..atomic import atomic_write
from ..errors import StoryError
from ..models import Story
from .clean import clean_story
from .html import read_html
from .source import make_slug
from .web import Fetched, Fetcher, FetchError, RobotsForbid

log = logging.getLogger(__name__)

MAX_SITEMAPS = 50
"""Most child sitemaps one sitemap index is followed into."""

MIN_ARTICLE_WORDS = 25
"""Fewer words than this on a page is no story: what is left of a listing or search page."""

MAX_PAGES = 2000
"""Most story pages one build takes from feeds and sitemaps together."""


@dataclass(frozen=True)
class PageHint:
    """What a feed item says about its page, used where the page itself is silent."""

    title: str | None = None
    date: dt.date | None = None
    author: str | None = None
    image: str | None = None


@dataclass(frozen=True)
class Page:
    """A story page to read: its URL, what its feed said, and its body when already fetched."""

    url: str
    hint: PageHint = field(default_factory=PageHint)
    fetched: Fetched | None = None


@dataclass
class Found:
    """The pages the sources lead to, and one line per source that failed or was skipped."""

    pages: list[Page] = field(default_factory=list)
    failures: list[FetchError] = field(default_factory=list)


def find_pages(urls: Iterable[str], fetcher: Fetcher, *, feeds: Sequence[str] = (), sitemaps: Sequence[str] = (),
               match: str = "") -> Found:
    """The story pages behind *urls* (each a page, a feed or a sitemap, told apart by content),
    *feeds* and *sitemaps*. *match* (a ``*`` pattern) picks the pages found in feeds and sitemaps."""
    found = Found()
    seen: set[str] = set()

    def add(page: Page, listed: bool) -> None:
        if page.url in seen or (listed and match and not fnmatch.fnmatchcase(page.url, match)):
            return
        if len(found.pages) >= MAX_PAGES:
            raise StoryError(f"the sources list over {MAX_PAGES} story pages; narrow them with [sources] match")
        seen.add(page.url)
        found.pages.append(page)

    for url, kind in [*((u, "") for u in urls), *((u, "feed") for u in feeds), *((u, "sitemap") for u in sitemaps)]:
        try:
            fetched = fetcher.get(url)
            shape = kind or _shape(fetched)
            if shape == "sitemap":
                for page_url in _sitemap_pages(fetched, fetcher, depth=0):
                    add(Page(page_url), listed=True)
            elif shape == "feed":
                for page in _feed_pages(fetched):
                    add(page, listed=True)
            else:
                add(Page(url, fetched=fetched), listed=False)
        except FetchError as error:
            found.failures.append(error)
    return found


Published = Callable[[str, str], bool]
"""``published(slug, url)``: whether the output already holds the episode made from *url*."""


@dataclass
class WebStories:
    """What the web sources gave: stories to build, and counts and lines for the summary."""

    stories: list[Story] = field(default_factory=list)
    unchanged: int = 0
    """Pages the server said are unchanged (``304``) whose episodes are already published."""

    failures: list[FetchError] = field(default_factory=list)
    skipped: list[FetchError] = field(default_factory=list)
    """Pages ``robots.txt`` forbids: said, but not failures."""


def read_web_stories(urls: Iterable[str], fetcher: Fetcher, *, feeds: Sequence[str] = (),
                     sitemaps: Sequence[str] = (), match: str = "", images: bool = True,
                     published: Published | None = None, workers: int = 8) -> WebStories:
    """Every story behind the sources, fetched a few at a time (the fetcher keeps each site to two).
    With *published*, a page the server calls unchanged whose episode exists is counted, not read."""
    found = find_pages(urls, fetcher, feeds=feeds, sitemaps=sitemaps, match=match)
    result = WebStories()
    for error in found.failures:
        (result.skipped if isinstance(error, RobotsForbid) else result.failures).append(error)

    def one(page: Page) -> Story | FetchError | None:
        try:
            return read_page(page, fetcher, images=images, published=published)
        except FetchError as error:
            return error
        except StoryError as error:  # no article on the page, and the like: that page only
            return FetchError(page.url, str(error).removeprefix(f"{page.url}: "))

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for outcome in pool.map(one, found.pages):
            if outcome is None:
                result.unchanged += 1
            elif isinstance(outcome, RobotsForbid):
                result.skipped.append(outcome)
            elif isinstance(outcome, FetchError):
                result.failures.append(outcome)
            else:
                result.stories.append(outcome)
    return result


def read_page(page: Page, fetcher: Fetcher, *, images: bool = True, published: Published | None = None) -> Story | None:
    """Fetch (when not yet fetched) and read *page* into a story. Its lead image, with *images*,
    is downloaded into the fetcher's cache folder and becomes the story's cover. None when the
    server says the page is unchanged (``304``) and *published* says its episode exists: then
    nothing is extracted."""
    fetched = page.fetched or fetcher.get(page.url)
    text = _decode(fetched)
    canonical = canonical_url(text, fetched.final_url)
    if fetched.not_modified and published is not None and published(url_slug(canonical, ""), canonical):
        return None
    story = clean_story(read_html(text, None, name=page.url))
    words = sum(len(p.text.split()) for chapter in story.chapters for p in chapter.paragraphs)
    if words < MIN_ARTICLE_WORDS:  # a listing, search or error page: the extractor fell back on menus
        raise FetchError(page.url, f"no article found on the page (only {words} words of text); skipped")
    hint = page.hint
    image = (story.image or hint.image) if images else None
    story = replace(
        story,
        url=canonical,
        slug=url_slug(canonical, story.title),
        title=hint.title if story.title == "Untitled" and hint.title else story.title,
        date=story.date or hint.date,
        author=story.author or hint.author,
        image=_local_image(urljoin(fetched.final_url, image), fetcher) if image else None,
        content_hash=hashlib.sha256(fetched.body).hexdigest(),
    )
    return story


_CANONICAL = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def canonical_url(text: str, final_url: str) -> str:
    """The page's ``<link rel="canonical">`` (made absolute), else *final_url*, without a fragment."""
    head = text[: text.lower().find("</head>") if "</head>" in text.lower() else 200_000]
    for tag in _CANONICAL.findall(head):
        attributes = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                      for m in _ATTRIBUTE.finditer(tag)}
        if "canonical" in attributes.get("rel", "").lower().split() and attributes.get("href"):
            candidate = urljoin(final_url, attributes["href"].strip())
            if urlsplit(candidate).scheme in ("http", "https"):
                return str(candidate).split("#")[0]
    return final_url.split("#")[0]


_GENERIC = {"index", "default", "article", "story", "stories", "news", "page", "post", "amp"}


def url_slug(url: str, title: str) -> str:
    """A slug from the URL's path: its last meaningful segment (``/stories/the-night-ferry/`` gives
    ``the-night-ferry``), so the slug survives a changed headline; the title when the path has none."""
    segments = [unquote(part) for part in urlsplit(url).path.split("/") if part]
    words = []
    for segment in reversed(segments):
        stem = re.sub(r"\.(html?|php|aspx?)$", "", segment, flags=re.IGNORECASE)
        if stem and stem.lower() not in _GENERIC:
            words.append(stem)
            if not stem.isdigit():
                break
    return make_slug("-".join(reversed(words))) if words else make_slug(title)


def _shape(fetched: Fetched) -> str:
    """``feed``, ``sitemap`` or ``page``, from the content (servers mislabel feeds as text/html)."""
    start = fetched.body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<urlset" in start or b"<sitemapindex" in start:
        return "sitemap"
    if start.startswith(b"<?xml") or b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        if b"<html" not in start:
            return "feed"
    return "page"


def _feed_pages(fetched: Fetched) -> list[Page]:
    import feedparser

    parsed = feedparser.parse(fetched.body, response_headers={"content-location": fetched.final_url})
    if parsed.get("bozo") and not parsed.entries:
        raise FetchError(fetched.url, "not a readable RSS or Atom feed")
    pages: list[Page] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        url = urljoin(fetched.final_url, link)
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        pages.append(Page(url, PageHint(
            title=entry.get("title") or None,
            date=dt.date(*when[:3]) if when else None,
            author=entry.get("author") or None,
            image=_entry_image(entry),
        )))
    return pages


def _entry_image(entry: dict) -> str | None:  # type: ignore[type-arg]
    for key in ("media_content", "media_thumbnail"):
        for item in entry.get(key) or ():
            if item.get("url") and (key == "media_thumbnail" or str(item.get("medium", "image")) == "image"):
                return str(item["url"])
    for link in entry.get("links") or ():
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return str(link.get("href"))
    image = entry.get("image")
    return str(image.get("href")) if isinstance(image, dict) and image.get("href") else None


_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _sitemap_pages(fetched: Fetched, fetcher: Fetcher, depth: int) -> list[str]:
    try:
        root = ET.fromstring(fetched.body)
    except ET.ParseError as error:
        raise FetchError(fetched.url, f"not a readable sitemap ({error})") from None
    locations = [(element.text or "").strip() for element in root.iter(f"{_SITEMAP}loc")]
    locations = [urljoin(fetched.final_url, loc) for loc in locations if loc]
    if root.tag != f"{_SITEMAP}sitemapindex":
        return locations
    if depth >= 1:
        raise FetchError(fetched.url, "a sitemap index inside a sitemap index is not followed")
    pages: list[str] = []
    for child in locations[:MAX_SITEMAPS]:
        pages += _sitemap_pages(fetcher.get(child), fetcher, depth + 1)
    return pages


def _decode(fetched: Fetched) -> str:
    """The page's text: its declared charset, else UTF-8, else the best guess."""
    for encoding in (fetched.charset, "utf-8"):
        if encoding:
            try:
                return fetched.body.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    from charset_normalizer import from_bytes

    best = from_bytes(fetched.body).best()
    if best is None:
        raise FetchError(fetched.url, "the page's text encoding cannot be read")
    return str(best)


def _local_image(url: str, fetcher: Fetcher) -> str | None:
    """The picture at *url* saved in the fetcher's cache folder (its path), or None when it cannot
    be had: a missing lead image must not cost the story its episode (the cover is drawn instead)."""
    if fetcher.cache_dir is None or urlsplit(url).scheme not in ("http", "https"):
        return None
    try:
        fetched = fetcher.get(url, max_bytes=10 * 1024 * 1024)
    except FetchError as error:
        log.warning("%s; the episode gets a drawn cover", error)
        return None
    path = fetcher.cache_dir / "web" / "images" / hashlib.sha256(fetched.body).hexdigest()[:32]
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, fetched.body)
    return str(path)
