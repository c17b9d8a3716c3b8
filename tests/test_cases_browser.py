"""A case from complaint to rating in the simulator, in a real browser (issue 19): a
citizen reports a broken road with a photo and a pin; it goes to กองช่าง, whose engineer
takes it, answers, closes it with an "after" photo; the citizen rates the handling.
Another case is reopened with a reason. The public page lists both, without anyone's
name or LINE id. Each step is kept as a screenshot in artifacts/."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from messages_th import demo_content
from tests.support.browser import PHONE
from tests.test_simulator_browser import WAIT_MS, Phone

ENGINEER = "Udemo-engineer"
CITIZEN, CITIZEN_NAME = demo_content.CITIZEN


def _photo(tmp_path: Path, name: str, colour: str) -> Path:
    path = tmp_path / name
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def _complain(phone: Phone, words: str, *, photo: Path | None = None, pin: bool = False) -> str:
    """The citizen tells the problem in their own words and sends the case; its reference.
    Each step waits for the bot's newest message (an earlier case's would match too)."""

    def answered(text: str) -> None:
        expect(phone.last_bot()).to_contain_text(text, timeout=WAIT_MS)

    phone.type(words)
    answered("มีรูปประกอบไหม")
    if photo is not None:
        phone.page.locator("#file").set_input_files(str(photo))
        answered("แนบรูปแล้ว 1 รูป")
        phone.quick("ถัดไป")
    else:
        phone.quick("ข้าม")
    answered("ระบุตำแหน่ง")
    phone.quick("ส่งตำแหน่ง" if pin else "ข้าม")
    answered("ติดต่อกลับไหม")
    phone.quick("ไม่ระบุตัวตน")
    answered("ตรวจสอบก่อนส่งเรื่อง")
    phone.quick("ส่งเรื่อง")
    answered("เลขที่เรื่อง")
    found = re.search(r"S-\d{4}-\d{4}", phone.last_bot().inner_text())
    assert found
    return found[0]


@pytest.mark.browser
def test_a_road_complaint_from_photo_and_pin_to_rating_and_another_reopened(
    browser, demo_server, demo_app, artifacts, tmp_path
) -> None:
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    phone = Phone(page, artifacts, "cases")
    page.goto(f"{demo_server}/simulator")
    # the demo signs links for its own address (`make run`'s); this server has another port
    base = demo_app.extensions["tidtam"].settings.public_base_url.rstrip("/")
    context.route(
        f"{base}/**",
        lambda route: route.fulfill(
            response=route.fetch(url=route.request.url.replace(base, demo_server))
        ),
    )

    # the citizen: a broken road, with a photo and a pin
    phone.be(CITIZEN)
    road = _complain(
        phone,
        "ถนนหน้าตลาดเป็นหลุมลึก รถจักรยานยนต์ล้มไปสองคันแล้ว",
        photo=_photo(tmp_path, "pothole.jpg", "#5D4037"),
        pin=True,
    )
    phone.shot("1-citizen-sent")

    # กองช่าง's engineer is told (and only กองช่าง), takes it, answers, closes with a photo
    phone.be(ENGINEER)
    notice = phone.chat.locator("li.bot .flex-bubble", has_text=road).last
    notice.wait_for(timeout=WAIT_MS)
    assert "ถนน/ไฟฟ้า" in notice.inner_text() and "1 รูป" in notice.inner_text()
    with context.expect_page() as opened:
        notice.get_by_role("button", name="ดูรูปและแผนที่").click()
    case_page = opened.value
    case_page.wait_for_load_state()
    assert "ถนนหน้าตลาดเป็นหลุมลึก" in case_page.content()
    assert (
        case_page.get_by_test_id("map-link")
        .get_attribute("href")
        .startswith("https://www.google.com/maps/")
    )
    width = case_page.get_by_test_id("case-photo").evaluate(
        "img => img.complete ? img.naturalWidth"
        " : new Promise(done => { img.onload = () => done(img.naturalWidth);"
        " img.onerror = () => done(-1); })"
    )
    assert width == 64  # the citizen's photo itself, through its signed link
    case_page.screenshot(path=str(artifacts / "simulator-cases-2-signed-page.png"))
    case_page.close()
    notice.get_by_role("button", name="รับเรื่อง").click()
    phone.wait_bot(f"รับเรื่อง {road} แล้ว")
    phone.quick("ตอบ")
    phone.wait_bot("พิมพ์คำตอบ")
    phone.type("ช่างเข้าซ่อมหลุมและลาดยางแล้ววันนี้")
    phone.wait_bot("ส่งคำตอบเรื่อง")
    phone.quick("ปิดเรื่องนี้")
    phone.wait_bot("ส่งรูปหลังดำเนินการ")
    page.locator("#file").set_input_files(str(_photo(tmp_path, "fixed.jpg", "#9E9E9E")))
    phone.wait_bot("สถานะ: เสร็จสิ้น")
    phone.shot("3-engineer-closed")

    # the citizen is told what was done, with the after photo, and rates the handling
    phone.be(CITIZEN)
    done = phone.wait_bot("ดำเนินการเสร็จสิ้นแล้ว")
    assert "ช่างเข้าซ่อมหลุมและลาดยางแล้ววันนี้" in done.inner_text()
    assert "รูปหลังดำเนินการ" in done.inner_text()
    phone.quick("4 ⭐⭐⭐⭐")
    phone.wait_bot("บันทึกคะแนน 4/5")
    phone.shot("4-citizen-rated")

    # another case: closed, then reopened by the citizen with a reason
    light = _complain(phone, "ไฟถนนซอย 5 ดับทั้งซอย")
    phone.be(ENGINEER)
    phone.chat.locator("li.bot", has_text=light).last.wait_for(timeout=WAIT_MS)
    phone.type(f"ปิด {light} เปลี่ยนหลอดไฟแล้ว")
    phone.wait_bot(f"ปิดเรื่อง {light} แล้ว")
    phone.be(CITIZEN)
    expect(phone.last_bot()).to_contain_text(f"เรื่อง {light} ดำเนินการเสร็จสิ้นแล้ว", timeout=WAIT_MS)
    phone.quick("ขอเปิดเรื่องอีกครั้ง")
    phone.wait_bot("พิมพ์เหตุผล")
    phone.type("ยังดับอยู่สามดวงท้ายซอย")
    phone.wait_bot(f"เปิดเรื่อง {light} อีกครั้งแล้ว")
    phone.type("ติดตาม")
    listed = phone.wait_bot("เรื่องที่ท่านแจ้งไว้").inner_text()
    assert f"{road} ถนน/ไฟฟ้า: เสร็จสิ้น" in listed
    assert f"{light} ถนน/ไฟฟ้า: กำลังดำเนินการ" in listed
    phone.shot("5-citizen-reopened")

    # the head publishes the road case; the public page lists both, no one's name or id
    phone.be("Udemo-head")
    assert phone.chat.locator("li.bot", has_text=road).count() == 0  # กองช่าง's case, not theirs
    phone.type(f"เผยแพร่ {road}")
    phone.wait_bot("หน้าสาธารณะแล้ว")
    public = context.new_page()
    public.goto(f"{demo_server}/public")
    section = public.get_by_test_id("cases")
    shown = section.inner_text()
    assert "ถนน/ไฟฟ้า" in shown and "เสร็จสิ้น" in shown and "กำลังดำเนินการ" in shown
    assert "ถนนหน้าตลาดเป็นหลุมลึก" in shown and "ไฟถนนซอย 5" not in shown
    html = public.content()
    for personal in (CITIZEN, CITIZEN_NAME, ENGINEER, "นายประสิทธิ์", "ยังดับอยู่สามดวง"):
        assert personal not in html, personal
    section.scroll_into_view_if_needed()
    public.screenshot(path=str(artifacts / "simulator-cases-6-public-list.png"))

    assert errors == []
    context.close()
