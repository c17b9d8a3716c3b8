"""What the bot says to staff and heads who ask in their own words: who has not reported,
a nudge (shown, then confirmed), cases waiting, and "not understood" for each role."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from messages_th import build
from messages_th.build import Message
from messages_th.thai_calendar import format_date, format_date_short, format_month
from models.staff import is_head

if TYPE_CHECKING:
    from usecases.nudges import Nudged, StillMissing
    from usecases.pending import Waiting

WHO_MISSING = "ใครยังไม่ส่ง"
PENDING = "เรื่องค้าง"
NUDGE_ALL = "เตือนทุกคนที่ยังไม่ส่ง"
NUDGE_ALL_LABEL = "เตือนคนที่ยังไม่ส่ง"  # a quick reply's label holds 20 characters
MONTH_DOCUMENT = "ขอรายงานเดือนนี้"
LEAVE = "แจ้งลา"
MOST_NAMES = 15


# -- buttons by role ---------------------------------------------------------------------


def staff_buttons() -> list[dict]:
    return [
        build.say("รายงาน"),
        build.say("สถานะ"),
        build.say("เหมือนเดิม"),
        build.say(LEAVE),
        build.say("ช่วยเหลือ"),
    ]


def head_buttons() -> list[dict]:
    return [
        build.say("สรุป"),
        build.say(WHO_MISSING),
        build.say(PENDING),
        build.say(MONTH_DOCUMENT),
        build.say("รายงาน"),
        build.say("ช่วยเหลือ"),
    ]


def buttons_for(role: str) -> list[dict]:
    return head_buttons() if is_head(role) else staff_buttons()


def not_understood(role: str) -> Message:
    """Staff and heads get their own examples and buttons, never the citizens' menu."""
    if is_head(role):
        body = (
            "ขออภัย ยังไม่เข้าใจข้อความนี้ ลองพิมพ์ เช่น\n"
            '• "ใครยังไม่ส่งรายงานบ้าง"\n'
            '• "เตือนวิชัยให้ส่งรายงาน" หรือ "เตือนทุกคนที่ยังไม่ส่ง"\n'
            '• "ขอรายงานเดือนนี้" • "สรุป" • "เรื่องค้าง"\n'
            'หรือกดปุ่มด้านล่าง ("ช่วยเหลือ" ดูทั้งหมด)'
        )
    else:
        body = (
            "ขออภัย ยังไม่เข้าใจข้อความนี้ ลองพิมพ์ เช่น\n"
            '• "รายงาน 1.2 50% จัดทำคู่มือแล้ว" หรือ "รายงาน" เพื่อตอบทีละขั้น\n'
            '• "เหมือนเดิม" — ข้อที่ไม่เปลี่ยน ใช้ผลเดือนก่อน\n'
            '• "สถานะ" • "ลา 1-4 ก.พ." • "ประชุมวันไหน"\n'
            'หรือกดปุ่มด้านล่าง ("ช่วยเหลือ" ดูทั้งหมด)'
        )
    return build.text(body, quick_replies=buttons_for(role))


# -- who has not reported ----------------------------------------------------------------


def still_missing(found: StillMissing) -> Message:
    month = format_month(found.month)
    lines = [f"รายงานผลเดือน{month} (ประชุม {format_date_short(found.meeting.day)})"]
    if found.missing:
        lines.append(f"ยังไม่ส่ง {len(found.missing)} คน:")
        for owing in found.missing[:MOST_NAMES]:
            unlinked = " (ยังไม่เชื่อมไลน์)" if not owing.linked else ""
            lines.append(f"• {owing.name}: {', '.join(owing.actions)}{unlinked}")
        if len(found.missing) > MOST_NAMES:
            lines.append(f"และอีก {len(found.missing) - MOST_NAMES} คน")
    else:
        lines.append("ทุกคนส่งครบแล้ว 🎉")
    if found.on_leave:
        names = ", ".join(
            name + (f" (ถึง {format_date_short(until)})" if until else "")
            for name, until in found.on_leave
        )
        lines.append(f"ลาอยู่ (ไม่นับว่าขาด): {names}")
    if found.reported:
        lines.append(f"ส่งครบแล้ว {len(found.reported)} คน: {', '.join(found.reported[:MOST_NAMES])}")
    buttons = [build.say("สรุป")]
    if any(o.linked for o in found.missing):
        buttons.insert(0, build.postback(NUDGE_ALL_LABEL, "nudge.ask", display=NUDGE_ALL, all=1))
    return build.text("\n".join(lines), quick_replies=buttons)


def heads_only() -> Message:
    return build.text(
        'รายชื่อผู้ที่ยังไม่ส่งรายงานดูได้เฉพาะหัวหน้า ส่วนของท่านเองดูได้ด้วยคำว่า "สถานะ"',
        quick_replies=[build.say("สถานะ"), build.say("รายงาน")],
    )


# -- nudges ------------------------------------------------------------------------------


def confirm_nudge(found: StillMissing, staff_id: int | None) -> Message:
    """Shown before any push: who, what is missing, what it costs."""
    people = [o for o in found.missing if o.linked]
    if not people:
        return nobody_to_nudge(found)
    lines = ["จะส่งข้อความเตือนให้รายงานผลเดือน" + format_month(found.month) + " ถึง"]
    lines += [f"• {o.name}: {', '.join(o.actions)}" for o in people[:MOST_NAMES]]
    if len(people) > MOST_NAMES:
        lines.append(f"และอีก {len(people) - MOST_NAMES} คน")
    unlinked = [o.name for o in found.missing if not o.linked]
    if unlinked:
        lines.append(f"(ไม่ได้เชื่อมไลน์ ส่งไม่ได้: {', '.join(unlinked)})")
    lines.append(f"ใช้โควตาข้อความของหน่วยงาน {len(people)} ข้อความ ยืนยันการส่งไหม")
    target = {"p": staff_id} if staff_id is not None else {"all": 1}
    return build.text(
        "\n".join(lines),
        quick_replies=[
            build.postback("ส่งเตือน", "nudge.send", display="ส่งเตือน", **target),
            build.postback("ไม่ส่ง", "nudge.cancel", display="ไม่ส่ง"),
        ],
    )


def nobody_to_nudge(found: StillMissing) -> Message:
    return build.text(
        f"เดือน{format_month(found.month)} ไม่มีใครที่ต้องเตือน (ส่งครบแล้ว ลาอยู่ หรือยังไม่เชื่อมไลน์)",
        quick_replies=[build.say("สรุป")],
    )


def nudged(result: Nudged) -> Message:
    lines = []
    if result.sent:
        lines.append(f"ส่งข้อความเตือนแล้ว {len(result.sent)} คน: {', '.join(result.sent)}")
    if result.already:
        lines.append(f"วันนี้เตือนไปแล้ว ไม่ส่งซ้ำ: {', '.join(result.already)}")
    if not lines:
        lines.append("ไม่มีใครที่ต้องเตือนแล้ว")
    return build.text("\n".join(lines), quick_replies=[build.say(WHO_MISSING)])


def nudge_cancelled() -> Message:
    return build.text("ไม่ส่งข้อความเตือน", quick_replies=head_buttons())


def not_missing(name: str) -> Message:
    who = name or "คนนี้"
    return build.text(
        f"{who} ไม่มีรายงานค้างเดือนนี้ จึงไม่ต้องเตือน", quick_replies=[build.say(WHO_MISSING)]
    )


def on_leave(name: str, until: date | None) -> Message:
    when = f" ถึง {format_date(until)}" if until else ""
    return build.text(f"{name} ลาอยู่{when} จึงไม่ส่งข้อความเตือน")


def not_linked(name: str) -> Message:
    return build.text(f"{name} ยังไม่ได้เชื่อมบัญชีไลน์ จึงส่งข้อความเตือนไม่ได้ ผู้ดูแลระบบออกรหัสเชื่อมบัญชีให้ได้")


def who_to_nudge(name_typed: str | None, names: list[str]) -> Message:
    """A nudge with no one found by that name (or several as close)."""
    if names:
        return build.text(
            "หมายถึงใคร: " + ", ".join(names),
            quick_replies=[build.say(build.clip(n, 20), f"เตือน{n}") for n in names[:12]],
        )
    asked = f'ไม่พบเจ้าหน้าที่ชื่อ "{name_typed}" ' if name_typed else ""
    return build.text(
        f'{asked}พิมพ์ชื่อให้ตรงกับที่ลงทะเบียน เช่น "เตือนวิชัย" หรือ "{NUDGE_ALL}"',
        quick_replies=[build.say(WHO_MISSING), build.say(NUDGE_ALL_LABEL, NUDGE_ALL)],
    )


def nudge_for_heads() -> Message:
    return build.text(
        "การส่งข้อความเตือนเพื่อนร่วมงานทำได้เฉพาะหัวหน้า (ระบบเตือนทุกคนเองก่อนประชุม)",
        quick_replies=staff_buttons(),
    )


# -- cases waiting -----------------------------------------------------------------------


def waiting(found: Waiting) -> Message:
    if not found.total:
        body = "ไม่มีเรื่องของประชาชนที่ค้างอยู่ 👍"
        if found.others:
            body += f"\n(หน่วยงานอื่นมีเรื่องค้าง {found.others} เรื่อง)"
        return build.text(body)
    lines = [f"เรื่องของประชาชนที่ยังไม่ปิด {found.total} เรื่อง (เก่าสุดก่อน):"]
    for case in found.cases:
        state = "ตอบแล้ว รอปิด" if case.answered else "ยังไม่ตอบ"
        lines.append(f"• {case.ref} {case.category} — {state}, ส่งมา {case.days} วันแล้ว")
    if found.total > len(found.cases):
        lines.append(f"และอีก {found.total - len(found.cases)} เรื่อง")
    if found.others:
        lines.append(f"(หน่วยงานอื่นมีเรื่องค้าง {found.others} เรื่อง)")
    lines.append('ดูเรื่องเต็มด้วย "ติดตาม <เลขเรื่อง>" ตอบด้วย "ตอบ <เลขเรื่อง> ข้อความ"')
    first = found.cases[0].ref
    return build.text(
        "\n".join(lines), quick_replies=[build.say(f"ติดตาม {first}"[:20], f"ติดตาม {first}")]
    )
