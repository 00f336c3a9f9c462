"""A hostile or broken website cannot exhaust memory, crash a sync, stall it, hijack or delete an
episode: each attack is served by a real HTTP server on 127.0.0.1 and ends in one line, within a
bound on time and memory, with the good stories of the same build still built.

The server answers each path with a handler of the test's own (a body, a redirect, a bomb, a
drip), so every attack is on the wire, never a mock.
"""

from __future__ import annotations

import gzip
import http.server
import io
import json
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

import storyaudio
from storyaudio.cli import main
from storyaudio.errors import BuildFailures
from storyaudio.layout import FEED_FILE
from storyaudio.publish.check import check_show
from storyaudio.read.sources import MAX_PAGES, find_pages
from storyaudio.read.web import Fetcher, FetchError
from storyaudio.settings import Show

SENTENCES = ("The boat left the harbour at dawn with forty people on board. "
             "Everyone on the quay waved until it was out of sight, and then they went home for breakfast. "
             "By the evening the wind had dropped and the sea was calm again.")

Answer = Callable[[http.server.BaseHTTPRequestHandler], None]


def page(title: str, *, canonical: str | None = None, image: str | None = None, description: str = "",
         charset: str = "utf-8") -> bytes:
    """A story page of ours in the shape of a news or charity story page."""
    head = f'<meta charset="{charset}"><title>{title}</title><meta property="og:title" content="{title}">'
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    if image:
        head += f'<meta property="og:image" content="{image}">'
    if description:
        head += f'<meta name="description" content="{description}">'
    body = f"<article><h1>{title}</h1>" + "".join(f"<p>{s.strip()}.</p>" for s in SENTENCES.split(".") if s.strip())
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}</article></body></html>".encode()


@dataclass
class Site:
    root: str = ""
    routes: dict[str, Answer] = field(default_factory=dict)
    requests: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return self.root + path.lstrip("/")

    def serve(self, path: str, body: bytes, kind: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None, status: int = 200) -> None:
        def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
            handler.send_response(status)
            handler.send_header("Content-Type", kind)
            handler.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(body)
        self.routes[path] = answer

    def redirect(self, path: str, location: str) -> None:
        def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
            handler.send_response(302)
            handler.send_header("Location", location)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        self.routes[path] = answer

    def story(self, path: str, title: str, **options: object) -> None:
        self.serve(path, page(title, **options))  # type: ignore[arg-type]


class _Handler(http.server.BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.site.requests[self.path] += 1
        answer = self.site.routes.get(self.path) or self.site.routes.get(self.path.split("?")[0])
        if answer is None and self.path == "/robots.txt":
            answer = self.site.routes.get("*robots") or _no_robots
        try:
            if answer is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                answer(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on us: that is what several tests are about


def _no_robots(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(404)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


@pytest.fixture
def site() -> Iterator[Site]:
    handler = type("Handler", (_Handler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    handler.site = Site(root=f"http://127.0.0.1:{server.server_address[1]}/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler.site
    server.shutdown()
    server.server_close()


SHOW = Show(base_url="https://stories.charity.org.uk/audio/")


def build(out: Path, urls: list[str], cache: Path, **options: object) -> tuple[list, list[str], list[str]]:
    """Build *urls*; the episodes, the reported lines and the failure lines."""
    lines: list[str] = []
    try:
        episodes = storyaudio.build(urls, out, show=SHOW, cache_dir=cache, report=lines.append, jobs=1,
                                    **options)  # type: ignore[arg-type]
        return episodes, lines, []
    except BuildFailures as failures:
        return failures.episodes, lines, failures.failures


def cli_build(*args: str, cache: Path) -> tuple[int, list[str], str]:
    """``storyaudio build`` as a person runs it: exit code, the error lines, and all it printed."""
    result = CliRunner(mix_stderr=False).invoke(main, ["build", *args, "--cache", str(cache), "--jobs", "1"])
    errors = [line for line in result.stderr.splitlines() if line.startswith("storyaudio: error:")]
    return result.exit_code, errors, result.output + result.stderr


# 1. Decoding with limits.

def _gzip_bomb(megabytes: int, layers: int) -> bytes:
    """*megabytes* of zeros, gzipped *layers* times, made a megabyte at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    data = b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()
    for _ in range(layers - 1):
        data = gzip.compress(data, 9)
    return data


_PEAK = """
import resource, sys
from storyaudio.read.web import Fetcher, FetchError
with Fetcher(None, retries=0) as fetcher:
    try:
        fetcher.get(sys.argv[1])
        print("fetched")
    except FetchError as error:
        print(error)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def _peak(url: str) -> tuple[str, int]:
    """What fetching *url* in a fresh process said, and that process's peak memory in MB."""
    baseline = subprocess.run([sys.executable, "-c", _PEAK.replace("fetcher.get(sys.argv[1])", "pass"), url],
                              capture_output=True, text=True, check=True).stdout.splitlines()
    result = subprocess.run([sys.executable, "-c", _PEAK, url], capture_output=True, text=True, timeout=120,
                            check=True).stdout.splitlines()
    return result[0], int(result[1]) - int(baseline[1])


def test_a_gzip_bomb_in_any_number_of_layers_is_refused_within_a_few_times_the_limit(site: Site) -> None:
    one_layer = _gzip_bomb(400, 1)
    two_layers = _gzip_bomb(400, 2)
    assert len(two_layers) < 20_000 < len(one_layer) < 1_000_000  # 400 MB either way once inflated
    site.serve("/single", one_layer, headers={"Content-Encoding": "gzip"})
    site.serve("/double", two_layers, headers={"Content-Encoding": "gzip, gzip"})
    site.serve("/brotli", b"\x00" * 100, headers={"Content-Encoding": "br"})
    said, grew = _peak(site.url("single"))
    assert said == f"{site.url('single')}: over the 5242880 byte limit once decoded"
    assert grew < 40, f"{grew} MB for a 5 MB limit"  # was 192 MB
    said, grew = _peak(site.url("double"))
    assert said.startswith(f"{site.url('double')}: refused: 2 layers of content encoding")
    assert grew < 40, f"{grew} MB"  # was 2.2 GB from 1.8 KB
    said, _ = _peak(site.url("brotli"))
    assert said == f"{site.url('brotli')}: refused: a content encoding that was not asked for (br)"


def test_a_gzipped_page_within_the_limit_is_read(site: Site, tmp_path: Path, cache_dir: Path) -> None:
    site.serve("/stories/zipped/", gzip.compress(page("Zipped")), headers={"Content-Encoding": "gzip"})
    (episode,), _, failed = build(tmp_path / "out", [site.url("stories/zipped/")], cache_dir)
    assert failed == [] and episode.title == "Zipped"


def test_a_page_declaring_punycode_is_read_in_seconds_not_hours(site: Site, tmp_path: Path, cache_dir: Path) -> None:
    body = page("Punycode").replace(b"</body>", b"<!-- " + b"a-" * 1_000_000 + b" --></body>")  # 2 MB
    site.serve("/stories/punycode/", body, kind="text/html; charset=punycode")
    started = time.monotonic()
    (episode,), _, failed = build(tmp_path / "out", [site.url("stories/punycode/")], cache_dir)
    assert time.monotonic() - started < 30  # was over 280 s of CPU at this size
    assert failed == [] and episode.title == "Punycode"


def test_a_feed_declaring_a_codec_that_is_no_charset_is_one_line(site: Site) -> None:
    site.serve("/feed.xml", b'<?xml version="1.0" encoding="punycode"?><rss version="2.0"><channel>'
               + b"<item><link>x</link></item>" * 10 + b"</channel></rss>", kind="application/rss+xml")
    with Fetcher(None) as fetcher:
        found = find_pages([], fetcher, feeds=[site.url("feed.xml")])
    assert [str(e) for e in found.failures] == [
        f"{site.url('feed.xml')}: declares the text encoding 'punycode', which is not one web pages use"]


# 2. Every URL parsed and checked before use.

def test_bad_addresses_anywhere_are_one_line_each_and_the_good_stories_are_built(
        site: Site, tmp_path: Path, cache_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    site.story("/stories/good/", "A good story")
    for scheme_path, target in (("/to-data", "data:text/html,<p>hi</p>"), ("/to-mailto", "mailto:desk@example.org"),
                                ("/to-js", "javascript:alert(1)"), ("/to-bad-host", "http://[zz/")):
        site.redirect(scheme_path, target)
    site.story("/stories/bad-canonical/", "A bad canonical", canonical="http://[zz/")
    site.story("/stories/bad-image/", "A bad image", image="http://[zz/cover.png")
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    site.serve("/sitemap.xml", f'<urlset xmlns="{namespace}"><url><loc>http://[zz/</loc></url>'
               f"<url><loc>{site.url('stories/good/')}</loc></url></urlset>".encode(), "application/xml")
    out = tmp_path / "out"
    code, errors, printed = cli_build(
        site.url("to-data"), site.url("to-mailto"), site.url("to-js"), site.url("to-bad-host"), "http://[zz/",
        site.url("stories/bad-canonical/"), site.url("stories/bad-image/"), site.url("sitemap.xml"),
        "-o", str(out), cache=cache_dir)
    assert code == 2 and "Traceback" not in printed
    assert sorted(errors) == sorted([
        f"storyaudio: error: {site.url('to-data')}: redirects to an address that cannot be fetched "
        "(only http:// and https:// addresses are fetched, not data:)",
        f"storyaudio: error: {site.url('to-mailto')}: redirects to an address that cannot be fetched "
        "(only http:// and https:// addresses are fetched, not mailto:)",
        f"storyaudio: error: {site.url('to-js')}: redirects to an address that cannot be fetched "
        "(only http:// and https:// addresses are fetched, not javascript:)",
        f"storyaudio: error: {site.url('to-bad-host')}: redirects to an address that cannot be fetched "
        "(not a valid address (Invalid IPv6 URL))",
        "storyaudio: error: http://[zz/: not a valid address (Invalid IPv6 URL)",
        f"storyaudio: error: http://[zz/: not a valid address (Invalid IPv6 URL) (listed in {site.url('sitemap.xml')})",
    ])
    built = sorted(path.parent.name for path in out.glob("episodes/*/episode.json"))
    assert built == ["bad-canonical", "bad-image", "good"]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert f"{site.url('stories/bad-canonical/')}: its canonical link is ignored: http://[zz/: not a valid address " \
           "(Invalid IPv6 URL)" in warnings
    assert "http://[zz/cover.png: not a valid address (Invalid IPv6 URL); the episode gets a drawn cover" in warnings
    assert site.requests["/to-data"] == 1  # no retries for an address that can never work


def test_credentials_in_a_source_address_are_never_sent_stored_or_published(
        site: Site, tmp_path: Path, cache_dir: Path) -> None:
    site.story("/stories/secret/", "A story behind a password")
    out = tmp_path / "out"
    url = site.url("stories/secret/").replace("http://", "http://editor:hunter2@")
    (episode,), _, failed = build(out, [url], cache_dir)
    assert failed == [] and episode.url == site.url("stories/secret/")
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".xml", ".html", ".json"):
            assert b"hunter2" not in path.read_bytes(), path


def test_a_public_source_may_not_lead_to_this_machine(site: Site) -> None:
    site.story("/stories/local/", "Local")
    with Fetcher(None) as fetcher, pytest.raises(FetchError, match="an address on this machine or a private network"):
        fetcher.get(site.url("stories/local/"), start="http://93.184.216.34/feed.xml")
    assert site.requests["/stories/local/"] == 0
    with Fetcher(None) as fetcher:  # a source on this machine (an intranet, a test) may
        assert fetcher.get(site.url("stories/local/"), start=site.url("feed.xml")).body.startswith(b"<!DOCTYPE")


# 3. Identity that cannot be hijacked or lost.

def test_a_page_on_another_host_cannot_take_over_an_episode(site: Site, tmp_path: Path, cache_dir: Path) -> None:
    out = tmp_path / "out"
    site.story("/stories/harbour/", "The harbour", canonical="/stories/harbour/")
    (first,), _, _ = build(out, [site.url("stories/harbour/")], cache_dir)
    before = {p.name: p.read_bytes() for p in (out / "episodes/harbour").iterdir() if p.is_file()}
    # The same server as another host ("localhost"), whose page claims the harbour story's address.
    other = site.url("elsewhere/").replace("127.0.0.1", "localhost")
    site.story("/elsewhere/", "An impostor", canonical=site.url("stories/harbour/"))
    logs: list[str] = []
    with _captured_warnings(logs):
        episodes, _, failed = build(out, [other], cache_dir)
    assert failed == [] and [e.slug for e in episodes] == ["elsewhere"]
    assert any("on another host than the page's own" in line for line in logs), logs
    after = {p.name: p.read_bytes() for p in (out / "episodes/harbour").iterdir() if p.is_file()}
    assert after == before  # audio, text and pages as they were
    catalog = {e.slug: e for e in storyaudio.load_catalog(out)}
    assert catalog["harbour"].guid == first.guid and catalog["harbour"].title == "The harbour"


def test_tracking_queries_do_not_make_a_new_episode_on_every_sync(site: Site, tmp_path: Path,
                                                                   cache_dir: Path) -> None:
    out = tmp_path / "out"
    site.story("/stories/tracked/", "Tracked")  # no canonical link: identity is the address itself
    for sync in range(3):
        site.serve("/feed.xml", (f'<rss version="2.0"><channel><title>S</title><item><title>T</title>'
                                 f"<link>{site.url('stories/tracked/')}?utm={sync}&amp;fbclid=x{sync}"
                                 f"&amp;utm_source=mail</link></item></channel></rss>").encode(),
                   "application/rss+xml")
        build(out, [site.url("feed.xml")], cache_dir)
    (episode,) = storyaudio.load_catalog(out)
    assert episode.url == site.url("stories/tracked/")


def test_prune_asks_the_address_fetched_not_a_broken_canonical(site: Site, tmp_path: Path,
                                                                cache_dir: Path) -> None:
    out = tmp_path / "out"
    site.story("/stories/live/", "Live", canonical="/stories/renamed-long-ago/")  # the canonical answers 404
    site.story("/stories/gone/", "Gone soon")
    build(out, [site.url("stories/live/"), site.url("stories/gone/")], cache_dir)
    del site.routes["/stories/gone/"]
    _, lines, _ = build(out, [site.url("stories/live/")], cache_dir, prune=True)
    assert lines[-1] == f"pruning gone: {site.url('stories/gone/')} answers 404"
    assert sorted(e.slug for e in storyaudio.load_catalog(out)) == ["renamed-long-ago"]


# 4. Deadlines.

def _drip(head: bytes, body: bytes, every: float = 0.5) -> Answer:
    """An answer sent one byte every *every* seconds: the headers first, then the body."""
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        for byte in head + body:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(every)
    return answer


@pytest.mark.parametrize("what", ["headers", "body", "robots"])
def test_a_server_that_drips_is_cut_when_its_time_budget_runs_out(site: Site, what: str) -> None:
    body = b"x" * 10_000
    slow = _drip(b"HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n", body) if what != "body" else \
        _drip(b"", b"")
    if what == "body":
        def slow(handler: http.server.BaseHTTPRequestHandler) -> None:  # noqa: F811 (headers at once, then drips)
            handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n")
            _drip(b"", body)(handler)
    site.routes["*robots" if what == "robots" else "/slow"] = slow
    started = time.monotonic()
    with Fetcher(None, grace_s=1.0, min_rate=1024, retries=0) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(site.url("slow"))
    assert time.monotonic() - started < 4  # the grace and a read, not 10,000 s
    if what == "robots":  # no robots.txt to be had: nothing on the site is fetched
        assert "sent too slowly" in str(caught.value) and site.requests["/slow"] == 0
    else:
        assert str(caught.value) == (f"{site.url('slow')}: the server sent too slowly (under 1 KB a second after "
                                     "1 s); given up")


def test_crawl_delay_is_capped_and_nonsense_is_ignored(site: Site) -> None:
    for value, expected in (("1e308", 60.0), ("100000", 60.0), ("inf", 0.0), ("nan", 0.0), ("2", 2.0)):
        site.serve("/robots.txt", f"User-agent: *\nCrawl-delay: {value}\n".encode(), "text/plain")
        site.story("/page", "Page")
        with Fetcher(None) as fetcher:
            assert fetcher.allowed(site.url("page"))  # reads robots.txt (fetching the page would wait)
            assert fetcher.site_delay(site.root.rstrip("/")) == expected, value


# 5. robots.txt per RFC 9309.

def test_robots_txt_unavailable_forbids_the_site_said_once(site: Site, tmp_path: Path, cache_dir: Path) -> None:
    site.serve("/robots.txt", b"", status=503)
    site.story("/stories/one/", "One")
    site.story("/stories/two/", "Two")
    with Fetcher(None, backoff=0.01) as fetcher:
        with pytest.raises(FetchError, match="robots.txt answers HTTP 503, which RFC 9309 reads as 'fetch nothing'"):
            fetcher.get(site.url("stories/one/"))
        with pytest.raises(FetchError, match="skipped"):
            fetcher.get(site.url("stories/two/"))
    assert site.requests["/stories/one/"] == site.requests["/stories/two/"] == 0


def test_robots_txt_is_read_up_to_500_kib_not_refused_for_its_size(site: Site) -> None:
    rules = b"User-agent: *\nDisallow: /\n" + b"# padding\n" * 60_000  # 600 KB
    site.serve("/robots.txt", rules, "text/plain")
    site.story("/stories/one/", "One")
    with Fetcher(None) as fetcher, pytest.raises(FetchError, match="robots.txt asks robots not to fetch it"):
        fetcher.get(site.url("stories/one/"))
    assert site.requests["/stories/one/"] == 0


def test_robots_txt_rules_up_to_the_500th_kib_are_kept(site: Site) -> None:
    rule = b"User-agent: *\nDisallow: /stories/\n"
    padding = b"# padding\n" * ((500 * 1024 - len(rule) - 100) // 10)
    site.serve("/robots.txt", padding + rule + b"# past the limit\n" * 1000, "text/plain")
    site.story("/stories/one/", "One")
    with Fetcher(None) as fetcher, pytest.raises(FetchError, match="robots.txt asks robots not to fetch it"):
        fetcher.get(site.url("stories/one/"))  # the rule ends inside the first 500 KiB: it holds
    assert site.requests["/stories/one/"] == 0


def test_robots_txt_missing_allows_everything(site: Site) -> None:
    site.story("/stories/one/", "One")
    with Fetcher(None) as fetcher:
        assert fetcher.get(site.url("stories/one/")).body
    assert site.requests["/robots.txt"] == 1


# 6. Partial sources fail partially.

def test_a_missing_child_sitemap_is_one_line_and_the_others_are_read(site: Site) -> None:
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    children = "".join(f"<sitemap><loc>{site.url(f'sitemap-{n}.xml')}</loc></sitemap>" for n in range(60))
    site.serve("/sitemap.xml", f'<sitemapindex xmlns="{namespace}">{children}</sitemapindex>'.encode(),
               "application/xml")
    for n in range(60):
        if n != 3:
            site.serve(f"/sitemap-{n}.xml", f'<urlset xmlns="{namespace}"><url><loc>{site.url(f"s/{n}/")}</loc></url>'
                                            f"</urlset>".encode(), "application/xml")
    logs: list[str] = []
    with Fetcher(None, backoff=0.01) as fetcher, _captured_warnings(logs):
        found = find_pages([site.url("sitemap.xml")], fetcher)
    assert len(found.pages) == 49  # 50 followed, one of them missing
    assert [str(e) for e in found.failures] == [f"{site.url('sitemap-3.xml')}: HTTP 404: the page is gone"]
    assert logs == [f"{site.url('sitemap.xml')}: a sitemap index of 60 sitemaps; only the first 50 are read"]
    assert site.requests["/sitemap-55.xml"] == 0


def test_a_feed_over_the_cap_is_one_line_naming_it_and_the_other_sources_are_read(site: Site) -> None:
    items = "".join(f"<item><link>{site.url(f'a/{n}/')}</link></item>" for n in range(MAX_PAGES + 100))
    site.serve("/big.xml", f'<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode(),
               "application/rss+xml")
    site.serve("/small.xml", f'<rss version="2.0"><channel><title>S</title><item><link>{site.url("b/1/")}</link>'
                             f"</item></channel></rss>".encode(), "application/rss+xml")
    started = time.monotonic()
    with Fetcher(None) as fetcher:
        found = find_pages([site.url("big.xml"), site.url("small.xml")], fetcher)
    assert time.monotonic() - started < 10
    assert [str(e) for e in found.failures] == [
        f"{site.url('big.xml')}: the sources list over {MAX_PAGES} story pages; none of its pages are read: "
        "narrow the sources with [sources] match"]
    assert [page.url for page in found.pages] == [site.url("b/1/")]


def test_a_huge_sitemap_index_is_refused_while_collecting(site: Site) -> None:
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    urls = "".join(f"<url><loc>{site.url(f'x/{n}')}</loc></url>" for n in range(60_000))
    child = f'<urlset xmlns="{namespace}">{urls}</urlset>'.encode()
    children = "".join(f"<sitemap><loc>{site.url(f'c{n}.xml')}</loc></sitemap>" for n in range(50))
    site.serve("/index.xml", f'<sitemapindex xmlns="{namespace}">{children}</sitemapindex>'.encode(),
               "application/xml")
    for n in range(50):
        site.serve(f"/c{n}.xml", child, "application/xml")
    started = time.monotonic()
    with Fetcher(None) as fetcher:
        found = find_pages([], fetcher, sitemaps=[site.url("index.xml")], match=site.url("stories/*"))
    assert time.monotonic() - started < 20
    assert found.pages == [] and len(found.failures) == 1
    assert str(found.failures[0]).startswith(f"{site.url('index.xml')}: the sources list over 50000 addresses")
    assert site.requests["/c0.xml"] == 1 and site.requests["/c1.xml"] == 0  # stopped, not read to the end


def test_extractor_lines_name_the_page_and_a_long_description_is_cut(site: Site, tmp_path: Path,
                                                                     cache_dir: Path) -> None:
    long = "A description that goes on. " * 400  # 11 KB
    site.story("/stories/wordy/", "Wordy", description=long)
    site.serve("/stories/empty/", b"")
    out = tmp_path / "out"
    logs: list[str] = []
    with _captured_warnings(logs, "trafilatura"):
        build(out, [site.url("stories/wordy/"), site.url("stories/empty/")], cache_dir)
    assert logs and all(line.startswith(f"{site.url('stories/empty/')}: trafilatura: ") for line in logs)
    problems = [p for p in check_show(out) if p.rule.endswith("description")]
    assert problems == []
    (item,) = ET.parse(out / FEED_FILE).getroot().iter("item")
    description = item.findtext("description") or ""
    assert description.startswith("A description that goes on. A description") and description.endswith(" that…")
    assert 3900 < len(description.encode()) <= 4000


# 7. Pictures fail soft.

def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _claims_size(png: bytes, width: int, height: int) -> bytes:
    """*png* with its header claiming another size (and a valid header checksum)."""
    header = b"IHDR" + width.to_bytes(4, "big") + height.to_bytes(4, "big") + png[24:29]
    return png[:12] + header + zlib.crc32(header).to_bytes(4, "big") + png[33:]


@pytest.mark.parametrize("kind", ["svg", "text", "huge", "bomb"])
def test_a_lead_picture_that_cannot_be_used_gives_a_drawn_cover_and_one_warning(
        site: Site, tmp_path: Path, cache_dir: Path, kind: str) -> None:
    pictures = {
        "svg": (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', "image/svg+xml"),
        "text": (b"this is not a picture at all", "image/jpeg"),
        "huge": (_claims_size(_png(8, 8), 30000, 30000), "image/png"),
        "bomb": (_claims_size(_png(8, 8), 6000, 6000), "image/png"),  # 36 MP declared, 8 x 8 of data
    }
    site.serve("/media/cover", *pictures[kind])
    site.story("/stories/pictured/", "Pictured", image="/media/cover")
    logs: list[str] = []
    with _captured_warnings(logs):
        (episode,), _, failed = build(tmp_path / "out", [site.url("stories/pictured/")], cache_dir)
    assert failed == [] and episode.slug == "pictured"
    (line,) = [line for line in logs if "lead picture" in line]
    assert line.startswith(f"{site.url('media/cover')}: the lead picture ") and "drawn cover" in line


# 11. The small ones.

def test_serve_cuts_a_client_whose_request_head_trickles_in(tmp_path: Path) -> None:
    from storyaudio.publish.serve import PreviewHandler, make_server

    (tmp_path / "index.html").write_text("<p>hi</p>")
    server = make_server(tmp_path, port=0)
    PreviewHandler.timeout, saved = 2, PreviewHandler.timeout
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(server.server_address[:2], timeout=10) as client:
            started = time.monotonic()
            closed = False
            for byte in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100:
                try:
                    client.sendall(bytes([byte]))
                except OSError:
                    closed = True
                    break
                time.sleep(0.25)
                client.setblocking(False)
                try:
                    if client.recv(1) == b"":
                        closed = True
                        break
                except BlockingIOError:
                    pass
                finally:
                    client.setblocking(True)
            assert closed and time.monotonic() - started < 4  # the 2 s timeout, not 25 s of trickle
    finally:
        PreviewHandler.timeout = saved
        server.shutdown()
        server.server_close()


class _captured_warnings:  # noqa: N801 (used as a function)
    """Collect the messages of warnings logged while the block runs (from *logger*)."""

    def __init__(self, lines: list[str], logger: str = "") -> None:
        import logging

        self.lines = lines
        self.logger = logging.getLogger(logger)
        outer = self

        class Handler(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                outer.lines.append(record.getMessage())

        self.handler = Handler(logging.WARNING)

    def __enter__(self) -> None:
        self.logger.addHandler(self.handler)

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)


def test_episode_json_records_where_the_page_was_fetched(site: Site, tmp_path: Path, cache_dir: Path) -> None:
    site.story("/stories/fetched/", "Fetched", canonical="/stories/canonical/")
    out = tmp_path / "out"
    build(out, [site.url("stories/fetched/")], cache_dir)
    data = json.loads((out / "episodes/canonical/episode.json").read_text())
    assert data["url"] == site.url("stories/canonical/") and data["fetched_url"] == site.url("stories/fetched/")
    assert len(data["audio_sha256"]) == 64
