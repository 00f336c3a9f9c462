"""Downloading a large file whole, or not at all: a voice model (20 to 120 MB) from a mirror.

The file is written beside its target under ``.part``, checked against the size and MD5 it must
have, and renamed into place only when whole. A ``.part`` left by a download that stopped is
resumed with a ``Range`` request (or started again when the server will not resume). Each
transfer runs within the read stage's bounds (:mod:`storyaudio.read.transfer`): a time budget
earned only by data arriving, so a trickling server is cut rather than waited on for days, and
never more bytes than the file should have. A source may also be a local folder (a mirror on a
USB stick, an air-gapped machine): the same checks apply to the copy.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import httpcore
import httpx

from ._version import __version__
from .errors import first_line
from .read.transfer import (
    GRACE_S,
    MAX_REDIRECTS,
    MIN_RATE,
    DeadlineBackend,
    TooSlow,
    core_request,
    redirect_target,
    transfer_budget,
)
from .read.urls import BadURL, checked_url, shown

BLOCK = 1 << 20
USER_AGENT = f"storyaudio/{__version__} (voice download)"


class DownloadError(Exception):
    """A download that failed: one line naming the address and why."""


Progress = Callable[[int], None]
"""``progress(bytes_so_far)`` as a file arrives."""


def fetch_bytes(source: str, *, max_bytes: int, grace_s: float = GRACE_S, min_rate: float = MIN_RATE) -> bytes:
    """The whole of a small file (an index) at *source*, a URL or a local path."""
    if "://" not in source:
        try:
            with open(source, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            raise DownloadError(f"{source}: cannot be read ({error.strerror or error})") from None
        if len(data) > max_bytes:
            raise DownloadError(f"{source}: over the {max_bytes} byte limit")
        return data
    chunks: list[bytes] = []

    def keep(status: int, chunk: bytes) -> None:
        if sum(map(len, chunks)) + len(chunk) > max_bytes:
            raise DownloadError(f"{shown(source)}: over the {max_bytes} byte limit")
        chunks.append(chunk)

    _transfer(source, 0, keep, grace_s, min_rate)
    return b"".join(chunks)


def fetch_file(source: str, target: Path, *, size: int, md5: str, progress: Progress | None = None,
               grace_s: float = GRACE_S, min_rate: float = MIN_RATE) -> Path:
    """Put the file at *source* (a URL or a local path) at *target*, whole and checked.

    A *target* already there with the right size and MD5 is kept. Raises :class:`DownloadError`
    for a file of the wrong size or checksum (its ``.part`` is removed, so the next try starts
    afresh), and for a source that cannot be had or broke off (its ``.part`` is kept, to resume)."""
    if target.is_file() and target.stat().st_size == size and _md5(target) == md5:
        return target
    part = target.with_name(target.name + ".part")
    have = part.stat().st_size if part.is_file() else 0
    if have > size:
        part.unlink()
        have = 0
    if "://" not in source:
        _copy(source, part, size, progress)
    elif have < size:
        _download(source, part, have, size, progress, grace_s, min_rate)
    got = part.stat().st_size
    if got != size:
        raise DownloadError(f"{shown(source)}: {got} of the {size} bytes the catalogue gives arrived; "
                            "try again to resume")
    digest = _md5(part)
    if digest != md5:
        part.unlink()
        raise DownloadError(f"{shown(source)}: the file's MD5 {digest[:12]}… is not the catalogue's {md5[:12]}…; "
                            "it was removed (a damaged mirror or download)")
    os.replace(part, target)
    return target


def _copy(source: str, part: Path, size: int, progress: Progress | None) -> None:
    try:
        with open(source, "rb") as origin, open(part, "wb") as out:
            copied = 0
            while block := origin.read(BLOCK):
                copied += len(block)
                if copied > size:
                    break
                out.write(block)
                if progress:
                    progress(copied)
    except OSError as error:
        raise DownloadError(f"{source}: cannot be read ({error.strerror or error})") from None


def _download(url: str, part: Path, have: int, size: int, progress: Progress | None, grace_s: float,
              min_rate: float) -> None:
    """Append to *part* from byte *have* (a ``Range`` request), or write it afresh when the server
    sends the whole file instead."""
    try:
        with open(part, "ab") as out:
            written = have
            first = True

            def write(status: int, chunk: bytes) -> None:
                nonlocal written, first
                if first and status == 200 and have:
                    out.truncate(0)  # the server will not resume: start the file again
                    written = 0
                first = False
                written += len(chunk)
                if written > size:
                    raise DownloadError(f"{shown(url)}: more bytes than the {size} the catalogue gives")
                out.write(chunk)
                if progress:
                    progress(written)

            _transfer(url, have, write, grace_s, min_rate)
    except OSError as error:
        raise DownloadError(f"{part}: cannot be written ({error.strerror or error})") from None


def _transfer(url: str, start: int, sink: Callable[[int, bytes], None], grace_s: float, min_rate: float) -> None:
    """GET *url* from byte *start* (redirects followed, each checked), giving each chunk of the
    body to *sink* with the status (206: resumed, 200: the whole file), within one time budget."""
    try:
        target = checked_url(url)
    except BadURL as error:
        raise DownloadError(str(error)) from None
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if start:
        headers["Range"] = f"bytes={start}-"
    timeouts = {"connect": 10.0, "read": 30.0, "write": 30.0, "pool": 30.0}
    with httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=DeadlineBackend()) as pool, \
            transfer_budget(grace_s, min_rate):
        try:
            for _ in range(MAX_REDIRECTS + 1):
                response = pool.handle_request(core_request(target, headers, timeouts))
                try:
                    answer = httpx.Headers(response.headers)
                    try:
                        hop = redirect_target(response.status, answer, target)
                    except BadURL as error:
                        raise DownloadError(f"{shown(url)}: redirects to an address that cannot be used "
                                            f"({error.reason})") from None
                    if hop:
                        target = hop
                        continue
                    if response.status == 206 and not answer.get("content-range", "").startswith(f"bytes {start}-"):
                        raise DownloadError(f"{shown(url)}: the server resumed from another byte than asked")
                    if response.status not in (200, 206):
                        raise DownloadError(f"{shown(url)}: HTTP {response.status}")
                    for chunk in response.iter_stream():
                        sink(response.status, chunk)
                    return
                finally:
                    response.close()
            raise DownloadError(f"{shown(url)}: more than {MAX_REDIRECTS} redirects")
        except TooSlow:
            raise DownloadError(f"{shown(url)}: the server sent too slowly (under {min_rate / 1024:g} KB a second "
                                f"after {grace_s:g} s); given up, try again to resume") from None
        except (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError,
                httpcore.UnsupportedProtocol) as error:
            raise DownloadError(f"{shown(url)}: cannot be downloaded ({first_line(error, 120)}); try again to "
                                "resume") from None


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        while block := handle.read(BLOCK):
            digest.update(block)
    return digest.hexdigest()

