"""The console as `make run` shows it (demo mode, no LINE Login channel set): `/` points to
the simulator, the console and the public page; the sign-in page offers "sign in as" each
demo person, through the real LINE Login flow on the in-process fake platform. And the
console's pages carry no inline script or style (the site's CSP forbids them)."""

from __future__ import annotations

import re

import pytest

from messages_th import console_text, demo_content
from settings import ROOT
from tests.support.console import Browser

DEMO_ADMIN = next(p for p in demo_content.PEOPLE if p[1] == "admin")


@pytest.fixture
def demo(demo_app) -> Browser:
    running = demo_app.extensions["tidtam"]
    _ = running.line
    return Browser(demo_app.test_client(), running.fake_line, "http://localhost")


def test_the_root_points_to_the_simulator_the_console_and_the_public_page(demo) -> None:
    page = demo.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for href in ('href="/simulator"', 'href="/console"', 'href="/public"'):
        assert href in html
    assert console_text.FRONT_TITLE in html


def test_the_demo_sign_in_page_offers_every_demo_person(demo) -> None:
    html = demo.get("/console/login").get_data(as_text=True)
    for name, _role, _measures, line_user in demo_content.PEOPLE:
        if line_user:
            assert f'data-testid="sign-in-as-{line_user}"' in html and name in html
    assert f'data-testid="sign-in-as-{demo_content.CITIZEN[0]}"' in html
    assert console_text.SETUP_IN_DEMO in html  # how a real channel is set up, folded away
    assert "http://localhost:5000/console/login/callback" in html


def test_signing_in_as_the_demo_admin_goes_through_the_fake_line_login(demo) -> None:
    name, _role, _measures, line_user = DEMO_ADMIN
    url = demo.start(as_user=line_user)
    assert "/oauth2/v2.1/authorize?" in url and f"fake_user={line_user}" in url
    landed = demo.back(demo.authorize(url, None))
    assert landed.status_code == 303
    home = demo.get("/console").get_data(as_text=True)
    assert name in home and "เทศบาลตำบลบางกระบือ" in home
    assert demo.get("/console/admin").status_code == 200


def test_a_demo_staff_member_is_refused_like_anyone_else(demo) -> None:
    name, _role, _measures, line_user = next(p for p in demo_content.PEOPLE if p[1] == "staff")
    refused = demo.sign_in(line_user, as_user=line_user)
    assert refused.status_code == 403
    assert console_text.refused_staff(name) in refused.get_data(as_text=True)


def test_sign_in_as_someone_outside_the_demo_only_reaches_the_fake_chooser(demo) -> None:
    url = demo.start(as_user="Uoutsider")
    assert "fake_user" not in url


def test_the_console_templates_have_no_inline_script_or_style() -> None:
    inline = re.compile(r"<script|<style|\sstyle=|\son[a-z]+=|javascript:", re.I)
    templates = sorted((ROOT / "web" / "templates" / "console").glob("*.html"))
    assert templates
    offenders = [t.name for t in templates if inline.search(t.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_console_page_opens_on_the_demo_data(demo) -> None:
    """`make run`'s demo: the demo admin opens every page of the navigation, with the demo's
    reports, people, cases and pushes in them."""
    _name, _role, _measures, line_user = DEMO_ADMIN
    assert demo.sign_in(line_user, as_user=line_user).status_code == 303
    home = demo.get("/console").get_data(as_text=True)
    pages = re.findall(r'<li><a href="(/console[^"]*)"', home)
    assert len(pages) >= 9, pages
    for path in pages:
        assert demo.get(path).status_code == 200, path
    month = demo.get("/console/month").get_data(as_text=True)
    assert "รายงานโดย" in month  # the demo's staff have reported
