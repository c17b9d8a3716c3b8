"""Labels of the simulator page."""

from __future__ import annotations

from datetime import date

from messages_th.thai_calendar import format_date, format_month

TITLE = "ติดตาม — ทดลองใช้งานแบบไลน์จำลอง"
BOT_NAME = "ติดตาม · เทศบาลตำบลบางกระบือ"
WHO = "ทดลองเป็น"
NEW_USER = "ผู้ใช้ใหม่ (ยังไม่ได้เชื่อมบัญชี)"
CITIZEN_ROLE = "ประชาชน"
CODE_HINT = "รหัสเชื่อมบัญชี"
PLACEHOLDER = "พิมพ์ข้อความ"
SEND = "ส่ง"
PANE = "หน้าเว็บในไลน์"
PANE_CLOSE = "ปิดหน้าเว็บ"
MENU = "เมนู"
PICTURE = "ส่งรูป"
LOCATION = "ส่งตำแหน่ง"
STICKER = "ส่งสติกเกอร์"
RUN_REMIND = "ส่งการเตือนตอนนี้"
RUN_SUMMARY = "ส่งสรุปให้หัวหน้าตอนนี้"
RESET = "เริ่มข้อมูลสาธิตใหม่"
CLOCK = "เวลาของระบบ"
PUSH_TAG = "push"
PUSH_NOTE = "ข้อความ push นับโควตาข้อความรายเดือนของหน่วยงาน ส่วนข้อความตอบกลับ (reply) ไม่นับ"
ABOUT = (
    "หน้านี้จำลองแชตไลน์บนโทรศัพท์: ทุกข้อความถูกส่งเข้า webhook จริงของระบบ (/callback) "
    "พร้อมลายเซ็นแบบที่ LINE ส่ง และแสดงสิ่งที่บอทส่งกลับผ่านแพลตฟอร์ม LINE จำลองในเครื่อง"
)
JOBS = "งานตามเวลา"
IMAGE_SENT = "รูปภาพ"
LOCATION_SENT = "ตำแหน่งที่ตั้ง"
STICKER_SENT = "สติกเกอร์"
RESET_DONE = "เริ่มข้อมูลสาธิตใหม่แล้ว"
NO_PLAN = "ยังไม่มีแผนมาตรการของปีนี้ในระบบ"


def remind_ran(stage: int | None, queued: int, already: int, meeting) -> str:
    """What pressing the reminder button did, in the words of the scheduler's log."""
    if stage is None:
        when = f" (ประชุม {format_date(meeting.day)})" if meeting else ""
        return f"ตอนนี้ยังไม่ถึงเวลาเตือนรอบใด{when}"
    if queued:
        return f"ส่งการเตือนรอบที่ {stage} แล้ว {queued} คน"
    if already:
        return f"การเตือนรอบที่ {stage} ส่งไปแล้วก่อนหน้านี้ ({already} คน) ระบบไม่ส่งซ้ำ"
    return f"รอบที่ {stage}: ทุกคนรายงานครบหรือลาอยู่ ไม่มีใครต้องเตือน"


def summary_ran(month: date, queued: int, already: int) -> str:
    name = format_month(month)
    if queued:
        return f"ส่งสรุปเดือน{name} ให้หัวหน้าแล้ว"
    if already:
        return f"สรุปเดือน{name} ส่งไปแล้วก่อนหน้านี้ ระบบไม่ส่งซ้ำ (เริ่มข้อมูลสาธิตใหม่เพื่อส่งอีกครั้ง)"
    return "ยังไม่มีหัวหน้าที่เชื่อมบัญชีไลน์ไว้"
