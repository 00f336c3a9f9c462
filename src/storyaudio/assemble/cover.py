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
from pathlib import Path

from ..errors import AudioError

MAX_COVER_PX = 800


def cover_jpeg(image: str | None, title: str) -> bytes:
    """JPEG bytes for the cover: *image* (a local path) resized, or a drawn title card.

    A URL cannot be fetched offline and is skipped for the drawn card; a path
    that is missing, unreadable or not an image is an :class:`AudioError`.
    """
    from PIL import Image, UnidentifiedImageError

    if image and "://" not in image:
        path = Path(image)
        try:
            with Image.open(path) as opened:
                picture = opened.convert("RGB")
        except FileNotFoundError:
            raise AudioError(f"{path}: cover image not found") from None
        except (UnidentifiedImageError, OSError) as error:
            raise AudioError(f"{path}: not an image that can be read ({error})") from None
        picture.thumbnail((MAX_COVER_PX, MAX_COVER_PX))
    else:
        picture = title_card(title)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def title_card(title: str, size: int = MAX_COVER_PX) -> "Image.Image":  # noqa: F821
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
