"""Who may open what in the console: every console route × every kind of person, as the
server answers. Like the LINE matrix (tests/hostile/test_authorization.py), the rows are
checked against the guard's own registry and the app's URL map, so a console page added
without a row here fails the suite.

The people: someone who never signed in; a citizen (a LINE user linked to no one) and a
staff member, who both go through LINE Login and are refused; the head and the admin, who
get in. Every POST carries the CSRF token of its form (for those shown the form), and is
refused without one.
"""

from __future__ import annotations

import pytest
from flask import url_for

from console.guard import ROUTES
from console.line_login import CALLBACK_PATH
from tests.support import people
from tests.support.console import CHANNEL_ID, CHANNEL_SECRET, Browser, with_line_login

PERSONS = ("unsigned", "citizen", "staff", "head", "admin")
USERS = {person: f"Umatrix-{person}" for person in PERSONS}
HEAD_OR_ADMIN = {"head": 200, "admin": 200}
OUTSIDERS = {"unsigned": 303, "citizen": 303, "staff": 303}
#: an admin's form: those who never see it have no token (400); a head sees the console's
#: forms but is refused this one (403)
ADMIN_POST = {**dict.fromkeys(OUTSIDERS, 400), "head": 403}
#: a form for heads and admins: those who never see it have no token (400)
HEAD_POST = dict.fromkeys(OUTSIDERS, 400)

#: (endpoint, method) -> what each person gets: the status code
EXPECTED: dict[tuple[str, str], dict[str, int]] = {
    # the site's root: to the console (demo mode shows a page of links instead)
    ("console_front.front", "GET"): dict.fromkeys(PERSONS, 302),
    # the sign-in page; someone signed in is sent on to the console
    ("console.sign_in", "GET"): {**dict.fromkeys(OUTSIDERS, 200), "head": 302, "admin": 302},
    # "sign in with LINE": off to LINE's page, for anyone
    ("console.start", "GET"): dict.fromkeys(PERSONS, 302),
    # LINE's redirect back, with no sign-in started: refused for everyone
    ("console.callback", "GET"): dict.fromkeys(PERSONS, 400),
    # signing out is a form in the console's pages: without a session's token, refused
    ("console.sign_out", "POST"): {**dict.fromkeys(OUTSIDERS, 400), "head": 303, "admin": 303},
    ("console.home", "GET"): {**OUTSIDERS, **HEAD_OR_ADMIN},
    ("console.admin", "GET"): {**OUTSIDERS, "head": 403, "admin": 200},
    # the data pages: heads and admins (without a plan the month says so, 200)
    ("console.this_month", "GET"): {**OUTSIDERS, **HEAD_OR_ADMIN},
    ("console.send_summary_now", "POST"): {
        **dict.fromkeys(OUTSIDERS, 400),
        "head": 303,
        "admin": 303,
    },
    # a report's photo: heads and admins (none here: 404 after the guard)
    ("console.evidence_file", "GET"): {**OUTSIDERS, "head": 404, "admin": 404},
    # people: the admin only (an empty form is 400: nothing is added)
    ("console.people", "GET"): {**OUTSIDERS, "head": 403, "admin": 200},
    ("console.add_person", "POST"): {**ADMIN_POST, "admin": 400},
    ("console.person", "GET"): {**OUTSIDERS, "head": 403, "admin": 200},
    ("console.change_person", "POST"): {**ADMIN_POST, "admin": 400},
    ("console.new_code", "POST"): {**ADMIN_POST, "admin": 200},
    ("console.code_sheet", "POST"): {**ADMIN_POST, "admin": 200},
    # the plan: heads and admins see it; the admin uploads (no file: 400), previews (nothing
    # read yet: back to the plan, 303), corrects, saves, discards
    ("console.plan_page", "GET"): {**OUTSIDERS, **HEAD_OR_ADMIN},
    ("console.upload_plan", "POST"): {**ADMIN_POST, "admin": 400},
    ("console.set_citizen_links", "POST"): {**ADMIN_POST, "admin": 400},
    ("console.plan_preview", "GET"): {**OUTSIDERS, "head": 403, "admin": 303},
    ("console.correct_plan", "POST"): {**ADMIN_POST, "admin": 303},
    ("console.save_plan", "POST"): {**ADMIN_POST, "admin": 303},
    ("console.discard_plan", "POST"): {**ADMIN_POST, "admin": 303},
    # meetings and days off: heads and admins (a form without its fields: 400)
    ("console.meetings_page", "GET"): {**OUTSIDERS, **HEAD_OR_ADMIN},
    ("console.set_meeting", "POST"): {**HEAD_POST, "head": 400, "admin": 400},
    ("console.unset_meeting", "POST"): {**HEAD_POST, "head": 400, "admin": 400},
    ("console.set_rule", "POST"): {**HEAD_POST, "head": 400, "admin": 400},
    ("console.add_day_off", "POST"): {**HEAD_POST, "head": 400, "admin": 400},
    ("console.remove_day_off", "POST"): {**HEAD_POST, "head": 400, "admin": 400},
    # citizens' cases: heads and admins (no such case: back to the list, told so)
    ("console.citizens", "GET"): {**OUTSIDERS, **HEAD_OR_ADMIN},
    ("console.answer_case", "POST"): {**HEAD_POST, "head": 303, "admin": 303},
    ("console.close_case", "POST"): {**HEAD_POST, "head": 303, "admin": 303},
    ("console.take_case", "POST"): {**HEAD_POST, "head": 303, "admin": 303},
    ("console.forward_case", "POST"): {**HEAD_POST, "head": 303, "admin": 303},
    # delivery, reports, audit: heads and admins
    ("console.delivery_page", "GET"): {**OUTSIDERS, **HEAD_OR_ADMIN},
    ("console.retry_push", "POST"): {**HEAD_POST, "head": 303, "admin": 303},
    ("console.reports_page", "GET"): {**OUTSIDERS, **HEAD_OR_ADMIN},
    ("console.audit_page", "GET"): {**OUTSIDERS, **HEAD_OR_ADMIN},
    # picking an agency: for the LINE user who signed in (one agency here: the list of one);
    # a pick without a choice is refused
    ("console.pick", "GET"): {**dict.fromkeys(OUTSIDERS, 302), **HEAD_OR_ADMIN},
    ("console.pick_agency", "POST"): {**dict.fromkeys(OUTSIDERS, 400), "head": 403, "admin": 403},
    # the operator's page (agency no. 1's admin); adding without a name is 400
    ("console.agencies_page", "GET"): {**OUTSIDERS, "head": 403, "admin": 200},
    ("console.add_agency", "POST"): {**ADMIN_POST, "admin": 400},
    ("console.add_agency_admin", "POST"): {**ADMIN_POST, "admin": 400},
    # switching the channel on: agency no. 1's channel is the environment's (400: not here)
    ("console.channel_page", "GET"): {**OUTSIDERS, "head": 403, "admin": 200},
    ("console.connect_channel", "POST"): {**ADMIN_POST, "admin": 400},
    # (after the rows that need the staff member active)
    ("console.deactivate_person", "POST"): {**ADMIN_POST, "admin": 303},
}
#: what a page shows only to those it is for
MARKS = {
    "console.home": 'data-testid="hello"',
    "console.admin": 'data-testid="admin"',
    "console.this_month": 'data-testid="no-plan"',
    "console.people": 'data-testid="people"',
    "console.person": 'data-testid="person"',
    "console.new_code": 'data-testid="code"',
    "console.code_sheet": 'data-testid="code-sheet"',
    "console.plan_page": 'data-testid="plan"',
    "console.meetings_page": 'data-testid="meetings"',
    "console.citizens": 'data-testid="citizens"',
    "console.delivery_page": 'data-testid="delivery"',
    "console.reports_page": 'data-testid="reports"',
    "console.audit_page": 'data-testid="audit"',
    "console.pick": 'data-testid="pick"',
    "console.agencies_page": 'data-testid="agencies"',
    "console.channel_page": 'data-testid="channel"',
}
#: the URL values of routes that take some (`/people/<int:staff_id>` → {"staff_id": 1})
VALUES: dict[str, dict[str, object]] = {
    "console.evidence_file": {"evidence_id": 1},
    "console.answer_case": {"ref": "S-2565-0001"},
    "console.close_case": {"ref": "S-2565-0001"},
    "console.take_case": {"ref": "S-2565-0001"},
    "console.forward_case": {"ref": "S-2565-0001"},
    "console.retry_push": {"message_id": 1},
    "console.add_agency_admin": {"slug": "main"},
    # the staff member of the cast (the first added)
    **{
        endpoint: {"staff_id": 1}
        for endpoint in (
            "console.person",
            "console.change_person",
            "console.deactivate_person",
            "console.new_code",
        )
    },
}


@pytest.fixture
def settings(settings):
    """The suite's settings with a LINE Login channel on the fake platform."""
    return with_line_login(settings)


@pytest.fixture
def cast(app, runner, line, fake_line, clock, settings) -> None:
    fake_line.login.add_channel(
        CHANNEL_ID, CHANNEL_SECRET, [settings.public_base_url + CALLBACK_PATH]
    )
    fake_line.login.now = lambda: clock.now().timestamp()
    people.link(runner, line, USERS["staff"], "นางสาวมาลี ใจซื่อ", "staff", "1")
    people.link(runner, line, USERS["head"], "นายสมชาย รักษ์ธรรม", "head")
    people.link(runner, line, USERS["admin"], "นางสาวอรทัย ธุรการดี", "admin")


def _as(person: str, app, fake_line, settings) -> Browser:
    """A fresh browser; everyone but the unsigned one has been through LINE Login."""
    browser = Browser(app.test_client(), fake_line, settings.public_base_url)
    if person != "unsigned":
        answer = browser.sign_in(USERS[person])
        assert answer.status_code == (303 if person in ("head", "admin") else 403), person
    return browser


def _form_token(browser: Browser) -> str | None:
    """The token of the forms on the console's pages, for those who see them."""
    return browser.csrf() if browser.get("/console").status_code == 200 else None


def _url(app, endpoint: str) -> str:
    with app.test_request_context():
        return url_for(endpoint, **VALUES.get(endpoint, {}))


def _call(browser: Browser, url: str, method: str, *, token: bool = True):
    if method == "GET":
        return browser.get(url)
    found = _form_token(browser) if token else None
    return browser.post(url, {"csrf_token": found} if found else {})


def test_every_console_route_has_a_row(app) -> None:
    registered = {(r.endpoint, m) for r in ROUTES.values() for m in r.methods}
    assert registered == set(EXPECTED)


def test_the_url_map_has_no_console_route_outside_the_guard(app) -> None:
    """A view added to the console's blueprints with a bare `bp.get` would skip the guard."""
    served = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in ("console", "console_front")
        and not rule.endpoint.endswith(".static")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert served == set(EXPECTED)


@pytest.mark.parametrize("person", PERSONS)
def test_each_person_gets_what_the_matrix_says(cast, app, fake_line, settings, person) -> None:
    got, leaked = {}, []
    for endpoint, method in EXPECTED:
        browser = _as(person, app, fake_line, settings)
        answer = _call(browser, _url(app, endpoint), method)
        got[(endpoint, method)] = answer.status_code
        mark = MARKS.get(endpoint)
        if mark and answer.status_code != 200 and mark in answer.get_data(as_text=True):
            leaked.append(endpoint)
    assert got == {key: outcomes[person] for key, outcomes in EXPECTED.items()}
    assert leaked == []


@pytest.mark.parametrize("person", ["unsigned", "admin"])
def test_every_post_is_refused_without_its_form_token(
    cast, app, fake_line, settings, person
) -> None:
    for endpoint, method in EXPECTED:
        if method != "POST":
            continue
        browser = _as(person, app, fake_line, settings)
        assert _call(browser, _url(app, endpoint), method, token=False).status_code == 400
        if person == "admin":  # the refused post changed nothing: still signed in
            assert browser.get("/console").status_code == 200


@pytest.mark.parametrize("person", ["unsigned", "head"])
def test_the_console_answers_with_or_without_its_last_slash(
    cast, app, fake_line, settings, person
) -> None:
    """`/console/` is how people type it: the same page (or the same way to sign in)."""
    browser = _as(person, app, fake_line, settings)
    plain, slashed = browser.get("/console"), browser.get("/console/")
    assert slashed.status_code == plain.status_code != 404
    # the sign-in page, which then leads back to the address as typed
    signs_in = [a.headers.get("Location", "").split("?")[0] for a in (plain, slashed)]
    assert signs_in[0] == signs_in[1]
