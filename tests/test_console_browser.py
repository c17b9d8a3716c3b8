"""The console in a real browser (Debian's Chromium), on a 390 px phone and a 1280 px
desktop: an admin signs in through LINE Login on the fake platform (its obviously fake
page, a click on their name) and sees the console's home; a demo visitor signs in as the
demo's admin. Screenshots go to artifacts/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from messages_th import console_text, demo_content
from tests.conftest import SEED
from tests.support import people
from tests.support.browser import DESKTOP, PHONE
from tests.support.console import console_site
from tests.support.line_chat import LineChat

pytestmark = pytest.mark.browser
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
ADMIN, ADMIN_NAME = "Ubrowser-admin", "นางสาวอรทัย ธุรการดี"
WAIT_MS = 15_000


@pytest.fixture
def site(settings, clock, fake_line, database_url) -> Iterator[tuple[str, object]]:
    """The app served over HTTP at the address it knows as PUBLIC_BASE_URL (the server is
    bound first, so the app is built knowing its own port), with a LINE Login channel."""
    with console_site(settings, clock, fake_line) as served:
        yield served


def _fits(page, screen: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SCREENS[screen]["width"], f"the page is {width} px wide on a {screen}"


@pytest.mark.parametrize("screen", SCREENS)
def test_an_admin_signs_in_through_line_login_and_sees_the_console(
    site, browser, fake_line, artifacts, screen
) -> None:
    base, app = site
    runner = app.test_cli_runner()
    code = people.add(runner, ADMIN_NAME, "admin")
    running = app.extensions["tidtam"]
    chat = LineChat(
        app.test_client(), fake_line, running.clock, running.settings.channel_secret, running
    )
    chat.send(ADMIN, code)  # linked in LINE, the real way
    assert runner.invoke(args=["plan", "import", str(SEED)]).exit_code == 0
    fake_line.profiles[ADMIN] = ADMIN_NAME

    context = browser.new_context(viewport=SCREENS[screen], locale="th-TH")
    page = context.new_page()
    try:
        page.goto(base + "/")
        page.get_by_test_id("sign-in-with-line").wait_for(timeout=WAIT_MS)
        _fits(page, screen)
        page.screenshot(path=str(artifacts / f"console-{screen}-sign-in.png"), full_page=True)
        page.get_by_test_id("sign-in-with-line").click()
        page.get_by_text("Fake LINE Login").wait_for(timeout=WAIT_MS)  # LINE's page, faked
        page.get_by_role("link", name=ADMIN_NAME).click()
        hello = page.get_by_test_id("hello")
        hello.wait_for(timeout=WAIT_MS)
        assert page.url == base + "/console"
        assert console_text.hello(ADMIN_NAME) in hello.inner_text()
        assert "เทศบาลตำบลบางกระบือ" in page.get_by_test_id("agency").inner_text()
        nav = page.get_by_role("navigation")
        assert nav.get_by_role("link", name=console_text.NAV_ADMIN).is_visible()
        _fits(page, screen)
        page.screenshot(path=str(artifacts / f"console-{screen}-home.png"), full_page=True)
        cookies = {c["name"]: c for c in context.cookies(base + "/console")}
        assert cookies["tidtam_console"]["httpOnly"]
        assert cookies["tidtam_console"]["sameSite"] == "Lax"
        page.get_by_role("button", name=console_text.SIGN_OUT).click()
        page.get_by_test_id("notice").wait_for(timeout=WAIT_MS)
        assert console_text.SIGNED_OUT in page.get_by_test_id("notice").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_a_demo_visitor_signs_in_as_the_demo_admin(demo_server, browser, artifacts, screen) -> None:
    name = next(p[0] for p in demo_content.PEOPLE if p[1] == "admin")
    user = next(p[3] for p in demo_content.PEOPLE if p[1] == "admin")
    context = browser.new_context(viewport=SCREENS[screen], locale="th-TH")
    page = context.new_page()
    try:
        page.goto(demo_server + "/")
        _fits(page, screen)
        page.screenshot(path=str(artifacts / f"console-{screen}-demo-front.png"), full_page=True)
        page.get_by_test_id("go-console").click()
        page.get_by_test_id(f"sign-in-as-{user}").wait_for(timeout=WAIT_MS)
        _fits(page, screen)
        page.screenshot(path=str(artifacts / f"console-{screen}-demo-sign-in.png"), full_page=True)
        page.get_by_test_id(f"sign-in-as-{user}").click()
        page.get_by_test_id("hello").wait_for(timeout=WAIT_MS)
        assert name in page.get_by_test_id("signed-in-as").inner_text()
        page.get_by_role("navigation", name=console_text.NAV).get_by_role(
            "link", name=console_text.NAV_ADMIN
        ).click()
        page.get_by_test_id("admin").wait_for(timeout=WAIT_MS)
        _fits(page, screen)
        page.screenshot(path=str(artifacts / f"console-{screen}-demo-admin.png"), full_page=True)
    finally:
        context.close()
