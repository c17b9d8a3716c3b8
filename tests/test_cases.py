"""A citizen's case handled as Traffy Fondue handles one (issue 19), through the webhook:
routed by its category to the unit whose staff alone are told, taken, handed on,
forwarded, closed with an "after" photo or as not within the agency's power; every stage
change kept with who, when and a note, and told to the citizen, who rates the handling and
may reopen within 14 days; the head sees what is overdue."""

from __future__ import annotations

import itertools

from sqlmodel import select

from fakeline import events as ev
from models.cases import CaseEvent
from models.citizen import Suggestion
from models.progress import Evidence
from tests.support import people
from tests.support.line_chat import buttons, quick_replies, texts

_users = itertools.count()


def _staff(runner, line, user: str, name: str, unit: str, role: str = "staff") -> None:
    line.send(user, people.add(runner, name, role, None, unit))


def _complain(line, user: str, typed: str, *, photo: bool = False, pin: bool = False) -> str:
    """A complaint in one's own words, as a citizen sends it; its reference."""
    line.send(user, typed)
    if photo:
        line.send_image(user, b"\xff\xd8 pothole " + user.encode())
    line.send(user, "ข้าม")
    if pin:
        where = ev.location(
            user, timestamp_ms=line.timestamp(), latitude=13.4123, longitude=99.9561, address=""
        )
        line.send_event(user, where)
    else:
        line.send(user, "ข้าม")
    line.send(user, "ไม่ระบุตัวตน")
    said = texts(line.send(user, "ส่ง"))
    assert "ได้รับเรื่องร้องเรียนของท่านแล้ว" in said and "เลขที่เรื่อง" in said, said
    return said.split("เลขที่เรื่อง ")[1].split()[0]


def _pushed(line, user: str) -> str:
    return texts([d.message for d in line.pushes_to(user)])


def test_a_road_complaint_goes_to_the_road_unit_alone_and_moves_through_its_stages(
    line, runner, client, services, seed_plan, clock
) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    _staff(runner, line, "Uengineer2", "ช่างสมหมาย", "กองช่าง")
    _staff(runner, line, "Uclerk", "เสมียนสำนักปลัด", "สำนักปลัดเทศบาล")
    people.link(runner, line, "Uhead", "ปลัดเทศบาล", "head")
    citizen = f"Ucase{next(_users)}"
    ref = _complain(line, citizen, "ถนนหน้าตลาดเป็นหลุมใหญ่ รถล้มแล้ว", photo=True, pin=True)

    notice = _pushed(line, "Uengineer")
    assert ref in notice and "ถนน/ไฟฟ้า" in notice and "ดูรูปและแผนที่" in notice
    assert "1 รูป" in notice and "ปักหมุดไว้" in notice and "เปิดแผนที่" in notice
    assert line.pushes_to("Uclerk") == [] and line.pushes_to("Uhead") == []  # quiet by default

    assert "รับเรื่อง" in texts(line.send("Uengineer", f"รับเรื่อง {ref}"))
    assert "กำลังดำเนินการ" in _pushed(line, citizen)
    assert "มอบเรื่อง" in texts(line.send("Uengineer", f"มอบ {ref} ช่างสมหมาย"))
    assert ref in _pushed(line, "Uengineer2")
    line.send("Uengineer2", f"ตอบ {ref} ช่างจะเข้าซ่อมหลุมพรุ่งนี้เช้า")
    assert "ช่างจะเข้าซ่อมหลุมพรุ่งนี้เช้า" in _pushed(line, citizen)

    notice_message = next(d.message for d in line.pushes_to("Uengineer2"))
    [ask_photo] = line.press("Uengineer2", notice_message, "ปิดเรื่อง")
    assert "รูปหลังดำเนินการ" in texts([ask_photo])
    [closed] = line.send_image("Uengineer2", b"\xff\xd8 after: road fixed")
    assert "สถานะ: เสร็จสิ้น" in texts([closed])
    told = [d.message for d in line.pushes_to(citizen)][-1]
    assert "ดำเนินการเสร็จสิ้นแล้ว" in texts([told])
    assert "คำตอบล่าสุดของเจ้าหน้าที่: ช่างจะเข้าซ่อมหลุมพรุ่งนี้เช้า" in texts([told])
    after_url = texts([told]).split("รูปหลังดำเนินการ: ")[1].split()[0]
    after = client.get(_local(after_url)).get_data(as_text=True)
    assert after.count('data-testid="case-photo"') == 1  # the after photo only
    assert "ถนนหน้าตลาด" not in after  # the sender's link shows no case details

    assert "บันทึกคะแนน 4/5" in texts(line.press(citizen, told, "4 ⭐⭐⭐⭐"))
    assert "ให้คะแนนไว้แล้ว" in texts(line.press(citizen, told, "5 ⭐⭐⭐⭐⭐"))

    with services.db.session() as session:
        case = session.exec(select(Suggestion).where(Suggestion.ref == ref)).one()
        history = session.exec(
            select(CaseEvent).where(CaseEvent.suggestion_id == case.id).order_by(CaseEvent.id)
        ).all()
        after = session.exec(select(Evidence).where(Evidence.case_event_id.is_not(None))).all()  # type: ignore[union-attr]
    assert (case.topic, case.stage, case.rating) == ("ถนน/ไฟฟ้า", "done", 4)
    assert [(e.what, e.stage) for e in history] == [
        ("new", "received"),
        ("take", "in_progress"),
        ("hand_on", "in_progress"),
        ("answer", "in_progress"),
        ("close", "done"),
        ("rate", "done"),
    ]
    assert history[2].note == "ช่างสมหมาย" and history[0].actor == "citizen"
    assert history[1].actor.startswith("staff:") and len(after) == 1
    assert line.pushes_to("Uclerk") == [] and line.pushes_to("Uhead") == []


def test_a_complaint_about_a_staff_members_conduct_goes_to_the_head_only(
    line, runner, seed_plan
) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    _staff(runner, line, "Uclerk", "เสมียนสำนักปลัด", "สำนักปลัดเทศบาล")
    people.link(runner, line, "Uhead", "ปลัดเทศบาล", "head")
    ref = _complain(line, "Uwhistle", "เจ้าหน้าที่กองช่างเรียกเงินใต้โต๊ะตอนขออนุญาตก่อสร้าง")
    assert ref in _pushed(line, "Uhead")
    assert line.pushes_to("Uengineer") == [] and line.pushes_to("Uclerk") == []
    shown = texts(line.send("Uengineer", f"ติดตาม {ref}"))
    assert "ใต้โต๊ะ" not in shown and "หัวหน้า" in shown
    assert "ใต้โต๊ะ" in texts(line.send("Uhead", f"ติดตาม {ref}"))


def test_forwarded_to_another_unit_whose_staff_alone_are_told(line, runner, seed_plan) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    _staff(runner, line, "Uhealth", "สมใจ สาธารณสุข", "กองสาธารณสุขและสิ่งแวดล้อม")
    ref = _complain(line, "Uforward", "ถนนซอยสามมีกองขยะกีดขวางทาง")
    assert ref in _pushed(line, "Uengineer") and line.pushes_to("Uhealth") == []
    assert "ส่งต่อ" in texts(line.send("Uengineer", f"ส่งต่อ {ref} ขยะ เป็นขยะไม่ใช่ถนนชำรุด"))
    assert ref in _pushed(line, "Uhealth") and "ดูรายละเอียด" in _pushed(line, "Uhealth")
    assert "ส่งต่อให้กองสาธารณสุขและสิ่งแวดล้อมดำเนินการแล้ว" in _pushed(line, "Uforward")
    assert "ไม่มีหมวด" in texts(line.send("Uhealth", f"ส่งต่อ {ref} ดนตรี"))
    assert "กองสาธารณสุข" in texts(line.send("Uengineer", f"รับเรื่อง {ref}"))  # not theirs now


def test_not_within_the_agencys_power_with_a_reason(line, runner, seed_plan) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    ref = _complain(line, "Uscope", "ไฟถนนบนทางหลวงสาย 35 ดับ")
    assert "พิมพ์เหตุผล" in texts(line.send("Uengineer", f"ไม่อยู่ในอำนาจ {ref}"))
    line.send("Uengineer", f"ไม่อยู่ในอำนาจ {ref} เป็นทางหลวงของกรมทางหลวง แจ้ง 1586")
    told = _pushed(line, "Uscope")
    assert "ไม่อยู่ในอำนาจหน้าที่ของเทศบาล" in told and "กรมทางหลวง" in told
    assert "ดำเนินการเสร็จสิ้น" not in told


def test_reopened_within_14_days_with_a_reason_and_not_after(
    line, runner, services, seed_plan, clock
) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    ref = _complain(line, "Ureopen", "ไฟทางหน้าโรงเรียนดับทั้งแถว")
    line.send("Uengineer", f"รับเรื่อง {ref}")
    line.send("Uengineer", f"ปิด {ref} เปลี่ยนหลอดแล้ว")
    told = [d.message for d in line.pushes_to("Ureopen")][-1]
    clock.advance(days=3)
    [ask] = line.press("Ureopen", told, "ขอเปิดเรื่องอีกครั้ง")
    assert "พิมพ์เหตุผล" in texts([ask])
    assert "เปิดเรื่อง" in texts(line.send("Ureopen", "ยังดับอยู่สองดวงครับ"))
    assert "ยังดับอยู่สองดวงครับ" in _pushed(line, "Uengineer")  # to whoever took it
    assert "สถานะ: กำลังดำเนินการ" in texts(line.send("Ureopen", f"ติดตาม {ref}"))

    line.send("Uengineer", f"ปิด {ref} เปลี่ยนครบแล้ว")
    told = [d.message for d in line.pushes_to("Ureopen")][-1]
    clock.advance(days=15)
    assert "เกิน 14 วัน" in texts(line.press("Ureopen", told, "ขอเปิดเรื่องอีกครั้ง"))
    with services.db.session() as session:
        case = session.exec(select(Suggestion).where(Suggestion.ref == ref)).one()
    assert case.stage == "done"


def test_cancel_while_closing_or_reopening_leaves_the_case_as_it_was(
    line, runner, services, seed_plan, clock
) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    ref = _complain(line, "Ucancel", "ไฟทางซอยวัดดับสามดวง")
    notice = next(d.message for d in line.pushes_to("Uengineer"))
    assert "รูปหลังดำเนินการ" in texts(line.press("Uengineer", notice, "ปิดเรื่อง"))
    assert "ไม่มีการบันทึก" in texts(line.send("Uengineer", "ยกเลิก"))
    with services.db.session() as session:
        case = session.exec(select(Suggestion).where(Suggestion.ref == ref)).one()
    assert case.stage == "received"

    line.send("Uengineer", f"ปิด {ref} เปลี่ยนหลอดแล้ว")
    told = [d.message for d in line.pushes_to("Ucancel")][-1]
    assert "พิมพ์เหตุผล" in texts(line.press("Ucancel", told, "ขอเปิดเรื่องอีกครั้ง"))
    assert "ไม่มีการบันทึก" in texts(line.send("Ucancel", "ยกเลิก"))
    assert "ไม่มีการบันทึก" not in texts(line.send("Ucancel", "ยังดับอยู่ครับ"))
    with services.db.session() as session:
        case = session.exec(select(Suggestion).where(Suggestion.ref == ref)).one()
    assert case.stage == "done"


def test_follow_alone_lists_ones_cases_with_their_stage(line, runner, seed_plan) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    assert "ยังไม่มีเรื่องที่แจ้งไว้" in texts(line.send("Ulister", "ติดตาม"))
    first = _complain(line, "Ulister", "ถนนซอย 4 เป็นหลุม")
    second = _complain(line, "Ulister", "ไฟทางซอย 9 ดับ")
    line.send("Uengineer", f"รับเรื่อง {first}")
    listed = texts(line.send("Ulister", "ติดตาม"))
    assert "เรื่องที่ท่านแจ้งไว้ 2 เรื่อง" in listed
    assert f"{first} ถนน/ไฟฟ้า: กำลังดำเนินการ" in listed
    assert f"{second} ถนน/ไฟฟ้า: รับเรื่อง" in listed
    staff_list = texts(line.send("Uengineer", "ติดตาม"))
    assert "เรื่องที่รอดำเนินการ 2 เรื่อง" in staff_list
    [one] = line.send("Uengineer", f"ติดตาม {second}")  # its handler: the next steps at hand
    assert [a["label"] for a in quick_replies(one)] == ["รับเรื่อง", "ตอบ", "ปิดเรื่อง", "ดูรูปและแผนที่"]
    [mine] = line.send("Ulister", f"ติดตาม {second}")  # its sender: no staff buttons
    assert "รับเรื่อง" not in [a["label"] for a in quick_replies(mine)]


def test_the_head_sees_what_is_overdue(line, runner, seed_plan, clock) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    people.link(runner, line, "Uhead", "ปลัดเทศบาล", "head")
    late = _complain(line, "Ulate", "ถนนทรุดตัวหน้าวัด")
    clock.advance(days=2)
    fresh = _complain(line, "Ulate", "ขยะไม่ได้เก็บมาสองวัน")
    assert "ไม่มีเรื่องที่เกินกำหนด" in texts(line.send("Uhead", "เรื่องเกินกำหนด"))  # 48 of 72 hours
    clock.advance(days=1, hours=6)  # the road case: 78 hours of 72
    said = texts(line.send("Uhead", "เรื่องเกินกำหนด"))
    assert f"{late} ถนน/ไฟฟ้า: รับเรื่อง เกินกำหนด 6 ชั่วโมง" in said
    assert fresh not in said
    assert "สำหรับหัวหน้าเท่านั้น" in texts(line.send("Uengineer", "เรื่องเกินกำหนด"))


def test_an_answer_typed_while_the_case_was_closed_is_kept(line, runner, seed_plan) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    _staff(runner, line, "Uengineer2", "ช่างสมหมาย", "กองช่าง")
    ref = _complain(line, "Ukept", "ท่อระบายน้ำหน้าบ้านเลขที่ 9 อุดตัน")
    [notice] = [d.message for d in line.pushes_to("Uengineer")]
    line.press("Uengineer", notice, "ตอบ")
    line.send("Uengineer2", f"ปิด {ref} ลอกท่อแล้ว")  # meanwhile
    [kept] = line.send("Uengineer", "พรุ่งนี้จะส่งรถดูดโคลนไปอีกรอบครับ")
    assert "ถูกปิดไปแล้วระหว่างที่ท่านพิมพ์" in texts([kept])
    assert "พรุ่งนี้จะส่งรถดูดโคลนไปอีกรอบครับ" in texts([kept])
    assert "ส่งข้อความเพิ่มเติม" in texts(line.press("Uengineer", kept, "ส่งถึงผู้แจ้ง"))
    assert "แจ้งเพิ่มเติมว่า\nพรุ่งนี้จะส่งรถดูดโคลนไปอีกรอบครับ" in _pushed(line, "Ukept")


def _uri(message: dict, label: str) -> str:
    return next(a["uri"] for a in buttons(message) if a["label"] == label)


def _local(url: str) -> str:
    """A link of this deployment as the test client asks for it (its path and query)."""
    return "/" + url.split("//", 1)[1].split("/", 1)[1]


def test_handlers_see_the_photo_and_a_map_link_on_a_signed_page(
    line, runner, client, seed_plan, clock
) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    ref = _complain(line, "Upin", "เสาไฟล้มขวางถนนซอย 2", photo=True, pin=True)
    [notice] = [d.message for d in line.pushes_to("Uengineer")]
    page_url = _uri(notice, "ดูรูปและแผนที่")
    assert "query=13.412300,99.956100" in _uri(notice, "เปิดแผนที่")
    path = _local(page_url)
    page = client.get(path)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    html = page.get_data(as_text=True)
    assert "เสาไฟล้มขวางถนนซอย 2" in html and "query=13.412300,99.956100" in html
    photo = html.split('<img src="')[1].split('"')[0].replace("&amp;", "&")
    got = client.get(_local(photo))
    assert got.status_code == 200 and got.data == b"\xff\xd8 pothole Upin"
    assert client.get(path.replace("sig=", "sig=x")).status_code == 403
    assert client.get(f"/cases/{ref}").status_code == 403  # unsigned
    other_photo = photo.replace(f"/cases/{ref}/", "/cases/S-2565-0099/")
    assert client.get(_local(other_photo)).status_code == 403
    clock.advance(days=8)  # a link lives 7 days
    assert client.get(path).status_code == 410 and client.get(_local(photo)).status_code == 410


def test_the_public_case_list_counts_times_and_published_words_without_personal_data(
    line, runner, client, services, seed_plan, clock
) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    people.link(runner, line, "Uhead", "ปลัดเทศบาล", "head")
    citizen = "Upublic-citizen-LINE-id"
    line.send(citizen, "ร้องเรียน")
    line.send(citizen, "ถนนหน้าบ้านเลขที่ 5 เป็นหลุม โทรหาผมที่ 089-111-2222")
    line.send(citizen, "ข้าม")
    line.send(citizen, "ข้าม")
    line.send(citizen, "สมปอง ใจกล้า 081-999-8888")
    line.send(citizen, "ยินยอม")
    first = texts(line.send(citizen, "ส่ง")).split("เลขที่เรื่อง ")[1].split()[0]
    second = _complain(line, "Uother", "ขยะล้นถังหน้าตลาด")
    clock.advance(hours=10)
    line.send("Uengineer", f"ปิด {first} ซ่อมหลุมแล้ว")
    clock.advance(hours=20)
    line.send("Uhead", f"ปิด {second} เก็บแล้ว")  # 30 hours
    assert "หน้าสาธารณะแล้ว" in texts(line.send("Uhead", f"เผยแพร่ {first}"))

    html = client.get("/public/2565").get_data(as_text=True)
    section = html.split('data-testid="cases"')[1].split("</section>")[0]
    assert "ถนน/ไฟฟ้า" in section and "ขยะ" in section and "เสร็จสิ้น" in section
    assert "20 ชั่วโมง" in section and "28 ชั่วโมง" in section  # of 10 and 30 hours
    assert "ถนนหน้าบ้านเลขที่ 5 เป็นหลุม" in section and "ซ่อมหลุมแล้ว" in section
    assert "ขยะล้นถังหน้าตลาด" not in section  # not published: counted, not shown
    for personal in ("089-111-2222", "081-999-8888", "สมปอง", citizen, "Uother", "ช่างสมศักดิ์"):
        assert personal not in html, personal
    data = client.get("/public/2565.json").get_json()["cases"]
    [january] = [m for m in data["months"] if m["month"] == "2022-01"]
    assert january["by_category"] == {"ถนน/ไฟฟ้า": {"done": 1}, "ขยะ": {"done": 1}}
    assert january["hours_to_close"] == {"median": 20.0, "p90": 28.0}
    assert [c["ref"] for c in data["published"]] == [first]
    for personal in ("089-111-2222", "081-999-8888", "สมปอง", citizen):
        assert personal not in str(data), personal


def test_the_agency_sets_its_own_categories(line, runner, seed_plan) -> None:
    listed = runner.invoke(args=["cases", "topics"]).output
    assert "ถนน/ไฟฟ้า: ส่งถึง กองช่าง · กำหนดเวลา 72 ชั่วโมง" in listed
    assert "ทุจริต/ร้องเรียนเจ้าหน้าที่: ส่งถึง หัวหน้าเท่านั้น" in listed
    result = runner.invoke(
        args=["cases", "topic", "สุนัขจรจัด", "--unit", "กองสาธารณสุข", "--hours", "24"]
    )
    assert result.exit_code == 0 and "สุนัขจรจัด: ส่งถึง กองสาธารณสุข" in result.output
    listed = runner.invoke(args=["cases", "topics"]).output
    assert "ถนน/ไฟฟ้า" in listed and "สุนัขจรจัด" in listed  # the defaults stay beside it
    _staff(runner, line, "Uvet", "สมหญิง สาธารณสุข", "กองสาธารณสุข")
    ref = _complain(line, "Udog", "มีสุนัขจรจัดไล่กัดเด็กที่ซอย 8")
    assert ref in _pushed(line, "Uvet")
    assert "ลบหมวด" in runner.invoke(args=["cases", "topic", "สุนัขจรจัด", "--remove"]).output
    assert "สุนัขจรจัด" not in runner.invoke(args=["cases", "topics"]).output


def test_staff_forward_by_part_of_a_category_and_close_with_words(line, runner, seed_plan) -> None:
    _staff(runner, line, "Uhealth", "สมใจ สาธารณสุข", "กองสาธารณสุขและสิ่งแวดล้อม")
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    ref = _complain(line, "Uparts", "ขอร้องเรียนกองขยะริมทางทำให้ถนนแคบ")
    assert ref in _pushed(line, "Uhealth")
    assert "ส่งต่อ" in texts(line.send("Uhealth", f"ส่งต่อ {ref} ถนน ขยะเก็บแล้ว ถนนต้องขยาย"))
    [notice] = [d.message for d in line.pushes_to("Uengineer")]
    [ask] = line.press("Uengineer", notice, "ปิดเรื่อง")
    assert "พิมพ์ผลการดำเนินการ" in texts([ask])
    assert "สถานะ: เสร็จสิ้น" in texts(line.send("Uengineer", "ขยายไหล่ทางแล้ว"))
    assert "ผลการดำเนินการ: ขยายไหล่ทางแล้ว" in _pushed(line, "Uparts")


def test_a_copy_of_ones_data_has_ones_cases_stage_rating_and_reasons(
    line, runner, seed_plan
) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    ref = _complain(line, "Ucopy", "ไฟทางหน้าบ้านเลขที่ 12 ดับ")
    line.send("Uengineer", f"ปิด {ref} เปลี่ยนหลอดแล้ว")
    told = [d.message for d in line.pushes_to("Ucopy")][-1]
    line.press("Ucopy", told, "2 ⭐⭐")
    line.press("Ucopy", told, "ขอเปิดเรื่องอีกครั้ง")
    line.send("Ucopy", "ดับอีกแล้วตั้งแต่เมื่อคืน")
    copy = texts(line.send("Ucopy", "ข้อมูลของฉัน"))
    assert f"เรื่อง {ref}" in copy and "สถานะ: กำลังดำเนินการ" in copy
    assert "เหตุผลที่ขอเปิดเรื่องอีกครั้ง: ดับอีกแล้วตั้งแต่เมื่อคืน" in copy


def test_where_is_my_case_in_a_sentence_lists_ones_cases(line, runner, seed_plan) -> None:
    ref = _complain(line, "Usentence", "ถนนหน้าวัดเป็นหลุมใหญ่")
    said = texts(line.send("Usentence", "เรื่องที่แจ้งไปเมื่อวานถึงไหนแล้วคะ"))
    assert f"{ref} ถนน/ไฟฟ้า: รับเรื่อง" in said


def test_arabic_digits_are_the_default_even_for_a_plans_thai_digits(line, seed_plan) -> None:
    """The seed plan is written in Thai digits (ตลอดปีงบประมาณ ๒๕๖๕); in chat, with Arabic
    digits chosen (the default), a card does not mix them with its percentages."""
    import re

    for asked in ("มาตรการ 1", "มาตรการ"):
        shown = texts(line.send("Udefault", asked))
        assert re.search(r"[0-9]", shown) and not re.search(r"[๐-๙]", shown), shown


def test_an_answer_typed_in_one_line_to_a_closed_case_is_kept_too(line, runner, seed_plan) -> None:
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    ref = _complain(line, "Ukept2", "ไฟถนนหน้าอนามัยดับ")
    line.send("Uengineer", f"ปิด {ref} เปลี่ยนหลอดแล้ว")
    [kept] = line.send("Uengineer", f"ตอบ {ref} ขอบคุณที่แจ้งครับ เปลี่ยนเป็นหลอด LED แล้ว")
    assert "ข้อความของท่านยังอยู่" in texts([kept]) and "หลอด LED" in texts([kept])
    line.press("Uengineer", kept, "เปิดเรื่องแล้วส่ง")
    assert "หลอด LED" in _pushed(line, "Ukept2")
    assert "สถานะ: กำลังดำเนินการ" in texts(line.send("Ukept2", f"ติดตาม {ref}"))
