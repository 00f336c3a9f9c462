"""Building from the web: story pages, a feed and a sitemap index served by a real HTTP server on
127.0.0.1 that counts every request, so politeness (robots.txt, retries, conditional requests)
is checked on the wire, not on a mock.

The site holds our own pages in the shape of news and charity story pages (tests/data/web), a
feed, a sitemap index, a robots.txt that forbids one path, a page that redirects, one that
answers 503 then 200, one that is too large and one with no article.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import re
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

import storyaudio
from storyaudio.cli import main
from storyaudio.errors import BuildFailures
from storyaudio.layout import FEED_FILE
from storyaudio.read.source import MAX_STORY_BYTES
from storyaudio.settings import Show, Sources

from .conftest import DATA

WEB = DATA / "web"


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 600), colour).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class Site:
    """The pages the server answers with (path -> (body, content type)), and what it saw."""

    root: str = ""
    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    failing_once: set[str] = field(default_factory=set)
    requests: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)
    times: dict[str, list[float]] = field(default_factory=dict)
    agents: set[str] = field(default_factory=set)
    active: int = 0
    most_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.root + path.lstrip("/")

    def edit(self, path: str, old: str, new: str) -> None:
        body, kind = self.pages[path]
        self.pages[path] = (body.replace(old.encode(), new.encode()), kind)


def _story_site(root: str) -> Site:
    site = Site(root=root)
    html = "text/html; charset=utf-8"
    for name in ("harbour-ferry", "clinic-day", "garden-project"):
        text = (WEB / f"{name}.html").read_text().replace("CANONICAL_HOST", root.split("//")[1].rstrip("/"))
        site.pages[f"/stories/{name}/"] = (text.encode(), html)
    site.pages["/stories/listing/"] = ((WEB / "no-article.html").read_bytes(), html)
    site.pages["/private/staff-notes/"] = ((WEB / "garden-project.html").read_bytes(), html)
    site.pages["/stories/huge/"] = (b"<html><body><p>" + b"word " * (MAX_STORY_BYTES // 5 + 10) + b"</p></body></html>",
                                    html)
    site.pages["/about/"] = ((WEB / "garden-project.html").read_bytes(), html)
    site.pages["/media/ferry.png"] = (_png((230, 120, 20)), "image/png")
    site.pages["/media/clinic.png"] = (_png((20, 140, 90)), "image/png")
    site.pages["/robots.txt"] = (b"User-agent: *\nDisallow: /private/\nDisallow: /*?print=\n", "text/plain")
    site.redirects["/old/harbour-ferry"] = "/stories/harbour-ferry/"
    site.failing_once.add("/stories/clinic-day/")
    items = [("The last ferry", "/old/harbour-ferry"), ("Clinic day", "/stories/clinic-day/"),
             ("Mill Lane", "/stories/garden-project/"), ("Staff notes", "/private/staff-notes/"),
             ("Everything", "/stories/huge/")]
    entries = "".join(f"<item><title>{title}</title><link>{root.rstrip('/')}{path}</link>"
                      f"<pubDate>Tue, 17 Nov 2026 09:00:00 GMT</pubDate></item>" for title, path in items)
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Stories</title>{entries}</channel></rss>'
    site.pages["/feed.xml"] = (feed.encode(), "application/rss+xml")
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    index = (f'<?xml version="1.0"?><sitemapindex xmlns="{namespace}"><sitemap><loc>{root}sitemap-stories.xml</loc>'
             f"</sitemap><sitemap><loc>{root}sitemap-pages.xml</loc></sitemap></sitemapindex>")
    stories = "".join(f"<url><loc>{root}stories/{name}/</loc></url>" for name in ("garden-project", "harbour-ferry"))
    site.pages["/sitemap.xml"] = (index.encode(), "application/xml")
    site.pages["/sitemap-stories.xml"] = (f'<urlset xmlns="{namespace}">{stories}</urlset>'.encode(), "application/xml")
    site.pages["/sitemap-pages.xml"] = (f'<urlset xmlns="{namespace}"><url><loc>{root}about/</loc></url></urlset>'
                                        .encode(), "application/xml")
    return site


class _Handler(http.server.BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        site, path = self.site, self.path
        with site.lock:
            site.requests[path] += 1
            site.times.setdefault(path, []).append(time.monotonic())
            site.agents.add(self.headers.get("User-Agent", ""))
            site.active += 1
            site.most_active = max(site.most_active, site.active)
        try:
            time.sleep(0.01)  # long enough for overlapping requests to show
            self._answer(site, path)
        finally:
            with site.lock:
                site.active -= 1

    def _answer(self, site: Site, path: str) -> None:
        if path in site.redirects:
            self.send_response(301)
            self.send_header("Location", site.redirects[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path in site.failing_once:
            site.failing_once.discard(path)
            self.send_response(503)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path not in site.pages:
            self.send_response(404 if not path.startswith("/gone") else 410)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body, kind = site.pages[path]
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            site.not_modified[path] += 1
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", formatdate(usegmt=True))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[Site]:
    handler = type("Handler", (_Handler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.site = _story_site(f"http://127.0.0.1:{server.server_address[1]}/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler.site
    server.shutdown()
    server.server_close()


@pytest.fixture
def web_cache(cache_dir: Path) -> Path:
    """The session's clip cache, so sentences heard before are not synthesised again (each test's
    server has its own port, so the pages kept for conditional requests never mix)."""
    return cache_dir


def _build(site: Site, out: Path, urls: list[str], cache: Path, **options) -> tuple[list, list[str], list[str]]:
    """Build *urls*; returns the episodes, the lines reported and the failure lines."""
    lines: list[str] = []
    show = options.pop("show", Show(base_url="https://stories.charity.org.uk/audio/"))
    try:
        episodes = storyaudio.build(urls, out, show=show, cache_dir=cache, report=lines.append, jobs=1, **options)
        return episodes, lines, []
    except BuildFailures as failures:
        return failures.episodes, lines, failures.failures


def test_a_feed_builds_its_stories_politely_and_links_back(site: Site, tmp_path: Path, web_cache: Path) -> None:
    out = tmp_path / "out"
    episodes, lines, failed = _build(site, out, [site.url("feed.xml")], web_cache)
    assert sorted(e.slug for e in episodes) == ["clinic-day", "garden-project", "harbour-ferry"]
    # One line per failure, naming the URL and why; the forbidden page skipped, never fetched.
    assert failed == [f"{site.url('stories/huge/')}: over the {MAX_STORY_BYTES} byte limit "
                      f"({len(site.pages['/stories/huge/'][0])} bytes)"]
    assert lines == ["sources: 3 new, 0 changed, 0 unchanged, 1 failed, 1 skipped (robots.txt)"]
    assert site.requests["/private/staff-notes/"] == 0 and site.requests["/robots.txt"] == 1
    # The redirect was followed, the 503 retried after its Retry-After, and we said who we are.
    assert site.requests["/old/harbour-ferry"] == 1 and site.requests["/stories/harbour-ferry/"] == 1
    clinic = site.times["/stories/clinic-day/"]
    assert len(clinic) == 2 and clinic[1] - clinic[0] >= 0.95
    assert all(agent.startswith(f"storyaudio/{storyaudio.__version__} ") for agent in site.agents)
    assert site.most_active <= 2  # never more than two requests at once to the site
    # Identity follows the canonical URL; feed and page link back to the original story.
    ferry = next(e for e in episodes if e.slug == "harbour-ferry")
    assert ferry.url == site.url("stories/harbour-ferry/") and ferry.author == "Ruth Adebayo"
    items = {item.findtext("guid"): item for item in ET.parse(out / FEED_FILE).getroot().iter("item")}
    assert items[ferry.guid].findtext("link") == ferry.url
    page = (out / "episodes/harbour-ferry/index.html").read_text()
    assert f'<a href="{ferry.url}">Read the original story</a>' in page
    # The page's lead image became the cover (orange), fetched with the same client.
    with Image.open(out / "episodes/harbour-ferry/cover.jpg") as cover:
        red, green, blue = cover.convert("RGB").resize((1, 1)).getpixel((0, 0))
    assert red > 200 and 90 < green < 150 and blue < 60
    # A feed item's date fills in for a page without one.
    garden = next(e for e in episodes if e.slug == "garden-project")
    assert "17 Nov 2026" in garden.pub_date


def test_unchanged_pages_cost_one_304_each_and_nothing_is_rewritten(site: Site, tmp_path: Path,
                                                                     web_cache: Path) -> None:
    out = tmp_path / "out"
    feed, kind = site.pages["/feed.xml"]  # a clean feed this time: the private page is only skipped
    site.pages["/feed.xml"] = (re.sub(rb"<item><title>Everything</title>.*?</item>", b"", feed), kind)
    _build(site, out, [site.url("feed.xml")], web_cache)
    feed_before = (out / FEED_FILE).stat().st_mtime_ns
    synthesised: list[int] = []
    episodes, lines, failed = _build(site, out, [site.url("feed.xml")], web_cache,
                                     progress=lambda step: synthesised.append(step.done))
    assert lines == ["sources: 0 new, 0 changed, 3 unchanged, 0 failed, 1 skipped (robots.txt)"]
    assert episodes == [] and failed == [] and synthesised == []
    for path in ("/stories/harbour-ferry/", "/stories/clinic-day/", "/stories/garden-project/"):
        assert site.not_modified[path] == 1, path  # asked with its ETag, answered 304
    assert (out / FEED_FILE).stat().st_mtime_ns == feed_before  # nothing rewritten


def test_an_edited_page_keeps_its_identity_and_only_new_sentences_are_synthesised(
        site: Site, tmp_path: Path, web_cache: Path) -> None:
    out = tmp_path / "out"
    url = site.url("stories/harbour-ferry/")
    (first,), _, _ = _build(site, out, [url], web_cache)
    site.edit("/stories/harbour-ferry/", "The last ferry of the winter", "Farewell to the winter ferry")
    site.edit("/stories/harbour-ferry/", "a dog called Biscuit", "a dog called Pepper")
    steps = []
    (second,), lines, _ = _build(site, out, [url], web_cache, progress=steps.append)
    assert lines == ["sources: 0 new, 1 changed, 0 unchanged, 0 failed"]
    assert (second.slug, second.guid, second.pub_date) == (first.slug, first.guid, first.pub_date)
    assert second.title == "Farewell to the winter ferry"
    assert sum(not step.cached for step in steps) == 2  # the new title and the changed sentence


def test_a_sitemap_index_with_a_pattern_builds_from_the_show_sources(site: Site, tmp_path: Path,
                                                                     web_cache: Path) -> None:
    out = tmp_path / "out"
    show = Show(base_url="https://stories.charity.org.uk/audio/",
                sources=Sources(sitemaps=(site.url("sitemap.xml"),), match=site.url("stories/*")))
    episodes, lines, failed = _build(site, out, [], web_cache, show=show)
    assert sorted(e.slug for e in episodes) == ["garden-project", "harbour-ferry"]
    assert site.requests["/about/"] == 0 and failed == []
    assert lines == ["sources: 2 new, 0 changed, 0 unchanged, 0 failed"]


def test_a_page_without_an_article_is_one_line_and_the_others_are_built(site: Site, tmp_path: Path,
                                                                        web_cache: Path) -> None:
    out = tmp_path / "out"
    urls = [site.url("stories/listing/"), site.url("stories/garden-project/")]
    episodes, _, failed = _build(site, out, urls, web_cache)
    assert [e.slug for e in episodes] == ["garden-project"]
    assert len(failed) == 1 and failed[0].startswith(site.url("stories/listing/") + ": no article found")


def test_offline_each_failed_url_is_one_line_exit_2_and_the_show_is_untouched(site: Site, tmp_path: Path,
                                                                             web_cache: Path) -> None:
    out = tmp_path / "out"
    _build(site, out, [site.url("stories/garden-project/")], web_cache)
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    runner = CliRunner(mix_stderr=False)
    result = runner.invoke(main, ["build", "http://127.0.0.1:9/feed.xml", site.url("stories/gone-away/"),
                                  "-o", str(out), "--cache", str(web_cache)])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("storyaudio: error:")]
    assert errors[0].startswith("storyaudio: error: http://127.0.0.1:9/feed.xml: cannot connect")
    assert errors[1] == f"storyaudio: error: {site.url('stories/gone-away/')}: HTTP 404: the page is gone"
    assert len(errors) == 2 and "Traceback" not in result.output
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == before


def test_a_story_gone_from_the_feed_is_kept_and_prune_removes_gone_pages(site: Site, tmp_path: Path,
                                                                        web_cache: Path) -> None:
    out = tmp_path / "out"
    urls = [site.url("stories/garden-project/"), site.url("stories/clinic-day/")]
    _build(site, out, urls, web_cache)
    # The garden story disappears from the site: built again without it, it stays in the feed.
    site.pages["/gone/mill-lane/"] = site.pages.pop("/stories/garden-project/")
    _build(site, out, [site.url("stories/clinic-day/")], web_cache)
    assert (out / "episodes/garden-project/episode.json").is_file()
    assert "garden-project" in (out / FEED_FILE).read_text()
    # --prune asks each episode's page; the one answering 404 is listed, then removed.
    episodes, lines, _ = _build(site, out, [site.url("stories/clinic-day/")], web_cache, prune=True)
    assert lines[-1] == f"pruning garden-project: {site.url('stories/garden-project/')} answers 404"
    assert not (out / "episodes/garden-project").exists()
    assert "garden-project" not in (out / FEED_FILE).read_text()
    assert (out / "episodes/clinic-day/episode.json").is_file()


def test_robots_wildcards_are_understood(site: Site, tmp_path: Path, web_cache: Path) -> None:
    site.pages["/stories/garden-project/?print=1"] = site.pages["/stories/garden-project/"]
    episodes, lines, failed = _build(site, tmp_path / "out", [site.url("stories/garden-project/?print=1")], web_cache)
    assert episodes == [] and failed == [] and site.requests["/stories/garden-project/?print=1"] == 0
    assert lines == ["sources: 0 new, 0 changed, 0 unchanged, 0 failed, 1 skipped (robots.txt)"]


def test_only_http_and_https_are_fetched(tmp_path: Path, web_cache: Path) -> None:
    from storyaudio.read.web import USER_AGENT, Fetcher, FetchError

    with Fetcher(tmp_path) as fetcher:
        for url in ("file:///etc/passwd", "ftp://example.net/story", "http:///no-host"):
            with pytest.raises(FetchError, match="only http:// and https://"):
                fetcher.get(url)
    assert re.match(r"storyaudio/\S+ \(", USER_AGENT)
