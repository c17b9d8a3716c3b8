"""The words of citizens' free questions that say nothing of what they are about, and
the words that ask for the ITA scores (`reading/questions.py` reads with them)."""

from __future__ import annotations

QUESTION_WORDS = frozenset(
    {
        "เรื่อง",
        "ทำ",
        "อะไร",
        "บ้าง",
        "ยังไง",
        "อย่างไร",
        "ไหม",
        "มั้ย",
        "ได้",
        "ไป",
        "ครับ",
        "ค่ะ",
        "คะ",
        "หรือยัง",
        "ยัง",
        "เท่าไร",
        "เท่าไหร่",
        "กี่",
        "ถึงไหน",
        "แล้ว",
        "ทาง",
        "ไหน",
        "หน่อย",
        "ขอ",
        "ถาม",
        "การ",
        "ของ",
        "และ",
        "ใน",
        "ที่",
        "เพื่อ",
        "มา",
        "มี",
        "เทศบาล",
        "อยาก",
        "รู้",
        "ทราบ",
        "จ้า",
        "นะ",
    }
)
SCORE_WORDS = ("คะแนน", "ตัวชี้วัด", "ITA", "ไอทีเอ", "ผลประเมิน")
#: what remains of a score word after cutting into words
SCORE_PIECES = frozenset({"คะแนน", "ITA", "ตัว", "ชี้", "วัด", "ตัวชี้วัด", "ไอทีเอ", "ผล", "ประเมิน"})
