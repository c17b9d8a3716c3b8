"""The console's data pages, as the head and the admin use them: each page shows what the
use cases say and each form calls the same use case as LINE or the command line (the
tests named `..._the_same_as_...` do a thing both ways and find the same effect).

The people sign in through LINE Login against the fake platform (tests/support/console.py).
"""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from models.audit import AuditLog
from models.outbox import OutboxMessage
from tests.support import people
from tests.support.console import Browser, open_login_channel, with_line_login
from tests.support.line_chat import LineChat

ADMIN, HEAD, MALEE, SOMSRI, NEWBIE = (
    "Upages-admin",
    "Upages-head",
    "Upages-malee",
    "Upages-somsri",
    "Upages-newbie",
)


@pytest.fixture
def settings(settings):
    """With LINE Login, and the Official Account's basic ID for the codes' QR."""
    return with_line_login(settings, line_bot_basic_id="@tidtam")


@pytest.fixture
def cast(runner, line, seed_plan, fake_line, clock, settings) -> None:
    """The plan, an admin, a head and two staff members on measure 1, all linked in LINE."""
    open_login_channel(fake_line, settings.public_base_url, clock)
    people.link(runner, line, ADMIN, "นางสาวอรทัย ธุรการดี", "admin")
    people.link(runner, line, HEAD, "นายสมชาย รักษ์ธรรม", "head")
    people.link(runner, line, MALEE, "นางสาวมาลี ใจซื่อ", "staff", "1")
    people.link(runner, line, SOMSRI, "นางสมศรี ขยันงาน", "staff", "1")


def _signed_in(app, fake_line, settings, user: str) -> Browser:
    browser = Browser(app.test_client(), fake_line, settings.public_base_url)
    assert browser.sign_in(user).status_code == 303
    return browser


@pytest.fixture
def head(cast, app, fake_line, settings) -> Browser:
    return _signed_in(app, fake_line, settings, HEAD)


@pytest.fixture
def admin(cast, app, fake_line, settings) -> Browser:
    return _signed_in(app, fake_line, settings, ADMIN)


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _report_with_photo(line: LineChat, user: str, photo: bytes) -> None:
    """The guided report in LINE: 1.2, 50%, what was done, one photo, confirm."""
    line.tap(user, "a=report.start&m=1&x=2")
    line.send(user, "50")
    line.send(user, "ร่างคู่มือการยืมทรัพย์สินแล้ว")
    [more] = line.send_image(user, photo)
    [card] = line.press(user, more, "ถัดไป")
    line.press(user, card, "ยืนยัน")


def _outbox(services, purpose: str) -> list[OutboxMessage]:
    with services.db.session() as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.purpose == purpose)))


def _audit(services, action: str) -> list[AuditLog]:
    with services.db.session() as session:
        return list(session.exec(select(AuditLog).where(AuditLog.action == action)))


# -- this month ------------------------------------------------------------------------------


def test_the_month_shows_who_reported_what_when_with_photos_and_who_still_owes(head, line) -> None:
    photo = b"\xff\xd8\xff\xe0 the manual's cover"
    _report_with_photo(line, MALEE, photo)
    page = _text(head.get("/console/month"))
    assert "รายงานของเดือนมกราคม 2565" in page
    one_two = re.search(r'data-testid="action-1-2">(.*?)</li>', page, re.S)
    assert one_two is not None
    assert "นางสาวมาลี ใจซื่อ" in one_two.group(1) and "50%" in one_two.group(1)
    assert "ร่างคู่มือการยืมทรัพย์สินแล้ว" in one_two.group(1) and "หลักฐาน 1" in one_two.group(1)
    one_one = re.search(r'data-testid="action-1-1">(.*?)</li>', page, re.S)
    assert one_one is not None and "ยังไม่รายงาน" in one_one.group(1)
    assert "นางสมศรี ขยันงาน" in one_one.group(1)
    assert 'data-testid="meeting"' in page and "เตือนรายงานครั้งที่" in page
    link = re.search(r'href="(/console/evidence/\d+)"', one_two.group(1))
    assert link is not None
    shown = head.get(link.group(1))
    assert shown.status_code == 200 and shown.data == photo
    assert shown.headers["Content-Type"] == "image/jpeg"


def test_the_month_shows_who_is_on_leave(head, line) -> None:
    line.send(SOMSRI, "ลาถึง 31 ม.ค. 65")
    page = _text(head.get("/console/month"))
    leave = re.search(r'data-testid="on-leave">(.*?)</ul>', page, re.S)
    assert leave is not None and "นางสมศรี ขยันงาน" in leave.group(1)


def test_sending_the_summary_from_the_console_is_the_same_as_summary_send(
    head, runner, services
) -> None:
    token = head.csrf("/console/month")
    answer = head.post("/console/month/send", {"csrf_token": token})
    assert answer.status_code == 303
    assert "ส่งสรุปแล้ว 1 รายการ" in _text(head.get("/console/month"))
    [sent] = _outbox(services, "summary")
    assert sent.dedupe_key == "summary:2022-01"
    # the command queues the same summary: already there, nothing twice
    result = runner.invoke(args=["summary", "--send"])
    assert result.exit_code == 0, result.output
    assert len(_outbox(services, "summary")) == 1
    again = head.post("/console/month/send", {"csrf_token": token})
    assert again.status_code == 303
    assert "ส่งไปแล้ว ไม่ส่งซ้ำ" in _text(head.get("/console/month"))


# -- people ----------------------------------------------------------------------------------


def _person_id(services, name: str) -> int:
    from models.staff import staff_by_name

    with services.db.session() as session:
        found = staff_by_name(session, name)
        assert found is not None and found.id is not None
        return found.id


def _row(page: str, name: str) -> re.Match | None:
    """The people table's row of this person."""
    return re.search(
        r'<tr data-testid="person-\d+">\s*<td>(?:<a [^>]*>)?' + name + r".*?</tr>", page, re.S
    )


def test_an_admin_adds_a_person_who_links_with_the_code_or_its_qr(admin, line, services) -> None:
    token = admin.csrf("/console/people")
    answer = admin.post(
        "/console/people",
        {
            "csrf_token": token,
            "name": "นายใหม่ ตั้งใจ",
            "role": "staff",
            "unit": "กองคลัง",
            "measures": ["1", "2"],
        },
    )
    page = _text(answer)
    code = re.search(r'data-testid="code">([A-Z0-9]+)<', page)
    assert code is not None
    assert f"https://line.me/R/oaMessage/%40tidtam/?{code.group(1)}" in page
    assert "<svg" in page and 'class="segno"' in page and "style=" not in page
    line.send(NEWBIE, code.group(1))
    listed = _text(admin.get("/console/people"))
    row = _row(listed, "นายใหม่ ตั้งใจ")
    assert row is not None and "กองคลัง" in row.group(0) and "1, 2" in row.group(0)
    assert "เชื่อม LINE แล้ว" in row.group(0)
    [added] = _audit(services, "staff.add")[-1:]
    assert added.actor == f"staff:{_person_id(services, 'นางสาวอรทัย ธุรการดี')}"


def test_a_bad_person_form_says_what_is_wrong_and_adds_nobody(admin, services) -> None:
    token = admin.csrf("/console/people")
    before = len(_audit(services, "staff.add"))
    empty = admin.post("/console/people", {"csrf_token": token, "name": " ", "role": "staff"})
    assert empty.status_code == 400 and "กรุณากรอกช่องนี้" in empty.get_data(as_text=True)
    taken = admin.post(
        "/console/people", {"csrf_token": token, "name": "นางสาวมาลี ใจซื่อ", "role": "staff"}
    )
    assert taken.status_code == 400 and "มีเจ้าหน้าที่ชื่อ" in taken.get_data(as_text=True)
    unknown = admin.post(
        "/console/people",
        {"csrf_token": token, "name": "นายเก้า", "role": "staff", "measures": ["9"]},
    )
    assert unknown.status_code == 400 and "ไม่มีมาตรการข้อ 9" in unknown.get_data(as_text=True)
    bad_role = admin.post("/console/people", {"csrf_token": token, "name": "นายสิบ", "role": "king"})
    assert bad_role.status_code == 400 and "กรุณาเลือกจากรายการ" in bad_role.get_data(as_text=True)
    bad_measure = admin.post(
        "/console/people",
        {"csrf_token": token, "name": "นายสิบเอ็ด", "role": "staff", "measures": ["x"]},
    )
    assert bad_measure.status_code == 400
    assert "กรุณาเลือกจากรายการ" in bad_measure.get_data(as_text=True)
    assert "Invalid" not in bad_measure.get_data(as_text=True)
    assert len(_audit(services, "staff.add")) == before


def test_changing_a_person_from_the_console_is_the_same_as_staff_edit(
    admin, runner, services
) -> None:
    malee = _person_id(services, "นางสาวมาลี ใจซื่อ")
    token = admin.csrf(f"/console/people/{malee}")
    answer = admin.post(
        f"/console/people/{malee}",
        {"csrf_token": token, "role": "head", "unit": "กองช่าง", "measures": ["2"]},
    )
    assert answer.status_code == 303
    result = runner.invoke(
        args=[
            "staff",
            "edit",
            "นางสมศรี ขยันงาน",
            "--role",
            "head",
            "--unit",
            "กองช่าง",
            "--measures",
            "2",
        ]
    )
    assert result.exit_code == 0, result.output
    rows = {row.subject: row for row in _audit(services, "staff.change")}
    somsri = _person_id(services, "นางสมศรี ขยันงาน")
    assert rows[f"staff:{malee}"].detail == rows[f"staff:{somsri}"].detail
    assert rows[f"staff:{somsri}"].actor == "cli"
    listed = _text(admin.get("/console/people"))
    for name in ("นางสาวมาลี ใจซื่อ", "นางสมศรี ขยันงาน"):
        row = _row(listed, name)
        assert row is not None and "กองช่าง" in row.group(0) and "หัวหน้า" in row.group(0)


def test_deactivating_ends_forms_and_reminders_the_same_as_staff_deactivate(
    admin, line, runner, services
) -> None:
    from models.conversation import Conversation

    line.tap(MALEE, "a=report.start&m=1&x=2")  # a form in progress
    ahead = re.search(r'data-testid="ahead">(.*?)</ul>', _text(admin.get("/console/month")), re.S)
    assert ahead is not None and "นางสาวมาลี ใจซื่อ" in ahead.group(1)
    malee = _person_id(services, "นางสาวมาลี ใจซื่อ")
    token = admin.csrf(f"/console/people/{malee}")
    answer = admin.post(f"/console/people/{malee}/deactivate", {"csrf_token": token})
    assert answer.status_code == 303
    assert "ปิดใช้งาน นางสาวมาลี ใจซื่อ แล้ว" in _text(admin.get("/console/people"))
    result = runner.invoke(args=["staff", "deactivate", "นางสมศรี ขยันงาน"])
    assert result.exit_code == 0, result.output
    with services.db.session() as session:
        assert (
            session.exec(select(Conversation).where(Conversation.chat_key == MALEE)).first() is None
        )
    done = {row.subject: row.actor for row in _audit(services, "staff.deactivate")}
    assert done[f"staff:{malee}"].startswith("staff:")
    assert done[f"staff:{_person_id(services, 'นางสมศรี ขยันงาน')}"] == "cli"
    # what will be sent before the meeting: no reminder for either any more
    ahead = re.search(r'data-testid="ahead">(.*?)</ul>', _text(admin.get("/console/month")), re.S)
    assert ahead is not None and "มาลี" not in ahead.group(1) and "สมศรี" not in ahead.group(1)


def test_an_admin_cannot_remove_the_last_admin(admin, runner, services) -> None:
    me = _person_id(services, "นางสาวอรทัย ธุรการดี")
    token = admin.csrf(f"/console/people/{me}")
    demoted = admin.post(f"/console/people/{me}", {"csrf_token": token, "role": "head", "unit": ""})
    assert demoted.status_code == 409 and "ผู้ดูแลระบบคนสุดท้าย" in demoted.get_data(as_text=True)
    gone = admin.post(f"/console/people/{me}/deactivate", {"csrf_token": token})
    assert gone.status_code == 409
    result = runner.invoke(args=["staff", "deactivate", "นางสาวอรทัย ธุรการดี"])
    assert result.exit_code == 2 and "ผู้ดูแลระบบคนสุดท้าย" in result.output
    assert _audit(services, "staff.deactivate") == []
    # with a second admin, the first may step down
    runner.invoke(args=["staff", "edit", "นายสมชาย รักษ์ธรรม", "--role", "admin"])
    assert (
        admin.post(f"/console/people/{me}", {"csrf_token": token, "role": "head"}).status_code
        == 303
    )


def test_the_code_sheet_has_a_card_for_everyone_not_linked(admin, runner) -> None:
    people.add(runner, "นายหนึ่ง ยังไม่เชื่อม")
    people.add(runner, "นายสอง ยังไม่เชื่อม")
    token = admin.csrf("/console/people")
    sheet = _text(admin.post("/console/people/codes", {"csrf_token": token}))
    cards = re.findall(r'data-testid="code-card">\s*<h2>([^<]+)</h2>', sheet)
    assert sorted(cards) == sorted(["นายหนึ่ง ยังไม่เชื่อม", "นายสอง ยังไม่เชื่อม"])
    assert sheet.count('class="segno"') == 2


# -- the plan --------------------------------------------------------------------------------


@pytest.fixture
def seed_docx(tmp_path) -> bytes:
    from tests.conftest import SEED
    from tests.support.plan_documents import build_docx

    return build_docx(SEED, tmp_path / "measures-2565.docx").read_bytes()


def _upload(browser: Browser, data: bytes, name: str):
    """The upload form posted as a browser does (the body built here: the test client would
    spool a large one to a file it does not close)."""
    token = browser.csrf("/console/plan")
    boundary = "----tidtam-test-boundary"
    body = b"".join(
        [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'.encode(),
            token.encode(),
            f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="document"; '.encode(),
            f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode(),
            data,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    return browser.client.post(
        "/console/plan/upload",
        data=body,
        base_url=browser.base_url,
        headers={"Referer": browser.base_url + "/console/plan"},
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def test_an_admin_uploads_the_plan_corrects_a_field_and_saves_it_as_plan_import_does(
    admin, seed_docx, services
) -> None:
    answer = _upload(admin, seed_docx, "measures-2565.docx")
    assert answer.status_code == 303 and answer.headers["Location"].endswith(
        "/console/plan/preview"
    )
    preview = _text(admin.get("/console/plan/preview"))
    assert 'data-testid="warnings"' in preview
    assert "ไม่มีอะไรเปลี่ยนจากแผนที่ใช้อยู่" in preview  # the same plan as the seed imported
    assert 'name="m1.a2.text"' in preview and "จัดคู่มือแนวทางการปฏิบัติ" in preview
    token = admin.csrf("/console/plan/preview")
    fixed = admin.post(
        "/console/plan/preview",
        {"csrf_token": token, "m1.title": "มาตรการจัดการเรื่องผลประโยชน์ทับซ้อน (แก้แล้ว)"},
    )
    assert fixed.status_code == 303
    preview = _text(admin.get("/console/plan/preview"))
    assert "(แก้แล้ว)" in re.search(r'data-testid="changes">(.*?)</ul>', preview, re.S).group(1)
    saved = admin.post("/console/plan/save", {"csrf_token": token})
    assert saved.status_code == 303
    page = _text(admin.get("/console/plan"))
    assert "บันทึกแผนแล้ว" in page and "(แก้แล้ว)" in page
    versions = re.search(r'data-testid="versions">(.*?)</ul>', page, re.S).group(1)
    assert versions.count("<li>") == 2
    assert "นางสาวอรทัย ธุรการดี" in versions and "measures-2565.docx" in versions
    # the same use case as `plan import`: one audit action, the actor the only difference
    rows = _audit(services, "plan.import")
    assert [r.actor for r in rows] == ["cli", f"staff:{_person_id(services, 'นางสาวอรทัย ธุรการดี')}"]
    assert {r.subject for r in rows} == {"plan:2565"}
    assert rows[1].detail["changed"] >= 1
    # nothing waits any more
    assert admin.get("/console/plan/preview").status_code == 303


@pytest.mark.parametrize(
    ("data", "name", "said"),
    [
        (b"MZ\x90\x00 a program", "plan.exe", "รับเฉพาะไฟล์ .docx, .pdf หรือ .txt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old word", "plan.doc", "รับเฉพาะไฟล์"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old word", "plan.txt", "รับเฉพาะไฟล์"),
        (b"not a zip", "plan.docx", "รับเฉพาะไฟล์"),
        (b"PK\x03\x04 broken", "plan.docx", "อ่านเอกสารไม่ได้"),
        (b"\xff\xfe not utf-8", "plan.txt", "อ่านเอกสารไม่ได้"),
        (b"x" * (8 * 1024 * 1024 + 1), "plan.txt", "ไฟล์ใหญ่เกิน 8 MB"),
        (b"%PDF" + b"x" * (9 * 1024 * 1024), "plan.pdf", "ไฟล์ใหญ่เกิน 8 MB"),  # past the body limit
    ],
)
def test_an_upload_that_is_not_a_plan_is_refused_with_a_reason(admin, data, name, said) -> None:
    answer = _upload(admin, data, name)
    assert answer.status_code in (400, 413)
    assert said in answer.get_data(as_text=True)
    assert admin.get("/console/plan/preview").status_code == 303  # nothing waits


def test_a_correction_the_plan_cannot_hold_is_refused_and_the_draft_kept(admin, seed_docx) -> None:
    _upload(admin, seed_docx, "measures-2565.docx")
    token = admin.csrf("/console/plan/preview")
    for bad in ({"ita_score": "150"}, {"m1.title": "   "}, {"m1.a2.text": ""}):
        answer = admin.post("/console/plan/preview", {"csrf_token": token, **bad})
        assert answer.status_code == 400, bad
        assert "แก้ไขไม่ได้:" in answer.get_data(as_text=True)
    assert "จัดคู่มือแนวทางการปฏิบัติ" in _text(admin.get("/console/plan/preview"))


def test_the_plan_page_shows_ita_scores_and_where_citizens_input_counts(head) -> None:
    page = _text(head.get("/console/plan"))
    assert 'data-testid="ita-score"' in page and 'data-testid="indicators"' in page
    part = re.search(r'data-testid="participation">(.*?)</dl>', page, re.S).group(1)
    assert "3" in part and "2.5" in part
    assert "https://line.me/R/oaMessage/%40tidtam/?" in page
    assert 'data-testid="upload"' not in page  # a head sees the plan, the admin changes it


# -- meetings and days off -------------------------------------------------------------------


def test_moving_a_meeting_from_the_console_is_the_same_as_meetings_set(
    head, runner, services
) -> None:
    token = head.csrf("/console/meetings")
    moved = head.post(
        "/console/meetings/set",
        {"csrf_token": token, "month": "2022-02-01", "day": "2022-02-24", "at": "13:30"},
    )
    assert moved.status_code == 303
    page = _text(head.get("/console/meetings"))
    assert "กำหนดประชุมวันที่ 24 กุมภาพันธ์ 2565 แล้ว" in page
    feb = re.search(r'data-testid="meeting-2022-02">(.*?)</tr>', page, re.S).group(1)
    assert "24 กุมภาพันธ์ 2565" in feb and "13:30" in feb and "กำหนดเอง" in feb
    result = runner.invoke(args=["meetings", "set", "2022-03-24", "--time", "13:30"])
    assert result.exit_code == 0, result.output
    rows = {r.subject: r for r in _audit(services, "meeting.set")}
    assert rows["2022-02-01"].actor.startswith("staff:") and rows["2022-03-01"].actor == "cli"
    assert (
        head.post(
            "/console/meetings/unset", {"csrf_token": token, "month": "2022-02-01"}
        ).status_code
        == 303
    )
    feb = re.search(
        r'data-testid="meeting-2022-02">(.*?)</tr>', _text(head.get("/console/meetings")), re.S
    ).group(1)
    assert "กำหนดเอง" not in feb


#: the day of February's meeting in the calendar
FEB_DAY = r'data-testid="meeting-2022-02">.*?<td data-label="[^"]*">([^<]*)'


def test_a_day_off_moves_the_meeting_that_falls_on_it(head) -> None:
    page = _text(head.get("/console/meetings"))
    feb = re.search(FEB_DAY, page, re.S).group(1)
    token = head.csrf("/console/meetings")
    from datetime import date

    from messages_th.thai_calendar import format_date

    day = next(
        date(2022, 2, d) for d in range(1, 29) if format_date(date(2022, 2, d)) == feb.strip()
    )
    added = head.post(
        "/console/meetings/days-off",
        {"csrf_token": token, "day": day.isoformat(), "name": "วันหยุดท้องถิ่น"},
    )
    assert added.status_code == 303
    page = _text(head.get("/console/meetings"))
    assert "วันหยุดท้องถิ่น" in page
    moved = re.search(FEB_DAY, page, re.S)
    assert moved.group(1).strip() != feb.strip()
    for bad in ({"day": "31/02/2565", "name": "x"}, {"day": "2022-02-10", "name": " "}):
        assert (
            head.post("/console/meetings/days-off", {"csrf_token": token, **bad}).status_code == 400
        )


# -- citizens --------------------------------------------------------------------------------


def _complaint(line: LineChat, user: str = "Ucitizen") -> None:
    """An anonymous complaint sent in LINE: S-2565-0001."""
    line.send(user, "ร้องเรียน")
    line.send(user, "ขยะไม่ได้เก็บสามวันแล้ว")
    line.send(user, "ข้าม")
    line.send(user, "ข้าม")
    line.send(user, "ไม่ระบุตัวตน")
    line.send(user, "ส่ง")


def test_a_head_answers_and_closes_a_case_and_the_citizen_is_told_in_line(
    head, line, fake_line, services
) -> None:
    from tests.support.line_chat import texts
    from tests.support.waiting import wait_until

    _complaint(line)
    page = _text(head.get("/console/citizens"))
    case = re.search(r'data-testid="case-S-2565-0001">(.*?)</section>', page, re.S).group(1)
    assert "ขยะไม่ได้เก็บสามวันแล้ว" in case and "รอดำเนินการ" in case
    assert "· ขยะ <span" in case and 'data-testid="stage">รับเรื่อง ·' in case  # category, stage
    token = head.csrf("/console/citizens")
    request_id = re.search(r'name="request_id" value="([^"]+)"', page).group(1)
    form = {"csrf_token": token, "request_id": request_id, "answer": "รถเก็บขยะจะเข้าวันนี้"}
    assert head.post("/console/citizens/S-2565-0001/answer", form).status_code == 303
    assert head.post("/console/citizens/S-2565-0001/answer", form).status_code == 303  # twice
    wait_until(
        lambda: "รถเก็บขยะจะเข้าวันนี้" in texts([d.message for d in line.pushes_to("Ucitizen")]),
        what="the answer pushed to the citizen",
    )
    assert "ส่งคำตอบเรื่อง S-2565-0001" in _text(head.get("/console/citizens?status=answered"))
    assert (
        len(
            [
                r
                for r in _outbox(services, "suggestion")
                if r.dedupe_key.startswith("suggestion:S-2565-0001:answer")
            ]
        )
        == 1
    )
    assert (
        head.post("/console/citizens/S-2565-0001/close", {"csrf_token": token}).status_code == 303
    )
    wait_until(
        lambda: "ดำเนินการเสร็จสิ้นแล้ว" in texts([d.message for d in line.pushes_to("Ucitizen")]),
        what="the closing pushed to the citizen",
    )
    assert "ปิดไปแล้ว" in texts(line.send(HEAD, "ปิด S-2565-0001"))


def test_a_head_takes_and_forwards_a_case_in_the_console_as_in_line(head, line, services) -> None:
    """The same use cases as รับเรื่อง and ส่งต่อ in LINE; the citizen is told each."""
    from tests.support.line_chat import texts
    from tests.support.waiting import wait_until

    _complaint(line)
    page = _text(head.get("/console/citizens"))
    assert 'data-testid="take"' in page and "<option selected>ขยะ</option>" in page
    token = head.csrf("/console/citizens")
    assert head.post("/console/citizens/S-2565-0001/take", {"csrf_token": token}).status_code == 303
    wait_until(
        lambda: "กำลังดำเนินการ" in texts([d.message for d in line.pushes_to("Ucitizen")]),
        what="the citizen told it is in progress",
    )
    form = {"csrf_token": token, "topic": "ถนน/ไฟฟ้า"}
    assert head.post("/console/citizens/S-2565-0001/forward", form).status_code == 303
    wait_until(
        lambda: "ส่งต่อให้" in texts([d.message for d in line.pushes_to("Ucitizen")]),
        what="the citizen told it was forwarded",
    )
    assert 'data-testid="stage">ส่งต่อหน่วยงาน' in _text(head.get("/console/citizens"))
    closed = {r.subject: r.actor for r in _audit(services, "suggestion.forward")}
    assert list(closed) == ["S-2565-0001"]
    form = {"csrf_token": token, "topic": "ดนตรี"}
    head.post("/console/citizens/S-2565-0001/forward", form)
    assert "ไม่มีหมวด ดนตรี" in _text(head.get("/console/citizens"))


def test_answering_in_the_console_is_the_same_as_answering_in_line(head, line, services) -> None:
    _complaint(line, "Ucitizen1")
    _complaint(line, "Ucitizen2")
    token = head.csrf("/console/citizens")
    head.post(
        "/console/citizens/S-2565-0001/answer",
        {"csrf_token": token, "request_id": "r1", "answer": "กำลังดำเนินการ"},
    )
    line.send(HEAD, "ตอบ S-2565-0002 กำลังดำเนินการ")
    rows = {r.subject: r for r in _audit(services, "suggestion.answer")}
    assert rows["S-2565-0001"].actor == rows["S-2565-0002"].actor  # the same head, both ways
    found = [r for r in _outbox(services, "suggestion") if ":answer:" in r.dedupe_key]
    assert len(found) == 2
    assert found[0].messages == found[1].messages or (
        found[0].messages[0]["text"].replace("0001", "0002") == found[1].messages[0]["text"]
    )


def test_an_empty_answer_sends_nothing(head, line, services) -> None:
    _complaint(line)
    token = head.csrf("/console/citizens")
    head.post("/console/citizens/S-2565-0001/answer", {"csrf_token": token, "answer": "  "})
    assert "กรุณาพิมพ์คำตอบ" in _text(head.get("/console/citizens"))
    assert [r for r in _outbox(services, "suggestion") if ":answer:" in r.dedupe_key] == []


# -- delivery, reports, audit ----------------------------------------------------------------


def test_a_failed_push_shows_lines_reason_and_is_sent_again_as_outbox_retry_does(
    head, line, fake_line, services, runner
) -> None:
    from tests.support.waiting import wait_until

    fake_line.fail("/v2/bot/message/", 400, times=1)
    token = head.csrf("/console/month")
    head.post("/console/month/send", {"csrf_token": token})
    [failed] = wait_until(
        lambda: [r for r in _outbox(services, "summary") if r.status == "failed"],
        what="the summary push failed for good",
    )
    page = _text(head.get("/console/delivery"))
    assert 'data-testid="quota"' in page and "500" in page
    shown = re.search(rf'data-testid="failed-{failed.id}">(.*?)</li>', page, re.S).group(1)
    assert "400" in shown
    assert (
        head.post(f"/console/delivery/{failed.id}/retry", {"csrf_token": token}).status_code == 303
    )
    wait_until(
        lambda: [r for r in _outbox(services, "summary") if r.status == "sent"],
        what="sent again",
    )
    assert "ส่งใหม่แล้ว" in _text(head.get("/console/delivery"))
    again = runner.invoke(args=["outbox", "retry", str(failed.id)])
    assert again.exit_code == 2  # no longer failed: the same rule both ways
    [retried] = _audit(services, "outbox.retry")
    assert retried.subject == f"outbox:{failed.id}"


def test_the_reports_page_gives_the_half_year_report_and_the_public_link(head) -> None:
    page = _text(head.get("/console/reports"))
    link = re.search(r'href="([^"]+)" data-testid="docx-half"', page).group(1)
    assert "/reports/download/2565/half1.docx" in link
    path = link.split("://", 1)[1].split("/", 1)[1].replace("&amp;", "&")
    document = head.client.get("/" + path, base_url=head.base_url)
    assert document.status_code == 200 and document.data[:2] == b"PK"
    assert 'data-testid="public-link"' in page


def test_the_audit_log_shows_changes_from_the_console_and_from_line_by_name(head, line) -> None:
    line.send(MALEE, "รายงาน 1.2 50% จัดทำคู่มือแล้ว")
    token = head.csrf("/console/meetings")
    head.post(
        "/console/meetings/days-off",
        {"csrf_token": token, "day": "2022-02-10", "name": "วันหยุดท้องถิ่น"},
    )
    page = _text(head.get("/console/audit"))
    rows = re.search(r'data-testid="audit-rows">(.*?)</table>', page, re.S).group(1)
    assert "เพิ่มวันหยุด" in rows and "นายสมชาย รักษ์ธรรม" in rows
    assert "นางสาวมาลี ใจซื่อ" in rows and "คำสั่งบนเซิร์ฟเวอร์" in rows
    assert "รายงานผล" in rows and "report.line" not in rows
    assert rows.index("เพิ่มวันหยุด") < rows.index("นางสาวมาลี ใจซื่อ")  # newest first


# -- both ways in, and the pages' own rules ---------------------------------------------------


def test_adding_a_person_and_a_new_code_in_the_console_are_the_same_as_the_commands(
    admin, runner, services, line
) -> None:
    token = admin.csrf("/console/people")
    admin.post(
        "/console/people",
        {"csrf_token": token, "name": "นายคอนโซล", "role": "staff", "measures": ["1"]},
    )
    people.add(runner, "นายคำสั่ง", "staff", "1")
    added = {r.subject: r for r in _audit(services, "staff.add")}
    console_row = added[f"staff:{_person_id(services, 'นายคอนโซล')}"]
    command_row = added[f"staff:{_person_id(services, 'นายคำสั่ง')}"]
    assert console_row.detail == command_row.detail
    assert console_row.actor.startswith("staff:") and command_row.actor == "cli"
    # a fresh code from the console links in LINE, as one from `staff code` does
    person = _person_id(services, "นายคอนโซล")
    page = _text(admin.post(f"/console/people/{person}/code", {"csrf_token": token}))
    code = re.search(r'data-testid="code">([A-Z0-9]+)<', page).group(1)
    result = runner.invoke(args=["staff", "code", "นายคำสั่ง"])
    other = result.output.strip().splitlines()[-1].removeprefix("code: ")
    line.send("Upages-console", code)
    line.send("Upages-command", other)
    listed = _text(admin.get("/console/people"))
    for name in ("นายคอนโซล", "นายคำสั่ง"):
        assert "เชื่อม LINE แล้ว" in _row(listed, name).group(0)
    codes = [r.actor for r in _audit(services, "staff.code")]
    assert sorted(codes) == sorted(["cli", console_row.actor])


def test_the_month_in_the_console_has_the_numbers_of_the_summary_in_line(head, line) -> None:
    from tests.support.line_chat import texts

    line.send(MALEE, "รายงาน 1.2 50% จัดทำคู่มือแล้ว")
    line.send(SOMSRI, "รายงาน 1.1 100% อบรมแล้ว")
    page = _text(head.get("/console/month"))
    overall = re.search(r'data-testid="overall">([0-9]+)%', page).group(1)
    measure_one = re.search(r'data-testid="measure-1">.*?<span class="badge">([0-9]+)%', page, re.S)
    in_line = texts(line.send(HEAD, "สรุป"))
    assert f"{measure_one.group(1)}%" in in_line
    assert f"{overall}%" in in_line


ALL_PAGES = (
    "/console",
    "/console/month",
    "/console/people",
    "/console/plan",
    "/console/meetings",
    "/console/citizens",
    "/console/delivery",
    "/console/reports",
    "/console/audit",
    "/console/admin",
)


def test_every_page_has_the_security_headers_no_inline_script_or_style_and_fits_forms(
    admin,
) -> None:
    for path in ALL_PAGES:
        answer = admin.get(path)
        body = _text(answer)
        assert "script-src 'self'" in answer.headers["Content-Security-Policy"], path
        assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"], path
        assert answer.headers["X-Frame-Options"] == "DENY", path
        assert answer.headers["Referrer-Policy"] == "same-origin", path
        assert "<script" not in body and " style=" not in body and "onclick" not in body, path
        forms = re.findall(r'<form method="post".*?</form>', body, re.S)
        assert all('name="csrf_token"' in form for form in forms), path
        assert answer.headers.get("Cache-Control", "").find("public") == -1, path


def test_changing_the_rule_in_the_console_is_the_same_as_meetings_rule(
    head, runner, services
) -> None:
    token = head.csrf("/console/meetings")
    answer = head.post(
        "/console/meetings/rule",
        {
            "csrf_token": token,
            "kind": "weekday",
            "weekday": "4",
            "n": "-1",
            "day": "",
            "at": "14:00",
        },
    )
    assert answer.status_code == 303
    page = _text(head.get("/console/meetings"))
    assert "วันศุกร์สุดท้ายของเดือน" in re.search(r'data-testid="rule">([^<]*)', page).group(1)
    feb = re.search(FEB_DAY, page, re.S).group(1)
    assert feb.strip().startswith("25 กุมภาพันธ์ 2565")  # the last Friday of February 2022
    result = runner.invoke(args=["meetings", "rule", "weekday", "4", "last", "--time", "14:00"])
    assert result.exit_code == 0, result.output
    [console_row, command_row] = sorted(_audit(services, "meeting.rule"), key=lambda r: r.id)
    assert console_row.detail == command_row.detail and command_row.actor == "cli"
    for bad in (
        {"kind": "day", "day": "32"},
        {"kind": "weekday", "weekday": "9", "n": "1"},
        {"kind": "x"},
    ):
        refused = head.post("/console/meetings/rule", {"csrf_token": token, **bad})
        assert refused.status_code == 400 and "กำหนดประชุมไม่ถูกต้อง" in refused.get_data(as_text=True)


def test_without_line_bot_basic_id_the_qr_opens_the_chat_of_the_basic_id_line_gives(
    app_without_basic_id, fake_line
) -> None:
    admin = app_without_basic_id
    token = admin.csrf("/console/people")
    page = _text(
        admin.post("/console/people", {"csrf_token": token, "name": "นายถาม", "role": "staff"})
    )
    code = re.search(r'data-testid="code">([A-Z0-9]+)<', page).group(1)
    assert f"https://line.me/R/oaMessage/%40tidtam-fake/?{code}" in page
    assert [r.path for r in fake_line.requests].count("/v2/bot/info") == 1
    admin.post("/console/people", {"csrf_token": token, "name": "นายถามอีก", "role": "staff"})
    assert [r.path for r in fake_line.requests].count("/v2/bot/info") == 1  # asked once


@pytest.fixture
def app_without_basic_id(cast, app_factory, fake_line, settings) -> Browser:
    built = app_factory(line_bot_basic_id=None)
    return _signed_in(built, fake_line, settings, ADMIN)


def test_the_admin_chooses_where_citizens_input_counts_and_the_use_cases_read_it(
    admin, services
) -> None:
    token = admin.csrf("/console/plan")
    moved = admin.post(
        "/console/plan/citizens", {"csrf_token": token, "suggestions": "2", "ratings": "3.1"}
    )
    assert moved.status_code == 303
    page = _text(admin.get("/console/plan"))
    part = re.search(r'data-testid="participation">(.*?)</dl>', page, re.S).group(1)
    assert "<dd>2</dd>" in part and "3.1" in part
    from models.plan import current_plan
    from usecases.participation import citizen_links

    with services.db.session() as session:
        plan = current_plan(session, 2565)
        assert citizen_links(session, plan).suggestions_measure == 2
    [row] = _audit(services, "plan.citizen_links")
    assert row.detail == {"suggestions_measure": 2, "ratings_measure": 3, "ratings_action": 1}
    for bad, said in (
        ({"suggestions": "9"}, "ไม่มีข้อ 9"),
        ({"ratings": "2.99"}, "ไม่มีข้อ 2.99"),
        ({"ratings": "x"}, "กรุณาเลือก"),
    ):
        refused = admin.post("/console/plan/citizens", {"csrf_token": token, **bad})
        assert refused.status_code == 400 and said in refused.get_data(as_text=True)


def test_the_reports_page_gives_an_earlier_months_report_and_ignores_a_bad_one(head) -> None:
    page = _text(head.get("/console/reports?month=2021-11"))
    assert "/reports/download/2565/2021-11.docx" in page
    assert "พฤศจิกายน 2564" in page
    for bad in ("2030-01", "2021-13", "x", "2021-11-01"):
        fallback = _text(head.get(f"/console/reports?month={bad}"))
        assert "/reports/download/2565/2022-01.docx" in fallback, bad


def test_deactivating_withdraws_a_reminder_still_waiting_to_be_sent(
    admin, services, fake_line
) -> None:
    from models.outbox import queue

    malee = _person_id(services, "นางสาวมาลี ใจซื่อ")
    fake_line.fail("/v2/bot/message/push", 500, times=100)  # LINE down: the reminder waits
    with services.db.session() as session:
        queue(
            session,
            key=f"reminder:2022-01:staff:{malee}:1",
            to=MALEE,
            messages=[{"type": "text", "text": "reminder"}],
            purpose="reminder",
            now=services.clock.now(),
        )
    token = admin.csrf(f"/console/people/{malee}")
    assert (
        admin.post(f"/console/people/{malee}/deactivate", {"csrf_token": token}).status_code == 303
    )
    [reminder] = _outbox(services, "reminder")
    assert reminder.status == "failed" and reminder.messages == []
    [row] = _audit(services, "staff.deactivate")
    assert row.detail["reminders"] == 1


def test_days_off_and_meetings_back_to_the_rule_are_the_same_both_ways(
    head, runner, services
) -> None:
    token = head.csrf("/console/meetings")
    head.post(
        "/console/meetings/days-off", {"csrf_token": token, "day": "2022-02-10", "name": "งานวัด"}
    )
    assert runner.invoke(args=["meetings", "holiday", "add", "2022-03-10", "งานวัด"]).exit_code == 0
    added = sorted(_audit(services, "dayoff.add"), key=lambda r: r.id)
    assert [r.detail for r in added] == [{"name": "งานวัด"}, {"name": "งานวัด"}]
    assert [r.actor == "cli" for r in added] == [False, True]
    head.post("/console/meetings/days-off/remove", {"csrf_token": token, "day": "2022-02-10"})
    assert runner.invoke(args=["meetings", "holiday", "remove", "2022-03-10"]).exit_code == 0
    assert len(_audit(services, "dayoff.remove")) == 2
    assert 'data-testid="days-off"' not in _text(head.get("/console/meetings"))  # none left
    runner.invoke(args=["meetings", "set", "2022-02-21"])
    runner.invoke(args=["meetings", "set", "2022-03-21"])
    head.post("/console/meetings/unset", {"csrf_token": token, "month": "2022-02-01"})
    assert runner.invoke(args=["meetings", "unset", "2022-03"]).exit_code == 0
    unset = {r.subject: r.actor for r in _audit(services, "meeting.unset")}
    assert unset["2022-03-01"] == "cli" and unset["2022-02-01"].startswith("staff:")
    assert "(กำหนดเอง)" not in _text(head.get("/console/meetings"))


def test_closing_a_case_in_the_console_is_the_same_as_closing_it_in_line(
    head, line, services
) -> None:
    _complaint(line, "Ucitizen1")
    _complaint(line, "Ucitizen2")
    token = head.csrf("/console/citizens")
    assert (
        head.post("/console/citizens/S-2565-0001/close", {"csrf_token": token}).status_code == 303
    )
    line.send(HEAD, "ปิด S-2565-0002")
    closed = {r.subject: r.actor for r in _audit(services, "suggestion.close")}
    assert closed["S-2565-0001"] == closed["S-2565-0002"]
    # a closing's push is keyed by the change in the case's history (a reopened case closes again)
    keys = sorted(
        r.dedupe_key.rsplit(":", 1)[0]
        for r in _outbox(services, "suggestion")
        if ":closed:" in r.dedupe_key
    )
    assert keys == ["suggestion:S-2565-0001:closed", "suggestion:S-2565-0002:closed"]
    page = _text(head.get("/console/citizens?status=closed"))
    assert "S-2565-0001" in page and "S-2565-0002" in page


def test_the_audit_log_filters_by_kind_of_change(head, line) -> None:
    line.send(MALEE, "รายงาน 1.2 50% จัดทำคู่มือแล้ว")
    rows = re.search(
        r'data-testid="audit-rows">(.*?)</table>',
        _text(head.get("/console/audit?what=staff.")),
        re.S,
    ).group(1)
    assert "เพิ่มเจ้าหน้าที่" in rows and "รายงานผล" not in rows
    assert 'aria-current="page">เจ้าหน้าที่' in _text(head.get("/console/audit?what=staff."))


def test_someone_deactivated_in_the_console_sees_the_citizens_menu(
    admin, runner, fake_line, services
) -> None:
    """As `staff deactivate` does (tests/test_richmenu.py): their LINE menu is the citizens'."""
    assert runner.invoke(args=["richmenu", "setup"]).exit_code == 0
    citizen = next(k for k, m in fake_line.rich_menus.items() if m["name"] == "tidtam-citizen")
    malee = _person_id(services, "นางสาวมาลี ใจซื่อ")
    token = admin.csrf(f"/console/people/{malee}")
    answer = admin.post(f"/console/people/{malee}/deactivate", {"csrf_token": token})
    assert answer.status_code == 303
    assert fake_line.user_rich_menus[MALEE] == citizen
