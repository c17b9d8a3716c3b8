"""The switch-on page in a real browser (Debian's Chromium): an agency's admin signs in
with LINE Login, pastes the channel secret and access token, is told plainly when a field
is empty or LINE refuses the token (what was typed stays), then Tidtam checks the token,
sets and tests the webhook and makes the rich menus with the agency's token; the
checklist shows what is done and what is left. Screenshots go to artifacts/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import select

from models.agency import AgencyState, by_slug
from models.app_setting import AppSetting
from models.credentials import new_key
from models.staff import Staff
from tests.support.browser import PHONE
from tests.support.console import console_site

pytestmark = pytest.mark.browser
KEY = new_key()
ADMIN, ADMIN_NAME = "Uswitch-admin", "นางบี ผู้ดูแลบี"
WAIT_MS = 20_000


@pytest.fixture
def site(settings, clock, fake_line, database_url) -> Iterator[tuple[str, object]]:
    with console_site(settings, clock, fake_line, credentials_keys=KEY) as served:
        yield served


def _done(page, item: str) -> bool:
    return page.get_by_test_id(f"item-{item}").get_attribute("data-done") == "yes"


def test_an_agency_admin_switches_the_channel_on(site, browser, fake_line, artifacts) -> None:
    base, app = site
    running = app.extensions["tidtam"]
    runner = app.test_cli_runner()
    assert runner.invoke(args=["agency", "add", "b-town", "อบต.บี"]).exit_code == 0
    with running.db.session() as session:
        agency = by_slug(session, "b-town")
        assert agency is not None
        agency_id = agency.id
    with running.db.session(agency_id=agency_id) as session:
        now = running.clock.now()
        session.add(
            Staff(name=ADMIN_NAME, role="admin", line_user_id=ADMIN, created_at=now, linked_at=now)
        )
    channel = fake_line.add_channel("b-town")
    fake_line.profiles[ADMIN] = ADMIN_NAME

    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    try:
        page.goto(base + "/console/channel")
        page.get_by_test_id("sign-in-with-line").click()
        page.get_by_role("link", name=ADMIN_NAME).click()
        page.get_by_test_id("channel").wait_for(timeout=WAIT_MS)
        assert not _done(page, "channel_checked") and not _done(page, "plan_imported")
        assert _done(page, "admin_linked")
        page.screenshot(path=str(artifacts / "channel-before.png"), full_page=True)

        # an empty field: said, nothing stored
        page.fill("#access_token", channel.access_token)
        page.get_by_role("button", name="ตรวจและเชื่อมช่องทาง").click()
        page.get_by_test_id("flash").first.wait_for(timeout=WAIT_MS)
        assert "ต้องกรอกทั้ง Channel secret" in page.inner_text("main")
        assert page.input_value("#access_token") == channel.access_token  # kept

        # a token LINE refuses: said, what was typed stays
        page.fill("#channel_secret", channel.secret)
        page.fill("#access_token", "not-the-token")
        page.get_by_role("button", name="ตรวจและเชื่อมช่องทาง").click()
        page.get_by_text("ไลน์ไม่รับ channel access token นี้").wait_for(timeout=WAIT_MS)
        assert page.input_value("#channel_secret") == channel.secret
        assert not _done(page, "channel_checked")
        page.screenshot(path=str(artifacts / "channel-refused.png"), full_page=True)

        # the right token: checked, stored, webhook set and tested, rich menus made
        page.fill("#access_token", channel.access_token)
        page.get_by_role("button", name="ตรวจและเชื่อมช่องทาง").click()
        page.get_by_text("ไลน์ทดสอบสำเร็จ").wait_for(timeout=WAIT_MS)
        for item in ("channel_checked", "credentials_stored", "webhook_set", "webhook_tested"):
            assert _done(page, item), item
        assert _done(page, "rich_menus"), page.inner_text("main")
        assert not _done(page, "plan_imported") and not _done(page, "staff_added")
        assert page.get_by_role("link", name="ไปนำเข้าแผน").count() == 1
        page.screenshot(path=str(artifacts / "channel-after.png"), full_page=True)
    finally:
        context.close()

    assert channel.webhook_url == f"{base}/callback/b-town"
    with running.db.session() as session:
        agency = by_slug(session, "b-town")
        assert agency is not None and agency.state == AgencyState.CONNECTED
        assert agency.access_token and channel.access_token not in agency.access_token
    with running.db.session(agency_id=agency_id) as session:
        menus = session.exec(select(AppSetting).where(AppSetting.key == "rich_menus")).one()
    assert set(menus.value) == {"citizen", "staff", "head"}
    made = fake_line.requests_to("/v2/bot/richmenu")
    assert made and all(
        r.headers.get("authorization") == f"Bearer {channel.access_token}" for r in made
    )
