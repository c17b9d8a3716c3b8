"""Leave as staff book it: a range ahead, up to a weekday, tomorrow; LINE's date picker
from the button; cancelled; and the reminders, who-has-not-reported and the summary
honouring a leave over the meeting.

Today is Thursday 20 January 2022; the January meeting is on Monday the 31st.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from models.staff import Staff
from richmenu import definition
from tests.support import people
from tests.support.line_chat import LineChat, quick_replies, texts

BANGKOK = ZoneInfo("Asia/Bangkok")
MALEE = "Umalee"


@pytest.fixture
def office(runner, line: LineChat, seed_plan) -> None:
    people.link(runner, line, MALEE, "มาลี รักงาน", "staff", "2")
    people.link(runner, line, "Uwichai", "วิชัย ใจดี", "staff", "1")
    people.link(runner, line, "Uhead", "สมศรี มีสุข", "head")


def _leave(services) -> tuple[date | None, date | None]:
    with services.db.session() as session:
        person = session.exec(select(Staff).where(Staff.line_user_id == MALEE)).one()
        return person.on_leave_from, person.on_leave_until


@pytest.mark.parametrize(
    ("typed", "start", "until", "said"),
    [
        (
            "ลา 1-4 ก.พ.",
            date(2022, 2, 1),
            date(2022, 2, 4),
            "ลาล่วงหน้าแล้ว วันที่ 1 กุมภาพันธ์ 2565 ถึง 4 กุมภาพันธ์ 2565",
        ),
        ("ขอลาพักร้อนวันที่ 1-4 กุมภาค่ะ", date(2022, 2, 1), date(2022, 2, 4), "ลาล่วงหน้า"),
        ("ลาถึงวันศุกร์นี้", None, date(2022, 1, 21), "ถึงวันที่ 21 มกราคม 2565"),
        ("ลาพรุ่งนี้", date(2022, 1, 21), date(2022, 1, 21), "วันที่ 21 มกราคม 2565 ถึง 21 มกราคม 2565"),
        ("ลาวันที่๑๔ถึง๑๘กุมภา", date(2022, 2, 14), date(2022, 2, 18), "ลาล่วงหน้า"),
        ("ลา 3 วันครับ", None, date(2022, 1, 24), "ถึงวันที่ 24 มกราคม 2565"),
        ("ลา ถึง 15 ก.พ.", None, date(2022, 2, 15), "ถึงวันที่ 15 กุมภาพันธ์ 2565"),
    ],
)
def test_leave_is_booked_as_typed(line, office, services, typed, start, until, said) -> None:
    assert said in texts(line.send(MALEE, typed))
    assert _leave(services) == (start, until)


def test_a_leave_booked_ahead_does_not_stop_todays_reminders(line, office, services) -> None:
    line.send(MALEE, "ลา 1-4 ก.พ.")
    who = texts(line.send("Uhead", "ใครยังไม่ส่งรายงานบ้าง"))
    assert "• มาลี รักงาน" in who and "ลาอยู่" not in who  # at work until the meeting
    assert "ไม่ได้บันทึกว่าลาอยู่" in texts(line.send(MALEE, "กลับมาแล้ว"))  # not away yet


def test_a_leave_over_the_meeting_is_honoured(runner, line, office, services, clock) -> None:
    line.send(MALEE, "ลา 27 ม.ค. - 2 ก.พ.")
    who = texts(line.send("Uhead", "ใครยังไม่ส่งรายงานบ้าง"))
    assert "ลาอยู่ (ไม่นับว่าขาด): มาลี รักงาน (ถึง 2 ก.พ. 65)" in who
    assert "• มาลี" not in who
    summary = texts(line.send("Uhead", "สรุป"))
    assert "2.1 — มาลี" not in summary
    clock.set(datetime(2022, 1, 24, 9, 30, tzinfo=BANGKOK))  # the first reminder's time
    result = runner.invoke(args=["remind"])
    assert "วิชัย" in result.output and "มาลี" not in result.output
    line.settle()
    assert line.pushes_to(MALEE) == []


def test_the_leave_button_opens_lines_date_picker(line, office, services) -> None:
    [ask] = line.send(MALEE, "แจ้งลา")
    pickers = [a for a in quick_replies(ask) if a["type"] == "datetimepicker"]
    assert [p["mode"] for p in pickers] == ["date", "date"]
    until, ahead = pickers
    assert until["min"] == "2022-01-20"
    [done] = line.tap(MALEE, until["data"], params={"date": "2022-01-25"})
    assert "ถึงวันที่ 25 มกราคม 2565" in done["text"]
    assert _leave(services) == (None, date(2022, 1, 25))
    # a leave booked ahead: the first day, then the last
    [ask_end] = line.tap(MALEE, ahead["data"], params={"date": "2022-02-07"})
    [end] = [a for a in quick_replies(ask_end) if a["type"] == "datetimepicker"]
    assert end["min"] == "2022-02-07"
    [booked] = line.tap(MALEE, end["data"], params={"date": "2022-02-09"})
    assert "ลาล่วงหน้าแล้ว วันที่ 7 กุมภาพันธ์ 2565 ถึง 9 กุมภาพันธ์ 2565" in booked["text"]
    assert _leave(services) == (date(2022, 2, 7), date(2022, 2, 9))
    # the rich menu's button is the picker itself
    areas = {a["action"]["label"]: a["action"] for a in definition("staff")["areas"]}
    assert areas["แจ้งลา"]["type"] == "datetimepicker" and areas["แจ้งลา"]["mode"] == "date"
    [menu] = line.tap(MALEE, areas["แจ้งลา"]["data"], params={"date": "2022-01-21"})
    assert "ถึงวันที่ 21 มกราคม 2565" in menu["text"]
    # a day in the past, or garbage, is refused and changes nothing
    assert "ผ่านไปแล้ว" in texts(line.tap(MALEE, until["data"], params={"date": "2022-01-01"}))
    assert "ลาวันไหน" in texts(line.tap(MALEE, until["data"], params={"date": "2022-13-45"}))
    assert _leave(services) == (None, date(2022, 1, 21))


def test_a_citizen_cannot_use_the_picker(line, office, services) -> None:
    said = texts(line.tap("Ucitizen", "a=leave.pick&k=until", params={"date": "2022-01-25"}))
    assert "เจ้าหน้าที่" in said


def test_a_booked_leave_is_cancelled(line, office, services) -> None:
    line.send(MALEE, "ลา 1-4 ก.พ.")
    assert "ไม่มีการลา" in texts(line.send(MALEE, "ขอยกเลิกการลาวันที่ 10 ก.พ. ค่ะ"))
    assert _leave(services) == (date(2022, 2, 1), date(2022, 2, 4))
    said = texts(line.send(MALEE, "ขอยกเลิกการลาวันที่ 1-4 ก.พ. ค่ะ"))
    assert "ยกเลิกการลาวันที่ 1 กุมภาพันธ์ 2565 ถึง 4 กุมภาพันธ์ 2565แล้ว" in said
    assert _leave(services) == (None, None)
    assert "ไม่มีการลาที่บันทึกไว้ให้ยกเลิก" in texts(line.send(MALEE, "ยกเลิกลา"))
    line.send(MALEE, "ลาพรุ่งนี้")
    assert "ยกเลิกการลา" in texts(line.send(MALEE, "ไม่ลาแล้วครับ"))
    assert _leave(services) == (None, None)
