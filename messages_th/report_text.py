"""The words of the reports (DOCX, XLSX) and of asking for them in LINE."""

from __future__ import annotations

import re
from datetime import date

from messages_th import build
from messages_th.build import Message
from messages_th.digits import to_thai
from messages_th.thai_calendar import MONTH_PATTERN, format_date, format_month

TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
COLUMNS_PLAN = ("มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "การติดตามผล")
ACTION = "วิธีการดำเนินการ"
RESULT = "ผลการดำเนินงานล่าสุด"
STATUS_AT_END = "สถานะ ณ สิ้นรอบ"
PERCENT = "ร้อยละ"
SUMMARY_SHEET = "สรุป"
MEASURE_SHEET = "มาตรการ {number}"
MEASURE_HEADING = "มาตรการที่ {number} {title}"
SUMMARY_COLUMNS = (
    "มาตรการ",
    "ชื่อมาตรการ",
    "ผู้รับผิดชอบ",
    "ความคืบหน้า (ร้อยละ)",
    "เสร็จแล้ว",
    "กำลังดำเนินการ",
    "ยังไม่เริ่ม",
)
YEAR_SUMMARY = "สรุปผลการดำเนินงาน"
CITIZENS = "การมีส่วนร่วมของประชาชน"
CITIZEN_ROWS = (
    "ข้อเสนอแนะ/เรื่องร้องเรียน (เรื่อง)",
    "ผลประเมินความพึงพอใจ (ครั้ง)",
    "คะแนนความพึงพอใจเฉลี่ย (จาก ๕)",
)
MONTH = "เดือน"
CHART_TITLE = "ความคืบหน้าของแต่ละมาตรการรายเดือน (ร้อยละ)"
CHART_MEASURE = "มาตรการ {number}"
NO_REPORTS = "ยังไม่มีรายงานผลการดำเนินงานในช่วงเวลานี้"
SIGNATURE = (
    "(ลงชื่อ)........................................................ ผู้รายงาน",
    "(........................................................)",
    "ตำแหน่ง........................................................",
    "วันที่............/............................/............",
)
STATUS_WORDS = {"done": "เสร็จแล้ว", "in_progress": "กำลังดำเนินการ", "not_started": "ยังไม่เริ่ม"}
SHEET_STATUS = {"done": "เสร็จ", "in_progress": "ดำเนินการ", "not_started": "ยังไม่เริ่ม"}


def period_line(
    kind: str, fiscal_year: int, first: date, last: date, meeting: date | None = None
) -> str:
    if kind == "month":
        line = f"ประจำเดือน{format_month(last, thai_digits=True)}"
        if meeting:
            line += f" สำหรับการประชุมประจำเดือน วันที่ {format_date(meeting, thai_digits=True)}"
        return line
    span = f"{format_month(first, thai_digits=True)} – {format_month(last, thai_digits=True)}"
    if kind == "half":
        return f"รอบ ๖ เดือน ({span}) ปีงบประมาณ พ.ศ. {to_thai(str(fiscal_year))}"
    return f"ประจำปีงบประมาณ พ.ศ. {to_thai(str(fiscal_year))} ({span})"


def produced(day: date) -> str:
    return f"จัดทำเมื่อวันที่ {format_date(day, thai_digits=True)} โดยระบบติดตาม (Tidtam)"


def oit_item(item: str) -> str:
    return f"ข้อมูลประกอบการประเมิน ITA ตัวชี้วัดการเปิดเผยข้อมูล (OIT) ข้อ {to_thai(item)}"


def ita_line(score: str, level: str | None) -> str:
    return f"ผลการประเมินคุณธรรมและความโปร่งใส (ITA): {to_thai(score)} คะแนน ระดับ {level or '-'}"


def year_counts(done: int, in_progress: int, not_started: int, total: int) -> str:
    return to_thai(
        f"วิธีการดำเนินการทั้งหมด {total} ข้อ: เสร็จแล้ว {done} ข้อ กำลังดำเนินการ {in_progress} ข้อ ยังไม่เริ่ม {not_started} ข้อ"
    )


def never_started(items: list[str]) -> str:
    return (
        "ยังไม่ได้เริ่มดำเนินการ: " + to_thai(", ".join(items))
        if items
        else "ทุกวิธีการดำเนินการได้เริ่มดำเนินการแล้ว"
    )


def measure_percent(percent: float) -> str:
    return to_thai(f"ความคืบหน้าของมาตรการ ณ สิ้นรอบ ร้อยละ {percent:.0f}")


def file_name(fiscal_year: int, key: str, extension: str) -> str:
    return f"tidtam-{fiscal_year}-{key}.{extension}"


# -- the command line ------------------------------------------------------------------


def exported(path: str, kind: str, period: str, empty: bool) -> str:
    line = f"บันทึกรายงาน ({kind.upper()}) {period} แล้ว: {path}"
    return line + ("\nหมายเหตุ: " + NO_REPORTS) if empty else line


def steps() -> dict[str, str]:
    return {"data": "อ่านข้อมูล", "chart": "วาดแผนภูมิ", "write": "เขียนไฟล์"}


def bad_month(text: str, fiscal_year: int) -> str:
    return f"เดือน {text} ไม่อยู่ในปีงบประมาณ {fiscal_year} (ตุลาคม–กันยายน)"


def history_csv_only() -> str:
    return "--history ใช้ได้กับ --format csv เท่านั้น"


def month_and_half() -> str:
    return "เลือกอย่างใดอย่างหนึ่ง: --month หรือ --half"


# -- asking for reports in LINE --------------------------------------------------------

DOCUMENTS = ("เอกสารรายงาน", "ขอรายงาน", "ดาวน์โหลดรายงาน")
#: a head asking for a report in LINE (`reading/documents.py` reads these): the year's
#: (`รายงาน ปี 2565`, `รายงานปีนี้`), the first half's (`รายงาน 6 เดือน`), a meeting's
#: (`รายงาน ม.ค. 2565`, `รายงานเดือนนี้`)
YEAR_REQUEST = re.compile(
    r"^รายงาน\s*(?:ประจำ)?ปี(?:งบประมาณ)?\s*(?:พ\.?\s*ศ\.?\s*)?(?P<year>\d{2,4}|(?P<this>นี้))?$"
)
HALF_REQUEST = re.compile(
    r"^รายงาน\s*(?:รอบ\s*)?(?:6|หก)\s*เดือน(?:\s*(?:แรก|ปี)?\s*(?P<year>\d{2,4}))?$"
)
MONTH_REQUEST = re.compile(
    rf"^รายงาน\s*(?:เดือน\s*)?(?:(?P<month>{MONTH_PATTERN})\s*(?P<year>\d{{2,4}})?|(?P<this>เดือนนี้))$"
)


def links(title: str, docx_url: str, xlsx_url: str, expires: date) -> Message:
    card = build.bubble(
        [
            build.label(title, bold=True),
            build.label(f"ลิงก์ใช้ได้ถึง {format_date(expires)}", size="xs", colour=build.MUTED),
        ],
        header=[build.label("เอกสารรายงาน", colour="#FFFFFF", bold=True)],
        footer=[
            build.button(build.link("ดาวน์โหลด Word", docx_url), primary=True),
            build.button(build.link("ดาวน์โหลด Excel", xlsx_url)),
        ],
    )
    return build.flex(f"{title}: Word {docx_url}", card)


def choose_document() -> Message:
    return build.text(
        "ต้องการรายงานฉบับใด?",
        quick_replies=[
            build.say("ปีนี้", "รายงาน ปีนี้"),
            build.say("รอบ 6 เดือน", "รายงาน 6 เดือน"),
            build.say("เดือนนี้", "รายงาน เดือนนี้"),
        ],
    )


def heads_only(public_url: str) -> Message:
    return build.text(f"เอกสารรายงานขอได้เฉพาะหัวหน้า ความคืบหน้าทั้งหมดดูได้ที่ {public_url}")


def no_plan_for(fiscal_year: int) -> Message:
    return build.text(f"ไม่มีแผนมาตรการของปีงบประมาณ {fiscal_year}")


def request_title(kind: str, fiscal_year: int, month: date | None) -> str:
    if kind == "month" and month:
        return f"รายงานประจำเดือน{format_month(month)}"
    if kind == "half":
        return f"รายงานรอบ 6 เดือน ปีงบประมาณ {fiscal_year}"
    return f"รายงานประจำปีงบประมาณ {fiscal_year}"


# -- download pages --------------------------------------------------------------------

FORBIDDEN = "ลิงก์นี้ไม่ถูกต้อง กรุณาขอลิงก์ใหม่จากบอท"
EXPIRED = 'ลิงก์นี้หมดอายุแล้ว กรุณาขอลิงก์ใหม่จากบอท (พิมพ์ "เอกสารรายงาน")'
