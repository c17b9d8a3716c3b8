"""What the command line prints. Clerks run these commands, so they speak Thai."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from messages_th import labels
from messages_th.digits import score
from messages_th.thai_calendar import format_date, format_datetime, format_month

if TYPE_CHECKING:
    from usecases.plan import PlanOverview
    from usecases.staff import StaffAdded, StaffRow

# -- database --------------------------------------------------------------------------


def db_upgraded(revision: str) -> str:
    return f"ฐานข้อมูลเป็นรุ่นล่าสุดแล้ว (revision {revision})"


# -- plan ------------------------------------------------------------------------------


def plan_import_failed(path: str, message: str) -> str:
    return f"นำเข้าแผนจาก {path} ไม่สำเร็จ ไม่มีการบันทึกใด ๆ\n{message}"


def plan_imported(
    *,
    fiscal_year: int,
    agency: str,
    created: bool,
    measures: int,
    actions: int,
    indicators: int,
    added: int,
    changed: int,
    retired: list[str],
) -> str:
    verb = "นำเข้าแผนใหม่" if created else "ปรับปรุงแผนเดิม"
    lines = [
        f"{verb}: {agency} ปีงบประมาณ {fiscal_year}",
        f"มาตรการ {measures} ข้อ วิธีการดำเนินการ {actions} ข้อ ตัวชี้วัด {indicators} ข้อ",
    ]
    if not created:
        lines.append(f"เพิ่มใหม่ {added} รายการ แก้ไข {changed} รายการ (รายงานที่ทำไว้แล้วยังอยู่ครบ)")
    if retired:
        lines.append("ไม่มีในเอกสารใหม่แต่มีรายงานแล้ว จึงเก็บไว้เป็นประวัติ: " + ", ".join(retired))
    return "\n".join(lines)


def no_plan(fiscal_year: int | None = None) -> str:
    if fiscal_year is None:
        return "ยังไม่มีแผนในระบบ นำเข้าด้วย: python bot.py plan import PATH"
    return f"ไม่มีแผนของปีงบประมาณ {fiscal_year} ในระบบ"


def plan_overview(overview: PlanOverview) -> str:
    """`plan show`: the plan as a clerk would read it."""
    plan, indicators, recommendations = (
        overview.plan,
        overview.indicators,
        overview.recommendations,
    )
    tree, units = overview.measures, overview.units
    place = labels.place(plan.agency, plan.district, plan.province)
    lines = [plan.title or f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {plan.fiscal_year}", place]
    if plan.ita_score is not None:
        level = (
            f"ผลการประเมิน {plan.ita_level}"
            if plan.ita_level in ("ผ่าน", "ไม่ผ่าน")
            else f"ระดับ {plan.ita_level or '-'}"
        )
        lines.append(f"ผลการประเมิน ITA: {score(plan.ita_score)} คะแนน {level}")
    if plan.adopted_on:
        where = f" ณ {plan.adopted_where}" if plan.adopted_where else ""
        lines.append(f"กำหนดมาตรการในการประชุมเมื่อ {format_date(plan.adopted_on)}{where}")
    if indicators:
        lines.append("")
        lines.append("ตัวชี้วัด")
        for group in ("IIT", "EIT", "OIT"):
            members = [i for i in indicators if i.group == group]
            if not members:
                continue
            lines.append(f"  {labels.GROUP[group]}")
            lines.extend(f"    {i.number}. {i.name}  {score(i.score)}" for i in members)
    if recommendations:
        lines.append("")
        lines.append("ข้อเสนอแนะ")
        lines.extend(f"  [{r.group}] {r.text}" for r in recommendations)
    lines.append("")
    lines.append("มาตรการ")
    for measure, actions in tree:
        lines.append(f"{measure.number}. {measure.title}")
        unit = ", ".join(units.get(measure.id or 0, [])) or labels.UNIT_NONE
        lines.append(f"   ผู้รับผิดชอบ: {unit}")
        if measure.period:
            lines.append(f"   ระยะเวลาดำเนินการ: {measure.period}")
        if measure.follow_up:
            lines.append(f"   การติดตามผล: {measure.follow_up}")
        lines.extend(
            f"   {measure.number}.{a.number} {a.text}" + (f" ({a.period})" if a.period else "")
            for a in actions
        )
    return "\n".join(lines)


# -- staff -----------------------------------------------------------------------------


def staff_added(added: StaffAdded) -> str:
    name = added.name
    pinned = ", ".join(str(n) for n in added.measures)
    lines = [
        f"เพิ่ม {name} ({labels.role(added.role)}) หน่วยงาน: {added.unit or labels.UNIT_NONE}",
        f"มาตรการที่รายงาน: {pinned}" if pinned else "มาตรการที่รายงาน: ตามหน่วยงาน",
        f"ให้ {name} ส่งรหัสนี้ในแชตไลน์ของบัญชีทางการ ภายใน {format_date(added.code_expires)} (ใช้ได้ครั้งเดียว)",
        f"code: {added.code}",
    ]
    return "\n".join(lines)


def new_code(name: str, code: str, expires: date) -> str:
    return "\n".join(
        [
            f"ออกรหัสใหม่ให้ {name} แล้ว (รหัสเดิมที่ยังไม่ได้ใช้จะใช้ไม่ได้อีก)",
            f"ส่งรหัสนี้ในแชตไลน์ภายใน {format_date(expires)} (ใช้ได้ครั้งเดียว)",
            f"code: {code}",
        ]
    )


def leave_needs_date() -> str:
    return "ระบุวันสุดท้ายที่ลาด้วย --until YYYY-MM-DD หรือ --clear เมื่อกลับมาแล้ว"


def leave_bad_date(text: str) -> str:
    return f'อ่านวันที่ "{text}" ไม่ได้ ใช้ YYYY-MM-DD (ค.ศ. หรือ พ.ศ.) เช่น 2022-01-15'


def leave_set(name: str, until: date | None) -> str:
    return f"{name}: ลาถึง {format_date(until)}" if until else f"{name}: ยกเลิกการลาแล้ว"


def staff_exists(name: str) -> str:
    return f"มีเจ้าหน้าที่ชื่อ {name} อยู่แล้ว (ชื่อต้องไม่ซ้ำกัน)"


def staff_not_found(name: str) -> str:
    return f"ไม่พบเจ้าหน้าที่ชื่อ {name}"


def unknown_measures(numbers: Iterable[int], fiscal_year: int) -> str:
    listed = ", ".join(str(n) for n in numbers)
    return f"ไม่มีมาตรการข้อ {listed} ในแผนปีงบประมาณ {fiscal_year}"


def bad_measure_list(text: str) -> str:
    return f'อ่านรายการมาตรการ "{text}" ไม่ได้ ให้เขียนเป็นเลขข้อคั่นด้วยจุลภาค เช่น 1,3'


def staff_table(rows: list[StaffRow]) -> str:
    if not rows:
        return "ยังไม่มีเจ้าหน้าที่ในระบบ เพิ่มด้วย: python bot.py staff add --name ชื่อ --role staff"
    lines = []
    for row in rows:
        linked = "เชื่อมไลน์แล้ว" if row.linked else "ยังไม่เชื่อมไลน์"
        state = "" if row.active else " (ปิดใช้งาน)"
        leave = f" ลาถึง {format_date(row.on_leave_until)}" if row.on_leave_until else ""
        measures = ", ".join(str(n) for n in row.measures) or "ตามหน่วยงาน"
        lines.append(
            f"{row.id:>4}  {row.name}{state}  [{labels.role(row.role)}]  "
            f"{row.unit or labels.UNIT_NONE}  มาตรการ: {measures}  {linked}{leave}"
        )
    return "\n".join(lines)


# -- export ----------------------------------------------------------------------------


# -- serve -----------------------------------------------------------------------------


def serving(url: str, *, demo: bool, database: str, fake_line: str | None, started_at) -> str:
    lines = []
    if demo:
        lines += [
            "=" * 64,
            "ติดตาม (Tidtam) — โหมดสาธิต: ข้อมูลสาธิตในไฟล์ฐานข้อมูลของตัวเอง",
            "ข้อความทั้งหมดส่งไปยังแพลตฟอร์ม LINE จำลองในเครื่อง ไม่มีการส่งถึง LINE จริง",
            f"LINE จำลอง: {fake_line}",
            "=" * 64,
        ]
    else:
        lines.append("ติดตาม (Tidtam) — เชื่อมต่อ LINE จริง")
    lines += [
        f"เว็บ: {url}   (ตรวจสุขภาพ: {url}/healthz, webhook: {url}/callback)",
        f"ฐานข้อมูล: {database}",
        f"เวลาของระบบ: {format_datetime(started_at)}",
    ]
    return "\n".join(lines)


def demo_only() -> str:
    return (
        "คำสั่งนี้ใช้ได้เฉพาะโหมดสาธิต (TIDTAM_DEMO=1 หรือไม่ได้ตั้งค่า LINE และ DATABASE_URL) "
        "เพราะจะลบข้อมูลทั้งหมดในไฟล์ฐานข้อมูลของโหมดสาธิต"
    )


def demo_reset(agency: str, fiscal_year: int, codes: dict[str, str]) -> str:
    lines = [
        f"โหลดข้อมูลสาธิตแล้ว: {agency} ปีงบประมาณ {fiscal_year} เจ้าหน้าที่ รายงานผล ข้อเสนอแนะ และผลประเมิน"
    ]
    lines += [f"รหัสเชื่อมบัญชีของ {name}: {code}" for name, code in codes.items()]
    return "\n".join(lines)


def worker_started(threads: int) -> str:
    return f"ติดตาม: เริ่มทำงานกับข้อความที่รับจาก LINE แล้ว ({threads} เธรด) — หยุดด้วย Ctrl+C หรือ SIGTERM"


# -- personal data ---------------------------------------------------------------------


def privacy_swept(swept, retention_days: int) -> str:
    return (
        f"ลบข้อมูลที่พ้นระยะเวลาเก็บ ({retention_days} วัน) แล้ว\n"
        f"• เนื้อความที่ได้รับทางไลน์: {swept.events} รายการ\n"
        f"• ข้อความที่ส่งออก: {swept.pushes} รายการ\n"
        f"• ชื่อและเบอร์โทรของเรื่องที่ปิดแล้ว: {swept.contacts} เรื่อง\n"
        f"• แบบฟอร์มที่ค้างไว้: {swept.forms} รายการ\n"
        f"• รูปและไฟล์ที่ไม่มีรายการใดใช้: {swept.blobs} ไฟล์"
    )


def unanswered(month: date, asked: list[tuple[str, int]]) -> str:
    """The month's questions that found no answer, most asked first."""
    title = f"คำถามจากประชาชนที่ยังตอบไม่ได้ เดือน{format_month(month)}: {len(asked)} เรื่อง"
    return "\n".join([title, *(f"{count:>3} × {text}" for text, count in asked)])


def staff_changed(name: str, role: str, unit: str | None, measures: Iterable[int]) -> str:
    listed = ", ".join(str(n) for n in measures) or "ตามหน่วยงาน"
    return f"แก้ไข {name} แล้ว: {labels.role(role)} หน่วยงาน: {unit or labels.UNIT_NONE} มาตรการ: {listed}"


def staff_deactivated(name: str, forms: int) -> str:
    ended = f" ยกเลิกแบบฟอร์มที่ค้างอยู่ {forms} รายการ" if forms else ""
    return f"ปิดใช้งาน {name} แล้ว: ไม่มีการเตือนอีก เข้าคอนโซลไม่ได้{ended}"


def last_admin(name: str) -> str:
    return f"ทำไม่ได้: {name} เป็นผู้ดูแลระบบคนสุดท้าย เพิ่มผู้ดูแลระบบอีกคนก่อน"
