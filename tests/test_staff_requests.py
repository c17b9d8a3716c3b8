"""Staff and heads ask in their own words, end to end: each request goes through the
webhook, is understood, reaches its use case, and the answer is the right one.

Written as the staff and the head of the seed agency type in LINE (particles, no spaces,
typos, Thai digits). Today is Thursday 20 January 2022; the meeting is on 31 January.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.outbox import OutboxMessage
from tests.support import people
from tests.support.line_chat import LineChat, quick_replies, texts

HEAD, STAFF = "Uhead", "Uwichai"

#: (who, typed, what the answer must say); after each, the chat is set back
#: (a form cancelled, a leave ended) so that one request does not change the next
TABLE: list[tuple[str, str, str]] = [
    # the head: who has not reported
    (HEAD, "ใครยังไม่ส่งรายงานบ้าง", "ยังไม่ส่ง 2 คน"),
    (HEAD, "ใครยังไม่รายงานเดือนนี้", "ยังไม่ส่ง 2 คน"),
    (HEAD, "ยังไม่ส่งกี่คน", "ยังไม่ส่ง 2 คน"),
    (HEAD, "หัวหน้าคะ ใครยังไม่ส่งรายงานบ้างคะ", "ยังไม่ส่ง 2 คน"),
    (HEAD, "เดือนนี้ขาดใครบ้าง", "ยังไม่ส่ง 2 คน"),
    (HEAD, "ใครยังไม่รายงานบ้างครับ", "ยังไม่ส่ง 2 คน"),
    (HEAD, "ขอดูว่าใครรายงานแล้วบ้าง", "ยังไม่ส่ง 2 คน"),
    # the head: nudges (shown and confirmed first)
    (HEAD, "เตือนวิชัยให้ส่งรายงานด้วย", "• วิชัย ใจดี: 1.1, 1.2, 1.3\nใช้โควตาข้อความของหน่วยงาน 1 ข้อความ"),
    (HEAD, "เตือนวิชยให้ส่งรายงานด้วยนะ", "• วิชัย ใจดี: 1.1, 1.2, 1.3\nใช้โควตา"),
    (HEAD, "ช่วยเตือนคุณวิชัยด้วยครับ", "• วิชัย ใจดี"),
    (HEAD, "บอกมาลีให้ส่งรายงานด้วย", "• มาลี รักงาน: 2.1"),
    (HEAD, "ทวงรายงานพี่มาลีให้หน่อย", "• มาลี รักงาน"),
    (HEAD, "เตือนทุกคนที่ยังไม่ส่งค่ะ", "ใช้โควตาข้อความของหน่วยงาน 2 ข้อความ"),
    (HEAD, "ส่งเตือนทุกคนเลย", "2 ข้อความ"),
    (HEAD, "ใครยังไม่ส่ง เตือนให้หน่อย", "2 ข้อความ"),
    (HEAD, "เตือนสมปองด้วย", 'ไม่พบเจ้าหน้าที่ชื่อ "สมปอง"'),
    # the head: documents, the summary, cases
    (HEAD, "ขอรายงานเดือนนี้หน่อยครับ", "รายงานประจำเดือนมกราคม 2565"),
    (HEAD, "ขอรายงานเดือนที่แล้ว", "รายงานประจำเดือนธันวาคม 2564"),
    (HEAD, "ขอไฟล์รายงานเดือนธันวา", "รายงานประจำเดือนธันวาคม 2564"),
    (HEAD, "ขอรายงานประจำปี 2565 ครับ", "รายงานประจำปีงบประมาณ 2565"),
    (HEAD, "ดาวน์โหลดรายงาน 6 เดือน", "รายงานรอบ 6 เดือน ปีงบประมาณ 2565"),
    (HEAD, "ขอรายงานหน่อย", "รายงานประจำเดือนมกราคม 2565"),
    (HEAD, "ขอดูสรุปตอนนี้เลย", "สรุปเดือนมกราคม 2565"),
    (HEAD, "ภาพรวมเดือนนี้เป็นไงบ้าง", "สรุปเดือนมกราคม 2565"),
    (HEAD, "สรุปความคืบหน้าให้หน่อย", "สรุปเดือนมกราคม 2565"),
    (HEAD, "เรื่องค้าง", "เรื่องของประชาชนที่ยังไม่ปิด 1 เรื่อง"),
    (HEAD, "มีเรื่องร้องเรียนค้างกี่เรื่อง", "S-2565-0001"),
    (HEAD, "มีเคสร้องเรียนที่ยังไม่ปิดไหม", "S-2565-0001"),
    (HEAD, "ขอบคุณค่ะ", "ยินดี"),
    (HEAD, "ร้านก๋วยเตี๋ยวแถวนี้อร่อยไหม", 'ลองพิมพ์ เช่น\n• "ใครยังไม่ส่งรายงานบ้าง"'),
    # staff: reporting, status, the meeting
    (STAFF, "ขอรายงานผลข้อ 1.3 หน่อยครับ", "ข้อ 1.3 ระบุโทษ"),
    (STAFF, "ส่งรายงานครับ", "เลือกวิธีการดำเนินการ (เดือนมกราคม 2565)"),
    (STAFF, "อัพเดทงานเดือนนี้ค่ะ", "เลือกวิธีการดำเนินการ"),
    (STAFF, "update งานข้อ 1.2 ครับ", "ข้อ 1.2 จัดคู่มือ"),
    (STAFF, "ข้อ 1.2 ทำไป 60% แล้วครับ", "ข้อ 1.2 จัดคู่มือ"),
    (STAFF, "ของผมเหลือข้อไหนบ้าง", "สถานะเดือนมกราคม 2565: ยังไม่รายงาน 3 ข้อ"),
    (STAFF, "ผมส่งรายงานครบหรือยัง", "สถานะเดือนมกราคม 2565"),
    (STAFF, "เหลือกี่ข้อที่ยังไม่รายงาน", "ยังไม่รายงาน 3 ข้อ"),
    (STAFF, "ประชุมวันไหนคะ", "ประชุมประจำเดือนครั้งถัดไป: วันจันทร์ที่ 31 มกราคม 2565"),
    (STAFF, "ประชุมเดือนนี้วันที่เท่าไหร่", "วันจันทร์ที่ 31 มกราคม 2565"),
    (STAFF, "ใช้งานยังไงครับ", "สำหรับเจ้าหน้าที่"),
    # staff: leave
    (STAFF, "ขอลาพักร้อนวันที่ 1-4 กุมภาค่ะ", "4 กุมภาพันธ์ 2565"),
    (STAFF, "ลา 3 วันครับ", "ถึงวันที่ 24 มกราคม 2565"),
    (STAFF, "ลาถึงวันศุกร์นี้", "ถึงวันที่ 21 มกราคม 2565"),
    (STAFF, "ลาพรุ่งนี้", "21 มกราคม 2565"),
    (STAFF, "พรุ่งนี้ขอลาป่วยนะคะ ไม่สบาย", "21 มกราคม 2565"),
    (STAFF, "ลาา 28 ก.พ. - 2 มี.ค. 65", "2 มีนาคม 2565"),
    (STAFF, "ลาวันที่๑๔ถึง๑๘กุมภา", "18 กุมภาพันธ์ 2565"),
    # staff asking what is a head's
    (STAFF, "ใครยังไม่ส่งรายงานบ้าง", "ดูได้เฉพาะหัวหน้า"),
    (STAFF, "เตือนมาลีหน่อย", "ทำได้เฉพาะหัวหน้า"),
    (STAFF, "ขอรายงานประจำปี 2565 ครับ", "เฉพาะหัวหน้า"),
    (STAFF, "ร้านก๋วยเตี๋ยวแถวนี้อร่อยไหม", '"รายงาน 1.2 50% จัดทำคู่มือแล้ว"'),
    # typed as people type: no spaces, particles, typos
    (HEAD, "ใครยังไม่ส่งรายงานคะ", "ยังไม่ส่ง 2 คน"),
    (HEAD, "เรื่องค้างมีไหมคะ", "S-2565-0001"),
    (HEAD, "ขอไฟล์รายงานเดือนนี้ครับ", "รายงานประจำเดือนมกราคม 2565"),
    (HEAD, "ฝากเตือนคุณมาลีด้วยนะ", "• มาลี รักงาน"),
    (STAFF, "ขอลาพักร้อนวันที่1-4กุมภาค่ะ", "4 กุมภาพันธ์ 2565"),
    (STAFF, "ไม่ลาแล้วครับ", "ไม่มีการลาที่บันทึกไว้ให้ยกเลิก"),
    (STAFF, "แก้รายงาน1.2", "ยังไม่มีรายงานข้อ 1.2 ให้แก้"),
    (STAFF, "รายงานผิดครับ", "แก้รายงานข้อไหน"),
    (STAFF, "ประชุมวันไหนครับบบ", "วันจันทร์ที่ 31 มกราคม 2565"),
    # last, as they record: the same as last month (nothing before it: nothing to repeat)
    (STAFF, "เหมือนเดิมค่ะ", "ยังไม่เคยรายงาน จึงใช้ผลเดิมไม่ได้: 1.1, 1.2, 1.3"),
    (STAFF, "ข้อ 1.2 เหมือนเดิม", "ยังไม่เคยรายงาน"),
]

ROLE_BUTTONS = {
    HEAD: ["สรุป", "ใครยังไม่ส่ง", "เรื่องค้าง", "ขอรายงานเดือนนี้", "รายงาน", "ช่วยเหลือ"],
    STAFF: ["รายงาน", "สถานะ", "เหมือนเดิม", "แจ้งลา", "ช่วยเหลือ"],
}


def _nudges(line: LineChat, user: str) -> list:
    """The nudges pushed to `user` (a citizen's case is pushed to staff too)."""
    return [d for d in line.pushes_to(user) if "ฝากเตือน" in texts([d.message])]


@pytest.fixture
def office(runner, line: LineChat, seed_plan) -> None:
    """The head, two staff members (measures 1 and 2), and one citizen's case waiting."""
    people.link(runner, line, STAFF, "วิชัย ใจดี", "staff", "1")
    people.link(runner, line, "Umalee", "มาลี รักงาน", "staff", "2")
    people.link(runner, line, HEAD, "สมศรี มีสุข", "head")
    line.send("Ucitizen", "ร้องเรียน")
    line.send("Ucitizen", "ไฟถนนหน้าวัดดับสามดวง")
    for answer in ("ข้าม", "ข้าม", "ไม่ระบุตัวตน", "ส่ง"):
        line.send("Ucitizen", answer)


def test_staff_and_heads_are_understood_end_to_end(line: LineChat, office, services) -> None:
    wrong = []
    for who, typed, expected in TABLE:
        said = texts(line.send(who, typed))
        if expected not in said:
            wrong.append(f"{typed!r}: expected {expected!r}, got {said[:300]!r}")
        line.send(who, "ยกเลิก")  # a form it started
        line.send(who, "ยกเลิกลา")  # a leave it took
    assert not wrong, "\n".join(wrong)
    assert len(TABLE) >= 40
    with services.db.session() as session:
        assert (
            session.exec(select(OutboxMessage).where(OutboxMessage.purpose == "nudge")).all() == []
        )


@pytest.mark.parametrize(
    ("who", "typed"),
    [
        (HEAD, "ศาลาหมู่บ้านชำรุด"),
        (HEAD, "ขอบคุณครับ"),
        (STAFF, "ร้านก๋วยเตี๋ยวแถวนี้อร่อยไหม"),
        (HEAD, "มาตรการข้อ 2 มีอะไรบ้าง"),
    ],
)
def test_what_is_not_understood_is_answered_for_the_role(line, office, who, typed) -> None:
    """Never the citizens' menu: a head is not told to send a suggestion."""
    answer = line.send(who, typed)
    labels = [a["label"] for m in answer for a in quick_replies(m)]
    assert "เสนอแนะ" not in labels and "ร้องเรียน" not in labels
    assert labels == ROLE_BUTTONS[who]


def test_a_head_nudges_one_person_after_confirming(line, office, services) -> None:
    [ask] = line.send(HEAD, "เตือนวิชัยให้ส่งรายงานด้วย")
    assert _nudges(line, STAFF) == []  # nothing before the confirmation
    send = next(a for a in quick_replies(ask) if a["label"] == "ส่งเตือน")
    [done] = line.tap(HEAD, send["data"])
    assert "ส่งข้อความเตือนแล้ว 1 คน: วิชัย ใจดี" in done["text"]
    [push] = _nudges(line, STAFF)
    assert "สมศรี มีสุข ฝากเตือนรายงานผล" in texts([push.message])
    assert "1.1 เสริมสร้างทัศนคติ" in texts([push.message])
    assert _nudges(line, "Umalee") == []
    [again] = line.tap(HEAD, send["data"])  # the same day: not sent twice
    assert "วันนี้เตือนไปแล้ว ไม่ส่งซ้ำ: วิชัย ใจดี" in again["text"]
    assert len(_nudges(line, STAFF)) == 1
    with services.db.session() as session:
        [row] = session.exec(select(OutboxMessage).where(OutboxMessage.purpose == "nudge")).all()
        assert row.recipient_count == 1  # counted against the quota


def test_a_head_nudges_everyone_still_missing_one_push_each(line, office, services) -> None:
    line.send(STAFF, "รายงาน 1.1 100% อบรมแล้ว")
    line.send(STAFF, "รายงาน 1.2 100% จัดทำคู่มือแล้ว")
    line.send(STAFF, "รายงาน 1.3 100% ประกาศโทษแล้ว")
    [who] = line.send(HEAD, "ใครยังไม่ส่งรายงานบ้าง")
    assert "ยังไม่ส่ง 1 คน" in who["text"] and "ส่งครบแล้ว 1 คน: วิชัย ใจดี" in who["text"]
    nudge = next(a for a in quick_replies(who) if a["type"] == "postback")
    [ask] = line.tap(HEAD, nudge["data"])
    assert "• มาลี รักงาน" in ask["text"] and "วิชัย" not in ask["text"]
    send = next(a for a in quick_replies(ask) if a["label"] == "ส่งเตือน")
    line.tap(HEAD, send["data"])
    assert len(_nudges(line, "Umalee")) == 1 and _nudges(line, STAFF) == []


def test_no_nudge_to_someone_on_leave_or_after_no(line, office, services) -> None:
    line.send("Umalee", "ลาถึงวันศุกร์นี้")
    [answer] = line.send(HEAD, "เตือนมาลีหน่อย")
    assert "มาลี รักงาน ลาอยู่" in answer["text"]
    [ask] = line.send(HEAD, "เตือนทุกคนที่ยังไม่ส่ง")
    assert "มาลี" not in ask["text"]
    no = next(a for a in quick_replies(ask) if a["label"] == "ไม่ส่ง")
    [cancelled] = line.tap(HEAD, no["data"])
    assert "ไม่ส่งข้อความเตือน" in cancelled["text"]
    assert _nudges(line, STAFF) == [] and _nudges(line, "Umalee") == []


def test_a_staff_member_cannot_use_a_heads_nudge_button(line, office) -> None:
    assert line.tap(STAFF, "a=nudge.send&all=1")  # answered (a stale button)
    assert _nudges(line, "Umalee") == []


def test_the_head_nudges_from_the_escalation(line, office, services, clock) -> None:
    """At 16:00 the working day before the meeting the head is told who has still not
    reported, with a button that nudges them (shown first, then sent)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from usecases.reminders import escalate

    clock.set(datetime(2022, 1, 28, 16, 5, tzinfo=ZoneInfo("Asia/Bangkok")))
    with services.db.session() as session:
        assert escalate(session, clock.now()).queued == 1
    line.settle()
    [escalation] = [
        d.message for d in line.pushes_to(HEAD) if "ยังไม่ได้รายงานผล" in texts([d.message])
    ]
    nudge = next(a for a in quick_replies(escalation) if a["type"] == "postback")
    [ask] = line.tap(HEAD, nudge["data"])
    assert "ใช้โควตาข้อความของหน่วยงาน 2 ข้อความ" in ask["text"]
    send = next(a for a in quick_replies(ask) if a["label"] == "ส่งเตือน")
    line.tap(HEAD, send["data"])
    assert len(_nudges(line, STAFF)) == 1 and len(_nudges(line, "Umalee")) == 1
