"""The code meets the checks pyproject.toml sets for it: ruff's rules and mypy's strict typing.

Both run here, in the test suite, so the one test command of the README and
CI keep them green; the versions are pinned in the ``test`` extra, since a
newer linter may bring new rules.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def check(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True,
                          check=False)


def test_ruff_finds_nothing() -> None:
    result = check("ruff", "check", "--no-cache", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing_in_the_library() -> None:
    result = check("mypy", "src")
    assert result.returncode == 0, result.stdout + result.stderr
