"""Cover art for an episode: the story's or show's image as an ID3-friendly JPEG.

Podcast apps show the MP3's embedded front cover; large images bloat every
episode, so covers are made square-safe JPEGs of at most 800x800 pixels. With
no image at all, a plain cover showing the title is drawn, so every episode
has art.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AudioError
from ..models import ScriptChapter

if TYPE_CHECKING:
    from PIL import Image

MAX_COVER_PX = 800
MAX_PICTURE_PIXELS = 50_000_000
"""The largest picture opened (7,000 x 7,000): a 30,000 x 30,000 PNG would need gigabytes to decode."""


def cover_jpeg(image: str | None, title: str) -> bytes:
    """JPEG bytes for the cover: *image* (a local path) resized, or a drawn title card.

    A URL cannot be fetched offline and is skipped for the drawn card; a path
    that is missing, unreadable or not an image is an :class:`AudioError`.
    """
    if image and "://" not in image:
        return _jpeg(_picture(Path(image), "cover image"))
    return _jpeg(title_card(title))


def chapter_pictures(chapters: Sequence[ScriptChapter]) -> dict[str, bytes]:
    """JPEG bytes of each chapter picture that is a local file, by the path the story gave.

    Pictures given as URLs are left to the apps to fetch (they go into
    ``chapters.json`` as they are). A missing or unreadable file is an
    :class:`AudioError` naming it.
    """
    return {chapter.image: _jpeg(_picture(Path(chapter.image), "chapter image"))
            for chapter in chapters if chapter.image and "://" not in chapter.image}


def _picture(path: Path, what: str) -> Image.Image:
    """The image at *path* in RGB, at most 800x800 pixels."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as opened:
            width, height = opened.size
            if width * height > MAX_PICTURE_PIXELS:
                raise AudioError(f"{path}: {what} is {width}x{height} pixels, over the limit of "
                                 f"{MAX_PICTURE_PIXELS:,}; make it smaller (3000x3000 is plenty)")
            opened.draft("RGB", (MAX_COVER_PX, MAX_COVER_PX))  # JPEGs decode at a fraction of their size
            picture: Image.Image = opened.convert("RGB")
    except FileNotFoundError:
        raise AudioError(f"{path}: {what} not found") from None
    except Image.DecompressionBombError:
        raise AudioError(f"{path}: {what} is too large to open; make it smaller (3000x3000 is plenty)") from None
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise AudioError(f"{path}: not an image that can be read ({error})") from None
    picture.thumbnail((MAX_COVER_PX, MAX_COVER_PX))
    return picture


def _jpeg(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def title_card(title: str, size: int = MAX_COVER_PX) -> Image.Image:
    """A square card with the title in large type on a colour picked from the title."""
    from PIL import Image, ImageDraw, ImageFont

    digest = hashlib.sha256(title.encode()).digest()
    # Dark, saturated backgrounds keep white text above 7:1 contrast.
    background = (30 + digest[0] % 50, 40 + digest[1] % 60, 70 + digest[2] % 70)
    picture = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=size // 12)
    lines = textwrap.wrap(title, width=18)[:6] or [" "]
    line_height = size // 10
    top = (size - line_height * len(lines)) // 2
    for number, line in enumerate(lines):
        draw.text((size // 12, top + number * line_height), line, fill=(255, 255, 255), font=font)
    return picture
