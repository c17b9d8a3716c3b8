"""The rich menus: the buttons under the chat, per kind of user. Each sends words the bot
understands, exactly as if typed."""

from __future__ import annotations

#: role → (chat bar text, six buttons of (label, words sent)), laid out in 2 rows of 3
MENUS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "citizen": (
        "เมนูประชาชน",
        [
            ("มาตรการ", "มาตรการ"),
            ("คะแนน ITA", "คะแนน ITA"),
            ("เสนอแนะ", "เสนอแนะ"),
            ("ประเมินบริการ", "ประเมิน"),
            ("ร้องเรียน", "ร้องเรียน"),
            ("ช่วยเหลือ", "ช่วยเหลือ"),
        ],
    ),
    "staff": (
        "เมนูงาน",
        [
            ("รายงานผล", "รายงาน"),
            ("สถานะ", "สถานะ"),
            ("ทั้งเดือน", "รายงานทั้งเดือน"),  # the month page (web/month_page.py)
            ("แจ้งลา", "ลา"),
            ("ฉันคือใคร", "ฉันคือใคร"),
            ("ช่วยเหลือ", "ช่วยเหลือ"),
        ],
    ),
    "head": (
        "เมนูหัวหน้า",
        [
            ("สรุปเดือนนี้", "สรุป"),
            ("รายงานผล", "รายงาน"),
            ("เอกสารรายงาน", "เอกสารรายงาน"),
            ("วันประชุม", "ประชุม"),
            ("มาตรการ", "มาตรการ"),
            ("ช่วยเหลือ", "ช่วยเหลือ"),
        ],
    ),
}

#: the words of the button that opens the month page: a LIFF app's address where one is set
MONTH_PAGE_WORDS = "รายงานทั้งเดือน"
#: buttons that open LINE's date picker instead of sending words: label → (postback
#: action, its values); the day picked comes back in the postback's `params.date`
DATE_PICKERS: dict[str, tuple[str, dict[str, str]]] = {
    "แจ้งลา": ("leave.pick", {"k": "until"}),
}

TITLE = "ติดตาม"
NO_FONT = (
    "ไม่พบฟอนต์ภาษาไทยในเครื่องนี้ จึงวาดภาพเมนูไม่ได้ ติดตั้งด้วย: apt-get install fonts-thai-tlwg "
    "(หรือ scripts/ensure-test-tools)"
)


def setup_done(ids: dict[str, str]) -> str:
    lines = ["สร้างริชเมนูแล้ว (เมนูประชาชนเป็นค่าเริ่มต้น):"]
    lines += [f"  {role}: {menu_id}" for role, menu_id in ids.items()]
    return "\n".join(lines)


def setup_failed(reason: str) -> str:
    return f"สร้างริชเมนูไม่สำเร็จ: {reason}"
