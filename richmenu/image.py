"""Draw a rich menu's picture: a grid of labelled tiles, Thai shaped by raqm."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from messages_th.fonts import thai_font

WIDTH, HEIGHT = 2500, 1686
COLUMNS, ROWS = 3, 2
COLOURS = ["#06C755", "#0E9F6E", "#047857", "#1D4ED8", "#7C3AED", "#4B5563"]


class NoThaiFont(RuntimeError):
    pass


def draw(labels: list[str]) -> bytes:
    """The picture of a menu with these labels (cached: the labels are all that changes it)."""
    return _draw(tuple(labels))


@lru_cache(maxsize=8)
def _draw(labels: tuple[str, ...]) -> bytes:
    font_path = thai_font(bold=True) or thai_font()
    if font_path is None:
        raise NoThaiFont
    largest = ImageFont.truetype(str(font_path), 150)
    image = Image.new("RGB", (WIDTH, HEIGHT), "#FFFFFF")
    pen = ImageDraw.Draw(image)
    tile_w, tile_h = WIDTH // COLUMNS, HEIGHT // ROWS
    for index, label in enumerate(labels[: COLUMNS * ROWS]):
        column, row = index % COLUMNS, index // COLUMNS
        box = (
            column * tile_w + 12,
            row * tile_h + 12,
            (column + 1) * tile_w - 12,
            (row + 1) * tile_h - 12,
        )
        pen.rounded_rectangle(box, radius=48, fill=COLOURS[index % len(COLOURS)])
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        font = _fitting(largest, label, box[2] - box[0] - 80)
        pen.text(centre, label, font=font, fill="#FFFFFF", anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _fitting(font: ImageFont.FreeTypeFont, label: str, width: int) -> ImageFont.FreeTypeFont:
    """The largest size up to the font's own at which the label fits the tile's width."""
    size = int(font.size)
    while size > 40 and font.font_variant(size=size).getlength(label) > width:
        size -= 10
    return font.font_variant(size=size)
