"""What the bot says to citizens: the measures, the ITA scores, answers to questions,
the suggestion form and its follow-up, ratings. Everything here is public information."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from messages_th import build, labels
from messages_th.build import Message
from messages_th.case_words import STAGES
from messages_th.digits import digits, score
from messages_th.thai_calendar import format_date, format_month, format_month_short

if TYPE_CHECKING:
    from usecases.public import AboutIndicator, MeasureCard, MeasureDetail, Scores

# -- words citizens type ---------------------------------------------------------------

MEASURES = ("มาตรการ", "ดูมาตรการ", "มาตรการทั้งหมด", "ความคืบหน้า")
MEASURE_NUMBER = r"^มาตรการ\s*(?:ข้อ|ที่)?\s*(\d{1,3})$"
ITA = ("ITA", "คะแนน ITA", "คะแนนITA", "ผลITA", "ผลการประเมิน ITA", "คะแนน", "ผลการประเมิน", "ไอทีเอ")
SUGGEST = ("เสนอแนะ", "ข้อเสนอแนะ", "แนะนำ", "ส่งข้อเสนอแนะ")
COMPLAIN = ("ร้องเรียน", "แจ้งเรื่อง", "ร้องทุกข์")
FOLLOW = "ติดตาม"
#: words around a name and phone number that are neither (`reading/contact.py`)
CONTACT_LABELS = ("ชื่อ", "เบอร์โทร", "เบอร์", "โทร", "tel")
ANSWER = "ตอบ"
CLOSE = "ปิด"
RATE = ("ประเมิน", "ประเมินบริการ", "ให้คะแนน", "ความพึงพอใจ")
SKIP = ("ข้าม", "ไม่มี", "ไม่ต้อง", "ถัดไป")
SEND = ("ส่ง", "ยืนยัน", "ส่งเรื่อง")
ANONYMOUS = ("ไม่ระบุตัวตน", "ไม่ระบุชื่อ", "ไม่ประสงค์ออกนาม")
CONSENT = ("ยินยอม",)
NO_CONSENT = ("ไม่ยินยอม",)

CATEGORIES = ("ข้อเสนอแนะ", "ร้องเรียน", "ชมเชย", "สอบถาม")
COMPLAINT_CATEGORY = "ร้องเรียน"
SUGGESTION_CATEGORY = "ข้อเสนอแนะ"
PRAISE_CATEGORY = "ชมเชย"
QUESTION_CATEGORY = "สอบถาม"
#: the label before the evaluators' advice on an indicator, unless the advice has its own
ADVICE_LABEL = "ข้อเสนอแนะจากการประเมิน"
ADVICE_WORD = "ข้อเสนอแนะ"


def _menu() -> list[dict]:
    return [build.say("มาตรการ"), build.say("คะแนน ITA"), build.say("เสนอแนะ"), build.say("ประเมิน")]


def _full_menu() -> list[dict]:
    """Everything a citizen can do, complaints first: for a message that fit nothing."""
    return [
        build.say("ร้องเรียน"),
        build.say("เสนอแนะ"),
        build.say("มาตรการ"),
        build.say("คะแนน ITA"),
        build.say("ติดตามเรื่อง", "ติดตาม"),
        build.say("ประเมิน"),
        build.say("ช่วยเหลือ"),
    ]


# -- measures --------------------------------------------------------------------------


def measures(agency: str, fiscal_year: int, cards: list[MeasureCard], page_url: str) -> Message:
    bubbles = []
    for card in cards[:12]:
        last = f"รายงานล่าสุด: {format_month(card.last_month)}" if card.last_month else "ยังไม่มีรายงาน"
        bubbles.append(
            build.bubble(
                [
                    build.label(build.clip(card.title, 140), bold=True, size="sm"),
                    build.label(f"ความคืบหน้า {card.percent:.0f}%", size="xs", colour=build.MUTED),
                    build.progress_bar(card.percent),
                    build.label(last, size="xs", colour=build.MUTED),
                ],
                header=[build.label(f"มาตรการ {card.number}", colour="#FFFFFF", bold=True)],
                footer=[
                    build.button(
                        build.postback(
                            "ดูรายละเอียด",
                            "citizen.measure",
                            display=f"มาตรการ {card.number}",
                            m=card.number,
                        ),
                        primary=True,
                    )
                ],
            )
        )
    alt = f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส {agency} ปี {fiscal_year}: " + ", ".join(
        f"ข้อ {c.number} {c.percent:.0f}%" for c in cards
    )
    return build.flex(
        alt,
        build.carousel(bubbles) if len(bubbles) > 1 else bubbles[0],
        quick_replies=[build.link("หน้าเว็บความคืบหน้า", page_url), *_menu()[1:]],
    )


def measure_detail(measure: MeasureDetail) -> Message:
    number, title, unit, period = measure.number, measure.title, measure.unit, measure.period
    percent, actions = measure.percent, measure.actions
    body = [
        build.label(build.clip(title, 200), bold=True, size="sm"),
        build.key_value("ผู้รับผิดชอบ", unit or "-"),
        build.key_value("ระยะเวลา", period or "-"),
        build.label(f"ความคืบหน้า {percent:.0f}%", size="xs", colour=build.MUTED),
        build.progress_bar(percent),
        build.separator(),
    ]
    for action in actions:
        colour = build.STATUS_COLOUR.get(action.status, build.DARK)
        when = f" ({format_month_short(action.month)})" if action.month else ""
        body.append(
            build.label(
                f"{number}.{action.number} {build.clip(action.text, 90)}", size="xs", bold=True
            )
        )
        body.append(
            build.label(
                f"{labels.status(action.status)} {action.percent}%{when}", size="xs", colour=colour
            )
        )
        if action.detail:
            body.append(build.label(build.clip(action.detail, 160), size="xs", colour=build.MUTED))
    alt = f"มาตรการ {number}: ความคืบหน้า {percent:.0f}% — " + ", ".join(
        f"{number}.{a.number} {a.percent}%" for a in actions
    )
    return build.flex(
        alt,
        build.bubble(body, header=[build.label(f"มาตรการ {number}", colour="#FFFFFF", bold=True)]),
        quick_replies=_menu(),
    )


def no_such_measure(number: int, available: list[int]) -> Message:
    listed = ", ".join(str(n) for n in available)
    return build.text(f"ไม่มีมาตรการข้อ {number} (มีข้อ {listed})", quick_replies=_menu())


def no_plan() -> Message:
    return build.text("ยังไม่มีแผนมาตรการเผยแพร่ในขณะนี้", quick_replies=[build.say("ช่วยเหลือ")])


# -- ITA -------------------------------------------------------------------------------


def ita(scores: Scores) -> Message:
    agency, fiscal_year, overall, level = (
        scores.agency,
        scores.fiscal_year,
        scores.score,
        scores.level,
    )
    groups = scores.groups
    body = [
        build.label(agency, size="xs", colour=build.MUTED),
        build.label(f"{score(overall)} คะแนน ระดับ {level or '-'}", bold=True, size="xl"),
    ]
    lines = [f"ผลการประเมิน ITA {agency}: {score(overall)} คะแนน ระดับ {level or '-'}"]
    for group, items in groups:
        body.append(build.separator())
        body.append(build.label(labels.GROUP[group], size="xs", colour=build.MUTED))
        for number, name, value in sorted(items, key=lambda i: -(i[2] or 0)):
            body.append(
                build.box(
                    [
                        build.label(f"{number}. {name}", size="xs", flex=5),
                        build.label(score(value), size="xs", flex=2, align="end", bold=True),
                    ],
                    layout="horizontal",
                )
            )
            body.append(build.progress_bar(value or 0, height="4px"))
            lines.append(f"{number}. {name} {score(value)}")
    card = build.bubble(
        body,
        header=[build.label(f"คะแนน ITA ปีงบประมาณ {fiscal_year}", colour="#FFFFFF", bold=True)],
        size="giga",
    )
    return build.flex(build.clip(" · ".join(lines), 400), card, quick_replies=_menu())


def indicator(found: AboutIndicator) -> Message:
    text = (
        f"ตัวชี้วัดที่ {found.number} {found.name} ({found.group}) ได้ {score(found.score)} คะแนน "
        f"อันดับ {found.rank} จาก {found.count} ตัวชี้วัด"
    )
    if found.advice:
        text += f"\n\n{_labelled_advice(found.advice.strip())}"
    return build.text(text, quick_replies=[build.say("คะแนน ITA"), build.say("มาตรการ")])


def _labelled_advice(advice: str) -> str:
    """The advice under its label, once: advice that begins with the word already carries it
    ("ข้อเสนอแนะจากการประเมิน OIT พบว่า…")."""
    if advice.startswith(ADVICE_WORD):
        return build.clip(advice, 600)
    return f"{ADVICE_LABEL}: {build.clip(advice, 600)}"


def measure_answer(number: int) -> str:
    return f"คำถามนี้เกี่ยวกับมาตรการข้อ {number} ครับ"


def overview_answer() -> str:
    return (
        "คำถามนี้เกี่ยวกับมาตรการส่งเสริมคุณธรรมและความโปร่งใสของเทศบาลโดยรวม นี่คือมาตรการทั้งหมดและความคืบหน้าครับ"
    )


def not_matched() -> Message:
    return build.text(
        "ขออภัย ยังหาคำตอบของคำถามนี้ในแผนมาตรการไม่พบ ลองเลือกจากเมนูด้านล่าง "
        "หรือแจ้งเรื่องร้องเรียน/ข้อเสนอแนะถึงเจ้าหน้าที่ได้เลย",
        quick_replies=_full_menu(),
    )


# -- a friendly word back ----------------------------------------------------------------


def you_are_welcome() -> Message:
    return build.text(
        "ยินดีครับ 🙏 มีอะไรให้ช่วยเพิ่มเติม พิมพ์ถามหรือเลือกจากเมนูด้านล่างได้เลยครับ",
        quick_replies=_full_menu(),
    )


def hello() -> Message:
    return build.text(
        "สวัสดีครับ 🙏 สอบถามเรื่องมาตรการ คะแนน ITA หรือแจ้งเรื่องร้องเรียน/ข้อเสนอแนะถึงเทศบาลได้เลยครับ",
        quick_replies=_full_menu(),
    )


def small_talk() -> Message:
    return build.text(
        "😊 มีเรื่องอยากถามหรืออยากแจ้งเทศบาล พิมพ์มาได้เลย หรือเลือกจากเมนูด้านล่างครับ",
        quick_replies=_full_menu(),
    )


def privacy_request() -> str:
    return (
        "คำขอเกี่ยวกับข้อมูลส่วนบุคคลของท่าน (เช่น ขอดู ขอแก้ หรือขอลบ) "
        "จะส่งถึงเจ้าหน้าที่ผู้รับผิดชอบเมื่อกดส่งเรื่อง และเจ้าหน้าที่จะตอบทางไลน์นี้"
    )


def slow_down() -> Message:
    return build.text("ได้รับข้อความจำนวนมากในเวลาสั้น ๆ ขอเวลาสักครู่แล้วค่อยส่งใหม่นะครับ 🙏")


# -- the suggestion form ---------------------------------------------------------------


def _cancel() -> dict:
    return build.postback("ยกเลิก", "suggest.cancel", display="ยกเลิก")


def ask_category() -> Message:
    return build.text(
        "ส่งเรื่องถึงเทศบาล: เลือกประเภทของเรื่อง",
        quick_replies=[
            *[build.postback(c, "suggest.category", display=c, c=c) for c in CATEGORIES],
            _cancel(),
        ],
    )


def ask_text(category: str) -> Message:
    return build.text(
        f"{category}: พิมพ์รายละเอียดได้เลย (เช่น สถานที่ เวลา สิ่งที่พบ หรือข้อเสนอ)", quick_replies=[_cancel()]
    )


def case_started(category: str, typed: str) -> str:
    """The form begun from what the citizen typed: it is kept, nothing is sent yet."""
    return f"รับเรื่อง{category}ไว้ในแบบฟอร์มแล้วครับ: “{build.clip(typed, 200)}”\nยังไม่ได้ส่ง เพิ่มรายละเอียดในขั้นถัดไป แล้วกดส่งเรื่องเพื่อยืนยัน"


def text_too_short() -> str:
    return "ขอรายละเอียดอีกสักหน่อย (อย่างน้อย 5 ตัวอักษร) เพื่อให้เจ้าหน้าที่เข้าใจเรื่อง"


def ask_photo(count: int, limit: int) -> Message:
    body = (
        f"แนบรูปแล้ว {count} รูป ส่งเพิ่มได้อีก {limit - count} รูป หรือกด ถัดไป"
        if count
        else "มีรูปประกอบไหม? ส่งได้สูงสุด 3 รูป หรือกด ข้าม"
    )
    return build.text(
        body,
        quick_replies=[
            build.camera("ถ่ายรูป"),
            build.camera_roll("เลือกรูป"),
            build.postback("ถัดไป" if count else "ข้าม", "suggest.skip", display="ข้าม"),
            _cancel(),
        ],
    )


def ask_location() -> Message:
    return build.text(
        "ต้องการระบุตำแหน่งที่เกิดเรื่องไหม? กดส่งตำแหน่ง หรือกด ข้าม",
        quick_replies=[
            build.location_picker("ส่งตำแหน่ง"),
            build.postback("ข้าม", "suggest.skip", display="ข้าม"),
            _cancel(),
        ],
    )


def ask_contact() -> Message:
    return build.text(
        'ต้องการให้เจ้าหน้าที่ติดต่อกลับไหม? พิมพ์ชื่อและเบอร์โทร เช่น "สมศรี 081-234-5678" หรือกด ไม่ระบุตัวตน\n'
        "ไม่ว่าแบบใด ท่านจะได้รับคำตอบทางไลน์นี้",
        quick_replies=[
            build.postback("ไม่ระบุตัวตน", "suggest.anonymous", display="ไม่ระบุตัวตน"),
            _cancel(),
        ],
    )


def ask_consent(name: str, phone: str) -> Message:
    return build.text(
        f'ยินยอมให้เทศบาลเก็บชื่อ "{name}" และเบอร์ {phone} ไว้เพื่อติดต่อกลับเรื่องนี้เท่านั้นหรือไม่? '
        "ข้อมูลนี้เห็นได้เฉพาะเจ้าหน้าที่ผู้รับผิดชอบ",
        quick_replies=[
            build.postback("ยินยอม", "suggest.consent", display="ยินยอม", y=1),
            build.postback("ไม่ยินยอม", "suggest.consent", display="ไม่ยินยอม", y=0),
            _cancel(),
        ],
    )


def contact_unclear() -> str:
    return 'อ่านชื่อและเบอร์โทรไม่ได้ ให้พิมพ์ชื่อตามด้วยเบอร์ เช่น "สมศรี 081-234-5678" หรือกด ไม่ระบุตัวตน'


def confirm(category: str, text: str, photos: int, located: bool, contact: str | None) -> Message:
    body = [
        build.key_value("ประเภท", category),
        build.key_value("รายละเอียด", build.clip(text, 500)),
        build.key_value("รูปภาพ", f"{photos} รูป" if photos else "ไม่มี"),
        build.key_value("ตำแหน่ง", "มี" if located else "ไม่ระบุ"),
        build.key_value("ติดต่อกลับ", contact or "ไม่ระบุตัวตน"),
    ]
    card = build.bubble(
        body,
        header=[build.label("ตรวจสอบก่อนส่งเรื่อง", colour="#FFFFFF", bold=True)],
        footer=[
            build.box(
                [
                    build.button(build.postback("ยกเลิก", "suggest.cancel", display="ยกเลิก")),
                    build.button(
                        build.postback("ส่งเรื่อง", "suggest.send", display="ส่งเรื่อง"), primary=True
                    ),
                ],
                layout="horizontal",
                spacing="sm",
            )
        ],
    )
    return build.flex(
        f"ตรวจสอบก่อนส่งเรื่อง: {category} — {build.clip(text, 120)} กด ส่งเรื่อง",
        card,
        quick_replies=[build.postback("ส่งเรื่อง", "suggest.send", display="ส่งเรื่อง"), _cancel()],
    )


#: what was received, as one says it (not "ได้รับร้องเรียนแล้ว")
RECEIVED_AS = {
    "ร้องเรียน": "เรื่องร้องเรียน",
    "ข้อเสนอแนะ": "ข้อเสนอแนะ",
    "ชมเชย": "คำชมเชย",
    "สอบถาม": "คำถาม",
}


def received(ref: str, category: str) -> Message:
    what = RECEIVED_AS.get(category, "เรื่อง")
    return build.text(
        f"ได้รับ{what}ของท่านแล้ว ขอบคุณที่แจ้งเข้ามาครับ 🙏\nเลขที่เรื่อง {ref}\n"
        f'เจ้าหน้าที่จะแจ้งความคืบหน้าทางไลน์นี้ ดูเรื่องที่แจ้งไว้ได้ด้วยคำว่า "ติดตาม"',
        quick_replies=[build.say("ติดตามเรื่อง", f"ติดตาม {ref}"), build.say("มาตรการ")],
    )


def suggestion_cancelled() -> Message:
    return build.text("ยกเลิกการส่งเรื่องแล้ว ไม่มีการบันทึกใด ๆ", quick_replies=_menu())


def suggestion_timed_out() -> Message:
    return build.text(
        'แบบฟอร์มส่งเรื่องหมดเวลาแล้ว (ไม่มีการตอบเกิน 30 นาที) ไม่มีการบันทึก เริ่มใหม่ได้ด้วยคำว่า "เสนอแนะ"',
        quick_replies=_menu(),
    )


def suggestion_limit() -> Message:
    return build.text(
        "วันนี้ท่านส่งเรื่องครบจำนวนที่รับได้แล้ว (5 เรื่องต่อวัน) ส่งเพิ่มได้พรุ่งนี้ หรือติดต่อสำนักงานเทศบาลโดยตรง"
    )


def in_form_nudge() -> str:
    return 'ขณะนี้กำลังกรอกแบบฟอร์มส่งเรื่องอยู่ ตอบคำถามด้านล่าง หรือพิมพ์ "ยกเลิก" เพื่อออก'


# -- staff: notifications and answers --------------------------------------------------


def ask_answer(ref: str) -> Message:
    return build.text(
        f"พิมพ์คำตอบถึงผู้ส่งเรื่อง {ref} ได้เลย (ผู้ส่งจะได้รับทางไลน์)",
        quick_replies=[build.postback("ยกเลิก", "suggest.cancel", display="ยกเลิก")],
    )


def answered_to_citizen(ref: str, answer: str) -> Message:
    return build.text(
        f"เรื่อง {ref} ได้รับคำตอบจากเจ้าหน้าที่:\n{answer}",
        quick_replies=[build.say("ติดตามเรื่อง", f"ติดตาม {ref}"), build.say("ประเมิน")],
    )


def closed_to_citizen(ref: str) -> Message:
    return build.text(
        f"เรื่อง {ref} ดำเนินการเสร็จและปิดเรื่องแล้ว ขอบคุณที่แจ้งเข้ามาครับ",
        quick_replies=[build.say("ประเมิน")],
    )


def answer_saved(ref: str) -> Message:
    return build.text(
        f"ส่งคำตอบเรื่อง {ref} ถึงผู้ส่งแล้ว",
        quick_replies=[build.postback("ปิดเรื่องนี้", "suggest.close", display=f"ปิด {ref}", r=ref)],
    )


def closed_saved(ref: str) -> Message:
    return build.text(f"ปิดเรื่อง {ref} แล้ว และแจ้งผู้ส่งแล้ว")


def already_closed(ref: str) -> Message:
    return build.text(f"เรื่อง {ref} ปิดไปแล้ว")


def answer_needs_text(ref: str) -> Message:
    return build.text(f'พิมพ์คำตอบต่อท้ายเลขเรื่อง เช่น "ตอบ {ref} ซ่อมไฟแล้ววันที่ 5"')


def no_such_suggestion(ref: str) -> Message:
    return build.text(f"ไม่พบเรื่องเลขที่ {ref} ในรายการของท่าน ตรวจเลขอีกครั้ง (เช่น S-2565-0001)")


def follow_needs_ref() -> Message:
    return build.text('พิมพ์ ติดตาม ตามด้วยเลขที่เรื่อง เช่น "ติดตาม S-2565-0001"')


STATUS = {"open": "รอเจ้าหน้าที่ตอบ", "answered": "ตอบแล้ว", "closed": "ปิดเรื่องแล้ว"}


def follow(
    ref: str,
    category: str,
    created: date,
    status: str,
    answer: str,
    text: str | None = None,
    contact: str | None = None,
    *,
    for_others: str | None = None,
    erased: bool = False,
    stage: str | None = None,
    topic: str = "",
) -> Message:
    """A case as its sender or its handlers see it; `for_others` (who handles it): as any
    other staff member sees it, its status only; `erased`: its sender's data was deleted."""
    kind = f"{category} หมวด{topic}" if topic else category
    lines = [
        f"เรื่อง {ref} ({kind}) แจ้งเมื่อ {format_date(created)}",
        f"สถานะ: {STAGES[stage] if stage in STAGES else STATUS.get(status, status)}",
    ]
    if erased:
        lines.append("ผู้ส่งขอให้ลบข้อมูลส่วนบุคคลของเรื่องนี้แล้ว คงไว้เพียงสถิติโดยไม่ระบุตัวตน")
    elif text is not None:
        lines.append(f"รายละเอียด: {text}")
    if contact:
        lines.append(f"ติดต่อกลับ: {contact}")
    if answer:
        lines.append(f"คำตอบ: {answer}")
    if for_others:
        lines.append(f"รายละเอียดและข้อมูลผู้ส่งเรื่องนี้เปิดดูได้เฉพาะ{for_others}")
    return build.text(digits("\n".join(lines)), quick_replies=_menu())


def sender_erased(ref: str) -> Message:
    return build.text(f"ผู้ส่งเรื่อง {ref} ขอให้ลบข้อมูลส่วนบุคคลแล้ว จึงส่งคำตอบถึงผู้ส่งไม่ได้ ปิดเรื่องได้ด้วย ปิด {ref}")


def case_owners(unit: str | None) -> str:
    """Who handles a case: the responsible unit's staff and the heads."""
    return f"เจ้าหน้าที่{unit}และหัวหน้า" if unit else "หัวหน้า"


def not_your_case(ref: str, owners: str) -> Message:
    return build.text(
        f"ขออภัยครับ เรื่อง {ref} ตอบหรือปิดได้เฉพาะ{owners} "
        "เพื่อคุ้มครองข้อมูลของผู้ส่งเรื่อง หากต้องการช่วยดำเนินการ กรุณาประสานผู้รับผิดชอบเรื่องนี้"
    )


# -- ratings ---------------------------------------------------------------------------


def ask_rating(month: date) -> Message:
    stars = ["1 ⭐", "2 ⭐⭐", "3 ⭐⭐⭐", "4 ⭐⭐⭐⭐", "5 ⭐⭐⭐⭐⭐"]
    return build.text(
        f"ความพึงพอใจต่อบริการของเทศบาลเดือน{format_month(month)} (1 = น้อยที่สุด, 5 = มากที่สุด)",
        quick_replies=[
            *[build.postback(s, "rate.score", display=s, s=n) for n, s in enumerate(stars, 1)],
            build.postback("ยกเลิก", "rate.cancel", display="ยกเลิก"),
        ],
    )


def ask_comment(score_given: int) -> Message:
    return build.text(
        f"ให้ {score_given} คะแนน มีข้อคิดเห็นเพิ่มเติมไหม? พิมพ์ได้เลย หรือกด ไม่มี",
        quick_replies=[build.postback("ไม่มี", "rate.skip", display="ไม่มี")],
    )


def rating_not_understood() -> str:
    return "ให้คะแนนเป็นตัวเลข 1 ถึง 5 ครับ"


def rated(score_given: int) -> Message:
    return build.text(
        f"บันทึกผลประเมิน {score_given}/5 แล้ว ขอบคุณที่ช่วยให้เทศบาลปรับปรุงบริการครับ 🙏",
        quick_replies=_menu(),
    )


def rated_already(score_given: int, month: date) -> Message:
    return build.text(
        f"ท่านประเมินเดือน{format_month(month)}ไปแล้ว ({score_given}/5) ประเมินได้เดือนละครั้ง ขอบคุณครับ",
        quick_replies=_menu(),
    )


def rating_cancelled() -> Message:
    return build.text("ยกเลิกการประเมินแล้ว", quick_replies=_menu())
