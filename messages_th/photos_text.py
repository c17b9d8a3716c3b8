"""The photos page's words, the documents' photo appendix, and the setting."""

from __future__ import annotations

from datetime import date

from messages_th.thai_calendar import format_month, format_month_short

FORBIDDEN = "ลิงก์นี้ไม่ถูกต้อง ขอลิงก์ใหม่จากสรุปประจำเดือนหรือคำสั่ง “สถานะ” ในแชต LINE"
EXPIRED = "ลิงก์นี้หมดอายุแล้ว ขอลิงก์ใหม่จากสรุปประจำเดือนหรือคำสั่ง “สถานะ” ในแชต LINE"
NONE = "เดือนนี้ยังไม่มีรูปถ่ายหลักฐาน"
APPENDIX = "ภาคผนวก รูปถ่ายหลักฐานการดำเนินงาน"
PUBLIC_HEADING = "รูปถ่ายหลักฐานการดำเนินงาน"
STATUS_BUTTON = "รูปหลักฐานเดือนนี้"


def title(month: date) -> str:
    return f"รูปถ่ายหลักฐาน เดือน{format_month(month)}"


def caption(measure_no: int, action_no: int, text: str, month: date, limit: int = 90) -> str:
    """A photo's caption: the action and the month of its report."""
    words = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"ข้อ {measure_no}.{action_no} {words} · {format_month_short(month)}"


def count(photos: int) -> str:
    return f"{photos} รูป"


def appendix_more(left: int) -> str:
    return f"และอีก {left} รูป (ดูได้จากหน้ารูปถ่ายหลักฐานของแต่ละเดือน)"


def setting_now(shown: bool) -> str:
    return "หน้าสาธารณะแสดงรูปถ่ายหลักฐานแล้ว" if shown else "หน้าสาธารณะไม่แสดงรูปถ่ายหลักฐาน (ค่าเริ่มต้น)"
