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
from urllib.parse import unquote, urlsplit

from ..atomic import atomic_write
from ..cache_layout import images_dir, touch
from ..errors import StoryError, first_line
from ..models import Story
from ..settings import MAX_PICTURE_PIXELS
from .clean import clean_story
from .html import read_html
from .language import with_language
from .source import make_slug
from .transfer import text_encoding
from .urls import BadURL, checked_url, host_of, identity_url, shown
from .web import Fetched, Fetcher, FetchError, RobotsForbid

log = logging.getLogger(__name__)

MAX_SITEMAPS = 50
"""Most child sitemaps one sitemap index is followed into."""

MIN_ARTICLE_WORDS = 25
"""Fewer words than this on a page is no story: what is left of a listing or search page."""

MAX_PAGES = 2000
"""Most story pages one build takes from feeds and sitemaps together."""

MAX_LISTED = 50_000
"""Most addresses one build looks at in feeds and sitemaps (the sitemap protocol's own limit
for one file), whether or not they match: collecting stops there, not after."""


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
    start: str | None = None
    """The feed or sitemap the page was listed in (None: the page was given itself)."""


@dataclass
class Found:
    """The pages the sources lead to, and one line per source that failed or was skipped."""

    pages: list[Page] = field(default_factory=list)
    failures: list[FetchError] = field(default_factory=list)


class _TooMany(Exception):
    """The sources list more story pages than one build takes."""


class _Collector:
    """The pages found so far, each once (by its identity), within :data:`MAX_PAGES` and
    :data:`MAX_LISTED`, counted as they are found rather than after."""

    def __init__(self, match: str, found: Found) -> None:
        self.match = match
        self.found = found
        self.seen: set[str] = set()
        self.listed = 0

    def add(self, page: Page, listed: bool) -> None:
        if listed:
            self.listed += 1
            if self.listed > MAX_LISTED:
                raise _TooMany(f"the sources list over {MAX_LISTED} addresses")
            if self.match and not fnmatch.fnmatchcase(page.url, self.match):
                return
        key = identity_url(page.url)
        if key in self.seen:
            return
        if len(self.found.pages) >= MAX_PAGES:
            raise _TooMany(f"the sources list over {MAX_PAGES} story pages")
        self.seen.add(key)
        self.found.pages.append(page)

    def forget(self, pages: Sequence[Page]) -> None:
        for page in pages:
            self.seen.discard(identity_url(page.url))

    def add_listed(self, link: str, base: str, source: str, hint: PageHint | None = None) -> None:
        """A page a feed or sitemap lists: an address that cannot be fetched is one line, and the
        rest of the list goes on."""
        try:
            url = checked_url(link, base)
        except BadURL as error:
            self.found.failures.append(FetchError(shown(link), f"{error.reason} (listed in {shown(source)})"))
            return
        self.add(Page(url, hint or PageHint(), start=source), listed=True)


def find_pages(urls: Iterable[str], fetcher: Fetcher, *, feeds: Sequence[str] = (), sitemaps: Sequence[str] = (),
               match: str = "") -> Found:
    """The story pages behind *urls* (each a page, a feed or a sitemap, told apart by content),
    *feeds* and *sitemaps*. *match* (a ``*`` pattern) picks the pages found in feeds and sitemaps.

    A source that fails, or lists more than one build takes, is one line of :attr:`Found.failures`
    naming it, and the other sources are still read. Limits are counted while collecting."""
    found = Found()
    pages = _Collector(match, found)
    for url, kind in [*((u, "") for u in urls), *((u, "feed") for u in feeds), *((u, "sitemap") for u in sitemaps)]:
        before = len(found.pages)
        try:
            fetched = fetcher.get(url)
            shape = kind or _shape(fetched)
            if shape == "sitemap":
                _sitemap_pages(fetched, fetcher, pages, source=fetched.url)
            elif shape == "feed":
                for link, hint in _feed_links(fetched):
                    pages.add_listed(link, fetched.final_url, fetched.url, hint)
            else:
                pages.add(Page(fetched.url, fetched=fetched), listed=False)
        except FetchError as error:
            found.failures.append(error)
        except _TooMany as error:  # this source is refused whole; the others are still read
            pages.forget(found.pages[before:])
            del found.pages[before:]
            found.failures.append(FetchError(shown(url), f"{error}; none of its pages are read: narrow the "
                                                         "sources with [sources] match"))
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
                     published: Published | None = None, workers: int = 8, language: str = "en") -> WebStories:
    """Every story behind the sources, fetched a few at a time (the fetcher keeps each site to two).
    With *published*, a page the server calls unchanged whose episode exists is counted, not read."""
    found = find_pages(urls, fetcher, feeds=feeds, sitemaps=sitemaps, match=match)
    result = WebStories()
    for error in found.failures:
        (result.skipped if isinstance(error, RobotsForbid) else result.failures).append(error)

    def one(page: Page) -> Story | FetchError | None:
        try:
            return read_page(page, fetcher, images=images, published=published, language=language)
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


def read_page(page: Page, fetcher: Fetcher, *, images: bool = True, published: Published | None = None,
              language: str = "en") -> Story | None:
    """Fetch (when not yet fetched) and read *page* into a story. Its lead image, with *images*,
    is downloaded into the fetcher's cache folder and becomes the story's cover. None when the
    server says the page is unchanged (``304``) and *published* says its episode exists: then
    nothing is extracted. *language* is the language of a page that does not state one."""
    fetched = page.fetched or fetcher.get(page.url, start=page.start)
    text = _decode(fetched)
    identity = page_identity(fetched, canonical_url(text, fetched.final_url))
    if fetched.not_modified and published is not None and published(url_slug(identity, ""), identity):
        return None
    story = with_language(clean_story(read_html(text, None, name=page.url)), language)
    words = sum(len(p.text.split()) for chapter in story.chapters for p in chapter.paragraphs)
    if words < MIN_ARTICLE_WORDS:  # a listing, search or error page: the extractor fell back on menus
        raise FetchError(page.url, f"no article found on the page (only {words} words of text); skipped")
    hint = page.hint
    image = (story.image or hint.image) if images else None
    story = replace(
        story,
        url=identity,
        fetched_url=fetched.url,
        slug=url_slug(identity, story.title),
        title=hint.title if story.title == "Untitled" and hint.title else story.title,
        date=story.date or hint.date,
        author=story.author or hint.author,
        image=_local_image(image, fetched.final_url, fetcher, page.start or fetched.url) if image else None,
        content_hash=hashlib.sha256(fetched.body).hexdigest(),
    )
    return story


def page_identity(fetched: Fetched, canonical: str) -> str:
    """The address an episode made from *fetched* is known by: its canonical link when that is on
    the page's own host (with or without ``www.``), else the address it was fetched from (after redirects); without
    tracking parameters either way. A canonical link to another host is ignored, with a warning:
    a page on one site must not take over an episode made from another."""
    own = {_site_host(fetched.url), _site_host(fetched.final_url)}
    if _site_host(canonical) not in own:
        log.warning("%s: its canonical link names %s, on another host than the page's own; the page's own "
                    "address is kept as the episode's identity", shown(fetched.url), shown(canonical))
        canonical = fetched.final_url
    return identity_url(canonical)


def _site_host(url: str) -> str:
    """The host, ``www.`` and all: ``www.example.org`` and ``example.org`` are one site."""
    return host_of(url).removeprefix("www.")


_CANONICAL = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def canonical_url(text: str, final_url: str) -> str:
    """The page's ``<link rel="canonical">`` (made absolute and checked), else *final_url*, without
    a fragment or credentials. A canonical link that is no fetchable address is ignored."""
    lowered = text[:400_000].lower()
    head = text[: lowered.find("</head>") if "</head>" in lowered else 200_000]
    for tag in _CANONICAL.findall(head):
        attributes = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                      for m in _ATTRIBUTE.finditer(tag)}
        if "canonical" in attributes.get("rel", "").lower().split() and attributes.get("href"):
            try:
                return checked_url(attributes["href"], base=final_url)
            except BadURL as error:
                log.warning("%s: its canonical link is ignored: %s", shown(final_url), error)
                break
    return checked_url(final_url)


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


def _feed_links(fetched: Fetched) -> list[tuple[str, PageHint]]:
    """Each item's link in a feed, as written, with what the item says about its page."""
    import feedparser

    _check_xml_encoding(fetched)
    parsed = feedparser.parse(fetched.body, response_headers={"content-location": fetched.final_url})
    if parsed.get("bozo") and not parsed.entries:
        raise FetchError(fetched.url, "not a readable RSS or Atom feed")
    links: list[tuple[str, PageHint]] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        links.append((str(link), PageHint(
            title=entry.get("title") or None,
            date=dt.date(*when[:3]) if when else None,
            author=entry.get("author") or None,
            image=_entry_image(entry),
        )))
    return links


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


def _sitemap_pages(fetched: Fetched, fetcher: Fetcher, pages: _Collector, source: str, depth: int = 0) -> None:
    """Add the pages a sitemap lists to *pages*; an index's children are followed (the first
    :data:`MAX_SITEMAPS`, with a warning when there are more), and a child that fails is one
    line while the others are read."""
    _check_xml_encoding(fetched)
    try:
        root = ET.fromstring(fetched.body)
    except ET.ParseError as error:
        raise FetchError(fetched.url, f"not a readable sitemap ({error})") from None
    locations = ((element.text or "").strip() for element in root.iter(f"{_SITEMAP}loc"))
    if root.tag != f"{_SITEMAP}sitemapindex":
        for location in locations:
            if location:
                pages.add_listed(location, fetched.final_url, source)
        return
    if depth >= 1:
        raise FetchError(fetched.url, "a sitemap index inside a sitemap index is not followed")
    children = [location for location in locations if location]
    if len(children) > MAX_SITEMAPS:
        log.warning("%s: a sitemap index of %d sitemaps; only the first %d are read", shown(fetched.url),
                    len(children), MAX_SITEMAPS)
    for child in children[:MAX_SITEMAPS]:
        try:
            child_url = checked_url(child, fetched.final_url)
            _sitemap_pages(fetcher.get(child_url, start=source), fetcher, pages, source, depth + 1)
        except BadURL as error:
            pages.found.failures.append(FetchError(shown(child), f"{error.reason} (listed in {shown(source)})"))
        except FetchError as error:
            pages.found.failures.append(error)


_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']{1,40})["']""")


def _check_xml_encoding(fetched: Fetched) -> None:
    """Refuse a feed or sitemap that declares a text encoding no web page uses (the parsers
    would decode with it, and some such codecs take time quadratic in the size)."""
    declared = _XML_DECLARATION.match(fetched.body[:512].lstrip(b"\xef\xbb\xbf"))
    for label in (fetched.charset, declared.group(1).decode("ascii", "replace") if declared else None):
        if label and text_encoding(label) is None:
            raise FetchError(fetched.url, f"declares the text encoding {label[:40]!r}, which is not one web pages use")


def _decode(fetched: Fetched) -> str:
    """The page's text: its declared charset (when it is a web text encoding), else UTF-8,
    else the best guess."""
    for encoding in (text_encoding(fetched.charset), "utf-8"):
        if encoding:
            try:
                return fetched.body.decode(encoding)
            except UnicodeDecodeError:
                continue
    from charset_normalizer import from_bytes

    best = from_bytes(fetched.body).best()
    if best is None or text_encoding(best.encoding) is None:
        raise FetchError(fetched.url, "the page's text encoding cannot be read")
    return str(best)



PICTURE_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP"})


def _local_image(image: str, base: str, fetcher: Fetcher, start: str) -> str | None:
    """The picture at *image* (against *base*) saved in the fetcher's cache folder (its path), or
    None when it cannot be had or used: a lead image that is missing, not a raster picture,
    too large or damaged gives one warning naming it, and the episode a drawn cover."""
    if fetcher.cache_dir is None:
        return None
    try:
        url = checked_url(image, base)
        fetched = fetcher.get(url, max_bytes=10 * 1024 * 1024, start=start)
    except (BadURL, FetchError) as error:
        log.warning("%s; the episode gets a drawn cover", error)
        return None
    problem = picture_problem(fetched.body)
    if problem:
        log.warning("%s: the lead picture %s; the episode gets a drawn cover", shown(url), problem)
        return None
    path = images_dir(fetcher.cache_dir) / hashlib.sha256(fetched.body).hexdigest()[:32]
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, fetched.body)
    touch(path)
    return str(path)


def picture_problem(data: bytes) -> str | None:
    """Why *data* cannot be a cover (None when it can): not a JPEG, PNG, GIF or WebP picture,
    over :data:`MAX_PICTURE_PIXELS`, or not decodable. The size is read from the header before
    anything is decoded, so a decompression bomb costs nothing."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                if picture.format not in PICTURE_FORMATS:
                    return f"is not a JPEG, PNG, GIF or WebP picture ({picture.format or 'unknown'})"
                width, height = picture.size
                if width * height > MAX_PICTURE_PIXELS:
                    return f"is {width} x {height} pixels, over the limit of {MAX_PICTURE_PIXELS:,}"
                picture.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        return f"cannot be read as a picture ({first_line(error, 100)})"
    return None
