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


def test_a_complainants_contact_is_seen_only_by_the_responsible_unit_and_the_heads(
    line, runner, services, fake_line, seed_plan
) -> None:
    """The consent question promises that only the responsible officials see the name and
    phone: the staff of the unit cases go to (the plan's participation measure's) and the
    heads. A staff member of another unit sees the case's status, and cannot answer or
    close it (issue 15, finding 5)."""
    people.link(runner, line, "Uclerk", "เสมียนสำนักปลัด", "staff", "3")
    people.link(runner, line, "Uhead", "ปลัดเทศบาล", "head")
    line.send("Ufinance", people.add(runner, "พนักงานกองคลัง", "staff", "2", "กองคลัง"))
    for said in ("ร้องเรียน", "เพื่อนบ้านเผาขยะทุกคืนที่ซอยสาม", "ข้าม", "ข้าม"):
        line.send(ALICE, said)
    line.send(ALICE, f"อลิซลับ {ALICE_PHONE}")
    line.send(ALICE, "ยินยอม")
    line.send(ALICE, "ส่ง")
    with services.db.session() as session:
        ref = session.exec(select(Suggestion)).one().ref
    notice = texts([d.message for d in line.pushes_to("Uclerk")])
    assert ALICE_PHONE in notice and line.pushes_to("Ufinance") == []

    for handler in ("Uclerk", "Uhead"):
        shown = texts(line.send(handler, f"ติดตาม {ref}"))
        assert ALICE_PHONE in shown and "อลิซลับ" in shown and "เผาขยะ" in shown, handler

    seq = fake_line.last_seq
    seen = [texts(line.send("Ufinance", f"ติดตาม {ref}"))]
    assert ref in seen[0] and "สถานะ: รับเรื่อง" in seen[0]  # its status, nothing more
    for said in (f"ตอบ {ref} ได้รับเรื่องแล้ว", f"ปิด {ref}"):
        seen.append(texts(line.send("Ufinance", said)))
    for data in (f"a=suggest.answer&r={ref}", f"a=suggest.close&r={ref}"):
        seen.append(texts(line.tap("Ufinance", data)))
    everything = "\n".join(seen)
    for secret in ("อลิซลับ", ALICE_PHONE, "เผาขยะ", ALICE):
        assert secret not in everything, f"{secret!r} reached another unit's staff member"
    assert everything.count("ตอบหรือปิดได้เฉพาะเจ้าหน้าที่สำนักปลัดเทศบาลและหัวหน้า") == 4
    assert [d for d in fake_line.delivered_since(seq) if d.to != "Ufinance"] == []
    with services.db.session() as session:
        case = session.exec(select(Suggestion)).one()
        assert (case.status, case.answer) == ("open", "")

    assert "ส่งคำตอบ" in texts(line.send("Uclerk", f"ตอบ {ref} เทศกิจจะไปตรวจคืนนี้"))
    assert "ปิดเรื่อง" in texts(line.send("Uhead", f"ปิด {ref}"))


def test_the_demos_cases_go_to_the_unit_real_ones_go_to(demo_app) -> None:
    """The demo's cases are routed as a case sent in LINE is (by category), and each has
    a staff member of the demo who handles it."""
    from models.plan import list_plans
    from models.staff import Role, list_staff
    from usecases.cases import may_handle, route

    running = demo_app.extensions["tidtam"]
    with running.db.session() as session:
        plan = list_plans(session)[0]
        cases = session.exec(select(Suggestion)).all()
        assert cases
        for case in cases:
            routed = route(session, plan, case.text)
            assert (case.unit_id, case.measure_id, case.topic) == (
                routed.unit_id,
                routed.measure_id,
                routed.topic,
            )
            staff = [p for p in list_staff(session) if p.role == Role.STAFF]
            assert any(may_handle(person, case) for person in staff), case.ref
        assert {c.topic for c in cases} >= {"ถนน/ไฟฟ้า"}
