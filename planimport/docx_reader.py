"""Read a Word document: its paragraphs and tables, in order, become lines and rows.

A table used as a frame (one column: the whole plan inside a bordered box) gives what is
in its cells, paragraphs and tables, in order; a table inside a cell of another table
gives its rows after the row that holds it. A merged cell's text is in its first column;
line breaks inside a cell (steps one a line) stay line breaks."""

from __future__ import annotations

import io
from itertools import count

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from messages_th import plan_import_text as said
from planimport.lines import Line, row_line, text_line


def lines_from_docx(data: bytes) -> list[Line]:
    document = docx.Document(io.BytesIO(data))
    lines: list[Line] = []
    paragraphs = count(1)
    tables = count(1)
    for block in document.iter_inner_content():
        _block_lines(block, lines, paragraphs, tables)
    return lines


def _block_lines(block: Paragraph | Table, lines: list[Line], paragraphs, tables) -> None:
    if isinstance(block, Paragraph):
        where = said.where_paragraph(next(paragraphs))
        lines.extend(text_line(part, where) for part in block.text.split("\n"))
    elif isinstance(block, Table):
        _table_lines(block, lines, paragraphs, tables)


def _table_lines(table: Table, lines: list[Line], paragraphs, tables) -> None:
    number = next(tables)
    if _is_frame(table):
        for row in table.rows:
            for cell in _unique(row.cells):
                for block in cell.iter_inner_content():
                    _block_lines(block, lines, paragraphs, tables)
        return
    for row_number, row in enumerate(table.rows, start=1):
        cells, seen, nested = [], set(), []
        for cell in row.cells:  # a merged cell appears once per grid column it spans:
            if id(cell._tc) in seen:  # its text goes in the first, the others stay empty
                cells.append("")
                continue
            seen.add(id(cell._tc))
            cells.append("\n".join(p.text for p in cell.paragraphs).strip())
            nested += cell.tables
        lines.append(row_line(cells, said.where_table_row(number, row_number), number))
        for inner in nested:
            _table_lines(inner, lines, paragraphs, tables)


def _is_frame(table: Table) -> bool:
    """A table of one column whose cells hold tables or several paragraphs: a box drawn
    around the plan, not a table of it."""
    rows = [_unique(row.cells) for row in table.rows]
    if not rows or any(len(cells) != 1 for cells in rows):
        return False
    return any(cell.tables or len(cell.paragraphs) > 3 for cells in rows for cell in cells)


def _unique(cells: list[_Cell]) -> list[_Cell]:
    seen: set[int] = set()
    unique = []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            unique.append(cell)
    return unique
