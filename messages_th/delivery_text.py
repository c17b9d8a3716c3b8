"""What the outbox and quota commands print."""

from __future__ import annotations

from datetime import date, datetime

from messages_th import build
from messages_th.thai_calendar import format_month

STATUS = {
    "pending": "รอส่ง",
    "sending": "กำลังส่ง",
    "sent": "ส่งแล้ว",
    "failed": "ส่งไม่สำเร็จ",
    "parked": "พักไว้ (ไลน์ไม่รับโทเค็นของหน่วยงาน)",
}


def flushed(sent: int, retried: int, failed: int) -> str:
    return f"ส่งแล้ว {sent} ข้อความ, ต้องลองใหม่ภายหลัง {retried}, ส่งไม่สำเร็จถาวร {failed}"


def counts(by_status: dict[str, int]) -> str:
    return (
        "  ".join(f"{STATUS.get(k, k)}: {v}" for k, v in sorted(by_status.items()))
        or "ยังไม่มีข้อความในคิว"
    )


def rows(items: list[tuple[int, str, str, int, int, str | None, datetime]]) -> str:
    lines = []
    for id_, key, status, attempts, recipients, error, created in items:
        line = f"{id_:>5} {created:%Y-%m-%d %H:%M} {STATUS.get(status, status):<12} ผู้รับ {recipients} ลอง {attempts} ครั้ง  {key}"
        if error:
            line += f"\n      เหตุผล: {error}"
        lines.append(line)
    return "\n".join(lines)


def quota(
    month: date, ours: int, pending: int, limit: int | None, used: int | None, error: str = ""
) -> str:
    lines = [
        f"ข้อความ push เดือน{format_month(month)} (นับจากคิวของติดตาม): {ours:,} (รอส่งอีก {pending:,})"
    ]
    if error:
        lines.append(f"สอบถามโควตาจาก LINE ไม่สำเร็จ: {error}")
    else:
        lines.append(f"LINE นับว่าใช้ไปแล้ว: {used:,}")
        lines.append(
            "โควตาต่อเดือน: ไม่จำกัด"
            if limit is None
            else f"โควตาต่อเดือน: {limit:,} (เหลือ {max(limit - (used or 0), 0):,})"
        )
    lines.append("ข้อความตอบกลับ (reply) ไม่นับโควตา")
    return "\n".join(lines)


def not_failed(message_id: int) -> str:
    return f"ไม่มีข้อความที่ส่งไม่สำเร็จหมายเลข {message_id}"


def retrying(message_id: int) -> str:
    return f"ส่งข้อความหมายเลข {message_id} ใหม่แล้ว (อยู่ในคิว)"


def agency_refused(name: str, slug: str) -> build.Message:
    """To the deployment's operator (agency no. 1's admins): LINE refused an agency's
    access token, so nothing of that agency goes out until it is connected again."""
    return build.text(
        f"แจ้งผู้ดูแลระบบ: ไลน์ไม่รับโทเค็น (channel access token) ของหน่วยงาน {name} ({slug})\n"
        "ข้อความแจ้งเตือนของหน่วยงานนี้หยุดส่งและพักไว้ก่อน (ไม่หาย)\n"
        "วิธีแก้: ออกโทเค็นใหม่ใน LINE Developers console แล้ววางในหน้าคอนโซลของติดตาม "
        f"หรือสั่ง python bot.py agency connect {slug} "
        "เมื่อเชื่อมใหม่แล้ว ข้อความที่พักไว้จะส่งต่อเอง"
    )
