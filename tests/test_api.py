"""The library's public surface."""

from __future__ import annotations

import ast
from pathlib import Path

import storyaudio

SOURCE = Path(storyaudio.__file__).parent


def test_all_lists_exactly_the_public_names() -> None:
    public = {name for name in dir(storyaudio) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(storyaudio, name)).__name__ == "module"}
    assert set(storyaudio.__all__) == public - modules
    for stage in ("read_story", "write_script", "synthesize", "assemble", "publish", "publish_episode", "build"):
        assert stage in storyaudio.__all__


def test_errors_also_subclass_builtins() -> None:
    assert issubclass(storyaudio.StoryError, ValueError)
    assert issubclass(storyaudio.VoiceError, LookupError)
    assert issubclass(storyaudio.PublishError, OSError)


def test_only_the_cli_imports_click() -> None:
    offenders = []
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] == "click" for name in names) and path.name != "cli.py":
                offenders.append(str(path))
    assert offenders == []
