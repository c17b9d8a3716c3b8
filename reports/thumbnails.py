"""Evidence photos made small: for the photos page and the documents' appendix (a phone's
photo is several megabytes; a thumbnail a few dozen kilobytes). Turned as the camera
held it (EXIF orientation), and saved as JPEG without the camera's metadata."""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError


def thumbnail(data: bytes, longest: int) -> bytes | None:
    """A JPEG at most `longest` pixels on its longest side; None if it is no picture."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            picture = ImageOps.exif_transpose(opened) or opened
            picture = picture.convert("RGB")
            picture.thumbnail((longest, longest))
            out = io.BytesIO()
            picture.save(out, format="JPEG", quality=82)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None
