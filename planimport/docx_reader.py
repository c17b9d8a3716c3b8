"""Read a Word document: its paragraphs and tables, in order, become lines and rows."""

from __future__ import annotations

import io

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from messages_th import plan_import_text as said
from planimport.lines import Line, row_line, text_line


def lines_from_docx(data: bytes) -> list[Line]:
    document = docx.Document(io.BytesIO(data))
    lines: list[Line] = []
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs += 1
            lines.extend(
                text_line(part, said.where_paragraph(paragraphs)) for part in block.text.split("\n")
            )
        elif isinstance(block, Table):
            tables += 1
            lines.extend(_table_lines(block, tables))
    return lines


def _table_lines(table: Table, number: int) -> list[Line]:
    lines = []
    for row_number, row in enumerate(table.rows, start=1):
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell appears once per grid column it spans:
            if id(cell._tc) in seen:  # its text goes in the first, the others stay empty
                cells.append("")
                continue
            seen.add(id(cell._tc))
            cells.append("\n".join(p.text for p in cell.paragraphs).strip())
        where = said.where_table_row(number, row_number)
        lines.append(row_line(cells, where, number))
    return lines
