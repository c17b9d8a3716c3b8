"""The simulator in a real browser, on a phone and a desktop: a citizen, a staff member who
links and reports by tapping, and the head who receives the summary. Each step is kept as
a screenshot in artifacts/."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from tests.support.browser import DESKTOP, PHONE

SCREENS = {"phone": PHONE, "desktop": DESKTOP}
WAIT_MS = 15_000


class Phone:
    """The simulator page, driven as a person would: choose who, tap, type."""

    def __init__(self, page, shots: Path, screen: str) -> None:
        self.page, self.shots, self.screen = page, shots, screen
        self.chat = page.locator("#chat")

    def be(self, user_id: str) -> None:
        self.page.get_by_test_id("who").select_option(user_id)
        self.page.wait_for_function(  # chosen, and their chat and menu shown
            "id => document.getElementById('who').value === id"
            " && document.body.dataset.switching === undefined",
            arg=user_id,
        )

    def menu(self, label: str) -> None:
        """Tap a rich-menu area (a picture with tap areas, or labelled buttons)."""
        if self.page.locator("#rich-menu").is_hidden():
            self.page.locator("#menu-bar").click()
        self.page.locator("#rich-menu").get_by_role("button", name=label, exact=True).click()

    def quick(self, label: str) -> None:
        self.page.locator("#quick button", has_text=label).first.click()

    def type(self, text: str) -> None:
        self.page.locator("#message").fill(text)
        self.page.locator("#composer .send").click()

    def last_bot(self):
        return self.chat.locator("li.bot").last

    def wait_bot(self, text: str):
        """The latest bot message containing `text`."""
        found = self.chat.locator("li.bot", has_text=text).last
        found.wait_for(timeout=WAIT_MS)
        return found

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.shots / f"simulator-{self.screen}-{name}.png"))

    def fits(self) -> None:
        width = self.page.evaluate("document.documentElement.scrollWidth")
        viewport = self.page.viewport_size["width"]
        assert width <= viewport + 1, f"the page is {width}px wide on a {viewport}px screen"


def _photo(tmp_path: Path) -> Path:
    path = tmp_path / "manual.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "#2E7D32").save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.browser
@pytest.mark.parametrize("screen", SCREENS)
def test_a_walk_through_the_simulator(
    browser, demo_server, demo_app, artifacts, tmp_path, screen
) -> None:
    context = browser.new_context(viewport=SCREENS[screen], locale="th-TH")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    phone = Phone(page, artifacts, screen)
    page.goto(f"{demo_server}/simulator")

    # a new user adds the bot and is greeted
    phone.be("new")
    phone.wait_bot("สวัสดี")

    # a citizen lists the measures and opens one
    phone.be("Udemo-citizen")
    phone.menu("มาตรการ")
    carousel = phone.wait_bot("มาตรการ 3").locator(".flex-carousel")
    assert carousel.locator(".flex-bubble").count() == 3
    phone.fits()
    phone.shot("1-citizen-measures")
    carousel.locator(".flex-bubble").first.get_by_role("button", name="ดูรายละเอียด").click()
    opened = phone.wait_bot("1.2")
    assert "จัดคู่มือ" in opened.inner_text()
    phone.shot("2-citizen-measure-1")

    # a staff member links with the code the page shows, then reports 1.2 by tapping
    sudar = next(
        p
        for p in page.evaluate("fetch('/simulator/api/people').then(r => r.json())")["people"]
        if p.get("code")
    )
    phone.be(sudar["id"])
    code = page.locator("#code strong").inner_text()
    assert code == sudar["code"]
    phone.type(code)
    phone.wait_bot(sudar["name"])
    page.locator("#code").wait_for(state="hidden", timeout=WAIT_MS)  # the code is used up
    # her menu is now the staff menu the bot linked to her on the platform
    page.locator("#menu-bar", has_text="เมนูงาน").wait_for(timeout=WAIT_MS)
    phone.shot("3-staff-linked")
    phone.menu("รายงานผล")
    phone.wait_bot("เลือกมาตรการ")
    phone.quick("มาตรการ 1")
    phone.wait_bot("1.2 จัดคู่มือ")
    phone.quick("1.2")
    phone.wait_bot("%")
    # December's 1.2 was 50% (the demo): the first button keeps it ("เหมือนเดิม 50%"); a
    # change asks what was done
    phone.page.locator("#quick button", has_text="เหมือนเดิม 50%").wait_for(timeout=WAIT_MS)
    phone.quick("75%")
    phone.wait_bot("ทำอะไรไปบ้าง")
    phone.type("ร่างคู่มือการยืมทรัพย์สินเสร็จแล้ว ส่งปลัดพิจารณา")
    phone.wait_bot("มีรูปถ่ายหรือไฟล์เป็นหลักฐานไหม")
    page.locator("#file").set_input_files(str(_photo(tmp_path)))
    phone.wait_bot("แนบแล้ว 1 ไฟล์")
    phone.quick("ถัดไป")
    card = phone.chat.locator("li.bot .flex-bubble", has_text="ยืนยัน").last
    card.wait_for(timeout=WAIT_MS)
    assert "75%" in card.inner_text() and "ร่างคู่มือการยืมทรัพย์สิน" in card.inner_text()
    phone.fits()
    phone.shot("4-staff-confirm-card")
    card.get_by_role("button", name="ยืนยัน").click()
    phone.wait_bot("บันทึกรายงานแล้ว")
    phone.shot("5-staff-saved")

    # the head runs the summary job and sees it arrive as a push
    phone.be("Udemo-head")
    before = phone.chat.locator("li.bot").count()
    page.locator("[data-job=summary]").click()
    page.locator("#job-result", has_text="สรุป").wait_for(timeout=WAIT_MS)
    summary = phone.chat.locator("li.bot[data-via=multicast], li.bot[data-via=push]").last
    summary.wait_for(timeout=WAIT_MS)
    assert phone.chat.locator("li.bot").count() > before
    text = summary.inner_text()
    assert "มาตรการ 1" in text and "มาตรการ 3" in text
    summary.evaluate("el => el.scrollIntoView({block: 'start'})")
    phone.fits()
    phone.shot("6-head-summary")

    assert errors == []
    context.close()


@pytest.mark.browser
def test_leave_from_the_menus_date_picker_and_the_head_asking_in_words(
    browser, demo_server, demo_app, artifacts, clock
) -> None:
    """The staff menu's แจ้งลา is LINE's date picker: the simulator asks for the day and
    sends it in the postback's `params.date`; the head then asks in his own words."""
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    phone = Phone(page, artifacts, "phone")
    page.goto(f"{demo_server}/simulator")
    phone.be("Udemo-wichai")
    day = clock.now().date() + timedelta(days=4)
    asked: list[str] = []

    def pick(dialog) -> None:
        asked.append(dialog.message)
        dialog.accept(day.isoformat())

    page.once("dialog", pick)
    phone.menu("แจ้งลา")
    phone.wait_bot("บันทึกการลาแล้ว ถึงวันที่ 24 มกราคม 2565")
    assert asked == ["แจ้งลา"]
    phone.shot("7-staff-leave-picker")
    phone.be("Udemo-head")
    phone.type("ใครยังไม่ส่งรายงานบ้างครับ")
    answer = phone.wait_bot("รายงานผลเดือนมกราคม 2565")
    assert "นายวิชัย มั่นคง (ถึง 24 ม.ค. 65)" in answer.inner_text()
    phone.fits()
    phone.shot("8-head-who-has-not-reported")
    # the head nudges everyone still missing: shown with its cost, then sent
    phone.quick("เตือนคนที่ยังไม่ส่ง")
    ask = phone.wait_bot("ยืนยันการส่งไหม")
    assert "มาลี" in ask.inner_text() and "วิชัย" not in ask.inner_text()  # on leave
    phone.quick("ส่งเตือน")
    phone.wait_bot("ส่งข้อความเตือนแล้ว")
    phone.shot("9-head-nudged")
    phone.be("Udemo-malee")
    nudge = phone.chat.locator("li.bot[data-via=push]", has_text="ฝากเตือนรายงานผล").last
    nudge.wait_for(timeout=WAIT_MS)
    assert "นายสมชาย รักษ์ธรรม ฝากเตือนรายงานผล" in nudge.inner_text()
    phone.shot("10-staff-nudge-received")
    assert errors == []
    context.close()
