"""Fetching from the web, politely: the read stage's one way onto the network.

Built on httpx. Every request says who it is (``storyaudio/VERSION``), asks ``robots.txt``
first (read with Protego, which knows the ``*`` and ``$`` of today's rules), keeps to two
requests at a time per site with an optional delay between them, gives up after a timeout,
retries 429 and 5xx answers with backoff (honouring ``Retry-After``), follows at most
:data:`MAX_REDIRECTS` redirects and only to ``http``/``https``, and reads at most a size
limit. A page fetched before is asked for again with its ``ETag`` and ``Last-Modified`` (kept
in the cache folder with the body), so an unchanged page costs one ``304``.

Every problem is a :class:`FetchError` of one line: the URL and what went wrong.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpcore
import httpx
from protego import Protego

from .._version import __version__
from ..atomic import atomic_write
from ..cache_layout import pages_dir, touch
from ..errors import StoryError, first_line
from ..settings import MAX_DELAY
from .source import MAX_STORY_BYTES
from .transfer import (
    ACCEPT_ENCODING,
    GRACE_S,
    MAX_REDIRECTS,
    MIN_RATE,
    BoundedDecoder,
    DeadlineBackend,
    EncodingRefused,
    OverLimit,
    TooSlow,
    core_request,
    finite_seconds,
    redirect_target,
    transfer_budget,
)
from .urls import BadURL, checked_url, host_of, is_private_host, shown

log = logging.getLogger(__name__)

USER_AGENT = f"storyaudio/{__version__} (narrates a site's own stories as a podcast; +https://pypi.org/project/storyaudio/)"
ROBOTS_AGENT = "storyaudio"
"""The name ``robots.txt`` rules address us by."""

PER_SITE = 2
"""Requests at once to one site (scheme, host and port)."""

RETRIES = 3
"""Further tries after a 429, a 5xx or a dropped connection."""

ROBOTS_BYTES = 500 * 1024
"""robots.txt is read up to this much, and the rest ignored, as RFC 9309 allows."""

MAX_RETRY_WAIT = 30.0
"""Seconds at most to wait before a retry, whatever ``Retry-After`` asks."""

TIMEOUT = httpx.Timeout(20.0, connect=10.0)


class FetchError(StoryError):
    """A URL that could not be fetched: one line, the URL first."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.status = status


class RobotsForbid(FetchError):
    """The site's ``robots.txt`` asks us not to fetch this URL; it is skipped, not a failure."""


@dataclass(frozen=True)
class Fetched:
    """What a GET gave: the body (from the cache on a ``304``) and where it really came from."""

    url: str
    """The URL asked for."""

    final_url: str
    """The URL after redirects."""

    body: bytes
    content_type: str
    not_modified: bool = False
    """True when the server answered ``304``: the body is the one kept from last time."""

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                return value.strip("\"'")
        return None


class Fetcher:
    """A polite HTTP client for one build. Thread-safe: stories are fetched a few at a time.

    *cache_dir* keeps each page's validators and body for conditional requests (None: no
    conditional requests). *delay* is the least time between two requests to one site.
    *grace_s* and *min_rate* bound each transfer's time (:mod:`storyaudio.read.transfer`).
    """

    def __init__(self, cache_dir: Path | None, *, delay: float = 0.0, max_bytes: int = MAX_STORY_BYTES,
                 retries: int = RETRIES, backoff: float = 0.5, timeout: httpx.Timeout = TIMEOUT,
                 grace_s: float = GRACE_S, min_rate: float = MIN_RATE) -> None:
        self.cache_dir = cache_dir
        self.delay = delay
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.grace_s = grace_s
        self.min_rate = min_rate
        self._timeouts = {"connect": timeout.connect, "read": timeout.read, "write": timeout.write,
                          "pool": timeout.pool}
        # httpcore, not httpx's client: httpx would build (and choke on) a redirect's target itself
        # and inflate bodies a whole chunk at a time; we check each hop and inflate within bounds.
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), max_connections=32,
                                             max_keepalive_connections=16, keepalive_expiry=5.0,
                                             network_backend=DeadlineBackend())
        self._lock = threading.Lock()
        self._sites: dict[str, threading.BoundedSemaphore] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, Protego | _Unavailable | None] = {}
        self.statuses: dict[str, int] = {}
        """The last HTTP status each URL asked for gave (``--prune`` reads it), by its checked form."""

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, conditional: bool = True, max_bytes: int | None = None,
            start: str | None = None) -> Fetched:
        """GET *url*, following redirects; a ``304`` gives the kept body back.

        *start* is the source the user gave that led here (a feed, a sitemap, a page): when it is
        a public address, *url* and every redirect must be public too (None: *url* is the source).
        """
        url = _checked(url, url)
        origin = start or url
        limit = max_bytes or self.max_bytes
        kept, cached = self._kept(url) if conditional else (None, b"")
        headers: dict[str, str] = {}
        if kept:
            if kept.get("etag"):
                headers["If-None-Match"] = kept["etag"]
            if kept.get("last_modified"):
                headers["If-Modified-Since"] = kept["last_modified"]
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            _check_destination(url, current, origin)
            self._check_robots(url, current)
            status, answer, body = self._exchange(url, current, headers, limit)
            try:
                hop = redirect_target(status, answer, current)
            except BadURL as error:
                raise FetchError(url, f"redirects to an address that cannot be fetched ({error.reason})",
                                 status) from None
            if hop:
                current = hop
                continue
            self.statuses[url] = status
            if status == 304 and kept is not None:
                return Fetched(url, kept.get("final_url", current), cached, kept.get("content_type", ""), True)
            if status != 200:
                raise FetchError(url, _reason(status), status)
            fetched = Fetched(url, current, body, answer.get("content-type", ""))
            if conditional:
                self._keep(fetched, answer)
            return fetched
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def status(self, url: str) -> int | None:
        """The HTTP status *url* gives now (asked conditionally), or None when it cannot be reached."""
        try:
            self.get(url)
        except RobotsForbid:
            return None
        except FetchError as error:
            return error.status
        return self.statuses.get(_checked(url, url))

    # The exchange: one request (and its retries) to one site, within its limits.

    def _exchange(self, url: str, target: str, headers: dict[str, str], limit: int,
                  truncate: bool = False) -> tuple[int, httpx.Headers, bytes]:
        """One GET of *target* for *url*: its status, headers and (for a 200) body, retried after
        a 429, a 5xx or a dropped connection. With *truncate*, a body over *limit* is cut there."""
        site = _site(target)
        with self._lock:
            gate = self._sites.setdefault(site, threading.BoundedSemaphore(PER_SITE))
        request = core_request(target, {"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING, **headers},
                               self._timeouts)
        for attempt in range(self.retries + 1):
            with gate:
                self._wait_turn(site)
                try:
                    status, answer, body = self._once(url, request, limit, truncate)
                except TooSlow:
                    raise FetchError(url, f"the server sent too slowly (under {self.min_rate / 1024:g} KB a second "
                                          f"after {self.grace_s:g} s); given up") from None
                except httpcore.TimeoutException:
                    reason = "timed out"
                except httpcore.ProtocolError as error:
                    reason = f"the server's answer is not valid HTTP ({first_line(error, 120)})"
                except (httpcore.NetworkError, httpcore.UnsupportedProtocol) as error:
                    reason = f"cannot connect ({first_line(error, 120)})"
                else:
                    if status != 429 and status < 500:
                        return status, answer, body
                    reason = _reason(status)
                    if attempt < self.retries:
                        wait = _retry_after(answer.get("retry-after"), self.backoff * 2 ** attempt)
                        log.info("%s: %s; trying again in %.1f s", url, reason, wait)
                        time.sleep(wait)
                        continue
                    raise FetchError(url, reason, status)
            if attempt < self.retries:
                time.sleep(self.backoff * 2 ** attempt)
        raise FetchError(url, reason)

    def _once(self, url: str, request: httpcore.Request, limit: int,
              truncate: bool) -> tuple[int, httpx.Headers, bytes]:
        """Send *request* once and read the answer, all within one transfer budget."""
        with transfer_budget(self.grace_s, self.min_rate):
            response = self._pool.handle_request(request)
            try:
                answer = httpx.Headers(response.headers)
                body = _read_limited(url, response, answer, limit, truncate) if response.status == 200 else b""
            finally:
                response.close()
        return response.status, answer, body

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets us fetch *url* (asking for robots.txt if need be)."""
        try:
            self._check_robots(url, _checked(url, url))
        except RobotsForbid:
            return False
        except FetchError:
            return False  # no robots.txt to be had: nothing is fetched (RFC 9309)
        return True

    def site_delay(self, site: str) -> float:
        """Seconds kept between two requests to *site* (``scheme://host:port``): the show's delay,
        or the site's Crawl-delay when longer, capped as the show's is; nonsense counts as none."""
        robots = self._robots.get(site)
        crawl_delay = robots.crawl_delay(ROBOTS_AGENT) if isinstance(robots, Protego) else None
        return max(self.delay, finite_seconds(crawl_delay or 0, MAX_DELAY))

    def _wait_turn(self, site: str) -> None:
        """Keep :meth:`site_delay` between two requests to *site*."""
        delay = self.site_delay(site)
        with self._lock:
            now = time.monotonic()
            start = max(now, self._last.get(site, 0.0) + delay)
            self._last[site] = start
        if start > now:
            time.sleep(start - now)

    def _check_robots(self, url: str, target: str) -> None:
        """Refuse *target* when the site's robots.txt forbids it, read as RFC 9309 says: a 4xx
        (none there) allows everything; a 5xx or no answer at all forbids everything, said in
        full for the first page of the site and as a skip for the rest."""
        site = _site(target)
        with self._lock:
            known = site in self._robots
        if not known:
            rules = self._fetch_robots(url, site)
            with self._lock:
                first = site not in self._robots
                self._robots.setdefault(site, rules)
            if isinstance(rules, _Unavailable) and first:
                raise FetchError(url, rules.reason, rules.status)
        rules = self._robots[site]
        if isinstance(rules, _Unavailable):
            raise RobotsForbid(url, f"nothing on {site} is fetched while its robots.txt cannot be read; skipped")
        if rules is not None and not rules.can_fetch(target, ROBOTS_AGENT):
            raise RobotsForbid(url, "the site's robots.txt asks robots not to fetch it; skipped")

    def _fetch_robots(self, url: str, site: str) -> Protego | _Unavailable | None:
        target = site + "/robots.txt"
        for _ in range(MAX_REDIRECTS + 1):
            try:
                status, answer, body = self._exchange(url, target, {}, ROBOTS_BYTES, truncate=True)
            except FetchError as error:
                if error.status is not None:  # 5xx after the retries
                    return _Unavailable(f"the site's robots.txt answers HTTP {error.status}, which RFC 9309 reads "
                                        f"as 'fetch nothing'; nothing on {site} is fetched", error.status)
                return _Unavailable(str(error).removeprefix(f"{url}: "))
            try:
                hop = redirect_target(status, answer, target)
            except BadURL:
                return None
            if hop:
                target = hop
                continue
            if status == 200:
                return Protego.parse(body.decode("utf-8", "replace"))
            return None  # 4xx: no rules, everything is allowed (RFC 9309)
        return None  # a redirect loop: as if there were no robots.txt (RFC 9309)

    # Validators and bodies kept for conditional requests.

    def _paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        name = hashlib.sha256(url.encode()).hexdigest()[:32]
        folder = pages_dir(self.cache_dir)
        return folder / f"{name}.json", folder / f"{name}.body"

    def _kept(self, url: str) -> tuple[dict[str, str] | None, bytes]:
        """The validators and body kept for *url*, read once and checked against each other;
        ``(None, b"")`` when there are none or the body is damaged (then it is asked for afresh)."""
        paths = self._paths(url)
        if paths is None:
            return None, b""
        try:
            data = json.loads(paths[0].read_text(encoding="utf-8"))
            body = paths[1].read_bytes()
        except (OSError, ValueError):
            return None, b""
        intact = isinstance(data, dict) and data.get("sha256") == hashlib.sha256(body).hexdigest()
        if not intact or data.get("url") != url:
            return None, b""
        touch(*paths)  # in use: prune keeps it
        return data, body

    def _keep(self, fetched: Fetched, answer: httpx.Headers) -> None:
        paths = self._paths(fetched.url)
        if paths is None or not (answer.get("etag") or answer.get("last-modified")):
            return
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        atomic_write(paths[1], fetched.body)
        atomic_write(paths[0], json.dumps({
            "url": fetched.url, "final_url": fetched.final_url, "content_type": fetched.content_type,
            "etag": answer.get("etag", ""), "last_modified": answer.get("last-modified", ""),
            "sha256": hashlib.sha256(fetched.body).hexdigest(),
        }))


def is_url(text: str) -> bool:
    """True for an ``http://`` or ``https://`` address (what ``build`` fetches instead of reading)."""
    return text.strip().lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class _Unavailable:
    """A site whose robots.txt could not be had (5xx, timeout, no connection): nothing is fetched."""

    reason: str
    status: int | None = None


def _checked(url: str, given: str) -> str:
    try:
        return checked_url(url)
    except BadURL as error:
        raise FetchError(shown(given), error.reason) from None


def _check_destination(url: str, target: str, origin: str) -> None:
    """Refuse *target* when it is on this machine or a private network and the source the user
    gave (*origin*) is not: a public page must not make us publish what a local service says."""
    host = host_of(target)
    if is_private_host(host) and not is_private_host(host_of(origin)):
        raise FetchError(url, f"leads to {host}, an address on this machine or a private network, from the "
                              f"public source {shown(origin)}; refused")


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _read_limited(url: str, response: httpcore.Response, headers: httpx.Headers, limit: int,
                  truncate: bool) -> bytes:
    """The body, decoded, within *limit* bytes (counted after decoding, a piece at a time)."""
    declared = headers.get("content-length", "")
    encoding = headers.get("content-encoding", "")
    if declared.isdigit() and int(declared) > limit and not truncate and not encoding:
        raise FetchError(url, f"over the {limit} byte limit ({declared} bytes)")
    try:
        decoder = BoundedDecoder(encoding, limit)
    except EncodingRefused as error:
        raise FetchError(url, f"refused: {error}") from None
    chunks: list[bytes] = []
    try:
        for chunk in response.iter_stream():
            chunks.append(decoder.feed(chunk))
    except OverLimit as over:
        if truncate:
            return b"".join(chunks) + over.within
        raise FetchError(url, f"over the {limit} byte limit" + (" once decoded" if encoding else "")) from None
    except EncodingRefused as error:
        raise FetchError(url, f"refused: {error}") from None
    return b"".join(chunks)


def _retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), within bounds."""
    wait = default
    if value:
        if value.strip().isdigit():
            wait = float(value.strip())
        else:
            try:
                moment = email.utils.parsedate_to_datetime(value)
                wait = moment.timestamp() - time.time()
            except (TypeError, ValueError):
                pass
    return min(max(wait, 0.0), MAX_RETRY_WAIT)


def _reason(status: int) -> str:
    if status in (404, 410):
        return f"HTTP {status}: the page is gone"
    if status in (401, 403):
        return f"HTTP {status}: the site refuses to serve it"
    if status == 429:
        return "HTTP 429: the site asks us to slow down"
    return f"HTTP {status}"

