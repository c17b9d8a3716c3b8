"""What the bot says about leave."""

from __future__ import annotations

from datetime import date

from messages_th import build
from messages_th.build import Message
from messages_th.thai_calendar import format_date

EXAMPLES = 'เช่น "ลา ถึง 15 ม.ค." หรือ "ลาถึง 15/1/2565" หรือ "ลา 3 วัน"'


def on_leave(until: date) -> Message:
    return build.text(
        f"บันทึกการลาแล้ว ถึงวันที่ {format_date(until)}\n"
        "ระหว่างนี้ระบบจะไม่ส่งการเตือน และสรุปของหัวหน้าจะแสดงว่าท่านลา\n"
        'กลับมาก่อนกำหนด พิมพ์ "กลับมาแล้ว"',
        quick_replies=[build.say("กลับมาแล้ว")],
    )


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
