"""Staff report progress: the guided form by tapping and typing, one typed line, status,
and every bad input with a clear answer and nothing stored."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlmodel import func, select

from bot import create_app
from fakeline import events as ev
from models.audit import AuditLog
from models.conversation import Conversation
from models.progress import Evidence, Report
from tests.support import people
from tests.support.line_chat import LineChat, buttons, quick_replies, texts

JAN = date(2022, 1, 1)


@pytest.fixture
def malee(runner, line, seed_plan) -> str:
    """A staff member who reports on measures 1 and 2, linked as Umalee."""
    people.link(runner, line, "Umalee", "มาลี ใจซื่อ", "staff", "1,2")
    return "Umalee"


def _reports(services) -> list[Report]:
    with services.db.session() as session:
        return list(session.exec(select(Report).order_by(Report.id)))


def test_a_guided_report_by_tapping(line, malee, services, fake_line) -> None:
    [question] = line.send(malee, "รายงาน")
    assert "รายงานผลเดือนมกราคม 2565" in question["text"]
    assert [a["label"] for a in quick_replies(question)] == ["มาตรการ 1", "มาตรการ 2", "ยกเลิก"]
    [actions] = line.press(malee, question, "มาตรการ 1")
    assert "1.2 จัดคู่มือแนวทางการปฏิบัติ" in actions["text"]
    [percent] = line.press(malee, actions, "1.2")
    assert [a["label"] for a in quick_replies(percent)][:5] == [
        "ยังไม่เริ่ม",
        "25%",
        "50%",
        "75%",
        "เสร็จแล้ว",
    ]
    [detail] = line.press(malee, percent, "50%")
    assert "ทำอะไรไปบ้าง" in detail["text"]
    [evidence] = line.send(malee, "ร่างคู่มือการยืมทรัพย์สินเสร็จแล้ว ส่งปลัดพิจารณา")
    assert {"camera", "cameraRoll"} <= {a["type"] for a in quick_replies(evidence)}
    photo = b"\xff\xd8\xff\xe0 a photo of the manual"
    [more] = line.send_image(malee, photo)
    assert "แนบแล้ว 1 ไฟล์" in more["text"]
    [card] = line.press(malee, more, "ถัดไป")
    assert card["type"] == "flex"
    assert {"แก้ไข", "ยืนยัน"} <= {a["label"] for a in buttons(card)}
    assert (
        "50%" in texts([card]) and "ร่างคู่มือการยืมทรัพย์สิน" in texts([card]) and "1 ไฟล์" in texts([card])
    )
    assert _reports(services) == []  # nothing is stored before the confirmation
    [done] = line.press(malee, card, "ยืนยัน")
    assert "บันทึกรายงานแล้ว" in done["text"] and "ข้อ 1.2 — 50% (กำลังดำเนินการ)" in done["text"]

    [report] = _reports(services)
    assert (report.month, report.percent, report.status, report.source) == (
        JAN,
        50,
        "in_progress",
        "guided",
    )
    assert report.detail == "ร่างคู่มือการยืมทรัพย์สินเสร็จแล้ว ส่งปลัดพิจารณา"
    with services.db.session() as session:
        [evidence_row] = session.exec(select(Evidence)).all()
        assert evidence_row.report_id == report.id
        assert evidence_row.sha256 == hashlib.sha256(photo).hexdigest()
        assert session.exec(select(Conversation)).first() is None
    assert fake_line.requests_to("/content"), "the photo was downloaded from LINE's content API"


def test_typed_answers_and_one_measure_skips_the_choice(runner, line, seed_plan, services) -> None:
    people.link(runner, line, "Uwichai", "วิชัย", "staff", "2")
    [actions] = line.send("Uwichai", "รายงาน")
    assert "มาตรการ 2" in actions["text"]  # only one measure: straight to its actions
    line.send("Uwichai", "๕")
    line.send("Uwichai", "เสร็จแล้ว")
    line.send("Uwichai", "สำรวจความพึงพอใจครบ 120 ชุด")
    line.send("Uwichai", "ไม่มี")
    [done] = line.send("Uwichai", "ยืนยัน")
    assert "ข้อ 2.5 — 100% (เสร็จแล้ว)" in done["text"]
    assert [(r.percent, r.status) for r in _reports(services)] == [(100, "done")]


def test_edit_before_confirming(line, malee, services) -> None:
    line.tap(malee, "a=report.start&m=1&x=3")
    line.send(malee, "25")
    line.send(malee, "รวบรวมระเบียบ")
    line.send(malee, "ข้าม")
    [card] = line.send(malee, "แก้ไข")
    assert "ความคืบหน้าถึงตอนนี้" in card["text"]
    [detail] = line.send(malee, "75%")
    assert "ข้อความเดิม: รวบรวมระเบียบ" in detail["text"]
    [card] = line.press(malee, detail, "ใช้ข้อความเดิม")
    assert card["type"] == "flex" and "75%" in texts([card]) and "รวบรวมระเบียบ" in texts([card])
    line.send(malee, "ยืนยัน")
    assert [(r.percent, r.detail) for r in _reports(services)] == [(75, "รวบรวมระเบียบ")]


@pytest.mark.parametrize("steps", [0, 1, 2, 3, 4, 5])
def test_cancel_gets_out_of_every_step(line, malee, services, steps: int) -> None:
    answers = ["1", "1.1", "50", "อบรม", "ข้าม"]
    line.send(malee, "รายงาน")
    for answer in answers[:steps]:
        line.send(malee, answer)
    assert "ยกเลิกการรายงานแล้ว" in texts(line.send(malee, "ยกเลิก"))
    assert _reports(services) == []
    with services.db.session() as session:
        assert session.exec(select(Conversation)).first() is None


def test_thirty_minutes_of_silence_ends_the_form(line, malee, services, clock) -> None:
    line.send(malee, "รายงาน")
    line.send(malee, "1")
    clock.advance(minutes=29)
    assert "ความคืบหน้าถึงตอนนี้" in texts(line.send(malee, "1.1"))  # 29 minutes: still open
    clock.advance(minutes=31)
    answer = texts(line.send(malee, "50"))
    assert "หมดเวลาแล้ว" in answer
    assert _reports(services) == []


def test_a_restart_in_the_middle_of_a_form_resumes_it(
    line, malee, services, settings, clock, fake_line
) -> None:
    line.send(malee, "รายงาน")
    line.send(malee, "2")
    line.send(malee, "2.4")
    services.shutdown()  # the process goes away mid-form
    app = create_app(settings, clock=clock)
    running = app.extensions["tidtam"]
    running.start_background()
    try:
        again = LineChat(app.test_client(), fake_line, clock, line.secret, running)
        assert "ทำอะไรไปบ้าง" in texts(again.send(malee, "75%"))
        again.send(malee, "ประชาสัมพันธ์ทางหอกระจายข่าว")
        again.send(malee, "ข้าม")
        again.send(malee, "ยืนยัน")
    finally:
        running.shutdown()
    assert [(r.percent, r.detail) for r in _reports(services)] == [(75, "ประชาสัมพันธ์ทางหอกระจายข่าว")]


def test_a_sticker_or_a_picture_mid_form_gets_a_nudge_and_the_question_again(line, malee) -> None:
    line.send(malee, "รายงาน")
    line.send(malee, "1")
    line.send(malee, "1.1")
    nudge = line.send_event(malee, ev.sticker(malee, timestamp_ms=line.timestamp()))
    assert "รอคำตอบสำหรับรายงาน" in texts(nudge) and "ความคืบหน้าถึงตอนนี้" in texts(nudge)
    early = line.send_image(malee, b"photo")
    assert "ยังไม่ถึงขั้นแนบหลักฐาน" in texts(early)
    assert "ไม่เข้าใจความคืบหน้า" in texts(line.send(malee, "ครึ่งหนึ่ง"))
    assert "ระหว่าง 0 ถึง 100" in texts(line.send(malee, "150"))
    assert "ทำอะไรไปบ้าง" in texts(line.send(malee, "60"))
    assert "อย่างน้อยหนึ่งประโยค" in texts(line.send(malee, "   "))


def test_evidence_limits(line, malee, fake_line) -> None:
    line.tap(malee, "a=report.start&m=1&x=1")
    line.send(malee, "50")
    line.send(malee, "อบรม")
    big = ev.file(malee, timestamp_ms=line.timestamp(), file_name="scan.pdf", size=11 * 1024 * 1024)
    assert "ใหญ่เกิน 10 MB" in texts(line.send_event(malee, big))
    fake_line.fail("/content", 404)
    assert "ดึงไฟล์จากไลน์ไม่สำเร็จ" in texts(line.send_image(malee, b"gone"))
    for n in range(5):
        assert f"แนบแล้ว {n + 1} ไฟล์" in texts(line.send_image(malee, bytes([n]) * 10))
    assert "แนบครบ 5 ไฟล์แล้ว" in texts(line.send_image(malee, b"sixth"))


def test_a_reminder_button_goes_straight_to_the_percent(line, malee) -> None:
    [question] = line.tap(malee, "a=report.start&m=1&x=2")
    assert "ข้อ 1.2" in question["text"] and "ความคืบหน้าถึงตอนนี้" in question["text"]
    mine_only = texts(line.tap(malee, "a=report.start&m=3"))
    assert "ไม่มีมาตรการข้อ 3 ในมาตรการที่ท่านรายงาน" in mine_only and "เลือกมาตรการ" in mine_only


def test_one_line_reports(line, malee, services) -> None:
    answer = texts(line.send(malee, "รายงาน ๑.๒ ร้อยละ ๕๐ จัดทำคู่มือแล้ว"))
    assert "ข้อ 1.2 — 50% (กำลังดำเนินการ) เดือนมกราคม 2565" in answer
    again = texts(line.send(malee, "รายงาน1.2 เสร็จแล้ว ประกาศใช้คู่มือ"))
    assert "แทนรายงานเดิม" in again and "100% (เสร็จแล้ว)" in again
    reports = _reports(services)
    assert [(r.percent, r.superseded_at is not None, r.source) for r in reports] == [
        (50, True, "line"),
        (100, False, "line"),
    ]
    assert reports[1].replaces_id == reports[0].id


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("รายงาน 3.1 50% แต่งตั้งแล้ว", "ไม่มีมาตรการข้อ 3 ในมาตรการที่ท่านรายงาน"),
        ("รายงาน 9.1 50% ไม่มีข้อนี้", "ไม่มีมาตรการข้อ 9"),
        ("รายงาน 1.7 50% ไม่มีข้อนี้", "มาตรการ 1 ไม่มีข้อ 1.7 (มี 1.1, 1.2, 1.3)"),
        ("รายงาน 1.2 150% เกิน", "ระหว่าง 0 ถึง 100"),
        ("รายงาน 1.2 -5% ติดลบ", "ระหว่าง 0 ถึง 100"),
        ("รายงาน 1.2 50%", "ยังไม่ได้บอกว่าทำอะไรไปบ้าง"),
        ("รายงาน 1.2 ทำคู่มือ", "ยังไม่ได้บอกความคืบหน้า"),
        ("รายงาน 1 50% ทำแล้ว", "ต้องระบุเลขมาตรการและเลขข้อ"),
    ],
)
def test_a_wrong_line_is_explained_with_an_example_and_stores_nothing(
    line, malee, services, typed: str, answer: str
) -> None:
    reply = texts(line.send(malee, typed))
    assert answer in reply, reply
    if "ระหว่าง" not in answer:
        assert "รายงาน 1.2 50% จัดทำคู่มือแล้ว" in reply
    assert _reports(services) == []


def test_a_citizen_cannot_report(line, seed_plan, services) -> None:
    assert "สำหรับเจ้าหน้าที่ที่เชื่อมบัญชีแล้วเท่านั้น" in texts(
        line.send("Ucitizen", "รายงาน 1.2 50% แอบรายงาน")
    )
    assert "สำหรับเจ้าหน้าที่ที่เชื่อมบัญชีแล้วเท่านั้น" in texts(line.send("Ucitizen", "รายงาน"))
    assert "สำหรับเจ้าหน้าที่ที่เชื่อมบัญชีแล้วเท่านั้น" in texts(line.tap("Ucitizen", "a=report.start&m=1"))
    assert _reports(services) == []


def test_a_five_thousand_character_message(line, malee, services) -> None:
    essay = "ก" * 5000
    assert "ข้อความยาวมาก" in texts(line.send(malee, essay))
    line.tap(malee, "a=report.start&m=1&x=1")
    line.send(malee, "50")
    line.send(malee, essay)  # as the detail it is kept whole
    line.send(malee, "ข้าม")
    line.send(malee, "ยืนยัน")
    assert _reports(services)[0].detail == essay


def test_status_shows_what_is_reported_this_month(line, malee) -> None:
    line.send(malee, "รายงาน 1.2 50% จัดทำคู่มือแล้ว")
    [card] = line.send(malee, "สถานะ")
    assert card["type"] == "flex" and card["contents"]["type"] == "carousel"
    shown = texts([card])
    assert "ยังไม่รายงาน 8 ข้อ" in card["altText"]  # 3 + 6 actions, one reported
    assert "1.2 จัดคู่มือ" in shown and "50%" in shown
    assert "มาตรการ 2" in shown and "มาตรการ 3" not in shown


def test_a_slow_answer_shows_lines_loading_indicator(line, malee, fake_line) -> None:
    line.tap(malee, "a=report.start&m=1&x=1")
    line.send(malee, "50")
    line.send(malee, "อบรม")
    # on a loaded machine an earlier answer may have been slow enough to show it too
    before = len(fake_line.requests_to("/chat/loading/start"))
    fake_line.fail("/content", 200, delay=1.5)  # LINE's content API is slow today
    assert "แนบแล้ว 1 ไฟล์" in texts(line.send_image(malee, b"slow photo"))
    shown = fake_line.requests_to("/chat/loading/start")[before:]
    assert shown and all(
        r.body == {"chatId": malee, "loadingSeconds": 20} and r.status == 202 for r in shown
    )


def test_an_event_that_fails_is_tried_again_then_set_aside_and_the_chat_goes_on(
    line, services, malee, monkeypatch
) -> None:
    """A report whose handling fails is rolled back whole and tried again; one that fails
    every time is marked failed after MAX_ATTEMPTS, the person is told, and the next
    message in the same chat is handled (nothing half-stored, nothing lost)."""
    import usecases.reporting as reporting
    from models.inbox import MAX_ATTEMPTS, InboxEvent, InboxStatus

    real = reporting.audit
    failures = {"left": 2}

    def flaky_audit(*args, **kwargs):
        real(*args, **kwargs)  # written, then the failure must roll it back
        if failures["left"] > 0:
            failures["left"] -= 1
            raise RuntimeError("the disk hiccupped")

    monkeypatch.setattr(reporting, "audit", flaky_audit)
    assert "บันทึกรายงานแล้ว" in texts(line.send(malee, "รายงาน 1.1 40% ครั้งแรก"))
    assert [r.percent for r in _reports(services)] == [40]

    failures["left"] = MAX_ATTEMPTS
    stuck = line.timestamp()
    line.post(
        [
            ev.text(malee, "รายงาน 1.2 60% ไม่ผ่าน", timestamp_ms=stuck),
            ev.text(malee, "รายงาน 1.3 70% ต่อจากนั้น", timestamp_ms=stuck + 1),
        ]
    )
    assert [r.percent for r in _reports(services)] == [40, 70]
    with services.db.session() as session:
        rows = {
            e.payload["message"]["text"]: (e.status, e.attempts)
            for e in session.exec(select(InboxEvent))
        }
        audits = session.exec(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == "report.line")
        ).one()
    assert rows["รายงาน 1.1 40% ครั้งแรก"] == (InboxStatus.DONE, 2)
    assert rows["รายงาน 1.2 60% ไม่ผ่าน"] == (InboxStatus.FAILED, MAX_ATTEMPTS)
    assert rows["รายงาน 1.3 70% ต่อจากนั้น"] == (InboxStatus.DONE, 0)
    assert audits == 2  # the failed tries left no audit rows behind
    assert "ขออภัย" in texts([d.message for d in line.fake.delivered_since(0) if d.to == malee])


def test_a_report_sent_while_another_worker_holds_the_chat_is_handled_when_it_lets_go(
    line, services, malee
) -> None:
    """Two workers (as in two processes): the second is kicked for a new message while the
    first still holds the chat (answering the previous one), finds the chat taken and leaves
    it. The first handles it as it lets go of the chat, not seconds later in a sweep."""
    from handlers.worker import InboxWorker

    services.worker.stop()  # this test drives two workers of its own, without sweeps
    first, second = InboxWorker(services, threads=1), InboxWorker(services, threads=1)
    answer = first._answer
    answered: list[str] = []

    def answer_while_a_message_comes_in(outcome, event_key) -> None:
        answered.append(event_key)
        if len(answered) == 1:
            line.post([ev.text(malee, "รายงาน 1.2 60% ต่อมา", timestamp_ms=line.timestamp())],
                      wait=False)  # fmt: skip
            second._work_chat(malee)  # kicked for it: the chat is taken
        answer(outcome, event_key)

    first._answer = answer_while_a_message_comes_in  # type: ignore[method-assign]
    line.post([ev.text(malee, "รายงาน 1.1 40% ก่อน", timestamp_ms=line.timestamp())], wait=False)
    first._work_chat(malee)

    assert len(answered) == 2  # both answered by the first worker
    assert [(r.percent, r.detail) for r in _reports(services)] == [(40, "ก่อน"), (60, "ต่อมา")]
    replies = [d.message for d in line.fake.delivered_since(0) if d.to == malee]
    assert texts(replies).count("บันทึกรายงานแล้ว") == 2


def test_a_form_saved_by_an_earlier_version_reads_on(line, malee, services, clock) -> None:
    """Drafts stored before the typed drafts (one-letter keys, the month as YYYY-MM) are
    read as they were: a form in progress across an upgrade is confirmed as it stood."""
    from datetime import timedelta

    from models.progress import store_blob

    with services.db.session() as session:
        sha = store_blob(session, b"old photo", "image/jpeg", clock.now())
        session.add(
            Conversation(
                chat_key=malee,
                flow="report",
                state="confirm",
                draft={
                    "month": "2022-01",
                    "ev": [{"sha": sha, "kind": "image", "name": "", "id": "m1"}],
                    "m": 1,
                    "x": 2,
                    "p": 50,
                    "d": "ร่างคู่มือก่อนปรับรุ่น",
                },
                started_at=clock.now(),
                updated_at=clock.now(),
                expires_at=clock.now() + timedelta(minutes=30),
            )
        )
    assert "ข้อ 1.2 — 50%" in texts(line.send(malee, "ยืนยัน"))
    [report] = _reports(services)
    assert (report.month, report.percent, report.detail) == (JAN, 50, "ร่างคู่มือก่อนปรับรุ่น")
    with services.db.session() as session:
        [evidence] = session.exec(select(Evidence)).all()
    assert (evidence.report_id, evidence.sha256, evidence.line_message_id) == (report.id, sha, "m1")
