"""The console's data pages, as the head and the admin use them: each page shows what the
use cases say and each form calls the same use case as LINE or the command line (the
tests named `..._the_same_as_...` do a thing both ways and find the same effect).

The people sign in through LINE Login against the fake platform (tests/support/console.py).
"""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from console.line_login import CALLBACK_PATH
from models.audit import AuditLog
from models.outbox import OutboxMessage
from tests.support import people
from tests.support.console import CHANNEL_ID, CHANNEL_SECRET, Browser
from tests.support.line_chat import LineChat, buttons, quick_replies

ADMIN, HEAD, MALEE, SOMSRI = "Upages-admin", "Upages-head", "Upages-malee", "Upages-somsri"


@pytest.fixture
def settings(settings):
    return settings.model_copy(
        update={
            "line_login_channel_id": CHANNEL_ID,
            "line_login_channel_secret": CHANNEL_SECRET,
            "line_login_base_url": settings.line_api_base_url,
        }
    )


@pytest.fixture
def cast(runner, line, seed_plan, fake_line, clock, settings) -> None:
    """The plan, an admin, a head and two staff members on measure 1, all linked in LINE."""
    fake_line.login.add_channel(
        CHANNEL_ID, CHANNEL_SECRET, [settings.public_base_url + CALLBACK_PATH]
    )
    fake_line.login.now = lambda: clock.now().timestamp()
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


def _tap(line: LineChat, user: str, message: dict, label: str) -> list[dict]:
    for action in quick_replies(message) + buttons(message):
        if action["label"] == label:
            if action["type"] == "postback":
                return line.tap(user, action["data"])
            return line.send(user, action["text"])
    raise AssertionError(f"no button {label!r}")


def _report_with_photo(line: LineChat, user: str, photo: bytes) -> None:
    """The guided report in LINE: 1.2, 50%, what was done, one photo, confirm."""
    line.tap(user, "a=report.start&m=1&x=2")
    line.send(user, "50")
    line.send(user, "ร่างคู่มือการยืมทรัพย์สินแล้ว")
    [more] = line.send_image(user, photo)
    [card] = _tap(line, user, more, "ถัดไป")
    _tap(line, user, card, "ยืนยัน")


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
