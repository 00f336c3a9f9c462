"""A pronunciation lexicon: words the voice gets wrong, and how to say them.

A lexicon file is TOML with one table, ``[words]``, mapping a written word to
its spoken form::

    [words]
    IJM = "I J M"        # has capitals: matches exactly this case
    quay = "key"         # all lower case: matches Quay, QUAY and quay

Entries match whole words only. Lexicons are merged in order (storyaudio's
own ``voices/lexicon.toml``, then the project's, then the show's ``lexicon``
file), later entries winning.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import StoryAudioError


class LexiconError(StoryAudioError, ValueError):
    """A lexicon file is malformed."""


@dataclass(frozen=True)
class Lexicon:
    """Words and how to say them; a word written with capitals matches only as written."""

    entries: Mapping[str, str] = field(default_factory=dict)
    # Made once from the entries, so applying the lexicon to every sentence stays cheap.
    _exact: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _folded: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _lower: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        exact = [word for word in self.entries if word != word.lower()]
        folded = [word for word in self.entries if word == word.lower()]
        object.__setattr__(self, "_exact", _pattern(exact, 0))
        object.__setattr__(self, "_folded", _pattern(folded, re.IGNORECASE))
        object.__setattr__(self, "_lower", {w.lower(): s for w, s in self.entries.items() if w in folded})

    def apply(self, text: str) -> str:
        """Replace every lexicon word in *text* by its spoken form."""
        if self._exact is not None:
            text = self._exact.sub(lambda m: self.entries[m.group(0)], text)
        if self._folded is not None:
            text = self._folded.sub(lambda m: self._lower[m.group(0).lower()], text)
        return text


def alternation(words: Iterable[str]) -> str:
    """A regex alternative of *words* taken literally, longest first, so ``km²`` wins over ``km``."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _pattern(words: list[str], flags: int) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)", flags)


def read_lexicon(path: Path) -> dict[str, str]:
    """The ``[words]`` of one lexicon file, with errors naming the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LexiconError(f"{path}: no such lexicon file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise LexiconError(f"{path}: malformed lexicon: {error}") from None
    words = data.get("words", {})
    if set(data) - {"words"} or not isinstance(words, dict):
        raise LexiconError(f"{path}: a lexicon holds one table, [words], of word = \"spoken form\"")
    bad = [key for key, value in words.items() if not isinstance(value, str) or not key.strip()]
    if bad:
        raise LexiconError(f"{path}: lexicon entry {bad[0]!r} must map a word to a string")
    return dict(words)


def load_lexicon(paths: Iterable[Path]) -> Lexicon:
    """Merge the lexicon files that exist among *paths*, later ones winning."""
    entries: dict[str, str] = {}
    for path in paths:
        entries.update(read_lexicon(path))
    return Lexicon(entries)


def project_lexicon(show_lexicon: Path | None = None, voice_folders: Iterable[Path] = ()) -> Lexicon:
    """storyaudio's lexicon, merged with each ``lexicon.toml`` in the voice folders (the show's
    own *voice_folders* winning, see :func:`~storyaudio.voices.voice_dirs`) and *show_lexicon*."""
    from .voices import voice_dirs

    paths = [folder / "lexicon.toml" for folder in reversed(voice_dirs(voice_folders))]
    paths = [path for path in paths if path.is_file()]
    if show_lexicon is not None:
        paths.append(show_lexicon)
    return load_lexicon(paths)
