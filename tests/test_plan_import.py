"""The plan importer: the seed with nothing lost, another agency's plan, .docx and YAML,
broken documents, and re-importing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pypdfium2
import pytest
from sqlmodel import select

from models.plan import (
    Action,
    Indicator,
    Measure,
    Plan,
    Recommendation,
    Unit,
    get_plan,
    plan_tree,
    unit_by_name,
)
from models.progress import Report, ReportSource, record_report
from models.staff import Role, add_staff, measures_for, report_target
from planimport import PlanReadError, read_file, read_plan
from planimport.structured import read_structured
from tests.conftest import DATA, SEED
from usecases.reminders import duties

# What the seed document says, typed from the document itself.
SEED_INDICATORS = [
    (1, "การปฏิบัติหน้าที่", "IIT", 81.64),
    (2, "การใช้งบประมาณ", "IIT", 77.05),
    (3, "การใช้อำนาจ", "IIT", 79.52),
    (4, "การใช้ทรัพย์สินของราชการ", "IIT", 74.10),
    (5, "การแก้ไขปัญหาการทุจริต", "IIT", 78.30),
    (6, "คุณภาพการดำเนินงาน", "EIT", 78.88),
    (7, "ประสิทธิภาพการสื่อสาร", "EIT", 82.02),
    (8, "การปรับปรุงการทำงาน", "EIT", 74.75),
    (9, "การเปิดเผยข้อมูล", "OIT", 97.50),
    (10, "การป้องกันการทุจริต", "OIT", 100.00),
]
SEED_ACTIONS = {
    1: [
        "เสริมสร้างทัศนคติที่ดี ระเบียบ คุณธรรมจริยธรรมที่ดีต่อหน่วยงาน",
        "จัดคู่มือแนวทางการปฏิบัติของการใช้ทรัพย์สินของทางราชการ",
        "ระบุโทษที่เกิดจากการนำทรัพย์สินของทางราชการไปใช้เพื่อการประโยชน์ส่วนตัว",
    ],
    2: [
        "จัดประชุมพนักงานเจ้าหน้าที่เพื่อทำความเข้าใจ",
        "นำนวัตกรรมและเทคโนโลยีมาใช้ในกระบวนการ",
        "สร้างวัฒนธรรมแลค่านิยมที่ดีขององค์กรในการปฏิบัติงาน",
        "เพิ่มช่องทางการประชาสัมพันธ์ที่หลากหลายยิ่งขึ้น",
        "สำนวจความพึงพอใจ",
        "วิเคราะห์เพื่อการพัฒนา",
    ],
    3: [
        "แต่งตั้งคณะกรรมการ คณะดำเนินงานต่าง ๆ ที่มาจากภาคส่วนประชาชนที่หลากหลายสาขาอาชีพ "
        "โดยเฉพาะเจาะจงกลุ่มบุคคลใดบุคคลหนึ่ง",
        "ประชาชนร่วมวางแผนเพื่อการพัฒนาท้องถิ่นร่วมกับเทศบาล",
        "ประชาชนร่วมตรวจสอบการดำเนินงานของเทศบาลมากยิ่งขึ้น",
    ],
}
SEED_TITLES = {
    1: "การสร้างความรับรู้ และความเข้าใจร่วมกันที่ถูกต้องเกี่ยวกับการใช้ทรัพย์สินของทางราชการ"
    "ในการประโยชน์สาธารณะมากกว่าประโยชน์ส่วนตัว",
    2: "การปรับปรุงกระบวนการปฏิบัติงานให้สอดคล้องกับบริบทและสภาพแวดล้อมพื้นฐาน "
    "รวมถึงสถานการณ์และการเปลี่ยนแปลงมากยิ่งขึ้น เพื่อเพิ่มประสิทธิภาพในการปฏิบัติงาน",
    3: "การเปิดโอกาสให้ประชาชนได้มีบทบาทในการร่วมบริหารและจัดการเทศบาลหรือร่วมตรวจสอบ"
    "การดำเนินการต่าง ๆ ของเทศบาลมากยิ่งขึ้น",
}
FOLLOW_UP = (
    "รายงานผลการดำเนินการต่อที่ประชุมประจำเดือนทราบทุกเดือน เมื่อสิ้นปีงบประมาณ "
    "นำผลสรุปที่ได้จากการดำเนินการมาวิเคราะห์ ประมวลผล เพื่อการวางแผนดำเนินการต่อไปในอนาคต"
)


def _plan(services, fiscal_year: int = 2565):
    session = services.db.session().__enter__()
    return session, get_plan(session, fiscal_year)


def test_seed_imports_with_nothing_lost(runner, services) -> None:
    result = runner.invoke(args=["plan", "import", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "มาตรการ 3 ข้อ วิธีการดำเนินการ 12 ข้อ ตัวชี้วัด 10 ข้อ" in result.output

    with services.db.session() as session:
        plan = get_plan(session, 2565)
        assert plan is not None
        assert plan.agency == "เทศบาลตำบลบางกระบือ"
        assert (plan.district, plan.province) == ("บางคนที", "สมุทรสงคราม")
        assert plan.ita_score == pytest.approx(86.5)
        assert plan.ita_level == "A"
        assert plan.adopted_on == date(2021, 12, 8)  # ๘ ธันวาคม ๒๕๖๔
        assert plan.adopted_where == "ห้องประชุมสำนักงานเทศบาลตำบลบางกระบือ"

        indicators = session.exec(
            select(Indicator).where(Indicator.plan_id == plan.id).order_by(Indicator.number)
        ).all()
        assert [(i.number, i.name, i.group) for i in indicators] == [x[:3] for x in SEED_INDICATORS]
        assert [i.score for i in indicators] == pytest.approx([x[3] for x in SEED_INDICATORS])

        tree = plan_tree(session, plan)
        assert [m.number for m, _ in tree] == [1, 2, 3]
        for measure, actions in tree:
            assert measure.title == SEED_TITLES[measure.number]
            assert [a.text for a in actions] == SEED_ACTIONS[measure.number]
            assert [a.number for a in actions] == list(range(1, len(actions) + 1))
            assert session.get(Unit, measure.unit_id).name == "สำนักปลัดเทศบาล"
            assert measure.period == "ตลอดปีงบประมาณ ๒๕๖๕"
            assert measure.follow_up == FOLLOW_UP

        groups = [
            r.group
            for r in session.exec(
                select(Recommendation)
                .where(Recommendation.plan_id == plan.id)
                .order_by(Recommendation.position)
            )
        ]
        assert groups == ["GENERAL", "IIT", "EIT", "OIT", "EXTERNAL"]
        texts = {r.group: r.text for r in session.exec(select(Recommendation))}
        assert texts["IIT"].startswith("ข้อเสนอแนะจากการประเมิน IIT พบว่า")
        assert texts["IIT"].endswith("ตรวจสอบการใช้ทรัพย์สินของราชการของหน่วยงานด้วย")
        assert "สาธารณูปโภคขั้นพื้นฐาน" in texts["EXTERNAL"]


def test_another_agencys_plan_with_arabic_digits_imports(runner, services) -> None:
    result = runner.invoke(args=["plan", "import", str(DATA / "plan-2566-nong-bua.txt")])
    assert result.exit_code == 0, result.output
    with services.db.session() as session:
        plan = get_plan(session, 2566)
        assert plan.agency == "องค์การบริหารส่วนตำบลหนองบัว"
        assert plan.province == "อุดรธานี"
        assert (plan.ita_score, plan.ita_level) == (91.25, "AA")
        assert plan.adopted_on == date(2022, 11, 15)
        tree = plan_tree(session, plan)
        assert [len(actions) for _, actions in tree] == [2, 3, 2, 4, 1]
        units = {m.number: session.get(Unit, m.unit_id).name for m, _ in tree}
        assert units == {
            1: "กองช่าง",
            2: "กองคลัง",
            3: "กองการศึกษา ศาสนาและวัฒนธรรม",
            4: "สำนักปลัด",
            5: "สำนักปลัด",
        }
        # the action cell of measure 2 runs over three lines; its third item is not a new measure
        assert [a.text for a in tree[1][1]][2] == "เผยแพร่ราคากลางก่อนประกาศประกวดราคา"
        assert tree[2][0].period == "ภาคเรียนที่ 1 และ 2"
        scores = session.exec(
            select(Indicator.score).where(Indicator.plan_id == plan.id).order_by(Indicator.number)
        ).all()
        assert scores[8] == 100 and len(scores) == 10


def _seed_as_docx(path: Path) -> Path:
    """The seed re-typed in Word: paragraphs, an indicator table and the measures table,
    with each action its own paragraph inside the cell, as clerks type them."""
    text = SEED.read_text(encoding="utf-8")
    head, _, table_part = text.partition("มาตรการ/แนวทาง")
    document = docx.Document()
    for line in head.splitlines():
        document.add_paragraph(line)
    rows = [line.split("\t") for line in ("มาตรการ/แนวทาง" + table_part).strip().splitlines()]
    table = document.add_table(rows=len(rows), cols=5)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            if c == 1 and r > 0:  # one paragraph per action
                parts = [
                    p.strip()
                    for p in value.replace("๒. ", "\n๒. ")
                    .replace("๓. ", "\n๓. ")
                    .replace("๔. ", "\n๔. ")
                    .replace("๕. ", "\n๕. ")
                    .replace("๖. ", "\n๖. ")
                    .split("\n")
                ]
                cell.text = parts[0]
                for part in parts[1:]:
                    cell.add_paragraph(part)
            else:
                cell.text = value
    document.save(path)
    return path


def test_docx_and_yaml_read_the_same_plan_as_the_text(tmp_path: Path) -> None:
    from_text = read_plan(SEED)
    from_docx = read_plan(_seed_as_docx(tmp_path / "plan.docx"))
    from_yaml = read_plan(Path("examples/plan-2565-bang-krabue.yaml"))
    assert from_docx.measures == from_text.measures
    assert from_docx.indicators == from_text.indicators
    assert from_yaml == from_text


def test_json_with_thai_digits_reads(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(
        '{"fiscal_year": "๒๕๖๗", "agency": "เทศบาลเมืองทดสอบ", "ita_score": "๙๐.๕",'
        ' "measures": [{"number": "๑", "title": "ทดสอบ",'
        ' "actions": [{"number": 1, "text": "ทำ"}]}]}',
        encoding="utf-8",
    )
    plan = read_plan(path)
    assert (plan.fiscal_year, plan.ita_score, plan.measures[0].number) == (2567, 90.5, 1)


BROKEN = {
    "no-year.txt": ("มาตรการส่งเสริมคุณธรรม\nเทศบาลตำบลทดสอบ\n", "บรรทัดที่ 1", "ไม่พบปีงบประมาณ"),
    "no-table.txt": (
        "มาตรการ ประจำปีงบประมาณ พ.ศ. 2566\nเทศบาลตำบลทดสอบ\nไม่มีตาราง\n",
        "หัวข้อที่พบในเอกสาร",
        "ไม่พบมาตรการที่มีวิธีการดำเนินการ",
    ),
    "no-actions.txt": (
        "มาตรการ ประจำปีงบประมาณ พ.ศ. 2566\nเทศบาลตำบลทดสอบ\n"
        "มาตรการ\tวิธีการดำเนินการ\tผู้รับผิดชอบ\n1. ทำดี\t\tสำนักปลัด\n",
        "บรรทัดที่ 3: มาตรการ | วิธีการดำเนินการ | ผู้รับผิดชอบ",
        "มาตรการที่ 1 เปิดเผยข้อมูลการจัดซื้อจัดจ้าง",  # what a readable one looks like
    ),
    "bad.yaml": (
        "fiscal_year: 2566\nagency: ทดสอบ\nmeasures: []\n",
        "ช่อง measures",
        "อย่างน้อยหนึ่งรายการ",
    ),
    "broken.yaml": ("fiscal_year: [2566\n", "บรรทัดที่", "ข้อมูลไม่ถูกต้อง"),
    "plan.pdf": ("%PDF-1.4", "", "เปิดไฟล์ไม่ได้"),
    "plan.odt": ("x", "", "ไม่รู้จักชนิดไฟล์"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_document_fails_clearly_and_writes_nothing(
    name: str, tmp_path: Path, runner, services
) -> None:
    body, where, problem = BROKEN[name]
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    result = runner.invoke(args=["plan", "import", str(path)])
    assert result.exit_code == 2
    assert where in result.output and problem in result.output, result.output
    assert "ไม่มีการบันทึกใด ๆ" in result.output
    with services.db.session() as session:
        assert session.exec(select(Plan)).first() is None
        assert session.exec(select(Measure)).first() is None


def test_a_damaged_docx_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(PlanReadError) as caught:
        read_plan(path)
    assert "เปิดไฟล์ไม่ได้" in caught.value.message


def test_reimport_updates_in_place_and_keeps_reports(
    runner, services, clock, tmp_path: Path
) -> None:
    assert runner.invoke(args=["plan", "import", str(SEED)]).exit_code == 0
    with services.db.session() as session:
        plan = get_plan(session, 2565)
        tree = plan_tree(session, plan)
        action_1_2 = tree[0][1][1]
        action_2_6 = tree[1][1][5]
        record_report(
            session,
            action_id=action_1_2.id,
            month=date(2022, 1, 1),
            percent=50,
            detail="ทำคู่มือ",
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )
        record_report(
            session,
            action_id=action_2_6.id,
            month=date(2022, 1, 1),
            percent=10,
            detail="เริ่มวิเคราะห์",
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )
        ids_before = sorted(session.exec(select(Action.id)).all())

    again = runner.invoke(args=["plan", "import", str(SEED)])
    assert again.exit_code == 0 and "ปรับปรุงแผนเดิม" in again.output
    with services.db.session() as session:
        assert len(session.exec(select(Plan)).all()) == 1
        assert sorted(session.exec(select(Action.id)).all()) == ids_before
        assert len(session.exec(select(Indicator)).all()) == 10
        assert len(session.exec(select(Recommendation)).all()) == 5
        assert len(session.exec(select(Report)).all()) == 2

    # a new version of the document: 1.2 reworded, 2.6 dropped (it has a report: kept, retired)
    text = SEED.read_text(encoding="utf-8")
    text = text.replace(
        "จัดคู่มือแนวทางการปฏิบัติของการใช้ทรัพย์สินของทางราชการ", "จัดทำคู่มือการใช้ทรัพย์สินของราชการ"
    )
    text = text.replace(" ๖. วิเคราะห์เพื่อการพัฒนา", "")
    revised = tmp_path / "revised.txt"
    revised.write_text(text, encoding="utf-8")
    third = runner.invoke(args=["plan", "import", str(revised)])
    assert third.exit_code == 0, third.output
    assert "2.6" in third.output
    with services.db.session() as session:
        renamed = session.get(Action, action_1_2.id)
        assert renamed.text == "จัดทำคู่มือการใช้ทรัพย์สินของราชการ"
        assert session.get(Action, action_2_6.id).retired
        assert len(session.exec(select(Report)).all()) == 2
        assert [len(a) for _, a in plan_tree(session, get_plan(session, 2565))] == [3, 5, 3]


def test_plan_show_prints_the_plan(runner, seed_plan) -> None:
    result = runner.invoke(args=["plan", "show", "--fiscal-year", "2565"])
    assert result.exit_code == 0
    assert "ผลการประเมิน ITA: 86.50 คะแนน ระดับ A" in result.output
    assert "4. การใช้ทรัพย์สินของราชการ  74.10" in result.output
    assert "2.5 สำนวจความพึงพอใจ" in result.output
    assert "ผู้รับผิดชอบ: สำนักปลัดเทศบาล" in result.output
    missing = runner.invoke(args=["plan", "show", "--fiscal-year", "2599"])
    assert missing.exit_code == 1 and "2599" in missing.output


PLANS = DATA / "plans"


def test_the_seed_reads_with_nothing_missing() -> None:
    read = read_file(SEED)
    assert read.warnings == []
    assert read.facts["measures"][0]["units"] == ["สำนักปลัดเทศบาล"]


def test_a_flawed_table_imports_and_says_what_it_did(runner, services, tmp_path: Path) -> None:
    """Measures numbered twice, a row without actions: read in order, each said."""
    path = tmp_path / "flawed.txt"
    path.write_text(
        "มาตรการ ประจำปีงบประมาณ พ.ศ. 2566\nเทศบาลตำบลทดสอบ\n"
        "มาตรการ\tวิธีการดำเนินการ\tผู้รับผิดชอบ\n1. ก\t1. ข\tกองคลัง\n1. ง\t1. จ\t\n"
        "2. ฉ\t\tกองช่าง\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["plan", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "มาตรการไม่มีเลขข้อ จึงนับตามลำดับ 1–2" in result.output
    assert "มาตรการที่ 2 ไม่มีวิธีการดำเนินการ จึงไม่ได้นำเข้า" in result.output
    assert "มาตรการที่ 2 ไม่มีผู้รับผิดชอบ" in result.output
    assert "ไม่พบคะแนน ITA รวม" in result.output
    with services.db.session() as session:
        assert [m.title for m, _ in plan_tree(session, get_plan(session, 2566))] == ["ก", "ง"]


def test_dry_run_says_what_it_read_and_writes_nothing(runner, services) -> None:
    result = runner.invoke(
        args=["plan", "import", str(PLANS / "05-institute-fail.txt"), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "หน่วยงาน: สถาบันวิจัยและพัฒนาเกษตรที่สูง (องค์การมหาชน)" in result.output
    assert "ผลการประเมิน ITA: 84.12 คะแนน ผลการประเมิน ไม่ผ่าน" in result.output
    assert (
        "มาตรการที่ 1: วิธีการ 2 ข้อ  ผู้รับผิดชอบ: ฝ่ายแผนงานและงบประมาณ, ฝ่ายการเงินและบัญชี" in result.output
    )
    assert 'ระยะเวลา "ภาคการศึกษาที่ 2" ของมาตรการที่ 3 อ่านเป็นเดือนไม่ได้' in result.output
    assert "ไม่มีการบันทึกใด ๆ" in result.output
    with services.db.session() as session:
        assert session.exec(select(Plan)).first() is None


def test_what_was_read_can_be_corrected_as_yaml_and_imported(
    runner, services, tmp_path: Path
) -> None:
    out = tmp_path / "read.yaml"
    first = runner.invoke(
        args=["plan", "import", str(PLANS / "02-thesaban-blocks.txt"), "--as-yaml", str(out)]
    )
    assert first.exit_code == 0, first.output
    text = out.read_text(encoding="utf-8")
    assert "units:\n  - สำนักปลัดเทศบาล\n  - กองคลัง\n  period: ธ.ค. ๒๕๖๖ – ก.ย. ๒๕๖๗" in text
    assert "first_month: 2023-12" in text
    corrected = tmp_path / "corrected.yaml"
    corrected.write_text(text.replace("ita_score: 91.15", "ita_score: 91.5"), encoding="utf-8")
    again = runner.invoke(args=["plan", "import", str(corrected)])
    assert again.exit_code == 0 and "ปรับปรุงแผนเดิม" in again.output, again.output
    shown = runner.invoke(args=["plan", "show", "--fiscal-year", "2567", "--as-yaml"])
    assert shown.exit_code == 0
    assert read_structured(shown.output, kind="yaml") == read_structured(
        corrected.read_text(encoding="utf-8"), kind="yaml"
    )
    with services.db.session() as session:
        assert get_plan(session, 2567).ita_score == 91.5


def test_a_scanned_pdf_is_refused_with_the_word_file_named(tmp_path: Path) -> None:
    scan = pypdfium2.PdfDocument.new()
    scan.new_page(595, 842)  # a page with no text layer, as a scanner makes
    path = tmp_path / "scan.pdf"
    scan.save(str(path))
    with pytest.raises(PlanReadError) as caught:
        read_file(path)
    assert "ภาพสแกน" in caught.value.message and "Word (.docx)" in caught.value.message


def test_several_units_share_a_measure_and_periods_decide_the_reminders(
    runner, services, clock
) -> None:
    """Measure 1 of plan 02 belongs to สำนักปลัดเทศบาล and กองคลัง; measure 3 runs in
    the first quarter only (October–December 2566)."""
    assert (
        runner.invoke(args=["plan", "import", str(PLANS / "02-thesaban-blocks.txt")]).exit_code == 0
    )
    with services.db.session() as session:
        plan = get_plan(session, 2567)
        clerk = add_staff(
            session,
            name="คลัง",
            role=Role.STAFF,
            unit=unit_by_name(session, "กองคลัง"),
            measure_numbers=[],
            now=clock.now(),
        )
        office = add_staff(
            session,
            name="ปลัด",
            role=Role.STAFF,
            unit=unit_by_name(session, "สำนักปลัดเทศบาล"),
            measure_numbers=[],
            now=clock.now(),
        )
        assert [m.number for m in measures_for(session, clerk, plan)] == [1, 2]
        # the typed report's one statement agrees
        assert report_target(session, clerk, plan.fiscal_year, 0, 0).mine == [1, 2]
        assert [m.number for m in measures_for(session, office, plan)] == [1, 3]
        owed = {
            month: {
                d.staff.name: sorted({m.number for m, _ in d.actions})
                for d in duties(session, plan, month, month)
            }
            for month in (date(2023, 11, 1), date(2024, 1, 1))
        }
        assert owed[date(2023, 11, 1)] == {"คลัง": [2], "ปลัด": [3]}  # measure 1 from December
        assert owed[date(2024, 1, 1)] == {"คลัง": [1, 2], "ปลัด": [1]}  # measure 3 is over
