"""Citizens in LINE: the measures and ITA scores, suggestions from form to answer and close,
once-a-month ratings, rate limits."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from fakeline import events as ev
from models.citizen import Rating, Suggestion
from models.plan import get_plan, plan_tree
from models.progress import Evidence, ReportSource, record_report
from tests.support import people
from tests.support.line_chat import buttons, quick_replies, texts


def _tap(line, user: str, message: dict, label: str) -> list[dict]:
    for action in quick_replies(message) + buttons(message):
        if action["label"] == label:
            return (
                line.tap(user, action["data"])
                if action["type"] == "postback"
                else line.send(user, action["text"])
            )
    raise AssertionError(
        f"no {label!r} in {[a['label'] for a in quick_replies(message) + buttons(message)]}"
    )


def test_the_measures_as_cards_and_one_measure_in_detail(line, services, clock, seed_plan) -> None:
    with services.db.session() as session:
        tree = plan_tree(session, get_plan(session, 2565))
        for action, month, percent, detail in (
            (tree[1][1][3], date(2022, 1, 1), 75, "เปิดเพจเฟซบุ๊กแล้ว"),  # 2.4 this month
            (tree[0][1][0], date(2021, 12, 1), 50, "อบรมแล้วครึ่งหนึ่ง"),  # 1.1 last month
        ):
            record_report(
                session,
                action_id=action.id,
                month=month,
                percent=percent,
                detail=detail,
                staff=None,
                now=clock.now(),
                source=ReportSource.CLI,
            )
    [cards] = line.send("Ucitizen", "มาตรการ")
    assert cards["contents"]["type"] == "carousel" and len(cards["contents"]["contents"]) == 3
    one, two, three = (
        texts([{"type": "flex", "contents": c}]) for c in cards["contents"]["contents"]
    )
    assert "ความคืบหน้า 12%" in two and "รายงานล่าสุด: มกราคม 2565" in two  # measure 2: 75/6
    assert "ความคืบหน้า 17%" in one and "รายงานล่าสุด: ธันวาคม 2564" in one  # carried: 50/3
    assert "ความคืบหน้า 0%" in three and "ยังไม่มีรายงาน" in three
    [detail] = _tap(line, "Ucitizen", {"contents": cards["contents"]["contents"][1]}, "ดูรายละเอียด")
    assert "2.4 เพิ่มช่องทางการประชาสัมพันธ์" in texts([detail]) and "เปิดเพจเฟซบุ๊กแล้ว" in texts([detail])
    assert "สำนักปลัดเทศบาล" in texts([detail])
    assert "2.4" in texts(line.send("Ucitizen", "มาตรการ ๒"))
    assert "ไม่มีมาตรการข้อ 7 (มีข้อ 1, 2, 3)" in texts(line.send("Ucitizen", "มาตรการ 7"))


def test_ita_scores_by_group_highest_first(line, seed_plan) -> None:
    [card] = line.send("Ucitizen", "คะแนน ITA")
    shown = texts([card])
    assert "86.50 คะแนน ระดับ A" in shown
    iit = shown.index("(IIT)")
    assert (
        shown.index("1. การปฏิบัติหน้าที่", iit)
        < shown.index("3. การใช้อำนาจ", iit)
        < shown.index("4. การใช้ทรัพย์สินของราชการ", iit)
    )
    assert shown.index("10. การป้องกันการทุจริต") < shown.index("9. การเปิดเผยข้อมูล")


def test_a_suggestion_from_form_to_answer_and_close(
    line, runner, services, fake_line, seed_plan
) -> None:
    people.link(runner, line, "Uclerk", "เสมียน", "staff")  # of the plan's responsible unit
    [question] = line.send("Ucitizen", "เสนอแนะ")
    [ask_text] = _tap(line, "Ucitizen", question, "ร้องเรียน")
    assert "ร้องเรียน: พิมพ์รายละเอียด" in ask_text["text"]
    assert "อย่างน้อย 5 ตัวอักษร" in texts(line.send("Ucitizen", "ไฟ"))
    line.send("Ucitizen", "ไฟถนนหน้าวัดบางกระบือดับมาหนึ่งสัปดาห์")
    [more] = line.send_image("Ucitizen", b"\xff\xd8 street light")
    assert "แนบรูปแล้ว 1 รูป" in more["text"]
    [ask_where] = _tap(line, "Ucitizen", more, "ถัดไป")
    assert "ตำแหน่ง" in ask_where["text"]
    location = ev.location(
        "Ucitizen",
        timestamp_ms=line.timestamp(),
        latitude=13.41,
        longitude=99.96,
        address="หน้าวัดบางกระบือ",
    )
    [ask_contact] = line.send_event("Ucitizen", location)
    assert "ติดต่อกลับ" in ask_contact["text"]
    assert "อ่านชื่อและเบอร์โทรไม่ได้" in texts(line.send("Ucitizen", "โทรมาได้เลย"))
    [consent] = line.send("Ucitizen", "สมศรี 081-234-5678")
    [card] = _tap(line, "Ucitizen", consent, "ยินยอม")
    assert "สมศรี 081-234-5678" in texts([card]) and "1 รูป" in texts([card])
    [received] = _tap(line, "Ucitizen", card, "ส่งเรื่อง")
    assert "เลขที่เรื่อง S-2565-0001" in received["text"]

    with services.db.session() as session:
        [stored] = session.exec(select(Suggestion)).all()
        assert (stored.category, stored.consent, stored.contact_phone, stored.address) == (
            "ร้องเรียน",
            True,
            "081-234-5678",
            "หน้าวัดบางกระบือ",
        )
        assert (
            len(session.exec(select(Evidence).where(Evidence.suggestion_id == stored.id)).all())
            == 1
        )
    [notice] = [d.message for d in fake_line.messages_to("Uclerk") if d.via == "push"]
    assert "S-2565-0001" in texts([notice]) and "สมศรี 081-234-5678" in texts([notice])

    assert "ได้รับคำตอบ" not in texts(line.send("Ucitizen", "ติดตาม S-2565-0001"))
    assert "สถานะ: รับเรื่อง" in texts(line.send("Ucitizen", "ติดตาม s 2565 1"))
    assert "ส่งคำตอบเรื่อง S-2565-0001" in texts(
        line.send("Uclerk", "ตอบ S-2565-0001 ช่างไฟจะเข้าซ่อมวันพรุ่งนี้")
    )
    answered = [d.message for d in fake_line.messages_to("Ucitizen") if d.via == "push"]
    assert "ช่างไฟจะเข้าซ่อมวันพรุ่งนี้" in texts(answered)
    [ask_photo] = _tap(line, "Uclerk", notice, "ปิดเรื่อง")
    _tap(line, "Uclerk", ask_photo, "ปิดเลย")
    closed = texts([d.message for d in fake_line.messages_to("Ucitizen") if d.via == "push"])
    assert "ดำเนินการเสร็จสิ้นแล้ว" in closed
    # not a bare "done": the last answer, as an answer (it only promised the repair)
    assert "คำตอบล่าสุดของเจ้าหน้าที่: ช่างไฟจะเข้าซ่อมวันพรุ่งนี้" in closed
    assert "ปิดไปแล้ว" in texts(line.send("Uclerk", "ปิด S-2565-0001"))
    assert "สถานะ: เสร็จสิ้น" in texts(line.send("Ucitizen", "ติดตาม S-2565-0001"))


def test_a_staff_member_answers_with_the_button(line, runner, fake_line, seed_plan) -> None:
    people.link(runner, line, "Uclerk", "เสมียน", "staff")
    line.send("Ucitizen", "ร้องเรียน")
    line.send("Ucitizen", "ขยะไม่ได้เก็บสามวันแล้ว")
    line.send("Ucitizen", "ข้าม")
    line.send("Ucitizen", "ข้าม")
    line.send("Ucitizen", "ไม่ระบุตัวตน")
    line.send("Ucitizen", "ส่ง")
    [notice] = [d.message for d in fake_line.messages_to("Uclerk") if d.via == "push"]
    assert "ไม่ระบุตัวตน" in texts([notice])
    [ask] = _tap(line, "Uclerk", notice, "ตอบ")
    assert "พิมพ์คำตอบ" in ask["text"]
    line.send("Uclerk", "รถเก็บขยะจะเข้าวันนี้")
    assert "รถเก็บขยะจะเข้าวันนี้" in texts(
        [d.message for d in fake_line.messages_to("Ucitizen") if d.via == "push"]
    )


def test_cancel_leaves_no_trace(line, services, seed_plan) -> None:
    line.send("Ucitizen", "เสนอแนะ")
    line.send("Ucitizen", "ข้อเสนอแนะ")
    assert "ยกเลิกการส่งเรื่องแล้ว" in texts(line.send("Ucitizen", "ยกเลิก"))
    with services.db.session() as session:
        assert session.exec(select(Suggestion)).all() == []


def test_five_suggestions_a_day(line, services, clock, seed_plan) -> None:
    for n in range(5):
        line.send("Ucitizen", "ร้องเรียน")
        line.send("Ucitizen", f"เรื่องที่ {n + 1} รายละเอียด")
        for answer in ("ข้าม", "ข้าม", "ไม่ระบุตัวตน", "ส่ง"):
            line.send("Ucitizen", answer)
        clock.advance(minutes=5)
    assert "ครบจำนวนที่รับได้แล้ว" in texts(line.send("Ucitizen", "เสนอแนะ"))
    with services.db.session() as session:
        assert [s.ref for s in session.exec(select(Suggestion).order_by(Suggestion.seq))] == [
            f"S-2565-000{n}" for n in range(1, 6)
        ]
    clock.advance(days=1)
    assert "เลือกประเภท" in texts(line.send("Ucitizen", "เสนอแนะ"))


def test_a_rating_once_a_month(line, services, clock, seed_plan) -> None:
    [ask] = line.send("Ucitizen", "ประเมิน")
    [comment] = _tap(line, "Ucitizen", ask, "4 ⭐⭐⭐⭐")
    assert "ให้ 4 คะแนน" in comment["text"]
    assert "บันทึกผลประเมิน 4/5" in texts(line.send("Ucitizen", "เจ้าหน้าที่สุภาพดีมาก"))
    assert "ประเมินได้เดือนละครั้ง" in texts(line.send("Ucitizen", "ประเมิน"))
    clock.advance(days=15)  # February
    line.send("Ucitizen", "ประเมิน")
    assert "1 ถึง 5" in texts(line.send("Ucitizen", "๙"))
    line.send("Ucitizen", "๕")
    line.send("Ucitizen", "ไม่มี")
    with services.db.session() as session:
        rows = session.exec(select(Rating).order_by(Rating.month)).all()
    assert [(r.month, r.score, r.comment) for r in rows] == [
        (date(2022, 1, 1), 4, "เจ้าหน้าที่สุภาพดีมาก"),
        (date(2022, 2, 1), 5, ""),
    ]


def test_a_flood_gets_a_polite_answer(line, seed_plan) -> None:
    events = [ev.text("Uflood", f"คำถามที่ {n}", timestamp_ms=line.timestamp()) for n in range(35)]
    line.post(events)
    answers = [texts([d.message]) for d in line.fake.messages_to("Uflood")]
    assert len(answers) == 35  # every message answered, none an error
    assert sum("ขอเวลาสักครู่" in a for a in answers) == 15  # 20 questions in 10 minutes
    assert not any("ขออภัย ระบบขัดข้อง" in a for a in answers)


def test_forms_saved_by_an_earlier_version_read_on(line, services, clock, seed_plan) -> None:
    """A case and a rating in progress across the upgrade to typed drafts (their keys were
    c, t, lat, lng, and s; photos sha and id) are sent as they stood."""
    from datetime import timedelta

    from models.conversation import Conversation
    from models.progress import store_blob

    def stored(chat: str, flow: str, state: str, draft: dict) -> Conversation:
        return Conversation(
            chat_key=chat,
            flow=flow,
            state=state,
            draft=draft,
            started_at=clock.now(),
            updated_at=clock.now(),
            expires_at=clock.now() + timedelta(minutes=30),
        )

    with services.db.session() as session:
        sha = store_blob(session, b"old street photo", "image/jpeg", clock.now())
        case = {
            "c": "ร้องเรียน",
            "t": "ไฟทางดับหน้าวัดสามวันแล้ว",
            "photos": [{"sha": sha, "id": "m7"}],
            "lat": 13.41,
            "lng": 99.96,
            "address": "หน้าวัด",
            "consent": True,
            "name": "สมศรี",
            "phone": "081-234-5678",
        }
        session.add(stored("Uold", "suggest", "confirm", case))
        session.add(stored("Urater", "rate", "comment", {"s": 4}))
    assert "S-2565-0001" in texts(line.send("Uold", "ส่ง"))
    assert "4" in texts(line.send("Urater", "ข้าม"))
    with services.db.session() as session:
        [suggestion] = session.exec(select(Suggestion)).all()
        [photo] = session.exec(select(Evidence)).all()
        [rating] = session.exec(select(Rating)).all()
    assert (suggestion.category, suggestion.text, suggestion.latitude, suggestion.address) == (
        "ร้องเรียน",
        "ไฟทางดับหน้าวัดสามวันแล้ว",
        13.41,
        "หน้าวัด",
    )
    assert (suggestion.consent, suggestion.contact_phone) == (True, "081-234-5678")
    assert (photo.suggestion_id, photo.sha256, photo.line_message_id) == (suggestion.id, sha, "m7")
    assert (rating.line_user_id, rating.score) == ("Urater", 4)
