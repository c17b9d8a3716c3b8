"""A citizen asking for their own data or its deletion (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล
พ.ศ. 2562 มาตรา 30 และ 33): the words they type, the copy, the confirmation, the answers."""

from __future__ import annotations

import re
from typing import Any

from messages_th import build
from messages_th.build import Message
from messages_th.case_words import STAGES
from messages_th.thai_calendar import format_date, format_month

# -- words people type (`reading/privacy.py` reads them) --------------------------------

ME = r"(?:ของ)?(?:ฉัน|ผม|ดิฉัน|หนู|เรา|กระผม|ข้าพเจ้า|ตัวเอง)"
POLITE = r"(?:หน่อย|ด้วย|ได้ไหม|ได้มั้ย|ครับ|ค่ะ|คะ|นะ|จ้า|จ้ะ)*"
ERASE = re.compile(
    rf"^(?:ขอ|ต้องการ|อยาก)?(?:ให้)?(?:ลบ|ลบล้าง)(?:ข้อมูล)(?:ส่วนตัว|ส่วนบุคคล|ทั้งหมด)*{ME}?"
    rf"(?:ทั้งหมด|ออก|ทิ้ง)*{POLITE}$|^ลืม{ME}{POLITE}$"
)
COPY = re.compile(
    rf"^(?:ขอ|ต้องการ|อยาก)?(?:ดู|รับ|ขอดู)?(?:สำเนา)?ข้อมูล(?:ส่วนตัว|ส่วนบุคคล)?{ME}"
    rf"(?:ทั้งหมด)?{POLITE}$|^(?:เก็บ|มี)ข้อมูล(?:อะไร)?{ME}(?:อะไร)?(?:บ้าง|ไว้บ้าง){POLITE}$"
)
CONFIRM_ERASE = ("ยืนยัน", "ยืนยันลบ", "ยืนยันลบข้อมูล", "ลบเลย", "ลบ")
#: a request is a short sentence; a long message that mentions deleting is something else
LONGEST = 60


#: in a longer sentence already read as being about one's personal data: which of the two
ERASE_IN = re.compile(r"ลบ(?:ข้อมูล|เบอร์|ชื่อ|ประวัติ|บัญชี)|ถอนความยินยอม|ยกเลิกความยินยอม")
COPY_IN = re.compile(r"(?:ขอ)?ดูข้อมูล|สำเนาข้อมูล|เก็บข้อมูล(?:อะไร|ของ)|ข้อมูล" + ME)


#: what stands in for personal data taken out of a text kept anonymously
PERSONAL_DATA = {
    "phone": "[เบอร์โทร]",
    "id_card": "[เลขบัตรประชาชน]",
    "email": "[อีเมล]",
    "line_id": "[ไลน์ไอดี]",
}
#: the words before a LINE id: line id, ไลน์ไอดี, ไอดีไลน์, ไอดี, ไลน์
LINE_ID_WORDS = r"line\s*id|ไลน์ไอดี|ไอดีไลน์|ไอดี|ไลน์"


# -- the copy --------------------------------------------------------------------------

STATUS = {"open": "รอเจ้าหน้าที่ตอบ", "answered": "ตอบแล้ว", "closed": "ปิดเรื่องแล้ว"}
#: LINE allows five messages in a reply: the copy takes at most these, the question one
COPY_MESSAGES = 3
_CHUNK = 4800


def your_data(data: Any, retention_days: int, notice_url: str) -> list[Message]:
    """What is kept about this person, in a few text messages (a `PersonalData`)."""
    lines = ["ข้อมูลของท่านที่ระบบติดตามมาตรการเก็บไว้ มีดังนี้"]
    if data.first_seen is not None:
        lines.append(f"• บัญชีไลน์ของท่าน (รหัสผู้ใช้ไลน์) เริ่มติดต่อเมื่อ {format_date(data.first_seen.date())}")
    lines.append(
        f"• ข้อความที่ท่านส่งมา {data.messages} รายการ "
        f"(เก็บไว้ไม่เกิน {retention_days} วันหลังจากระบบตอบแล้ว จากนั้นลบเนื้อความออก)"
    )
    if not data.cases:
        lines.append("• เรื่องร้องเรียนหรือข้อเสนอแนะ: ไม่มี")
    for case in data.cases:
        lines.append("")
        lines.append(
            f"เรื่อง {case.ref} ({case.category}) ส่งเมื่อ {format_date(case.created_at.date())} "
            f"สถานะ: {STAGES.get(case.stage) or STATUS.get(case.status, case.status)}"
        )
        if case.text:
            lines.append(f"รายละเอียด: {build.clip(case.text, 1000)}")
        if case.address or case.latitude is not None:
            where = case.address or f"{case.latitude:.5f}, {case.longitude:.5f}"
            lines.append(f"ตำแหน่ง: {where}")
        if case.photos:
            lines.append(f"รูปประกอบ: {case.photos} รูป")
        if case.contact:
            lines.append(f"ชื่อและเบอร์ติดต่อ (ให้ไว้โดยความยินยอม): {case.contact}")
        if case.answer:
            lines.append(f"คำตอบของเจ้าหน้าที่: {build.clip(case.answer, 500)}")
        for reason in case.reasons:
            lines.append(f"เหตุผลที่ขอเปิดเรื่องอีกครั้ง: {build.clip(reason, 300)}")
        if case.rating is not None:
            lines.append(f"คะแนนการดำเนินการที่ท่านให้: {case.rating}/5")
    if data.ratings:
        lines.append("")
        lines.append("ผลการประเมินความพึงพอใจ:")
        for rating in data.ratings:
            comment = f" — {rating.comment}" if rating.comment else ""
            lines.append(f"• เดือน{format_month(rating.month)}: {rating.score}/5{comment}")
    lines.append("")
    lines.append(f"ประกาศความเป็นส่วนตัว: {notice_url}")
    return _messages(lines)


def _messages(lines: list[str]) -> list[Message]:
    chunks: list[str] = [""]
    for line in lines:
        if len(chunks[-1]) + len(line) + 1 > _CHUNK:
            chunks.append("")
        chunks[-1] += line + "\n"
    if len(chunks) > COPY_MESSAGES:
        chunks = chunks[:COPY_MESSAGES]
        chunks[-1] += "… ข้อมูลยังมีต่อ ขอสำเนาฉบับเต็มได้ที่สำนักงานเทศบาล"
    return [build.text(chunk.strip()) for chunk in chunks]


def ask_erase() -> Message:
    return build.text(
        "ต้องการให้ลบข้อมูลส่วนบุคคลของท่านข้างต้นใช่ไหม?\n"
        "ระบบจะลบรายละเอียด รูป ตำแหน่ง ชื่อและเบอร์โทรในเรื่องที่ท่านส่ง ความเห็นในผลประเมิน "
        "ข้อความที่ท่านส่งมา และความเชื่อมโยงกับบัญชีไลน์ของท่าน "
        "ส่วนเลขที่เรื่อง ประเภท วันที่ สถานะ และคะแนนประเมิน ยังนับในสถิติของเทศบาลโดยไม่ระบุตัวตน\n"
        "เมื่อลบแล้วจะติดตามเรื่องเดิมไม่ได้อีก และกู้คืนไม่ได้",
        quick_replies=[
            build.postback("ยืนยันลบข้อมูล", "privacy.erase", display="ยืนยันลบข้อมูล"),
            build.postback("ยกเลิก", "privacy.cancel", display="ยกเลิก"),
        ],
    )


def erased(cases: int, photos: int, ratings: int) -> Message:
    return build.text(
        "ลบข้อมูลส่วนบุคคลของท่านแล้ว\n"
        f"• เรื่องที่ส่ง {cases} เรื่อง (ลบรายละเอียดและข้อมูลติดต่อ คงไว้เพียงสถิติโดยไม่ระบุตัวตน)\n"
        f"• รูปประกอบ {photos} รูป\n"
        f"• ผลประเมิน {ratings} รายการ (คงไว้เพียงคะแนน)\n"
        "• ข้อความที่ท่านส่งมา และความเชื่อมโยงกับบัญชีไลน์ของท่าน\n"
        "หากส่งเรื่องใหม่ภายหลัง ระบบจะเก็บข้อมูลตามที่แจ้งไว้ในประกาศความเป็นส่วนตัว"
    )


def erase_cancelled() -> Message:
    return build.text("ยกเลิกแล้ว ไม่ได้ลบข้อมูลใด ๆ")


def erase_nudge() -> Message:
    return build.text('กด "ยืนยันลบข้อมูล" เพื่อลบ หรือ "ยกเลิก" เพื่อเก็บไว้ตามเดิม')


def staff_data() -> Message:
    return build.text(
        "ข้อมูลของเจ้าหน้าที่ (ชื่อ หน่วยงาน รายงานผล) เป็นข้อมูลการปฏิบัติงานของหน่วยงาน "
        "หากต้องการสำเนาหรือให้แก้ไข กรุณาติดต่อผู้ดูแลระบบของหน่วยงาน"
    )
