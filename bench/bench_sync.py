"""Keeping a show in step with a site: a feed of 200 stories on a local server, synced again.

Builds the feed once (not timed: the stories share their body, so only 200 titles are
synthesised), then times three syncs and prints each with what the server saw:

- nothing changed: every page costs one 304, nothing is extracted or synthesised (target: < 5 s);
- one story edited: only its changed sentence is synthesised;
- a page gone from the site (404): the others stay unchanged, the failure is one line.

    python bench/bench_sync.py [--stories 200]
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import storyaudio
from storyaudio.errors import BuildFailures

BODY = ("<p>The volunteers met at the harbour before dawn, as they have every Saturday for nine years, "
        "to sort the donated coats into sizes and seasons.</p><p>By nine o'clock the first families "
        "arrive, and nobody leaves without something warm.</p>")


class Site(http.server.BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}
    seen: Counter[int] = Counter()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        body = self.pages.get(self.path)
        if body is None:
            self.seen[404] += 1
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.seen[304] += 1
            self.send_response(304)
            self.end_headers()
            return
        self.seen[200] += 1
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def page(number: int, title: str) -> bytes:
    return (f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head><body><nav>Home</nav>"
            f"<article><h1>{title}</h1>{BODY}</article></body></html>").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=200)
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    root = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    titles = [f"Coats for winter, week {n}" for n in range(args.stories)]
    Site.pages = {f"/stories/week-{n}/": page(n, title) for n, title in enumerate(titles)}
    items = "".join(f"<item><title>{t}</title><link>{root}/stories/week-{n}/</link></item>"
                    for n, t in enumerate(titles))
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>S</title>{items}</channel></rss>"
    Site.pages["/feed.xml"] = feed.encode()
    with tempfile.TemporaryDirectory() as folder:
        out, cache = Path(folder) / "out", Path(folder) / "cache"
        show = storyaudio.Show(base_url="https://stories.charity.org.uk/audio/")

        def sync(label: str) -> None:
            Site.seen.clear()
            lines: list[str] = []
            synthesised = Counter()
            tracemalloc.start()
            start = time.perf_counter()
            try:
                storyaudio.build([root + "/feed.xml"], out, show=show, cache_dir=cache, report=lines.append,
                                 progress=lambda step: synthesised.update([step.cached]))
            except BuildFailures as failures:
                lines += failures.failures
            elapsed = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            print(f"{label:<28} {elapsed:6.2f} s  peak {peak:5.1f} MB  server: {dict(Site.seen)}  "
                  f"synthesised {synthesised[False]}, cached {synthesised[True]}")
            for line in lines:
                print("    " + line)

        sync("first build (not a target)")
        sync("nothing changed")
        Site.pages["/stories/week-7/"] = Site.pages["/stories/week-7/"].replace(b"nine years", b"ten years")
        sync("one story edited")
        del Site.pages["/stories/week-9/"]
        sync("one page gone")
    server.shutdown()


if __name__ == "__main__":
    main()
