"""The month page's words: the whole month's report on one page (web/month_page.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from messages_th import build
from messages_th.build import Message
from messages_th.thai_calendar import format_month, format_month_short

if TYPE_CHECKING:
    from usecases.month_report import EntryProblem, MonthSaved, SheetLine

PAGE_TITLE = "รายงานผลทั้งเดือน"
SAME = "เหมือนเดิม"
NOT_YET = "ยังไม่รายงาน"
OTHER = "อื่น ๆ"
OTHER_PERCENT = "ระบุเปอร์เซ็นต์"
DETAIL = "ทำอะไรไปบ้าง"
DETAIL_HINT = "เช่น ประชุมชี้แจงพนักงานแล้ว 20 คน (กรอกเมื่อเปลี่ยนเปอร์เซ็นต์)"
PHOTOS = "แนบรูปถ่ายหลักฐาน"
DONE_OPEN = "แก้ไขข้อที่เสร็จแล้ว"
SUBMIT = "ส่งรายงานทั้งเดือน"
INTRO = "ข้อที่ไม่มีอะไรเปลี่ยนปล่อยไว้ที่ “เหมือนเดิม” ได้เลย เปลี่ยนเฉพาะข้อที่มีความคืบหน้า แล้วกดส่งครั้งเดียว"
PROBLEMS_TITLE = "ยังส่งไม่ได้ ตรวจข้อที่ทำเครื่องหมายไว้ (ยังไม่มีอะไรถูกบันทึก)"
PHOTO_KEPT = "รูปที่แนบไว้แล้ว {count} รูป (ส่งพร้อมรายงาน)"
LIFF_LOADING = "กำลังเปิดหน้ารายงานผล…"
LIFF_FAILED = "เปิดผ่าน LINE ไม่สำเร็จ พิมพ์ “รายงานทั้งเดือน” ในแชตเพื่อขอลิงก์"

FORBIDDEN = "ลิงก์นี้ไม่ถูกต้อง พิมพ์ “รายงานทั้งเดือน” ในแชต LINE เพื่อขอลิงก์ใหม่"
EXPIRED = "ลิงก์นี้หมดอายุแล้ว พิมพ์ “รายงานทั้งเดือน” ในแชต LINE เพื่อขอลิงก์ใหม่"
USED = "ลิงก์นี้ใช้ส่งรายงานไปแล้ว หากต้องการแก้ พิมพ์ “รายงานทั้งเดือน” ในแชต LINE เพื่อขอลิงก์ใหม่"
OTHER_MONTH = "ลิงก์นี้เป็นของเดือน{month} ซึ่งปิดรับแล้ว พิมพ์ “รายงานทั้งเดือน” ในแชต LINE เพื่อขอลิงก์ของเดือนนี้"
NOT_STAFF = "ลิงก์นี้ใช้ไม่ได้แล้ว (ไม่พบเจ้าหน้าที่ที่ใช้งานอยู่) ติดต่อผู้ดูแลระบบ"
NO_PLAN = "ยังไม่มีแผนมาตรการของปีนี้ในระบบ จึงยังรายงานไม่ได้"
NOTHING_ASSIGNED = "ยังไม่มีมาตรการที่คุณรับผิดชอบ ติดต่อผู้ดูแลระบบ"
TOO_BIG = "ไฟล์รวมกันใหญ่เกินไป ส่งรูปน้อยลงหรือย่อรูปก่อน แล้วลองใหม่"


def title(month: date) -> str:
    return f"{PAGE_TITLE} เดือน{format_month(month)}"


def greeting(name: str) -> str:
    return f"คุณ{name}"


def last_state(line: SheetLine) -> str:
    """Where the action stood: its latest report, or never reported."""
    if line.last_percent is None or line.last_month is None:
        return "ยังไม่เคยรายงาน"
    said = f" · {build.clip(line.last_detail, 80)}" if line.last_detail else ""
    done = "เสร็จแล้ว " if line.done else ""
    return f"{done}{line.last_percent}% ({format_month_short(line.last_month)}){said}"


def reported_already() -> str:
    return "รายงานเดือนนี้แล้ว (ส่งอีกครั้งจะแทนที่)"


def confirm_fall(previous: int, percent: int) -> str:
    return f"ยืนยัน: ลดลงจาก {previous}% เป็น {percent}% จริง"


def problem(found: EntryProblem) -> str:
    """The sentence shown beside an action that cannot be recorded as it is."""
    match found.kind:
        case "no_detail":
            return "เปลี่ยนเปอร์เซ็นต์แล้ว กรุณาบอกว่าทำอะไรไปบ้างเป็นตัวหนังสือ เช่น “ประชุมชี้แจงพนักงานแล้ว”"
        case "fall":
            return (
                f"ลดลงจาก {found.previous}% เป็น {found.percent}% ใช่ไหม ถ้าใช่ ติ๊กยืนยันด้านล่างแล้วส่งอีกครั้ง"
            )
        case "out_of_range":
            return "เปอร์เซ็นต์ต้องอยู่ระหว่าง 0 ถึง 100"
        case "nothing_to_keep":
            return "ข้อนี้ยังไม่เคยรายงาน เลือกเปอร์เซ็นต์ก่อนแนบรูป"
        case "photo":
            return "แนบได้เฉพาะรูปภาพ ไม่เกิน 5 รูปต่อข้อ รูปละไม่เกิน 10 MB"
        case "percent":
            return "ระบุเปอร์เซ็นต์เป็นตัวเลข 0 ถึง 100"
        case _:
            return "ข้อนี้ไม่ได้อยู่ในความรับผิดชอบของคุณเดือนนี้"


def saved_title(month: date) -> str:
    return f"บันทึกรายงานเดือน{format_month(month)}แล้ว"


def saved_lines(result: MonthSaved) -> list[str]:
    lines = [
        f"{s.measure_no}.{s.action_no} {s.percent}%" + (f" · รูป {s.evidence}" if s.evidence else "")
        for s in result.saved
    ]
    if result.kept_done:
        lines.append(f"ข้อที่เสร็จแล้ว {result.kept_done} ข้อ คงไว้ตามเดิม")
    if result.kept_reported:
        lines.append(f"ข้อที่รายงานเดือนนี้แล้ว {result.kept_reported} ข้อ คงไว้ตามเดิม")
    if not lines:
        lines.append("ไม่มีข้อใดเปลี่ยนแปลง จึงไม่ได้บันทึกอะไร")
    return lines


SAVED_BACK = "ปิดหน้านี้แล้วกลับไปที่แชต LINE ได้เลย"


# -- in the chat -------------------------------------------------------------------------


def month_link_card(month: date, url: str) -> Message:
    """The chat's answer to `รายงานทั้งเดือน`: the person's own one-time link."""
    card = build.bubble(
        [
            build.label(title(month), bold=True),
            build.label(INTRO, size="xs", colour=build.MUTED),
            build.label("ลิงก์นี้ของคุณคนเดียว ใช้ส่งได้ 1 ครั้ง ภายใน 7 วัน", size="xs", colour=build.MUTED),
        ],
        footer=[build.button(build.link("เปิดรายงานทั้งเดือน", url), primary=True)],
    )
    return build.flex(f"{title(month)}: {url}", card)


#: what a staff member types (or the rich menu sends) for their month page's link
ASK_WORDS = ("รายงานทั้งเดือน", "รายงานทั้งหมด", "รายงานทีเดียว", "หน้ารายงาน")
