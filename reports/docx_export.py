"""The progress report as an official Thai document (Word).

A4, TH Sarabun New 16 pt (set on the complex-script run properties too, which Thai uses),
Thai digits and Buddhist-era dates throughout. Portrait pages for the summary and the
signature; landscape pages for each measure's plan table and its results month by month.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from messages_th import photos_text
from messages_th import report_text as text
from messages_th.digits import to_thai
from messages_th.labels import GROUP, place
from messages_th.thai_calendar import format_month_short
from models.progress import PhotoRow
from plain_text import plain
from reports.periods import Period
from reports.year_data import MeasureYear, YearData

FONT = "TH Sarabun New"
BODY_PT, TABLE_PT, TITLE_PT, MONTH_PT = 16, 14, 18, 12
SHADES = {"done": "D1FAE5", "in_progress": "FEF3C7", "not_started": "F3F4F6"}


def write_docx(
    data: YearData,
    period: Period,
    chart_png: bytes,
    *,
    oit_item: str | None = None,
    meeting_day=None,
    step: Callable[[str], None] = lambda _: None,
    photos: Sequence[tuple[PhotoRow, bytes]] = (),
    more_photos: int = 0,
) -> bytes:
    document = docx.Document()
    _styles(document)
    _page(document.sections[0], landscape=False)
    _header(document.sections[0], data)
    _front(document, data, period, chart_png, oit_item, meeting_day)
    tables = document.add_section(WD_SECTION.NEW_PAGE)
    _page(tables, landscape=True)
    for measure in data.measures:
        step(text.MEASURE_SHEET.format(number=measure.number))
        _measure(document, data, period, measure)
    closing = document.add_section(WD_SECTION.NEW_PAGE)
    _page(closing, landscape=False)
    _citizens(document, data, period)
    _signature(document)
    if photos:
        appendix = document.add_section(WD_SECTION.NEW_PAGE)
        _page(appendix, landscape=False)
        _photos(document, photos, more_photos)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- the page and the font -------------------------------------------------------------


def _styles(document) -> None:
    for name, size in (("Normal", BODY_PT), ("Table Grid", TABLE_PT)):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        _thai_font(style.element.get_or_add_rPr(), size)
    normal = document.styles["Normal"].paragraph_format
    normal.space_after, normal.space_before, normal.line_spacing = Pt(0), Pt(0), 1.0


def _thai_font(rpr, size: int) -> None:
    """Thai is a complex script: Word takes its font and size from `w:cs` and `w:szCs`."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = OxmlElement("w:szCs")
        rpr.append(size_cs)
    size_cs.set(qn("w:val"), str(size * 2))
    language = rpr.find(qn("w:lang"))
    if language is None:  # (an lxml element with no children is falsy: compare with None)
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:bidi"), "th-TH")


def _page(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)
    section.left_margin, section.right_margin = (Cm(2), Cm(2)) if landscape else (Cm(3), Cm(2))


def _header(section, data: YearData) -> None:
    paragraph = section.header.paragraphs[0]
    paragraph.text = plain(f"{data.agency} — {to_thai(str(data.fiscal_year))}")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in paragraph.runs:
        run.font.size = Pt(12)
        run.font.color.rgb = RGBColor(0x6B, 0x72, 0x80)


def _para(
    document,
    body: str = "",
    *,
    bold: bool = False,
    size: int | None = None,
    centre: bool = False,
    space: int = 0,
):
    paragraph = document.add_paragraph()
    if body:
        run = paragraph.add_run(_printable(body))
        run.bold = bold
        if size:
            run.font.size = Pt(size)
            _thai_font(run._r.get_or_add_rPr(), size)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(space)
    return paragraph


# -- the parts -------------------------------------------------------------------------


def _front(
    document, data: YearData, period: Period, chart_png: bytes, oit_item: str | None, meeting_day
) -> None:
    _para(document, text.TITLE, bold=True, size=TITLE_PT, centre=True)
    _para(document, place(data.agency, data.district, data.province), bold=True, centre=True)
    _para(
        document,
        text.period_line(period.kind, period.fiscal_year, period.first, period.last, meeting_day),
        centre=True,
        space=12,
    )
    _para(document, text.produced(data.generated_at.date()))
    if oit_item and period.kind != "month":
        _para(document, text.oit_item(oit_item))
    _para(document, text.ita_line(f"{data.ita_score or 0:.2f}", data.ita_level), space=6)
    document.add_picture(io.BytesIO(chart_png), width=Cm(15.5))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(document, text.YEAR_SUMMARY, bold=True, space=4)
    last = min(period.last, data.through)
    states, never = [], []
    for measure in data.measures:
        for action in measure.actions:
            cell = action.final(last)
            states.append(cell.status if cell else "not_started")
            if cell is None or cell.percent == 0:
                never.append(f"{measure.number}.{action.number}")
    if not any(
        action.cells.get(month)
        for each in data.measures
        for action in each.actions
        for month in period.months
    ):
        _para(document, text.NO_REPORTS, bold=True)
    _para(
        document,
        text.year_counts(
            states.count("done"),
            states.count("in_progress"),
            states.count("not_started"),
            len(states),
        ),
    )
    for measure in data.measures:
        share = text.measure_percent(measure.progress.get(last, 0.0))
        _para(document, f"{text.MEASURE_SHEET.format(number=measure.number)}: {share}")
    _para(document, text.never_started(never))


def _measure(document, data: YearData, period: Period, measure: MeasureYear) -> None:
    """The plan's row for this measure, then its actions month by month: one page each."""
    heading = _para(
        document,
        text.MEASURE_HEADING.format(number=measure.number, title=measure.title),
        bold=True,
        space=4,
    )
    heading.paragraph_format.page_break_before = measure is not data.measures[0]
    plan = document.add_table(rows=2, cols=5, style="Table Grid")
    plan.alignment = WD_TABLE_ALIGNMENT.CENTER
    plan_cells = _grid(plan)
    actions = " ".join(f"{a.number}. {a.text}" for a in measure.actions)
    values = (measure.title, actions, measure.unit, measure.period, measure.follow_up)
    for column, (head, value) in enumerate(zip(text.COLUMNS_PLAN, values, strict=True)):
        _cell(plan_cells[0][column], head, bold=True, shade="E5E7EB")
        _cell(plan_cells[1][column], value)
    _widths(plan, [5.4, 8.6, 3.4, 3.4, 4.9])
    _para(document, space=6)
    months = list(period.months)
    results = document.add_table(
        rows=1 + len(measure.actions), cols=2 + len(months), style="Table Grid"
    )
    cells = _grid(results)
    _cell(cells[0][0], text.ACTION, bold=True, shade="E5E7EB")
    for column, month in enumerate(months, start=1):
        label = format_month_short(month, with_year=False)
        _cell(cells[0][column], label, bold=True, shade="E5E7EB", centre=True, size=MONTH_PT)
    _cell(cells[0][len(months) + 1], text.RESULT, bold=True, shade="E5E7EB")
    last = min(period.last, data.through)
    for row, action in enumerate(measure.actions, start=1):
        _cell(cells[row][0], f"{measure.number}.{action.number} {action.text}")
        for column, month in enumerate(months, start=1):
            cell = action.cells.get(month)
            if cell is not None:
                _cell(
                    cells[row][column],
                    str(cell.percent),
                    centre=True,
                    bold=cell.reported,
                    shade=SHADES.get(cell.status),
                    size=MONTH_PT,
                )
        latest = action.final(last)
        _cell(cells[row][len(months) + 1], latest.detail if latest else "-")
        results.rows[row]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    month_width = 1.25
    _widths(results, [6.2] + [month_width] * len(months) + [25.7 - 6.2 - month_width * len(months)])
    _para(document, text.measure_percent(measure.progress.get(last, 0.0)), space=12)


def _citizens(document, data: YearData, period: Period) -> None:
    _para(document, text.CITIZENS, bold=True, space=4)
    months = [m for m in period.months if m <= data.through] or list(period.months)[:1]
    table = document.add_table(rows=4, cols=1 + len(months), style="Table Grid")
    cells = _grid(table)
    _cell(cells[0][0], text.MONTH, bold=True, shade="E5E7EB")
    for row, label in enumerate(text.CITIZEN_ROWS, start=1):
        _cell(cells[row][0], label)
    for column, month in enumerate(months, start=1):
        count, average = data.ratings.get(month, (0, None))
        _cell(
            cells[0][column],
            format_month_short(month, with_year=False),
            bold=True,
            shade="E5E7EB",
            centre=True,
        )
        _cell(cells[1][column], str(data.suggestions.get(month, 0)), centre=True)
        _cell(cells[2][column], str(count), centre=True)
        _cell(cells[3][column], "-" if average is None else f"{average:.2f}", centre=True)
    _widths(table, [6.0] + [10.0 / len(months)] * len(months))
    _para(document, space=12)
    for group in ("IIT", "EIT", "OIT"):
        items = [i for i in data.indicators if i.group == group]
        if items:
            _para(document, GROUP[group], bold=True)
            for indicator in items:
                _para(document, f"{indicator.number}. {indicator.name} {indicator.score or 0:.2f}")


def _photos(document, photos: Sequence[tuple[PhotoRow, bytes]], more: int) -> None:
    """The appendix: the evidence photos, two to a row, each captioned with its action and
    the month of its report."""
    _para(document, photos_text.APPENDIX, bold=True, size=TITLE_PT, centre=True, space=8)
    columns = 2
    table = document.add_table(rows=(len(photos) + columns - 1) // columns, cols=columns)
    cells = _grid(table)
    for n, (row, data) in enumerate(photos):
        cell = cells[n // columns][n % columns]
        picture = cell.paragraphs[0]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.add_run().add_picture(io.BytesIO(data), width=Cm(7.6))
        caption = cell.add_paragraph()
        run = caption.add_run(
            _printable(
                photos_text.caption(row.measure_no, row.action_no, row.action_text, row.month)
            )
        )
        run.font.size = Pt(TABLE_PT)
        _thai_font(run._r.get_or_add_rPr(), TABLE_PT)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.space_after = Pt(8)
    _widths(table, [8.2] * columns)
    if more:
        _para(document, photos_text.appendix_more(more), space=4)


def _signature(document) -> None:
    _para(document, space=24)
    for line in text.SIGNATURE:
        paragraph = _para(document, line, space=6)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _printable(body: str) -> str:
    """Thai digits, and none of the characters XML cannot hold (python-docx refuses them,
    and the whole document with them): every text of the document passes here."""
    return to_thai(plain(body))


def _grid(table) -> list[tuple]:
    """The table's cells by row, looked up once: python-docx's `table.cell(r, c)` walks the
    whole table on every call (a year's report took 8 s, nearly all of it there)."""
    return [row.cells for row in table.rows]


def _widths(table, centimetres: list[float]) -> None:
    """Fixed column widths, in the grid as well as each cell: LibreOffice reads the grid."""
    table.autofit = False
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for old in properties.findall(qn("w:tblW")):
        properties.remove(old)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(int(sum(centimetres) * 567)))
    total.set(qn("w:type"), "dxa")
    properties.append(total)
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), centimetres, strict=True):
        column.set(qn("w:w"), str(int(width * 567)))
    for row in table.rows:
        for cell, width in zip(row.cells, centimetres, strict=True):
            cell.width = Cm(width)


def _cell(
    cell,
    body: str,
    *,
    bold: bool = False,
    shade: str | None = None,
    centre: bool = False,
    size: int | None = None,
) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(_printable(body))
    run.bold = bold
    if size:
        run.font.size = Pt(size)
        _thai_font(run._r.get_or_add_rPr(), size)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if shade:
        properties = cell._tc.get_or_add_tcPr()
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:color"), "auto")
        fill.set(qn("w:fill"), shade)
        properties.append(fill)
