"""One HTTP body, read within bounds a hostile server cannot stretch: time, bytes and CPU.

httpx bounds each read of the socket (its timeouts) and httpx's own decoders inflate a whole
chunk at once, so a server can hold a transfer open for days by sending one byte a second, or
send 2 KB that inflate to gigabytes (``Content-Encoding: gzip, gzip``) before a size limit is
looked at. The fetcher therefore talks to httpcore (httpx's connection layer) itself and reads
raw bytes through the three bounds here:

- :class:`DeadlineBackend` gives every transfer a budget of time that only data earns: a grace
  period, then :data:`MIN_RATE` bytes a second on average, headers included. A slow-drip
  server is cut when the budget runs out, whatever it sends.
- :class:`BoundedDecoder` inflates one layer of ``gzip`` or ``deflate`` a piece at a time,
  never more than the bytes still allowed, so peak memory stays near the size limit. More
  than one layer, or an encoding we never asked for, is refused.
- :func:`text_encoding` lets only real web text encodings decode a page: never ``punycode``,
  ``idna`` or other codecs that are not charsets (one of them is quadratic in time).
"""

from __future__ import annotations

import codecs
import contextlib
import math
import threading
import time
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx

from .urls import checked_url

GRACE_S = 20.0
"""Seconds a transfer may take before it must average :data:`MIN_RATE` (slow starts are normal)."""

MIN_RATE = 8 * 1024
"""Bytes a second a transfer must average after its grace: a 5 MB page on a poor line passes, a
server dripping a byte a second is cut after about :data:`GRACE_S` seconds."""


class TooSlow(httpcore.ReadTimeout):
    """The server sent too little for the time it took: not retried, it would only cost more."""


@dataclass
class Budget:
    """The time one transfer may still take: grace, plus what its bytes so far have earned."""

    grace_s: float = GRACE_S
    min_rate: float = MIN_RATE
    started: float = field(default_factory=time.monotonic)
    received: int = 0

    def remaining(self) -> float:
        return self.started + self.grace_s + self.received / self.min_rate - time.monotonic()


_current = threading.local()


@contextlib.contextmanager
def transfer_budget(grace_s: float = GRACE_S, min_rate: float = MIN_RATE) -> Iterator[Budget]:
    """Every socket read and write on this thread, until the block ends, counts against one budget."""
    budget = Budget(grace_s, min_rate)
    _current.budget = budget
    try:
        yield budget
    finally:
        _current.budget = None


def _bounded(timeout: float | None) -> float | None:
    budget: Budget | None = getattr(_current, "budget", None)
    if budget is None:
        return timeout
    left = budget.remaining()
    if left <= 0:
        raise TooSlow("the transfer ran out of time")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A network stream whose every read and write is bounded by the thread's :class:`Budget`."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        bounded = _bounded(timeout)
        try:
            data = self._inner.read(max_bytes, bounded)
        except httpcore.ReadTimeout:
            if bounded != timeout:
                raise TooSlow("the transfer ran out of time") from None
            raise
        budget: Budget | None = getattr(_current, "budget", None)
        if budget is not None:
            budget.received += len(data)
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, its streams bounded by the calling thread's budget (sync
    httpcore does all the work of a request on the thread that asked for it)."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_tcp(host, port, _bounded(timeout), local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:  # pragma: no cover
        return _Stream(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:  # pragma: no cover
        self._inner.sleep(seconds)


MAX_REDIRECTS = 5
"""Hops followed from one address; each is checked as the address itself was."""

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def core_request(target: str, headers: Mapping[str, str], timeouts: Mapping[str, float | None]) -> httpcore.Request:
    """The httpcore GET of *target*: httpx makes the URL (percent-encoded) and the ``Host`` header,
    httpcore sends it, so redirects are never followed, nor bodies inflated, behind our back."""
    request = httpx.Request("GET", target, headers=dict(headers))
    return httpcore.Request(
        method="GET",
        url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host, port=request.url.port,
                         target=request.url.raw_path),
        headers=request.headers.raw, extensions={"timeout": dict(timeouts)})


def redirect_target(status: int, headers: httpx.Headers, current: str) -> str | None:
    """Where an answer redirects to, checked as any address is (:class:`~.urls.BadURL` when it
    cannot be used), or None when it is no redirect."""
    if status not in REDIRECT_STATUSES or not headers.get("location"):
        return None
    return checked_url(headers["location"], base=current)


class OverLimit(Exception):
    """The decoded body is larger than allowed; *within* is what this piece gave up to the limit
    (a reader that keeps only the start, as of robots.txt, keeps exactly *limit* bytes)."""

    def __init__(self, within: bytes = b"") -> None:
        super().__init__("over the limit")
        self.within = within


class EncodingRefused(ValueError):
    """A ``Content-Encoding`` we did not ask for, or more than one layer of it."""


ACCEPT_ENCODING = "gzip, deflate"
"""What we ask for, and so all a server may send."""


class BoundedDecoder:
    """Undo one layer of content encoding, counting decoded bytes as they come out.

    ``zlib``'s ``max_length`` keeps each step within the bytes still allowed: a gzip bomb is
    refused after at most *limit* bytes are made, not after it has filled memory.
    """

    def __init__(self, content_encoding: str, limit: int) -> None:
        layers = [layer.strip().lower() for layer in content_encoding.split(",") if layer.strip()]
        layers = [layer for layer in layers if layer != "identity"]
        if len(layers) > 1:
            raise EncodingRefused(f"{len(layers)} layers of content encoding ({content_encoding[:60]}); "
                                  "one at most is accepted")
        self.kind = layers[0] if layers else "identity"
        if self.kind not in ("identity", "gzip", "x-gzip", "deflate"):
            raise EncodingRefused(f"a content encoding that was not asked for ({self.kind[:40]})")
        self.limit = limit
        self.size = 0
        wbits = 16 + zlib.MAX_WBITS if self.kind in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._inflate = zlib.decompressobj(wbits) if self.kind != "identity" else None
        self._first = True

    def feed(self, data: bytes) -> bytes:
        """The decoded bytes of the next piece *data*. Raises :class:`OverLimit` past the limit,
        :class:`EncodingRefused` when the data is not what its encoding says."""
        if self._inflate is None:
            return self._count(data)
        try:
            out = self._inflate.decompress(data, self.limit - self.size + 1)
        except zlib.error:
            if not (self._first and self.kind == "deflate"):
                raise EncodingRefused(f"the body is not valid {self.kind} data") from None
            # "deflate" is often sent raw, without the zlib wrapper: read it that way instead.
            self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
            self._first = False
            return self.feed(data)
        self._first = False
        pieces: list[bytes] = []
        try:
            pieces.append(self._count(out))
            while self._inflate.unconsumed_tail:
                out = self._inflate.decompress(self._inflate.unconsumed_tail, self.limit - self.size + 1)
                pieces.append(self._count(out))
        except OverLimit as over:
            raise OverLimit(b"".join(pieces) + over.within) from None
        return b"".join(pieces)

    def _count(self, data: bytes) -> bytes:
        room = self.limit - self.size
        self.size += len(data)
        if self.size > self.limit:
            raise OverLimit(data[:room])
        return data


WEB_TEXT_ENCODINGS = frozenset(codecs.lookup(name).name for name in (
    "utf-8", "utf-16-le", "utf-16-be", "utf-16", "ascii", "latin-1", "iso8859-2", "iso8859-3", "iso8859-4",
    "iso8859-5", "iso8859-6", "iso8859-7", "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14",
    "iso8859-15", "iso8859-16", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256",
    "cp1257", "cp1258", "cp874", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "shift_jis",
    "cp932", "euc_jp", "iso2022_jp", "euc_kr", "cp949", "gbk", "gb2312", "gb18030", "big5", "big5hkscs",
))
"""The text encodings of the WHATWG Encoding Standard that Python has, by Python's codec name."""


def text_encoding(label: str | None) -> str | None:
    """The Python codec for a charset *label* a page declares, or None when it is no web text
    encoding (``punycode``, ``idna``, ``rot13``, ``zlib``, an unknown name...)."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()[:40]).name
    except (LookupError, ValueError):
        return None
    return name if name in WEB_TEXT_ENCODINGS else None


def finite_seconds(value: object, most: float) -> float:
    """*value* as seconds from 0 to *most*; 0 for anything not a finite number (``1e308``, ``nan``)."""
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return min(max(seconds, 0.0), most) if math.isfinite(seconds) else 0.0
