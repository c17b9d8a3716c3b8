"""The console's words: its frame and navigation, signing in and out, refusals, the home
page and the admin's page, and the demo's front page."""

from __future__ import annotations

APP = "ติดตาม"
CONSOLE = "คอนโซลหน่วยงาน"
SKIP = "ข้ามไปที่เนื้อหา"
NAV = "เมนูคอนโซล"
NAV_HOME = "หน้าแรก"
NAV_ADMIN = "ผู้ดูแลระบบ"
SIGNED_IN_AS = "เข้าสู่ระบบเป็น"
SIGN_OUT = "ออกจากระบบ"
PUBLIC_PAGE = "หน้าเผยแพร่ต่อสาธารณะ"
SIMULATOR = "เครื่องจำลองแชท LINE"
CITIZEN = "ประชาชน"
FOOTER = "ติดตาม · ระบบติดตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"

# -- signing in -------------------------------------------------------------------------

SIGN_IN_TITLE = "เข้าสู่คอนโซลของหน่วยงาน"
SIGN_IN_WHO = (
    "สำหรับหัวหน้าและผู้ดูแลระบบที่เชื่อมบัญชี LINE กับบอต ติดตาม แล้ว ไม่ต้องจำรหัสผ่าน: ยืนยันตัวตนด้วยบัญชี LINE ของท่าน"
)
SIGN_IN_BUTTON = "เข้าสู่ระบบด้วย LINE"
SIGNED_OUT = "ออกจากระบบแล้ว"
IDLE_ENDED = "ระบบออกจากระบบให้โดยอัตโนมัติ เพราะไม่ได้ใช้งานนานเกินกำหนด กรุณาเข้าสู่ระบบอีกครั้ง"
NOT_LINKED_HINT = (
    "ยังไม่ได้เชื่อมบัญชี? ขอรหัสเชื่อมบัญชีจากผู้ดูแลระบบของหน่วยงาน "
    "แล้วส่งรหัสนั้นให้บอต ติดตาม ในแชท LINE จากนั้นจึงเข้าสู่ระบบที่นี่"
)

DEMO_TITLE = "โหมดสาธิต: เข้าสู่ระบบเป็น…"
DEMO_NOTE = (
    "มีเฉพาะในโหมดสาธิต ทุกปุ่มผ่านขั้นตอน LINE Login จริงกับแพลตฟอร์ม LINE จำลองในเครื่องนี้ "
    "หัวหน้าและผู้ดูแลระบบเข้าได้ ส่วนคนอื่นจะเห็นว่าทำไมจึงเข้าไม่ได้"
)

SETUP_TITLE = "ยังไม่ได้ตั้งค่า LINE Login"
SETUP_IN_DEMO = "ใช้งานจริง: ตั้งค่า LINE Login ของหน่วยงาน"
SETUP_INTRO = "คอนโซลยืนยันตัวตนด้วย LINE Login ผู้ดูแลเซิร์ฟเวอร์ตั้งค่าครั้งเดียวตามขั้นตอนนี้ แล้วเริ่มระบบใหม่"


def setup_steps(callback_url: str) -> list[tuple[str, str]]:
    """The steps to create the LINE Login channel: (what to do, what to copy or type)."""
    return [
        (
            "เปิด LINE Developers Console แล้วเลือก Provider เดียวกับช่อง Messaging API ของบอต "
            "(ต้องเป็น Provider เดียวกัน มิฉะนั้นรหัสผู้ใช้ LINE จะไม่ตรงกับที่บอตรู้จัก)",
            "https://developers.line.biz/console/",
        ),
        ("สร้างช่องใหม่ประเภท LINE Login และเลือกประเภทแอปเป็น Web app", ""),
        ("ในแท็บ LINE Login ตั้ง Callback URL เป็น", callback_url),
        (
            "คัดลอก Channel ID และ Channel secret จากแท็บ Basic settings ใส่ในไฟล์ .env ของเซิร์ฟเวอร์",
            "LINE_LOGIN_CHANNEL_ID=…\nLINE_LOGIN_CHANNEL_SECRET=…",
        ),
        (
            "เปลี่ยนสถานะช่องเป็น Published (ถ้ายังเป็น Developing จะมีเพียงผู้พัฒนาที่เข้าได้) แล้วเริ่มระบบใหม่",
            "",
        ),
    ]


# -- refusals and problems ---------------------------------------------------------------

REFUSED_TITLE = "ยังเข้าคอนโซลไม่ได้"
REFUSED_NOT_LINKED = "ขออภัย บัญชี LINE นี้ยังไม่ได้เชื่อมกับเจ้าหน้าที่ของหน่วยงานในระบบ ติดตาม"
REFUSED_NOT_LINKED_STEPS = [
    "ขอรหัสเชื่อมบัญชี 6 ตัวจากผู้ดูแลระบบของหน่วยงาน",
    "ส่งรหัสนั้นให้บอต ติดตาม ในแชท LINE",
    "กลับมาที่หน้านี้ แล้วเข้าสู่ระบบอีกครั้ง",
]
REFUSED_STAFF_STEPS = [
    "รายงานผลและดูสถานะของท่านได้ในแชท LINE กับบอต ติดตาม ตามปกติ",
    "หากท่านควรมีสิทธิ์หัวหน้าหรือผู้ดูแลระบบ โปรดติดต่อผู้ดูแลระบบของหน่วยงาน",
]
REFUSED_PAGE_FOR_ROLE = "ขออภัย หน้านี้สำหรับผู้ดูแลระบบเท่านั้น"
FORM_EXPIRED = "แบบฟอร์มนี้หมดอายุแล้วเพื่อความปลอดภัย กรุณาเปิดหน้าใหม่แล้วลองอีกครั้ง"
BACK_TO_SIGN_IN = "กลับไปหน้าเข้าสู่ระบบ"
BACK_HOME = "กลับหน้าแรก"


def refused_staff(name: str) -> str:
    return f"ขออภัย คอนโซลนี้สำหรับหัวหน้าและผู้ดูแลระบบ บัญชีของ{name}เป็นเจ้าหน้าที่"


PROBLEM_TITLE = "เข้าสู่ระบบไม่สำเร็จ"
PROBLEM_CANCELLED = "ยกเลิกการเข้าสู่ระบบด้วย LINE แล้ว"
PROBLEM_STALE = (
    "การเข้าสู่ระบบครั้งนี้หมดอายุ หรือไม่ตรงกับที่เริ่มไว้ (เช่น เริ่มจากอีกแท็บหรือจากที่อยู่เว็บอื่น) กรุณาเริ่มใหม่จากหน้านี้"
)
PROBLEM_REFUSED = "ยืนยันตัวตนกับ LINE ไม่สำเร็จ กรุณาเริ่มเข้าสู่ระบบใหม่"
PROBLEM_UNREACHABLE = "ติดต่อ LINE ไม่ได้ในขณะนี้ กรุณาลองอีกครั้งในอีกสักครู่"
START_AGAIN = "เริ่มเข้าสู่ระบบใหม่"

# -- the home page -----------------------------------------------------------------------

AGENCY = "หน่วยงาน"
FISCAL_YEAR = "ปีงบประมาณ"
ROLE = "บทบาท"
UNIT = "สังกัด"
NO_PLAN = "ยังไม่มีแผนของปีงบประมาณนี้ในระบบ"
SESSION = "การเข้าสู่ระบบ"


def hello(name: str) -> str:
    return f"สวัสดี {name}"


def session_note(signed_in: str, idle_minutes: int) -> str:
    return f"เข้าสู่ระบบเมื่อ {signed_in} · ถ้าไม่ได้ใช้งาน {idle_minutes} นาที ระบบจะออกจากระบบให้เอง"


# -- the admin's page --------------------------------------------------------------------

ADMIN_TITLE = "ผู้ดูแลระบบ"
ADMIN_INTRO = (
    "เครื่องมือของผู้ดูแลระบบจะรวมอยู่ที่หน้านี้ ตอนนี้คือค่าการเข้าสู่ระบบคอนโซล (แก้ได้ในไฟล์ .env ของเซิร์ฟเวอร์)"
)
LOGIN_CHANNEL = "LINE Login Channel ID"
LOGIN_DEMO = "ช่องสาธิตบนแพลตฟอร์ม LINE จำลอง"
LOGIN_NONE = "ยังไม่ได้ตั้งค่า"
CALLBACK_URL = "Callback URL ที่ลงทะเบียนไว้กับช่อง"
WHO_MAY_SIGN_IN = "ผู้ที่เข้าคอนโซลได้"


def idle_after(minutes: int) -> tuple[str, str]:
    return ("ออกจากระบบเมื่อไม่ได้ใช้งาน", f"{minutes} นาที")


def at_most(hours: float) -> tuple[str, str]:
    return ("อยู่ในระบบได้นานที่สุด", f"{hours:g} ชั่วโมงหลังเข้าสู่ระบบ")


# -- the demo's front page ---------------------------------------------------------------

FRONT_TITLE = "ติดตาม · โหมดสาธิต"
FRONT_INTRO = (
    "บอต LINE ที่ช่วยหน่วยงานติดตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสประจำปี "
    "โหมดสาธิตใช้แผนจริงของเทศบาลตำบลบางกระบือ ข้อความทุกข้อความส่งไปยังแพลตฟอร์ม LINE จำลองในเครื่องนี้"
)
FRONT_LINKS = [
    (
        "simulator",
        "เครื่องจำลองแชท LINE",
        "คุยกับบอตในฐานะเจ้าหน้าที่ หัวหน้า หรือประชาชน: รายงานผล ดูสรุป ส่งข้อเสนอแนะ",
    ),
    (
        "console",
        "คอนโซลหน่วยงาน",
        "สำหรับหัวหน้าและผู้ดูแลระบบ เข้าสู่ระบบด้วย LINE Login (ในโหมดสาธิตเลือกได้ว่าจะเป็นใคร)",
    ),
    (
        "public",
        "หน้าเผยแพร่ต่อสาธารณะ",
        "ความคืบหน้าของมาตรการเดือนต่อเดือน และคะแนน ITA สำหรับลิงก์จากเว็บไซต์ของหน่วยงาน",
    ),
]


# -- this month --------------------------------------------------------------------------

NAV_MONTH = "เดือนนี้"
MONTH_TITLE = "ความคืบหน้าเดือนนี้"


def month_heading(month: str) -> str:
    return f"รายงานของเดือน{month}"


OVERALL = "ความคืบหน้าเฉลี่ย"
MEETING = "ประชุมประจำเดือน"
MEETING_BY_HAND = "(กำหนดเอง)"
REPORTED_BY = "รายงานโดย"
REPORTED_AT = "เมื่อ"
PHOTOS = "หลักฐาน"
MISSING_FROM = "ยังไม่รายงาน"
ON_LEAVE = "ลา"
NOBODY_ASSIGNED = "ยังไม่มีผู้รับผิดชอบในระบบ"
ON_LEAVE_TITLE = "ผู้ที่ลาอยู่"
NOBODY_ON_LEAVE = "ไม่มีผู้ลา"
LEAVE_UNTIL = "ถึง"
AHEAD_TITLE = "สิ่งที่ระบบจะส่งก่อนประชุม"
AHEAD_NOTHING = "ไม่มีข้อความที่รอส่งก่อนประชุมครั้งนี้"
AHEAD_IF = "ถ้ายังไม่รายงาน:"
SEND_SUMMARY = "ส่งสรุปให้หัวหน้าทาง LINE ตอนนี้"
SEND_SUMMARY_HINT = "ส่งสรุปเดือนนี้ให้หัวหน้าทุกคนที่เชื่อมบัญชีแล้ว และกลุ่ม LINE ที่ขอรับสรุป"
MONTH_DOCUMENT = "เอกสารรายงานการประชุมเดือนนี้ (Word)"
PHOTO = "รูป"


def ahead_what(what: str, stage: int) -> str:
    return {
        "reminder": f"เตือนรายงานครั้งที่ {stage}",
        "summary": "สรุปให้หัวหน้า",
        "escalation": "แจ้งหัวหน้าว่าใครยังไม่รายงาน",
    }[what]


def summary_sent(queued: int, already: int) -> str:
    if queued:
        return f"ส่งสรุปแล้ว {queued} รายการ ระบบจะส่งทาง LINE ภายในไม่กี่วินาที"
    if already:
        return "สรุปเดือนนี้ส่งไปแล้ว ไม่ส่งซ้ำ"
    return "ยังไม่มีหัวหน้าที่เชื่อมบัญชี LINE จึงยังไม่มีผู้รับสรุป"


# -- people ----------------------------------------------------------------------------

NAV_PEOPLE = "เจ้าหน้าที่"
PEOPLE_TITLE = "เจ้าหน้าที่และผู้ใช้งาน"
ADD_PERSON = "เพิ่มเจ้าหน้าที่"
NAME = "ชื่อ-นามสกุล"
MEASURES = "มาตรการที่รายงาน"
MEASURES_HINT = "ไม่เลือก: ตามหน่วยงาน (ทุกมาตรการที่หน่วยงานรับผิดชอบ)"
UNIT_HINT = "เช่น สำนักปลัดเทศบาล (ว่างไว้: ตามแผน)"
SAVE = "บันทึก"
EDIT = "แก้ไข"
DEACTIVATE = "ปิดใช้งาน"
DEACTIVATE_HINT = "คนที่ย้ายหรือลาออก: ไม่มีการเตือนอีก แบบฟอร์มที่ค้างในแชทถูกยกเลิก รายงานเดิมยังอยู่"
NEW_CODE = "ออกรหัสเชื่อมบัญชีใหม่"
PRINT_CODES = "พิมพ์รหัสของทุกคนที่ยังไม่เชื่อมบัญชี (A4)"
PRINT_CODES_HINT = "ออกรหัสใหม่ให้ทุกคนที่ยังไม่เชื่อม LINE แล้วพิมพ์แจกในที่ประชุม รหัสเดิมจะใช้ไม่ได้"
LINKED = "เชื่อม LINE แล้ว"
NOT_LINKED = "ยังไม่เชื่อม LINE"
INACTIVE = "ปิดใช้งานแล้ว"
BY_UNIT = "ตามหน่วยงาน"
NOBODY = "ยังไม่มีเจ้าหน้าที่ในระบบ"
CODE_TITLE = "รหัสเชื่อมบัญชี LINE"
CODE_SCAN = "สแกนด้วยกล้องของโทรศัพท์ แชทกับบอตจะเปิดพร้อมรหัส แล้วกดส่ง"
CODE_OPEN = "เปิดแชทพร้อมรหัส"
CODE_NO_BASIC_ID = (
    "ตั้งค่า LINE_BOT_BASIC_ID (Basic ID ของบัญชีทางการ เช่น @123abcde) เพื่อให้มี QR ที่เปิดแชทพร้อมรหัส"
)
PRINT = "พิมพ์"
BACK_TO_PEOPLE = "กลับไปหน้าเจ้าหน้าที่"
SHEET_TITLE = "รหัสเชื่อมบัญชี LINE ของเจ้าหน้าที่"
SHEET_NOBODY = "ทุกคนเชื่อมบัญชีแล้ว ไม่มีรหัสให้พิมพ์"
LINKED_COUNT = "เชื่อมแล้ว"
REQUIRED = "กรุณากรอกช่องนี้"
TOO_LONG = "ยาวเกินไป"


def code_steps(name: str, code: str, expires: str) -> list[str]:
    return [
        f"สำหรับ {name}: เพิ่มบอต ติดตาม เป็นเพื่อนใน LINE",
        f"ส่งรหัส {code} ในแชทกับบอต (หรือสแกน QR)",
        f"ใช้ได้ครั้งเดียว ภายใน {expires}",
    ]


def person_added(name: str) -> str:
    return f"เพิ่ม {name} แล้ว ส่งรหัสด้านล่างให้เจ้าตัว (แสดงครั้งเดียว)"


def person_changed(name: str) -> str:
    return f"บันทึกการแก้ไขของ {name} แล้ว"


def person_deactivated(name: str) -> str:
    return f"ปิดใช้งาน {name} แล้ว"


def name_taken(name: str) -> str:
    return f"มีเจ้าหน้าที่ชื่อ {name} อยู่แล้ว (ชื่อต้องไม่ซ้ำกัน)"


def unknown_measures(numbers: list[int], fiscal_year: int) -> str:
    return f"ไม่มีมาตรการข้อ {', '.join(str(n) for n in numbers)} ในแผนปีงบประมาณ {fiscal_year}"


def last_admin(name: str) -> str:
    return f"ทำไม่ได้: {name} เป็นผู้ดูแลระบบคนสุดท้าย เพิ่มหรือแต่งตั้งผู้ดูแลระบบอีกคนก่อน"


NO_SUCH_PERSON = "ไม่พบเจ้าหน้าที่คนนี้ (อาจถูกปิดใช้งานไปแล้ว)"
NOT_A_CHOICE = "กรุณาเลือกจากรายการ"


# -- the plan ----------------------------------------------------------------------------

NAV_PLAN = "แผน"
PLAN_TITLE = "แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
UPLOAD_TITLE = "นำเข้าแผนจากเอกสารของหน่วยงาน"
UPLOAD_HINT = "ไฟล์ .docx, .pdf หรือ .txt ขนาดไม่เกิน 8 MB ระบบจะแสดงสิ่งที่อ่านได้ให้ตรวจและแก้ก่อนบันทึก"
UPLOAD_FILE = "ไฟล์แผน"
UPLOAD_BUTTON = "อ่านเอกสาร"
UPLOAD_REFUSED = {
    "too_big": "ไฟล์ใหญ่เกิน 8 MB กรุณาบันทึกเป็นไฟล์ที่เล็กลง (เช่น .docx แทนไฟล์สแกน)",
    "wrong_type": "รับเฉพาะไฟล์ .docx, .pdf หรือ .txt (ไฟล์ Word แบบเก่า .doc ให้บันทึกเป็น .docx ก่อน)",
    "no_file": "กรุณาเลือกไฟล์แผน",
}
UPLOAD_UNREADABLE = "อ่านเอกสารไม่ได้:"
PREVIEW_TITLE = "ตรวจสิ่งที่อ่านได้ก่อนบันทึก"
PREVIEW_FROM = "จากไฟล์"
PREVIEW_NEW = "ยังไม่มีแผนของปีงบประมาณนี้: บันทึกแล้วจะเป็นแผนใหม่"
PREVIEW_CHANGES = "สิ่งที่จะเปลี่ยนจากแผนที่ใช้อยู่"
PREVIEW_NO_CHANGES = "ไม่มีอะไรเปลี่ยนจากแผนที่ใช้อยู่"
PREVIEW_WARNINGS = "คำเตือนจากการอ่าน"
PREVIEW_NO_WARNINGS = "อ่านได้ครบ ไม่มีคำเตือน"
PREVIEW_CORRECT = 'แก้ไขช่องที่อ่านผิด แล้วกด "ใช้การแก้ไข"'
APPLY = "ใช้การแก้ไข"
SAVE_PLAN = "บันทึกแผนนี้"
DISCARD = "ยกเลิก ไม่บันทึก"
PLAN_SAVED = "บันทึกแผนแล้ว"
NO_DRAFT = "ไม่มีเอกสารที่รอตรวจ (อาจหมดอายุพร้อมการเข้าสู่ระบบ) กรุณาอัปโหลดใหม่"
CORRECTION_REFUSED = "แก้ไขไม่ได้:"
UNITS_HINT = "หลายหน่วยงานคั่นด้วยจุลภาค"
ITA_SCORE = "คะแนน ITA"
ITA_LEVEL = "ระดับ"
TITLE = "ชื่อแผน"
ACTIONS = "วิธีการดำเนินการ"
INDICATORS = "คะแนนรายตัวชี้วัด ITA"
NO_INDICATORS = "แผนนี้ไม่มีคะแนนรายตัวชี้วัด"
PARTICIPATION = "การมีส่วนร่วมของประชาชน"
SUGGESTIONS_UNDER = "ข้อเสนอแนะของประชาชนนับใต้มาตรการ"
RATINGS_UNDER = "การประเมินความพึงพอใจนับใต้ข้อ"
NOT_FOUND_IN_PLAN = "ไม่พบในแผน"
CITIZEN_SUGGEST_LINK = "ลิงก์ให้ประชาชนส่งข้อเสนอแนะในแชท"
CITIZEN_RATE_LINK = "ลิงก์ให้ประชาชนประเมินความพึงพอใจในแชท"
VERSIONS = "ประวัติการนำเข้าและแก้ไขแผน"
NO_VERSIONS = "ยังไม่มีประวัติ"


def version_line(created: bool, added: int, changed: int, retired: list[str]) -> str:
    if created:
        return "นำเข้าเป็นแผนใหม่"
    parts = [f"เพิ่ม {added}", f"แก้ไข {changed}"]
    if retired:
        parts.append(f"เลิกใช้ {', '.join(retired)}")
    return " · ".join(parts)


def change_field(field: str) -> str:
    return {
        "agency": "หน่วยงาน",
        "title": "ชื่อ",
        "ita_score": "คะแนน ITA",
        "ita_level": "ระดับ ITA",
        "district": "อำเภอ",
        "province": "จังหวัด",
        "measure": "มาตรการ",
        "units": "ผู้รับผิดชอบ",
        "action": "วิธีการดำเนินการ",
    }.get(field, field)


MEASURE = "มาตรการ"


# -- meetings and days off ---------------------------------------------------------------

NAV_MEETINGS = "ประชุมและวันหยุด"
MEETINGS_TITLE = "ปฏิทินประชุมประจำเดือน"
RULE = "กำหนดประชุมตามปกติ"
REPORTING_MONTH = "รายงานของเดือน"
MEETING_DAY = "วันประชุม"
AT = "เวลา"
SET_MEETING = "กำหนดหรือเลื่อนการประชุม"
SET_MEETING_HINT = "ประชุมที่กำหนดเองใช้แทนวันตามปกติของเดือนนั้น ระบบจะเตือนและส่งสรุปตามวันใหม่"
BACK_TO_RULE = "กลับไปใช้วันตามปกติ"
DAYS_OFF = "วันหยุดของหน่วยงาน (นอกเหนือวันหยุดราชการ)"
NO_DAYS_OFF = "ยังไม่มีวันหยุดเพิ่มเติม"
ADD_DAY_OFF = "เพิ่มวันหยุด"
DAY = "วันที่"
DAY_OFF_NAME = "ชื่อวันหยุด"
REMOVE = "ลบ"
BAD_DAY = "วันที่ไม่ถูกต้อง"
BAD_TIME = "เวลาไม่ถูกต้อง (ชั่วโมง:นาที)"
UPCOMING = "ครั้งถัดไป"


def meeting_set(day: str, working: bool, holiday: str | None) -> str:
    if working:
        return f"กำหนดประชุมวันที่ {day} แล้ว"
    return f"กำหนดประชุมวันที่ {day} แล้ว (หมายเหตุ: เป็นวันหยุด{' ' + holiday if holiday else ''})"


def day_off_added(day: str, name: str) -> str:
    return f"เพิ่มวันหยุด {day} {name} แล้ว"


MEETING_UNSET = "กลับไปใช้วันประชุมตามปกติแล้ว"
DAY_OFF_REMOVED = "ลบวันหยุดแล้ว"


# -- citizens --------------------------------------------------------------------------

NAV_CITIZENS = "ข้อเสนอแนะ/ร้องเรียน"
CITIZENS_TITLE = "ข้อเสนอแนะและเรื่องร้องเรียนของประชาชน"
CASE_STATUS = {"open": "รอดำเนินการ", "answered": "ตอบแล้ว", "closed": "ปิดเรื่องแล้ว"}
ALL_CASES = "ทั้งหมด"
NO_CASES = "ไม่มีเรื่องในสถานะนี้"
CASE_SENT_ON = "ส่งเมื่อ"
CASE_CONTACT = "ผู้ติดต่อ"
CASE_UNIT = "หน่วยงานที่รับผิดชอบ"
CASE_ANSWER = "คำตอบ"
CASE_HIDDEN = "เรื่องนี้เป็นของหน่วยงานอื่น เห็นได้เฉพาะสถานะ"
CASE_ERASED = "ผู้ส่งขอลบข้อมูลส่วนบุคคลแล้ว (ตอบไม่ได้ ปิดเรื่องได้)"
ANSWER = "ตอบประชาชน"
ANSWER_HINT = "คำตอบจะส่งถึงผู้ส่งทาง LINE"
CLOSE_CASE = "ปิดเรื่อง"
EMPTY_ANSWER = "กรุณาพิมพ์คำตอบ"


def case_done(kind: str, ref: str) -> str:
    return {
        "answered": f"ส่งคำตอบเรื่อง {ref} ให้ผู้ส่งทาง LINE แล้ว",
        "closed": f"ปิดเรื่อง {ref} แล้ว และแจ้งผู้ส่งทาง LINE",
        "already_closed": f"เรื่อง {ref} ปิดไปแล้ว",
        "not_yours": f"เรื่อง {ref} เป็นของหน่วยงานอื่น หัวหน้าหรือเจ้าหน้าที่ของหน่วยงานนั้นเป็นผู้ตอบ",
        "erased": f"ผู้ส่งเรื่อง {ref} ขอลบข้อมูลแล้ว จึงตอบไม่ได้ ปิดเรื่องได้",
        "no_such": f"ไม่พบเรื่อง {ref}",
        "no_topic": f"ไม่มีหมวด {ref}",
    }[kind]


def case_changed(ref: str, stage: str, to: str | None) -> str:
    return f"เรื่อง {ref}: {stage}" + (f" ({to})" if to else "") + " และแจ้งผู้ส่งทาง LINE แล้ว"


TAKE_CASE = "รับเรื่อง"
FORWARD_CASE = "ส่งต่อหมวด"


# -- delivery, reports, audit --------------------------------------------------------------

NAV_DELIVERY = "การส่งข้อความ"
DELIVERY_TITLE = "การส่งข้อความทาง LINE"
PUSHED = "ข้อความ push เดือนนี้ (นับจากคิวของติดตาม)"
PENDING = "รอส่ง"
LINE_USED = "LINE นับว่าใช้ไปแล้ว"
QUOTA = "โควตาต่อเดือน"
QUOTA_UNLIMITED = "ไม่จำกัด"
QUOTA_UNKNOWN = "สอบถามโควตาจาก LINE ไม่สำเร็จในขณะนี้"
REPLIES_FREE = "ข้อความตอบกลับ (reply) ไม่นับโควตา"
FAILED_TITLE = "ข้อความที่ส่งไม่สำเร็จ"
NO_FAILED = "ไม่มีข้อความที่ส่งไม่สำเร็จ"
REASON = "เหตุผลจาก LINE"
PURPOSE = "ประเภท"
RECIPIENTS = "ผู้รับ"
ATTEMPTS = "ครั้งที่ลอง"
RETRY = "ส่งใหม่"
RETRIED = "ส่งใหม่แล้ว ข้อความอยู่ในคิว"
NOT_FAILED = "ข้อความนี้ไม่ได้อยู่ในสถานะส่งไม่สำเร็จแล้ว"


def quota_left(limit: int, used: int) -> str:
    return f"{limit:,} (เหลือ {max(limit - used, 0):,})"


NAV_REPORTS = "รายงาน"
REPORTS_TITLE = "เอกสารรายงาน"
REPORT_KINDS = {
    "month": "รายงานการประชุมประจำเดือน",
    "half": "รายงานรอบ 6 เดือน (OIT)",
    "year": "รายงานผลการดำเนินงานประจำปี",
}
WORD = "Word (.docx)"
EXCEL = "Excel (.xlsx)"
LINKS_UNTIL = "ลิงก์ใช้ได้ถึง"
NO_PLAN_FOR = "ยังไม่มีแผนของปีงบประมาณ"
PUBLIC_LINK = "หน้าเผยแพร่ต่อสาธารณะ (ลิงก์ให้เว็บไซต์ของหน่วยงาน)"

NAV_AUDIT = "ประวัติการแก้ไข"
AUDIT_TITLE = "ประวัติการเปลี่ยนแปลงทั้งหมด"
AUDIT_WHEN = "เมื่อ"
AUDIT_WHO = "โดย"
AUDIT_WHAT = "การเปลี่ยนแปลง"
AUDIT_OLDER = "เก่ากว่านี้"
AUDIT_NONE = "ยังไม่มีประวัติ"
ACTOR_NAMES = {
    "cli": "คำสั่งบนเซิร์ฟเวอร์",
    "scheduler": "ระบบตั้งเวลา",
    "citizen": "ประชาชน",
    "demo": "ข้อมูลสาธิต",
}
AUDIT_ACTIONS = {
    "report": "รายงานผล",
    "staff.add": "เพิ่มเจ้าหน้าที่",
    "staff.change": "แก้ไขเจ้าหน้าที่",
    "staff.deactivate": "ปิดใช้งานเจ้าหน้าที่",
    "staff.code": "ออกรหัสเชื่อมบัญชี",
    "staff.code_sheet": "พิมพ์รหัสเชื่อมบัญชี",
    "staff.linked": "เชื่อมบัญชี LINE",
    "staff.link_failed": "ใส่รหัสเชื่อมบัญชีไม่ถูกต้อง",
    "staff.leave": "ลา",
    "staff.back": "กลับจากลา",
    "plan.citizen_links": "เลือกข้อที่นับความคิดเห็นของประชาชน",
    "group.summary": "ตั้งค่าสรุปในกลุ่ม LINE",
    "suggestion.new": "ประชาชนส่งเรื่อง",
    "personal_data.erase": "ลบข้อมูลส่วนบุคคลตามคำขอ",
    "plan.import": "นำเข้า/แก้ไขแผน",
    "meeting.set": "กำหนดวันประชุม",
    "meeting.unset": "กลับไปใช้วันประชุมตามปกติ",
    "meeting.rule": "เปลี่ยนกำหนดประชุม",
    "dayoff.add": "เพิ่มวันหยุด",
    "dayoff.remove": "ลบวันหยุด",
    "suggestion.answer": "ตอบประชาชน",
    "suggestion.close": "ปิดเรื่อง",
    "outbox.retry": "ส่งข้อความใหม่",
    "console.sign_in": "เข้าคอนโซล",
    "console.sign_out": "ออกจากคอนโซล",
    "console.refused": "เข้าคอนโซลไม่ได้",
}


def audit_action(action: str) -> str:
    """An audit row's action in words (a report's, whatever way it came: `report.line`)."""
    if action.startswith("report."):
        return AUDIT_ACTIONS["report"]
    return AUDIT_ACTIONS.get(action, action)


def actor_name(actor: str, who: str | None) -> str:
    if who:
        return who
    return ACTOR_NAMES.get(actor, actor)


SET_RULE = "เปลี่ยนกำหนดประชุมตามปกติ"
RULE_KINDS = [
    ("last-working-day", "วันทำการสุดท้ายของเดือน"),
    ("day", "วันที่ของเดือน"),
    ("weekday", "วันในสัปดาห์"),
]
RULE_DAY = 'วันที่ (สำหรับ "วันที่ของเดือน")'
RULE_WEEKDAY = 'วัน (สำหรับ "วันในสัปดาห์")'
RULE_WHICH = "สัปดาห์ที่"
RULE_WHICH_CHOICES = [("1", "ที่ 1"), ("2", "ที่ 2"), ("3", "ที่ 3"), ("4", "ที่ 4"), ("-1", "สุดท้าย")]
BAD_RULE = "กำหนดประชุมไม่ถูกต้อง: เลือกแบบ แล้วกรอกวันที่ 1–31 หรือเลือกวันและสัปดาห์"
RULE_HINT = "ใช้กับทุกเดือนที่ไม่ได้กำหนดเอง ถ้าตรงกับวันหยุด เลื่อนเป็นวันทำการก่อนหน้า"


def rule_changed(rule: str, at: str) -> str:
    return f"เปลี่ยนกำหนดประชุมแล้ว: {rule} เวลา {at} น."


SET_LINKS = "เลือกเอง"
NONE_CHOSEN = "ไม่นับ"
LINKS_SAVED = "บันทึกแล้ว: ข้อเสนอแนะและการประเมินนับตามที่เลือก"


def not_in_plan(what: str) -> str:
    return f"ไม่มีข้อ {what} ในแผนนี้"


REPORT_MONTH = "เดือนของรายงานการประชุม"
SHOW = "แสดง"

AUDIT_FILTERS = [
    ("", "ทั้งหมด"),
    ("report", "รายงานผล"),
    ("staff.", "เจ้าหน้าที่"),
    ("plan.", "แผน"),
    ("meeting.", "ประชุม"),
    ("dayoff.", "วันหยุด"),
    ("suggestion.", "ข้อเสนอแนะ"),
    ("outbox.", "การส่งข้อความ"),
    ("console.", "การเข้าคอนโซล"),
]


PARKED = "พักไว้ (รอเชื่อมช่องทางไลน์ใหม่)"

#: on every console page while LINE refuses the agency's token (console/views.frame)
CHANNEL_REFUSED = "ไลน์ไม่รับโทเค็นของหน่วยงาน: ข้อความแจ้งเตือนหยุดส่งและพักไว้ก่อน (ไม่หาย)"


def channel_refused_fix(slug: str) -> str:
    return (
        "วิธีแก้: ออกโทเค็น (channel access token) ใหม่ใน LINE Developers console "
        "แล้ววางในหน้าคอนโซล หรือให้ผู้ดูแลเครื่องสั่ง "
        f"python bot.py agency connect {slug} เมื่อเชื่อมใหม่แล้ว ข้อความที่พักไว้จะส่งต่อเอง"
    )


# -- agencies: picking one, the operator's page, switching a channel on ----------------------

PICK_TITLE = "เลือกหน่วยงาน"
PICK_INTRO = "บัญชี LINE นี้เป็นหัวหน้าหรือผู้ดูแลระบบของหลายหน่วยงาน เลือกหน่วยงานที่จะทำงาน"
PICK_CURRENT = "กำลังใช้อยู่"
PICK_GO = "เข้าสู่หน่วยงานนี้"
PICK_SWITCH = "เปลี่ยนหน่วยงาน"
PICK_REFUSED = "ขออภัย บัญชี LINE นี้ไม่ได้เป็นหัวหน้าหรือผู้ดูแลระบบของหน่วยงานที่เลือก"

NAV_AGENCIES = "หน่วยงานในระบบ"
AGENCIES_TITLE = "หน่วยงานในระบบ"
AGENCIES_INTRO = (
    "หน้านี้สำหรับผู้ให้บริการระบบ (ผู้ดูแลระบบของหน่วยงานลำดับที่ 1) เพิ่มหน่วยงานที่นี่ "
    "แล้วเชื่อมผู้ดูแลระบบของหน่วยงานนั้นกับบัญชี LINE เพื่อให้เข้ามาเปิดใช้ช่องทางไลน์ของหน่วยงานเอง"
)
AGENCY_SLUG = "ชื่อในลิงก์ (ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด)"
AGENCY_NAME = "ชื่อหน่วยงาน"
AGENCY_ADD = "เพิ่มหน่วยงาน"
AGENCY_NAME_MISSING = "กรุณากรอกชื่อหน่วยงาน ยังไม่ได้เพิ่มอะไร"
AGENCY_COLUMNS = ("ลำดับ", "หน่วยงาน", "ชื่อในลิงก์", "บัญชีไลน์", "สถานะ", "ความพร้อม")
AGENCY_PUBLIC = "หน้าสาธารณะ"


def agency_added(name: str, slug: str) -> str:
    return (
        f"เพิ่ม{name} ({slug}) แล้ว ขั้นต่อไป: เพิ่มผู้ดูแลระบบของหน่วยงานในตารางด้านล่าง "
        f"และเชื่อมช่องทางไลน์ (python bot.py agency connect {slug})"
    )


def checklist_count(done: int, total: int) -> str:
    return f"{done}/{total} ขั้น"


NAV_CHANNEL = "เปิดใช้ช่องทางไลน์"
CHANNEL_TITLE = "เปิดใช้ช่องทางไลน์ของหน่วยงาน"
CHANNEL_INTRO = (
    "คัดลอก Channel secret (แท็บ Basic settings) และ Channel access token ระยะยาว (แท็บ Messaging API) "
    "ของช่องทาง Messaging API ของหน่วยงานจาก LINE Developers Console มาวางที่นี่ "
    "ระบบจะตรวจโทเค็นกับไลน์ เก็บทั้งสองค่าแบบเข้ารหัส ตั้ง webhook ให้ ขอให้ไลน์ทดสอบ และสร้างริชเมนู"
)
CHANNEL_SECRET = "Channel secret"
CHANNEL_TOKEN = "Channel access token"
CHANNEL_CONNECT = "ตรวจและเชื่อมช่องทาง"
CHANNEL_AGAIN = "เชื่อมใหม่ (เช่น เมื่อออกโทเค็นใหม่)"
CHANNEL_IN_ENV = (
    "ช่องทางไลน์ของหน่วยงานนี้ตั้งไว้ในค่าตั้งของเครื่อง (LINE_CHANNEL_SECRET และ "
    "LINE_CHANNEL_ACCESS_TOKEN) จึงไม่ต้องเชื่อมที่หน้านี้"
)
CHANNEL_ACCOUNT = "บัญชีไลน์"
CHANNEL_WEBHOOK = "webhook"
CHECKLIST_TITLE = "ทำแล้วและยังเหลือ"
CHECKLIST_DONE = "ทำแล้ว"
CHECKLIST_LEFT = "ยังเหลือ"
CHECKLIST_GO = {
    "plan_imported": "ไปนำเข้าแผน",
    "staff_added": "ไปเพิ่มเจ้าหน้าที่",
    "admin_linked": "ไปหน้าบุคลากร",
}
CHANNEL_CHECKED = "ตรวจกับไลน์แล้ว: บัญชี {basic_id} เก็บ secret และโทเค็นแบบเข้ารหัสแล้ว"
RICH_MENUS_DONE = "สร้างริชเมนูของช่องทางแล้ว"
RICH_MENUS_FAILED = "ยังสร้างริชเมนูไม่ได้ (ไลน์ไม่ตอบรับ) กดเชื่อมอีกครั้งภายหลังได้ ขั้นอื่นที่ทำแล้วยังอยู่"
NOTHING_LOST = "ค่าที่กรอกยังอยู่ในแบบฟอร์ม แก้แล้วกดอีกครั้งได้"


def webhook_result(url: str, tested: bool, status: int | None, reason: str) -> str:
    if tested:
        return f"ตั้ง webhook เป็น {url} แล้ว และไลน์ทดสอบสำเร็จ"
    answered = f"HTTP {status}" if status else "ติดต่อไม่ได้"
    return (
        f"ตั้ง webhook เป็น {url} แล้ว แต่ไลน์ทดสอบไม่ผ่าน ({answered}, {reason}): "
        "ตรวจว่า PUBLIC_BASE_URL เป็นที่อยู่ HTTPS ที่ไลน์เข้าถึงได้ แล้วกดเชื่อมอีกครั้ง"
    )


def channel_problem_missing() -> str:
    return "ต้องกรอกทั้ง Channel secret และ Channel access token ยังไม่ได้บันทึกอะไร"


AGENCY_ADMIN_ADD = "เพิ่มผู้ดูแลระบบของหน่วยงาน"
AGENCY_ADMIN_NAME = "ชื่อผู้ดูแลระบบ"
AGENCY_ADMIN_TITLE = "รหัสเชื่อมบัญชีของผู้ดูแลระบบ"


def agency_admin_exists(name: str) -> str:
    return f"มี{name}ในหน่วยงานนี้อยู่แล้ว ไม่ได้เพิ่มซ้ำ"


def agency_admin_steps(name: str, agency: str, code: str, expires: str) -> list[str]:
    return [
        f"ให้รหัส {code} แก่{name} (ใช้ได้ถึง {expires} ครั้งเดียว)",
        f"เมื่อเชื่อมช่องทางไลน์ของ{agency}แล้ว ให้{name}เพิ่มบัญชีไลน์ของหน่วยงานเป็นเพื่อน แล้วพิมพ์รหัสนี้ในแชท",
        "จากนั้นเข้าสู่ระบบคอนโซลด้วย LINE เพื่อนำเข้าแผนและเพิ่มเจ้าหน้าที่",
    ]
