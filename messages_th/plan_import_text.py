"""What the plan importer says to the clerk: where in the document, what it read, what it did
not find, and why it refused a document (with what a readable one looks like)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def where_line(number: int) -> str:
    return f"บรรทัดที่ {number}"


def where_paragraph(number: int) -> str:
    return f"ย่อหน้าที่ {number}"


def where_table_row(table: int, row: int) -> str:
    return f"ตารางที่ {table} แถวที่ {row}"


def where_page(page: int, line: int) -> str:
    return f"หน้า {page} บรรทัดที่ {line}"


def where_page_table(page: int, table: int, row: int) -> str:
    return f"หน้า {page} ตารางที่ {table} แถวที่ {row}"


def where_field(path: str) -> str:
    return f"ช่อง {path}"


#: what a readable plan looks like: said after every refusal of the document itself
READABLE_PLAN = (
    'เอกสารที่อ่านได้ต้องมีปีงบประมาณ (เช่น "ประจำปีงบประมาณ พ.ศ. 2566") และมาตรการอย่างน้อย '
    "1 ข้อที่มีวิธีการดำเนินการ เขียนได้สองแบบ:\n"
    "  ก) ตาราง มีหัวตาราง เช่น ที่ | มาตรการ | วิธีการดำเนินการ | ผู้รับผิดชอบ | ระยะเวลา "
    "(ตารางใน Word หรือข้อความที่คั่นช่องด้วยแท็บ)\n"
    "  ข) เป็นข้อ ๆ เช่น\n"
    "     มาตรการที่ 1 เปิดเผยข้อมูลการจัดซื้อจัดจ้าง\n"
    "     (1) ประกาศแผนจัดซื้อจัดจ้าง\n"
    "     (2) สรุปผลการจัดซื้อจัดจ้างรายเดือน\n"
    "     ผู้รับผิดชอบ: กองคลัง\n"
    "     ระยะเวลา: ต.ค. 2565 – ก.ย. 2566\n"
    "ถ้าคัดลอกมาจาก PDF ให้ตรวจว่าแต่ละมาตรการขึ้นบรรทัดใหม่ และขั้นตอนมีเลขข้อกำกับ "
    "หรือใช้ไฟล์ Word ต้นฉบับแทน"
)

PROBLEMS = {
    "empty": "ไฟล์ว่างเปล่า ไม่มีข้อความให้อ่าน",
    "unknown_format": "ไม่รู้จักชนิดไฟล์นี้ (รับ .txt, .docx, .doc, .pdf, .yaml, .yml, .json)",
    "old_word": (
        "ไฟล์นี้เป็น Word รุ่นเก่า (.doc) ซึ่งเครื่องนี้แปลงเองไม่ได้ ให้เปิดไฟล์ใน Word แล้วเลือก "
        '"บันทึกเป็น" ชนิด "เอกสาร Word (.docx)" แล้วนำเข้าไฟล์ .docx นั้นแทน'
    ),
    "unreadable_file": "เปิดไฟล์ไม่ได้: {detail}",
    "not_utf8": "อ่านตัวอักษรในไฟล์ไม่ได้ ให้บันทึกไฟล์เป็น UTF-8",
    "scanned_pdf": (
        "ไฟล์ PDF นี้เป็นภาพสแกน ไม่มีตัวอักษรให้อ่าน ({pages} หน้า) ให้ใช้ไฟล์ Word (.docx) ต้นฉบับของแผนแทน"
    ),
    "pdf_not_thai": (
        "อ่านตัวอักษรไทยในไฟล์ PDF นี้ไม่ได้ (ฟอนต์ไม่ได้บอกว่าแต่ละตัวคืออักษรใด) "
        "ให้ใช้ไฟล์ Word (.docx) ต้นฉบับของแผนแทน"
    ),
    "no_fiscal_year": (
        'ไม่พบปีงบประมาณ (เช่น "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕") ในบรรทัดต้นเอกสาร บรรทัดแรกที่อ่านได้คือ: {first}'
    ),
    "no_measures": "ไม่พบมาตรการที่มีวิธีการดำเนินการเลย\n{seen}",
    "duplicate_measure": "มาตรการข้อ {number} ซ้ำกัน",
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
    "unknown level": "ระดับผลการประเมินต้องเป็น AA, A, B, C, D, E, F, ผ่านดีเยี่ยม, ผ่านดี, ผ่าน หรือ ไม่ผ่าน",
    "month must be YYYY-MM": "เดือนต้องเขียนแบบ YYYY-MM (ค.ศ.) เช่น 2022-09",
    "first_month is after last_month": "เดือนแรกอยู่หลังเดือนสุดท้าย",
}

#: what was not found or not understood: the plan still imports, and the clerk is told
WARNINGS = {
    "no_agency": "ไม่พบชื่อหน่วยงาน (ควรอยู่ในบรรทัดชื่อแผนหรือบรรทัดก่อน/หลังบรรทัดที่มีปีงบประมาณ)",
    "no_score": "ไม่พบคะแนน ITA รวม",
    "no_level": "ไม่พบระดับผลการประเมิน ITA (AA–F หรือ ผ่าน/ไม่ผ่าน)",
    "no_indicators": "ไม่พบคะแนนรายตัวชี้วัด",
    "some_indicators": "พบคะแนนตัวชี้วัด {found} ข้อ ไม่พบข้อ {missing}",
    "earlier_year_ignored": "คะแนนของปี {years} ไม่ได้นำเข้า (นำเข้าเฉพาะปี {year})",
    "no_unit": "มาตรการที่ {number} ไม่มีผู้รับผิดชอบ",
    "no_period": "มาตรการที่ {number} ไม่ได้ระบุระยะเวลา",
    "period_unread": (
        'ระยะเวลา "{period}" ของมาตรการที่ {number} อ่านเป็นเดือนไม่ได้ ระบบจะถามความคืบหน้าทุกเดือน'
    ),
    "measure_without_actions": "มาตรการที่ {number} ไม่มีวิธีการดำเนินการ จึงไม่ได้นำเข้า",
    "duplicate_measure": "มาตรการที่ {number} ซ้ำกัน ใช้ข้อแรกที่พบ",
    "columns_ignored": "ไม่ได้นำเข้าคอลัมน์: {columns}",
    "numbered_in_order": "มาตรการไม่มีเลขข้อ จึงนับตามลำดับ 1–{count}",
    "not_read": "ข้อความที่ไม่ได้นำเข้า: {text}",
}

LEVEL_WORD = {"ผ่านดีเยี่ยม": "ผ่านดีเยี่ยม", "ผ่านดี": "ผ่านดี", "ผ่าน": "ผ่าน", "ไม่ผ่าน": "ไม่ผ่าน"}


def read_summary(facts: dict) -> str:
    """What was read, in a few lines: agency, year, score and level, counts, units."""
    score = facts.get("ita_score")
    level = facts.get("ita_level")
    lines = [
        f"หน่วยงาน: {facts.get('agency') or '-'}  ปีงบประมาณ: {facts['fiscal_year']}",
        "ผลการประเมิน ITA: "
        + (f"{score:.2f} คะแนน" if score is not None else "ไม่พบคะแนน")
        + (f" {level_text(level)}" if level else ""),
        f"ตัวชี้วัด {facts['indicators']} ข้อ  มาตรการ {len(facts['measures'])} ข้อ  "
        f"วิธีการดำเนินการ {sum(m['actions'] for m in facts['measures'])} ข้อ",
    ]
    for measure in facts["measures"]:
        units = ", ".join(measure["units"]) or "-"
        period = f"  ระยะเวลา: {measure['period']}" if measure["period"] else ""
        lines.append(
            f"  มาตรการที่ {measure['number']}: วิธีการ {measure['actions']} ข้อ  "
            f"ผู้รับผิดชอบ: {units}{period}"
        )
    sections = facts.get("analysis") or []
    if sections:
        lines.append("การวิเคราะห์: " + ", ".join(ANALYSIS_LABELS[s] for s in sections))
    return "\n".join(lines)


ANALYSIS_LABELS = {
    "STRENGTH": "จุดแข็ง",
    "WEAKNESS": "จุดอ่อน",
    "TO_FIX": "ประเด็นที่ต้องแก้ไข",
    "ADVICE": "ข้อเสนอแนะ",
}


def level_text(level: str) -> str:
    return f"ผลการประเมิน {level}" if level in LEVEL_WORD else f"ระดับ {level}"


def warnings_block(warnings: Sequence[str]) -> str:
    if not warnings:
        return "ไม่มีสิ่งที่อ่านไม่พบ"
    return "สิ่งที่ไม่พบหรืออ่านไม่ได้:\n" + "\n".join(f"  - {w}" for w in warnings)


def seen_in_document(headings: Iterable[str], total_lines: int) -> str:
    """For a refusal: the headings the reader did see, so the clerk knows where it looked."""
    seen = [h for h in headings if h][:8]
    if not seen:
        return f"อ่านได้ {total_lines} บรรทัด แต่ไม่พบหัวข้อมาตรการหรือหัวตาราง\n{READABLE_PLAN}"
    listed = "\n".join(f"  {h}" for h in seen)
    return f"หัวข้อที่พบในเอกสาร ({total_lines} บรรทัด):\n{listed}\n{READABLE_PLAN}"


def dry_run_done() -> str:
    return "ทดลองอ่านเท่านั้น (--dry-run) ไม่มีการบันทึกใด ๆ"


def yaml_written(path: str) -> str:
    return f"เขียนสิ่งที่อ่านได้ในรูป YAML ไว้ที่ {path} แก้ไขแล้วนำเข้าด้วย: plan import {path}"
