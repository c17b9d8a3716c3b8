"""Messages every kind of user may get: greetings, help, apologies, not understood."""

from __future__ import annotations

from messages_th import build


def sorry() -> build.Message:
    return build.text("ขออภัย ระบบขัดข้องชั่วคราว ข้อความล่าสุดของท่านยังไม่ได้บันทึก กรุณาส่งใหม่อีกครั้งในอีกสักครู่")


def not_understood() -> build.Message:
    return build.text(
        'ขออภัย ยังไม่เข้าใจข้อความนี้ พิมพ์ "ช่วยเหลือ" เพื่อดูสิ่งที่ถามหรือสั่งได้',
        quick_replies=[build.say("ช่วยเหลือ")],
    )


def welcome(agency: str | None, privacy_url: str) -> build.Message:
    """After a follow: what a citizen can ask, how a staff member links their account, and
    where the privacy notice is (the PDPA asks that people be told before data is kept)."""
    name = agency or "หน่วยงาน"
    return build.text(
        f"สวัสดีครับ ยินดีต้อนรับสู่บัญชีติดตามมาตรการคุณธรรมและความโปร่งใสของ{name}\n\n"
        "ประชาชนพิมพ์ถามได้ เช่น\n"
        "• มาตรการ — ดูมาตรการและความคืบหน้า\n"
        "• คะแนน ITA — ผลการประเมินคุณธรรมและความโปร่งใส\n"
        "• เสนอแนะ — ส่งข้อเสนอแนะหรือเรื่องร้องเรียน\n"
        "• ประเมิน — ให้คะแนนความพึงพอใจต่อบริการ\n\n"
        "เจ้าหน้าที่: ส่งรหัส 6 ตัวที่ได้รับจากผู้ดูแลระบบ เพื่อเชื่อมบัญชีแล้วรายงานผลได้ทันที\n\n"
        f"ข้อมูลที่ท่านส่งมาเก็บและใช้ตามประกาศความเป็นส่วนตัว: {privacy_url}\n"
        'ดูหรือขอลบข้อมูลของท่านได้ด้วยคำว่า "ข้อมูลของฉัน" หรือ "ลบข้อมูลของฉัน"',
        quick_replies=[build.say("มาตรการ"), build.say("คะแนน ITA"), build.say("ช่วยเหลือ")],
    )


def group_hello() -> build.Message:
    return build.text(
        "สวัสดีครับ บอทติดตามมาตรการคุณธรรมและความโปร่งใสเข้ากลุ่มแล้ว\n"
        "ผู้ดูแลระบบเปิดให้กลุ่มนี้รับสรุปก่อนประชุมประจำเดือนได้ "
        'สมาชิกพิมพ์ "ช่วยเหลือ" ในกลุ่มเพื่อดูคำสั่งที่ใช้ในกลุ่มได้'
    )


def stale_button() -> build.Message:
    return build.text(
        'ปุ่มนี้ใช้ไม่ได้แล้ว (รายการนั้นจบหรือหมดเวลาไปแล้ว) เริ่มใหม่ได้ด้วยเมนูด้านล่าง หรือพิมพ์ "ช่วยเหลือ"',
        quick_replies=[build.say("ช่วยเหลือ")],
    )


def nothing_to_cancel() -> build.Message:
    return build.text("ตอนนี้ไม่มีรายการที่ค้างอยู่ให้ยกเลิกครับ")


def sticker_reply() -> build.Message:
    return build.text(
        'ขอบคุณสำหรับสติกเกอร์ครับ 😊 พิมพ์ "ช่วยเหลือ" เพื่อดูสิ่งที่ทำได้',
        quick_replies=[build.say("ช่วยเหลือ")],
    )


def media_outside_form() -> build.Message:
    return build.text(
        "ได้รับไฟล์แล้ว แต่ยังไม่ได้แนบกับเรื่องใด\n"
        'เจ้าหน้าที่: เริ่ม "รายงาน" ก่อน แล้วส่งรูปในขั้นแนบหลักฐาน\n'
        'ประชาชน: เริ่ม "เสนอแนะ" ก่อน แล้วแนบรูปในแบบฟอร์ม',
        quick_replies=[build.say("รายงาน"), build.say("เสนอแนะ")],
    )


def file_too_big(limit_mb: int) -> build.Message:
    return build.text(f"ไฟล์นี้ใหญ่เกิน {limit_mb} MB จึงไม่ได้แนบ ส่งรูปหรือไฟล์ที่เล็กกว่านี้ได้")


def file_unavailable() -> build.Message:
    return build.text("ดึงไฟล์จากไลน์ไม่สำเร็จ (ไฟล์อาจหมดอายุ) ลองส่งใหม่อีกครั้ง")


def long_message() -> build.Message:
    return build.text(
        "ข้อความยาวมากและไม่ใช่คำสั่งที่รู้จัก จึงยังไม่ได้บันทึก\n"
        'เจ้าหน้าที่: ถ้าเป็นผลการดำเนินงาน ให้เริ่ม "รายงาน" แล้วพิมพ์ในขั้นผลการดำเนินงาน\n'
        'ประชาชน: ถ้าเป็นข้อเสนอแนะ ให้เริ่ม "เสนอแนะ" ก่อน',
        quick_replies=[build.say("รายงาน"), build.say("เสนอแนะ"), build.say("ช่วยเหลือ")],
    )
