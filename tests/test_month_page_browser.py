"""The month page in a real browser at phone size (390 px), reached as LINE would: the
staff rich menu's button in the simulator, the bot's card, the page in a pane. A staff
member with 6 actions reports a month in which 4 did not change, and every tap is counted
(typing is not a tap; a tap into a text box is)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import col, select

from models.plan import Action
from models.progress import Report
from models.staff import Staff
from tests.support.browser import PHONE

WAIT_MS = 15_000
JAN = date(2022, 1, 1)


class Taps:
    """Every tap the person makes, made with a touch (the context has a touch screen)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, locator) -> None:
        locator.wait_for(timeout=WAIT_MS)
        locator.tap()
        self.count += 1


def _januarys(app) -> dict[str, tuple[int, str, str]]:
    running = app.extensions["tidtam"]
    with running.db.session() as session:
        rows = session.exec(
            select(Report, Action.number, Staff.name)
            .join(Action, col(Action.id) == Report.action_id)
            .join(Staff, col(Staff.id) == Report.staff_id)
            .where(Report.month == JAN, col(Report.superseded_at).is_(None))
        ).all()
    return {f"2.{n}": (r.percent, r.detail, r.source) for r, n, name in rows if "วิชัย" in name}


@pytest.mark.browser
def test_a_month_of_six_actions_in_at_most_ten_taps(browser, demo_server, demo_app, artifacts):
    context = browser.new_context(viewport=PHONE, locale="th-TH", has_touch=True, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{demo_server}/simulator")
    page.get_by_test_id("who").select_option("Udemo-wichai")
    page.locator("#menu-bar", has_text="เมนูงาน").wait_for(timeout=WAIT_MS)
    before = _januarys(demo_app)
    assert before == {
        "2.4": (100, "จัดทำปฏิทินประชาสัมพันธ์ทั้งปี", "demo"),
        "2.5": (50, "สรุปแบบสำรวจเดือนธันวาคม 84 ชุด", "demo"),
    }

    tap = Taps()
    if page.locator("#rich-menu").is_hidden():
        tap(page.locator("#menu-bar"))
    tap(page.locator("#rich-menu").get_by_role("button", name="ทั้งเดือน", exact=True))
    card = page.locator("#chat li.bot", has_text="รายงานผลทั้งเดือน").last
    tap(card.get_by_role("button", name="เปิดรายงานทั้งเดือน"))
    page.locator("#pane").wait_for(state="visible", timeout=WAIT_MS)
    month = page.frame_locator("#pane-frame")
    for key in ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6"):
        month.get_by_test_id(f"action-{key}").wait_for(timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / "month-page-phone-1-open.png"))

    # 2.1 (done in October) and 2.4 (done this month) stay done; 2.2 and 2.5 as before;
    # 2.3 and 2.6, never reported, move on
    for key, words in (("2.3", "นำระบบจองคิวออนไลน์มาใช้ที่กองคลัง"), ("2.6", "วิเคราะห์ผลสำรวจไตรมาสแรก")):
        action = month.get_by_test_id(f"action-{key}")
        tap(action.locator("label.chip", has_text="25%"))
        box = action.locator("textarea")
        tap(box)
        box.fill(words)
    month.get_by_test_id("action-2.6").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "month-page-phone-2-filled.png"))
    tap(month.get_by_test_id("send"))
    saved = month.get_by_test_id("saved")
    saved.wait_for(timeout=WAIT_MS)
    assert "บันทึกรายงานเดือนมกราคม 2565แล้ว" in saved.inner_text()
    page.screenshot(path=str(artifacts / "month-page-phone-3-saved.png"))

    assert tap.count <= 10, f"{tap.count} taps"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1
    after = _januarys(demo_app)
    assert after == {
        "2.2": (50, "ใช้ระบบรับคำร้องออนไลน์ครบทุกกอง", "month_page"),
        "2.3": (25, "นำระบบจองคิวออนไลน์มาใช้ที่กองคลัง", "month_page"),
        "2.4": (100, "จัดทำปฏิทินประชาสัมพันธ์ทั้งปี", "demo"),  # done: left alone
        "2.5": (50, "สรุปแบบสำรวจเดือนธันวาคม 84 ชุด", "demo"),  # reported this month: kept
        "2.6": (25, "วิเคราะห์ผลสำรวจไตรมาสแรก", "month_page"),
    }
    assert errors == []
    context.close()
    print(f"month page: 6 actions, 4 unchanged, {tap.count} taps")


@pytest.mark.browser
def test_the_head_nudges_from_the_summary_in_the_simulator(
    browser, demo_server, demo_app, artifacts
) -> None:
    context = browser.new_context(viewport=PHONE, locale="th-TH", has_touch=True, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{demo_server}/simulator")
    page.get_by_test_id("who").select_option("Udemo-head")
    page.locator("#menu-bar", has_text="เมนูหัวหน้า").wait_for(timeout=WAIT_MS)
    tap = Taps()
    if page.locator("#rich-menu").is_hidden():
        tap(page.locator("#menu-bar"))
    tap(page.locator("#rich-menu").get_by_role("button", name="สรุปเดือนนี้", exact=True))
    card = page.locator("#chat li.bot", has_text="ยังไม่ส่งเลย").last
    card.wait_for(timeout=WAIT_MS)
    assert "ความหมายของเครื่องหมาย" in card.inner_text() or "✓ ส่งครบทุกข้อ" in card.inner_text()
    tap(card.get_by_role("button", name="เตือนทุกคนที่ยังไม่ส่ง"))
    confirm = page.locator("#chat li.bot", has_text="ใช้โควตาข้อความของหน่วยงาน").last
    confirm.wait_for(timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / "summary-nudge-phone-1-confirm.png"))
    tap(page.locator("#quick button", has_text="ส่งเตือน").first)
    done = page.locator("#chat li.bot", has_text="ส่งข้อความเตือนแล้ว").last
    done.wait_for(timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / "summary-nudge-phone-2-sent.png"))
    nudged = done.inner_text()
    assert "นางสาวมาลี ใจซื่อ" in nudged or "นายวิชัย มั่นคง" in nudged
    # วิชัย finds the head's nudge in his chat, with the button to his month page
    page.get_by_test_id("who").select_option("Udemo-wichai")
    push = page.locator("#chat li.bot", has_text="ฝากเตือนรายงานผล").last
    push.wait_for(timeout=WAIT_MS)
    push.get_by_role("button", name="รายงานทั้งเดือน").wait_for(timeout=WAIT_MS)
    assert tap.count <= 5
    assert errors == []
    context.close()
