"""Show artwork as Apple Podcasts requires it: square JPEG or PNG, 1400 to 3000 pixels, RGB."""

from __future__ import annotations

from pathlib import Path

from ..layout import ARTWORK_MAX_PX as MAX_PX
from ..layout import ARTWORK_MIN_PX as MIN_PX


def artwork_problem(path: Path) -> str | None:
    """What is wrong with *path* as show artwork, or None when Apple would accept it."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            kind, (width, height), mode = image.format, image.size, image.mode
    except FileNotFoundError:
        return f"{path}: artwork file not found"
    except (UnidentifiedImageError, OSError):
        return f"{path}: artwork is not an image"
    expected = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}.get(path.suffix.lower())
    if kind not in ("JPEG", "PNG"):
        return f"{path}: artwork must be JPEG or PNG, not {kind}"
    if expected != kind:
        return f"{path}: artwork is {kind} but its name ends {path.suffix!r}"
    if width != height:
        return f"{path}: artwork must be square, not {width}x{height}"
    if not MIN_PX <= width <= MAX_PX:
        return f"{path}: artwork must be {MIN_PX} to {MAX_PX} pixels wide, not {width}"
    if mode != "RGB":
        return f"{path}: artwork must be RGB colour, not {mode}"
    return None


def artwork_name(path: Path) -> str:
    """The artwork's file name in the output folder."""
    return "artwork" + (".png" if path.suffix.lower() == ".png" else ".jpg")


def default_artwork(title: str) -> bytes:
    """A 1400-pixel square title card, for shows that have no artwork yet."""
    import io

    from ..assemble.cover import title_card

    out = io.BytesIO()
    title_card(title, MIN_PX).save(out, format="JPEG", quality=90)
    return out.getvalue()
