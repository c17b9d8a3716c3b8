"""A document as the recogniser reads it: lines of paragraphs and rows of tables, in order,
whatever the file was (text as Word saves it, a Word document, a PDF)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from messages_th import plan_import_text as said
from messages_th import plan_vocab as vocab
from messages_th.digits import to_arabic

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u3000]")


@dataclass(frozen=True)
class Line:
    """One paragraph line or one table row (`cells`), and where it is in the document.

    A text line with tabs is a row too: Word saves a table as text with its cells
    separated by tabs. `table` tells rows of different tables apart (0: not a table, or
    not known, as in text).
    """

    text: str
    where: str
    cells: tuple[str, ...] | None = None
    table: int = 0

    @property
    def plain(self) -> str:
        """The text with Arabic digits (same length, so spans still line up)."""
        return to_arabic(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_row(self) -> bool:
        return self.cells is not None and sum(1 for c in self.cells if c) >= 1


def next_filled(lines: list[Line], index: int) -> int:
    """The first line at or after `index` that is not blank (`len(lines)` if none is): the
    readers step over blank lines wherever they are in a table or a run of heads."""
    while index < len(lines) and lines[index].blank:
        index += 1
    return index


def clean(text: str) -> str:
    """Word's and PDF's invisible characters out, odd spaces made plain."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text))


def text_line(text: str, where: str) -> Line:
    text = clean(text).rstrip()
    if "\t" in text.strip():
        return Line(text, where, tuple(cell.strip() for cell in text.split("\t")))
    if text.count("|") >= 2:
        return _bar_row(text, where)
    return Line(text.strip("\t"), where)


_RULE_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")


def _bar_row(text: str, where: str) -> Line:
    """A table copied from a web page or written in Markdown: cells between bars
    (`2567 | 91.15 | A |`); the rule under a Markdown head is no row."""
    cells = [cell.strip() for cell in text.strip().split("|")]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    if all(_RULE_CELL.match(cell) for cell in cells):
        return Line("", where)
    return Line("\t".join(cells), where, tuple(cells))


def row_line(cells: list[str], where: str, table: int) -> Line:
    cells = [clean(cell).strip() for cell in cells]
    return Line("\t".join(cells), where, tuple(cells), table)


def lines_from_text(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return [text_line(raw, said.where_line(n)) for n, raw in enumerate(text.split("\n"), 1)]


def join_wrapped(text: str, more: str) -> str:
    """A line that goes on from the one before (a wrapped line of a PDF, say): Thai runs on
    without a space."""
    if text and "\u0e01" <= text[-1] <= "\u0e5b" and "\u0e01" <= more[:1] <= "\u0e5b":
        return text + more
    return f"{text} {more}" if text else more


_HEADER_LINES = 6  # a running head repeats one of the document's first lines
_HEADER_MIN = 10  # and is no mere word


def without_page_marks(lines: list[Line]) -> list[Line]:
    """The document without what a printed page adds: page numbers, and the running head
    (a line of the document's start repeated further on); the blank lines around them go
    too, so text broken over two pages reads on."""
    head = {
        line.text.strip()
        for line in [line for line in lines if not line.blank][:_HEADER_LINES]
        if not line.is_row and len(line.text.strip()) >= _HEADER_MIN and not _column_head(line)
    }
    seen: set[str] = set()
    marks = set()
    for index, line in enumerate(lines):
        text = line.text.strip()
        if line.is_row or not text:
            continue
        if vocab.PAGE_MARK.match(line.plain) or (text in head and text in seen):
            marks.add(index)
        seen.add(text)
    drop = set(marks)
    for index in marks:
        for step in (-1, 1):
            near = index + step
            while 0 <= near < len(lines) and lines[near].blank:
                drop.add(near)
                near += step
    return [line for index, line in enumerate(lines) if index not in drop]


def _column_head(line: Line) -> bool:
    """A table's column head on a line of its own (it repeats on every page: not a running
    head, the table reader skips it)."""
    text = line.text.strip()
    return len(text) <= 40 and any(p.search(text) for p in vocab.MEASURE_COLUMNS.values())
