"""Read the plan from a Word document: its paragraphs and tables, in order, become the
same lines the text reader takes (a table row is one line, cells separated by tabs)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from messages_th import plan_vocab as vocab
from planimport.document import Line


def lines_from_docx(path: Path) -> list[Line]:
    document = docx.Document(str(path))
    lines: list[Line] = []
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs += 1
            lines.extend(
                Line(part, vocab.where_paragraph(paragraphs)) for part in block.text.split("\n")
            )
        elif isinstance(block, Table):
            tables += 1
            lines.extend(_table_lines(block, tables))
    return lines


def _table_lines(table: Table, number: int) -> list[Line]:
    lines = []
    for row_number, row in enumerate(table.rows, start=1):
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell appears once per grid column it spans
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append("\n".join(p.text for p in cell.paragraphs).strip())
        lines.append(Line("\t".join(cells), vocab.where_table_row(number, row_number)))
    return lines
