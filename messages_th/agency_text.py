"""What `python bot.py agency …` prints: the platform operator switching agencies on."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from usecases.agencies import (
        AgencyAdded,
        AgencyRow,
        ChannelConnected,
        Checklist,
        WebhookReady,
    )

STATE = {
    "env": "ช่องทางไลน์จากค่าตั้งของเครื่อง",
    "new": "ยังไม่เชื่อมช่องทางไลน์",
    "connected": "เชื่อมช่องทางไลน์แล้ว",
    "refused": "ไลน์ไม่รับโทเค็น (หยุดส่งข้อความ)",
}

RICH_MENUS_DONE = "สร้างริชเมนูของช่องทางแล้ว"
RICH_MENUS_FAILED = "ยังสร้างริชเมนูไม่ได้ (ไลน์ไม่ตอบรับ หรือไม่มีฟอนต์ภาษาไทย) สั่ง agency connect อีกครั้งภายหลังได้"

ASK_SECRET = "Channel secret"
ASK_TOKEN = "Channel access token"


def added(result: AgencyAdded) -> str:
    return "\n".join(
        [
            f"เพิ่มหน่วยงาน {result.name} แล้ว (ลำดับที่ {result.id}, ชื่อในลิงก์ {result.slug})",
            f"ขั้นต่อไป: python bot.py agency connect {result.slug}",
        ]
    )


def bad_slug(slug: str) -> str:
    return (
        f"ชื่อในลิงก์ {slug!r} ใช้ไม่ได้: ใช้ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด (-) "
        "ยาว 2–40 ตัว ขึ้นต้นและลงท้ายด้วยตัวอักษรหรือตัวเลข เช่น nong-bua"
    )


def slug_taken(slug: str) -> str:
    return f"มีหน่วยงานที่ใช้ชื่อในลิงก์ {slug} อยู่แล้ว ไม่ได้เพิ่มซ้ำ"


def no_such_agency(slug: str) -> str:
    return f"ไม่พบหน่วยงานชื่อในลิงก์ {slug} (ดูรายชื่อด้วย python bot.py agency list)"


def agency_table(rows: list[AgencyRow]) -> str:
    lines = ["ลำดับ  ชื่อในลิงก์  หน่วยงาน  บัญชีไลน์  สถานะ"]
    for row in rows:
        lines.append(f"{row.id}  {row.slug}  {row.name}  {row.basic_id or '-'}  {STATE[row.state]}")
    return "\n".join(lines)


def channel_in_environment(slug: str) -> str:
    return (
        f"หน่วยงานลำดับที่ 1 ({slug}) ใช้ช่องทางไลน์จาก LINE_CHANNEL_SECRET และ "
        "LINE_CHANNEL_ACCESS_TOKEN ของเครื่อง ไม่ต้องเชื่อมด้วยคำสั่งนี้"
    )


def no_keys() -> str:
    return (
        "ยังไม่ได้ตั้ง TIDTAM_CREDENTIALS_KEYS (กุญแจเข้ารหัส channel secret และโทเค็น) "
        "หรือกุญแจที่ตั้งไว้เปิดค่าที่เก็บไว้ไม่ได้ สร้างกุญแจด้วย: "
        'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
    )


def bad_keys() -> str:
    return (
        "TIDTAM_CREDENTIALS_KEYS มีค่าที่ไม่ใช่กุญแจ Fernet (ข้อความ base64 ยาว 44 ตัว "
        "คั่นหลายกุญแจด้วยจุลภาค กุญแจใหม่สุดไว้หน้า) ยังไม่ได้ทำอะไร"
    )


def missing_credentials() -> str:
    return (
        "ต้องมีทั้ง channel secret และ channel access token: ส่งทาง stdin บรรทัดละค่า "
        "(secret ก่อน) หรือตั้ง TIDTAM_AGENCY_CHANNEL_SECRET และ TIDTAM_AGENCY_ACCESS_TOKEN "
        "ไม่รับทางบรรทัดคำสั่ง เพราะผู้อื่นในเครื่องมองเห็นได้ ยังไม่ได้บันทึกอะไร"
    )


def token_refused(status: int) -> str:
    return (
        f"ไลน์ไม่รับ channel access token นี้ (HTTP {status}) ตรวจว่าคัดลอกโทเค็นระยะยาว "
        "จากแท็บ Messaging API ของช่องทางที่ถูกต้องครบทั้งหมด ยังไม่ได้บันทึกอะไร"
    )


def line_unavailable(status: int) -> str:
    why = f"ไลน์ตอบ HTTP {status}" if status else "ติดต่อไลน์ไม่ได้"
    return f"{why} ลองใหม่อีกครั้งภายหลัง ขั้นที่ทำสำเร็จแล้วยังอยู่ (ดู python bot.py agency status)"


def channel_taken(slug: str) -> str:
    return f"บัญชีไลน์นี้เชื่อมกับหน่วยงาน {slug} อยู่แล้ว ยังไม่ได้บันทึกอะไร"


def connected(result: ChannelConnected) -> str:
    return f"ตรวจโทเค็นกับไลน์แล้ว: บัญชี {result.basic_id} เก็บ secret และโทเค็นแบบเข้ารหัสแล้ว"


def webhook_ready(result: WebhookReady) -> str:
    line = f"ตั้ง webhook ของช่องทางเป็น {result.url} แล้ว"
    if result.tested:
        return f"{line}\nไลน์ทดสอบ webhook สำเร็จ"
    answered = f"HTTP {result.status_code}" if result.status_code else "ติดต่อไม่ได้"
    return (
        f"{line}\nไลน์ทดสอบ webhook ไม่ผ่าน ({answered}, {result.reason}): "
        "ตรวจว่า PUBLIC_BASE_URL เป็นที่อยู่ HTTPS ที่ไลน์เข้าถึงได้ แล้วสั่ง agency connect อีกครั้ง"
    )


def _mark(done: bool | None) -> str:
    return {True: "[x]", False: "[ ]", None: "[?]"}[done]


#: the items of an agency's checklist (usecases.agencies.Checklist.items), by name
CHECKLIST = {
    "created": "เพิ่มหน่วยงานแล้ว",
    "channel_checked": "ตรวจช่องทางไลน์กับไลน์ (bot info)",
    "credentials_stored": "เก็บ channel secret และโทเค็นแบบเข้ารหัส",
    "webhook_set": "ตั้ง webhook ของช่องทาง",
    "webhook_tested": "ไลน์ทดสอบ webhook สำเร็จ",
    "rich_menus": "สร้างริชเมนูของช่องทาง",
    "plan_imported": "นำเข้าแผนมาตรการ",
    "admin_linked": "ผู้ดูแลระบบเชื่อมบัญชีไลน์แล้ว",
    "staff_added": "เพิ่มเจ้าหน้าที่",
}


def checklist(result: Checklist) -> str:
    agency = result.agency
    items = [(done, CHECKLIST[name]) for name, done in result.items]
    lines = [f"{agency.name} ({agency.slug}): {STATE[agency.state]}"]
    lines += [f"{_mark(done)} {label}" for done, label in items]
    if any(done is None for done, _ in items):
        lines.append("[?] = ยังตรวจไม่ได้ จนกว่าระบบจะแยกข้อมูลของหน่วยงานนี้ (ยังไม่เสร็จ)")
    return "\n".join(lines)


def rotated(count: int) -> str:
    return (
        f"เข้ารหัสใหม่ด้วยกุญแจล่าสุดแล้ว {count} หน่วยงาน ตอนนี้เอากุญแจเก่าออกจาก TIDTAM_CREDENTIALS_KEYS ได้"
    )


def rotation_locked() -> str:
    return (
        "มีค่าที่กุญแจใน TIDTAM_CREDENTIALS_KEYS เปิดไม่ได้ จึงไม่ได้เปลี่ยนอะไร: "
        "ใส่กุญแจใหม่ไว้หน้าสุด และคงกุญแจเก่าไว้จนกว่าจะเข้ารหัสใหม่เสร็จ"
    )
