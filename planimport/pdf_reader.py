"""Read a PDF that has a text layer (made by Word or LibreOffice): its lines and its tables.

PDFium (pypdfium2) gives each character with its box, and honours the `ActualText` that
LibreOffice and Word write for Thai glyph clusters. It gives Thai marks in drawing order,
which is not reading order: a tone mark drawn after the next consonant, or a space put
before sara am. So every character is placed again by its box: base characters on lines
left to right, each mark on the base it sits over or under, the marks of a base in the
standard order (PyThaiNLP), the presentation forms some fonts use (U+F700–U+F71A) back to
plain Thai. pdfplumber finds the tables by their ruling lines; the characters inside a cell
make that cell's text.
"""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
from pythainlp.util import normalize

from messages_th import plan_import_text as said
from planimport.errors import PlanReadError
from planimport.lines import Line, row_line, text_line

#: Thai presentation forms of Windows fonts (TH Sarabun…) → the characters they draw
_THAI_PUA = dict(
    zip(
        range(0xF700, 0xF71B),
        "\u0e10\u0e34\u0e35\u0e36\u0e37\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e48\u0e49\u0e4a\u0e4b"
        "\u0e4c\u0e0d\u0e31\u0e4d\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e38\u0e39\u0e3a",
        strict=True,
    )
)
_BELOW = "\u0e38\u0e39\u0e3a"  # sara u, sara uu, phinthu
_ABOVE = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e4d"  # vowels above, maitaikhu, nikhahit
_TONE = "\u0e48\u0e49\u0e4a\u0e4b"


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    marks: list[_Char] = field(default_factory=list)

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


def lines_from_pdf(data: bytes) -> list[Line]:
    try:
        document = pypdfium2.PdfDocument(data)
        plumber = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # a damaged PDF raises many kinds
        raise PlanReadError("unreadable_file", detail=type(error).__name__) from None
    with plumber:
        lines: list[Line] = []
        total = thai = 0
        for number, page in enumerate(document, start=1):
            chars = _chars(page)
            total += len(chars)
            thai += sum(1 for c in chars if "\u0e00" <= c.text <= "\u0e7f")
            tables = [t for t in plumber.pages[number - 1].find_tables() if len(t.rows) > 0]
            lines.extend(_page_lines(number, chars, tables))
        pages = len(document)
    document.close()
    if total == 0:
        raise PlanReadError("scanned_pdf", pages=pages)
    if thai == 0:
        raise PlanReadError("pdf_not_thai")
    return lines


def _chars(page) -> list[_Char]:
    """The page's characters, top-down coordinates, PDFium's invented spaces left out."""
    height = page.get_height()
    textpage = page.get_textpage()
    found = []
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, index) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        text = _THAI_PUA.get(code, chr(code))
        if text in "\r\n\x00" or (unicodedata.category(text)[0] == "C" and text != "\t"):
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        found.append(_Char(text, left, right, height - top, height - bottom))
    return found


def _page_lines(page: int, chars: list[_Char], tables) -> list[Line]:
    """Free text as lines and each table as rows, ordered down the page. Marks are put on
    their bases first: a mark may stick out of its cell."""
    chars = _with_marks_placed(chars)
    placed: list[tuple[float, Line]] = []
    inside = [False] * len(chars)
    for table_number, table in enumerate(tables, start=1):
        rows = []
        for row in table.rows:
            cells = []
            for box in row.cells:
                if box is None:
                    cells.append("")
                    continue
                picked = [i for i, c in enumerate(chars) if _within(c, box)]
                for i in picked:
                    inside[i] = True
                cells.append("\n".join(_unwrap(_rows([chars[i] for i in picked]), box)))
            rows.append(cells)
        top = table.bbox[1]
        for row_number, cells in enumerate(rows, start=1):
            where = said.where_page_table(page, table_number, row_number)
            placed.append(
                (top + row_number * 0.001, row_line(cells, where, page * 100 + table_number))
            )
    free = [c for c, used in zip(chars, inside, strict=True) if not used]
    for number, (top, text) in enumerate(_unwrap_free(_rows(free)), start=1):
        placed.append((top, text_line(text, said.where_page(page, number))))
    placed.sort(key=lambda item: item[0])
    return [line for _, line in placed]


def _within(char: _Char, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return x0 <= char.mid_x <= x1 and top <= char.mid_y <= bottom


@dataclass
class _Row:
    top: float
    x1: float
    size: float
    text: str
    lead: float  # how wide its first word (up to a space) is


def _with_marks_placed(chars: list[_Char]) -> list[_Char]:
    """The base characters, each with its marks."""
    bases = [c for c in chars if not _is_mark(c.text)]
    if bases:
        _place_marks(chars, bases, _size(bases))
    return bases


def _size(bases: list[_Char]) -> float:
    return statistics.median(c.bottom - c.top for c in bases if c.text.strip()) or 1.0


def _rows(bases: list[_Char]) -> list[_Row]:
    """Base characters (marks on them) → lines of text in reading order: by baseline, as
    dots and letters share it."""
    if not any(c.text.strip() for c in bases):
        return []
    size = _size(bases)
    rows: list[list[_Char]] = []
    for char in sorted(bases, key=lambda c: c.bottom):
        if rows and abs(char.bottom - statistics.median(c.bottom for c in rows[-1])) < size * 0.45:
            rows[-1].append(char)
        else:
            rows.append([char])
    found = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        text = ""
        for previous, char in zip([None, *row], row, strict=False):
            if (
                previous is not None
                and char.x0 - previous.x1 > size * 0.5
                and " "
                not in (
                    previous.text,
                    char.text,
                )
            ):
                text += " "
            text += char.text + "".join(sorted((m.text for m in char.marks), key=_mark_order))
        space = next((c.x0 for c in row if not c.text.strip()), None)
        lead = (space if space is not None else row[-1].x1) - row[0].x0
        found.append(_Row(min(c.top for c in row), max(c.x1 for c in row), size, _thai(text), lead))
    return found


_LIST_START = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[\u0e50-\u0e59]{1,2}[.)]|\(\S{1,2}\)|[-•*▪●○◦➢➤])")


def _unwrap_with_tops(rows: list[_Row], right: float, margin: float) -> list[tuple[float, str]]:
    """A line goes on in the next when the next one's first word would not have fitted after
    it (Thai is joined without a space); else, or when the next starts a list item, the
    line ends there."""
    found: list[tuple[float, str]] = []
    previous: _Row | None = None
    for row in rows:
        wrapped = (
            previous is not None
            and previous.x1 + row.lead + row.size * 0.3 > right
            and previous.x1 >= right - margin
        )
        if found and wrapped and not _LIST_START.match(row.text):
            top, text = found[-1]
            thai = _is_thai(text[-1:]) and _is_thai(row.text[:1])
            found[-1] = (top, text + ("" if thai else " ") + row.text)
        else:
            found.append((row.top, row.text))
        previous = row
    return found


def _unwrap(rows: list[_Row], box: tuple[float, float, float, float]) -> list[str]:
    x0, _, x1, _ = box
    return [text for _, text in _unwrap_with_tops(rows, x1 - 4, x1 - x0)]


def _unwrap_free(rows: list[_Row]) -> list[tuple[float, str]]:
    """Paragraph lines: a line that wrapped also ran close to the right margin."""
    right = max((row.x1 for row in rows), default=0.0)
    left = min((row.x1 - row.lead for row in rows), default=0.0)
    return _unwrap_with_tops(rows, right, (right - left) * 0.15)


def _is_thai(text: str) -> bool:
    return bool(text) and "\u0e01" <= text <= "\u0e5b"


def _place_marks(chars: list[_Char], bases: list[_Char], size: float) -> None:
    """Each mark on its base: the base before it in drawing order when it sits over or under
    that one, else the base nearest to where it is drawn (a tone mark drawn late)."""
    previous: _Char | None = None
    for char in chars:
        if not _is_mark(char.text):
            if char.text.strip():
                previous = char
            continue
        if previous is not None and _gap(char, previous) <= size * 0.5:
            previous.marks.append(char)
            continue
        above = char.text not in _BELOW  # then its base is under it, else over it
        near = [
            b
            for b in bases
            if abs(char.mid_y - b.mid_y) < size * 2
            and (b.mid_y > char.mid_y) == above
            and b.text.strip()
        ] or [b for b in bases if abs(char.mid_y - b.mid_y) < size * 2 and b.text.strip()]
        if near:
            min(near, key=lambda b: _gap(char, b) + abs(char.mid_y - b.mid_y) * 0.3).marks.append(
                char
            )


def _gap(mark: _Char, base: _Char) -> float:
    return max(base.x0 - mark.mid_x, 0, mark.mid_x - base.x1)


def _is_mark(text: str) -> bool:
    return unicodedata.category(text) == "Mn"


def _mark_order(mark: str) -> int:
    for order, kind in enumerate((_BELOW, _ABOVE, _TONE)):
        if mark in kind:
            return order
    return 3


def _thai(text: str) -> str:
    """Sara am drawn as two glyphs, marks in a non-standard order: the plain form."""
    text = text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0e33\u0e32", "\u0e33")
    return normalize(text)
