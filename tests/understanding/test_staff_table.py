"""Staff members' and heads' requests in their own words, each with where it must go.

Written as the staff and the head of a municipal office type in LINE: particles, no
spaces, typos (วิชย for วิชัย), Thai digits, colloquial forms (อัพเดท, ขอ…หน่อย), and
messages that must NOT be taken as a report or as leave (ลาก่อน, ลาออก, รายงานตัว, ถนน
ลาดยาง). Today is Thursday 20 January 2022 (FY 2565); the colleagues are listed below.
`slots`: what must be among the understood slots (dates as `date`), or None.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from understanding import Intent, understand_staff

from .conftest import SHARES

TODAY = date(2022, 1, 20)
STAFF = {
    "1": "วิชัย ใจดี",
    "2": "สมศรี มีสุข",
    "3": "นางสาวมาลี รักงาน",
    "4": "สมชาย มาตรการหนึ่ง",
    "5": "ประเสริฐ ทองดี",
}
S, H = "staff", "head"
I = Intent  # noqa: E741 (short, for the table)


def d(month: int, day: int, year: int = 2022) -> date:
    return date(year, month, day)


TABLE: list[tuple[str, str, Intent, dict[str, Any] | None]] = [
    # reporting, one line or in words
    ("รายงาน 1.2 50% จัดทำคู่มือแล้ว", S, I.REPORT, {"action": "1.2", "percent": 50}),
    ("รายงาน๒.๓ เสร็จแล้ว จัดอบรมครบ", S, I.REPORT, {"action": "2.3", "percent": 100}),
    ("รายงาน ๑.๑ ๘๐%", S, I.REPORT, {"action": "1.1", "problem": "empty_detail"}),
    ("ส่งรายงานครับ", S, I.REPORT, {}),
    ("จะรายงานผลค่ะ", S, I.REPORT, {}),
    ("รายงานนนน", S, I.REPORT, {}),
    ("อัพเดทงานเดือนนี้ค่ะ", S, I.REPORT, {}),
    ("ขอรายงานผลข้อ 1.3 หน่อยครับ", S, I.REPORT, {"action": "1.3"}),
    ("update งานข้อ 2.4 ครับ", S, I.REPORT, {"action": "2.4"}),
    ("รายงานทั้งเดือนทีเดียว", S, I.REPORT_PAGE, None),
    ("ขอลิงก์กรอกรายงานหน่อย", S, I.REPORT_PAGE, None),
    ("เหมือนเดิมค่ะ", S, I.SAME_AS_LAST_MONTH, {"all": True}),
    ("เหมือนเดือนที่แล้วครับ", S, I.SAME_AS_LAST_MONTH, {"all": True}),
    ("ข้อ 1.2 เหมือนเดิม", S, I.SAME_AS_LAST_MONTH, {"action": "1.2"}),
    ("ไม่มีอะไรเปลี่ยนแปลงค่ะ", S, I.SAME_AS_LAST_MONTH, None),
    ("แก้รายงาน 1.2", S, I.CORRECT_REPORT, {"action": "1.2"}),
    ("ขอแก้ไขรายงานข้อ2.1หน่อยค่ะ ใส่เปอร์เซ็นต์ผิด", S, I.CORRECT_REPORT, {"action": "2.1"}),
    ("รายงานผิดครับ", S, I.CORRECT_REPORT, None),
    ("สถานะ", S, I.STATUS, None),
    ("ของผมเหลือข้อไหนบ้าง", S, I.STATUS, None),
    ("รายงานครบยังคะ", S, I.STATUS, None),
    ("ยังไม่ส่ง", S, I.STATUS, None),
    ("สถานะรายงานของผมเดือนนี้", S, I.STATUS, None),
    # leave, booked ahead as a range, cancelled, ended
    ("ลา 1-4 ก.พ.", S, I.LEAVE, {"start": d(2, 1), "end": d(2, 4)}),
    ("ขอลาพักร้อนวันที่ 1-4 กุมภาค่ะ", S, I.LEAVE, {"start": d(2, 1), "end": d(2, 4), "kind": "vacation"}),
    ("ลาถึงวันศุกร์นี้", S, I.LEAVE, {"start": d(1, 20), "end": d(1, 21)}),
    ("ลาพรุ่งนี้", S, I.LEAVE, {"start": d(1, 21), "end": d(1, 21)}),
    ("พรุ่งนี้ขอลาป่วยนะคะ ไม่สบาย", S, I.LEAVE, {"start": d(1, 21), "kind": "sick"}),
    ("ลา 3 วันครับ", S, I.LEAVE, {"start": d(1, 20), "days": 3}),
    ("ขอลากิจวันจันทร์หน้าครับ", S, I.LEAVE, {"start": d(1, 24), "end": d(1, 24), "kind": "personal"}),
    ("ลาสัปดาห์หน้าทั้งสัปดาห์", S, I.LEAVE, {"start": d(1, 24), "end": d(1, 28)}),
    ("ลาา 28 ก.พ. - 2 มี.ค. 65", S, I.LEAVE, {"start": d(2, 28), "end": d(3, 2)}),
    ("ลาวันที่๑๔ถึง๑๘กุมภา", S, I.LEAVE, {"start": d(2, 14), "end": d(2, 18)}),
    ("ขอลา 7-9 กุมพา ครับ", S, I.LEAVE, {"start": d(2, 7), "end": d(2, 9)}),
    ("ลาคับ", S, I.LEAVE, {}),
    ("แจ้งลาค่ะ", S, I.LEAVE, {}),
    ("ลาป่วย", S, I.LEAVE, {"kind": "sick"}),
    ("ขอหยุดวันศุกร์นี้ค่ะ", S, I.LEAVE, {"start": d(1, 21)}),
    ("พรุ่งนี้ไม่อยู่นะครับ ไปสัมมนา", S, I.LEAVE, {"start": d(1, 21)}),
    ("ยกเลิกลา", S, I.CANCEL_LEAVE, None),
    ("ขอยกเลิกการลาวันที่ 1-4 ก.พ. ค่ะ", S, I.CANCEL_LEAVE, {"start": d(2, 1), "end": d(2, 4)}),
    ("ไม่ลาแล้วครับ", S, I.CANCEL_LEAVE, None),
    ("กลับมาทำงานแล้วครับ", S, I.BACK_FROM_LEAVE, None),
    ("หายป่วยแล้วค่ะ", S, I.BACK_FROM_LEAVE, None),
    # asking around
    ("ประชุมวันไหนคะ", S, I.MEETING, None),
    ("เวลาประชุมกี่โมง", S, I.MEETING, None),
    ("ช่วยเหลือ", S, I.HELP, None),
    ("ใช้งานยังไงครับ", S, I.HELP, None),
    ("เรื่องจากประชาชนที่ยังไม่ได้ตอบมีไหม", S, I.PENDING_CASES, None),
    ("เรื่องค้างมีไหมคะ", S, I.PENDING_CASES, None),
    ("มาตรการข้อ 2 มีอะไรบ้าง", S, I.PLAN_QUESTION, None),
    ("ขอบคุณครับ", S, I.THANKS, None),
    ("สวัสดีครับหัวหน้า", S, I.GREETING, None),
    # the head
    ("ใครยังไม่ส่งรายงานบ้าง", H, I.WHO_NOT_REPORTED, None),
    ("ใครยังไม่รายงานเดือนนี้", H, I.WHO_NOT_REPORTED, None),
    ("ยังไม่ส่งกี่คน", H, I.WHO_NOT_REPORTED, None),
    ("ใครส่งแล้วบ้างคะ", H, I.WHO_NOT_REPORTED, None),
    ("ยังไม่ส่ง", H, I.WHO_NOT_REPORTED, None),
    ("เตือนวิชัยให้ส่งรายงานด้วย", H, I.REMIND, {"person": "1"}),
    ("เตือนวิชยให้ส่งรายงานด้วยนะ", H, I.REMIND, {"person": "1"}),
    ("ช่วยตามพี่สมศรีหน่อยค่ะ ยังไม่ส่งเลย", H, I.REMIND, {"person": "2"}),
    ("บอกมาลีให้ส่งรายงานด้วย", H, I.REMIND, {"person": "3"}),
    ("สะกิดคุณประเสริฐหน่อย", H, I.REMIND, {"person": "5"}),
    ("เตือนทุกคนที่ยังไม่ส่งค่ะ", H, I.REMIND, {"everyone": True}),
    ("ใครยังไม่ส่ง เตือนให้หน่อย", H, I.REMIND, {"everyone": True}),
    ("เตือนสมปองด้วย", H, I.REMIND, {"name_typed": "สมปอง"}),
    ("ขอรายงานเดือนนี้หน่อยครับ", H, I.REPORT_DOCUMENT, {"period": "month", "month": None}),
    ("ขอรายงานเดือนที่แล้ว", H, I.REPORT_DOCUMENT, {"period": "month", "month": d(12, 1, 2021)}),
    ("ขอไฟล์รายงานเดือนธันวา", H, I.REPORT_DOCUMENT, {"period": "month", "month": d(12, 1, 2021)}),
    ("ดาวน์โหลดรายงาน 6 เดือน", H, I.REPORT_DOCUMENT, {"period": "half"}),
    ("ขอรายงานประจำปี 2565 ครับ", H, I.REPORT_DOCUMENT, {"period": "year", "fiscal_year": 2565}),
    ("ขอรายงานเป็นไฟล์ word หน่อย", H, I.REPORT_DOCUMENT, None),
    ("ส่งรายงานเดือนนี้ให้หน่อย", H, I.REPORT_DOCUMENT, {"period": "month"}),
    ("ขอรายงานหน่อย", H, I.REPORT_DOCUMENT, None),
    ("สรุป", H, I.SUMMARY, None),
    ("ขอดูสรุปตอนนี้เลย", H, I.SUMMARY, None),
    ("ภาพรวมเดือนนี้เป็นไงบ้าง", H, I.SUMMARY, None),
    ("เรื่องค้าง", H, I.PENDING_CASES, None),
    ("มีเรื่องร้องเรียนค้างกี่เรื่อง", H, I.PENDING_CASES, None),
    ("ได้รับรายงานแล้ว ขอบคุณครับ", H, I.THANKS, None),
    ("ขอบคุณที่รายงานนะ", H, I.THANKS, None),
    # must be neither a report nor leave
    ("ลาก่อนนะครับ", S, I.GREETING, None),
    ("ผมจะลาออกเดือนหน้า", S, I.UNKNOWN, None),
    ("ถนนลาดยางเสร็จแล้วนะ", S, I.UNKNOWN, None),
    ("รายงานตัวที่ศาลากลางพรุ่งนี้", S, I.UNKNOWN, None),
    ("ใครลาบ้างวันนี้", H, I.UNKNOWN, None),
    ("ลาดตระเวนคืนนี้", S, I.UNKNOWN, None),
    ("ไม่อยู่ค่ะ", S, I.UNKNOWN, None),
    ("ศาลาหมู่บ้านชำรุด", S, I.COMPLAINT, None),
    # a second set, written once the first was right and run before any change for it
    ("รายงาน 3.1 ร้อยละ 70 ประชุมคณะกรรมการแล้ว", S, I.REPORT, {"action": "3.1", "percent": 70}),
    ("จะส่งรายงานเดือนนี้ค่ะ", S, I.REPORT, None),
    ("ขอส่งผลงานเดือนมกราครับ", S, I.REPORT, None),
    ("ข้อ 2.2 ยังเหมือนเดิมครับ", S, I.SAME_AS_LAST_MONTH, {"action": "2.2"}),
    ("ทุกข้อเหมือนเดิมค่ะ", S, I.SAME_AS_LAST_MONTH, None),
    ("แก้ 1.3 เป็น 80%", S, I.CORRECT_REPORT, {"action": "1.3"}),
    ("เหลือกี่ข้อที่ยังไม่รายงาน", S, I.STATUS, None),
    ("ลาป่วยวันนี้ค่ะ", S, I.LEAVE, {"start": d(1, 20), "kind": "sick"}),
    ("ขอลาวันที่ 3 ก.พ. ครับ", S, I.LEAVE, {"start": d(2, 3), "end": d(2, 3)}),
    ("ลาตั้งแต่ 10 ถึง 14 กุมภาพันธ์", S, I.LEAVE, {"start": d(2, 10), "end": d(2, 14)}),
    (
        "ลาพักผ่อนประจำปี 24-28 มกราคม 2565",
        S,
        I.LEAVE,
        {"start": d(1, 24), "end": d(1, 28), "kind": "vacation"},
    ),
    ("ลาถึงสิ้นเดือน", S, I.LEAVE, None),
    ("วันศุกร์นี้ขอหยุด 1 วันค่ะ", S, I.LEAVE, {"start": d(1, 21)}),
    ("ยกเลิกวันลาพรุ่งนี้", S, I.CANCEL_LEAVE, {"start": d(1, 21)}),
    ("มาทำงานแล้วค่ะ", S, I.BACK_FROM_LEAVE, None),
    ("หัวหน้าคะ ใครยังไม่ส่งรายงานบ้างคะ", H, I.WHO_NOT_REPORTED, None),
    ("ช่วยเตือนคุณวิชัยด้วยครับ", H, I.REMIND, {"person": "1"}),
    ("เตือนมาลีหน่อย", H, I.REMIND, {"person": "3"}),
    ("ส่งเตือนทุกคนเลย", H, I.REMIND, {"everyone": True}),
    ("ขอเอกสารรายงานเดือนมกราคม", H, I.REPORT_DOCUMENT, {"month": d(1, 1)}),
    ("ขอสรุปผลเดือนนี้", H, I.SUMMARY, None),
    ("มีเรื่องร้องเรียนใหม่ไหม", H, I.PENDING_CASES, None),
    ("เรื่องค้างกี่เรื่องแล้ว", H, I.PENDING_CASES, None),
    ("ขอไฟล์ excel รายงานปีนี้", H, I.REPORT_DOCUMENT, {"period": "year"}),
    ("ลาออกจากกลุ่มไลน์", S, I.UNKNOWN, None),
    ("วิธีรายงานทำยังไง", S, I.REPORT, None),
    ("สวัสดีค่ะ ขอลาป่วยพรุ่งนี้นะคะ", S, I.LEAVE, {"start": d(1, 21), "kind": "sick"}),
    ("ลาวันที่ 31", S, I.LEAVE, {"start": d(1, 31)}),
    ("เตือนพี่ชายด้วย", H, I.REMIND, None),
    ("ขอดูว่าใครรายงานแล้วบ้าง", H, I.WHO_NOT_REPORTED, None),
    (
        "ผมขอลากิจ 2 วัน วันที่ 7-8 ก.พ.",
        S,
        I.LEAVE,
        {"start": d(2, 7), "end": d(2, 8), "kind": "personal"},
    ),
    # a third set, written and run once the second was right
    ("รายงาน1.1 100% เสร็จแล้วค่ะ", S, I.REPORT, {"action": "1.1", "percent": 100}),
    ("ข้อ 3.2 ทำไป 60% แล้วครับ", S, I.REPORT, {"action": "3.2"}),
    ("จะอัพเดตความคืบหน้างานค่ะ", S, I.REPORT, None),
    ("เดือนนี้เหมือนเดือนที่แล้วทุกข้อครับ", S, I.SAME_AS_LAST_MONTH, {"all": True}),
    ("ขอแก้ตัวเลขข้อ 2.5 ค่ะ", S, I.CORRECT_REPORT, {"action": "2.5"}),
    ("ผมส่งรายงานครบหรือยัง", S, I.STATUS, None),
    ("ลาวันที่ 7 ก.พ. ครึ่งวันบ่าย", S, I.LEAVE, {"start": d(2, 7), "half_day": True}),
    ("พรุ่งนี้ลาป่วยครับ", S, I.LEAVE, {"start": d(1, 21), "kind": "sick"}),
    ("ขอลาตั้งแต่วันจันทร์ถึงวันพุธหน้าค่ะ", S, I.LEAVE, {"start": d(1, 24), "end": d(1, 26)}),
    ("ลาไปต่างจังหวัด 5 วัน", S, I.LEAVE, {"days": 5}),
    ("ยกเลิกลาพักร้อนค่ะ", S, I.CANCEL_LEAVE, None),
    ("กลับมาทำงานตามปกติแล้วครับ", S, I.BACK_FROM_LEAVE, None),
    ("ใครยังไม่รายงานบ้างครับ", H, I.WHO_NOT_REPORTED, None),
    ("เดือนนี้ขาดใครบ้าง", H, I.WHO_NOT_REPORTED, None),
    ("ฝากเตือนคุณสมชายด้วยนะ", H, I.REMIND, {"person": "4"}),
    ("ทวงรายงานพี่ประเสริฐให้หน่อย", H, I.REMIND, {"person": "5"}),
    ("ส่งข้อความเตือนทุกคนที่ยังไม่รายงาน", H, I.REMIND, {"everyone": True}),
    ("ขอรายงานสรุปเดือนธันวาคม", H, I.REPORT_DOCUMENT, None),
    ("ขอรายงานครึ่งปีแรกครับ", H, I.REPORT_DOCUMENT, {"period": "half"}),
    ("สรุปความคืบหน้าให้หน่อย", H, I.SUMMARY, None),
    ("มีเคสร้องเรียนที่ยังไม่ปิดไหม", H, I.PENDING_CASES, None),
    ("ประชุมเดือนนี้วันที่เท่าไหร่", S, I.MEETING, None),
    ("ขอบคุณค่ะหัวหน้า", S, I.THANKS, None),
    ("ลาพรุ่งนี้ได้ไหมคะ", S, I.LEAVE, {"start": d(1, 21)}),
    ("ไปราชการต่างจังหวัดวันที่ 3-4 ก.พ.", S, I.LEAVE, None),
    # found by trying odd messages once the third set was right
    ("ลาป่วย 2 วันค่ะ", S, I.LEAVE, {"start": d(1, 20), "days": 2, "kind": "sick"}),
    ("เมื่อวานลาป่วย", S, I.LEAVE, {"start": d(1, 19), "kind": "sick"}),
    ("ขอลาพักร้อน 10 วัน ตั้งแต่ 1 มีนา", S, I.LEAVE, {"start": d(3, 1), "end": d(3, 10)}),
    ("ขอลิงก์รายงานหน่อย", S, I.REPORT_PAGE, None),
    ("ขอลิงก์รายงานหน่อย", H, I.REPORT_DOCUMENT, None),
    ("ok เหมือนเดิมทุกข้อ", S, I.SAME_AS_LAST_MONTH, {"all": True}),
    ("ใครยังไม่ส่งงานบ้างคะ", H, I.WHO_NOT_REPORTED, None),
    ("ขอดาวน์โหลดรายงาน", H, I.REPORT_DOCUMENT, None),
]


def routed_right(
    text: str, role: str, intent: Intent, slots: dict[str, Any] | None, candidates
) -> bool:
    got = understand_staff(text, today=TODAY, role=role, staff=STAFF, candidates=candidates)
    if got.intent is not intent:
        return False
    return slots is None or all(got.slots.get(k) == v for k, v in slots.items())


def test_staff_and_heads_requests_are_routed_right(candidates) -> None:
    wrong = [
        (text, role, intent, slots)
        for text, role, intent, slots in TABLE
        if not routed_right(text, role, intent, slots, candidates)
    ]
    SHARES["staff and heads"] = (len(TABLE) - len(wrong), len(TABLE))
    report = "\n".join(
        f"{t!r} ({r}): expected {i} {s}, got "
        f"{understand_staff(t, today=TODAY, role=r, staff=STAFF, candidates=candidates)}"
        for t, r, i, s in wrong
    )
    assert not wrong, f"{len(wrong)} of {len(TABLE)} wrong:\n{report}"


def test_the_table_is_large_and_has_negatives() -> None:
    assert len(TABLE) >= 60
    assert len({(t, r) for t, r, _, _ in TABLE}) == len(TABLE)
    negatives = [
        t for t, _, i, _ in TABLE if i not in (I.REPORT, I.LEAVE) and ("รายงาน" in t or "ลา" in t)
    ]
    assert len(negatives) >= 10
