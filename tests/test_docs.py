"""The guides' examples run as written, so the documentation cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
_BLOCK = re.compile(r"(<!-- not run[^>]*-->\n)?```python\n(.*?)```", re.S)


def python_blocks(name: str) -> list[str]:
    """The ``python`` code blocks of a guide, except those marked ``<!-- not run: why -->``."""
    return [code for marker, code in _BLOCK.findall((DOCS / name).read_text()) if not marker]


LIBRARY_BLOCKS = python_blocks("library.md")
STORY = "# The night ferry\n\nThe ferry left at nine. Nobody spoke.\n\n## Arrival\n\nThe lights came up.\n"


def test_the_library_guide_has_runnable_examples() -> None:
    assert len(LIBRARY_BLOCKS) >= 2
    assert len(_BLOCK.findall((DOCS / "library.md").read_text())) > len(LIBRARY_BLOCKS)  # one is marked


@pytest.mark.parametrize("code", LIBRARY_BLOCKS, ids=[f"block-{n}" for n in range(len(LIBRARY_BLOCKS))])
def test_each_library_example_runs_and_publishes_its_episode(
        code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "night-ferry.md").write_text(STORY)
    exec(compile(code, "docs/library.md", "exec"), {"__name__": "docs_example"})
    feed = feedparser.parse((tmp_path / "output" / "feed.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == ["The night ferry"]
    assert (tmp_path / "output" / "episodes" / "the-night-ferry" / "index.html").is_file()


def test_the_user_guide_covers_every_command_and_option() -> None:
    """Each command, and each of its options as --help spells it, is in the user guide."""
    import click

    from storyaudio.cli import main

    guide = (DOCS / "user-guide.md").read_text()
    missing = []
    for name, command in sorted(main.commands.items()):
        commands = command.commands.items() if isinstance(command, click.Group) else [(None, command)]
        for sub, leaf in commands:
            spelled = f"storyaudio {name}" + (f" {sub}" if sub else "")
            if spelled not in guide:
                missing.append(spelled)
            for parameter in leaf.params:
                if isinstance(parameter, click.Option) and "--help" not in parameter.opts:
                    longest = max(parameter.opts, key=len)
                    if not re.search(rf"{re.escape(longest)}\b", guide):
                        missing.append(f"{spelled} {longest}")
    for parameter in main.params:
        if isinstance(parameter, click.Option) and max(parameter.opts, key=len) not in guide:
            missing.append(f"storyaudio {max(parameter.opts, key=len)}")
    assert missing == []
