"""``storyaudio serve``: preview the built show over HTTP, as podcast apps and browsers see it.

Python's ``http.server`` ignores Range requests, so browsers cannot seek in
the audio it serves; this server answers ``Range: bytes=...`` with 206 and
Content-Range, HEAD, the content types podcast apps expect, and CORS for the
chapter and transcript files. It binds to loopback unless told otherwise.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import http.server
import logging
import os
import re
import socket
import sys
import threading
import urllib.parse
from pathlib import Path
from typing import Any

from ..layout import CHAPTERS_FILE, EPISODE_PAGE

log = logging.getLogger(__name__)

CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".woff": "font/woff",
    ".txt": "text/plain; charset=utf-8",
}
_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")
"""One byte range, its numbers at most 18 digits (more than any file's size)."""
_OVERLONG_RANGE = re.compile(r"^bytes=\d*-\d*$")
"""A byte range whose numbers are too long for :data:`_RANGE`: malformed, answered 400."""


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from the output folder, with byte ranges and validators, and nothing else.

    Only regular files inside the folder are served: a symbolic link that
    leads out of it, a dotfile (the lock, the journal, staging folders) and a
    folder without an ``index.html`` are 404, a malformed request 400. Each
    file is opened before its size is taken, so its length and body always
    agree; ``ETag``/``Last-Modified`` and ``If-Range``, ``If-None-Match`` and
    ``If-Modified-Since`` keep a player seeking during a rebuild from
    mixing two versions. Idle connections time out.
    """

    timeout = 15
    """Seconds an idle connection is kept, and the most a request's line and headers may take in
    all (a client sending a byte every few seconds is cut then, not kept for ever); the server's
    threads serve the others meanwhile."""

    def handle_one_request(self) -> None:
        # The socket timeout bounds each read; this bounds the whole of the request's head.
        self._cutter = threading.Timer(self.timeout, self._cut)
        self._cutter.daemon = True
        self._cutter.start()
        try:
            super().handle_one_request()
        finally:
            self._cutter.cancel()

    def parse_request(self) -> bool:
        complete = super().parse_request()  # reads the headers
        self._cutter.cancel()  # the head is in: sending the body takes as long as the client reads
        return complete

    def _cut(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        name = os.path.basename(str(path))
        if name == CHAPTERS_FILE:
            return "application/json+chapters"
        return CONTENT_TYPES.get(os.path.splitext(name)[1].lower()) or super().guess_type(path)

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404, "Not found")  # no listings: only what the show links to is served
        return None

    def send_head(self) -> Any:
        target = self._target()
        if target is None:
            return None
        try:
            handle = open(target, "rb")  # noqa: SIM115 - returned to copyfile, which closes it
        except OSError:
            self.send_error(404, "Not found")
            return None
        status = os.fstat(handle.fileno())
        size, etag = status.st_size, f'"{status.st_size:x}-{status.st_mtime_ns:x}"'
        modified = email.utils.formatdate(status.st_mtime, usegmt=True)
        if self._not_modified(etag, status.st_mtime):
            handle.close()
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        wanted = self._range(size, etag, modified)
        if wanted == "malformed":
            handle.close()
            self.send_error(400, "Bad request: malformed Range")
            return None
        if wanted == "unsatisfiable":
            handle.close()
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        start, end = wanted if isinstance(wanted, tuple) else (0, size - 1)
        handle.seek(start)
        self.send_response(206 if isinstance(wanted, tuple) else 200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        if isinstance(wanted, tuple):
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(max(0, end - start + 1)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.end_headers()
        return _Slice(handle, max(0, end - start + 1))

    def _target(self) -> Path | None:
        """The regular file inside the served folder that the request names, else None (answered)."""
        raw = urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        if "\x00" in raw or not raw.startswith("/"):
            self.send_error(400, "Bad request")
            return None
        parts = [part for part in raw.split("/") if part]
        if any(part.startswith(".") for part in parts):
            self.send_error(404, "Not found")
            return None
        root = Path(self.directory).resolve()
        path = (root / "/".join(parts)).resolve()
        if path.is_dir():
            if not raw.endswith("/"):
                self.send_response(301)
                self.send_header("Location", raw + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / EPISODE_PAGE  # the show page and every episode page have this name
        if not path.is_relative_to(root) or not path.is_file():
            self.send_error(404, "Not found")  # a link out of the folder, or nothing there
            return None
        return path

    def _not_modified(self, etag: str, mtime: float) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            return etag in [tag.strip() for tag in match.split(",")] or match.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since:
            with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
                return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        return False

    def _range(self, size: int, etag: str, modified: str) -> tuple[int, int] | str | None:
        """The byte range to send, None for the whole file, ``"unsatisfiable"`` (416) or
        ``"malformed"`` (400: numbers longer than any file's size)."""
        header = self.headers.get("Range")
        if not header:
            return None
        condition = self.headers.get("If-Range")
        if condition and condition.strip() not in (etag, modified):
            return None  # the file changed since the client's copy: send it whole
        match = _RANGE.match(header.strip())
        if not match and _OVERLONG_RANGE.match(header.strip()):
            return "malformed"
        if not match or (not match.group(1) and not match.group(2)):
            return None  # a form we do not serve, or an invalid one: ignored, as RFC 9110 says
        if match.group(1):
            start = int(match.group(1))
            end = min(int(match.group(2)), size - 1) if match.group(2) else size - 1
            if match.group(2) and int(match.group(2)) < start:
                return None  # invalid (last before first): ignored
        else:  # the last N bytes
            start, end = max(0, size - int(match.group(2))), size - 1
        if start >= size:
            return "unsatisfiable"
        return start, end

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet; the CLI says where it serves


class _Slice:
    """A file object that stops after *length* bytes (what copyfile reads for a range)."""

    def __init__(self, handle: Any, length: int) -> None:
        self.handle, self.left = handle, length

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        data = self.handle.read(self.left if size < 0 else min(size, self.left))
        self.left -= len(data)
        return bytes(data)

    def close(self) -> None:
        self.handle.close()


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A preview server for *out*; call ``serve_forever()`` on it (port 0 picks a free one)."""
    handler = functools.partial(PreviewHandler, directory=str(out))
    return _PreviewServer((host, port), handler)


class _PreviewServer(http.server.ThreadingHTTPServer):
    """One thread per connection, and a listen backlog that holds 200 waiting connections."""

    request_queue_size = 200
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that cancels a request (seeking does, all the time) is one quiet line, never a
        traceback; anything else is one line too."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, TimeoutError)):
            log.debug("%s:%s cancelled a request", *client_address[:2])
        else:
            log.warning("serving %s:%s failed: %s", *client_address[:2], error)
