"""Control characters: cleaned once where text comes in, and written safely by every export.

The attack (issue 15, finding 3): `รายงาน 2.1 40% ทำแล้ว<ESC>แนบ` was saved; the year's XLSX
then answered 500 (openpyxl's IllegalCharacterError), the DOCX 404 (its ValueError was read
as "no such report") and `export --format xlsx|docx` crashed; a NUL in a message failed its
event on PostgreSQL. Rows stored by an older version still hold such text, so the exports
are checked on text written straight into the database too.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import docx
import openpyxl
import pytest
from sqlmodel import select

from models.citizen import Suggestion
from models.inbox import InboxEvent
from models.plan import Measure, Plan, get_plan, plan_tree
from models.progress import Report, ReportSource, record_report
from models.staff import Staff
from reports import periods
from tests.support import people
from tests.support.line_chat import texts

#: what a stored text may not hold (tab and new line are text)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
#: what an older version could store: everything but NUL, which PostgreSQL never took
STORED = "ทำแล้ว\x1bแนบ\x07รูป\x0bครบ\x0c\x7f\x85\ufffe"


def _no_control(text: str, where: str) -> None:
    found = CONTROL.findall(text)
    assert not found, f"{where} holds {found!r}"


def test_a_message_with_nul_and_escape_is_saved_clean(line, runner, services, seed_plan) -> None:
    people.link(runner, line, "Uclean", "มาลี", "staff", "1")
    said = texts(line.send("Uclean", "รายงาน 1.2 40% ทำแล้ว\x00แนบ\x1bรูป\r\nครบ"))
    assert "บันทึกรายงานแล้ว" in said and "ขออภัย" not in said
    for answer in ("รายงาน", "1", "50%", "อบรม\x00แล้ว\x1b", "ข้าม"):
        line.send("Uclean", answer)
    assert "บันทึกรายงานแล้ว" in texts(line.tap("Uclean", "a=report.confirm\x00"))
    for answer in ("ร้องเรียน", "ถนน\x00ชำรุด\x1bหน้าวัด", "ข้าม", "ข้าม", "ไม่ระบุตัวตน", "ส่ง"):
        line.send("Ucitizen", answer)
    with services.db.session() as session:
        details = sorted(r.detail for r in session.exec(select(Report)))
        assert details == ["ทำแล้วแนบรูป ครบ", "อบรมแล้ว"]  # one line: its new line a space
        assert session.exec(select(Suggestion.text)).one() == "ถนนชำรุดหน้าวัด"
        assert {e.status for e in session.exec(select(InboxEvent))} == {"done"}


def test_the_plan_importer_and_the_command_line_store_no_control_character(
    runner, services, tmp_path: Path
) -> None:
    plan = Path("examples/plan-2565-bang-krabue.yaml").read_text(encoding="utf-8")
    plan = plan.replace("agency: เทศบาลตำบลบางกระบือ", 'agency: "เทศบาลตำบล\\aบางกระบือ\\0"', 1)
    title = "การสร้างความรับรู้ และความเข้าใจร่วมกันที่ถูกต้อง"
    plan = plan.replace(
        f"  title: {title}", '  title: "การสร้าง\\eความรับรู้\\x1f และความเข้าใจร่วมกันที่ถูกต้อง', 1
    )
    plan = plan.replace("มากกว่าประโยชน์ส่วนตัว\n", 'มากกว่าประโยชน์ส่วนตัว"\n', 1)
    damaged = tmp_path / "plan.yaml"
    damaged.write_text(plan, encoding="utf-8")
    result = runner.invoke(args=["plan", "import", str(damaged)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        args=[
            "staff",
            "add",
            "--name",
            "สมชาย\x1b ใจดี\x00",
            "--role",
            "staff",
            "--unit",
            "กอง\x07คลัง",
        ]
    )
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["staff", "code", "สมชาย ใจดี\x1b"]).exit_code == 0
    with services.db.session() as session:
        stored = get_plan(session, 2565)
        assert stored.agency == "เทศบาลตำบลบางกระบือ"
        assert plan_tree(session, stored)[0][0].title.startswith("การสร้างความรับรู้ และ")
        assert session.exec(select(Staff.name)).one() == "สมชาย ใจดี"


@pytest.fixture
def dirty(services, clock, seed_plan) -> str:
    """Text an older version stored: in a report, a measure, the plan, a reporter's name."""
    with services.db.session() as session:
        plan = get_plan(session, 2565)
        tree = plan_tree(session, plan)
        reporter = Staff(name="ผู้รายงาน\x1bลับ", role="staff", created_at=clock.now())
        session.add(reporter)
        session.flush()
        record_report(
            session,
            action_id=tree[1][1][0].id,
            month=clock.now().date().replace(day=1),
            percent=40,
            detail=STORED,
            staff=reporter,
            now=clock.now(),
            source=ReportSource.LINE,
        )
        measure = session.get(Measure, tree[0][0].id)
        measure.title = "มาตรการ\x1b หนึ่ง"
        session.add(measure)
        stored = session.get(Plan, plan.id)
        stored.agency = "เทศบาลตำบล\x08บางกระบือ"
        session.add(stored)
    return "ทำแล้วแนบรูปครบ"


@pytest.mark.parametrize("kind", ["csv", "xlsx", "docx"])
def test_every_export_writes_text_stored_with_control_characters(
    runner, dirty: str, kind: str, tmp_path: Path
) -> None:
    out = tmp_path / f"report.{kind}"
    result = runner.invoke(
        args=["export", "--fiscal-year", "2565", "--format", kind, "--out", str(out)]
    )
    assert result.exit_code == 0, (result.output, result.exception)
    written = _text_of(kind, out.read_bytes())
    _no_control(written, kind)
    assert dirty in written


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_the_download_links_serve_them_too(client, services, clock, dirty, kind) -> None:
    url = services.links.signed_url(periods.year(2565), kind, clock.now())
    fetched = client.get(urlsplit(url)._replace(scheme="", netloc="").geturl())
    assert fetched.status_code == 200
    written = _text_of(kind, fetched.data)
    _no_control(written, kind)
    assert dirty in written


def test_the_public_page_and_its_json_too(client, dirty) -> None:
    for path in ("/public", "/public/2565", "/public/2565.json"):
        page = client.get(path)
        assert page.status_code == 200
        shown = page.get_data(as_text=True)
        if path.endswith(".json"):
            shown = json.dumps(page.get_json(), ensure_ascii=False)
        _no_control(shown, path)
        assert dirty in shown


def _text_of(kind: str, content: bytes) -> str:
    """Every text a person would read in the file."""
    if kind == "csv":
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
        return "\n".join(",".join(row) for row in rows)
    if kind == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(content))
        parts = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    parts.append(str(cell.value or ""))
                    if cell.comment is not None:
                        parts.append(cell.comment.text)
        return "\n".join(parts)
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for section in document.sections for p in section.header.paragraphs]
    return "\n".join(parts)
