"""Nothing a citizen can reach shows a staff member's LINE id or another citizen's data."""

from __future__ import annotations

from sqlmodel import select

from models.citizen import Suggestion
from models.staff import Staff
from tests.support import people
from tests.support.line_chat import texts

STAFF_LINE_ID = "Ustaffsecret0001"
ALICE = "Ualicesecret0002"
ALICE_PHONE = "089-555-0101"


def test_a_citizen_sees_only_public_information(
    line, runner, client, services, clock, seed_plan
) -> None:
    people.link(runner, line, STAFF_LINE_ID, "มาลีลับเฉพาะ", "staff", "1")
    line.send(STAFF_LINE_ID, "รายงาน 1.2 50% จัดทำคู่มือแล้ว")
    # Alice sends a complaint with her name and number
    for said in (
        "ร้องเรียน",
        "เพื่อนบ้านเผาขยะทุกคืนที่ซอยสาม",
        "ข้าม",
        "ข้าม",
        f"อลิซลับ {ALICE_PHONE}",
        "ยินยอม",
        "ส่ง",
    ):
        line.send(ALICE, said)
    with services.db.session() as session:
        ref = session.exec(select(Suggestion)).one().ref
        staff_name = session.exec(select(Staff)).one().name

    bob = "Ubobcitizen0003"
    seen = []
    for said in (
        "มาตรการ",
        "มาตรการ 1",
        "มาตรการ 2",
        "มาตรการ 3",
        "คะแนน ITA",
        "ช่วยเหลือ",
        "ฉันคือใคร",
        "เรื่องทรัพย์สินราชการทำอะไรไปบ้าง",
        "คะแนนการเปิดเผยข้อมูล",
        f"ติดตาม {ref}",
        "ใครเผาขยะ",
        "สถานะ",
        "สรุป",
        "ประชุม",
        f"ตอบ {ref} แอบตอบ",
        f"ปิด {ref}",
    ):
        seen.append(texts(line.send(bob, said)))
    for number in (1, 2, 3):
        seen.append(texts(line.tap(bob, f"a=citizen.measure&m={number}")))
    seen.append(texts(line.tap(bob, f"a=suggest.answer&r={ref}")))
    seen.append(texts(line.follow(bob)))
    seen.append(client.get("/public").get_data(as_text=True))
    seen.append(client.get("/public/2565").get_data(as_text=True))
    seen.append(client.get("/public/2565.json").get_data(as_text=True))
    everything = "\n".join(seen)
    for secret in (STAFF_LINE_ID, staff_name, ALICE, "อลิซลับ", ALICE_PHONE, "เพื่อนบ้านเผาขยะ"):
        assert secret not in everything, f"{secret!r} reached a citizen"
    assert "ไม่พบเรื่องเลขที่" in everything  # Bob is told no such case, not that it is someone else's
    assert "จัดทำคู่มือแล้ว" in everything  # the public progress itself is there

    with services.db.session() as session:
        assert (
            session.exec(select(Suggestion)).one().status == "open"
        )  # Bob could neither answer nor close it
