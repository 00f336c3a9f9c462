"""Compare article extractors on saved story pages: recall, boilerplate, time.

For each ``PAGE.html`` that has a ``PAGE.expected.txt`` beside it (the
article's text, marked by a person), prints the share of article sentences
each extractor kept and the share of its words that are boilerplate.

    python bench/bench_extractors.py tests/data/*.html ~/saved-pages/*.html

storyaudio's HTML reader uses trafilatura; readability-lxml is measured too
when it is installed (pip install readability-lxml).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from storyaudio.quality import extraction_quality
from storyaudio.read import read_story
from storyaudio.script import story_text


def via_storyaudio(html: str, path: Path) -> str:
    story = read_story(path)
    return story_text(story).split("\n\n", 1)[-1]  # without the title


def via_readability(html: str, path: Path) -> str:
    import lxml.html
    from readability import Document

    return lxml.html.fromstring(Document(html).summary(html_partial=True)).text_content()


def main(paths: list[Path]) -> None:
    extractors = {"storyaudio (trafilatura)": via_storyaudio}
    try:
        import readability  # noqa: F401

        extractors["readability-lxml"] = via_readability
    except ImportError:
        print("readability-lxml not installed: measuring storyaudio only")
    print(f"{'page':<28}{'extractor':<26}{'recall':>8}{'boilerplate':>13}{'ms':>7}")
    for path in paths:
        expected = path.with_suffix(".expected.txt")
        if not expected.is_file():
            continue
        html = path.read_text(encoding="utf-8", errors="replace")
        for name, extract in extractors.items():
            start = time.perf_counter()
            text = extract(html, path)
            ms = (time.perf_counter() - start) * 1000
            quality = extraction_quality(text, expected.read_text(encoding="utf-8"))
            print(f"{path.name:<28}{name:<26}{quality.recall:>8.0%}{quality.boilerplate:>13.0%}{ms:>7.0f}")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or sorted(Path("tests/data").glob("*.html")))
