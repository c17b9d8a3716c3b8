"""Personal data as the PDPA expects (issue 15, finding 6): nothing kept that people are told
is not kept. A cancelled or timed-out form leaves none of the photos it downloaded."""

from __future__ import annotations

from sqlmodel import select

from models.progress import Evidence, EvidenceBlob
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
