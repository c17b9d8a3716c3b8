"""The columns of a measures table, known by the words of their heads
(`plan_vocab.MEASURE_COLUMNS`), in any order: a table as Word gives it, or one whose cells
came out one per line (`stacked`)."""

from __future__ import annotations

from collections.abc import Sequence

from messages_th import plan_vocab as vocab


def column_kinds(cells: Sequence[str]) -> list[str | None]:
    """Each header cell's kind; a kind is given once, to the first cell that can only be it,
    else to the first that can be it."""
    options = [
        [kind for kind, pattern in vocab.MEASURE_COLUMNS.items() if pattern.search(cell)]
        for cell in cells
    ]
    kinds: list[str | None] = [None] * len(cells)
    taken: set[str] = set()
    for single in (True, False):
        for index, found in enumerate(options):
            if kinds[index] is not None or not found or (single and len(found) > 1):
                continue
            free = [k for k in found if k not in taken]
            if free:
                kinds[index] = free[0]
                taken.add(free[0])
    return kinds


def header_kinds(cells: Sequence[str]) -> list[str | None] | None:
    """The kinds of a measures table's head, or None when these cells are no such head: a
    measure with its actions, units, period or follow-up; or actions with units and period."""
    if any(len(cell) > 60 for cell in cells):
        return None
    kinds = column_kinds(cells)
    if "measure" in kinds and {"actions", "unit", "period", "follow_up"} & set(kinds):
        return kinds
    if "actions" in kinds and {"unit", "period"} <= set(kinds):
        return kinds
    return None
