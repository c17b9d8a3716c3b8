"""The progress report as a workbook: a summary sheet (with the chart) and a sheet per
measure, months as columns in fiscal order, actions as rows, the detail as a comment."""

from __future__ import annotations

import io
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from messages_th import report_text as text
from messages_th.labels import GROUP
from messages_th.thai_calendar import format_month_short
from plain_text import plain
from reports.periods import Period
from reports.spreadsheet_text import set_cell
from reports.year_data import YearData

FILLS = {
    "done": PatternFill("solid", fgColor="D1FAE5"),
    "in_progress": PatternFill("solid", fgColor="FEF3C7"),
    "not_started": PatternFill("solid", fgColor="F3F4F6"),
}
HEADER = PatternFill("solid", fgColor="06C755")
BOLD = Font(bold=True)
WHITE = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")


def write_xlsx(
    data: YearData, period: Period, chart_png: bytes, step: Callable[[str], None] = lambda _: None
) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = text.SUMMARY_SHEET
    _summary(summary, data, period, chart_png)
    for measure in data.measures:
        step(text.MEASURE_SHEET.format(number=measure.number))
        _measure(
            book.create_sheet(text.MEASURE_SHEET.format(number=measure.number)[:31]),
            data,
            period,
            measure,
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(sheet, row: int, column: int, value: object) -> Cell:
    """Every cell is written here: text without the characters a worksheet cannot hold
    (openpyxl refuses them, and the whole file with them), and never a formula."""
    return set_cell(sheet.cell(row=row, column=column), value)


def _title(sheet, data: YearData, period: Period) -> None:
    _put(sheet, 1, 1, text.TITLE).font = Font(bold=True, size=14)
    covered = text.period_line(period.kind, period.fiscal_year, period.first, period.last)
    _put(sheet, 2, 1, f"{data.agency} — {covered}")
    _put(sheet, 3, 1, text.produced(data.generated_at.date()))


def _summary(sheet, data: YearData, period: Period, chart_png: bytes) -> None:
    _title(sheet, data, period)
    row = 5
    for column, name in enumerate(text.SUMMARY_COLUMNS, start=1):
        cell = _put(sheet, row, column, name)
        cell.font, cell.fill = WHITE, HEADER
    last = min(period.last, data.through)
    for measure in data.measures:
        row += 1
        states = [f.status if (f := a.final(last)) else "not_started" for a in measure.actions]
        values = [
            measure.number,
            measure.title,
            measure.unit,
            round(measure.progress.get(last, 0.0), 1),
            states.count("done"),
            states.count("in_progress"),
            states.count("not_started"),
        ]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value).alignment = WRAP
    row += 2
    _put(sheet, row, 1, text.CITIZENS).font = BOLD
    for offset, label in enumerate(text.CITIZEN_ROWS, start=1):
        _put(sheet, row + offset, 1, label)
    for column, month in enumerate(m for m in period.months if m <= data.through):
        _put(sheet, row, 2 + column, format_month_short(month)).font = BOLD
        count, average = data.ratings.get(month, (0, None))
        _put(sheet, row + 1, 2 + column, data.suggestions.get(month, 0))
        _put(sheet, row + 2, 2 + column, count)
        _put(sheet, row + 3, 2 + column, None if average is None else round(average, 2))
    row += 5
    _put(sheet, row, 1, text.ita_line(f"{data.ita_score or 0:.2f}", data.ita_level)).font = BOLD
    for group in ("IIT", "EIT", "OIT"):
        for indicator in (i for i in data.indicators if i.group == group):
            row += 1
            _put(sheet, row, 1, GROUP[group])
            _put(sheet, row, 2, f"{indicator.number}. {indicator.name}")
            _put(sheet, row, 4, indicator.score)
    image = Image(io.BytesIO(chart_png))
    image.width, image.height = 720, 324
    sheet.add_image(image, f"A{row + 2}")
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 22
    for letter in "DEFG":
        sheet.column_dimensions[letter].width = 14
    sheet.freeze_panes = "A6"


def _measure(sheet, data: YearData, period: Period, measure) -> None:
    _title(sheet, data, period)
    heading = text.MEASURE_HEADING.format(number=measure.number, title=measure.title)
    _put(sheet, 4, 1, heading).font = BOLD
    _put(
        sheet,
        5,
        1,
        f"{text.COLUMNS_PLAN[2]}: {measure.unit} · {text.COLUMNS_PLAN[3]}: {measure.period}",
    )
    header_row = 7
    heads = [text.ACTION, *(format_month_short(m) for m in period.months), text.RESULT]
    for column, name in enumerate(heads, start=1):
        cell = _put(sheet, header_row, column, name)
        cell.font, cell.fill = WHITE, HEADER
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for offset, action in enumerate(measure.actions, start=1):
        row = header_row + offset
        _put(sheet, row, 1, f"{measure.number}.{action.number} {action.text}").alignment = WRAP
        for column, month in enumerate(period.months, start=2):
            cell = action.cells.get(month)
            if cell is None:
                continue
            target = _put(sheet, row, column, cell.percent / 100)
            target.number_format = "0%"
            target.fill = FILLS.get(cell.status, FILLS["not_started"])
            target.alignment = Alignment(horizontal="center", vertical="top")
            if cell.reported:
                target.font = BOLD
                status = text.SHEET_STATUS.get(cell.status, cell.status)
                target.comment = Comment(plain(f"{status}: {cell.detail}"), "Tidtam")
        latest = action.final(min(period.last, data.through))
        _put(sheet, row, len(heads), latest.detail if latest else "").alignment = WRAP
    sheet.column_dimensions["A"].width = 48
    for column in range(2, len(heads)):
        sheet.column_dimensions[get_column_letter(column)].width = 9
    sheet.column_dimensions[get_column_letter(len(heads))].width = 48
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
