"""The console's walk in a real browser (Debian's Chromium), on a 390 px phone and a 1280 px
desktop, through the real LINE Login flow against the fake platform (issue 20, "Done
means"): the admin signs in, uploads the seed plan as .docx, fixes a field, adds two staff
and prints their codes; one links in LINE with the printed code and reports; the head
signs in, sees the month, answers a citizen's complaint (told in LINE) and downloads the
half-year report. Every page is screenshotted into artifacts/."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from messages_th import console_text as t
from tests.conftest import SEED
from tests.support import people
from tests.support.browser import DESKTOP, PHONE
from tests.support.console import console_site
from tests.support.line_chat import LineChat, texts
from tests.support.plan_documents import build_docx
from tests.support.waiting import wait_until

pytestmark = pytest.mark.browser
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
ADMIN, ADMIN_NAME = "Uwalk-admin", "นางสาวอรทัย ธุรการดี"
HEAD, HEAD_NAME = "Uwalk-head", "นายสมชาย รักษ์ธรรม"
STAFF_ONE, STAFF_TWO = "นางสาวมาลี ใจซื่อ", "นายวิชัย ตั้งใจ"
MALEE, CITIZEN = "Uwalk-malee", "Uwalk-citizen"
FIXED_TITLE = "มาตรการจัดการเรื่องผลประโยชน์ทับซ้อน (ตรวจแล้ว)"
WAIT_MS = 15_000


@pytest.fixture
def site(settings, clock, fake_line, database_url) -> Iterator[tuple[str, object]]:
    """The app served over HTTP at the address it knows as PUBLIC_BASE_URL, with a LINE
    Login channel and the Official Account's basic ID (for the codes' QR)."""
    with console_site(settings, clock, fake_line, line_bot_basic_id="@tidtam") as served:
        yield served


class Walk:
    """One screen's browser page and where its screenshots go."""

    def __init__(self, page, base: str, screen: str, artifacts) -> None:
        self.page, self.base, self.screen, self.artifacts = page, base, screen, artifacts

    def shot(self, name: str) -> None:
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= SCREENS[self.screen]["width"], f"{name}: {width} px wide on a {self.screen}"
        self.page.screenshot(
            path=str(self.artifacts / f"console-{self.screen}-walk-{name}.png"), full_page=True
        )

    def sign_in(self, name: str) -> None:
        page = self.page
        page.goto(self.base + "/")
        page.get_by_test_id("sign-in-with-line").click()
        page.get_by_text("Fake LINE Login").wait_for(timeout=WAIT_MS)
        page.get_by_role("link", name=name).click()
        page.get_by_test_id("hello").wait_for(timeout=WAIT_MS)

    def go(self, label: str, mark: str) -> None:
        self.page.get_by_role("navigation", name=t.NAV).get_by_role("link", name=label).click()
        self.page.get_by_test_id(mark).wait_for(timeout=WAIT_MS)

    def flash(self) -> str:
        found = self.page.get_by_test_id("flash")
        found.first.wait_for(timeout=WAIT_MS)
        return found.first.inner_text()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_console_walk(site, browser, fake_line, artifacts, tmp_path, screen) -> None:
    base, app = site
    running = app.extensions["tidtam"]
    runner = app.test_cli_runner()
    chat = LineChat(
        app.test_client(), fake_line, running.clock, running.settings.channel_secret, running
    )
    chat.send(ADMIN, people.add(runner, ADMIN_NAME, "admin"))  # the first admin, as the README says
    chat.send(HEAD, people.add(runner, HEAD_NAME, "head"))
    fake_line.profiles.update({ADMIN: ADMIN_NAME, HEAD: HEAD_NAME})
    plan_docx = build_docx(SEED, tmp_path / "measures-2565-bang-krabue.docx")

    context = browser.new_context(viewport=SCREENS[screen], locale="th-TH", accept_downloads=True)
    page = context.new_page()
    walk = Walk(page, base, screen, artifacts)
    try:
        # -- the admin: the plan ------------------------------------------------------------
        walk.sign_in(ADMIN_NAME)
        walk.go(t.NAV_PLAN, "plan")
        page.locator("#document").set_input_files(str(plan_docx))
        page.get_by_test_id("upload").get_by_role("button", name=t.UPLOAD_BUTTON).click()
        page.get_by_test_id("preview").wait_for(timeout=WAIT_MS)
        assert t.PREVIEW_NEW in page.get_by_test_id("changes").inner_text()
        walk.shot("plan-preview")
        page.locator("textarea[name='m1.title']").fill(FIXED_TITLE)
        page.get_by_test_id("draft-measure-1").get_by_role("button", name=t.APPLY).click()
        page.get_by_test_id("preview").wait_for(timeout=WAIT_MS)
        assert page.locator("textarea[name='m1.title']").input_value() == FIXED_TITLE
        page.get_by_test_id("save-plan").click()
        assert t.PLAN_SAVED in walk.flash()
        assert FIXED_TITLE in page.get_by_test_id("plan-measure-1").inner_text()
        walk.shot("plan")

        # -- the admin: two staff, their codes printed ----------------------------------------
        walk.go(t.NAV_PEOPLE, "people")
        for name in (STAFF_ONE, STAFF_TWO):
            form = page.get_by_test_id("add-person")
            form.get_by_label(t.NAME, exact=True).fill(name)
            form.get_by_label(t.ROLE, exact=True).select_option("staff")
            form.get_by_label(t.UNIT, exact=True).fill("สำนักปลัดเทศบาล")
            form.get_by_label(re.compile(r"^1\. ")).check()
            form.get_by_role("button", name=t.ADD_PERSON).click()
            page.get_by_test_id("code").wait_for(timeout=WAIT_MS)
            assert page.locator(".qr svg").count() == 1
            if name == STAFF_ONE:
                walk.shot("code")
            page.get_by_role("link", name=t.BACK_TO_PEOPLE).click()
            page.get_by_test_id("people").wait_for(timeout=WAIT_MS)
        walk.shot("people")
        with context.expect_page() as opened:
            page.get_by_test_id("print-codes").click()
        sheet = opened.value
        sheet.get_by_test_id("code-sheet").wait_for(timeout=WAIT_MS)
        cards = {
            card.locator("h2").inner_text(): card.get_by_test_id("code").inner_text()
            for card in sheet.get_by_test_id("code-card").all()
        }
        assert set(cards) == {STAFF_ONE, STAFF_TWO}
        sheet.emulate_media(media="print")
        sheet.screenshot(
            path=str(artifacts / f"console-{screen}-walk-codes-print.png"), full_page=True
        )
        if screen == "desktop":
            sheet.pdf(path=str(artifacts / "console-codes-a4.pdf"), format="A4")
        sheet.close()
        page.get_by_role("button", name=t.SIGN_OUT).click()

        # -- LINE: one links with the printed code and reports; a citizen complains -----------
        linked = chat.send(MALEE, cards[STAFF_ONE])
        assert STAFF_ONE.split()[0].removeprefix("นางสาว") in texts(linked)
        chat.send(MALEE, "รายงาน 1.2 50% จัดทำคู่มือแล้ว")
        for said in ("ร้องเรียน", "ไฟถนนหน้าวัดดับมาหนึ่งสัปดาห์", "ข้าม", "ข้าม", "ไม่ระบุตัวตน", "ส่ง"):
            chat.send(CITIZEN, said)

        # -- the head: the month, the citizen, the half-year report --------------------------
        walk.sign_in(HEAD_NAME)
        walk.go(t.NAV_MONTH, "month")
        reported = page.get_by_test_id("action-1-2").inner_text()
        assert STAFF_ONE in reported and "50%" in reported and "จัดทำคู่มือแล้ว" in reported
        assert STAFF_TWO in page.get_by_test_id("action-1-1").inner_text()  # still owes it
        walk.shot("month")
        walk.go(t.NAV_CITIZENS, "citizens")
        case = page.get_by_test_id("case-S-2565-0001")
        case.get_by_label(t.ANSWER).fill("แจ้งช่างไฟแล้ว จะซ่อมภายในวันนี้")
        case.get_by_test_id("answer").click()
        assert "S-2565-0001" in walk.flash()
        wait_until(
            lambda: "แจ้งช่างไฟแล้ว" in texts([d.message for d in chat.pushes_to(CITIZEN)]),
            what="the answer pushed to the citizen in LINE",
        )
        walk.shot("citizens")
        walk.go(t.NAV_REPORTS, "reports")
        with page.expect_download() as download:
            page.get_by_test_id("docx-half").click()
        saved = artifacts / f"console-{screen}-half-year.docx"
        download.value.save_as(str(saved))
        assert saved.read_bytes()[:2] == b"PK"
        walk.shot("reports")
        for label, mark, name in (
            (t.NAV_MEETINGS, "meetings", "meetings"),
            (t.NAV_DELIVERY, "delivery", "delivery"),
            (t.NAV_AUDIT, "audit", "audit"),
        ):
            walk.go(label, mark)
            walk.shot(name)
        audit = page.get_by_test_id("audit-rows").inner_text()
        assert ADMIN_NAME in audit and HEAD_NAME in audit and STAFF_ONE in audit
    finally:
        context.close()
