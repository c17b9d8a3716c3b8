"""The privacy notice at `/privacy`: what is collected, why, how long, the rights under the
PDPA and how to use them; linked from the greeting in LINE and from `/public`; no script
and no inline style (the security headers forbid them)."""

from __future__ import annotations

import re

import pytest

from bot import create_app
from tests.support.browser import PHONE
from tests.support.line_chat import texts

PARTS = (
    "ผู้ควบคุมข้อมูลส่วนบุคคล",
    "ข้อมูลที่เก็บ",
    "วัตถุประสงค์และฐานทางกฎหมาย",
    "ใครเห็นข้อมูลของท่าน",
    "ระยะเวลาที่เก็บ",
    "สิทธิของท่านในฐานะเจ้าของข้อมูลส่วนบุคคล",
    "วิธีขอใช้สิทธิ",
    "การรักษาความมั่นคงปลอดภัย",
)


def test_the_notice_says_what_why_how_long_and_the_rights(client, seed_plan) -> None:
    page = client.get("/privacy")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    for part in PARTS:
        assert part in html, part
    for said in (
        "เทศบาลตำบลบางกระบือ อำเภอบางคนที จังหวัดสมุทรสงคราม",
        "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562",
        "30 วัน",
        "มาตรา 30",
        "มาตรา 33",
        "ข้อมูลของฉัน",
        "ลบข้อมูลของฉัน",
        "สคส.",
    ):
        assert said in html, said
    assert not re.search(r"<script|<style|\sstyle=|\son\w+=", html), "inline script or style"


def test_the_notice_states_the_retention_the_agency_set(settings, clock, seed_plan) -> None:
    other = create_app(settings.model_copy(update={"retention_days": 45}), clock=clock)
    try:
        html = other.test_client().get("/privacy").get_data(as_text=True)
    finally:
        other.extensions["tidtam"].shutdown()
    assert html.count("45 วัน") == 2  # messages, and a closed case's contact
    assert html.count("30 วัน") == 1  # only the law's time to answer a request


def test_the_greeting_and_the_public_page_link_to_it(line, client, seed_plan) -> None:
    greeting = texts(line.follow("Unewcomer"))
    assert "https://tidtam.example.go.th/privacy" in greeting and "ลบข้อมูลของฉัน" in greeting
    assert 'href="/privacy"' in client.get("/public").get_data(as_text=True)
    missing = client.get("/public/2599")
    assert missing.status_code == 404 and 'href="/privacy"' in missing.get_data(as_text=True)


@pytest.mark.browser
def test_the_notice_from_the_public_page_on_a_phone(page, live_server, seed_plan, artifacts):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/public")
    page.get_by_role("link", name="ประกาศความเป็นส่วนตัว").click()
    page.wait_for_url("**/privacy")
    assert page.locator("h1").inner_text() == "ประกาศความเป็นส่วนตัว"
    assert page.locator("main h2").all_inner_texts() == [
        f"{n}. {part}" for n, part in enumerate(PARTS, start=1)
    ]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, "nothing sticks out sideways on a phone"
    page.screenshot(path=str(artifacts / "privacy-phone.png"), full_page=True)
    page.get_by_role("link", name="กลับไปหน้าความคืบหน้าของมาตรการ").click()
    page.wait_for_url("**/public")
