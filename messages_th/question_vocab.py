"""The words of citizens' questions about the plan that say nothing about which measure.

`understanding/plan_match.py` drops these before matching a question against the plan's
own text, reads the score words as "about the ITA indicators", and sends a question about
the plan's theme in general to the measures overview.
"""

from __future__ import annotations

# vocabulary reads better packed than one word a line
# fmt: off

#: asking words, particles and words every plan uses everywhere
QUESTION_WORDS = frozenset(
    {
        "เรื่อง", "ทำ", "อะไร", "บ้าง", "ยังไง", "อย่างไร", "ไหม", "มั้ย", "ได้", "ไป",
        "ครับ", "ค่ะ", "คะ", "หรือยัง", "ยัง", "เท่าไร", "เท่าไหร่", "กี่", "ถึงไหน", "แล้ว",
        "ทาง", "ไหน", "หน่อย", "ขอ", "ถาม", "การ", "ของ", "และ", "ใน", "ที่", "เพื่อ", "มา",
        "มี", "เทศบาล", "อยาก", "รู้", "ทราบ", "จ้า", "นะ", "สอบถาม", "รบกวน", "ช่วย", "บอก",
        "เล่า", "อธิบาย", "ตอนนี้", "ปีนี้", "ไง", "ไร", "เป็น", "ยังงัย", "เปล่า", "หรือ",
        "คือ", "ว่า", "จะ", "ให้", "กับ", "อยู่", "เห็น", "ดู", "เกี่ยวกับ", "ด้าน", "ส่วน",
        "หน่วยงาน", "อบต", "องค์การบริหารส่วนตำบล", "ท้องถิ่น", "เทศบาลตำบล", "เขา", "เค้า",
        "ข้อ", "สูงสุด", "ต่ำสุด", "น้อยสุด", "มากสุด", "ที่สุด", "น้อย", "สุด", "ต่ำ", "สูง",
        "เต็ม", "ใช่", "ใช่ไหม", "แค่ไหน", "เท่าไห", "ปี", "นี้", "ครั้ง", "คน",
    }
)
#: prefixes that make a noun of a verb: a synonym is found with or without them
NOMINALISERS = ("การ", "ความ")
#: words every agency's business is full of: they count for little in telling measures apart
GENERIC_WORDS = frozenset(
    {"เจ้าหน้าที่", "พนักงาน", "งาน", "ทำงาน", "บริการ", "ให้บริการ", "ประชุม", "ใช้", "ดี",
     "กิจกรรม", "โครงการ", "เรื่องราว"}
)
#: how much less a generic word counts than its rarity says
GENERIC_WEIGHT = 0.3
#: words that make a question about scores: the indicators, not the measures
SCORE_WORDS = (
    "คะแนน", "ตัวชี้วัด", "ITA", "ไอทีเอ", "ผลประเมิน", "ผลการประเมิน", "เกรด", "กี่แต้ม",
    "ระดับ", "score",
)
#: what remains of a score word once cut into words
SCORE_PIECES = frozenset(
    {"คะแนน", "ITA", "ตัว", "ชี้", "วัด", "ตัวชี้วัด", "ไอทีเอ", "ผล", "ประเมิน", "เกรด", "แต้ม", "ระดับ", "score"}
)
#: asking what the agency does: measures, never an indicator's score
WHAT_IS_DONE = (
    "ทำอะไร", "ทำยังไง", "ทำอย่างไร", "มีมาตรการ", "ดำเนินการ", "แก้ไขยังไง", "ป้องกันยังไง",
    "จัดการยังไง", "มีวิธี", "มีแนวทาง", "มีแผน", "ทำไปบ้าง", "ทำบ้าง", "ทำอะไรบ้าง",
)
#: the plan's theme as a whole: with no measure more specific, the overview of measures
THEME = (
    "ทุจริต", "คุณธรรม", "ความโปร่งใส", "โปร่งใส", "มาตรการ", "แผนมาตรการ", "ธรรมาภิบาล",
    "ประพฤติมิชอบ", "ป้องกันการทุจริต", "ต่อต้านการทุจริต", "เปิดเผยข้อมูล", "จัดซื้อจัดจ้าง",
    "ตรวจสอบได้",
)
#: `มาตรการข้อ 2`, `มาตรการที่๓`, `ตัวชี้วัดที่ 9`, `ข้อ 1.2`
MEASURE_NUMBER = r"มาตรการ\s*(?:ข้อ|ที่)?\s*(\d{1,2})(?![\d.])"
INDICATOR_NUMBER = r"ตัวชี้วัด\s*(?:ข้อ|ที่)?\s*(\d{1,2})(?![\d.])"
ACTION_NUMBER = r"(?:ข้อ|วิธีการ|กิจกรรม)\s*(\d{1,2})\s*\.\s*\d{1,2}"
# fmt: on
