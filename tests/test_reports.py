"""The documents the agency files: XLSX and DOCX opened with their own libraries and checked
against the reports made here; the page rendered to PNG; signed links; asking in LINE."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import docx
import openpyxl
import pytest

from models.citizen import Rating, Suggestion
from models.plan import get_plan, plan_tree
from models.progress import ReportSource, record_report
from tests.conftest import BANGKOK, DATA
from tests.support import people
from tests.support.line_chat import buttons, quick_replies, texts

OCT, NOV, DEC, JAN = date(2021, 10, 1), date(2021, 11, 1), date(2021, 12, 1), date(2022, 1, 1)
ARABIC = re.compile(r"[0-9]")


@pytest.fixture
def year(services, clock, seed_plan) -> None:
    """1.1 done in January, 1.2 in progress, 2.5 reported twice in December, 3.x untouched."""
    with services.db.session() as session:
        tree = plan_tree(session, get_plan(session, 2565))
        a11, a12, a25 = tree[0][1][0], tree[0][1][1], tree[1][1][4]
        for action, month, percent, detail in (
            (a11, OCT, 40, "อบรม 12 คน"),
            (a11, JAN, 100, "อบรมครบทุกคน"),
            (a12, NOV, 50, "ร่างคู่มือ"),
            (a25, DEC, 20, "แจกแบบสำรวจ"),
            (a25, DEC, 30, "แจกแบบสำรวจเพิ่ม 84 ชุด"),
        ):
            record_report(
                session,
                action_id=action.id,
                month=month,
                percent=percent,
                detail=detail,
                staff=None,
                now=clock.now(),
                source=ReportSource.CLI,
            )
        session.add(
            Suggestion(
                ref="S-2565-0001",
                fiscal_year=2565,
                seq=1,
                line_user_id="U1",
                category="ร้องเรียน",
                text="ไฟดับ",
                created_at=datetime(2021, 12, 5, 10, tzinfo=BANGKOK),
            )
        )
        session.add(Rating(line_user_id="U1", month=DEC, score=4, created_at=clock.now()))
        session.add(Rating(line_user_id="U2", month=DEC, score=5, created_at=clock.now()))


def _export(runner, tmp_path: Path, kind: str, *extra: str) -> Path:
    out = tmp_path / f"report.{kind}"
    result = runner.invoke(
        args=["export", "--fiscal-year", "2565", "--format", kind, "--out", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out


def test_the_workbook(runner, year, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_export(runner, tmp_path, "xlsx"))
    assert book.sheetnames == ["สรุป", "มาตรการ 1", "มาตรการ 2", "มาตรการ 3"]
    sheet = book["มาตรการ 1"]
    header = [c.value for c in sheet[7]]
    assert header[0] == "วิธีการดำเนินการ" and header[-1] == "ผลการดำเนินงานล่าสุด"
    assert header[1:13] == [
        "ต.ค. 64",
        "พ.ย. 64",
        "ธ.ค. 64",
        "ม.ค. 65",
        "ก.พ. 65",
        "มี.ค. 65",
        "เม.ย. 65",
        "พ.ค. 65",
        "มิ.ย. 65",
        "ก.ค. 65",
        "ส.ค. 65",
        "ก.ย. 65",
    ]
    row_11 = [c.value for c in sheet[8]]
    assert row_11[0].startswith("1.1 เสริมสร้างทัศนคติ")
    assert row_11[1:5] == [0.4, 0.4, 0.4, 1.0]  # carried forward until January's 100 %
    assert row_11[5] is None  # February is still ahead
    assert sheet.cell(8, 5).fill.fgColor.rgb.endswith("D1FAE5")  # done: green
    assert sheet.cell(8, 2).comment.text.endswith("อบรม 12 คน") and sheet.cell(8, 3).comment is None
    assert row_11[-1] == "อบรมครบทุกคน"
    assert sheet.freeze_panes == "B8"
    assert [c.value for c in book["มาตรการ 2"][12]][3] == 0.3  # 2.5 in December: the later report
    summary = book["สรุป"]
    rows = {r[0]: r for r in summary.iter_rows(min_row=6, max_row=8, values_only=True)}
    # January: 1.1 at 100, 1.2 at 50 (carried from November), 1.3 at 0; done, in progress, not
    assert rows[1][3:] == (pytest.approx(50.0), 1, 1, 1)
    assert rows[3][3:] == (0, 0, 0, 3)
    assert len(summary._images) == 1


def test_the_document_in_the_official_form(runner, year, tmp_path: Path) -> None:
    document = docx.Document(str(_export(runner, tmp_path, "docx")))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in body
    assert "เทศบาลตำบลบางกระบือ อำเภอบางคนที จังหวัดสมุทรสงคราม" in body
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ (ตุลาคม ๒๕๖๔ – กันยายน ๒๕๖๕)" in body
    assert "จัดทำเมื่อวันที่ ๒๐ มกราคม ๒๕๖๕" in body
    assert "ผลการประเมินคุณธรรมและความโปร่งใส (ITA): ๘๖.๕๐ คะแนน ระดับ A" in body
    assert "วิธีการดำเนินการทั้งหมด ๑๒ ข้อ: เสร็จแล้ว ๑ ข้อ กำลังดำเนินการ ๒ ข้อ ยังไม่เริ่ม ๙ ข้อ" in body
    assert "(ลงชื่อ)" in body and "ผู้รายงาน" in body
    tables = document.tables
    assert len(tables) == 2 * 3 + 1  # per measure the plan and its results; the citizens
    plan_1, results_1 = tables[0], tables[1]
    assert [c.text for c in plan_1.rows[0].cells] == [
        "มาตรการ/แนวทาง",
        "วิธีการดำเนินการ",
        "ผู้รับผิดชอบ",
        "ระยะเวลาดำเนินการ",
        "การติดตามผล",
    ]
    assert plan_1.rows[1].cells[2].text == "สำนักปลัดเทศบาล"
    assert [c.text for c in results_1.rows[0].cells][1:13] == [
        "ต.ค.",
        "พ.ย.",
        "ธ.ค.",
        "ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ก.ค.",
        "ส.ค.",
        "ก.ย.",
    ]
    assert [c.text for c in results_1.rows[1].cells][1:6] == ["๔๐", "๔๐", "๔๐", "๑๐๐", ""]
    assert [c.text for c in results_1.rows[2].cells][1:4] == ["", "๕๐", "๕๐"]
    citizens = tables[-1]
    assert [c.text for c in citizens.rows[1].cells][1:5] == [
        "๐",
        "๐",
        "๑",
        "๐",
    ]  # suggestions by month
    assert [c.text for c in citizens.rows[3].cells][3] == "๔.๕๐"
    everything = body + "".join(c.text for t in tables for r in t.rows for c in r.cells)
    assert not ARABIC.search(everything.replace("ITA", "").replace("OIT", "").replace("O43", "")), (
        "Thai digits only"
    )
    normal = document.styles["Normal"]
    assert normal.font.name == "TH Sarabun New" and normal.font.size.pt == 16
    assert (
        normal.element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cs"
        )
        == "TH Sarabun New"
    )
    portrait, landscape = document.sections[0], document.sections[1]
    assert (round(portrait.page_width.mm), round(portrait.page_height.mm)) == (210, 297)
    assert (round(landscape.page_width.mm), round(landscape.page_height.mm)) == (297, 210)


def test_the_month_and_half_year_reports(runner, year, tmp_path: Path) -> None:
    month = docx.Document(str(_export(runner, tmp_path, "docx", "--month", "2021-12")))
    text = "\n".join(p.text for p in month.paragraphs)
    assert "ประจำเดือนธันวาคม ๒๕๖๔ สำหรับการประชุมประจำเดือน วันที่ ๓๐ ธันวาคม ๒๕๖๔" in text
    assert [c.text for c in month.tables[1].rows[0].cells][1:-1] == ["ต.ค.", "พ.ย.", "ธ.ค."]
    half = openpyxl.load_workbook(_export(runner, tmp_path, "xlsx", "--half", "1"))
    assert [c.value for c in half["มาตรการ 1"][7]][1:7] == [
        "ต.ค. 64",
        "พ.ย. 64",
        "ธ.ค. 64",
        "ม.ค. 65",
        "ก.พ. 65",
        "มี.ค. 65",
    ]
    rows = list(
        csv.DictReader(
            io.StringIO(
                _export(runner, tmp_path, "csv", "--month", "2021-12").read_text(
                    encoding="utf-8-sig"
                )
            )
        )
    )
    assert [(r["month"], r["percent"]) for r in rows] == [("2021-12", "30")]
    wrong = runner.invoke(
        args=[
            "export",
            "--fiscal-year",
            "2565",
            "--format",
            "docx",
            "--month",
            "2023-01",
            "--out",
            str(tmp_path / "x"),
        ]
    )
    assert wrong.exit_code == 2 and "ไม่อยู่ในปีงบประมาณ 2565" in wrong.output


def test_a_year_without_reports_still_exports_and_says_so(
    runner, seed_plan, tmp_path: Path
) -> None:
    for kind in ("docx", "xlsx"):
        result = runner.invoke(
            args=[
                "export",
                "--fiscal-year",
                "2565",
                "--format",
                kind,
                "--out",
                str(tmp_path / f"e.{kind}"),
            ]
        )
        assert result.exit_code == 0 and "ยังไม่มีรายงานผลการดำเนินงาน" in result.output
    body = "\n".join(p.text for p in docx.Document(str(tmp_path / "e.docx")).paragraphs)
    assert "ยังไม่มีรายงานผลการดำเนินงานในช่วงเวลานี้" in body


def test_the_page_rendered_for_a_person_to_look_at(
    runner, year, tmp_path: Path, artifacts: Path
) -> None:
    office, pdftoppm = (
        shutil.which("libreoffice") or shutil.which("soffice"),
        shutil.which("pdftoppm"),
    )
    if not office or not pdftoppm:
        pytest.skip(
            "LibreOffice or pdftoppm is missing here (scripts/ensure-test-tools installs them)"
        )
    document = _export(runner, tmp_path, "docx")
    env = {
        "FONTCONFIG_FILE": str(DATA / "fonts.conf"),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(document)],
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )
    for old in artifacts.glob("report-page-*.png"):
        old.unlink()
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "80",
            "-png",
            str(tmp_path / "report.pdf"),
            str(artifacts / "report-page"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = sorted(artifacts.glob("report-page-*.png"))
    assert 4 <= len(pages) <= 12


def test_signed_links_expire_and_cannot_be_guessed(client, services, clock, year) -> None:
    from reports import periods

    url = services.links.signed_url(periods.year(2565), "docx", clock.now())
    assert url.startswith("https://tidtam.example.go.th/reports/download/2565/year.docx?")
    path = urlsplit(url)._replace(scheme="", netloc="").geturl()
    ok = client.get(path)
    assert ok.status_code == 200 and ok.headers["Content-Disposition"].endswith(
        'tidtam-2565-year.docx"'
    )
    assert docx.Document(io.BytesIO(ok.data)).paragraphs[0].text.startswith("รายงานผลการดำเนินการ")
    assert client.get(path.replace("year.docx", "half1.docx")).status_code == 403  # another period
    assert client.get(path.replace("docx?", "xlsx?")).status_code == 403  # another kind
    forged = re.sub(r"sig=[^&]+", "sig=AAAA", path)
    assert client.get(forged).status_code == 403
    assert client.get(path.split("?")[0]).status_code == 403
    clock.advance(days=8)
    expired = client.get(path)
    assert expired.status_code == 410 and "หมดอายุ" in expired.get_data(as_text=True)
    chart = client.get("/reports/2565/progress.png")
    assert chart.status_code == 200 and chart.data.startswith(b"\x89PNG")


def test_a_head_asks_for_reports_in_line(line, runner, client, services, year) -> None:
    people.link(runner, line, "Uhead", "หัวหน้า", "head")
    people.link(runner, line, "Ustaff", "เจ้าหน้าที่", "staff", "1")
    [choice] = line.send("Uhead", "เอกสารรายงาน")
    assert [a["label"] for a in quick_replies(choice)] == ["ปีนี้", "รอบ 6 เดือน", "เดือนนี้"]
    for typed, key in (
        ("รายงาน ปี 2565", "year"),
        ("รายงานปีนี้", "year"),
        ("รายงาน 6 เดือน", "half1"),
        ("รายงาน ม.ค. 2565", "2022-01"),
        ("รายงาน ธันวาคม", "2021-12"),
        ("รายงาน เดือนนี้", "2022-01"),
    ):
        [card] = line.send("Uhead", typed)
        links = [a["uri"] for a in buttons(card)]
        assert [urlsplit(u).path for u in links] == [
            f"/reports/download/2565/{key}.docx",
            f"/reports/download/2565/{key}.xlsx",
        ], typed
    fetched = client.get(urlsplit(links[1])._replace(scheme="", netloc="").geturl())
    assert (
        fetched.status_code == 200
        and openpyxl.load_workbook(io.BytesIO(fetched.data)).sheetnames[0] == "สรุป"
    )
    assert "เฉพาะหัวหน้า" in texts(line.send("Ustaff", "รายงาน ปี 2565"))
    assert "เฉพาะหัวหน้า" in texts(line.send("Ucitizen", "เอกสารรายงาน"))
    assert "เลือกมาตรการ" in texts(line.send("Uhead", "รายงาน"))  # still the guided report
    assert "ข้อ 1.3 — 50%" in texts(
        line.send("Uhead", "รายงาน 1.3 50% ร่างประกาศ")
    )  # still a one-line report


def test_the_monthly_summary_links_to_the_months_report(services, clock, year, runner) -> None:
    from messages_th.follow_up_text import summary_flex
    from usecases.summary import monthly_summary

    with services.db.session() as session:
        summary = monthly_summary(session, services.links, BANGKOK, clock.now())
    [link] = [a["uri"] for a in buttons(summary_flex(summary))]
    assert urlsplit(link).path == "/reports/download/2565/2022-01.docx"
