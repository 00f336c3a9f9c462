"""``storyaudio serve``: preview the built show over HTTP, as podcast apps and browsers see it.

Python's ``http.server`` ignores Range requests, so browsers cannot seek in
the audio it serves; this server answers ``Range: bytes=...`` with 206 and
Content-Range, HEAD, the content types podcast apps expect, and CORS for the
chapter and transcript files. It binds to loopback unless told otherwise.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
from pathlib import Path
from typing import Any

from ..layout import CHAPTERS_FILE

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
}
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from the output folder, with byte ranges."""

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

    def send_head(self) -> Any:
        header = self.headers.get("Range")
        path = Path(self.translate_path(self.path))
        if not header or not path.is_file():
            return super().send_head()
        match = _RANGE.match(header.strip())
        size = path.stat().st_size
        if not match or (not match.group(1) and not match.group(2)):
            return super().send_head()  # a form we do not serve: send the whole file
        if match.group(1):
            start = int(match.group(1))
            end = min(int(match.group(2)), size - 1) if match.group(2) else size - 1
        else:  # the last N bytes
            start, end = max(0, size - int(match.group(2))), size - 1
        if start >= size or start > end:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        handle = open(path, "rb")  # noqa: SIM115 - the _Slice returned owns it and closes it
        handle.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return _Slice(handle, end - start + 1)

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
    return http.server.ThreadingHTTPServer((host, port), handler)
