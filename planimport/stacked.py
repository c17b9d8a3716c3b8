"""A measures table whose cells came out one per line, the columns one after another: text
copied from a PDF or a web page. The head is a run of short lines that are column heads
(number, measure, actions, units, period … as `MEASURE_COLUMNS` knows them); a row begins at its
number (or, without a number column, at text after the row's last units or period); each
line goes to the column it reads as: a period to the period, a unit to the units, a
numbered step to the actions, other text to the measure, the actions or the follow-up,
in the order of the head. The head again on a new page is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from messages_th import plan_vocab as vocab
from messages_th.digits import to_arabic
from planimport.columns import header_kinds
from planimport.lines import Line, join_wrapped, next_filled

_HEAD_CELL_MAX = 30  # a column head is short
_TEXT_KINDS = ("follow_up", "indicator")
_TAIL_LINES = 2  # lines a follow-up or indicator cell may take before the table is over


@dataclass
class StackedRow:
    cells: list[str]  # aligned with the head's kinds, as a Word table row gives them
    where: str


@dataclass
class _Row:
    where: str
    values: dict[str, list[str]] = field(default_factory=dict)
    column: int = -1  # where in the head the last line went
    tail: int = 0  # lines in a follow-up or indicator cell

    def put(self, kind: str, text: str) -> None:
        self.values.setdefault(kind, []).append(text)


def stacked_tables(
    lines: list[Line],
) -> tuple[list[tuple[list[str | None], list[str], list[StackedRow]]], set[int]]:
    """Each stacked table's head (kinds and words) and rows, and the indexes of the lines
    read."""
    tables = []
    used: set[int] = set()
    index = 0
    while index < len(lines):
        head = _head_at(lines, index)
        if head is None:
            index += 1
            continue
        at, kinds, texts = head
        used |= set(at)
        rows, index = _rows(lines, at[-1] + 1, kinds, texts, used)
        tables.append((kinds, texts, rows))
    return tables, used


def _head_at(lines: list[Line], index: int) -> tuple[list[int], list[str | None], list[str]] | None:
    """A run of column heads, one per line (blank lines between allowed)."""
    at: list[int] = []
    texts: list[str] = []
    position = index
    while (position := next_filled(lines, position)) < len(lines):
        line = lines[position]
        text = line.text.strip()
        if line.is_row or len(text) > _HEAD_CELL_MAX or not _is_head_cell(text):
            break
        at.append(position)
        texts.append(text)
        position += 1
    if len(texts) < 3:
        return None
    kinds = header_kinds(texts)
    return (at, kinds, texts) if kinds is not None else None


def _is_head_cell(text: str) -> bool:
    """A column head: short, the column's words alone (no number, no value after a colon,
    no step), as a labelled line or a numbered heading is not."""
    plain = to_arabic(text)
    if re.search(r"\d|[:：]", plain) or vocab.STEP.match(plain):
        return False
    return any(pattern.search(text) for pattern in vocab.MEASURE_COLUMNS.values())


def _rows(
    lines: list[Line],
    start: int,
    kinds: list[str | None],
    head: list[str],
    used: set[int],
) -> tuple[list[StackedRow], int]:
    rows: list[_Row] = []
    last_number = 0
    index = start
    while (index := next_filled(lines, index)) < len(lines):
        line = lines[index]
        text = line.text.strip()
        if line.is_row or vocab.END_OF_MEASURES.match(text):
            break
        again = _head_again(lines, index, head)
        if again:
            used |= set(range(index, again))
            index = again
            continue
        number = _number(text)
        if "number" in kinds and number is not None and number > last_number:
            last_number = number
            rows.append(_Row(line.where, {"number": [str(number)]}, kinds.index("number")))
            used.add(index)
            index += 1
            continue
        if not rows and "number" in kinds:
            break
        if not rows or _starts_row(rows[-1], text, kinds):
            if "number" in kinds:
                break
            rows.append(_Row(line.where))
        if not _place(rows[-1], text, kinds, _steps_ahead(lines, index)):
            break
        used.add(index)
        index += 1
    return [_cells(row, kinds) for row in rows], index


def _head_again(lines: list[Line], index: int, head: list[str]) -> int | None:
    """Where the head repeated on a new page ends, if it starts here."""
    position, found = index, 0
    while position < len(lines) and found < len(head):
        if lines[position].blank:
            position += 1
            continue
        if lines[position].text.strip() != head[found]:
            return None
        found += 1
        position += 1
    return position if found == len(head) else None


def _number(text: str) -> int | None:
    match = re.fullmatch(r"\s*(\d{1,2})\s*\.?\s*", to_arabic(text))
    return int(match[1]) if match else None


def _kind_of(text: str) -> str:
    """What a line reads as: a numbered step, a period, a unit, or other text."""
    plain = to_arabic(text)
    if vocab.STEP.match(plain):
        return "step"
    if len(text) <= 60 and vocab.PERIOD_LINE.match(plain):
        return "period"
    if len(text) <= 80 and text.startswith(vocab.UNIT_STARTS + vocab.AGENCY_STARTS):
        return "unit"
    return "text"


def _steps_ahead(lines: list[Line], index: int) -> bool:
    """A numbered step comes in this row before its units or period (the measure's title
    goes on until then)."""
    for line in lines[index + 1 : index + 12]:
        if line.blank:
            continue
        text = line.text.strip()
        if _number(text) is not None:
            return False
        kind = _kind_of(text)
        if kind == "step":
            return True
        if kind in ("unit", "period"):
            return False
    return False


def _starts_row(row: _Row, text: str, kinds: list[str | None]) -> bool:
    """Without a number column: text after the last units or period of a row, where no
    follow-up column takes it, begins the next row."""
    if "number" in kinds:
        return False
    last = max((kinds.index(k) for k in ("unit", "period") if k in kinds), default=len(kinds) - 1)
    if row.column < last:
        return False
    return _kind_of(text) == "text" and not any(k in _TEXT_KINDS for k in kinds[row.column + 1 :])


def _place(row: _Row, text: str, kinds: list[str | None], steps: bool) -> bool:
    """Put a line in its column; False when it fits none (the table is over)."""
    kind = _kind_of(text)
    here = kinds[row.column] if row.column >= 0 else None
    if here in (None, "number"):  # the row's first line: its measure, whatever it reads as
        return _go(row, kinds, "measure" if "measure" in kinds else "actions", text)
    for wanted, column_kind in (("period", "period"), ("unit", "unit"), ("step", "actions")):
        if kind == wanted and column_kind in kinds[row.column :]:
            return _go(row, kinds, column_kind, text)
    if here == "measure":
        if steps or "actions" not in kinds:
            row.values["measure"][-1] = join_wrapped(row.values["measure"][-1], text)
            return True
        return _go(row, kinds, "actions", text)
    if here == "actions":
        if row.values.get("actions") and vocab.STEP.match(to_arabic(row.values["actions"][0])):
            row.values["actions"][-1] = join_wrapped(row.values["actions"][-1], text)
        else:
            row.put("actions", text)
        return True
    if here in _TEXT_KINDS:
        row.tail += 1
        if row.tail > _TAIL_LINES:
            return False
        row.put(here, text)
        return True
    following = next((k for k in kinds[row.column + 1 :] if k in _TEXT_KINDS), None)
    if following:
        return _go(row, kinds, following, text)
    if kind == "unit" or here == "unit":
        row.put("unit", text)
        return True
    return False


def _go(row: _Row, kinds: list[str | None], kind: str, text: str) -> bool:
    position = kinds.index(kind)
    if position < row.column:
        return False
    row.column = position
    if kind in _TEXT_KINDS:
        row.tail = 1
    row.put(kind, text)
    return True


def _cells(row: _Row, kinds: list[str | None]) -> StackedRow:
    """The row as a Word table gives it: actions and units one a line, the rest joined."""
    cells = [
        ("\n" if kind in ("actions", "unit") else " ").join(row.values.get(kind or "", []))
        for kind in kinds
    ]
    return StackedRow(cells, row.where)
