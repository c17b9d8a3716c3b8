"""Every citizen's message gets somewhere (issue 19), through the webhook: complaint and
suggestion wording starts the case form with what was typed as its text; thanks and
greetings get a friendly word; questions find their measure despite typos and everyday
words; what fits nothing gets the whole menu, and is kept without who asked it."""

from __future__ import annotations

import itertools

from sqlalchemy import inspect
from sqlmodel import select

from models.citizen import Suggestion
from models.questions import UnansweredQuestion
from tests.support import people
from tests.support.line_chat import quick_replies, texts

_users = itertools.count()


def _citizen() -> str:
    return f"Uunderstood{next(_users)}"


def test_a_complaint_in_ones_own_words_becomes_the_case_text(line, services, seed_plan) -> None:
    user = _citizen()
    typed = "อยากร้องเรียนเรื่องถนนพัง"
    said = texts(line.send(user, typed))
    assert f"รับเรื่องร้องเรียนไว้ในแบบฟอร์มแล้วครับ: “{typed}”" in said
    assert "มีรูปประกอบไหม" in said  # straight on to the photo: the text is there
    for answer in ("ข้าม", "ข้าม", "ไม่ระบุตัวตน", "ส่ง"):
        line.send(user, answer)
    with services.db.session() as session:
        case = session.exec(select(Suggestion).where(Suggestion.line_user_id == user)).one()
    assert (case.category, case.text) == ("ร้องเรียน", typed)


def test_a_problem_told_as_a_fact_is_a_complaint_too(line, seed_plan) -> None:
    said = texts(line.send(_citizen(), "ไฟดับทั้งซอยเลยค่ะ"))
    assert "รับเรื่องร้องเรียนไว้ในแบบฟอร์มแล้วครับ: “ไฟดับทั้งซอยเลยค่ะ”" in said


def test_the_complaint_word_alone_asks_for_the_details(line, seed_plan) -> None:
    said = texts(line.send(_citizen(), "อยากร้องเรียนครับ"))
    assert "ร้องเรียน: พิมพ์รายละเอียดได้เลย" in said and "รับเรื่อง" not in said


def test_a_wish_and_a_compliment_go_to_the_form_under_their_own_category(line, seed_plan) -> None:
    wish = "อยากให้มีไฟถนนเพิ่มที่ซอย 7 ครับ"
    assert f"รับเรื่องข้อเสนอแนะไว้ในแบบฟอร์มแล้วครับ: “{wish}”" in texts(line.send(_citizen(), wish))
    praise = "ขอชมเชยเจ้าหน้าที่กองช่างมาซ่อมไฟเร็วมากครับ"
    assert "รับเรื่องชมเชยไว้ในแบบฟอร์มแล้วครับ" in texts(line.send(_citizen(), praise))


def test_thanks_greetings_and_small_talk_get_a_friendly_word(line, seed_plan) -> None:
    for typed, expected in (
        ("ขอบคุณครับ", "ยินดีครับ"),
        ("ขอบคุนคับบบ 🙏", "ยินดีครับ"),
        ("หวัดดีจ้า", "สวัสดีครับ"),
        ("555555", "มีเรื่องอยากถาม"),
    ):
        said = texts(line.send(_citizen(), typed))
        assert expected in said and "ยังหาคำตอบ" not in said, typed


def test_everyday_words_and_typos_find_the_measure(line, seed_plan) -> None:
    said = texts(line.send(_citizen(), "ใช้รถหลวงไปธุระส่วนตัวได้ไหม"))
    assert "คำถามนี้เกี่ยวกับมาตรการข้อ 1" in said
    said = texts(line.send(_citizen(), "เทสบาลทำอะไรเรื่องป้องกันทุจริตบ้าง"))
    assert "มาตรการทั้งหมดและความคืบหน้า" in said and "มาตรการ 3" in said
    assert "ตัวชี้วัดที่ 10" not in said


def test_an_indicators_advice_does_not_repeat_its_label(line, seed_plan) -> None:
    said = texts(line.send(_citizen(), "คะแนนการเปิดเผยข้อมูล"))
    assert "ตัวชี้วัดที่ 9 " in said
    assert "ข้อเสนอแนะจากการประเมิน OIT พบว่า" in said
    assert said.count("ข้อเสนอแนะจากการประเมิน") == 1


def test_an_unanswered_question_offers_complaints_and_is_kept_anonymously(
    line, services, clock, seed_plan
) -> None:
    [answer] = line.send(_citizen(), "ร้านก๋วยเตี๋ยวแถวนี้อร่อยไหม โทร 081-234-5678")
    assert "ยังหาคำตอบของคำถามนี้ในแผนมาตรการไม่พบ" in texts([answer])
    labels = [a["label"] for a in quick_replies(answer)]
    assert {"ร้องเรียน", "เสนอแนะ"} <= set(labels)
    with services.db.session() as session:
        [kept] = session.exec(select(UnansweredQuestion)).all()
    assert kept.text == "ร้านก๋วยเตี๋ยวแถวนี้อร่อยไหม โทร [เบอร์โทร]"
    assert kept.month == clock.now().date().replace(day=1)
    columns = {c.key for c in inspect(UnansweredQuestion).columns}
    # nothing that says who asked, or when exactly (only whose agency it was asked of)
    assert columns == {"id", "month", "text", "agency_id"}


def test_staff_who_are_not_understood_get_help_and_nothing_is_kept(
    line, runner, services, seed_plan
) -> None:
    staff = "Ustaffunderstood"
    people.link(runner, line, staff, "มาลี ทดสอบ", "staff", "1")
    said = texts(line.send(staff, "ร้านก๋วยเตี๋ยวแถวนี้อร่อยไหม"))
    assert "ยังไม่เข้าใจข้อความนี้" in said and "เสนอแนะ" not in said
    with services.db.session() as session:
        assert session.exec(select(UnansweredQuestion)).all() == []


def test_a_request_about_ones_data_reaches_the_staff_as_a_case(line, seed_plan) -> None:
    """Neither a copy nor a deletion (those have their own answers: test_personal_data)."""
    said = texts(line.send(_citizen(), "ขอแก้ข้อมูลส่วนบุคคลที่ให้ไว้ เบอร์โทรผิดค่ะ"))
    assert "ข้อมูลส่วนบุคคล" in said and "รับเรื่องสอบถามไว้ในแบบฟอร์มแล้วครับ" in said
    assert "ติดต่อกลับ" in said and "มีรูปประกอบไหม" not in said


def test_following_a_case_without_its_number_asks_for_it(line, seed_plan) -> None:
    said = texts(line.send(_citizen(), "เรื่องที่แจ้งไปเมื่อวานถึงไหนแล้วคะ"))
    assert "ติดตาม ตามด้วยเลขที่เรื่อง" in said


def test_the_agency_reads_the_months_unanswered_questions_most_asked_first(
    line, runner, seed_plan
) -> None:
    for typed in ("เบี้ยผู้สูงอายุออกวันไหนคะ", "สำนักงานเปิดกี่โมงครับ", "เบี้ยผู้สูงอายุออกวันไหนคะ"):
        line.send(_citizen(), typed)
    output = runner.invoke(args=["questions"]).output
    assert "2 เรื่อง" in output
    lines = output.splitlines()
    assert "2 × เบี้ยผู้สูงอายุออกวันไหนคะ" in lines[1] and "1 × สำนักงานเปิดกี่โมงครับ" in lines[2]
    assert "0 เรื่อง" in runner.invoke(args=["questions", "--month", "2021-10"]).output
