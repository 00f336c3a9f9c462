"""`storyaudio serve` under hostile and careless requests: real HTTP on 127.0.0.1, a real server thread."""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyaudio.publish.serve import make_server


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    out = tmp_path / "out"
    (out / "episodes" / "tide").mkdir(parents=True)
    (out / "episodes" / "tide" / "tide.mp3").write_bytes(bytes(range(256)) * 40)
    (out / "episodes" / "tide" / "index.html").write_text("<p>tide</p>")
    (out / "episodes" / "empty").mkdir()
    (out / "index.html").write_text("<p>show</p>")
    (out / ".storyaudio.lock").write_text("")
    (out / ".publishing.json").write_text("[]")
    (out / "episodes" / ".staging-tide-1234").mkdir()
    (out / "episodes" / ".staging-tide-1234" / "tide.mp3").write_bytes(b"half")
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web")
    os.symlink(secret, out / "leak.txt")
    server = make_server(out, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield out, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def get(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.mark.parametrize("path", ["/leak.txt", "/.storyaudio.lock", "/.publishing.json",
                                  "/episodes/.staging-tide-1234/tide.mp3", "/episodes/empty/", "/nothing.mp3",
                                  "/../secret.txt"])
def test_nothing_outside_the_show_is_served(served, path: str) -> None:
    assert get(served[1], path).status == 404


def test_folders_serve_their_index_or_redirect_to_it(served) -> None:
    assert get(served[1], "/episodes/tide/").status == 200
    response = get(served[1], "/episodes/tide")
    assert response.status == 301 and response.headers["Location"] == "/episodes/tide/"


@pytest.mark.parametrize(("path", "headers"), [
    ("/index.html%00.mp3", {}),
    ("/episodes/tide/tide.mp3", {"Range": "bytes=" + "9" * 5000 + "-"}),
])
def test_malformed_requests_are_400(served, path: str, headers: dict[str, str]) -> None:
    assert get(served[1], path, headers).status == 400


def test_ranges_validators_and_conditional_requests(served) -> None:
    port, mp3 = served[1], "/episodes/tide/tide.mp3"
    whole = get(port, mp3)
    etag, modified = whole.headers["ETag"], whole.headers["Last-Modified"]
    assert whole.status == 200 and etag and modified and whole.headers["Content-Length"] == "10240"
    part = get(port, mp3, {"Range": "bytes=100-199"})
    assert part.status == 206 and part.headers["Content-Range"] == "bytes 100-199/10240"
    assert get(port, mp3, {"Range": "bytes=100-199", "If-Range": etag}).status == 206
    assert get(port, mp3, {"Range": "bytes=100-199", "If-Range": '"other-version"'}).status == 200
    assert get(port, mp3, {"If-None-Match": etag}).status == 304
    assert get(port, mp3, {"If-Modified-Since": modified}).status == 304
    assert get(port, mp3, {"Range": "bytes=99999-"}).status == 416
    assert get(port, mp3, {"Range": "bytes=500-100"}).status == 200  # invalid: ignored (RFC 9110)
    assert get(port, mp3, method="HEAD").headers["Content-Length"] == "10240"


def test_idle_connections_do_not_stop_the_others(served) -> None:
    idle = [socket.create_connection(("127.0.0.1", served[1]), timeout=5) for _ in range(50)]
    try:
        start = time.perf_counter()
        assert get(served[1], "/index.html").status == 200
        assert time.perf_counter() - start < 2
    finally:
        for connection in idle:
            connection.close()


def test_a_cancelled_request_is_no_traceback(tmp_path: Path) -> None:
    """A browser seeking cancels range requests all the time: `storyaudio serve` must not print a
    traceback for each (it printed ConnectionResetError's)."""
    import struct
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<p>show</p>")
    (out / "big.mp3").write_bytes(b"\xff" * 20_000_000)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "storyaudio", "serve", str(out), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        for _ in range(5):
            client = socket.create_connection(("127.0.0.1", port))
            client.sendall(b"GET /big.mp3 HTTP/1.1\r\nHost: x\r\nRange: bytes=0-\r\n\r\n")
            client.recv(1000)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # a reset, not a close
            client.close()
        time.sleep(1.0)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=20)
    assert "Traceback" not in errors and "ConnectionResetError" not in errors, errors
