"""Names of things, shared by every message: roles, statuses, indicator groups."""

from __future__ import annotations

ROLE = {"staff": "เจ้าหน้าที่", "head": "หัวหน้า", "admin": "ผู้ดูแลระบบ"}

STATUS = {"not_started": "ยังไม่เริ่ม", "in_progress": "กำลังดำเนินการ", "done": "เสร็จแล้ว"}

GROUP = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
    "OIT": "แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)",
    "EXTERNAL": "ข้อเสนอแนะจากผู้มีส่วนได้ส่วนเสียภายนอก",
    "GENERAL": "ข้อเสนอแนะทั่วไป",
}

UNIT_NONE = "-"


def role(value: str) -> str:
    return ROLE.get(value, value)


def status(value: str) -> str:
    return STATUS.get(value, value)


def place(agency: str, district: str = "", province: str = "") -> str:
    """เทศบาลตำบลบางกระบือ อำเภอบางคนที จังหวัดสมุทรสงคราม"""
    parts = [agency, district and f"อำเภอ{district}", province and f"จังหวัด{province}"]
    return " ".join(part for part in parts if part)
