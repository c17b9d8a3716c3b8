"""What the bot says to staff: linking, the guided report, one-line reports, status."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from messages_th import build, labels
from messages_th.build import Message
from messages_th.digits import num
from messages_th.thai_calendar import format_date, format_month

if TYPE_CHECKING:
    from usecases.linking import Person
    from usecases.reporting import (
        ActionToReport,
        MeasureActions,
        MeasureLine,
        NextAction,
        Repeated,
        ReportSaved,
        Status,
        ToCorrect,
    )

REPORT_EXAMPLE = "รายงาน 1.2 50% จัดทำคู่มือแล้ว"
CODE_EXAMPLE = "ลงทะเบียน 7KQ2MX"

# -- words staff type ------------------------------------------------------------------

REPORT = ("รายงาน", "รายงานผล", "ส่งรายงาน", "รายงานความคืบหน้า")
STATUS = ("สถานะ", "สถานะรายงาน", "ดูสถานะ", "ยังไม่รายงาน")
WHOAMI = ("ฉันคือใคร", "ฉันเป็นใคร", "ข้อมูลของฉัน", "บัญชีของฉัน", "whoami")
REGISTER = "ลงทะเบียน"
CONFIRM = ("ยืนยัน", "ตกลง", "ยืนยันรายงาน", "ใช่", "ok")
EDIT = ("แก้ไข", "แก้", "แก้ไขรายงาน")
NO = ("ไม่ใช่", "ไม่", "ไม่ใช่ครับ", "ไม่ใช่ค่ะ", "no")
SKIP_EVIDENCE = ("ข้าม", "ไม่มี", "ไม่มีหลักฐาน", "ถัดไป", "เสร็จ", "พอแล้ว", "ต่อไป")
KEEP_DETAIL = ("ใช้ข้อความเดิม", "เหมือนเดิม")


# -- linking ---------------------------------------------------------------------------


def linked(person: Person) -> Message:
    lines = ["เชื่อมบัญชีเรียบร้อยแล้ว ✅", f"{person.name} ({labels.role(person.role)})"]
    if person.unit:
        lines.append(f"หน่วยงาน: {person.unit}")
    if person.measures:
        lines.append("มาตรการที่รายงาน:")
        lines += [f"{n}. {build.clip(title, 80)}" for n, title in person.measures]
    else:
        lines.append("ยังไม่มีมาตรการที่กำหนดให้รายงาน ผู้ดูแลระบบกำหนดได้")
    lines.append("")
    lines.append('พิมพ์ "รายงาน" เพื่อรายงานผลประจำเดือน หรือ "สถานะ" เพื่อดูสิ่งที่ยังไม่ได้รายงาน')
    return build.text(
        "\n".join(lines),
        quick_replies=[build.say("รายงาน"), build.say("สถานะ"), build.say("ช่วยเหลือ")],
    )


def code_wrong(tries_left: int) -> Message:
    return build.text(
        "รหัสนี้ใช้ไม่ได้: ไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว\n"
        f"ตรวจรหัส 6 ตัวอีกครั้ง (เช่น {CODE_EXAMPLE}) หรือขอรหัสใหม่จากผู้ดูแลระบบ\n"
        f"ลองได้อีก {tries_left} ครั้งในชั่วโมงนี้"
    )


def linking_locked(until: datetime) -> Message:
    return build.text(
        "ลองรหัสผิดหลายครั้งเกินไป จึงระงับการเชื่อมบัญชีของไลน์นี้ไว้ชั่วคราว\n"
        f"ลองใหม่ได้หลังเวลา {until.strftime('%H:%M')} น. หรือติดต่อผู้ดูแลระบบ"
    )


def linking_paused(until: datetime) -> Message:
    return build.text(
        "ขณะนี้มีการลองรหัสเชื่อมบัญชีผิดจำนวนมากจากหลายบัญชี "
        "ระบบจึงพักการเชื่อมบัญชีของทุกคนไว้ชั่วคราวเพื่อความปลอดภัย\n"
        f"ลองใหม่ได้หลังเวลา {until.strftime('%H:%M')} น. หรือติดต่อผู้ดูแลระบบ"
    )


def already_linked(name: str) -> Message:
    return build.text(
        f"ไลน์นี้เชื่อมกับบัญชีของ {name} อยู่แล้ว ไม่ต้องส่งรหัสอีก\n"
        "ถ้าต้องการเปลี่ยนเป็นบัญชีอื่น ให้ผู้ดูแลระบบออกรหัสใหม่ให้บัญชีนั้น",
        quick_replies=[build.say("ฉันคือใคร"), build.say("รายงาน")],
    )


def register_needs_code() -> Message:
    return build.text(f"พิมพ์ ลงทะเบียน ตามด้วยรหัส 6 ตัวที่ได้รับจากผู้ดูแลระบบ เช่น {CODE_EXAMPLE}")


def whoami_staff(person: Person) -> Message:
    lines = [person.name, f"บทบาท: {labels.role(person.role)}", f"หน่วยงาน: {person.unit or '-'}"]
    if person.measures:
        lines.append("มาตรการที่รายงาน: " + ", ".join(str(n) for n, _ in person.measures))
    if person.on_leave_until:
        lines.append(f"ลาถึงวันที่ {format_date(person.on_leave_until)}")
    return build.text(
        "\n".join(lines),
        quick_replies=[build.say("สถานะ"), build.say("รายงาน"), build.say("ช่วยเหลือ")],
    )


def whoami_citizen() -> Message:
    return build.text(
        "ไลน์นี้ยังไม่ได้เชื่อมกับบัญชีเจ้าหน้าที่ จึงใช้งานแบบประชาชน\n"
        f"เจ้าหน้าที่: ส่งรหัส 6 ตัวที่ได้รับจากผู้ดูแลระบบเพื่อเชื่อมบัญชี (เช่น {CODE_EXAMPLE})",
        quick_replies=[build.say("มาตรการ"), build.say("ช่วยเหลือ")],
    )


# -- who may report --------------------------------------------------------------------


def staff_only() -> Message:
    return build.text(
        "การรายงานผลสำหรับเจ้าหน้าที่ที่เชื่อมบัญชีแล้วเท่านั้น\n"
        f"ถ้าท่านเป็นเจ้าหน้าที่ ส่งรหัส 6 ตัวจากผู้ดูแลระบบก่อน (เช่น {CODE_EXAMPLE})\n"
        'ประชาชนดูความคืบหน้าได้ด้วยคำว่า "มาตรการ"',
        quick_replies=[build.say("มาตรการ"), build.say("ช่วยเหลือ")],
    )


def no_plan() -> Message:
    return build.text("ยังไม่มีแผนมาตรการในระบบ ผู้ดูแลระบบต้องนำเข้าแผนก่อน")


def nothing_assigned() -> Message:
    return build.text("ยังไม่มีมาตรการที่ท่านรับผิดชอบ ผู้ดูแลระบบกำหนดได้ด้วยคำสั่ง staff add --measures")


# -- the guided report -----------------------------------------------------------------


def _cancel() -> dict:
    return build.postback("ยกเลิก", "report.cancel", display="ยกเลิก")


def ask_measure(month: date, measures: list[MeasureLine]) -> Message:
    lines = [f"รายงานผลเดือน{format_month(month)}", "เลือกมาตรการ:"]
    for m in measures:
        lines.append(f"{m.number}. {build.clip(m.title, 70)} (รายงานแล้ว {m.reported}/{m.total})")
    choices = [
        build.postback(
            f"มาตรการ {m.number}", "report.measure", display=f"มาตรการ {m.number}", m=m.number
        )
        for m in measures
    ]
    return build.text("\n".join(lines), quick_replies=[*choices[:12], _cancel()])


def ask_action(measure: MeasureActions, month: date) -> Message:
    lines = [
        f"มาตรการ {measure.number}: {build.clip(measure.title, 80)}",
        f"เลือกวิธีการดำเนินการ (เดือน{format_month(month)}):",
    ]
    for a in measure.actions:
        mark = f"✓ รายงานแล้ว {a.percent}%" if a.reported else "ยังไม่รายงาน"
        lines.append(f"{a.measure}.{a.number} {build.clip(a.text, 60)} — {mark}")
    choices = [
        build.postback(
            f"{a.measure}.{a.number}" + (" ✓" if a.reported else ""),
            "report.action",
            display=f"ข้อ {a.measure}.{a.number}",
            m=a.measure,
            x=a.number,
        )
        for a in measure.actions
    ]
    return build.text("\n".join(lines), quick_replies=[*choices[:12], _cancel()])


def ask_percent(action: ActionToReport) -> Message:
    """The percent question; "the same as last month" when there is a report before."""
    lines = [
        f"ข้อ {action.measure_no}.{action.action_no} {build.clip(action.text, 120)}",
        "ความคืบหน้าถึงตอนนี้กี่เปอร์เซ็นต์?",
    ]
    if action.latest_percent is not None:
        lines.append(f"(รายงานครั้งก่อน {action.latest_percent}%)")
    lines.append("เลือกด้านล่าง หรือพิมพ์ตัวเลข 0–100")
    same = []
    if action.may_repeat:
        same.append(
            build.postback(f"เหมือนเดิม {action.latest_percent}%", "report.same", display="เหมือนเดิม")
        )
    options = [
        *same,
        build.postback("ยังไม่เริ่ม", "report.percent", display="ยังไม่เริ่ม", p=0, w="not_started"),
        build.postback("25%", "report.percent", display="25%", p=25),
        build.postback("50%", "report.percent", display="50%", p=50),
        build.postback("75%", "report.percent", display="75%", p=75),
        build.postback("เสร็จแล้ว", "report.percent", display="เสร็จแล้ว", p=100, w="done"),
    ]
    return build.text("\n".join(lines), quick_replies=[*options, _cancel()])


def ask_detail(previous: str | None) -> Message:
    body = 'เดือนนี้ทำอะไรไปบ้าง? พิมพ์สั้น ๆ เช่น "จัดอบรมพนักงาน 20 คน"'
    extra = []
    if previous:
        body += f"\n(ข้อความเดิม: {build.clip(previous, 200)})"
        extra.append(build.postback("ใช้ข้อความเดิม", "report.keep_detail", display="ใช้ข้อความเดิม"))
    return build.text(body, quick_replies=[*extra, _cancel()])


def ask_detail_then_save(previous: str | None, photos: int) -> Message:
    """The last question of a report begun from a percent button: photos first if any,
    then what was done, which records the report."""
    body = 'เดือนนี้ทำอะไรไปบ้าง? พิมพ์สั้น ๆ แล้วระบบบันทึกทันที เช่น "จัดอบรมพนักงาน 20 คน"'
    body += (
        f"\n(มีรูปหลักฐาน ส่งก่อนพิมพ์ได้ แนบแล้ว {photos} ไฟล์)" if photos else "\n(มีรูปหลักฐาน ส่งก่อนพิมพ์ได้)"
    )
    extra = [build.camera("ถ่ายรูป"), build.camera_roll("เลือกรูป")]
    if previous:
        body += f"\n(ข้อความเดิม: {build.clip(previous, 200)})"
        extra.append(build.postback("ใช้ข้อความเดิม", "report.keep_detail", display="ใช้ข้อความเดิม"))
    return build.text(body, quick_replies=[*extra, _cancel()])


def ask_evidence(count: int, limit: int) -> Message:
    if count:
        body = f'แนบแล้ว {count} ไฟล์ ส่งเพิ่มได้อีก {limit - count} ไฟล์ หรือกด "ถัดไป"'
    else:
        body = f'มีรูปถ่ายหรือไฟล์เป็นหลักฐานไหม? ส่งได้สูงสุด {limit} ไฟล์ หรือกด "ไม่มี"'
    return build.text(
        body,
        quick_replies=[
            build.camera("ถ่ายรูป"),
            build.camera_roll("เลือกรูป"),
            build.postback(
                "ถัดไป" if count else "ไม่มี",
                "report.evidence_done",
                display="ถัดไป" if count else "ไม่มี",
            ),
            build.postback("บันทึกเลย", "report.confirm", display="บันทึกเลย"),
            _cancel(),
        ],
    )


def evidence_full(limit: int) -> Message:
    return build.text(f"แนบครบ {limit} ไฟล์แล้ว ไฟล์นี้จึงไม่ได้แนบ")


def confirm_card(
    action: ActionToReport, month: date, percent: int, status: str, detail: str, evidence: int
) -> Message:
    measure, number = action.measure_no, action.action_no
    colour = build.STATUS_COLOUR.get(status, build.GREEN)
    body = [
        build.label(f"มาตรการ {measure}", colour=build.MUTED, size="xs"),
        build.label(build.clip(action.measure_title, 120), bold=True),
        build.label(f"{measure}.{number} {build.clip(action.text, 160)}", size="sm"),
        build.separator(),
        build.key_value("เดือน", format_month(month)),
        build.key_value("ความคืบหน้า", f"{percent}% ({labels.status(status)})", value_colour=colour),
        build.progress_bar(percent, colour=colour),
        build.key_value("ผลการดำเนินงาน", build.clip(detail, 600)),
        build.key_value("หลักฐาน", f"{evidence} ไฟล์" if evidence else "ไม่มี"),
    ]
    if action.reported:
        body.append(
            build.label(
                "เดือนนี้มีรายงานข้อนี้แล้ว ยืนยันแล้วจะแทนรายงานเดิม (เก็บประวัติไว้)",
                size="xs",
                colour=build.MUTED,
            )
        )
    card = build.bubble(
        body,
        header=[build.label("ตรวจสอบก่อนส่งรายงาน", colour="#FFFFFF", bold=True, size="md")],
        footer=[
            build.box(
                [
                    build.button(build.postback("แก้ไข", "report.edit", display="แก้ไข")),
                    build.button(
                        build.postback("ยืนยัน", "report.confirm", display="ยืนยัน"), primary=True
                    ),
                ],
                layout="horizontal",
                spacing="sm",
            )
        ],
    )
    alt = f"ตรวจสอบรายงานข้อ {measure}.{number}: {percent}% — {build.clip(detail, 100)}"
    alt += " กด ยืนยัน หรือ แก้ไข"
    return build.flex(alt, card, quick_replies=[build.say("ยืนยัน"), build.say("แก้ไข"), _cancel()])


def saved(report: ReportSaved) -> Message:
    """What was recorded, then the next action still owed (`report.next`), one tap away."""
    next_action = report.next
    lines = [
        "บันทึกรายงานแล้ว ✅",
        f"ข้อ {report.measure_no}.{report.action_no} — {report.percent}% "
        f"({labels.status(report.status)}) เดือน{format_month(report.month)}",
    ]
    if report.evidence:
        lines.append(f"แนบหลักฐาน {report.evidence} ไฟล์")
    if report.replaced:
        lines.append("แทนรายงานเดิมของเดือนนี้แล้ว (รายงานเดิมยังเก็บเป็นประวัติ)")
    if report.owes:  # a head reporting for someone owes nothing: no "all reported"
        lines.append(next_line(next_action))
    return build.text("\n".join(lines), quick_replies=next_buttons(next_action))


def saved_several(reports: list[ReportSaved], next_action: NextAction | None) -> Message:
    """Several reports in one message, one a line."""
    lines = [f"บันทึกรายงานแล้ว {len(reports)} ข้อ ✅"]
    lines += [
        f"• ข้อ {r.measure_no}.{r.action_no} — {r.percent}% ({labels.status(r.status)})"
        + (" แทนรายงานเดิม" if r.replaced else "")
        for r in reports
    ]
    lines.append(next_line(next_action))
    return build.text("\n".join(lines), quick_replies=next_buttons(next_action))


def next_line(next_action: NextAction | None) -> str:
    if next_action is None:
        return "เดือนนี้รายงานครบทุกข้อแล้ว 🎉"
    n = next_action
    line = f"\nข้อถัดไปที่ยังไม่รายงาน (เหลือ {n.left} ข้อ): {n.measure_no}.{n.action_no} {build.clip(n.text, 80)}"
    if n.last_percent is not None:
        line += f"\nเดือนก่อน {n.last_percent}% — ไม่เปลี่ยน กด เหมือนเดิม"
    return line + "\nเลือกความคืบหน้าด้านล่าง"


def next_buttons(next_action: NextAction | None) -> list[dict]:
    """The next owed action's choices, each one tap: the same as last month (no detail
    asked), or a percent (the form then asks what was done)."""
    if next_action is None:
        return [build.say("สถานะ")]
    m, x = next_action.measure_no, next_action.action_no
    where = f"{m}.{x}"
    buttons = []
    if next_action.last_percent is not None:
        buttons.append(
            build.postback(
                f"{where} เหมือนเดิม {next_action.last_percent}%",
                "report.same",
                display=f"ข้อ {where} เหมือนเดิม",
                m=m,
                x=x,
            )
        )
    for percent, word in ((0, "ยังไม่เริ่ม"), (25, "25%"), (50, "50%"), (75, "75%"), (100, "เสร็จแล้ว")):
        buttons.append(
            build.postback(
                f"{where}: {word}",
                "report.start",
                display=f"รายงาน {where} {word}",
                m=m,
                x=x,
                p=percent,
            )
        )
    return [*buttons, build.say("สถานะ")]


def repeated(result: Repeated) -> Message:
    """Last month's status kept: on which actions, what could not be, what is next."""
    lines = []
    if result.repeated:
        lines.append(
            f"ใช้ผลเดือนก่อนสำหรับเดือน{format_month(result.month)}แล้ว {len(result.repeated)} ข้อ ✅"
        )
        lines += [f"• ข้อ {m}.{x} — {p}% (เหมือนเดิม)" for m, x, p in result.repeated]
    if result.never_reported:
        listed = ", ".join(f"{m}.{x}" for m, x in result.never_reported)
        lines.append(f"ยังไม่เคยรายงาน จึงใช้ผลเดิมไม่ได้: {listed}")
    if result.already and not result.repeated:
        listed = ", ".join(f"{m}.{x}" for m, x in result.already)
        lines.append(f"รายงานเดือนนี้แล้วหรือเสร็จไปแล้ว ไม่ต้องรายงานซ้ำ: {listed}")
    lines.append(next_line(result.next))
    return build.text("\n".join(lines), quick_replies=next_buttons(result.next))


def ask_fall(before: int, percent: int) -> Message:
    """A report lower than last month's: a slip of the finger more often than not."""
    return build.text(
        f"ลดลงจาก {before}% เป็น {percent}% ใช่ไหม\n(รายงานเดือนก่อน {before}%)",
        quick_replies=[
            build.postback("ใช่", "report.fall_yes", display="ใช่ ลดลงจริง"),
            build.postback("ไม่ใช่", "report.fall_no", display="ไม่ใช่"),
            _cancel(),
        ],
    )


def together(messages: list[Message]) -> Message:
    """Several answers about one message's lines, as one message."""
    return build.text("\n\n".join(m.get("text", "") for m in messages))


def falls_not_saved(falls: list[tuple[int, int, int, int]]) -> Message:
    """Lines of a several-line report that fell: not saved, to be sent alone and confirmed."""
    lines = ["ยังไม่ได้บันทึกบรรทัดที่ความคืบหน้าลดลงจากเดือนก่อน:"]
    lines += [f"• ข้อ {m}.{x}: {before}% → {percent}%" for m, x, before, percent in falls]
    lines.append("ถ้าตั้งใจ ส่งบรรทัดนั้นอีกครั้งเดี่ยว ๆ แล้วกดยืนยัน")
    return build.text("\n".join(lines))


def nothing_to_correct(m: int, x: int, month: date) -> Message:
    return build.text(
        f"เดือน{format_month(month)}ยังไม่มีรายงานข้อ {m}.{x} ให้แก้ รายงานใหม่ได้เลย",
        quick_replies=[
            build.postback(f"รายงาน {m}.{x}", "report.start", display=f"รายงาน {m}.{x}", m=m, x=x)
        ],
    )


def correcting(found: ToCorrect) -> Message:
    return build.text(
        f"แก้รายงานข้อ {found.measure_no}.{found.action_no} เดือน{format_month(found.month)} "
        f"(แก้ได้ถึงวันประชุม {format_date(found.meeting)})\n"
        f"ที่รายงานไว้: {found.percent}% — {build.clip(found.detail, 200)}\n"
        "รายงานเดิมจะเก็บเป็นประวัติ ใช้รายงานล่าสุด"
    )


def which_to_correct() -> Message:
    return build.text('แก้รายงานข้อไหน พิมพ์ เช่น "แก้รายงาน 1.2"', quick_replies=[build.say("สถานะ")])


def cancelled() -> Message:
    return build.text(
        "ยกเลิกการรายงานแล้ว ไม่มีการบันทึกใด ๆ", quick_replies=[build.say("รายงาน"), build.say("สถานะ")]
    )


def timed_out() -> Message:
    return build.text(
        'แบบรายงานที่ค้างไว้หมดเวลาแล้ว (ไม่มีการตอบเกิน 30 นาที) ไม่มีการบันทึก เริ่มใหม่ได้ด้วยคำว่า "รายงาน"',
        quick_replies=[build.say("รายงาน")],
    )


def still_reporting() -> str:
    return 'ขณะนี้กำลังรายงานผลค้างอยู่ ตอบคำถามด้านล่าง หรือพิมพ์ "ยกเลิก" เพื่อออก'


def sticker_mid_form() -> str:
    return "ได้รับสติกเกอร์แล้ว 😊 แต่ตอนนี้รอคำตอบสำหรับรายงานอยู่"


def media_mid_form() -> str:
    return "ตอนนี้ยังไม่ถึงขั้นแนบหลักฐาน ส่งรูปได้หลังพิมพ์ผลการดำเนินงาน"


def not_a_choice() -> str:
    return "ไม่พบตัวเลือกนี้ เลือกจากปุ่มด้านล่าง หรือพิมพ์เลขข้อ"


# -- problems with what was typed ------------------------------------------------------


def percent_out_of_range(value: float) -> Message:
    return build.text(
        f"ความคืบหน้าต้องอยู่ระหว่าง 0 ถึง 100 เปอร์เซ็นต์ (ได้รับ {num(value)}) เช่น 50% หรือ เสร็จแล้ว"
    )


def percent_not_understood() -> str:
    return "ไม่เข้าใจความคืบหน้านี้ ให้ตอบเป็นตัวเลข 0–100 เช่น 50 หรือ 50% หรือกด ยังไม่เริ่ม / เสร็จแล้ว"


def empty_detail() -> str:
    return (
        "กรุณาพิมพ์ผลการดำเนินงานของเดือนนี้อย่างน้อยหนึ่งประโยคเป็นตัวหนังสือ "
        '(ไม่ใช่ "-" หรือ ".") เช่น "จัดอบรมพนักงาน 20 คน"'
    )


def unknown_measure(number: int, yours: list[int]) -> Message:
    listed = ", ".join(str(n) for n in yours) or "-"
    return build.text(
        f"ไม่มีมาตรการข้อ {number} ในมาตรการที่ท่านรายงาน (ของท่านคือ {listed}) เช่น {REPORT_EXAMPLE}"
    )


def unknown_action(measure: int, action: int, available: list[int]) -> Message:
    listed = ", ".join(f"{measure}.{n}" for n in available)
    return build.text(
        f"มาตรการ {measure} ไม่มีข้อ {measure}.{action} (มี {listed}) เช่น {REPORT_EXAMPLE}"
    )


def line_problem(kind: str, measure: int | None = None, action: int | None = None) -> Message:
    where = f"ข้อ {measure}.{action} " if measure is not None else ""
    problems = {
        "no_action": "ต้องระบุเลขมาตรการและเลขข้อ เช่น 1.2",
        "no_percent": f"{where}ยังไม่ได้บอกความคืบหน้า เช่น 50% หรือ เสร็จแล้ว",
        "empty_detail": f"{where}ยังไม่ได้บอกว่าทำอะไรไปบ้าง (เป็นข้อความ ไม่ใช่ - หรือ .)",
    }
    return build.text(
        f'ยังบันทึกไม่ได้: {problems[kind]}\nตัวอย่าง: {REPORT_EXAMPLE}\nหรือพิมพ์ "รายงาน" เพื่อตอบทีละขั้น',
        quick_replies=[build.say("รายงาน")],
    )


# -- status ----------------------------------------------------------------------------


def status(found: Status, photos_link: str | None = None) -> Message:
    """One card per measure: its progress bar and which actions are reported this month
    (and, when the month has any, a button to its evidence photos)."""
    photos = [build.button(build.link("รูปหลักฐานเดือนนี้", photos_link))] if photos_link else []
    month, leave_until = found.month, found.on_leave_until
    bubbles = []
    missing_total = 0
    for measure in found.measures[:12]:
        number, title, percent = measure.number, measure.title, measure.percent
        rows = []
        for a in measure.actions:
            missing_total += not a.reported
            mark, colour = (
                ("✓", build.STATUS_COLOUR["done"])
                if a.reported
                else ("•", build.STATUS_COLOUR["in_progress"])
            )
            state = f"{a.percent}%" if a.reported else "ยังไม่รายงาน"
            rows.append(
                build.box(
                    [
                        build.label(mark, colour=colour, flex=0),
                        build.label(
                            f"{a.measure}.{a.number} {build.clip(a.text, 50)}", flex=6, size="xs"
                        ),
                        build.label(
                            state,
                            size="xs",
                            colour=colour if a.reported else build.MUTED,
                            flex=3,
                            align="end",
                        ),
                    ],
                    layout="horizontal",
                    spacing="sm",
                )
            )
        bubbles.append(
            build.bubble(
                [
                    build.label(build.clip(title, 90), bold=True),
                    build.label(f"ความคืบหน้า {percent:.0f}%", size="xs", colour=build.MUTED),
                    build.progress_bar(percent),
                    build.separator(),
                    *rows,
                ],
                header=[
                    build.label(
                        f"มาตรการ {number} · เดือน{format_month(month)}", colour="#FFFFFF", bold=True
                    )
                ],
                footer=[
                    build.button(
                        build.postback(
                            "รายงานมาตรการนี้", "report.start", display="รายงาน", m=number
                        ),
                        primary=True,
                    ),
                    *photos,
                ],
            )
        )
    summary = (
        f"สถานะเดือน{format_month(month)}: ยังไม่รายงาน {missing_total} ข้อ"
        if missing_total
        else f"เดือน{format_month(month)} รายงานครบทุกข้อแล้ว 🎉"
    )
    if leave_until:
        summary += f" (ลาถึง {format_date(leave_until)})"
    contents = build.carousel(bubbles) if len(bubbles) > 1 else bubbles[0]
    return build.flex(
        summary,
        contents,
        quick_replies=[build.say("รายงาน"), build.say("เหมือนเดิมทุกข้อ", "เหมือนเดิม")],
    )
