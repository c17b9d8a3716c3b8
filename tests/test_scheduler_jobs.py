"""The summary's figures, the reminder command's catch-up, the calendar commands, leave,
and the chat commands of the follow-up."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from models.citizen import Rating, Suggestion
from models.outbox import OutboxMessage
from models.plan import get_plan, plan_tree
from models.progress import ReportSource, record_report
from models.staff import Staff
from tests.conftest import BANGKOK
from tests.support import people
from tests.support.line_chat import texts
from usecases.summary import monthly_summary

DEC, JAN = date(2021, 12, 1), date(2022, 1, 1)


@pytest.fixture
def office(runner, line, seed_plan) -> None:
    people.link(runner, line, "Uhead", "หัวหน้า", "head")
    people.link(runner, line, "Umalee", "มาลี", "staff", "1")
    people.link(runner, line, "Uwichai", "วิชัย", "staff", "2")
    people.add(runner, "สุดา", "staff", "3")


def _report(
    services,
    clock,
    measure: int,
    action: int,
    month: date,
    percent: int,
    who: str,
    detail: str = "ทำแล้ว",
) -> None:
    with services.db.session() as session:
        target = plan_tree(session, get_plan(session, 2565))[measure - 1][1][action - 1]
        staff = session.exec(select(Staff).where(Staff.name == who)).one()
        record_report(
            session,
            action_id=target.id,
            month=month,
            percent=percent,
            detail=detail,
            staff=staff,
            now=clock.now(),
            source=ReportSource.LINE,
        )


def test_the_summary_has_the_right_figures(services, clock, office) -> None:
    clock.set(datetime(2021, 12, 20, 11, tzinfo=BANGKOK))
    _report(services, clock, 1, 1, DEC, 30, "มาลี")
    clock.set(datetime(2022, 1, 25, 11, tzinfo=BANGKOK))
    for action, percent in ((1, 60), (2, 90), (3, 30)):
        _report(services, clock, 1, action, JAN, percent, "มาลี", f"งานข้อ 1.{action}")
    _report(services, clock, 2, 5, JAN, 100, "วิชัย", "สรุปแบบสำรวจ")
    with services.db.session() as session:
        session.add(
            Suggestion(
                ref="S-2565-0001",
                fiscal_year=2565,
                seq=1,
                line_user_id="Ux",
                category="ร้องเรียน",
                text="ไฟดับ",
                created_at=datetime(2022, 1, 5, 9, tzinfo=BANGKOK),
            )
        )
        session.add(Rating(line_user_id="Ua", month=JAN, score=5, created_at=clock.now()))
        session.add(Rating(line_user_id="Ub", month=JAN, score=3, created_at=clock.now()))
        wichai = session.exec(select(Staff).where(Staff.name == "วิชัย")).one()
        wichai.on_leave_until = date(2022, 2, 5)
        session.add(wichai)
    clock.set(datetime(2022, 1, 28, 8, 30, tzinfo=BANGKOK))
    with services.db.session() as session:
        summary = monthly_summary(session, services.links, BANGKOK, clock.now())
    assert summary.month == JAN and summary.meeting.day == date(2022, 1, 31)
    one, two, three = summary.measures
    assert one.percent == pytest.approx(60) and one.change == pytest.approx(
        60 - 10
    )  # Dec: (30+0+0)/3
    assert [(d.action, d.percent, d.detail, d.reporter) for d in one.done] == [
        (1, 60, "งานข้อ 1.1", "มาลี"),
        (2, 90, "งานข้อ 1.2", "มาลี"),
        (3, 30, "งานข้อ 1.3", "มาลี"),
    ]
    assert one.missing == []
    assert two.percent == pytest.approx(100 / 6)
    assert [(m.action, m.people, m.on_leave) for m in two.missing][:1] == [
        (1, [], ["วิชัย"])
    ]  # on leave, not missing
    assert next((m.action, m.people) for m in three.missing) == (1, ["สุดา"])
    assert three.suggestions == 1 and two.ratings == (2, 4.0) and two.ratings_action == 5
    assert {
        p.name: (p.on_time, p.months_on_time, p.months_due, p.on_leave) for p in summary.people
    } == {"มาลี": (True, 1, 4, False), "วิชัย": (False, 0, 4, True), "สุดา": (False, 0, 4, False)}
    assert summary.missing_count == 5 + 3


def test_summary_command_prints_and_sends_once(runner, services, clock, office) -> None:
    clock.set(datetime(2022, 1, 28, 8, 30, tzinfo=BANGKOK))
    shown = runner.invoke(args=["summary", "--month", "2022-01"])
    assert shown.exit_code == 0, shown.output
    assert "สรุปความคืบหน้ามาตรการส่งเสริมคุณธรรมและความโปร่งใส เดือนมกราคม 2565" in shown.output
    assert "• 3.1 ยังไม่รายงาน — สุดา" in shown.output
    sent = runner.invoke(args=["summary", "--month", "2022-01", "--send"])
    assert "เข้าคิวส่งสรุปแล้ว 1 ข้อความ" in sent.output
    again = runner.invoke(args=["summary", "--month", "2022-01", "--send"])
    assert "ไม่ส่งซ้ำ" in again.output
    with services.db.session() as session:
        [row] = session.exec(select(OutboxMessage).where(OutboxMessage.purpose == "summary")).all()
    assert row.recipients == ["Uhead"] and row.messages[0]["type"] == "flex"


def test_remind_catches_up_with_the_latest_due_stage_only(
    runner, services, office, fake_line
) -> None:
    early = runner.invoke(args=["remind", "--now", "2022-01-20T09:00:00+07:00"])
    assert "ยังไม่ถึงกำหนดเตือน" in early.output
    dry = runner.invoke(args=["remind", "--now", "2022-01-27T11:00:00+07:00", "--dry-run"])
    assert "ทดลอง" in dry.output and "มาลี: เตือนครั้งที่ 2 — ยังไม่รายงาน 1.1, 1.2, 1.3" in dry.output
    with services.db.session() as session:
        assert session.exec(select(OutboxMessage)).all() == []
    real = runner.invoke(args=["remind", "--now", "2022-01-27T11:00:00+07:00"])
    assert "เตือนครั้งที่ 2" in real.output and "เข้าคิวส่ง 2 คน" in real.output  # not stage 1 as well
    twice = runner.invoke(args=["remind", "--now", "2022-01-27T11:00:00+07:00"])
    assert "เข้าคิวส่ง 0 คน" in twice.output and "ส่งไปแล้วก่อนหน้า 2 คน" in twice.output
    assert runner.invoke(args=["outbox", "flush"]).exit_code == 0
    [reminder] = [d.message for d in fake_line.messages_to("Umalee") if d.via == "push"]
    assert reminder["type"] == "flex" and "ยังไม่ได้รายงาน 3 ข้อ" in texts([reminder])
    buttons = [b["action"].get("data") for b in _buttons(reminder)]
    assert "a=report.start&m=1&x=2" in buttons
    # and the whole month on one page, by her own link
    [page] = [b["action"]["uri"] for b in _buttons(reminder) if b["action"]["type"] == "uri"]
    assert page.startswith("https://tidtam.example.go.th/month/")


def _buttons(message: dict) -> list[dict]:
    from tests.support.line_chat import buttons

    return [{"action": a} for a in buttons(message)]


def test_meetings_commands(runner, services) -> None:
    listed = runner.invoke(args=["meetings", "list", "--fiscal-year", "2565"])
    assert "ธ.ค. 64: วันพฤหัสบดีที่ 30 ธันวาคม 2564 เวลา 10:00 น. (ตามกฎ)" in listed.output
    assert "วันทำการสุดท้ายของเดือน" in listed.output
    set_ = runner.invoke(args=["meetings", "set", "2565-01-28", "--time", "13:30"])
    assert "กำหนดประชุมเดือนมกราคม 2565: วันศุกร์ที่ 28 มกราคม 2565 เวลา 13:30 น." in set_.output
    weekend = runner.invoke(args=["meetings", "set", "2022-02-26"])
    assert "เป็นวันหยุด" in weekend.output
    assert "กลับไปใช้กฎ" in runner.invoke(args=["meetings", "unset", "2022-02"]).output
    assert runner.invoke(args=["meetings", "set", "31/1/2022"]).exit_code == 2
    added = runner.invoke(
        args=["meetings", "holiday", "add", "2022-01-31", "วันหยุดพิเศษตามมติคณะรัฐมนตรี"]
    )
    assert added.exit_code == 0
    runner.invoke(args=["meetings", "unset", "2022-01"])
    moved = runner.invoke(args=["meetings", "list", "--fiscal-year", "2565"]).output
    assert "ม.ค. 65: วันศุกร์ที่ 28 มกราคม 2565" in moved  # the rule moves with the new day off
    assert "วันหยุดพิเศษตามมติคณะรัฐมนตรี" in runner.invoke(args=["meetings", "holiday", "list"]).output
    assert runner.invoke(args=["meetings", "holiday", "remove", "2022-01-31"]).exit_code == 0
    rule = runner.invoke(args=["meetings", "rule", "weekday", "4", "last", "--time", "09:00"])
    assert "วันศุกร์สุดท้ายของเดือน เวลา 09:00 น." in rule.output
    assert (
        "ก.ค. 65: วันพุธที่ 27 กรกฎาคม 2565"
        in runner.invoke(args=["meetings", "list", "--fiscal-year", "2565"]).output
    )
    assert runner.invoke(args=["meetings", "rule", "day", "40"]).exit_code == 2


def test_leave_in_chat_and_on_the_command_line(runner, line, services, office, clock) -> None:
    assert "ถึงวันที่ 15 กุมภาพันธ์ 2565" in texts(line.send("Umalee", "ลา ถึง 15 ก.พ."))
    assert "ถึงวันที่ 25 มกราคม 2565" in texts(
        line.send("Umalee", "ลา ๔ วัน")
    )  # Thu 20 → Tue 25 (weekend skipped)
    assert "ผ่านไปแล้ว" in texts(line.send("Umalee", "ลาถึง 15/1/2565"))
    [ask] = line.send("Umalee", "ลา")  # no day said: LINE's date picker (tests/test_leave.py)
    assert "เลือกจากปฏิทิน" in ask["text"]
    assert "ยกเลิกการลาแล้ว" in texts(line.send("Umalee", "กลับมาแล้ว"))
    assert "ไม่ได้บันทึกว่าลาอยู่" in texts(line.send("Umalee", "กลับมาแล้ว"))
    assert "สำหรับเจ้าหน้าที่" in texts(line.send("Ucitizen", "ลา 3 วัน"))
    result = runner.invoke(args=["staff", "leave", "วิชัย", "--until", "2565-02-10"])
    assert result.exit_code == 0 and "ลาถึง 10 กุมภาพันธ์ 2565" in result.output
    with services.db.session() as session:
        assert session.exec(select(Staff).where(Staff.name == "วิชัย")).one().on_leave_until == date(
            2022, 2, 10
        )
    assert "ยกเลิกการลา" in runner.invoke(args=["staff", "leave", "วิชัย", "--clear"]).output


def test_meeting_summary_and_group_in_chat(line, office, fake_line, services, clock) -> None:
    assert "ประชุมประจำเดือนครั้งถัดไป: วันจันทร์ที่ 31 มกราคม 2565" in texts(line.send("Umalee", "ประชุม"))
    summary = line.send("Uhead", "สรุป")
    assert summary[0]["type"] == "flex" and "สรุปเดือนมกราคม 2565" in summary[0]["altText"]
    assert "สรุปประจำเดือนสำหรับหัวหน้า" in texts(line.send("Umalee", "สรุป"))  # not the head's summary
    assert "เฉพาะหัวหน้าหรือผู้ดูแลระบบ" in texts(line.send("Umalee", "รับสรุป", group_id="Coffice"))
    assert "จะได้รับสรุป" in texts(line.send("Uhead", "รับสรุป", group_id="Coffice"))
    clock.set(datetime(2022, 1, 28, 8, 31, tzinfo=BANGKOK))
    from scheduler.jobs import run_due

    run_due(services)
    line.settle()
    assert [d.via for d in fake_line.messages_to("Coffice") if d.via == "push"] == ["push"]
    assert [d.via for d in fake_line.messages_to("Uhead") if d.via == "push"] == ["push"]
