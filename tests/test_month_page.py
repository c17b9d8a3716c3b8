"""The month page over HTTP: the link asked for in LINE, the page prefilled, one submit
recording every action (or nothing, with the problem beside its action and what was typed
and attached kept), and the link's limits: the person, the month, once, expiry, forgery."""

from __future__ import annotations

import io
import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from PIL import Image
from sqlmodel import col, select

from models.progress import Evidence, Report
from models.staff import staff_by_line_user
from tests.support import people
from tests.support.line_chat import buttons
from tests.support.month import report_december

JAN = date(2022, 1, 1)


@pytest.fixture
def wichai(runner, line, services, clock, seed_plan) -> str:
    """Measure 2 (six actions), linked as Uwichai; December: 2.1 done, 2.2-2.5 reported."""
    people.link(runner, line, "Uwichai", "วิชัย", "staff", "2")
    with services.db.session() as session:
        person = staff_by_line_user(session, "Uwichai")
        assert person is not None
        report_december(session, person, clock.now())
    return "Uwichai"


def month_link(line, user: str) -> str:
    """The link the bot answers `รายงานทั้งเดือน` with, as a path on this site."""
    [card] = line.send(user, "รายงานทั้งเดือน")
    [button] = [b for b in buttons(card) if b["type"] == "uri"]
    url = urlsplit(button["uri"])
    assert url.netloc == "tidtam.example.go.th"
    return url.path


def _january(services) -> list[tuple[int, int, str]]:
    with services.db.session() as session:
        rows = session.exec(
            select(Report).where(Report.month == JAN).order_by(col(Report.id))
        ).all()
        from models.plan import Action

        return [
            (session.get(Action, r.action_id).number, r.percent, r.detail)  # type: ignore[union-attr]
            for r in rows
        ]


def _photo() -> tuple[io.BytesIO, str]:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "#2E7D32").save(buffer, format="JPEG")
    buffer.seek(0)
    return buffer, "meeting.jpg"


def test_the_page_lists_every_action_prefilled(client, line, wichai) -> None:
    path = month_link(line, wichai)
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "รายงานผลทั้งเดือน เดือนมกราคม 2565" in html and "คุณวิชัย" in html
    for key in ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6"):
        assert f'data-key="{key}"' in html
    assert "เสร็จแล้ว 100%" in html  # 2.1, folded away
    assert "40% (ธ.ค. 64) · ทำข้อ 2" in html
    assert "ยังไม่เคยรายงาน" in html  # 2.6
    assert "<script>" not in html and "style=" not in html  # CSP: nothing inline
    assert page.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in page.headers["Content-Security-Policy"]


def test_one_submit_records_the_month(client, line, wichai, services) -> None:
    path = month_link(line, wichai)
    answer = client.post(
        path,
        data={
            "p-2.5": "100",
            "d-2.5": "สำรวจครบทุกหมู่บ้าน",
            "f-2.5": [_photo()],
            "p-2.6": "other",
            "n-2.6": "30",
            "d-2.6": "เริ่มวิเคราะห์ผลสำรวจ",
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)
    html = answer.get_data(as_text=True)
    assert "บันทึกรายงานเดือนมกราคม 2565แล้ว" in html
    assert "2.5 100% · รูป 1" in html and "ข้อที่เสร็จแล้ว 1 ข้อ คงไว้ตามเดิม" in html
    assert _january(services) == [
        (2, 40, "ทำข้อ 2"),
        (3, 50, "ทำข้อ 3"),
        (4, 20, "ทำข้อ 4"),
        (5, 100, "สำรวจครบทุกหมู่บ้าน"),
        (6, 30, "เริ่มวิเคราะห์ผลสำรวจ"),
    ]
    with services.db.session() as session:
        assert len(session.exec(select(Evidence)).all()) == 1
    # the link has done its work
    again = client.get(path)
    assert again.status_code == 409 and "ใช้ส่งรายงานไปแล้ว" in again.get_data(as_text=True)
    assert client.post(path, data={}).status_code == 409
    assert len(_january(services)) == 5


def test_a_problem_records_nothing_and_keeps_what_was_given(client, line, wichai, services) -> None:
    path = month_link(line, wichai)
    answer = client.post(
        path,
        data={
            "p-2.3": "25",
            "d-2.3": "ทบทวนแผนใหม่",
            "p-2.4": "50",
            "d-2.4": "-",
            "f-2.4": [_photo()],
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert "ยังไม่มีอะไรถูกบันทึก" in html
    assert "ลดลงจาก 50% เป็น 25% ใช่ไหม" in html
    assert "กรุณาบอกว่าทำอะไรไปบ้างเป็นตัวหนังสือ" in html
    assert "ทบทวนแผนใหม่" in html and "รูปที่แนบไว้แล้ว 1 รูป" in html
    assert _january(services) == []
    kept = re.search(r'name="k-2.4" value="([^"]+)"', html)
    assert kept is not None
    answer = client.post(
        path,
        data={
            "p-2.3": "25",
            "d-2.3": "ทบทวนแผนใหม่",
            "c-2.3": "1",
            "p-2.4": "50",
            "d-2.4": "ประชาสัมพันธ์ทางเสียงตามสาย",
            "k-2.4": kept.group(1),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert (3, 25, "ทบทวนแผนใหม่") in _january(services)
    with services.db.session() as session:
        [photo] = session.exec(select(Evidence)).all()
        assert photo.report_id is not None


def test_not_a_picture_is_refused(client, line, wichai, services) -> None:
    path = month_link(line, wichai)
    answer = client.post(
        path,
        data={"p-2.5": "80", "d-2.5": "ทำต่อ", "f-2.5": [(io.BytesIO(b"MZ\x90\x00"), "a.jpg")]},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 422
    assert "แนบได้เฉพาะรูปภาพ" in answer.get_data(as_text=True)
    assert _january(services) == []


def test_the_link_is_signed_bound_and_expires(client, line, wichai, clock, runner) -> None:
    path = month_link(line, wichai)
    token = path.rsplit("/", 1)[1]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/month/{forged}").status_code == 403
    assert client.get("/month/not-a-token").status_code == 403
    clock.advance(days=8)
    expired = client.get(path)
    assert expired.status_code == 410 and "หมดอายุ" in expired.get_data(as_text=True)


def test_a_months_link_closes_with_its_month(client, line, wichai, clock) -> None:
    clock.advance(days=7)  # 27 January
    path = month_link(line, wichai)
    clock.advance(days=5)  # past January's meeting: February is reported now
    closed = client.get(path)
    assert closed.status_code == 410 and "ปิดรับแล้ว" in closed.get_data(as_text=True)


def test_a_citizen_asking_gets_no_link(line, seed_plan) -> None:
    [answer] = line.send("Ucitizen", "รายงานทั้งเดือน")
    assert not [b for b in buttons(answer) if b["type"] == "uri"]


def test_photos_bigger_than_the_apps_body_limit_go_through(client, line, wichai, services) -> None:
    """A phone's photo is megabytes: the page takes up to 60 MB (the rest of the app 1 MB)."""
    buffer = io.BytesIO()
    noisy = Image.effect_noise((1600, 1200), 100).convert("RGB")
    noisy.save(buffer, format="JPEG", quality=100)
    assert buffer.tell() > 1024 * 1024
    buffer.seek(0)
    path = month_link(line, wichai)
    answer = _post_big(
        client, path, {"p-2.5": "70", "d-2.5": "สำรวจเพิ่ม", "f-2.5": [(buffer, "big.jpg")]}
    )
    assert answer.status_code == 200, answer.status_code


def test_a_page_over_the_limit_is_told_in_thai(client, line, wichai, services) -> None:
    path = month_link(line, wichai)
    big = io.BytesIO(b"0" * (61 * 1024 * 1024))
    answer = _post_big(client, path, {"p-2.5": "70", "d-2.5": "x", "f-2.5": [(big, "a.jpg")]})
    assert answer.status_code == 413 and "ไฟล์รวมกันใหญ่เกินไป" in answer.get_data(as_text=True)
    assert _january(services) == []


def _post_big(client, path: str, data: dict):
    """A big multipart POST: the test client spools its body to a file, closed after."""
    from werkzeug.test import EnvironBuilder

    builder = EnvironBuilder(
        path=path, method="POST", data=data, content_type="multipart/form-data"
    )
    environ = builder.get_environ()
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()
