"""The head's summary, this month first: who reported, who did not, who is on leave; every
mark explained; changes in percentage points (จุด); citizens' cases by status; and the
"เตือนทุกคนที่ยังไม่ส่ง" button: confirmed first, then one push per person still missing,
through the outbox (counted against the quota), once a day."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from models.outbox import OutboxMessage
from models.staff import staff_by_line_user
from tests.support import people
from tests.support.line_chat import buttons, quick_replies, texts
from usecases import reporting, summary
from usecases.actor import Actor

DEC, JAN = date(2021, 12, 1), date(2022, 1, 1)


def _report(services, clock, user: str, measure: int, action: int, percent: int, month=JAN):
    with services.db.session() as session:
        person = staff_by_line_user(session, user)
        assert person is not None
        saved = reporting.submit_report(
            session,
            Actor.member(person),
            measure,
            action,
            percent,
            "ทำแล้ว",
            clock.now(),
            month=month,
        )
        assert isinstance(saved, reporting.ReportSaved)


@pytest.fixture
def office(runner, line, services, clock, seed_plan) -> None:
    """มาลี (measure 1) reports all three; วิชัย (2) nothing; สุดา (3) one of three;
    ปรีชา (3) is on leave; the head สมชาย."""
    people.link(runner, line, "Uhead", "สมชาย", "head")
    people.link(runner, line, "Umalee", "มาลี", "staff", "1")
    people.link(runner, line, "Uwichai", "วิชัย", "staff", "2")
    people.link(runner, line, "Usuda", "สุดา", "staff", "3")
    people.link(runner, line, "Upreecha", "ปรีชา", "staff", "3")
    assert runner.invoke(args=["staff", "leave", "ปรีชา", "--until", "2565-01-31"]).exit_code == 0
    for action in (1, 2, 3):
        _report(services, clock, "Umalee", 1, action, 50)
    _report(services, clock, "Usuda", 3, 1, 40)
    # December: วิชัย finished 2.1 (it stays done) and had 2.2 at 20 %
    _report(services, clock, "Uwichai", 2, 1, 100, DEC)
    _report(services, clock, "Uwichai", 2, 2, 20, DEC)


def _summary(services, clock) -> summary.Summary:
    with services.db.session() as session:
        built = summary.monthly_summary(session, services.links, services.settings.tz, clock.now())
    assert isinstance(built, summary.Summary)
    return built


def test_this_month_first(services, clock, office) -> None:
    now = _summary(services, clock).this_month
    assert now.complete == ["มาลี"]
    assert now.not_yet == ["วิชัย"]  # reported in December, nothing in January: no ✓
    assert now.partly == [("สุดา", 1, 3)]
    assert now.on_leave == ["ปรีชา"]


def test_a_done_action_is_not_missing_again(services, clock, office) -> None:
    built = _summary(services, clock)
    [measure_2] = [m for m in built.measures if m.number == 2]
    assert [m.action for m in measure_2.missing] == [2, 3, 4, 5, 6]  # not 2.1, done in December
    [wichai] = [p for p in built.people if p.name == "วิชัย"]
    assert (wichai.owed, wichai.reported, wichai.on_time) == (5, 0, False)


def test_the_head_reads_it_with_a_legend_and_points(line, office) -> None:
    [card] = line.send("Uhead", "สรุป")
    assert card["altText"].startswith("สรุปเดือนมกราคม 2565: ส่งครบ 1 คน ยังไม่ครบ 2 คน ลา 1 คน")
    said = texts([card]).split("\n", 1)[1]  # the card, after its alt text
    assert "✓ ส่งครบ 1 คน: มาลี" in said
    assert "• ยังไม่ส่งเลย 1 คน: วิชัย" in said
    assert "• ส่งบางข้อ 1 คน: สุดา (1/3 ข้อ)" in said
    assert "ลา 1 คน: ปรีชา" in said
    for mark in ("✓ ส่งครบทุกข้อ", "• ยังส่งไม่ครบ", "ลา = ลาอยู่", "2/4 เดือน =", "จุด"):
        assert mark in said, mark
    assert "+50.0 จุด จากเดือนก่อน" in said  # measure 1: 0 → 50 %
    assert "% จากเดือนก่อน" not in said
    assert said.index("เดือนนี้") < said.index("ความคืบหน้ารวม")  # this month first
    assert "เรื่องจากประชาชนปีนี้: ยังไม่มี" in said
    labels = [b.get("label") for b in buttons(card)]
    assert "เตือนทุกคนที่ยังไม่ส่ง" in labels


def test_the_head_nudges_those_still_missing_after_confirming(line, services, office) -> None:
    [card] = line.send("Uhead", "สรุป")
    [nudge] = [b for b in buttons(card) if b.get("label") == "เตือนทุกคนที่ยังไม่ส่ง"]
    [confirm] = line.tap("Uhead", nudge["data"])
    assert "• วิชัย: 2.2" in confirm["text"] and "• สุดา: 3.2, 3.3" in confirm["text"]
    assert "ใช้โควตาข้อความของหน่วยงาน 2 ข้อความ" in confirm["text"]
    with services.db.session() as session:
        assert session.exec(select(OutboxMessage)).all() == []  # nothing before the yes
    go, no = quick_replies(confirm)
    assert texts(line.tap("Uhead", no["data"])).startswith("ไม่ส่งข้อความเตือน")
    [done] = line.tap("Uhead", go["data"])
    assert "ส่งข้อความเตือนแล้ว 2 คน: วิชัย, สุดา" in done["text"]
    line.settle()
    [to_wichai] = [d.message for d in line.pushes_to("Uwichai")]
    said = texts([to_wichai])
    assert "สมชาย ฝากเตือนรายงานผล" in said and "2.2" in said and "2.1 " not in said
    assert [b["type"] for b in buttons(to_wichai)].count("uri") == 1  # the month page
    assert len(line.pushes_to("Usuda")) == 1
    assert line.pushes_to("Umalee") == [] and line.pushes_to("Upreecha") == []
    with services.db.session() as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.purpose == "nudge")).all()
    assert sum(r.recipient_count for r in rows) == 2  # what LINE counts against the quota
    # tapped again the same day: nobody is pushed twice
    [again] = line.tap("Uhead", go["data"])
    assert "วันนี้เตือนไปแล้ว ไม่ส่งซ้ำ: วิชัย, สุดา" in again["text"]


def test_staff_cannot_nudge(line, services, office) -> None:
    line.tap("Umalee", "a=nudge.send&all=1")
    with services.db.session() as session:
        assert session.exec(select(OutboxMessage)).all() == []


def test_citizens_cases_by_status(services, clock, office) -> None:
    from usecases import suggestions

    with services.db.session() as session:
        refs = []
        for n in range(3):
            received = suggestions.send_suggestion(
                session,
                Actor.citizen(f"Ucitizen{n}"),
                clock.now(),
                category="suggest",
                body=f"ขอให้ซ่อมไฟถนนซอย {n}",
            )
            refs.append(received.ref)  # type: ignore[union-attr]
        head = Actor.member(staff_by_line_user(session, "Uhead"))  # type: ignore[arg-type]
        suggestions.answer_case(session, head, refs[0], "ซ่อมแล้วครับ", clock.now(), "r1")
        suggestions.close_case(session, head, refs[1], clock.now())
    built = _summary(services, clock)
    assert built.cases == {"open": 1, "answered": 1, "closed": 1}
    from messages_th.follow_up_text import cases_line

    assert cases_line(built.cases) == "เรื่องจากประชาชนปีนี้: รอดำเนินการ 1 · ตอบแล้ว 1 · ปิดเรื่องแล้ว 1"


def test_reminders_do_not_ask_again_for_a_done_action(runner, line, office) -> None:
    """วิชัย finished 2.1 in December: January's reminder lists 2.2-2.6 only."""
    ran = runner.invoke(args=["remind", "--now", "2022-01-24T09:00:00+07:00"])
    assert "เตือนครั้งที่ 1" in ran.output, ran.output
    assert runner.invoke(args=["outbox", "flush"]).exit_code == 0
    [reminder] = [d.message for d in line.pushes_to("Uwichai")]
    said = texts([reminder])
    assert "ยังไม่ได้รายงาน 5 ข้อ" in said and "2.1 " not in said and "2.2 " in said
