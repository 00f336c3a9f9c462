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
from ..layout import ARTWORK_MAX_PX, ARTWORK_MIN_PX
from ..models import ScriptChapter
from ..settings import MAX_PICTURE_PIXELS

if TYPE_CHECKING:
    from PIL import Image

MAX_COVER_PX = 800


def cover_jpeg(image: str | None, title: str) -> bytes:
    """JPEG bytes for the cover: *image* (a local path) resized, or a drawn title card.

    A URL cannot be fetched offline and is skipped for the drawn card; a path
    that is missing, unreadable or not an image is an :class:`AudioError`.
    """
    if image and "://" not in image:
        return _jpeg(_picture(Path(image), "cover image"))
    return _jpeg(title_card(title))


FEED_ARTWORK_PX, MAX_FEED_ARTWORK_PX = ARTWORK_MIN_PX, ARTWORK_MAX_PX
"""Apple wants each episode's ``itunes:image`` square, 1400 to 3000 pixels (the rule is kept in layout)."""


def artwork_jpeg(image: str | None, title: str) -> bytes:
    """JPEG bytes for the episode's artwork in the feed: *image* (a local path) or a drawn title
    card, cropped square and sized into Apple's 1400-3000 px (a small picture is enlarged)."""
    if image and "://" not in image:
        return _jpeg(_feed_square(_picture(Path(image), "cover image", largest=MAX_FEED_ARTWORK_PX)))
    return _jpeg(_feed_square(title_card(title, FEED_ARTWORK_PX)))


def artwork_from_cover(cover: bytes) -> bytes:
    """The feed artwork made from *cover* JPEG bytes (for callers that have only the cover)."""
    from PIL import Image

    with Image.open(io.BytesIO(cover)) as opened:
        return _jpeg(_feed_square(opened.convert("RGB")))


def _feed_square(picture: Image.Image) -> Image.Image:
    """*picture*'s centre, cropped square and sized into Apple's 1400-3000 px."""
    from PIL import Image

    side = min(picture.size)
    left, top = (picture.width - side) // 2, (picture.height - side) // 2
    square = picture.crop((left, top, left + side, top + side))
    wanted = min(max(side, FEED_ARTWORK_PX), MAX_FEED_ARTWORK_PX)
    return square if wanted == side else square.resize((wanted, wanted), Image.Resampling.LANCZOS)


def chapter_pictures(chapters: Sequence[ScriptChapter]) -> dict[str, bytes]:
    """JPEG bytes of each chapter picture that is a local file, by the path the story gave.

    Pictures given as URLs are left to the apps to fetch (they go into
    ``chapters.json`` as they are). A missing or unreadable file is an
    :class:`AudioError` naming it.
    """
    return {chapter.image: _jpeg(_picture(Path(chapter.image), "chapter image"))
            for chapter in chapters if chapter.image and "://" not in chapter.image}


def _picture(path: Path, what: str, largest: int = MAX_COVER_PX) -> Image.Image:
    """The image at *path* in RGB, at most *largest* pixels on each side."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as opened:
            width, height = opened.size
            if width * height > MAX_PICTURE_PIXELS:
                raise AudioError(f"{path}: {what} is {width}x{height} pixels, over the limit of "
                                 f"{MAX_PICTURE_PIXELS:,}; make it smaller (3000x3000 is plenty)")
            opened.draft("RGB", (largest, largest))  # JPEGs decode at a fraction of their size
            picture: Image.Image = opened.convert("RGB")
    except FileNotFoundError:
        raise AudioError(f"{path}: {what} not found") from None
    except Image.DecompressionBombError:
        raise AudioError(f"{path}: {what} is too large to open; make it smaller (3000x3000 is plenty)") from None
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise AudioError(f"{path}: not an image that can be read ({error})") from None
    picture.thumbnail((largest, largest))
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
