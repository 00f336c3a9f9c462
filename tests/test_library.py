"""The library from its documented names: every error importable from the package, paths as
strings, one path or many, and a plug-in engine's failure as one clear error."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import storyaudio
from storyaudio.errors import __doc__ as ERROR_TREE
from storyaudio.models import Clip
from storyaudio.synthesize import synthesize
from storyaudio.voices import VoiceProfile


def test_every_error_of_the_documented_tree_is_exported() -> None:
    documented = set(re.findall(r"[├└]── ([A-Z]\w+)", ERROR_TREE or "")) | {"StoryAudioError"}
    assert {"ShowError", "LexiconError", "CacheError", "ExecutorError", "FetchError", "BadURL"} <= documented
    assert [name for name in sorted(documented) if not hasattr(storyaudio, name)] == []


def test_paths_may_be_strings_and_one_story_is_one_path(tmp_path: Path, cache_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("# A\n\nThe tide came in.\n")
    assert storyaudio.read_story("a.md").title == "A"
    (episode,) = storyaudio.build("a.md", "out", cache_dir=cache_dir, jobs=1)  # not five one-letter paths
    assert episode.slug == "a" and Path("out/episodes/a/episode.json").is_file()
    assert storyaudio.ClipCache(tmp_path / "c").prune("30d") == 0
    assert [e.slug for e in storyaudio.load_catalog("out")] == ["a"]
    assert storyaudio.find_stories(["a.md"]) == [Path("a.md")]
    assert {p.rule for p in storyaudio.publish.check.check_show("out")} >= {"atom-self"}
    assert storyaudio.publish("out", storyaudio.Show())[0].slug == "a"
    assert storyaudio.publish.remove_episode("out", "a", storyaudio.Show()).slug == "a"


class _Plugin:
    """A third-party engine that misbehaves as plug-ins do."""

    name = "plugin"
    max_chars = 400
    needs_network = False

    def __init__(self, profile: VoiceProfile, failure: str) -> None:
        self.profile = profile
        self.failure = failure

    def identity(self) -> str:
        return f"plugin-{self.failure}"

    def synthesize(self, text: str) -> Clip:
        if self.failure == "raises":
            raise ValueError("bad sample rate in config\nsecond line")
        return Clip(np.zeros(100, np.float32), 22050)  # type: ignore[arg-type]


@pytest.mark.parametrize(("failure", "message"), [
    ("raises", "the plugin engine failed (ValueError: bad sample rate in config)"),
    ("float", "the plugin engine gave float32 samples, not a clip of 16-bit mono samples"),
])
def test_a_plugin_engine_that_misbehaves_is_one_line(failure: str, message: str) -> None:
    story = storyaudio.Story(title="T", chapters=(storyaudio.Chapter(None, (storyaudio.Paragraph("Hello there."),)),))
    script = storyaudio.write_script(story)
    engine = _Plugin(VoiceProfile(name="p", engine="plugin"), failure)
    with pytest.raises(storyaudio.SynthesisError) as caught:
        synthesize(script.segments, engine)  # type: ignore[arg-type]
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert str(caught.value).startswith("sentence 1 ('T'): ")


def _resolve(dotted: str) -> object:
    """The object a dotted name in the guide names, importing modules on the way as a reader would."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            found = getattr(found, part)
        return found
    raise ImportError(dotted)


def test_every_dotted_name_in_the_library_guide_works() -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "library.md").read_text()
    names = sorted({name for name in re.findall(r"\bstoryaudio(?:\.[A-Za-z_]\w*)+", guide)
                    if name != "storyaudio.toml"})  # the settings file, not a name
    assert len(names) >= 10
    broken = []
    for name in names:
        try:
            _resolve(name)
        except (ImportError, AttributeError) as error:
            broken.append(f"{name}: {error}")
    assert broken == []
    assert callable(storyaudio.build) and callable(storyaudio.build.plan_stories)  # the module, and build()
    import storyaudio.publish.check as check  # once a baffling ImportError

    assert check.check_show is storyaudio.publish.check.check_show


@pytest.mark.parametrize(("make", "message"), [
    (lambda: storyaudio.Show(title=""), "Show: title must not be empty"),
    (lambda: storyaudio.Show(language="english"), "is not a language code"),
    (lambda: storyaudio.Pauses(sentence_ms=-5), "Pauses: sentence_ms must be a whole number of milliseconds"),
    (lambda: storyaudio.AudioSettings(channels=3), "AudioSettings: channels must be 1 or 2"),
])
def test_settings_made_in_code_are_checked_as_the_settings_file_is(make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(storyaudio.ShowError, match=message):
        make()
