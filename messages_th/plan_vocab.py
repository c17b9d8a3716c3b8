"""The words by which the plan importer finds its way through an agency's own document.

The patterns run on text whose Thai digits were already turned into Arabic ones. What the
importer says back (warnings, refusals) is in `plan_import_text`.
"""

from __future__ import annotations

import re

from messages_th.thai_calendar import MONTH_PATTERN

NUMBER = r"\d{1,3}(?:[.,]\d{1,2})?"
_NOT_LATIN = r"(?![A-Za-z])"
YEAR = r"(?:พ\.?\s*ศ\.?\s*)?(?P<year>25\d\d)"

# -- the heading ------------------------------------------------------------------------

FISCAL_YEAR = re.compile(r"(?:ปีงบประมาณ|ประจำปี|ปีงบ)\s*(?:พ\.?\s*ศ\.?\s*)?(\d{4})")
#: the year of a title that says no fiscal year: "… ภายในหน่วยงาน ปี 2568", "… พ.ศ. 2568"
#: (not a span of years, "พ.ศ. 2561 – 2564", as a four-year plan has)
TITLE_YEAR = re.compile(r"(?:ปี|พ\.\s*ศ\.)\s*(?:พ\.?\s*ศ\.?\s*)?(25\d\d)(?!\d|\s*[-–—]\s*\d)")
#: the plan's own title: the line that names the measures
TITLE_WORDS = ("มาตรการ", "คุณธรรม", "โปร่งใส")

#: words that begin the name of a Thai public agency
AGENCY_STARTS = (
    "เทศบาล",
    "องค์การบริหารส่วน",
    "องค์การ",
    "อบต.",
    "อบจ.",
    "กรุงเทพมหานคร",
    "เมืองพัทยา",
    "กรม",
    "กระทรวง",
    "สำนักงาน",
    "สำนัก",
    "ศูนย์",
    "โรงพยาบาล",
    "มหาวิทยาลัย",
    "สถาบัน",
    "วิทยาลัย",
    "โรงเรียน",
    "การไฟฟ้า",
    "การประปา",
    "การยาง",
    "การท่าเรือ",
    "การนิคม",
    "การกีฬา",
    "การท่องเที่ยว",
    "การเคหะ",
    "ศาล",
    "สถานี",
    "จังหวัด",
    "ที่ทำการ",
    "ธนาคาร",
    "สภา",
    "กองทัพ",
    "ตำรวจ",
    "คณะ",
)
#: where a title names the agency: "… ภายในหน่วยงาน <agency>", "… ของ <agency>"
AGENCY_AFTER = re.compile(r"(?:ภายในหน่วยงาน|ของหน่วยงาน|ของ)\s*(?P<agency>\S.*)$")
AGENCY_END = re.compile(
    r"\s*(?:ประจำ|ปีงบประมาณ|ปีงบ|พ\.\s*ศ\.|ปี\s*(?:พ\.?\s*ศ\.?\s*)?[\d๐-๙]{4}).*$"
)
#: words of a sentence about the agency, which a line that only names it does not have
NOT_A_NAME = ("ได้คะแนน", "ได้ผล", "ได้รับ", "คะแนน", "ITA", "ผลการประเมิน", " เป็น", " มีผล")
#: "… อำเภอX จังหวัดY" after an agency's name (a space before: "สำนักงานจังหวัดY" and
#: "องค์การบริหารส่วนจังหวัดY" are names)
DISTRICT = re.compile(r"\s+(?:อำเภอ|เขต(?!\s*[\d๐-๙]))\s*(?P<name>\S+)")
PROVINCE = re.compile(r"(?:^|\s+)จังหวัด\s*(?P<name>\S+)")
PROVINCE_AGENCY = "จังหวัด"

ADOPTED = re.compile(
    rf"(?:เมื่อ)?วันที่\s*(?P<day>\d{{1,2}})\s*(?P<month>{MONTH_PATTERN})\s*(?:พ\.?\s*ศ\.?\s*)?(?P<year>\d{{4}})"
    r"(?:\s*ณ\s*(?P<place>.+?))?(?:\s+(?:ผู้บริหาร|โดย|คณะ|ได้|เพื่อ)|\s*$)"
)
ADOPTED_HINTS = ("ประชุม",)

# -- the ITA result -----------------------------------------------------------------------

LETTER_LEVELS = ("AA", "A", "B", "C", "D", "E", "F")
#: since ITA 2566 a result is pass or not against 85, a pass graded good (95) or excellent (100)
PASS_LEVELS = ("ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ไม่ผ่าน")
_LEVEL_WORDS = rf"AA|[A-F]{_NOT_LATIN}|ไม่ผ่าน|ผ่านดีเยี่ยม|ผ่านดี|ผ่าน"
LEVEL = re.compile(
    r"(?:ระดับ(?:ผลการประเมิน)?|ผลการประเมิน(?:อยู่ใน)?(?:ระดับ)?|ผล|อยู่ในเกณฑ์)\s*[:\"“]?\s*"
    rf"(?P<level>{_LEVEL_WORDS})"
)
PASS_THRESHOLD = re.compile(r"(?P<level>ไม่ผ่าน|ผ่าน)\s*(?:เกณฑ์|การประเมิน)")
#: words that say a score is an earlier year's, given to compare
COMPARISON = re.compile(r"ปีที่ผ่านมา|ปีก่อน|ปีที่แล้ว|เทียบกับ|เมื่อเทียบ|จากเดิม|เพิ่มขึ้นจาก|ลดลงจาก|ซึ่งเดิม|เดิมได้")
ITA_WORDS = ("ITA", "ผลการประเมิน", "คุณธรรมและความโปร่งใส", "ได้คะแนน", "ผลคะแนน")
LEVEL_ALONE = re.compile(rf"^\s*(?P<level>{_LEVEL_WORDS})\s*$")
#: a number said to be the agency's overall score
OVERALL_SCORE = re.compile(
    r"(?:ได้(?:รับ)?(?:ผล)?คะแนน(?:รวม|เฉลี่ย|ภาพรวม)?|(?:ผล)?คะแนน(?:รวม|เฉลี่ย|ภาพรวม)"
    r"|มีผลคะแนน|ผลคะแนน|คะแนน\s*ITA|คะแนนการประเมิน(?:รวม)?|ด้วยคะแนน(?:เฉลี่ย|รวม)?|ทำคะแนนได้)"
    rf"\s*(?:ITA\s*)?(?:เท่ากับ|ได้|คือ|ร้อยละ|[:=])?\s*(?:ร้อยละ\s*)?(?P<score>{NUMBER})(?!\d)"
)
#: a number said in a sentence about the ITA result and followed by the word score:
#: or after it: "… ประจำปี 2564 จำนวน 88.37 คะแนน", "… อยู่ที่ค่าเฉลี่ย 85.39 คะแนน",
#: "… ด้วยระดับผลการประเมิน คะแนน 97.90 อยู่ในเกณฑ์ : ผ่านดี" (`pre` or `post` is there)
SCORE_WITH_WORD = re.compile(
    rf"(?P<pre>คะแนน\s*[:=]?\s*)?(?<![\d.,])(?:ร้อยละ\s*)?(?P<score>{NUMBER})(?![\d])(?P<post>\s*คะแนน)?"
)
#: words just before such a number that make it a part's score (the instruments), not the whole
PART_SCORE = re.compile(r"(?:IIT|EIT|OIT|แบบวัด|ดัชนี|ตัวชี้วัด)[^\d]{0,25}$")
#: words right before a number that make it something else than this year's score
NOT_THE_SCORE = re.compile(r"(?:เต็ม|เกณฑ์|เป้าหมาย|สูงสุด|ต่ำสุด|ผ่าน|อันดับ(?:ที่)?|จาก|\()\s*$")
YEAR_MENTION = re.compile(rf"(?:ปี(?:งบประมาณ)?|ITA)\s*{YEAR}")
BARE_YEAR = re.compile(rf"^\s*(?:ปี(?:งบประมาณ)?\s*)?{YEAR}\s*$")
#: table rows that hold the overall result, not an indicator's
OVERALL_ROW = ("คะแนนรวม", "ภาพรวม", "คะแนนเฉลี่ย", "ผลคะแนน", "รวม", "คะแนน ITA", "ผลการประเมิน")
LEVEL_ROW = ("ระดับ", "ผลการประเมิน")

GROUP_HEADERS = {
    "IIT": re.compile(r"\(IIT\)|ผู้มีส่วนได้ส่วนเสียภายใน"),
    "EIT": re.compile(r"\(EIT\)|ผู้มีส่วนได้ส่วนเสียภายนอก(?!\s*\(External)"),
    "OIT": re.compile(r"\(OIT\)|การเปิดเผยข้อมูลสาธารณะ"),
}
EXTERNAL_RECOMMENDATION = re.compile(r"^\s*ข้อเสนอแนะจากผู้มีส่วนได้ส่วนเสียภายนอก")
GENERAL_RECOMMENDATION = re.compile(r"^\s*ข้อเสนอแนะในการเปิดเผยข้อมูล")
INDICATOR_NUMBER = re.compile(r"^\s*(?:ตัวชี้วัดที่\s*)?(?P<number>\d{1,2})\s*[.):]?\s*(?=\D)")

#: the ten ITA indicators (2563–2567) by the words that tell each apart, with number and
#: instrument; the first name is how the NACC writes it
STANDARD_INDICATORS = (
    ("การปฏิบัติหน้าที่", ("ปฏิบัติหน้าที่",), 1, "IIT"),
    ("การใช้งบประมาณ", ("ใช้งบประมาณ",), 2, "IIT"),
    ("การใช้อำนาจ", ("ใช้อำนาจ",), 3, "IIT"),
    ("การใช้ทรัพย์สินของราชการ", ("ทรัพย์สินของ", "ใช้ทรัพย์สิน"), 4, "IIT"),
    ("การแก้ไขปัญหาการทุจริต", ("แก้ไขปัญหาการทุจริต", "แก้ไขปัญหาทุจริต"), 5, "IIT"),
    ("คุณภาพการดำเนินงาน", ("คุณภาพการดำเนินงาน",), 6, "EIT"),
    ("ประสิทธิภาพการสื่อสาร", ("ประสิทธิภาพการสื่อสาร",), 7, "EIT"),
    ("การปรับปรุงการทำงาน", ("ปรับปรุงการทำงาน", "ปรับปรุงระบบการทำงาน"), 8, "EIT"),
    ("การเปิดเผยข้อมูล", ("การเปิดเผยข้อมูล",), 9, "OIT"),
    ("การป้องกันการทุจริต", ("ป้องกันการทุจริต",), 10, "OIT"),
)
#: words in a line that make a mention of an indicator something else than its score
NOT_AN_INDICATOR_SCORE = ("ข้อเสนอแนะ", "มาตรการ", "สาธารณะ (OIT)", "แบบวัด", "แบบตรวจ")

#: the agency's own analysis, by its headings (a line of its own, or the heading and ":")
ANALYSIS_HEADINGS = {
    "STRENGTH": re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]?\s*)?จุดแข็ง"),
    "WEAKNESS": re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]?\s*)?จุด(?:อ่อน|ที่ควรพัฒนา|บกพร่อง)"),
    "TO_FIX": re.compile(
        r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]?\s*)?ประเด็นที่(?:ต้อง|ควร)(?:แก้ไข|ปรับปรุง|พัฒนา)"
    ),
    "ADVICE": re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]?\s*)?ข้อเสนอแนะ\s*(?:[:：]|$)"),
}
ANALYSIS_HEADING_MAX = 60  # a longer line beginning with the word is prose, not a heading

# -- the measures ---------------------------------------------------------------------------

#: column heads of a measures table, each by the words it may be written with; a head is
#: tried against the kinds in this order ("ระยะเวลาดำเนินการ" is a period, not an action;
#: "ขั้นตอน/แนวทางการปฏิบัติ" is the actions, not the measure)
MEASURE_COLUMNS = {
    "number": re.compile(r"^\s*(?:ที่|ลำดับ(?:ที่)?|ข้อ|ลำดับ\s*ที่)\s*$"),
    "follow_up": re.compile(r"ติดตาม|กำกับ|การรายงานผล"),
    "period": re.compile(r"ระยะเวลา|ห้วงเวลา|กำหนดเวลา|ช่วงเวลา|ระยะดำเนินการ"),
    "unit": re.compile(r"ผู้รับผิดชอบ|รับผิดชอบ|ผู้ดำเนินการ"),
    "indicator": re.compile(r"ตัวชี้วัด|เป้าหมาย|ผลผลิต|ผลลัพธ์|งบประมาณ|หมายเหตุ|หลักฐาน"),
    "actions": re.compile(
        r"วิธีการ|ขั้นตอน|แนวทางการ(?:ปฏิบัติ|ดำเนิน)|แนวปฏิบัติ|กิจกรรม|โครงการ|การดำเนินการ"
    ),
    "measure": re.compile(r"มาตรการ|แนวทาง|ประเด็น"),
}

#: a measure written as a block: "มาตรการที่ ๑ …", "มาตรการ ๑ …", "๑. มาตรการ…"
BLOCK_START = re.compile(
    r"^\s*(?:มาตรการ(?:ที่)?\s*(?P<number>\d{1,2})(?!\s*\.\s*\d)\s*[.:)：]?\s*(?P<title>.*)"
    r"|(?P<number2>\d{1,2})\s*[.)]\s*(?P<title2>มาตรการ.*))$"
)
#: a measure's heading written without the measure word, taken as one only when such
#: headings run 1, 2, 3 … and their blocks say units or a period: "ข้อ ๑ …",
#: "แนวทางที่ 1 …", "๑) …", "(๑) …", "1. …"
OTHER_BLOCK_STARTS = tuple(
    re.compile(pattern)
    for pattern in (
        r"^\s*ข้อ(?:ที่)?\s*(?P<number>\d{1,2})(?!\s*\.\s*\d)\s*[.:)]?\s*(?P<title>\S.*)$",
        r"^\s*แนวทาง(?:การดำเนินการ|การปฏิบัติ)?(?:ที่)?\s*(?P<number>\d{1,2})(?!\s*\.\s*\d)\s*[.:)]?\s*(?P<title>\S.*)$",
        r"^\s*(?P<number>\d{1,2})\s*\)\s*(?P<title>\S.*)$",
        r"^\s*\(\s*(?P<number>\d{1,2})\s*\)\s*(?P<title>\S.*)$",
        r"^\s*(?P<number>\d{1,2})\s*\.(?!\d)\s*(?P<title>\S.*)$",
    )
)
#: labelled lines inside a block, by kind
BLOCK_LABELS = {
    "unit": re.compile(
        r"^\s*[-•*]?\s*(?:ผู้รับผิดชอบ|หน่วยงาน(?:ที่)?รับผิดชอบ|ผู้ดำเนินการ)\s*(?:[:：]\s*|\s+|$)"
    ),
    "period": re.compile(
        r"^\s*[-•*]?\s*(?:ระยะเวลา(?:ดำเนินการ|การดำเนินการ|ในการดำเนินการ)?|ห้วงเวลา|กำหนดเวลา)\s*(?:[:：]\s*|\s+|$)"
    ),
    "follow_up": re.compile(
        r"^\s*[-•*]?\s*(?:การติดตาม(?:ผล|และประเมินผล|และรายงานผล)?|การกำกับติดตาม(?:ผล)?|การรายงานผล)\s*(?:[:：]\s*|\s+|$)"
    ),
    "indicator": re.compile(
        r"^\s*[-•*]?\s*(?:ตัวชี้วัด|เป้าหมาย|ผลผลิต|ผลลัพธ์|งบประมาณ|วัตถุประสงค์|หลักฐาน)[^\s:：]*\s*(?:[:：]\s*|\s+|$)"
    ),
    "actions": re.compile(
        r"^\s*[-•*]?\s*(?:วิธีการ(?:ดำเนินการ|ดำเนินงาน)?|ขั้นตอน(?:การดำเนินการ|การปฏิบัติ|การดำเนินงาน)?(?:/แนวทางการปฏิบัติ)?"
        r"|แนวทาง(?:การ)?(?:ปฏิบัติ|ดำเนินการ)|กิจกรรม(?:ที่ดำเนินการ)?)\s*(?:[:：]\s*|$)"
    ),
}
#: how an action is numbered: "(1)", "1)", "1.", "๑.๑", "1.2)", or a bullet
STEP = re.compile(
    r"^\s*(?:\((?P<paren>\d{1,2})\)|(?P<outer>\d{1,2})\.(?P<inner>\d{1,2})\s*[.)]?|(?P<plain>\d{1,2})\s*[.)]"
    r"|(?P<bullet>[-–•*▪●○◦➢➤✓]))\s*(?P<text>.*)$"
)
ROW_NUMBER = re.compile(r"^\s*(?:มาตรการ(?:ที่)?\s*)?(?P<number>\d{1,2})\s*[.):]?\s*(?=\S|$)")
LIST_ITEM = re.compile(r"(?:^|(?<=\s))(?:\((?P<paren>\d{1,2})\)|(?P<number>\d{1,2})\s*[.)])\s+")
SUB_ITEM = re.compile(r"(?:^|(?<=\s))(?P<outer>\d{1,2})\.(?P<number>\d{1,2})\s*[.)]?\s+")
BULLET = re.compile(r"^\s*(?:[-–•*▪●○◦➢➤✓])\s*")
#: a page number alone on its line: "-๒-", "- 2 -", "หน้า 2", "หน้า 2 จาก 5", "2/5"
PAGE_MARK = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|หน้า\s*(?:ที่\s*)?\d{1,3}(?:\s*(?:จาก|/)\s*\d{1,3})?"
    r"|\d{1,3}\s*(?:/|จาก)\s*\d{1,3})\s*$"
)
#: lines after the measures that end them: signatures, the announcement
END_OF_MEASURES = re.compile(
    r"^\s*(?:ลงชื่อ|ลงนาม|ประกาศ\s*ณ|สั่ง\s*ณ|ให้ไว้\s*ณ|\(?\s*(?:นาย|นาง|นางสาว|ดร\.|ผศ\.|รศ\.|ศ\.)\s*\S+\s+\S+\s*\)?\s*$)"
)

#: splitting the responsible units: separators, and the words units begin with (a name
#: with "และ" inside, "กองการศึกษา ศาสนาและวัฒนธรรม", is one unit)
UNIT_SEPARATORS = re.compile(r"\s*(?:/|,|，|、|;|\n|ร่วมกับ)\s*")
UNIT_STARTS = (
    "กอง",
    "สำนัก",
    "ฝ่าย",
    "ศูนย์",
    "กลุ่ม",
    "ส่วน",
    "งาน",
    "หน่วย",
    "คณะ",
    "ทุก",
    "สถาบัน",
    "วิทยาลัย",
    "โรงพยาบาล",
    "โรงเรียน",
    "ผู้อำนวยการ",
    "หัวหน้า",
    "ปลัด",
    "รองปลัด",
    "นายก",
    "เจ้าหน้าที่",
    "นัก",
    "ที่ทำการ",
    "สาธารณสุข",
    "ประชาสัมพันธ์",
    "พัสดุ",
    "การเงิน",
    "บุคลากร",
    "ตรวจสอบภายใน",
    "ที่ว่าการ",
    "อำเภอ",
    "ท้องถิ่น",
    "คลัง",
)
#: "ทุกกอง/สำนัก": a unit word alone after a slash goes with the one before (every unit)
UNIT_WORD_ALONE = re.compile(r"^(?:กอง|สำนัก|ฝ่าย|ศูนย์|กลุ่ม(?:งาน)?|งาน|หน่วย(?:งาน)?|ส่วน(?:ราชการ)?)$")
UNIT_MAIN = re.compile(r"\((?:หลัก|หน่วยงานหลัก|เจ้าภาพ(?:หลัก)?)\)|(?:หน่วยงานหลัก|หลัก)\s*[:：]")
UNIT_JOINT = re.compile(
    r"\((?:ร่วม|หน่วยงานร่วม|สนับสนุน|หน่วยงานสนับสนุน)\)|(?:หน่วยงานร่วม|หน่วยงานสนับสนุน|ร่วม|สนับสนุน)\s*[:：]"
)

# -- periods ---------------------------------------------------------------------------------

WHOLE_YEAR = re.compile(
    r"ตลอด(?:ทั้ง)?ปี|ทั้งปี|ต\.?ค\.?\s*[-–—~]\s*ก\.?ย\.?\s*$|12\s*เดือน|ไตรมาส(?:ที่)?\s*1\s*[-–]\s*4"
    r"|ทุก(?:เดือน|ไตรมาส|วัน|สัปดาห์)|ราย(?:เดือน|ไตรมาส)|ต่อเนื่อง"
)
#: a period that is a fiscal year named alone: "ปีงบประมาณ 2567", "ปี พ.ศ. 2567"
YEAR_ALONE = re.compile(r"^\s*(?:ตลอด)?(?:ปีงบประมาณ|ปีงบ|ปี)\s*(?:พ\.?\s*ศ\.?\s*)?(25\d\d)\s*$")
QUARTERS = re.compile(
    r"ไตรมาส(?:ที่)?\s*(?P<first>[1-4])(?:\s*(?:[-–—,]|และ|ถึง|ถึงไตรมาส(?:ที่)?)\s*(?P<last>[1-4]))*"
)
QUARTER_NUMBER = re.compile(r"[1-4]")
MONTH_YEAR = re.compile(
    rf"(?P<month>{MONTH_PATTERN})\s*(?:พ\.?\s*ศ\.?\s*)?(?P<year>25\d\d|\d\d)?(?!\d)"
)
#: a line that is a period, in a table whose cells came one per line
PERIOD_LINE = re.compile(
    r"^\s*(?:ตลอด|ไตรมาส|ปีงบประมาณ|ปี\s*(?:พ\.?\s*ศ\.?\s*)?25\d\d|ทุก(?:เดือน|ไตรมาส|สัปดาห์|วัน)"
    rf"|ราย(?:เดือน|ไตรมาส)|ภายใน|(?:\d{{1,2}}\s*)?(?:{MONTH_PATTERN}))"
)
RANGE_WORDS = re.compile(r"[-–—~]|ถึง|จนถึง")
BY_MONTH = re.compile(r"ภายใน(?:เดือน)?")

# -- in any plan, where citizens' ratings and suggestions belong ------------------------------

#: the action that is a satisfaction survey, the measure that opens the agency to citizens
SATISFACTION_WORDS = ("ความพึงพอใจ", "สำรวจ", "สำนวจ", "ประเมินผลการให้บริการ")
PARTICIPATION_WORDS = ("ประชาชน", "มีส่วนร่วม", "ผู้มีส่วนได้ส่วนเสีย", "ความคิดเห็น")

# -- small words the recognisers use --------------------------------------------------------

AND_WORD = "และ"
UNIT_AND = re.compile(r"\s*และ\s*")
SCORE_WORD = "คะแนน"
QUARTER_WORD = "ไตรมาส"
#: the title's words before the agency: "… โปร่งใสภายในหน่วยงาน <agency>"
AGENCY_TITLE_SPLIT = re.compile(r"ภายในหน่วยงาน|โปร่งใส(?:\s*ภายใน)?")
AGENCY_LEAD = re.compile(r"^(?:ของ|หน่วยงาน|ภายใน)\s*")
#: a score written after a name: "… 81.64 คะแนน"
TRAILING_SCORE = re.compile(rf"\s*{NUMBER}\s*(?:คะแนน)?\s*$")
#: where an indicator's name ends in a sentence
INDICATOR_NAME_END = re.compile(r"\s*(?:\(|ได้|=|:|คะแนน|\d|[๐-๙])")
#: the next part of the document: "ส่วนที่ 2", "๒. ข้อเสนอแนะในการพัฒนา…", "3. มาตรการ…"
SECTION_START = re.compile(r"^\s*(?:ส่วนที่|บทที่)\s*\d")
SECTION_WORDS = ("การวิเคราะห์", "มาตรการ", "ข้อเสนอแนะใน", "การติดตาม", "การกำหนด", "แนวทาง")
#: one numbered item alone: "2. …", "(๓) …"
ONE_NUMBER = re.compile(r"^\s*(?:\(\s*[\d๐-๙]{1,2}\s*\)|[\d๐-๙]{1,2}\s*[.)])\s*(?![\d๐-๙])")
#: lines a refusal lists as what it saw: numbered headings, measures, tables
HEADING_START = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|มาตรการ|ตาราง)")
