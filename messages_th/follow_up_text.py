"""Reminders, the head's escalation and summary, the year end, and the meeting calendar."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from pythainlp.util import thai_strftime

from messages_th import build, labels
from messages_th.build import Message
from messages_th.thai_calendar import (
    format_date,
    format_date_short,
    format_month,
    format_month_short,
)

if TYPE_CHECKING:
    from models.meetings import MeetingDay
    from usecases.chats import GroupRow
    from usecases.reminders import Owed, Reminded
    from usecases.summary import MeasureYear, Summary

MAX_BUTTONS = 8


def _meeting(meeting: MeetingDay) -> str:
    return f"{format_date(meeting.day)} เวลา {meeting.at.strftime('%H:%M')} น."


def _weekday_date(day: date) -> str:
    return thai_strftime(datetime.combine(day, time(12)), "%Aที่ %-d %B %Y")


# -- reminders -------------------------------------------------------------------------


def reminder(
    stage: int,
    month: date,
    meeting: MeetingDay,
    missing: list[tuple[int, int, str]],
    month_page: str | None = None,
    *,
    sender: str | None = None,
) -> Message:
    """One push per person: exactly what is missing, a button each to report it, and
    (`month_page`) a button opening the whole month on one page; `sender`: a head's
    nudge, by name."""
    title = "เตือนรายงานผล" if stage == 1 else f"เตือนรายงานผล (ครั้งที่ {stage})"
    if sender:
        title = f"{sender} ฝากเตือนรายงานผล"
    rows: list[dict] = [
        build.label(f"เดือน{format_month(month)}", bold=True),
        build.label(f"ประชุมประจำเดือน {_meeting(meeting)}", size="xs", colour=build.MUTED),
        build.label(
            f"ยังไม่ได้รายงาน {len(missing)} ข้อ", colour=build.STATUS_COLOUR["in_progress"], bold=True
        ),
    ]
    for measure, action, text in missing[:MAX_BUTTONS]:
        rows.append(
            build.box(
                [
                    build.label(f"{measure}.{action} {build.clip(text, 60)}", size="xs", flex=5),
                    build.button(
                        build.postback(
                            f"รายงาน {measure}.{action}",
                            "report.start",
                            display=f"รายงาน {measure}.{action}",
                            m=measure,
                            x=action,
                        )
                    ),
                ],
                layout="horizontal",
                spacing="sm",
                alignItems="center",
            )
        )
    if len(missing) > MAX_BUTTONS:
        rows.append(
            build.label(f"และอีก {len(missing) - MAX_BUTTONS} ข้อ", size="xs", colour=build.MUTED)
        )
    listed = ", ".join(f"{m}.{a}" for m, a, _ in missing)
    alt = f"{title}: เดือน{format_month(month)} ยังไม่ได้รายงาน {listed} ก่อนประชุม {format_date_short(meeting.day)}"
    card = build.bubble(
        rows,
        header=[build.label(title, colour="#FFFFFF", bold=True, size="md")],
        header_colour=build.STATUS_COLOUR["in_progress"],
        footer=[
            *(
                [build.button(build.link("รายงานทั้งเดือน", month_page), primary=True)]
                if month_page
                else []
            ),
            build.button(
                build.postback(
                    "เริ่มรายงาน",
                    "report.start",
                    display="รายงาน",
                    # straight to the first missing action's question
                    m=missing[0][0] if missing else None,
                    x=missing[0][1] if missing else None,
                ),
                primary=not month_page,
            ),
        ],
    )
    return build.flex(
        alt,
        card,
        quick_replies=[
            build.say("เหมือนเดิมทุกข้อ", "เหมือนเดิม"),  # last month's status, nothing asked
            build.say("รายงาน"),
            build.say("สถานะ"),
            build.say("แจ้งลา"),  # LINE's date picker
        ],
    )


def escalation(
    month: date,
    meeting: MeetingDay,
    missing: list[tuple[str, list[str]]],
    on_leave: list[tuple[str, date | None]],
) -> Message:
    lines = [
        f"ก่อนประชุมประจำเดือน {_meeting(meeting)}",
        f"ยังไม่ได้รายงานผลเดือน{format_month(month)}:",
    ]
    lines += [f"• {name}: {', '.join(actions)}" for name, actions in missing]
    if on_leave:
        lines.append("ลาอยู่ (ไม่นับว่าขาด):")
        lines += [
            f"• {name}" + (f" ถึง {format_date_short(until)}" if until else "")
            for name, until in on_leave
        ]
    nudge = build.postback(  # shown with its cost, sent only when confirmed
        "เตือนคนที่ยังไม่ส่ง", "nudge.ask", display="เตือนทุกคนที่ยังไม่ส่ง", all=1
    )
    return build.text("\n".join(lines), quick_replies=[nudge, build.say("สรุป")])


# -- the summary -----------------------------------------------------------------------


def _change(value: float) -> str:
    """A change of a percentage, in percentage points (จุด), not percent."""
    if abs(value) < 0.05:
        return "เท่าเดิม"
    return f"{'+' if value > 0 else ''}{value:.1f} จุด จากเดือนก่อน"


#: what every mark of the summary means, shown under the people
LEGEND = [
    "✓ ส่งครบทุกข้อของเดือนนี้แล้ว",
    "• ยังส่งไม่ครบ",
    "ลา = ลาอยู่ (ไม่นับว่าขาด)",
    "2/4 เดือน = ส่งครบก่อนวันประชุม 2 จาก 4 เดือนที่ต้องรายงานในปีงบประมาณนี้",
    "+26.7 จุด = ความคืบหน้าเพิ่มขึ้น 26.7 จุดร้อยละจากเดือนก่อน",
]
NUDGE_BUTTON = "เตือนทุกคนที่ยังไม่ส่ง"
CASE_STATUS = {"open": "รอดำเนินการ", "answered": "ตอบแล้ว", "closed": "ปิดเรื่องแล้ว"}


def _names(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" และอีก {len(names) - limit} คน" if len(names) > limit else "")


def _this_month_rows(summary: Summary) -> list[dict]:
    """This month first: who reported, who did not, who is on leave."""
    now = summary.this_month
    rows = [build.label("เดือนนี้", bold=True, size="sm")]
    if now.complete:
        rows.append(
            build.label(
                f"✓ ส่งครบ {len(now.complete)} คน: {_names(now.complete)}",
                size="xs",
                colour=build.STATUS_COLOUR["done"],
            )
        )
    if now.partly:
        partly = [f"{name} ({done}/{owed} ข้อ)" for name, done, owed in now.partly]
        rows.append(build.label(f"• ส่งบางข้อ {len(partly)} คน: {_names(partly)}", size="xs"))
    if now.not_yet:
        rows.append(
            build.label(
                f"• ยังไม่ส่งเลย {len(now.not_yet)} คน: {_names(now.not_yet)}",
                size="xs",
                colour=build.STATUS_COLOUR["in_progress"],
            )
        )
    if now.on_leave:
        rows.append(build.label(f"ลา {len(now.on_leave)} คน: {_names(now.on_leave)}", size="xs"))
    if not (now.complete or now.partly or now.not_yet or now.on_leave):
        rows.append(build.label("ไม่มีใครต้องรายงานเดือนนี้", size="xs", colour=build.MUTED))
    return rows


def cases_line(cases: dict[str, int]) -> str:
    """Citizens' cases of the year by where they stand."""
    if not any(cases.values()):
        return "เรื่องจากประชาชนปีนี้: ยังไม่มี"
    parts = [f"{CASE_STATUS.get(status, status)} {count}" for status, count in cases.items()]
    return "เรื่องจากประชาชนปีนี้: " + " · ".join(parts)


def summary_flex(summary: Summary) -> Message:
    overview = [
        build.label(f"{summary.agency}", size="xs", colour=build.MUTED),
        build.label(f"ประชุม {_meeting(summary.meeting)}", size="xs", colour=build.MUTED),
        *_this_month_rows(summary),
        build.separator(),
        build.label(f"ความคืบหน้ารวม {summary.percent:.0f}%", bold=True, size="lg"),
        build.progress_bar(summary.percent),
        build.label(
            f"ยังไม่ได้รายงาน {summary.missing_count} ข้อ"
            if summary.missing_count
            else "รายงานครบทุกข้อแล้ว",
            size="sm",
            colour=build.STATUS_COLOUR["in_progress"]
            if summary.missing_count
            else build.STATUS_COLOUR["done"],
        ),
        build.separator(),
        build.label("การรายงานของเจ้าหน้าที่ (ตรงเวลาทั้งปี)", size="xs", colour=build.MUTED),
    ]
    for person in summary.people[:15]:
        mark = "ลา" if person.on_leave else ("✓" if person.on_time else "•")
        overview.append(
            build.box(
                [
                    build.label(mark, size="xs", flex=1),
                    build.label(person.name, size="xs", flex=6),
                    build.label(
                        f"{person.months_on_time}/{person.months_due} เดือน",
                        size="xs",
                        flex=3,
                        align="end",
                    ),
                ],
                layout="horizontal",
            )
        )
    overview.append(build.separator())
    overview += [build.label(line, size="xxs", colour=build.MUTED) for line in LEGEND]
    if summary.cases:
        overview.append(build.label(cases_line(summary.cases), size="xs", margin="md"))
    footer = []
    if summary.this_month.missing:
        footer.append(
            build.button(
                build.in_flex_button(
                    # shown with its cost, sent only when confirmed (handlers/staff_requests)
                    build.postback(NUDGE_BUTTON, "nudge.ask", display=NUDGE_BUTTON, all=1),
                    NUDGE_BUTTON,
                ),
                primary=True,
            )
        )
    if summary.photos_link:
        footer.append(
            build.button(build.link(f"รูปหลักฐาน {summary.photos} รูป", summary.photos_link))
        )
    if summary.link:
        footer.append(build.button(build.link("รายงานฉบับเต็ม", summary.link)))
    bubbles = [
        build.bubble(
            overview,
            header=[
                build.label(
                    f"สรุปเดือน{format_month(summary.month)}", colour="#FFFFFF", bold=True, size="md"
                )
            ],
            footer=footer or None,
        )
    ]
    for measure in summary.measures[:11]:
        bubbles.append(_measure_bubble(measure))
    now = summary.this_month
    alt = (
        f"สรุปเดือน{format_month(summary.month)}: ส่งครบ {len(now.complete)} คน "
        f"ยังไม่ครบ {now.missing} คน ลา {len(now.on_leave)} คน · "
        f"ความคืบหน้ารวม {summary.percent:.0f}% ยังไม่ได้รายงาน {summary.missing_count} ข้อ"
    )
    return build.flex(alt, build.carousel(bubbles))


def _measure_bubble(measure) -> dict:
    body = [
        build.label(build.clip(measure.title, 100), bold=True, size="sm"),
        build.box(
            [
                build.label(f"{measure.percent:.0f}%", bold=True, flex=2),
                build.label(
                    _change(measure.change), size="xs", colour=build.MUTED, flex=5, align="end"
                ),
            ],
            layout="horizontal",
        ),
        build.progress_bar(measure.percent),
    ]
    if measure.done:
        body.append(build.label("ผลการดำเนินงานเดือนนี้", size="xs", colour=build.MUTED, margin="md"))
        for done in measure.done:
            body.append(
                build.label(
                    f"{measure.number}.{done.action} {done.percent}% — {build.clip(done.detail, 80)}"
                    + (f" ({done.reporter})" if done.reporter else ""),
                    size="xs",
                )
            )
    if measure.missing:
        body.append(
            build.label(
                "ยังไม่ได้รายงาน", size="xs", colour=build.STATUS_COLOUR["in_progress"], margin="md"
            )
        )
        for missing in measure.missing:
            who = ", ".join(missing.people) or "-"
            leave = f" (ลา: {', '.join(missing.on_leave)})" if missing.on_leave else ""
            body.append(build.label(f"{measure.number}.{missing.action} — {who}{leave}", size="xs"))
    citizens = _citizens_line(measure)
    if citizens:
        body.append(build.label(citizens, size="xs", colour=build.MUTED, margin="md"))
    return build.bubble(
        body, header=[build.label(f"มาตรการ {measure.number}", colour="#FFFFFF", bold=True)]
    )


def _citizens_line(measure) -> str:
    parts = []
    if measure.suggestions is not None:
        parts.append(f"ข้อเสนอแนะ/ร้องเรียนจากประชาชนเดือนนี้ {measure.suggestions} เรื่อง")
    if measure.ratings is not None:
        count, average = measure.ratings
        where = f"ข้อ {measure.number}.{measure.ratings_action} " if measure.ratings_action else ""
        parts.append(
            f"{where}ผลประเมินความพึงพอใจ {count} ครั้ง" + (f" เฉลี่ย {average:.2f}/5" if average else "")
        )
    return " · ".join(parts)


def summary_text(summary: Summary) -> str:
    """The same summary as plain text (the command line, and anywhere Flex cannot go)."""
    lines = [
        f"สรุปความคืบหน้ามาตรการส่งเสริมคุณธรรมและความโปร่งใส เดือน{format_month(summary.month)}",
        f"{summary.agency} ปีงบประมาณ {summary.fiscal_year}",
        f"ประชุมประจำเดือน {_meeting(summary.meeting)}",
        f"ความคืบหน้ารวม {summary.percent:.1f}% ยังไม่ได้รายงาน {summary.missing_count} ข้อ",
        "",
    ]
    for measure in summary.measures:
        lines.append(
            f"มาตรการ {measure.number} {measure.percent:.1f}% ({_change(measure.change)}) {_bar(measure.percent)}"
        )
        lines.append(f"  {measure.title}")
        for done in measure.done:
            lines.append(
                f"  ✓ {measure.number}.{done.action} {done.percent}% {labels.status(done.status)}: {done.detail}"
                + (f" — {done.reporter}" if done.reporter else "")
            )
        for missing in measure.missing:
            leave = f" (ลา: {', '.join(missing.on_leave)})" if missing.on_leave else ""
            lines.append(
                f"  • {measure.number}.{missing.action} ยังไม่รายงาน — {', '.join(missing.people) or '-'}{leave}"
            )
        citizens = _citizens_line(measure)
        if citizens:
            lines.append(f"  {citizens}")
        lines.append("")
    now = summary.this_month
    lines.append("เดือนนี้")
    lines.append(f"  ✓ ส่งครบ: {', '.join(now.complete) or '-'}")
    if now.partly:
        lines.append("  • ส่งบางข้อ: " + ", ".join(f"{n} ({d}/{o} ข้อ)" for n, d, o in now.partly))
    lines.append(f"  • ยังไม่ส่งเลย: {', '.join(now.not_yet) or '-'}")
    if now.on_leave:
        lines.append(f"  ลา: {', '.join(now.on_leave)}")
    if summary.cases:
        lines.append(f"  {cases_line(summary.cases)}")
    lines.append("")
    lines.append("การรายงานของเจ้าหน้าที่")
    for person in summary.people:
        state = "ลา" if person.on_leave else ("ครบแล้ว" if person.on_time else "ยังไม่ครบ")
        lines.append(
            f"  {person.name}: เดือนนี้{state} · ตรงเวลา {person.months_on_time}/{person.months_due} เดือน"
        )
    if summary.photos_link:
        lines += ["", f"รูปหลักฐานเดือนนี้ {summary.photos} รูป: {summary.photos_link}"]
    if summary.link:
        lines += ["", f"รายงานฉบับเต็ม: {summary.link}"]
    lines += ["", "ความหมายของเครื่องหมาย", *[f"  {line}" for line in LEGEND]]
    return "\n".join(lines)


def _bar(percent: float, width: int = 20) -> str:
    filled = round(percent / 100 * width)
    return "█" * filled + "░" * (width - filled)


# -- the year end ----------------------------------------------------------------------


def year_end(fiscal_year: int, measures: list[MeasureYear]) -> Message:
    """Per measure and action: the months reported, the final status; and what never started."""
    never = [f"{m.number}.{a.number}" for m in measures for a in m.actions if not a.months]
    bubbles = []
    for measure in measures:
        body = [build.label(build.clip(measure.title, 100), bold=True, size="sm")]
        for action in measure.actions:
            body.append(
                build.label(
                    f"{measure.number}.{action.number} {labels.status(action.status)} · "
                    f"{len(action.months)}/12 เดือน",
                    size="xs",
                    colour=build.STATUS_COLOUR.get(action.status, build.DARK),
                )
            )
        bubbles.append(
            build.bubble(
                body,
                header=[build.label(f"มาตรการ {measure.number}", colour="#FFFFFF", bold=True)],
            )
        )
    alt = f"สรุปปีงบประมาณ {fiscal_year}: ยังไม่ได้เริ่ม {len(never)} ข้อ" + (
        f" ({', '.join(never)})" if never else ""
    )
    return build.flex(alt, build.carousel(bubbles[:12]))


# -- the calendar ----------------------------------------------------------------------


def meetings(fiscal_year: int, days: list[MeetingDay], now: datetime) -> str:
    lines = [f"ประชุมประจำเดือน ปีงบประมาณ {fiscal_year}"]
    upcoming = next((m for m in days if m.day >= now.date()), None)
    for meeting in days:
        how = "กำหนดเอง" if meeting.by_hand else "ตามกฎ"
        mark = "→ " if meeting is upcoming else "  "
        lines.append(
            f"{mark}{format_month_short(meeting.month)}: {_weekday_date(meeting.day)} เวลา {meeting.at.strftime('%H:%M')} น. ({how})"
        )
    return "\n".join(lines)


def next_meeting_chat(
    meeting: MeetingDay, year: list[MeetingDay], fiscal_year: int, now: datetime
) -> Message:
    return build.text(
        f"ประชุมประจำเดือนครั้งถัดไป: {_weekday_date(meeting.day)} เวลา {meeting.at.strftime('%H:%M')} น. "
        f"(ปิดรายงานเดือน{format_month(meeting.month)})\n\n" + meetings(fiscal_year, year, now)
    )


RULE_NAMES = {"last_working_day": "วันทำการสุดท้ายของเดือน"}
WEEKDAYS = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"]


def rule_name(rule: dict) -> str:
    kind = rule.get("kind")
    if kind == "day_of_month":
        return f"วันที่ {rule['day']} ของเดือน (ถ้าเป็นวันหยุด เลื่อนเป็นวันทำการก่อนหน้า)"
    if kind == "nth_weekday":
        n = int(rule["n"])
        which = "สุดท้าย" if n == -1 else f"ที่ {n}"
        return f"วัน{WEEKDAYS[int(rule['weekday'])]}{which}ของเดือน"
    return RULE_NAMES["last_working_day"]


def rule_set(rule: dict, at: time) -> str:
    return f"ตั้งกฎวันประชุมแล้ว: {rule_name(rule)} เวลา {at.strftime('%H:%M')} น."


def meeting_set(meeting: MeetingDay) -> str:
    return f"กำหนดประชุมเดือน{format_month(meeting.month)}: {_weekday_date(meeting.day)} เวลา {meeting.at.strftime('%H:%M')} น."


def meeting_unset(month: date, meeting: MeetingDay) -> str:
    return f"ยกเลิกวันที่กำหนดเองของเดือน{format_month(month)} กลับไปใช้กฎ: {_weekday_date(meeting.day)}"


def meeting_not_set(month: date) -> str:
    return f"เดือน{format_month(month)} ไม่ได้กำหนดวันประชุมเอง (ใช้ตามกฎอยู่แล้ว)"


def not_working_day(day: date, reason: str | None) -> str:
    why = reason or "วันเสาร์หรืออาทิตย์"
    return f"หมายเหตุ: {format_date(day)} เป็นวันหยุด ({why})"


def day_off_added(day: date, name: str) -> str:
    return f"เพิ่มวันหยุด {format_date(day)}: {name} (วันประชุมตามกฎจะเลื่อนตาม)"


def day_off_removed(day: date) -> str:
    return f"ลบวันหยุด {format_date(day)} แล้ว"


def day_off_missing(day: date) -> str:
    return f"ไม่พบวันหยุดที่เพิ่มเองในวันที่ {format_date(day)}"


def days_off_list(rows: list[tuple[date, str]]) -> str:
    if not rows:
        return "ยังไม่มีวันหยุดที่เพิ่มเอง (วันหยุดราชการมาจากปฏิทินวันหยุดของไทยอยู่แล้ว)"
    return "\n".join(f"{format_date(day)}: {name}" for day, name in rows)


def bad_date(text: str) -> str:
    return f'อ่านวันที่ "{text}" ไม่ได้ ใช้รูปแบบ YYYY-MM-DD (ค.ศ. หรือ พ.ศ.) เช่น 2022-01-31'


def bad_time(text: str) -> str:
    return f'อ่านเวลา "{text}" ไม่ได้ ใช้รูปแบบ HH:MM เช่น 10:00'


def bad_rule() -> str:
    return "กฎวันประชุม: last-working-day | day N (1–31) | weekday ชื่อวัน(0=จันทร์…6=อาทิตย์) ลำดับ(1–4 หรือ last = สุดท้าย) เช่น weekday 4 last"


# -- jobs on the command line ----------------------------------------------------------


def remind_result(ran: Reminded, *, dry_run: bool) -> str:
    meeting = ran.meeting
    assert meeting is not None
    if ran.stage is None:
        return f"ยังไม่ถึงกำหนดเตือน (ประชุมครั้งถัดไป {_meeting(meeting)})"
    head = f"เตือนครั้งที่ {ran.stage} สำหรับรายงานเดือน{format_month(meeting.month)} (ประชุม {_meeting(meeting)})"
    lines = [_owed(person, ran.stage) for person in ran.people]
    if dry_run:
        return "\n".join(
            [head + " — ทดลอง ไม่ได้ส่งจริง", *lines] if lines else [head, "ไม่มีใครต้องเตือน"]
        )
    already = f" (ส่งไปแล้วก่อนหน้า {ran.already} คน)" if ran.already else ""
    return "\n".join([head, f"เข้าคิวส่ง {ran.queued} คน{already}", *lines])


def _owed(person: Owed, stage: int) -> str:
    """One person reminded, as the command line lists them."""
    listed = ", ".join(f"{m}.{a}" for m, a, _ in person.missing)
    return f"{person.name}: เตือนครั้งที่ {stage} — ยังไม่รายงาน {listed}"


def summary_queued(queued: int) -> str:
    return f"เข้าคิวส่งสรุปแล้ว {queued} ข้อความ" if queued else "สรุปเดือนนี้เคยเข้าคิวส่งแล้ว ไม่ส่งซ้ำ"


def no_heads() -> str:
    return "ยังไม่มีหัวหน้าที่เชื่อมไลน์แล้ว จึงไม่มีผู้รับสรุป"


def no_plan_for(month: date) -> str:
    return f"ไม่มีแผนมาตรการของปีงบประมาณที่มีเดือน{format_month(month)}"


# -- chat words ------------------------------------------------------------------------

MEETING = ("ประชุม", "วันประชุม", "ประชุมประจำเดือน", "ประชุมเมื่อไร", "ประชุมวันไหน")
SUMMARY = ("สรุป", "สรุปเดือนนี้", "สรุปผล", "สรุปความคืบหน้า")
GROUP_ON = ("รับสรุป", "เปิดรับสรุป")
GROUP_OFF = ("หยุดรับสรุป", "ปิดรับสรุป", "เลิกรับสรุป")


def group_on() -> Message:
    return build.text('กลุ่มนี้จะได้รับสรุปความคืบหน้าก่อนประชุมประจำเดือนทุกเดือน (ปิดได้ด้วย "หยุดรับสรุป")')


def group_off() -> Message:
    return build.text("กลุ่มนี้จะไม่ได้รับสรุปประจำเดือนอีก")


def group_only() -> Message:
    return build.text('คำสั่งนี้ใช้ในกลุ่มไลน์ของสำนักงาน: เพิ่มบอตเข้ากลุ่มแล้วให้หัวหน้าพิมพ์ "รับสรุป" ในกลุ่ม')


def group_admins_only() -> Message:
    return build.text("เฉพาะหัวหน้าหรือผู้ดูแลระบบที่เชื่อมบัญชีแล้วเท่านั้นที่เปิดหรือปิดการรับสรุปของกลุ่มได้")


def no_summary() -> Message:
    return build.text("ยังไม่มีแผนมาตรการสำหรับเดือนนี้ จึงยังสรุปไม่ได้")


def groups_table(rows: list[GroupRow]) -> str:
    if not rows:
        return "บอทยังไม่ได้อยู่ในกลุ่มใด"
    return "\n".join(
        f"{g.chat_id} [{g.kind}] {'รับสรุป' if g.receives_summary else 'ไม่รับสรุป'}"
        + ("" if g.present else " (ออกจากกลุ่มแล้ว)")
        for g in rows
    )


def summary_for_heads() -> Message:
    return build.text(
        'สรุปประจำเดือนสำหรับหัวหน้า ส่วนของท่านดูได้ด้วยคำว่า "สถานะ"', quick_replies=[build.say("สถานะ")]
    )
