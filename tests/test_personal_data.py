"""Personal data as the PDPA expects (issue 15, finding 6): nothing kept that people are told
is not kept. A cancelled or timed-out form leaves none of the photos it downloaded, nor what
was typed in it; a declined consent leaves the name and phone nowhere; the inbox and the
outbox keep what people sent and were sent only for the retention period."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select as select_all
from sqlmodel import select

from fakeline import events as ev
from models.app_setting import get_setting
from models.base import metadata
from models.citizen import Suggestion
from models.conversation import Conversation
from models.inbox import InboxEvent, receive
from models.outbox import OutboxMessage
from models.progress import Evidence, EvidenceBlob
from scheduler.jobs import run_due
from tests.support import people
from tests.support.line_chat import texts


def _blobs(services) -> set[str]:
    with services.db.session() as session:
        return set(session.exec(select(EvidenceBlob.sha256)))


def _to_evidence(line, user: str) -> None:
    for answer in ("รายงาน", "1", "50%", "อบรมเจ้าหน้าที่แล้ว"):
        line.send(user, answer)


def test_a_cancelled_report_leaves_no_photo(line, runner, services, clock, seed_plan) -> None:
    people.link(runner, line, "Uphotos", "มาลี ใจซื่อ", "staff", "1")
    for round_ in range(3):  # the attack: start, three photos, cancel, again and again
        _to_evidence(line, "Uphotos")
        for n in range(3):
            line.send_image("Uphotos", f"round {round_} photo {n}".encode())
        assert len(_blobs(services)) == 3
        assert "ยกเลิก" in texts(line.send("Uphotos", "ยกเลิก"))
        assert _blobs(services) == set()
    _to_evidence(line, "Uphotos")
    line.send_image("Uphotos", b"before a fresh start")
    line.send("Uphotos", "รายงาน")  # starting again drops the first form, and its photo
    assert _blobs(services) == set()
    line.send("Uphotos", "1")
    line.send("Uphotos", "50%")
    line.send("Uphotos", "อบรมแล้ว")
    line.send_image("Uphotos", b"left to time out")
    clock.advance(minutes=31)
    assert "หมดเวลา" in texts(line.send("Uphotos", "สถานะ"))
    assert _blobs(services) == set()


def test_a_cancelled_case_leaves_no_photo_but_a_shared_one_stays(
    line, runner, services, clock, seed_plan
) -> None:
    people.link(runner, line, "Ukept", "วิชัย", "staff", "1")
    _to_evidence(line, "Ukept")
    line.send_image("Ukept", b"the same photo")
    for said in ("ร้องเรียน", "ไฟถนนดับหน้าวัด"):
        line.send("Ucitizen", said)
    line.send_image("Ucitizen", b"the same photo")
    line.send_image("Ucitizen", b"a photo of its own")
    assert len(_blobs(services)) == 2
    assert "ไม่มีการบันทึกใด ๆ" in texts(line.send("Ucitizen", "ยกเลิก"))
    assert len(_blobs(services)) == 1  # still in the staff member's report
    line.send("Ukept", "ไม่มี")
    assert "บันทึกรายงานแล้ว" in texts(line.send("Ukept", "ยืนยัน"))
    for said in ("ร้องเรียน", "ไฟถนนดับหน้าวัดอีกแล้ว"):
        line.send("Ucitizen", said)
    line.send_image("Ucitizen", b"the same photo")
    clock.advance(minutes=31)
    assert "หมดเวลา" in texts(line.send("Ucitizen", "มาตรการ"))
    with services.db.session() as session:
        [kept] = session.exec(select(Evidence)).all()
    assert _blobs(services) == {kept.sha256}  # the report's evidence is never released


# -- what people typed: kept no longer than they were told --------------------------------

NAME, PHONE = "สมศรี มีสุข", "081-234-5678"


def _everything(services) -> str:
    """Every value of every row of every table, as text (file bytes left out)."""
    parts = []
    with services.db.engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select_all(table)):
                values = [v for v in row if not isinstance(v, bytes | memoryview)]
                parts.append(json.dumps(values, ensure_ascii=False, default=str))
    return "\n".join(parts)


def _case_up_to_contact(line, user: str) -> None:
    for said in ("ร้องเรียน", "ไฟถนนดับหน้าบ้านเลขที่สิบสอง"):
        line.send(user, said)
    line.send_image(user, b"\xff\xd8 the dark street")
    line.send(user, "ถัดไป")
    line.send_event(
        user,
        ev.location(
            user, timestamp_ms=line.timestamp(), latitude=13.41, longitude=99.96, address="ซอยลับ"
        ),
    )


def test_a_declined_consent_leaves_no_copy_anywhere(line, services, fake_line, seed_plan) -> None:
    _case_up_to_contact(line, "Ualice")
    assert "อ่านชื่อและเบอร์โทรไม่ได้" in texts(line.send("Ualice", "ชื่อสมศรีค่ะ"))
    fake_line.fail("/message/reply", 400)  # the consent question then goes out by push
    line.send("Ualice", f"{NAME} {PHONE}")
    assert PHONE in texts([d.message for d in line.pushes_to("Ualice")])
    assert PHONE in _everything(services)  # the form is using it
    card = texts(line.send("Ualice", "ไม่ยินยอม"))
    assert PHONE not in card
    stored = _everything(services)
    for secret in (PHONE, "สมศรี", "มีสุข"):
        assert secret not in stored, f"{secret!r} kept after consent was declined"
    assert "S-2565-0001" in texts(line.send("Ualice", "ส่ง"))
    stored = _everything(services)
    assert "ไฟถนนดับหน้าบ้านเลขที่สิบสอง" in stored  # the case itself is kept, as sent
    for secret in (PHONE, "สมศรี", "มีสุข"):
        assert secret not in stored, f"{secret!r} kept after consent was declined"


def test_a_cancelled_case_forgets_what_was_typed_in_it(line, services, seed_plan) -> None:
    _case_up_to_contact(line, "Ubob")
    line.send("Ubob", f"{NAME} {PHONE}")
    assert "ไม่มีการบันทึกใด ๆ" in texts(line.send("Ubob", "ยกเลิก"))
    stored = _everything(services)
    for secret in (PHONE, "สมศรี", "ไฟถนนดับหน้าบ้าน", "ซอยลับ", "99.96"):
        assert secret not in stored, f"{secret!r} kept after the form was cancelled"
    assert _blobs(services) == set()


def test_the_retention_sweep(line, runner, services, clock, seed_plan) -> None:
    """Handled events keep their envelope only after the retention period, pushes their
    counts, closed cases lose their contact; forms nobody came back to, and blobs nothing
    holds, go after a day."""
    people.link(runner, line, "Uclerk", "เสมียน", "staff", "3")
    for who in ("Ucarol", "Udave"):
        _case_up_to_contact(line, who)
        line.send(who, f"{NAME} {PHONE}")
        line.send(who, "ยินยอม")
        line.send(who, "ส่ง")
    line.send("Uclerk", "ปิด S-2565-0001")  # Carol's case is closed; Dave's stays open
    for said in ("ร้องเรียน", "ท่อแตกหน้าโรงเรียนวัด"):
        line.send("Ueve", said)  # and Eve never comes back
    line.send_image("Ueve", b"\xff\xd8 the broken pipe")
    with services.db.session() as session:
        session.add(
            EvidenceBlob(
                sha256="0" * 64,
                content_type="image/jpeg",
                size=1,
                data=b"x",
                created_at=clock.now(),
            )
        )  # left by an earlier version
    pending = ev.text("Ufrank", "ยังไม่ได้อ่าน", timestamp_ms=line.timestamp())
    with services.db.session() as session:
        receive(services.db.engine, [_row(pending, clock.now())], announce=False)
    handled = _inbox_texts(services)
    assert "ท่อแตกหน้าโรงเรียนวัด" in handled and PHONE in handled

    at = lambda days: (clock.now() + timedelta(days=days)).isoformat()  # noqa: E731
    result = runner.invoke(args=["privacy", "sweep", "--now", at(1.5)])
    assert result.exit_code == 0, result.output
    assert "แบบฟอร์มที่ค้างไว้: 1" in result.output and "ไม่มีรายการใดใช้: 1" in result.output
    assert "ท่อแตกหน้าโรงเรียนวัด" not in _inbox_texts(services)  # Eve's form left for good
    assert len(_blobs(services)) == 1  # Carol's and Dave's photo (the same bytes), not Eve's
    assert PHONE in _inbox_texts(services)  # within the retention period

    result = runner.invoke(args=["privacy", "sweep", "--now", at(31)])
    assert result.exit_code == 0, result.output
    with services.db.session() as session:
        events = session.exec(select(InboxEvent)).all()
        assert all(e.redacted_at is not None for e in events if e.status != "pending")
        assert [e.payload["message"]["text"] for e in events if e.status == "pending"] == [
            "ยังไม่ได้อ่าน"
        ]
        pushes = session.exec(select(OutboxMessage)).all()
        assert pushes and all(p.messages == [] and p.recipient_count for p in pushes)
        cases = {s.ref: s.contact_phone for s in session.exec(select(Suggestion))}
    assert cases == {"S-2565-0001": "", "S-2565-0002": PHONE}  # closed: the contact is gone
    stored = _inbox_texts(services)
    for secret in ("ไฟถนนดับ", NAME, "ซอยลับ", "ปิด S-2565-0001"):
        assert secret not in stored
    assert {e.payload.get("redacted") for e in events if e.status == "done"} == {True}


def test_the_scheduler_sweeps_once_a_day(line, services, clock, seed_plan) -> None:
    for said in ("ร้องเรียน", "ท่อแตกหน้าโรงเรียนวัด"):
        line.send("Ueve", said)
    clock.advance(days=40)
    clock.set(clock.now().replace(hour=2, minute=0))
    run_due(services)
    assert "ท่อแตกหน้าโรงเรียนวัด" in _inbox_texts(services)  # not before 03:00
    clock.advance(hours=1, minutes=30)
    run_due(services)
    assert "ท่อแตกหน้าโรงเรียนวัด" not in _inbox_texts(services)
    with services.db.session() as session:
        assert session.exec(select(Conversation)).all() == []
        assert get_setting(session, "privacy_swept_on") == clock.now().date().isoformat()


def _inbox_texts(services) -> str:
    with services.db.session() as session:
        return json.dumps([e.payload for e in session.exec(select(InboxEvent))], ensure_ascii=False)


def _row(event: dict, now) -> dict:
    from handlers.webhook import _inbox_row

    return _inbox_row(event, now)


# -- a copy, and deletion on request --------------------------------------------------------


def test_a_citizen_gets_a_copy_then_has_their_data_deleted(
    line, runner, client, services, fake_line, seed_plan
) -> None:
    alice = "Ualice0123456789abcdef0123456789"
    people.link(runner, line, "Uclerk", "เสมียน", "staff", "3")
    line.follow(alice)
    _case_up_to_contact(line, alice)
    line.send(alice, f"{NAME} {PHONE}")
    line.send(alice, "ยินยอม")
    line.send(alice, "ส่ง")
    for said in ("ร้องเรียน", "ขยะล้นถังหน้าตลาดสด", "ข้าม", "ข้าม", "ไม่ระบุตัวตน", "ส่ง"):
        line.send(alice, said)
    line.send(alice, "ประเมิน")
    line.send(alice, "4")
    line.send(alice, "เจ้าหน้าที่พูดจาดีมาก")
    line.send("Uclerk", "ตอบ S-2565-0001 ช่างจะไปซ่อมไฟพรุ่งนี้เช้า")
    public = client.get("/public/2565.json").get_json()["citizens"]

    copy = texts(line.send(alice, "ขอดูข้อมูลของฉันหน่อยครับ"))
    for kept in (
        "S-2565-0001",
        "S-2565-0002",
        "ไฟถนนดับหน้าบ้าน",
        "ซอยลับ",
        PHONE,
        "1 รูป",
        "ช่างจะไปซ่อมไฟ",
        "เจ้าหน้าที่พูดจาดีมาก",
        "4/5",
        "/privacy",
    ):
        assert kept in copy, kept
    assert "ต้องการให้ลบข้อมูล" in texts(line.send(alice, "ลบข้อมูลของฉัน"))
    assert "ไม่ได้ลบข้อมูลใด ๆ" in texts(line.send(alice, "ยกเลิก"))
    assert PHONE in _everything(services)  # nothing goes without a yes
    line.send(alice, "ขอลบข้อมูลส่วนตัวของฉันทั้งหมดค่ะ")
    done = texts(line.tap(alice, "a=privacy.erase"))
    assert "ลบข้อมูลส่วนบุคคลของท่านแล้ว" in done and "เรื่องที่ส่ง 2 เรื่อง" in done

    stored = _everything(services)
    for secret in (
        alice,
        NAME,
        PHONE,
        "ไฟถนนดับหน้าบ้าน",
        "ขยะล้นถัง",
        "ซอยลับ",
        "99.96",
        "ช่างจะไปซ่อมไฟ",
        "เจ้าหน้าที่พูดจาดีมาก",
    ):
        assert secret not in stored, f"{secret!r} kept after deletion"
    assert _blobs(services) == set()
    assert client.get("/public/2565.json").get_json()["citizens"] == public  # counts stay
    with services.db.session() as session:
        cases = session.exec(select(Suggestion).order_by(Suggestion.seq)).all()
        assert [(c.ref, c.category, c.status) for c in cases] == [
            ("S-2565-0001", "ร้องเรียน", "answered"),
            ("S-2565-0002", "ร้องเรียน", "open"),
        ]
        assert all(c.erased_at is not None for c in cases)

    assert "ไม่พบเรื่องเลขที่" in texts(line.send(alice, "ติดตาม S-2565-0001"))
    assert "ขอให้ลบข้อมูลส่วนบุคคล" in texts(line.send("Uclerk", "ติดตาม S-2565-0001"))
    assert "ส่งคำตอบถึงผู้ส่งไม่ได้" in texts(line.send("Uclerk", "ตอบ S-2565-0002 รับทราบ"))
    seq = fake_line.last_seq
    assert "ปิดเรื่อง S-2565-0002 แล้ว" in texts(line.send("Uclerk", "ปิด S-2565-0002"))
    assert [d.to for d in fake_line.delivered_since(seq)] == ["Uclerk"]
    assert "เรื่องร้องเรียนหรือข้อเสนอแนะ: ไม่มี" in texts(line.send(alice, "ข้อมูลของฉัน"))


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("รบกวนช่วยลบข้อมูลของผมออกจากระบบด้วยครับ เพราะย้ายบ้านแล้ว", "ต้องการให้ลบข้อมูล"),
        ("อยากทราบว่าทางเทศบาลเก็บข้อมูลอะไรของดิฉันไว้บ้างคะ", "/privacy"),
    ],
)
def test_a_privacy_request_in_a_sentence_goes_where_the_command_goes(
    line, said, expected, seed_plan
) -> None:
    """Understood as being about one's personal data, a longer sentence gets the copy or the
    deletion's question, as `ข้อมูลของฉัน` / `ลบข้อมูลของฉัน` do, not a case for the staff."""
    answer = texts(line.send("Ucitizen-long", said))
    assert expected in answer, answer
    assert "เจ้าหน้าที่ผู้รับผิดชอบเมื่อกดส่งเรื่อง" not in answer
