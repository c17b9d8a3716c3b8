"""What Tidtam says about its own configuration: the mode it starts in, and what is missing
when it refuses to start. Read by the person who deploys it, in the log or the terminal."""

from __future__ import annotations

LINE_CONSOLE = "LINE Developers console (https://developers.line.biz/console/)"
DEMO_HINT = "หากต้องการทดลองระบบ ให้ตั้ง TIDTAM_DEMO=1 (โหมดสาธิตใช้ไฟล์ฐานข้อมูลของตัวเองเสมอ)"


def one_credential(missing: str, present: str) -> str:
    return (
        f"ตั้งค่า {present} แล้วแต่ไม่มี {missing}: ต้องตั้งทั้งสองค่าจาก {LINE_CONSOLE} "
        "จึงจะเริ่มทำงานได้ (ค่าใดค่าหนึ่งหายไปมักเกิดจากพิมพ์ชื่อผิดใน .env "
        "หรือ secret ของ container ไม่ถูกส่งมา)"
    )


def no_credentials(*, database: bool, demo_off: bool | None) -> str:
    because = (
        "ตั้ง DATABASE_URL ไว้ (ฐานข้อมูลจริง)"
        if database
        else "ตั้ง TIDTAM_DEMO=0 ไว้"
        if demo_off is False
        else "ไม่ได้อยู่ในโหมดสาธิต"
    )
    return (
        "ไม่มี LINE_CHANNEL_SECRET และ LINE_CHANNEL_ACCESS_TOKEN: เซิร์ฟเวอร์ ตัวทำงาน "
        "ตัวตั้งเวลา และคำสั่งที่ติดต่อ LINE ต้องใช้ทั้งสองค่า "
        f"{because} จึงไม่เปิดโหมดสาธิตเองและไม่เริ่มทำงาน ตั้งทั้งสองค่าจาก {LINE_CONSOLE}; " + DEMO_HINT
    )


def no_signing_secret() -> str:
    return (
        "ไม่มี LINE_CHANNEL_SECRET หรือ TIDTAM_SECRET_KEY: คำสั่งนี้ใช้ค่านั้นเซ็นลิงก์ดาวน์โหลด "
        "และเข้ารหัสรหัสเชื่อมบัญชี ต้องเป็นค่าเดียวกับของเซิร์ฟเวอร์ ตั้งค่าใดค่าหนึ่งให้ตรงกับเซิร์ฟเวอร์แล้วสั่งใหม่"
    )


def demo_mode(*, asked: bool, path: str, ignored: list[str]) -> str:
    why = "ตั้ง TIDTAM_DEMO=1" if asked else "ไม่ได้ตั้งค่า LINE และ DATABASE_URL"
    line = (
        f"ติดตาม: โหมดสาธิต ({why}) — ข้อมูลสาธิตในไฟล์ {path} ไม่ใช่ฐานข้อมูลจริง "
        "และข้อความทั้งหมดไปที่ LINE จำลองในเครื่อง"
    )
    if ignored:
        line += f" (ไม่ใช้ {', '.join(ignored)} ที่ตั้งไว้)"
    return line


def live_mode(database: str) -> str:
    return f"ติดตาม: เชื่อมต่อ LINE จริง ฐานข้อมูล {database}"


def demo_database_not_demo(path: str) -> str:
    return (
        f"ไฟล์ฐานข้อมูลของโหมดสาธิต {path} มีข้อมูลที่ไม่ใช่ข้อมูลสาธิต จึงไม่ใช้และไม่ลบ "
        "ตั้ง TIDTAM_DEMO_DATABASE เป็นไฟล์ใหม่ หรือย้ายไฟล์นี้ออกไปก่อน"
    )
