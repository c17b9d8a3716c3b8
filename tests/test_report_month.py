"""A month's report in the chat: done stays done, "the same as last month", the next
missing action offered, several reports in one message, the fall asked about, a detail
that says nothing refused, and a correction until the meeting with its history kept.

December's reports are made on 20 December 2021 (the December meeting is on the 30th);
January's on 20 January 2022 (the meeting on the 31st).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from models.audit import AuditLog
from models.progress import Report
from tests.support import people
from tests.support.line_chat import LineChat, buttons, quick_replies, texts

BANGKOK = ZoneInfo("Asia/Bangkok")
DEC, JAN = date(2021, 12, 1), date(2022, 1, 1)
WICHAI = "Uwichai"  # measure 1: actions 1.1-1.3
MALEE = "Umalee"  # measure 2: actions 2.1-2.6


@pytest.fixture
def office(runner, line: LineChat, seed_plan, clock) -> None:
    people.link(runner, line, WICHAI, "วิชัย ใจดี", "staff", "1")
    people.link(runner, line, MALEE, "มาลี รักงาน", "staff", "2")
    people.link(runner, line, "Uhead", "สมศรี มีสุข", "head")


def _in_december(clock, line: LineChat, user: str, text: str) -> list[dict]:
    now = clock.now()
    clock.set(datetime(2021, 12, 20, 10, 0, tzinfo=BANGKOK))
    said = line.send(user, text)
    clock.set(now)
    return said


def _reports(services, month: date | None = None, current: bool = True) -> list[Report]:
    with services.db.session() as session:
        query = select(Report).order_by(Report.id)
        if month is not None:
            query = query.where(Report.month == month)
        if current:
            query = query.where(Report.superseded_at.is_(None))  # type: ignore[union-attr]
        return list(session.exec(query))


def _press(line: LineChat, user: str, message: dict, label: str) -> list[dict]:
    for action in quick_replies(message) + buttons(message):
        if action["label"] == label:
            if action["type"] == "postback":
                return line.tap(user, action["data"])
            return line.send(user, action["text"])
    found = [a["label"] for a in quick_replies(message) + buttons(message)]
    raise AssertionError(f"no button {label!r} in {found}")


def test_a_done_action_stays_done_and_is_not_asked_for_again(line, office, services, clock) -> None:
    _in_december(clock, line, WICHAI, "รายงาน 1.1 100% อบรมครบทุกกองแล้ว")
    status = texts(line.send(WICHAI, "สถานะ"))
    assert "ยังไม่รายงาน 2 ข้อ" in status  # 1.2 and 1.3; 1.1 is done
    who = texts(line.send("Uhead", "ใครยังไม่ส่งรายงานบ้าง"))
    assert "• วิชัย ใจดี: 1.2, 1.3" in who
    [question] = line.send(WICHAI, "รายงาน")
    assert "1.1 เสริมสร้าง" in question["text"] and "✓ รายงานแล้ว 100%" in question["text"]
    summary = texts(line.send("Uhead", "สรุป"))
    assert "1.1 — วิชัย" not in summary  # not listed among the missing
    # changed again, it counts again: a report this month replaces nothing of December's
    line.send(WICHAI, "รายงาน 1.1 100% อบรมเพิ่มกองคลัง")
    assert [r.month for r in _reports(services)] == [DEC, JAN]


def test_the_same_as_last_month_for_every_action(line, office, services, clock) -> None:
    _in_december(clock, line, WICHAI, "รายงาน 1.1 50% อบรมไปสองกอง")
    _in_december(clock, line, WICHAI, "รายงาน 1.2 30% ร่างคู่มือ")
    [answer] = line.send(WICHAI, "เหมือนเดิมค่ะ")
    assert "ใช้ผลเดือนก่อนสำหรับเดือนมกราคม 2565แล้ว 2 ข้อ" in answer["text"]
    assert "ยังไม่เคยรายงาน จึงใช้ผลเดิมไม่ได้: 1.3" in answer["text"]
    assert "ข้อถัดไปที่ยังไม่รายงาน (เหลือ 1 ข้อ): 1.3" in answer["text"]
    labels = [a["label"] for a in quick_replies(answer)]
    assert "1.3: 50%" in labels and not any("เหมือนเดิม" in label for label in labels)
    january = _reports(services, JAN)
    assert [(r.percent, r.detail, r.source) for r in january] == [
        (50, "อบรมไปสองกอง", "same"),
        (30, "ร่างคู่มือ", "same"),
    ]
    again = texts(line.send(WICHAI, "ข้อ 1.1 เหมือนเดิม"))
    assert "รายงานเดือนนี้แล้วหรือเสร็จไปแล้ว" in again
    assert len(_reports(services, JAN)) == 2
    with services.db.session() as session:
        audited = session.exec(select(AuditLog).where(AuditLog.action == "report.same")).all()
        assert len(audited) == 2


def test_after_a_report_the_next_missing_action_is_offered(line, office, clock) -> None:
    _in_december(clock, line, WICHAI, "รายงาน 1.2 30% ร่างคู่มือ")
    [saved] = line.send(WICHAI, "รายงาน 1.1 60% อบรมสามกอง")
    assert "ข้อถัดไปที่ยังไม่รายงาน (เหลือ 2 ข้อ): 1.2" in saved["text"]
    labels = [a["label"] for a in quick_replies(saved)]
    assert labels[0] == "1.2 เหมือนเดิม 30%" and "รายงานข้ออื่น" not in labels
    [kept] = _press(line, WICHAI, saved, "1.2 เหมือนเดิม 30%")
    assert "ข้อถัดไปที่ยังไม่รายงาน (เหลือ 1 ข้อ): 1.3" in kept["text"]
    [detail] = _press(line, WICHAI, kept, "1.3: 25%")
    assert "ทำอะไรไปบ้าง" in detail["text"]  # the percent chosen with the button
    assert {"camera", "cameraRoll"} <= {a["type"] for a in quick_replies(detail)}
    [more] = line.send_image(WICHAI, b"\xff\xd8\xff\xe0 the draft's first page")
    assert "แนบแล้ว 1 ไฟล์" in more["text"]  # photos before the words
    [done] = line.send(WICHAI, "รวบรวมระเบียบโทษ")  # the words record it
    assert "ข้อ 1.3 — 25%" in done["text"] and "แนบหลักฐาน 1 ไฟล์" in done["text"]
    assert "เดือนนี้รายงานครบทุกข้อแล้ว" in done["text"]


def test_several_reports_in_one_message(line, office, services) -> None:
    [answer] = line.send(
        WICHAI,
        "รายงาน 1.1 50% อบรมสองกอง\nรายงาน 1.2 เสร็จแล้ว คู่มือพิมพ์แจกแล้ว\n"
        "ต่อ: แจกครบทุกกอง\nรายงาน ๑.๓ ๒๐% ร่างประกาศ",
    )
    assert "บันทึกรายงานแล้ว 3 ข้อ" in answer["text"]
    assert [(r.percent, r.detail) for r in _reports(services, JAN)] == [
        (50, "อบรมสองกอง"),
        (100, "คู่มือพิมพ์แจกแล้ว ต่อ: แจกครบทุกกอง"),
        (20, "ร่างประกาศ"),
    ]
    said = texts(
        line.send(WICHAI, "รายงาน 9.1 50% ไม่ใช่ของผม\nรายงาน 1.1 60% -\nรายงาน 1.3 30% ร่างเสร็จ")
    )
    assert "ไม่มีมาตรการข้อ 9" in said and "ยังไม่ได้บอกว่าทำอะไรไปบ้าง" in said
    assert "บันทึกรายงานแล้ว 1 ข้อ" in said and "• ข้อ 1.3 — 30%" in said
    assert [r.percent for r in _reports(services, JAN)] == [50, 100, 30]


def test_a_fall_from_last_month_is_asked_about_first(line, office, services, clock) -> None:
    _in_december(clock, line, WICHAI, "รายงาน 1.1 100% อบรมครบ")
    _in_december(clock, line, WICHAI, "รายงาน 1.2 80% คู่มือเกือบเสร็จ")
    [question] = line.send(WICHAI, "รายงาน 1.1 50% อบรมใหม่ตามระเบียบใหม่")
    assert "ลดลงจาก 100% เป็น 50% ใช่ไหม" in question["text"]
    assert {"ใช่", "ไม่ใช่"} <= {a["label"] for a in quick_replies(question)}
    assert _reports(services, JAN) == []  # nothing before the answer
    [saved] = _press(line, WICHAI, question, "ใช่")
    assert "ข้อ 1.1 — 50%" in saved["text"]
    assert [(r.percent, r.detail) for r in _reports(services, JAN)] == [(50, "อบรมใหม่ตามระเบียบใหม่")]
    # in the guided form: "no" asks the percent again, nothing is stored
    line.tap(WICHAI, "a=report.start&m=1&x=2")
    [fall] = line.send(WICHAI, "40")
    assert "ลดลงจาก 80% เป็น 40% ใช่ไหม" in fall["text"]
    [again] = _press(line, WICHAI, fall, "ไม่ใช่")
    assert "ความคืบหน้าถึงตอนนี้" in again["text"]
    [detail] = line.send(WICHAI, "90")
    assert "ทำอะไรไปบ้าง" in detail["text"]
    assert len(_reports(services, JAN)) == 1


@pytest.mark.parametrize("nothing", ["-", ".", "...", "555", " - "])
def test_a_detail_with_no_letters_is_refused_with_an_example(line, office, services, nothing):
    said = texts(line.send(WICHAI, f"รายงาน 1.1 50% {nothing}"))
    assert "ยังไม่ได้บอกว่าทำอะไรไปบ้าง" in said and "ตัวอย่าง: รายงาน 1.2 50%" in said
    line.tap(WICHAI, "a=report.start&m=1&x=1")
    line.send(WICHAI, "50")
    said = texts(line.send(WICHAI, nothing))
    assert "เป็นตัวหนังสือ" in said and 'เช่น "จัดอบรมพนักงาน 20 คน"' in said
    assert _reports(services) == []


def test_a_report_is_corrected_until_the_meeting_its_history_kept(
    line, office, services, clock
) -> None:
    line.send(WICHAI, "รายงาน 1.2 50% ร่างคู่มือ")
    said = line.send(WICHAI, "แก้รายงาน 1.2")
    assert "แก้รายงานข้อ 1.2 เดือนมกราคม 2565 (แก้ได้ถึงวันประชุม 31 มกราคม 2565)" in texts(said)
    [detail] = _press(line, WICHAI, said[-1], "75%")
    assert "ข้อความเดิม: ร่างคู่มือ" in detail["text"]
    [evidence] = _press(line, WICHAI, detail, "ใช้ข้อความเดิม")
    [saved] = _press(line, WICHAI, evidence, "บันทึกเลย")
    assert "แทนรายงานเดิมของเดือนนี้แล้ว" in saved["text"]
    history = _reports(services, JAN, current=False)
    assert [(r.percent, r.superseded_at is not None) for r in history] == [(50, True), (75, False)]
    with services.db.session() as session:
        assert (
            len(session.exec(select(AuditLog).where(AuditLog.action.like("report.%"))).all()) == 2
        )  # type: ignore[attr-defined]
    clock.set(datetime(2022, 2, 1, 9, 0, tzinfo=BANGKOK))  # the January meeting is over
    late = texts(line.send(WICHAI, "ขอแก้ไขรายงานข้อ1.2หน่อยค่ะ"))
    assert "เดือนกุมภาพันธ์ 2565ยังไม่มีรายงานข้อ 1.2 ให้แก้" in late
    assert len(_reports(services, JAN, current=False)) == 2


def test_a_staff_member_with_six_actions_reports_a_month_in_few_taps(
    runner, line, office, services, clock, fake_line
) -> None:
    """Nothing changed on four of six actions: counted from the reminder's button."""
    december = "\n".join(f"รายงาน 2.{n} 50% งานข้อ {n} เดือนธันวาคม" for n in range(1, 7))
    assert "บันทึกรายงานแล้ว 6 ข้อ" in texts(_in_december(clock, line, MALEE, december))
    clock.set(datetime(2022, 1, 24, 9, 30, tzinfo=BANGKOK))  # the first reminder's day
    assert runner.invoke(args=["remind"]).exit_code == 0
    line.settle()
    [reminder] = [d.message for d in line.pushes_to(MALEE)]
    taps = 0

    def press(message: dict, label: str) -> dict:
        nonlocal taps
        taps += 1
        return _press(line, MALEE, message, label)[-1]

    def type_(words: str) -> dict:
        nonlocal taps
        taps += 1
        return line.send(MALEE, words)[-1]

    message = press(reminder, "เริ่มรายงาน")
    assert "ข้อ 2.1" in message["text"]
    message = press(message, "เหมือนเดิม 50%")
    message = press(message, "2.2: 75%")
    message = type_("นำระบบสารบรรณอิเล็กทรอนิกส์มาใช้ครบทุกกอง")  # recorded as typed
    message = press(message, "2.3 เหมือนเดิม 50%")
    message = press(message, "2.4 เหมือนเดิม 50%")
    message = press(message, "2.5: เสร็จแล้ว")
    message = type_("สำรวจความพึงพอใจครบ 120 ชุด")
    message = press(message, "2.6 เหมือนเดิม 50%")
    assert "เดือนนี้รายงานครบทุกข้อแล้ว" in message["text"]
    january = {r.action_id: (r.percent, r.source) for r in _reports(services, JAN)}
    assert sorted(january.values()) == [
        (50, "same"),
        (50, "same"),
        (50, "same"),
        (50, "same"),
        (75, "guided"),
        (100, "guided"),
    ]
    assert taps == 9  # 2 of them typing what was done


def test_a_head_saying_the_same_repeats_nobody_elses_reports(line, office, services, clock):
    _in_december(clock, line, WICHAI, "รายงาน 1.1 50% อบรมไปสองกอง")
    said = texts(line.send("Uhead", "เหมือนเดิมครับ"))
    assert "ยังไม่มีมาตรการ" in said
    assert _reports(services, JAN) == []
    [saved] = line.send("Uhead", "รายงาน 3.1 40% ประชุมคณะกรรมการ")  # a head may report on any
    assert "ข้อถัดไป" not in saved["text"] and "ครบทุกข้อ" not in saved["text"]  # owes none


def test_nothing_changed_the_month_is_one_tap_from_the_reminder(
    runner, line, office, services, clock
) -> None:
    december = "\n".join(f"รายงาน 2.{n} 50% งานข้อ {n} เดือนธันวาคม" for n in range(1, 7))
    _in_december(clock, line, MALEE, december)
    clock.set(datetime(2022, 1, 24, 9, 30, tzinfo=BANGKOK))
    assert runner.invoke(args=["remind"]).exit_code == 0
    line.settle()
    [reminder] = [d.message for d in line.pushes_to(MALEE)]
    [done] = _press(line, MALEE, reminder, "เหมือนเดิมทุกข้อ")
    assert "ใช้ผลเดือนก่อนสำหรับเดือนมกราคม 2565แล้ว 6 ข้อ" in done["text"]
    assert "เดือนนี้รายงานครบทุกข้อแล้ว" in done["text"]
    assert len(_reports(services, JAN)) == 6
