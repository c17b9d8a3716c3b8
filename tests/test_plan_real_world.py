"""What real published plans taught the importer, one failure class at a time.

Each case is written in the phrasing or layout of a real agency's published plan or ITA
announcement (paraphrased, another agency's name; docs/PLAN-IMPORT.md lists the sources).
Every case here was read wrongly, or refused, before the change it tests."""

from __future__ import annotations

import subprocess
from datetime import date

import docx
import pytest
from docx.shared import Cm

from planimport import PlanReadError, read_document
from planimport.periods import read_period
from planimport.units import split_units
from tests.support.plan_documents import office

MEASURE = "มาตรการที่ 1 การเปิดเผยข้อมูล\n(1) ปรับปรุงเว็บไซต์\nผู้รับผิดชอบ กองคลัง\nระยะเวลา ไตรมาส 1\n"


def read_text(text: str):
    return read_document(text.encode("utf-8"), "plan.txt")


def plan_with(heading: str, body: str = "", measures: str = MEASURE):
    return read_text(f"{heading}\n{body}\n{measures}").plan


# -- the ITA result as agencies announce it ---------------------------------------------------

TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567\nเทศบาลตำบลหนองบัว"


@pytest.mark.parametrize(
    ("sentence", "score", "level"),
    [
        (  # the score far from its words, a full mark and a rank beside it
            "เทศบาลได้ผลคะแนนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน"
            "ภาครัฐ ประจำปี 2566 จำนวน 88.37 คะแนน จากคะแนนเต็ม 100 คะแนน "
            "โดยมีผลการประเมินระดับ A อยู่ลำดับที่ 76 จาก 211 แห่ง",
            88.37,
            "A",
        ),
        ("ผลการประเมิน ITA ปี 2566 ได้คะแนนการประเมินอยู่ที่ค่าเฉลี่ย 85.39 คะแนน ซึ่งอยู่ในระดับ A", 85.39, "A"),
        ("ผลการประเมิน ITA ปี 2566 อยู่ในระดับ A ด้วยคะแนน 91.16 ซึ่งเพิ่มขึ้นจากปีที่ผ่านมา", 91.16, "A"),
        ("ผลการประเมิน ITA ปี 2566 หน่วยงานทำคะแนนได้ 86.48 อยู่ในอันดับที่ 14 จาก 26 หน่วยงาน", 86.48, None),
        ("ได้รับคะแนนการประเมิน ITA ปี 2566 ในภาพรวม 99.21 คะแนน ลำดับที่ 2 จาก 160 แห่ง", 99.21, None),
        ("ผ่านการประเมิน ITA 2566 ด้วยระดับผลการประเมิน คะแนน 97.90 อยู่ในเกณฑ์ : ผ่านดี", 97.90, "ผ่านดี"),
        ("ปี 2566 ได้คะแนนจากการประเมิน ITA ทั้งสิ้น 97.29 คะแนน อยู่ในระดับผ่านดี", 97.29, "ผ่านดี"),
        ("ผลการประเมิน ITA ประจำปี พ.ศ. ๒๕๖๖ ได้ ๑๐๐ คะแนน อยู่ในระดับผ่านดีเยี่ยม", 100.0, "ผ่านดีเยี่ยม"),
    ],
)
def test_the_score_and_level_are_read_as_agencies_announce_them(
    sentence: str, score: float, level: str | None
) -> None:
    plan = plan_with(TITLE, sentence)
    assert (plan.ita_score, plan.ita_level) == (score, level)


def test_a_full_mark_in_brackets_and_an_instruments_score_are_not_the_score() -> None:
    body = (
        "ผลการประเมิน ITA ปี 2566 รายตัวชี้วัด\n"
        "ตัวชี้วัด ITA (100 คะแนน) (ร้อยละ) น้ำหนัก\n"
        "ผลการประเมิน ITA แบบวัด IIT ได้ 90.50 คะแนน\n"
    )
    plan = plan_with(TITLE, body)
    assert plan.ita_score is None


def test_a_table_copied_from_a_web_page_with_bars_gives_the_years_scores() -> None:
    body = (
        "ข้อมูลคะแนน ITA เปรียบเทียบตั้งแต่ปีงบประมาณ พ.ศ. ๒๕๖๔ – ๒๕๖๖\n"
        "| ปีงบประมาณ | คะแนน | ระดับ |\n"
        "|---|---|---|\n"
        "| ๒๕๖๖ | ๘๖.๗๘ | ผ่าน |\n"
        "| ๒๕๖๕ | ๙๐.๒๒ | A |\n"
        "| ๒๕๖๔ | ๙๕.๖๒ | AA |\n"
    )
    result = read_text(f"{TITLE}\n{body}\n{MEASURE}")
    assert (result.plan.ita_score, result.plan.ita_level) == (86.78, "ผ่าน")
    assert "earlier_year_ignored" in [n.problem for n in result.notices]


# -- the heading: the year and the agency -------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปี 2568\nเทศบาลตำบลหนองบัว",
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\nพ.ศ. ๒๕๖๘\nเทศบาลตำบลหนองบัว",
    ],
)
def test_a_year_written_without_the_fiscal_word_is_the_fiscal_year(heading: str) -> None:
    plan = plan_with(heading)
    assert (plan.fiscal_year, plan.agency) == (2568, "เทศบาลตำบลหนองบัว")


def test_a_span_of_years_is_no_fiscal_year() -> None:
    with pytest.raises(Exception) as refused:
        read_text("แผนมาตรการป้องกันการทุจริต 4 ปี (พ.ศ. 2561 – 2564)\n" + MEASURE)
    assert "ปีงบประมาณ" in refused.value.message


def test_the_agency_after_the_word_within_is_read() -> None:
    plan = plan_with(
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ภายในสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเขต 9\n"
        "ประจำปีงบประมาณ พ.ศ. 2562"
    )
    assert plan.agency == "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเขต 9"


def test_a_sentence_about_the_agency_is_not_its_name() -> None:
    plan = plan_with(
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n"
        "เทศบาลตำบลท่าดอกแก้ว อำเภอดอยเต่า จังหวัดเชียงใหม่\n"
        "ประจำปีงบประมาณ พ.ศ. 2565\n"
        "เทศบาลตำบลท่าดอกแก้ว ได้ผลการประเมิน ITA ประจำปี 2564 ลำดับที่ 2 ของอำเภอดอยเต่า"
    )
    assert (plan.agency, plan.district, plan.province) == (
        "เทศบาลตำบลท่าดอกแก้ว",
        "ดอยเต่า",
        "เชียงใหม่",
    )


def test_of_in_a_sentence_near_the_title_does_not_name_the_agency() -> None:
    plan = plan_with(
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567\n"
        "องค์การพิพิธภัณฑ์ดาราศาสตร์\n"
        "ได้คะแนนการประเมิน ITA ปี 2566 ทั้งสิ้น 97.29 คะแนน เป็นอันดับที่ 1 ของกระทรวง"
    )
    assert plan.agency == "องค์การพิพิธภัณฑ์ดาราศาสตร์"


# -- periods and units as plans write them -------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("ทุกเดือน", date(2023, 10, 1), date(2024, 9, 1)),
        ("ทุกไตรมาส", date(2023, 10, 1), date(2024, 9, 1)),
        ("ปีงบประมาณ 2567", date(2023, 10, 1), date(2024, 9, 1)),
        ("ปีงบประมาณ พ.ศ. ๒๕๖๗", date(2023, 10, 1), date(2024, 9, 1)),
        ("ปี 2567", date(2023, 10, 1), date(2024, 9, 1)),
        ("ต.ค. 66 - ก.ย. 67", date(2023, 10, 1), date(2024, 9, 1)),
        ("ตุลาคม 2566 – กันยายน 2567", date(2023, 10, 1), date(2024, 9, 1)),
        ("1 ต.ค. 2566 – 30 ก.ย. 2567", date(2023, 10, 1), date(2024, 9, 1)),
        ("ไตรมาส 1-4", date(2023, 10, 1), date(2024, 9, 1)),
    ],
)
def test_periods_as_plans_write_them_are_read_as_months(period: str, first, last) -> None:
    assert read_period(period, 2567) == (first, last)


@pytest.mark.parametrize(
    ("written", "units"),
    [
        ("กองคลัง,กองช่าง", ["กองคลัง", "กองช่าง"]),
        ("ทุกกอง/สำนัก", ["ทุกกอง/สำนัก"]),
        ("ทุกส่วนราชการ", ["ทุกส่วนราชการ"]),
        ("สำนักปลัด/ทุกกอง/ฝ่าย", ["สำนักปลัด", "ทุกกอง/ฝ่าย"]),
    ],
)
def test_units_as_plans_write_them(written: str, units: list[str]) -> None:
    assert split_units(written) == units


# -- a table pasted from a PDF: every cell a line of its own --------------------------------------

STACKED = """มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน
องค์การบริหารส่วนตำบลบางเลน อำเภอบางใหญ่ จังหวัดนนทบุรี
ประจำปีงบประมาณ พ.ศ. ๒๕๖๗
ที่
มาตรการ
วิธีการดำเนินการ
ผู้รับผิดชอบ
ระยะเวลา
๑
การเปิดเผยข้อมูลการจัด
ซื้อจัดจ้าง
(๑) ประกาศแผนการจัดซื้อจัดจ้างประจำปี
(๒) สรุปผลการจัดซื้อ
จัดจ้างรายเดือน
กองคลัง
ต.ค. ๖๖ - ก.ย. ๖๗
๒
การป้องกันผลประโยชน์ทับซ้อน
จัดทำคู่มือการป้องกันผลประโยชน์ทับซ้อน
อบรมเจ้าหน้าที่พัสดุ
สำนักปลัด,กองช่าง
ไตรมาส ๑-๒
ที่
มาตรการ
วิธีการดำเนินการ
ผู้รับผิดชอบ
ระยะเวลา
๓
การส่งเสริมการมีส่วนร่วมของประชาชน
(๑) จัดประชุมประชาคมหมู่บ้าน
ทุกกอง/สำนัก
ทุกเดือน
ประกาศ ณ วันที่ ๒ ตุลาคม พ.ศ. ๒๕๖๖
"""


def test_a_table_pasted_from_a_pdf_one_cell_a_line_is_read_by_its_head() -> None:
    plan = read_text(STACKED).plan
    assert [(m.number, m.title, len(m.actions), m.units) for m in plan.measures] == [
        (1, "การเปิดเผยข้อมูลการจัดซื้อจัดจ้าง", 2, ["กองคลัง"]),
        (2, "การป้องกันผลประโยชน์ทับซ้อน", 2, ["สำนักปลัด", "กองช่าง"]),
        (3, "การส่งเสริมการมีส่วนร่วมของประชาชน", 1, ["ทุกกอง/สำนัก"]),
    ]
    assert plan.measures[0].actions[1].text == "สรุปผลการจัดซื้อจัดจ้างรายเดือน"
    assert [(m.first_month, m.last_month) for m in plan.measures] == [
        (date(2023, 10, 1), date(2024, 9, 1)),
        (date(2023, 10, 1), date(2024, 3, 1)),
        (date(2023, 10, 1), date(2024, 9, 1)),
    ]


# -- what a printed page adds: page numbers and the running head -----------------------------------


def test_page_numbers_and_the_running_head_do_not_break_a_measure() -> None:
    text = (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน เทศบาลตำบลนาดี\n"
        "ประจำปีงบประมาณ พ.ศ. 2567\n"
        "มาตรการที่ 1 การเปิดเผยข้อมูลการจัดซื้อจัดจ้าง\n"
        "(1) ประกาศแผนการจัดซื้อจัดจ้างประจำปีและรายงานผลการจัดซื้อ\n"
        "\n"
        "-๒-\n"
        "\n"
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน เทศบาลตำบลนาดี\n"
        "จัดจ้างทุกเดือน\n"
        "(2) ปรับปรุงเว็บไซต์\n"
        "หน้า 3 จาก 4\n"
        "(3) จัดทำรายงานสรุป\n"
        "ผู้รับผิดชอบ กองคลัง\n"
        "ระยะเวลา ไตรมาส 1\n"
    )
    measure = read_text(text).plan.measures[0]
    assert [a.text for a in measure.actions] == [
        "ประกาศแผนการจัดซื้อจัดจ้างประจำปีและรายงานผลการจัดซื้อจัดจ้างทุกเดือน",
        "ปรับปรุงเว็บไซต์",
        "จัดทำรายงานสรุป",
    ]


# -- measures numbered without the measure word ---------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ข้อ ๑ การเสริมสร้างวัฒนธรรมองค์กร", "ข้อ ๒ การเปิดเผยข้อมูล"),
        ("๑) การเสริมสร้างวัฒนธรรมองค์กร", "๒) การเปิดเผยข้อมูล"),
        ("(๑) การเสริมสร้างวัฒนธรรมองค์กร", "(๒) การเปิดเผยข้อมูล"),
        ("1. การเสริมสร้างวัฒนธรรมองค์กร", "2. การเปิดเผยข้อมูล"),
        ("แนวทางที่ 1 การเสริมสร้างวัฒนธรรมองค์กร", "แนวทางที่ 2 การเปิดเผยข้อมูล"),
    ],
)
def test_measures_numbered_without_the_measure_word_are_read(first: str, second: str) -> None:
    text = (
        "แนวทางการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2567\n"
        "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 3\n"
        "ผลการประเมิน ITA ปี 2566\n"
        "1. การปฏิบัติหน้าที่ 95.10 คะแนน\n"
        "2. การใช้งบประมาณ 90.00 คะแนน\n"
        f"{first}\n"
        "- จัดกิจกรรมเสริมสร้างคุณธรรม\n"
        "- ประกาศเจตนารมณ์ไม่รับของขวัญ\n"
        "ผู้รับผิดชอบ กลุ่มบริหารงานบุคคล\n"
        "ระยะเวลา ปีงบประมาณ 2567\n"
        f"{second}\n"
        "- ปรับปรุงเว็บไซต์\n"
        "ผู้รับผิดชอบ กลุ่มอำนวยการ\n"
        "ระยะเวลา ทุกไตรมาส\n"
    )
    plan = read_text(text).plan
    assert [(m.number, m.title, len(m.actions), m.units) for m in plan.measures] == [
        (1, "การเสริมสร้างวัฒนธรรมองค์กร", 2, ["กลุ่มบริหารงานบุคคล"]),
        (2, "การเปิดเผยข้อมูล", 1, ["กลุ่มอำนวยการ"]),
    ]
    assert {i.number: i.score for i in plan.indicators} == {1: 95.10, 2: 90.00}
    assert (plan.agency, plan.district) == ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 3", "")


def test_a_numbered_list_of_something_else_is_no_measure() -> None:
    text = (
        "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2567 เทศบาลตำบลนาดี\n"
        "๑) โครงการความรู้คู่คุณธรรม\n"
        "๒) โครงการส่งเสริมคุณธรรมและจริยธรรม\n"
    )
    with pytest.raises(Exception) as refused:
        read_text(text)
    assert "ไม่พบมาตรการ" in refused.value.message


# -- Word documents as agencies make them -------------------------------------------------------

HEAD = ["ที่", "มาตรการ", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา"]


def _fill(table, rows: list[list[str]]) -> None:
    table.style = "Table Grid"
    for column in table.columns:  # widths, as Word writes them (LibreOffice needs them)
        for cell in column.cells:
            cell.width = Cm(3)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            parts = value.split("<br>")
            paragraph = table.cell(r, c).paragraphs[0]
            for position, part in enumerate(parts):
                run = paragraph.add_run(part)
                if position < len(parts) - 1:
                    run.add_break()  # a line break inside the cell, as clerks list steps


ROWS = [
    HEAD,
    ["1", "การเปิดเผยข้อมูล", "(1) ปรับปรุงเว็บไซต์<br>(2) ประกาศผลการจัดซื้อจัดจ้าง", "กองคลัง", "ทุกเดือน"],
    ["2", "การป้องกันการรับสินบน", "ประกาศนโยบายไม่รับของขวัญ", "สำนักปลัด", "ไตรมาส 1"],
]


def _word(tmp_path, build) -> bytes:
    document = docx.Document()
    build(document)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    return path.read_bytes()


def _title(container) -> None:
    container.add_paragraph("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567")
    container.add_paragraph("เทศบาลตำบลนาดี")


def _measures_of(data: bytes) -> list[tuple[int, int, list[str]]]:
    plan = read_document(data, "plan.docx").plan
    assert (plan.fiscal_year, plan.agency) == (2567, "เทศบาลตำบลนาดี")
    return [(m.number, len(m.actions), m.units) for m in plan.measures]


EXPECTED = [(1, 2, ["กองคลัง"]), (2, 1, ["สำนักปลัด"])]


def test_a_word_plan_inside_a_frame_table_is_read(tmp_path) -> None:
    def build(document) -> None:
        frame = document.add_table(rows=1, cols=1).cell(0, 0)
        _title(frame)
        _fill(frame.add_table(rows=3, cols=5), ROWS)

    assert _measures_of(_word(tmp_path, build)) == EXPECTED


def test_a_word_table_nested_under_a_row_is_read(tmp_path) -> None:
    def build(document) -> None:
        _title(document)
        outer = document.add_table(rows=1, cols=2)
        outer.cell(0, 0).text = "ตารางมาตรการ"
        _fill(outer.cell(0, 1).add_table(rows=3, cols=5), ROWS)

    assert _measures_of(_word(tmp_path, build)) == EXPECTED


def test_a_word_plan_written_as_paragraphs_with_tabs_is_read(tmp_path) -> None:
    def build(document) -> None:
        _title(document)
        for row in ROWS:
            document.add_paragraph("\t".join(c.replace("<br>", " ") for c in row))

    assert _measures_of(_word(tmp_path, build)) == EXPECTED


def test_an_old_word_file_is_converted_by_libreoffice(tmp_path) -> None:
    if not office():
        pytest.skip("LibreOffice is missing here (scripts/ensure-test-tools installs it)")

    def build(document) -> None:
        _title(document)
        _fill(document.add_table(rows=3, cols=5), ROWS)
        document.add_paragraph("ประกาศ ณ วันที่ 1 ตุลาคม พ.ศ. 2566")

    (tmp_path / "plan.docx").write_bytes(_word(tmp_path, build))
    subprocess.run(
        [
            office(),
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "plan.docx"),
        ],
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        timeout=180,
    )
    data = (tmp_path / "plan.doc").read_bytes()
    assert _measures_of_doc(data, "แผน.doc") == EXPECTED
    assert _measures_of_doc(data, "plan.docx") == EXPECTED  # known by its first bytes


def _measures_of_doc(data: bytes, name: str):
    plan = read_document(data, name).plan
    return [(m.number, len(m.actions), m.units) for m in plan.measures]


def test_an_old_word_file_without_libreoffice_is_refused_saying_to_save_as_docx(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without LibreOffice
    with pytest.raises(PlanReadError) as refused:
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "plan.doc")
    assert ".docx" in refused.value.message and "บันทึกเป็น" in refused.value.message
