"""The words by which the plan importer finds its way through an agency's own document.

The patterns run on text whose Thai digits were already turned into Arabic ones.
"""

from __future__ import annotations

import re

from messages_th.thai_calendar import MONTH_PATTERN

NUMBER = r"\d+(?:[.,]\d+)?"

FISCAL_YEAR = re.compile(r"ปีงบประมาณ\s*(?:พ\.?\s*ศ\.?\s*)?(\d{4})")
TITLE_HINT = "มาตรการ"

#: words that begin the name of a Thai public agency
AGENCY_STARTS = (
    "เทศบาล",
    "องค์การบริหารส่วน",
    "อบต.",
    "อบจ.",
    "กรุงเทพมหานคร",
    "เมืองพัทยา",
    "กรม",
    "กระทรวง",
    "สำนักงาน",
    "สำนัก",
    "โรงพยาบาล",
    "มหาวิทยาลัย",
    "สถาบัน",
    "การไฟฟ้า",
    "การประปา",
    "ศาล",
    "สถานี",
    "จังหวัด",
)
AGENCY_OF = re.compile(r"(?:ของ|ของหน่วยงาน)\s*(?P<agency>\S.*?)\s*(?:ประจำปี|ปีงบประมาณ|$)")
DISTRICT = re.compile(r"\s*(?:อำเภอ|เขต)\s*(?P<name>\S+)")
PROVINCE = re.compile(r"\s*จังหวัด\s*(?P<name>\S+)")

OVERALL_SCORE = re.compile(
    rf"คะแนน(?:รวม|เฉลี่ย)?\s*(?P<score>{NUMBER})\s*(?:คะแนน)?\s*(?:อยู่ใน|ผลการประเมินอยู่ใน)?\s*ระดับ\s*(?P<level>AA|[A-F])\b"
)

GROUP_HEADERS = {
    "IIT": re.compile(r"\(IIT\)|ผู้มีส่วนได้ส่วนเสียภายใน"),
    "EIT": re.compile(r"\(EIT\)|ผู้มีส่วนได้ส่วนเสียภายนอก(?!\s*\(External)"),
    "OIT": re.compile(r"\(OIT\)|การเปิดเผยข้อมูลสาธารณะ"),
}
EXTERNAL_RECOMMENDATION = re.compile(r"^\s*ข้อเสนอแนะจากผู้มีส่วนได้ส่วนเสียภายนอก")
GENERAL_RECOMMENDATION = re.compile(r"^\s*ข้อเสนอแนะในการเปิดเผยข้อมูล")
INDICATOR_LINE = re.compile(
    rf"^\s*(?P<number>\d{{1,2}})\s*[.)]\s*(?P<name>\S.*?)\s+(?P<score>{NUMBER})\s*คะแนน\s*$"
)
RANK_HEADER = ("อันดับ", "ตัวชี้วัด", "คะแนน")
RANK_ROW = re.compile(r"^\s*(?P<rank>\d{1,2})\s*$")

ADOPTED = re.compile(
    rf"เมื่อวันที่\s*(?P<day>\d{{1,2}})\s*(?P<month>{MONTH_PATTERN})\s*(?:พ\.?\s*ศ\.?\s*)?(?P<year>\d{{4}})"
    r"(?:\s*ณ\s*(?P<place>.+?))?(?:\s+(?:ผู้บริหาร|โดย|คณะ|ได้)|\s*$)"
)

#: column heads of the measures table, each by the words it may be written with,
#: the most specific first ("ระยะเวลาดำเนินการ" is a period, not an action)
MEASURE_COLUMNS = {
    "follow_up": ("ติดตาม",),
    "period": ("ระยะเวลา",),
    "unit": ("ผู้รับผิดชอบ", "หน่วยงานรับผิดชอบ"),
    "actions": ("วิธีการ", "การดำเนินการ", "กิจกรรม"),
    "measure": ("มาตรการ", "แนวทาง"),
}
ROW_NUMBER = re.compile(r"^\s*(?P<number>\d{1,2})\s*[.)]\s*")
LIST_ITEM = re.compile(r"(?:^|(?<=\s))(?P<number>\d{1,2})\s*[.)]\s+")
BULLET = re.compile(r"^\s*(?:[-•*▪●○]|\(\d+\))\s*")

#: the ten ITA indicators (2565–2566) with their instrument, for documents that rank
#: indicators without grouping them
STANDARD_INDICATORS = {
    "การปฏิบัติหน้าที่": (1, "IIT"),
    "การใช้งบประมาณ": (2, "IIT"),
    "การใช้อำนาจ": (3, "IIT"),
    "การใช้ทรัพย์สินของราชการ": (4, "IIT"),
    "การแก้ไขปัญหาการทุจริต": (5, "IIT"),
    "คุณภาพการดำเนินงาน": (6, "EIT"),
    "ประสิทธิภาพการสื่อสาร": (7, "EIT"),
    "การปรับปรุงการทำงาน": (8, "EIT"),
    "การเปิดเผยข้อมูล": (9, "OIT"),
    "การป้องกันการทุจริต": (10, "OIT"),
}

# -- how the importer explains what it could not read ----------------------------------


def where_line(number: int) -> str:
    return f"บรรทัดที่ {number}"


def where_paragraph(number: int) -> str:
    return f"ย่อหน้าที่ {number}"


def where_table_row(table: int, row: int) -> str:
    return f"ตารางที่ {table} แถวที่ {row}"


def where_field(path: str) -> str:
    return f"ช่อง {path}"


PROBLEMS = {
    "empty": "ไฟล์ว่างเปล่า ไม่มีข้อความให้อ่าน",
    "unknown_format": "ไม่รู้จักชนิดไฟล์นี้ (รับ .txt, .docx, .yaml, .yml, .json)",
    "unreadable_file": "เปิดไฟล์ไม่ได้: {detail}",
    "not_utf8": "อ่านตัวอักษรในไฟล์ไม่ได้ ให้บันทึกไฟล์เป็น UTF-8",
    "no_fiscal_year": 'ไม่พบปีงบประมาณ (เช่น "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕")',
    "no_agency": "ไม่พบชื่อหน่วยงาน (ควรอยู่ในบรรทัดชื่อแผนหรือบรรทัดถัดไป)",
    "no_measure_table": (
        "ไม่พบตารางมาตรการ: ต้องมีหัวตาราง มาตรการ/แนวทาง, วิธีการดำเนินการ, ผู้รับผิดชอบ, "
        "ระยะเวลาดำเนินการ, การติดตามผล คั่นด้วยแท็บ"
    ),
    "no_measures": "ตารางมาตรการไม่มีแถวมาตรการเลย",
    "bad_measure_row": 'อ่านแถวมาตรการนี้ไม่ได้: ต้องขึ้นต้นด้วยเลขข้อ เช่น "๑. ..." แล้วคั่นช่องด้วยแท็บ',
    "too_many_cells": "แถวนี้มี {cells} ช่อง มากกว่าหัวตาราง ({columns} ช่อง)",
    "no_actions": "มาตรการข้อ {number} ไม่มีวิธีการดำเนินการ",
    "duplicate_measure": "มาตรการข้อ {number} ซ้ำกัน",
    "duplicate_indicator": "ตัวชี้วัดข้อ {number} ซ้ำกัน",
    "bad_indicator": 'อ่านตัวชี้วัดในบรรทัดนี้ไม่ได้: ต้องเป็น "เลขข้อ. ชื่อตัวชี้วัด คะแนน คะแนน"',
    "bad_score": 'คะแนน "{value}" ไม่ใช่ตัวเลขที่อ่านได้',
    "unknown_indicator": 'ไม่รู้ว่าตัวชี้วัด "{name}" อยู่ในกลุ่มใด (IIT/EIT/OIT)',
    "bad_structure": "ข้อมูลไม่ถูกต้อง: {detail}",
}


#: pydantic's error types, as the structured (YAML/JSON) reader explains them
VALIDATION_PROBLEMS = {
    "missing": "ขาดข้อมูลช่องนี้",
    "extra_forbidden": "ไม่รู้จักช่องนี้",
    "int_parsing": "ต้องเป็นจำนวนเต็ม",
    "int_type": "ต้องเป็นจำนวนเต็ม",
    "float_parsing": "ต้องเป็นตัวเลข",
    "float_type": "ต้องเป็นตัวเลข",
    "string_type": "ต้องเป็นข้อความ",
    "list_type": "ต้องเป็นรายการ",
    "dict_type": "ต้องเป็นกลุ่มข้อมูล (ชื่อช่อง: ค่า)",
    "model_type": "ต้องเป็นกลุ่มข้อมูล (ชื่อช่อง: ค่า)",
    "too_short": "ต้องมีอย่างน้อยหนึ่งรายการ",
    "string_too_short": "ต้องไม่ว่าง",
    "literal_error": "ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: {expected}",
    "greater_than_equal": "ต้องไม่น้อยกว่า {ge}",
    "less_than_equal": "ต้องไม่มากกว่า {le}",
    "date_from_datetime_parsing": "วันที่ต้องเขียนแบบ YYYY-MM-DD (ค.ศ.)",
    "date_parsing": "วันที่ต้องเขียนแบบ YYYY-MM-DD (ค.ศ.)",
    "date_type": "วันที่ต้องเขียนแบบ YYYY-MM-DD (ค.ศ.)",
    "value_error": "{message}",
}
REPEATED_NUMBERS = {
    "measure numbers repeat": "เลขข้อมาตรการซ้ำกัน",
    "indicator numbers repeat": "เลขข้อตัวชี้วัดซ้ำกัน",
    "action numbers repeat": "เลขข้อวิธีการดำเนินการซ้ำกัน",
}

#: how Tidtam finds, in any plan, where citizens' ratings and suggestions belong:
#: the action that is a satisfaction survey, the measure that opens the agency to citizens
SATISFACTION_WORDS = ("ความพึงพอใจ", "สำรวจ", "สำนวจ", "ประเมินผลการให้บริการ")
PARTICIPATION_WORDS = ("ประชาชน", "มีส่วนร่วม", "ผู้มีส่วนได้ส่วนเสีย", "ความคิดเห็น")
