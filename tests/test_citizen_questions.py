"""Free questions in Thai find the right measure or ITA indicator, through the webhook.

Realistic questions a citizen might type: with and without spaces, misspelt (and one
misspelling that is in the plan itself: "สำนวจ"), about scores or about work done.
"""

from __future__ import annotations

import itertools

import pytest

from tests.support.line_chat import texts

QUESTIONS = [
    ("เรื่องทรัพย์สินราชการทำอะไรไปบ้าง", "measure 1"),
    ("ทรัพสินหลวงเอาไปใช้ส่วนตัวได้ไหม", "measure 1"),
    ("มีคู่มือการใช้ทรัพย์สินของทางราชการหรือยัง", "measure 1"),
    ("ถ้าเจ้าหน้าที่เอาของราชการไปใช้ส่วนตัวมีโทษอะไร", "measure 1"),
    ("ทรัพย์สินราชการทำอะไรไปบ้างครับ", "measure 1"),
    ("คุณธรรมจริยธรรมของพนักงาน", "measure 1"),
    ("ระบุโทษการนำทรัพย์สินไปใช้", "measure 1"),
    ("เทศบาลเอาเทคโนโลยีมาใช้ยังไงบ้าง", "measure 2"),
    ("ประชาสัมพันธ์ช่องทางไหนบ้าง", "measure 2"),
    ("มีการสำรวจความพึงพอใจไหม", "measure 2"),
    ("ปรับปรุงกระบวนการทำงานไปถึงไหนแล้ว", "measure 2"),
    ("เทศบาลประชาสัมพัน ข่าวทางไหน", "measure 2"),
    ("จัดประชุมพนักงานเพื่อทำความเข้าใจแล้วหรือยัง", "measure 2"),
    ("วัฒนธรรมองค์กร", "measure 2"),
    ("การวิเคราะห์เพื่อการพัฒนา", "measure 2"),
    ("ประชาชนมีส่วนร่วมยังไง", "measure 3"),
    ("ประชาชนร่วมตรวจสอบการทำงานของเทศบาลได้ไหม", "measure 3"),
    ("แต่งตั้งคณะกรรมการจากประชาชนหรือยัง", "measure 3"),
    ("ร่วมวางแผนพัฒนาท้องถิ่นได้ยังไง", "measure 3"),
    ("ประชาชนมีส่วนร่วมตรวจสอบเทศบาลได้อย่างไร", "measure 3"),
    ("คะแนนการเปิดเผยข้อมูล", "indicator 9"),
    ("คะแนนเปิดเผยข้อมูลเท่าไหร่คะ", "indicator 9"),
    ("คะแนนการเปิดเผยข้อมุล", "indicator 9"),
    ("คะแนนป้องกันการทุจริตได้เท่าไร", "indicator 10"),
    ("คะแนน ITA ด้านการใช้งบประมาณ", "indicator 2"),
    ("ตัวชี้วัดการใช้อำนาจได้กี่คะแนน", "indicator 3"),
    ("คะแนนคุณภาพการดำเนินงาน", "indicator 6"),
    ("ประสิทธิภาพการสื่อสารได้คะแนนเท่าไหร่", "indicator 7"),
    ("คะแนนการปรับปรุงการทำงาน", "indicator 8"),
    ("การปฏิบัติหน้าที่ได้คะแนนเท่าไร", "indicator 1"),
    ("คะแนนการแก้ไขปัญหาการทุจริต", "indicator 5"),
    ("คะแนนการใช้ทรัพย์สินของราชการ", "indicator 4"),
    ("ITA ปีนี้ได้เท่าไหร่", "ita"),
    ("ร้านก๋วยเตี๋ยวแถวนี้อร่อยไหม", None),
    ("วันนี้ฝนตกไหม", None),
    ("ขอเบอร์นายก", None),
    ("ถนนหน้าบ้านเป็นหลุม", "complaint"),  # a problem told as a fact: the case form (issue 19)
]
_users = itertools.count()


@pytest.mark.parametrize(("question", "expected"), QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_a_free_question_finds_its_answer(
    line, seed_plan, question: str, expected: str | None
) -> None:
    answer = texts(line.send(f"Uasker{next(_users)}", question))
    if expected is None:
        assert "ยังหาคำตอบของคำถามนี้ในแผนมาตรการไม่พบ" in answer
    elif expected == "complaint":
        assert f"รับเรื่องร้องเรียนไว้ในแบบฟอร์มแล้วครับ: “{question}”" in answer, answer
    elif expected == "ita":
        assert "86.50 คะแนน ระดับ A" in answer
    elif expected.startswith("measure"):
        number = expected.split()[1]
        assert f"คำถามนี้เกี่ยวกับมาตรการข้อ {number}" in answer, answer
    else:
        number = expected.split()[1]
        assert f"ตัวชี้วัดที่ {number} " in answer, answer


def test_there_are_enough_questions() -> None:
    assert len([q for q, e in QUESTIONS if e]) >= 30


def _made_up_words(length: int) -> str:
    """Made-up three-letter Thai words (the matcher's worst case: bench/question_bench.py)."""
    import random

    consonants = [chr(c) for c in range(0x0E01, 0x0E2F)]
    pick = random.Random(15)
    words = ("".join(pick.choice(consonants) for _ in range(3)) for _ in range(length))
    return " ".join(words)[:length]


def test_a_long_question_is_matched_on_its_beginning(line, seed_plan) -> None:
    """What is matched is the question's start: 1,900 characters of padding after it
    neither drown the question (every unknown word pulls the score down) nor cost more."""
    question = "เรื่องทรัพย์สินราชการทำอะไรไปบ้าง " + " " * 170 + _made_up_words(1800)
    answer = texts(line.send("Ulongwinded", question[:2000]))
    assert "คำถามนี้เกี่ยวกับมาตรการข้อ 1" in answer, answer


def test_the_matchers_work_is_bounded_whatever_the_question(monkeypatch) -> None:
    """Comparisons for a 2,000-character question of distinct made-up words: at most
    MAX_WORDS words against the plan's, not one per word typed (58–106 ms → 2–6 ms)."""
    from bench.question_bench import candidates
    from understanding import plan_match
    from understanding.plan_match import MAX_WORDS, _index, best_match

    found = candidates()
    compared = []
    real = plan_match._similar
    monkeypatch.setattr(plan_match, "_similar", lambda w, o: compared.append(w) or real(w, o))
    plan_words = sum(len(words) for words in _index(found).terms)
    assert best_match(_made_up_words(2000), found) is None
    assert 0 < len(compared) <= MAX_WORDS * plan_words
    assert len(set(compared)) <= MAX_WORDS
