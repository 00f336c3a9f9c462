"""storyaudio's version, read from the installed distribution: written once, in ``pyproject.toml``.

A module of its own at the bottom of the package, so stages that stamp the
version into what they make (build keys, page stamps) need not import the
package's ``__init__``.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("storyaudio")
except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
    __version__ = "0+unknown"
