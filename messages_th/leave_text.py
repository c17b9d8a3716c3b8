"""What the bot says about leave."""

from __future__ import annotations

from datetime import date, timedelta

from messages_th import build
from messages_th.build import Message
from messages_th.thai_calendar import format_date

EXAMPLES = 'เช่น "ลา 1-4 ก.พ." "ลาถึงวันศุกร์นี้" "ลาพรุ่งนี้" หรือ "ลา 3 วัน"'
#: how far ahead the date picker lets one book
PICK_AHEAD = timedelta(days=366)


def on_leave(until: date, start: date | None = None) -> Message:
    if start is not None:
        return build.text(
            f"บันทึกการลาล่วงหน้าแล้ว วันที่ {format_date(start)} ถึง {format_date(until)}\n"
            "ระหว่างลาระบบจะไม่ส่งการเตือน และสรุปของหัวหน้าจะแสดงว่าท่านลา\n"
            'เปลี่ยนใจ พิมพ์ "ยกเลิกลา"',
            quick_replies=[build.say("ยกเลิกลา")],
        )
    return build.text(
        f"บันทึกการลาแล้ว ถึงวันที่ {format_date(until)}\n"
        "ระหว่างนี้ระบบจะไม่ส่งการเตือน และสรุปของหัวหน้าจะแสดงว่าท่านลา\n"
        'กลับมาก่อนกำหนด พิมพ์ "กลับมาแล้ว"',
        quick_replies=[build.say("กลับมาแล้ว")],
    )


def ask_dates(today: date) -> Message:
    """No days said: LINE's date picker, for the last day (from today) or a first day."""
    return build.text(
        f"ลาวันไหน? เลือกจากปฏิทิน หรือพิมพ์ {EXAMPLES}",
        quick_replies=[
            build.date_picker(
                "ลาถึงวันที่…",
                "leave.pick",
                initial=today,
                earliest=today,
                latest=today + PICK_AHEAD,
                k="until",
            ),
            build.date_picker(
                "ลาล่วงหน้า เริ่มวันที่…",
                "leave.pick",
                initial=today + timedelta(days=1),
                earliest=today,
                latest=today + PICK_AHEAD,
                k="from",
            ),
        ],
    )


def ask_until(start: date) -> Message:
    return build.text(
        f"เริ่มลา {format_date(start)} ถึงวันไหน? เลือกวันสุดท้ายที่ลา",
        quick_replies=[
            build.date_picker(
                "วันสุดท้ายที่ลา",
                "leave.pick",
                initial=start,
                earliest=start,
                latest=start + PICK_AHEAD,
                k="until",
                f=start.isoformat(),
            ),
            build.postback(
                "ลาวันเดียว", "leave.pick", display="ลาวันเดียว", k="one", f=start.isoformat()
            ),
        ],
    )


def cancelled(start: date | None, until: date) -> Message:
    when = (
        f"วันที่ {format_date(start)} ถึง {format_date(until)}" if start else f"ถึง {format_date(until)}"
    )
    return build.text(f"ยกเลิกการลา{when}แล้ว ระบบจะเตือนตามปกติ", quick_replies=[build.say("สถานะ")])


def nothing_booked() -> Message:
    return build.text("ไม่มีการลาที่บันทึกไว้ให้ยกเลิก (ตอนนี้หรือล่วงหน้า)")


def back() -> Message:
    return build.text("ยินดีต้อนรับกลับครับ ยกเลิกการลาแล้ว", quick_replies=[build.say("สถานะ")])


def was_not_on_leave() -> Message:
    return build.text("ตอนนี้ไม่ได้บันทึกว่าลาอยู่")


def unclear() -> Message:
    return build.text(f"แจ้งลาโดยบอกวันสุดท้ายที่ลา หรือจำนวนวันทำการ {EXAMPLES}")


def in_the_past(day: date) -> Message:
    return build.text(f"วันที่ {format_date(day)} ผ่านไปแล้ว ให้บอกวันสุดท้ายที่จะลา {EXAMPLES}")


def too_long(day: date) -> Message:
    return build.text(f"ลาถึง {format_date(day)} นานเกินหนึ่งปี ถ้าตั้งใจเช่นนั้น ให้ผู้ดูแลระบบบันทึกให้")


def staff_only() -> Message:
    return build.text("การแจ้งลาใช้สำหรับเจ้าหน้าที่ที่เชื่อมบัญชีแล้ว")
