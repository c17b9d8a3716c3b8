"""What the bot says about a case as it moves: to its handlers, to its sender, and in the
lists. Each message prints its numbers (the reference too) in one digit system, the
agency's (`digits`), and speaks as a municipality's LINE account does: short, polite,
the next step named."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from messages_th import build
from messages_th.build import Message
from messages_th.case_words import STAGES
from messages_th.digits import digits
from messages_th.thai_calendar import format_date

if TYPE_CHECKING:
    from usecases.cases import CaseLine

REOPEN_DAYS = 14

#: the labels of a case's signed page (`web/templates/case.html`)
PAGE = {
    "title": "เรื่องเลขที่",
    "sent": "แจ้งเมื่อ",
    "details": "รายละเอียด",
    "place": "ตำแหน่ง",
    "pinned": "ปักหมุดไว้",
    "none": "ไม่ระบุ",
    "map": "เปิดแผนที่",
    "contact": "ติดต่อกลับ",
    "anonymous": "ไม่ระบุตัวตน",
    "unit": "ผู้รับผิดชอบ",
    "heads": "ผู้บริหาร",
    "photos": "รูปภาพ",
    "photo": "รูปจากผู้แจ้ง",
    "after": "รูปหลังดำเนินการ",
    "no_photos": "ไม่มีรูปภาพ",
    "history": "ความเคลื่อนไหว",
    "citizen": "ผู้แจ้ง",
    "what": {
        "new": "แจ้งเรื่อง",
        "take": "รับเรื่อง",
        "hand_on": "มอบเรื่อง",
        "forward": "ส่งต่อ",
        "answer": "ตอบ",
        "note": "แจ้งเพิ่มเติม",
        "close": "ปิดเรื่อง",
        "rate": "ให้คะแนน",
        "reopen": "เปิดเรื่องอีกครั้ง",
        "publish": "เผยแพร่",
        "unpublish": "ยกเลิกการเผยแพร่",
    },
}


def stage_name(stage: str) -> str:
    return STAGES.get(stage, stage)


def _text(body: str, quick_replies: list[dict] | None = None) -> Message:
    return build.text(digits(body), quick_replies=quick_replies)


def _follow(ref: str) -> dict:
    return build.say("ติดตามเรื่อง", digits(f"ติดตาม {ref}"))


# -- to a case's handlers ------------------------------------------------------------------


def map_url(latitude: float, longitude: float) -> str:
    return f"https://www.google.com/maps/search/?api=1&query={latitude:.6f},{longitude:.6f}"


def notify_staff(
    ref: str,
    topic: str,
    text: str,
    photos: int,
    address: str | None,
    point: tuple[float | None, float | None] | None,
    contact: str | None,
    page_url: str | None,
) -> Message:
    """A new (or forwarded) case: its words, where and who, the photos and map on its signed
    page, and what the handler can do."""
    where = address or ("ปักหมุดไว้" if point else "ไม่ระบุ")
    body = [
        build.label(digits(f"{topic} เลขที่ {ref}"), bold=True),
        build.label(digits(build.clip(text, 800)), size="sm"),
        build.key_value("รูปภาพ", digits(f"{photos} รูป") if photos else "ไม่มี"),
        build.key_value("ตำแหน่ง", digits(where)),
        build.key_value("ติดต่อกลับ", digits(contact) if contact else "ไม่ระบุตัวตน"),
    ]
    links = []
    if page_url and (photos or point):
        links.append(build.button(build.link("ดูรูปและแผนที่", page_url)))
    elif page_url:
        links.append(build.button(build.link("ดูรายละเอียด", page_url)))
    if point and point[0] is not None and point[1] is not None:
        links.append(build.button(build.link("เปิดแผนที่", map_url(point[0], point[1]))))
    card = build.bubble(
        body,
        header=[build.label("เรื่องใหม่จากประชาชน", colour="#FFFFFF", bold=True)],
        footer=[
            *links,
            build.box(
                [
                    build.button(
                        build.postback(
                            "รับเรื่อง", "case.take", display=digits(f"รับเรื่อง {ref}"), r=ref
                        ),
                        primary=True,
                    ),
                    build.button(
                        build.postback("ตอบ", "suggest.answer", display=digits(f"ตอบ {ref}"), r=ref)
                    ),
                    build.button(
                        build.postback(
                            "ปิดเรื่อง", "suggest.close", display=digits(f"ปิด {ref}"), r=ref
                        )
                    ),
                ],
                layout="horizontal",
                spacing="sm",
            ),
        ],
    )
    return build.flex(
        digits(f"เรื่องใหม่จากประชาชน {ref} ({topic}): {build.clip(text, 150)} กดรับเรื่องเพื่อดำเนินการ"),
        card,
    )


def handed_to_you(ref: str, topic: str, text: str, by: str) -> Message:
    return _text(
        f"{by} มอบเรื่อง {ref} ({topic}) ให้ท่านดำเนินการ:\n{build.clip(text, 300)}",
        [
            build.postback("ตอบ", "suggest.answer", display=digits(f"ตอบ {ref}"), r=ref),
            build.postback("ปิดเรื่อง", "suggest.close", display=digits(f"ปิด {ref}"), r=ref),
        ],
    )


def with_handler_actions(message: Message, ref: str, stage: str, page_url: str) -> Message:
    """A case as its handler sees it, with what they can do next: its page (photos, map,
    history), and, while it is open, take, answer and close."""
    actions = [build.link("ดูรูปและแผนที่", page_url)]
    if stage not in ("done", "out_of_scope"):
        actions = [
            build.postback("รับเรื่อง", "case.take", display=f"รับเรื่อง {ref}", r=ref),
            build.postback("ตอบ", "suggest.answer", display=f"ตอบ {ref}", r=ref),
            build.postback("ปิดเรื่อง", "suggest.close", display=f"ปิด {ref}", r=ref),
            *actions,
        ]
    return build.with_quick_replies(message, actions)


def reopened_to_staff(ref: str, reason: str) -> Message:
    return _text(
        f"ผู้แจ้งขอเปิดเรื่อง {ref} อีกครั้ง เหตุผล: {build.clip(reason, 300)}",
        [
            build.postback("ตอบ", "suggest.answer", display=digits(f"ตอบ {ref}"), r=ref),
            build.postback("ปิดเรื่อง", "suggest.close", display=digits(f"ปิด {ref}"), r=ref),
        ],
    )


# -- to the sender ---------------------------------------------------------------------------


def in_progress(ref: str) -> Message:
    return _text(f"เรื่อง {ref}: เจ้าหน้าที่รับเรื่องแล้ว กำลังดำเนินการ", [_follow(ref)])


def forwarded(ref: str, unit: str | None) -> Message:
    to = unit or "ผู้บริหาร"
    return _text(f"เรื่อง {ref}: ส่งต่อให้{to}ดำเนินการแล้ว", [_follow(ref)])


def answered(ref: str, answer: str) -> Message:
    return _text(f"เรื่อง {ref}: เจ้าหน้าที่แจ้งว่า\n{answer}", [_follow(ref)])


def _rate_buttons(ref: str) -> list[dict]:
    stars = ["1 ⭐", "2 ⭐⭐", "3 ⭐⭐⭐", "4 ⭐⭐⭐⭐", "5 ⭐⭐⭐⭐⭐"]
    return [
        *[
            build.postback(digits(s), "case.rate", display=digits(s), r=ref, s=n)
            for n, s in enumerate(stars, 1)
        ],
        build.postback("ขอเปิดเรื่องอีกครั้ง", "case.reopen", display="ขอเปิดเรื่องอีกครั้ง", r=ref),
    ]


def done_to_citizen(ref: str, result: str, answer: str, photo_url: str | None) -> Message:
    """Closed as done: what was done when the staff member said it (`result`), else their
    last answer as such (an answer may only have promised the repair)."""
    lines = [f"เรื่อง {ref} ดำเนินการเสร็จสิ้นแล้ว"]
    if result:
        lines.append(f"ผลการดำเนินการ: {result}")
    elif answer:
        lines.append(f"คำตอบล่าสุดของเจ้าหน้าที่: {answer}")
    if photo_url:
        lines.append(f"รูปหลังดำเนินการ: {photo_url}")
    lines.append(
        f"ช่วยให้คะแนนการดำเนินการเรื่องนี้ (1–5) หากยังไม่เรียบร้อย ขอเปิดเรื่องอีกครั้งได้ภายใน {REOPEN_DAYS} วัน"
    )
    return _text("\n".join(lines), _rate_buttons(ref))


def out_of_scope_to_citizen(ref: str, reason: str) -> Message:
    return _text(
        f"เรื่อง {ref} ไม่อยู่ในอำนาจหน้าที่ของเทศบาล\nเหตุผล: {reason or 'ไม่ระบุ'}\n"
        "ช่วยให้คะแนนการดำเนินการเรื่องนี้ (1–5)",
        _rate_buttons(ref),
    )


def rated(ref: str, score: int) -> Message:
    return _text(f"บันทึกคะแนน {score}/5 สำหรับเรื่อง {ref} แล้ว ขอบคุณครับ 🙏")


def already_rated(ref: str, score: int) -> Message:
    return _text(f"เรื่อง {ref} ให้คะแนนไว้แล้ว ({score}/5) ขอบคุณครับ")


def not_closed(ref: str) -> Message:
    return _text(f"เรื่อง {ref} ยังดำเนินการอยู่ ให้คะแนนหรือขอเปิดเรื่องได้เมื่อปิดเรื่องแล้ว", [_follow(ref)])


def ask_reopen_reason(ref: str) -> Message:
    return _text(
        f"ขอเปิดเรื่อง {ref} อีกครั้ง: พิมพ์เหตุผลสั้น ๆ เช่น ยังซ่อมไม่เสร็จ",
        [build.postback("ยกเลิก", "suggest.cancel", display="ยกเลิก")],
    )


def reopened(ref: str) -> Message:
    return _text(f"เปิดเรื่อง {ref} อีกครั้งแล้ว เจ้าหน้าที่จะดำเนินการและแจ้งกลับทางไลน์นี้", [_follow(ref)])


def too_late(ref: str, closed_on: date) -> Message:
    return _text(
        f"เรื่อง {ref} ปิดไปเมื่อ {format_date(closed_on)} เกิน {REOPEN_DAYS} วันแล้ว "
        'แจ้งเป็นเรื่องใหม่ได้ด้วยคำว่า "ร้องเรียน"',
        [build.say("ร้องเรียน")],
    )


# -- to the staff member acting ----------------------------------------------------------------


def taken(ref: str) -> Message:
    return _text(
        f"รับเรื่อง {ref} แล้ว แจ้งผู้ส่งว่ากำลังดำเนินการแล้ว",
        [
            build.postback("ตอบ", "suggest.answer", display=digits(f"ตอบ {ref}"), r=ref),
            build.postback("ปิดเรื่อง", "suggest.close", display=digits(f"ปิด {ref}"), r=ref),
        ],
    )


def handed_on(ref: str, name: str) -> Message:
    return _text(f"มอบเรื่อง {ref} ให้ {name} แล้ว")


def no_such_person(ref: str, name: str) -> Message:
    return _text(f'มอบเรื่อง {ref} ให้ "{name}" ไม่ได้ ต้องเป็นเจ้าหน้าที่ของหน่วยงานที่รับผิดชอบเรื่องนี้ที่เชื่อมไลน์แล้ว')


def forwarded_saved(ref: str, unit: str | None) -> Message:
    return _text(f"ส่งต่อเรื่อง {ref} ให้{unit or 'ผู้บริหาร'}แล้ว และแจ้งผู้ส่งแล้ว")


def no_such_topic(name: str, names: Sequence[str]) -> Message:
    return _text(f'ไม่มีหมวด "{name}" หมวดที่มี: {", ".join(names)}')


def forward_needs_topic(ref: str, names: Sequence[str]) -> Message:
    return _text(
        f'พิมพ์หมวดต่อท้าย เช่น "ส่งต่อ {ref} {names[0] if names else "ขยะ"}" หมวดที่มี: {", ".join(names)}'
    )


def hand_on_needs_name(ref: str) -> Message:
    return _text(f'พิมพ์ชื่อเจ้าหน้าที่ต่อท้าย เช่น "มอบ {ref} สมชาย ใจดี"')


def ask_close(ref: str) -> Message:
    return _text(
        f"ปิดเรื่อง {ref}: ส่งรูปหลังดำเนินการได้ 1 รูป หรือพิมพ์ผลการดำเนินการ หรือกด ปิดเลย",
        [
            build.camera("ถ่ายรูป"),
            build.camera_roll("เลือกรูป"),
            build.postback("ปิดเลย", "case.close_now", display="ปิดเลย"),
            build.postback("ยกเลิก", "suggest.cancel", display="ยกเลิก"),
        ],
    )


def closed_saved(ref: str, stage: str) -> Message:
    return _text(f"ปิดเรื่อง {ref} แล้ว สถานะ: {stage_name(stage)}")


def out_of_scope_needs_reason(ref: str) -> Message:
    return _text(f'พิมพ์เหตุผลต่อท้าย เช่น "ไม่อยู่ในอำนาจ {ref} เป็นถนนของกรมทางหลวง"')


def published(ref: str, on: bool) -> Message:
    if on:
        return _text(f"เรื่อง {ref} แสดงบนหน้าสาธารณะแล้ว (เฉพาะข้อความ ไม่มีชื่อ เบอร์โทร หรือบัญชีไลน์)")
    return _text(f"นำเรื่อง {ref} ออกจากหน้าสาธารณะแล้ว")


def heads_only() -> Message:
    return _text("คำสั่งนี้สำหรับหัวหน้าเท่านั้น")


def answer_kept(ref: str, answer: str) -> Message:
    """The staff member typed an answer while the case was closed: nothing is lost."""
    return _text(
        f"เรื่อง {ref} ถูกปิดไปแล้วระหว่างที่ท่านพิมพ์ ข้อความของท่านยังอยู่:\n“{build.clip(answer, 500)}”\n"
        "ต้องการส่งข้อความนี้ถึงผู้แจ้งเพิ่มเติม หรือเปิดเรื่องอีกครั้งแล้วส่ง?",
        [
            build.postback("ส่งถึงผู้แจ้ง", "case.kept_send", display="ส่งถึงผู้แจ้ง"),
            build.postback("เปิดเรื่องแล้วส่ง", "case.kept_reopen", display="เปิดเรื่องแล้วส่ง"),
            build.postback("ทิ้งข้อความ", "suggest.cancel", display="ทิ้งข้อความ"),
        ],
    )


def note_after_close(ref: str, answer: str) -> Message:
    return _text(f"เรื่อง {ref} (ปิดแล้ว): เจ้าหน้าที่แจ้งเพิ่มเติมว่า\n{answer}", [_follow(ref)])


def kept_sent(ref: str) -> Message:
    return _text(f"ส่งข้อความเพิ่มเติมเรื่อง {ref} ถึงผู้แจ้งแล้ว")


# -- lists ---------------------------------------------------------------------------------------


def my_cases(cases: Sequence[CaseLine], *, staff: bool) -> Message:
    if not cases:
        if staff:
            return _text("ไม่มีเรื่องที่รอดำเนินการในความรับผิดชอบของท่าน")
        return _text(
            'ท่านยังไม่มีเรื่องที่แจ้งไว้ แจ้งเรื่องได้ด้วยคำว่า "ร้องเรียน" หรือ "เสนอแนะ"',
            [build.say("ร้องเรียน"), build.say("เสนอแนะ")],
        )
    head = "เรื่องที่รอดำเนินการ" if staff else "เรื่องที่ท่านแจ้งไว้"
    lines = [f"{head} {len(cases)} เรื่อง"]
    for case in cases:
        lines.append(
            f"• {case.ref} {case.topic}: {stage_name(case.stage)} (แจ้งเมื่อ {format_date(case.sent_on)})"
        )
    return _text(
        "\n".join(lines),
        [build.say(digits(c.ref), digits(f"ติดตาม {c.ref}")) for c in cases[:10]],
    )


def overdue(cases: Sequence[CaseLine]) -> Message:
    if not cases:
        return _text("ไม่มีเรื่องที่เกินกำหนดเวลา 👍")
    lines = [f"เรื่องที่เกินกำหนดเวลา {len(cases)} เรื่อง"]
    for case in cases[:20]:
        late = (
            f"{case.overdue_hours // 24} วัน"
            if case.overdue_hours >= 24
            else f"{case.overdue_hours} ชั่วโมง"
        )
        lines.append(f"• {case.ref} {case.topic}: {stage_name(case.stage)} เกินกำหนด {late}")
    return _text("\n".join(lines))
