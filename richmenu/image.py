"""Draw a rich menu's picture: a grid of labelled tiles, Thai shaped by raqm."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from messages_th.fonts import thai_font

WIDTH, HEIGHT = 2500, 1686
COLUMNS, ROWS = 3, 2
COLOURS = ["#06C755", "#0E9F6E", "#047857", "#1D4ED8", "#7C3AED", "#4B5563"]


class NoThaiFont(RuntimeError):
    pass


def draw(labels: list[str]) -> bytes:
    font_path = thai_font(bold=True) or thai_font()
    if font_path is None:
        raise NoThaiFont
    font = ImageFont.truetype(str(font_path), 150)
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
        pen.text(centre, label, font=font, fill="#FFFFFF", anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
