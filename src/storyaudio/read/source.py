"""Loading a story's bytes into text, and helpers every reader shares."""

from __future__ import annotations

import codecs
import hashlib
import re
import stat
from pathlib import Path

from slugify import slugify

from ..errors import StoryError

MAX_STORY_BYTES = 5 * 1024 * 1024
"""Refuse larger files early instead of running out of memory later."""


def load_text(path: Path) -> tuple[str, str]:
    """Return the decoded text of *path* and the SHA-256 of its bytes.

    Only a regular file is read (a FIFO would wait for ever, ``/dev/zero``
    would fill memory), and never more than the size limit and one byte.
    Everything that stops a story from being read becomes a
    :class:`StoryError` naming the file.
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        raise StoryError(f"{path}: no such file") from None
    except OSError as error:
        raise StoryError(f"{path}: cannot be read ({error.strerror})") from None
    if stat.S_ISDIR(status.st_mode):
        raise StoryError(f"{path}: is a folder, expected a story file")
    if not stat.S_ISREG(status.st_mode):
        raise StoryError(f"{path}: is not a regular file (a device, pipe or socket); save the story to a file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_STORY_BYTES + 1)
    except PermissionError:
        raise StoryError(f"{path}: permission denied") from None
    except OSError as error:
        raise StoryError(f"{path}: cannot be read ({error.strerror})") from None
    if len(data) > MAX_STORY_BYTES:
        raise StoryError(f"{path}: over the {MAX_STORY_BYTES} byte limit for one story")
    return decode(data, str(path)), hashlib.sha256(data).hexdigest()


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, name: str) -> str:
    """Decode story bytes: UTF-8, or UTF-8 or UTF-16 with a byte-order mark.

    Anything else is refused with the line it fails on, rather than guessed:
    a guess turned "Café" into "Cafķ". Binary files and empty stories are refused.
    """
    encoding = next((codec for bom, codec in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise StoryError(f"{name}: looks like a binary file, not a story")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise StoryError(f"{name}: line {line} is not valid {encoding.upper().replace('-SIG', '')} text; "
                         "save the story as UTF-8") from None
    if not text.strip():
        raise StoryError(f"{name}: the story is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CURRENCY = re.compile(  # the Unicode currency symbols (category Sc)
    "[\u0024\u00a2-\u00a5\u058f\u060b\u09f2\u09f3\u0e3f\u17db\u20a0-\u20c0\ufdfc\uffe0\uffe1\uffe5\uffe6]")
_THOUSANDS = re.compile(r"(?<=\d)[,\u00a0\u202f](?=\d{3}\b)")


def make_slug(text: str, fallback: str = "story") -> str:
    """A lowercase, hyphenated, file- and URL-safe name (never empty, never a path). Currency
    signs are dropped (slugify would spell ``£`` as ``ps`` and ``€`` as ``eur``) and a number's
    thousands separators with them: ``£250,000 raised`` gives ``250000-raised``."""
    text = _THOUSANDS.sub("", _CURRENCY.sub("", text))
    slug = slugify(text, max_length=80, word_boundary=True)
    return slug or fallback
