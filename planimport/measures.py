"""Find the measures in a document, written as a table or as blocks.

A table is found by its header: the cells are named by the words of each column
(`plan_vocab.MEASURE_COLUMNS`), in any order, with or without a number column. A row whose
measure cell is empty (or the same, as Word repeats a merged cell) goes on with the measure
above: more actions, perhaps each with its own period. A block begins with the measure
word and its number (`BLOCK_START`); its steps are numbered `(1)`, `1.`, `1.1` or bulleted,
and labelled lines (`BLOCK_LABELS`: units, period, follow-up) say the rest. Examples are in
docs/PLAN-IMPORT.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import zip_longest

from messages_th import plan_vocab as vocab
from messages_th.digits import to_arabic
from planimport.columns import column_kinds as _column_kinds
from planimport.columns import header_kinds
from planimport.data import ActionData, MeasureData
from planimport.errors import Notice, valid
from planimport.lines import Line, join_wrapped, next_filled
from planimport.periods import read_period
from planimport.stacked import stacked_tables
from planimport.units import split_units


@dataclass
class _Action:
    text: str
    period: str = ""
    units: str = ""


@dataclass
class _Measure:
    number: int | None
    title: str
    where: str
    units: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    follow_up: list[str] = field(default_factory=list)
    actions: list[_Action] = field(default_factory=list)
    raw: str = ""  # the measure cell as written, to know a repeated (merged) cell
    body: int = 0  # lines read under a block's first line (none: it was a heading)


@dataclass
class MeasuresRead:
    measures: list[MeasureData]
    used: set[int]  # indexes of the lines that were the measures
    notices: list[Notice]
    headings: list[str]  # what looked like a heading, for a refusal to show


def read_measures(lines: list[Line], fiscal_year: int) -> MeasuresRead:
    """The measures of the table(s) or of the blocks, whichever holds more actions."""
    table_drafts, table_used, ignored = _from_tables(lines)
    stacked_drafts, stacked_used, stacked_ignored = _from_stacked(lines)
    block_drafts, block_used = _from_blocks(lines, vocab.BLOCK_START)
    for start in vocab.OTHER_BLOCK_STARTS:
        drafts_of_style, used_of_style = _from_blocks(lines, start)
        if _a_plan_of_blocks(drafts_of_style) and _score(drafts_of_style) > _score(block_drafts):
            block_drafts, block_used = drafts_of_style, used_of_style
    drafts, used = table_drafts, table_used
    if _score(stacked_drafts) > _score(drafts):
        drafts, used, ignored = stacked_drafts, stacked_used, stacked_ignored
    if _score(block_drafts) > _score(drafts):
        drafts, used, ignored = block_drafts, block_used, []
    notices = [Notice("columns_ignored", detail={"columns": ", ".join(ignored)})] if ignored else []
    measures = _finish(drafts, fiscal_year, notices)
    return MeasuresRead(measures, used, notices, _headings(lines))


def _score(drafts: list[_Measure]) -> tuple[int, int]:
    return (sum(1 for d in drafts if d.actions), sum(len(d.actions) for d in drafts))


# -- tables -----------------------------------------------------------------------------------


def _is_header(line: Line) -> list[str | None] | None:
    if not line.is_row or line.cells is None or len(line.cells) < 2:
        return None
    return header_kinds(line.cells)


def _from_tables(lines: list[Line]) -> tuple[list[_Measure], set[int], list[str]]:
    drafts: list[_Measure] = []
    used: set[int] = set()
    ignored: list[str] = []
    index = 0
    while index < len(lines):
        kinds = _is_header(lines[index])
        if kinds is None:
            index += 1
            continue
        header = lines[index]
        used.add(index)
        ignored += [
            cell
            for cell, kind in zip(header.cells or (), kinds, strict=False)
            if kind == "indicator" and cell not in ignored
        ]
        index = _table_rows(lines, index + 1, kinds, header, drafts, used)
    return drafts, used, ignored


def _from_stacked(lines: list[Line]) -> tuple[list[_Measure], set[int], list[str]]:
    """Tables whose cells came out one per line (`stacked`), read as Word's rows are."""
    drafts: list[_Measure] = []
    tables, used = stacked_tables(lines)
    ignored: list[str] = []
    for kinds, head, rows in tables:
        for row in rows:
            _add_row(row.cells, kinds, row.where, drafts)
        ignored += [
            c for c, k in zip(head, kinds, strict=True) if k == "indicator" and c not in ignored
        ]
    return drafts, used, ignored


def _table_rows(
    lines: list[Line],
    start: int,
    kinds: list[str | None],
    header: Line,
    drafts: list[_Measure],
    used: set[int],
) -> int:
    """Read rows after a header; return where the table ended."""
    width = len(kinds)
    pending: list[str] | None = None  # a row whose cells go on over the next lines or page
    pending_where = ""
    pending_table = header.table
    index = start
    while (index := next_filled(lines, index)) < len(lines):
        line = lines[index]
        if line.is_row and _is_header(line) is not None:
            if _column_kinds(line.cells or ()) == kinds:
                used.add(index)
                index += 1
                continue  # the header again, on a new page
            break
        if header.table == 0:
            if line.cells is None and pending is None:
                break
            cells = list(line.cells) if line.cells is not None else [line.text]
            if (
                pending is not None
                and len(pending) < width
                and len(pending) + len(cells) - 1 <= width
            ):
                pending[-1] += "\n" + cells[0]
                pending.extend(cells[1:])
                used.add(index)
                index += 1
                continue
            if line.cells is None:
                break
            if pending is not None:
                _add_row(pending, kinds, pending_where, drafts)
            pending, pending_where = cells, line.where
            used.add(index)
            index += 1
            continue
        if not line.is_row:
            if _page_furniture(line):
                index += 1
                continue
            break
        cells = list(line.cells or ())
        if pending is not None and line.table != pending_table and _split_row(cells, kinds):
            pending = [_join_cell(a, b) for a, b in zip_longest(pending, cells, fillvalue="")]
        else:
            if pending is not None:
                _add_row(pending, kinds, pending_where, drafts)
            pending, pending_where = cells, line.where
        pending_table = line.table
        used.add(index)
        index += 1
    if pending is not None:
        _add_row(pending, kinds, pending_where, drafts)
    return index


def _split_row(cells: list[str], kinds: list[str | None]) -> bool:
    """The first row of a table on a new page that is the rest of the last row of the page
    before (a PDF breaks a row over two pages): no measure number, and text that goes on."""
    values = {kind: cell for cell, kind in zip(cells, kinds, strict=False) if kind}
    measure, actions = values.get("measure", ""), values.get("actions", "")
    if _number_of(values.get("number", "")) is not None or _number_of(measure) is not None:
        return False
    if measure:
        return True
    return bool(actions) and not vocab.STEP.match(to_arabic(actions))


def _join_cell(text: str, more: str) -> str:
    if not more or not text:
        return text or more
    if vocab.STEP.match(to_arabic(more)):
        return f"{text}\n{more}"
    return _join(text, more)


def _page_furniture(line: Line) -> bool:
    """A page number or running head between two pages of a table."""
    return len(line.text.strip()) <= 12 or bool(
        re.fullmatch(r"\s*[-–(]?\s*\d+\s*[-–)]?\s*", line.plain)
    )


def _add_row(cells: list[str], kinds: list[str | None], where: str, drafts: list[_Measure]) -> None:
    values: dict[str, str] = {}
    for cell, kind in zip(cells, kinds, strict=False):
        if kind and kind != "indicator":
            values[kind] = (values.get(kind, "") + "\n" + cell).strip() if kind in values else cell
    measure_cell = values.get("measure", "")
    number = _number_of(values.get("number", "")) or _number_of(measure_cell)
    title = _title_of(measure_cell)
    actions = split_actions(values.get("actions", ""))
    previous = drafts[-1] if drafts else None
    continues = (
        previous is not None
        and (number is None or number == previous.number)
        and (not measure_cell or measure_cell == previous.raw)
    )
    if not continues:
        if not title and not actions:
            return  # a row of group headings or an empty row
        previous = _Measure(number, title, where, raw=measure_cell)
        drafts.append(previous)
    assert previous is not None
    period = values.get("period", "")
    previous.actions += [_Action(text, period) for text in actions]
    for kind, target in (
        ("unit", previous.units),
        ("period", previous.periods),
        ("follow_up", previous.follow_up),
    ):
        value = _squash(values.get(kind, ""))
        if value and value not in target:
            target.append(value)


def _number_of(text: str) -> int | None:
    match = vocab.ROW_NUMBER.match(to_arabic(text))
    if not match:
        return None
    rest = text[match.end() :]
    if re.match(r"^\d", to_arabic(rest)):
        return None  # "1.1": an action's number, not a measure's
    return int(match["number"])


def _title_of(cell: str) -> str:
    match = vocab.ROW_NUMBER.match(to_arabic(cell))
    return _squash(cell[match.end() :] if match else cell)


_ONE_NUMBER = vocab.ONE_NUMBER


def split_actions(cell: str) -> list[str]:
    """Numbered items (`1. a 2. b`, `(1)`, `1.1`; on one line or several), bullets, one
    item per line, or one unnumbered action."""
    plain = to_arabic(cell)
    for pattern in (vocab.SUB_ITEM, vocab.LIST_ITEM):
        starts: list[tuple[int, int]] = []  # (start of marker, start of text)
        for match in pattern.finditer(plain):
            number = int(match.groupdict().get("paren") or match["number"])
            if number == len(starts) + 1:
                starts.append((match.start(), match.end()))
        if starts:
            head = _squash(cell[: starts[0][0]])
            ends = [s[0] for s in starts[1:]] + [len(cell)]
            items = [
                _squash(cell[text_start:end])
                for (_, text_start), end in zip(starts, ends, strict=True)
            ]
            items = [item for item in items if item]
            return ([head] if head and not head.endswith(":") else []) + items
    items = [vocab.BULLET.sub("", _ONE_NUMBER.sub("", part)) for part in cell.split("\n")]
    return [_squash(item) for item in items if _squash(item)]


# -- blocks -----------------------------------------------------------------------------------


def _a_plan_of_blocks(drafts: list[_Measure]) -> bool:
    """Headings without the measure word are measures only when they run 1, 2, 3 … and
    most of their blocks say units or a period (not a numbered list of something else)."""
    kept = [d for d in drafts if d.actions]
    if not kept or [d.number for d in kept] != list(range(1, len(kept) + 1)):
        return False
    return sum(1 for d in kept if d.units or d.periods) * 2 >= len(kept)


def _from_blocks(lines: list[Line], heading: re.Pattern[str]) -> tuple[list[_Measure], set[int]]:
    """Measures as blocks under a heading (`heading`: the measure word and a number, or
    another numbered style); the lines of a heading without actions are left to others."""
    drafts: list[_Measure] = []
    used: set[int] = set()
    current: _Measure | None = None
    where_to: str | None = None  # the field later lines go on: title, actions, unit, …
    after_blank = False
    sub_kinds: list[str | None] | None = None
    owner: dict[int, _Measure | None] = {}  # the measure each line was read into
    for index, line in enumerate(lines):
        if line.blank:
            after_blank = True
            continue
        text = line.text.strip()
        start = heading.match(to_arabic(text)) if not line.is_row else None
        if start:
            groups = start.groupdict()
            number = int(groups["number"] or groups["number2"])
            title = "title" if groups["title"] is not None else "title2"
            current = _Measure(number, _squash(text[start.start(title) :]), line.where)
            drafts.append(current)
            owner[index] = current
            where_to, after_blank, sub_kinds = "title", False, None
            used.add(index)
            continue
        if current is None:
            continue
        owner[index] = current
        current.body += 1
        if vocab.END_OF_MEASURES.match(text):
            current, where_to = None, None
            continue
        used.add(index)
        if line.is_row:
            if "measure" in (_is_header(line) or []):
                used.discard(index)
                current, where_to = None, None  # a measures table: the block was a heading
                continue
            kinds = _action_header(line)
            if kinds is not None:
                sub_kinds = kinds
                continue
            if sub_kinds is not None:
                _add_sub_row(current, list(line.cells or ()), sub_kinds)
                continue
            text = " ".join(c for c in line.cells or () if c)
        label = _label(text)
        if label:
            kind, rest = label
            where_to, after_blank = kind, False
            if kind == "actions":
                current.actions += [_Action(t) for t in split_actions(rest)] if rest else []
            elif rest:
                _field(current, kind).append(rest)
            continue
        step = vocab.STEP.match(to_arabic(text))
        if step and not (step["outer"] and current.number and int(step["outer"]) != current.number):
            body = text[step.start("text") :].strip()
            if where_to in ("unit", "period", "follow_up") and step["bullet"]:
                _field(current, where_to).append(body)
            elif where_to != "indicator":
                if body:
                    current.actions.append(_Action(body))
                where_to = "actions"
            after_blank = False
            continue
        if after_blank and where_to != "title":
            used.discard(index)
            current, where_to = None, None
            continue
        if where_to == "title" and not current.actions:
            current.title = _join(current.title, text)
        elif where_to == "actions" and current.actions:
            current.actions[-1].text = _join(current.actions[-1].text, text)
        elif where_to in ("unit", "period", "follow_up"):
            values = _field(current, where_to)
            if values:
                values[-1] = _join(values[-1], text)
            else:
                values.append(text)
        else:
            used.discard(index)
        owner[index] = current
    if heading is not vocab.BLOCK_START:
        kept = {id(d) for d in drafts if d.actions}
        used = {i for i in used if id(owner.get(i)) in kept}
    return drafts, used


def _action_header(line: Line) -> list[str | None] | None:
    kinds = _column_kinds(line.cells or ())
    return kinds if "actions" in kinds and len([k for k in kinds if k]) >= 2 else None


def _add_sub_row(current: _Measure, cells: list[str], kinds: list[str | None]) -> None:
    values = {kind: cell for cell, kind in zip(cells, kinds, strict=False) if kind}
    actions = split_actions(values.get("actions", "") or values.get("measure", ""))
    for text in actions:
        current.actions.append(
            _Action(text, _squash(values.get("period", "")), values.get("unit", ""))
        )
    if values.get("follow_up") and values["follow_up"] not in current.follow_up:
        current.follow_up.append(_squash(values["follow_up"]))


def _label(text: str) -> tuple[str, str] | None:
    for kind, pattern in vocab.BLOCK_LABELS.items():
        match = pattern.match(text)
        if match:
            return kind, text[match.end() :].strip()
    return None


def _field(measure: _Measure, kind: str) -> list[str]:
    if kind == "unit":
        return measure.units
    if kind == "period":
        return measure.periods
    return measure.follow_up


# -- the measures, checked --------------------------------------------------------------------


def _finish(drafts: list[_Measure], fiscal_year: int, notices: list[Notice]) -> list[MeasureData]:
    kept = []
    for draft in drafts:
        if not draft.actions:
            if draft.title and (draft.body or draft.raw):
                notices.append(
                    Notice("measure_without_actions", draft.where, {"number": draft.number or "?"})
                )
            continue
        kept.append(draft)
    numbers = [d.number for d in kept]
    if None in numbers or len(set(numbers)) != len(numbers):
        if kept and any(n is not None for n in numbers):
            notices.append(Notice("numbered_in_order", detail={"count": len(kept)}))
        for position, draft in enumerate(kept, start=1):
            draft.number = position
    return [_measure(draft, fiscal_year, notices) for draft in kept]


def _measure(draft: _Measure, fiscal_year: int, notices: list[Notice]) -> MeasureData:
    units = split_units("\n".join(draft.units))
    for action in draft.actions:
        units += [u for u in split_units(action.units) if u not in units]
    period = " / ".join(_squash(p) for p in draft.periods)
    months = [m for p in draft.periods if (m := read_period(p, fiscal_year))]
    own_periods = [a.period for a in draft.actions if a.period]
    number = draft.number
    if not units:
        notices.append(Notice("no_unit", draft.where, {"number": number}))
    if not period and not own_periods:
        notices.append(Notice("no_period", draft.where, {"number": number}))
    elif len(months) < len(draft.periods):
        notices.append(Notice("period_unread", draft.where, {"number": number, "period": period}))
    several = len(draft.periods) > 1
    actions = []
    for position, action in enumerate(draft.actions, start=1):
        own = _squash(action.period) if (several or action.units) and action.period else ""
        own_months = read_period(own, fiscal_year) if own else None
        actions.append(
            valid(
                ActionData,
                draft.where,
                number=position,
                text=action.text,
                period=own,
                first_month=own_months[0] if own_months else None,
                last_month=own_months[1] if own_months else None,
            )
        )
    return valid(
        MeasureData,
        draft.where,
        number=number,
        title=draft.title or actions[0].text,
        units=units,
        period=period,
        first_month=min(m[0] for m in months) if months else None,
        last_month=max(m[1] for m in months) if months else None,
        follow_up=" ".join(_squash(f) for f in draft.follow_up),
        actions=actions,
    )


def _headings(lines: list[Line]) -> list[str]:
    """Lines that look like headings or table heads, for a refusal to list."""
    found = []
    for line in lines:
        text = _squash(line.text.replace("\t", " | "))
        if not text or len(text) > 90:
            continue
        if line.is_row or vocab.HEADING_START.match(line.plain):
            found.append(f"{line.where}: {text}")
    return found


_join = join_wrapped


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
