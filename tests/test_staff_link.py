"""Linking a LINE account with the one-time code; five wrong codes lock linking for an hour."""

from __future__ import annotations

from sqlmodel import select

from models.staff import Staff
from tests.support import people
from tests.support.line_chat import texts


def _staff(services, name: str) -> Staff:
    with services.db.session() as session:
        return session.exec(select(Staff).where(Staff.name == name)).one()


def test_sending_the_code_links_and_names_the_person(runner, line, services, seed_plan) -> None:
    code = people.add(runner, "มาลี ใจซื่อ", "staff", "1,3")
    answer = texts(line.send("Umalee", code))
    assert "เชื่อมบัญชีเรียบร้อยแล้ว" in answer
    assert "มาลี ใจซื่อ (เจ้าหน้าที่)" in answer
    assert "1. การสร้างความรับรู้" in answer and "3. การเปิดโอกาสให้ประชาชน" in answer
    assert "2. การปรับปรุงกระบวนการ" not in answer
    assert _staff(services, "มาลี ใจซื่อ").line_user_id == "Umalee"


def test_the_register_word_lower_case_and_spaces_work(runner, line, services) -> None:
    code = people.add(runner, "วิชัย", "head")
    spaced = f"{code[:3].lower()} {code[3:].lower()}"
    assert "เชื่อมบัญชีเรียบร้อยแล้ว" in texts(line.send("Uwichai", f"ลงทะเบียน {spaced}"))
    assert _staff(services, "วิชัย").line_user_id == "Uwichai"
    assert "ลงทะเบียน ตามด้วยรหัส" in texts(line.send("Uother", "ลงทะเบียน"))


def test_a_code_works_once_and_a_linked_user_is_told_so(runner, line, services) -> None:
    code = people.add(runner, "สุดา")
    line.send("Usuda", code)
    assert "ไลน์นี้เชื่อมกับบัญชีของ สุดา อยู่แล้ว" in texts(line.send("Usuda", code))
    assert "รหัสนี้ใช้ไม่ได้" in texts(line.send("Usomeone", code))
    assert _staff(services, "สุดา").line_user_id == "Usuda"


def test_an_expired_code_is_refused(runner, line, clock) -> None:
    code = people.add(runner, "สมชาย")
    clock.advance(days=8)
    assert "หมดอายุ" in texts(line.send("Usomchai", code))


def test_five_wrong_codes_lock_linking_for_an_hour(runner, line, services, clock) -> None:
    code = people.add(runner, "ประภา")
    answers = [
        texts(line.send("Uguess", wrong)) for wrong in ["2222AA", "3333BB", "4444CC", "5555DD"]
    ]
    assert "ลองได้อีก 1 ครั้ง" in answers[-1]
    assert "ระงับการเชื่อมบัญชี" in texts(line.send("Uguess", "6666EE"))
    clock.advance(minutes=30)
    assert "ระงับการเชื่อมบัญชี" in texts(line.send("Uguess", code))  # even the right code waits
    assert _staff(services, "ประภา").line_user_id is None
    clock.advance(minutes=31)
    assert "เชื่อมบัญชีเรียบร้อยแล้ว" in texts(line.send("Uguess", code))
    assert "ลองได้อีก" in texts(line.send("Uother", "7777FF"))  # another LINE user is not locked


def test_an_ordinary_word_is_not_taken_for_a_code(line) -> None:
    assert "รหัสนี้ใช้ไม่ได้" not in texts(line.send("Ucitizen", "THANKS"))


def test_who_am_i(runner, line) -> None:
    people.link(runner, line, "Uhead", "หัวหน้าสำนักปลัด", "head")
    answer = texts(line.send("Uhead", "ฉันคือใคร"))
    assert "หัวหน้าสำนักปลัด" in answer and "บทบาท: หัวหน้า" in answer
    assert "ยังไม่ได้เชื่อมกับบัญชีเจ้าหน้าที่" in texts(line.send("Ucitizen", "ฉันคือใคร"))


def test_help_is_for_the_role(runner, line) -> None:
    citizen = texts(line.send("Ucitizen", "ช่วยเหลือ"))
    assert "เสนอแนะ" in citizen and "รายงาน 1.2" not in citizen
    people.link(runner, line, "Ustaff", "เจ้าหน้าที่หนึ่ง", "staff")
    staff = texts(line.send("Ustaff", "ช่วยเหลือ"))
    assert "รายงาน 1.2 50%" in staff and "สรุป —" not in staff
    people.link(runner, line, "Uboss", "หัวหน้า", "head")
    assert "สรุป —" in texts(line.send("Uboss", "ช่วยเหลือ"))
    assert "รับสรุป" in texts(line.send("Ustaff", "ช่วยเหลือ", group_id="Coffice"))


def test_the_lock_out_says_the_time_in_the_agencys_time_zone(runner, line, clock) -> None:
    """10:00 in Bangkok: locked until 11:00, not 04:00 (the database keeps UTC)."""
    people.add(runner, "ประภา")
    for wrong in ["2222AA", "3333BB", "4444CC", "5555DD", "6666EE"]:
        line.send("Uguess", wrong)
    clock.advance(minutes=2)
    again = texts(line.send("Uguess", "7777FF"))
    assert "ระงับการเชื่อมบัญชี" in again
    assert "11:00 น." in again and "04:00" not in again


def test_wrong_codes_from_many_accounts_pause_linking_for_everyone(
    runner, line, services, settings, clock, fake_line
) -> None:
    """A hundred LINE accounts guessing a few codes each: thirty wrong codes in an hour,
    counted in the database by every process, pause linking for everyone for the hour."""
    from sqlmodel import func

    from bot import create_app
    from models.ratelimit import RateHit
    from models.staff import CODE_ALPHABET as ALPHABET
    from tests.conftest import CHANNEL_SECRET
    from tests.support.line_chat import LineChat
    from usecases.linking import ALL_WRONG_TRIES

    code = people.add(runner, "ประภา")
    other = create_app(settings, clock=clock)  # a second process on the same database
    other.extensions["tidtam"].start_background()
    elsewhere = LineChat(
        other.test_client(), fake_line, clock, CHANNEL_SECRET, other.extensions["tidtam"]
    )
    try:
        for n in range(ALL_WRONG_TRIES):
            chat = line if n % 2 else elsewhere
            assert "ลองได้อีก 4 ครั้ง" in texts(
                chat.send(f"Uguesser{n:03d}", f"2{ALPHABET[n % 31]}{ALPHABET[n * 7 % 31]}QRS")
            )
    finally:
        other.extensions["tidtam"].shutdown()
    with services.db.session() as session:
        assert session.exec(select(func.count()).select_from(RateHit)).one() >= ALL_WRONG_TRIES
    paused = texts(line.send("Uprapa", code))  # even the right code waits
    assert "พักการเชื่อมบัญชีของทุกคน" in paused and "11:00 น." in paused
    assert _staff(services, "ประภา").line_user_id is None
    clock.advance(minutes=61)
    assert "เชื่อมบัญชีเรียบร้อยแล้ว" in texts(line.send("Uprapa", code))
