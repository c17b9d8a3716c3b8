"""The words of a case's life: the agency's default categories with the words that point
to each, the stages' names, and the commands staff and citizens type."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultTopic:
    name: str
    unit_name: str  # "" for the unit of the plan's citizen-participation measure
    target_hours: int
    conduct: bool  # about a staff member's conduct: to the heads only
    words: tuple[str, ...]  # what a citizen's text says when it is about this


#: Traffy Fondue's common categories, as a Thai municipality routes them; the agency may
#: change them (`cases topic`)
DEFAULT_TOPICS = (
    DefaultTopic(
        "ทุจริต/ร้องเรียนเจ้าหน้าที่",
        "",
        168,
        True,
        (
            "ทุจริต",
            "โกง",
            "สินบน",
            "ใต้โต๊ะ",
            "เรียกเงิน",
            "เรียกรับเงิน",
            "คอร์รัปชัน",
            "คอรัปชั่น",
            "ไม่สุภาพ",
            "พูดจาไม่ดี",
            "พูดไม่ดี",
            "เลือกปฏิบัติ",
            "รถหลวง",
            "ละทิ้งหน้าที่",
            "เอื้อประโยชน์",
            "ประพฤติมิชอบ",
        ),
    ),
    DefaultTopic(
        "ถนน/ไฟฟ้า",
        "กองช่าง",
        72,
        False,
        ("ถนน", "หลุม", "ทางเท้า", "ฟุตบาท", "สะพาน", "ไฟฟ้า", "ไฟดับ", "ไฟทาง", "ไฟถนน", "เสาไฟ", "ไฟ"),
    ),
    DefaultTopic(
        "ขยะ",
        "กองสาธารณสุขและสิ่งแวดล้อม",
        48,
        False,
        ("ขยะ", "ถังขยะ", "รถเก็บขยะ", "กลิ่นเหม็น", "สิ่งปฏิกูล"),
    ),
    DefaultTopic(
        "น้ำ",
        "กองช่าง",
        48,
        False,
        ("น้ำไม่ไหล", "ประปา", "น้ำท่วม", "ท่อระบาย", "ระบายน้ำ", "ท่อน้ำ", "น้ำขัง", "น้ำ"),
    ),
    DefaultTopic("อื่น ๆ", "", 120, False, ()),
)
OTHER_TOPIC = "อื่น ๆ"

STAGES = {
    "received": "รับเรื่อง",
    "forwarded": "ส่งต่อหน่วยงาน",
    "in_progress": "กำลังดำเนินการ",
    "done": "เสร็จสิ้น",
    "out_of_scope": "ไม่อยู่ในอำนาจ",
}

# -- what staff type -------------------------------------------------------------------------

TAKE = "รับเรื่อง"
FORWARD = "ส่งต่อ"
HAND_ON = "มอบ"
OUT_OF_SCOPE = "ไม่อยู่ในอำนาจ"
OVERDUE = ("เรื่องเกินกำหนด", "เรื่องที่เกินกำหนด")  # "เรื่องค้าง" is every open case (usecases/pending)
PUBLISH = "เผยแพร่"
UNPUBLISH = "ไม่เผยแพร่"
CLOSE_NOW = ("ปิดเลย", "ไม่มีรูป")
