"""The console with two agencies (issue 21): a signed-in session works for its staff
member's agency alone. Agency B's admin and head request every console route with agency
A's ids and never see or change A's staff, plan, reports or messages; someone who is an
admin in both picks one after signing in; the operator's page is agency no. 1's admins'.
"""

from __future__ import annotations

from datetime import date

import pytest
from flask import url_for
from sqlmodel import select

from console.guard import ROUTES
from models.agency import FIRST_AGENCY_ID
from models.outbox import OutboxMessage, OutboxStatus
from models.plan import get_plan, plan_tree
from models.progress import Report, ReportSource, record_report
from models.staff import Staff
from tests.support import people
from tests.support.console import Browser, open_login_channel, with_line_login
from usecases import agencies
from usecases.actor import COMMAND_LINE

A_PEOPLE = {
    "Uiso-a-staff": ("นางสาวมาลี ใจซื่อ", "staff"),
    "Uiso-a-head": ("นายสมชาย รักษ์ธรรม", "head"),
    "Uiso-a-admin": ("นางสาวอรทัย ธุรการดี", "admin"),
}
B_PEOPLE = {"Uiso-b-head": ("นายบี หัวหน้าบี", "head"), "Uiso-b-admin": ("นางบี ผู้ดูแลบี", "admin")}
A_DETAIL = "รายงานลับของหน่วยงานเอ"
#: what only agency A's pages show
A_MARKS = (*[name for name, _ in A_PEOPLE.values()], A_DETAIL, "เทศบาลตำบลบางกระบือ")


@pytest.fixture
def settings(settings):
    return with_line_login(settings)


def _add_people(services, agency_id: int, cast: dict[str, tuple[str, str]]) -> None:
    with services.db.session(agency_id=agency_id) as session:
        for user, (name, role) in cast.items():
            session.add(
                Staff(
                    name=name,
                    role=role,
                    line_user_id=user,
                    created_at=services.clock.now(),
                    linked_at=services.clock.now(),
                )
            )


@pytest.fixture
def two(services, runner, line, seed_plan, fake_line, clock, settings) -> int:
    """Agency A (no. 1) with the seed plan, its people linked in LINE, a report and a
    queued message; agency B with a head and an admin, no plan."""
    open_login_channel(fake_line, settings.public_base_url, clock)
    for user, (name, role) in A_PEOPLE.items():
        people.link(runner, line, user, name, role)
    with services.db.session(agency_id=FIRST_AGENCY_ID) as session:
        tree = plan_tree(session, get_plan(session, 2565))
        record_report(
            session,
            action_id=tree[0][1][1].id,
            month=date(2022, 1, 1),
            percent=40,
            detail=A_DETAIL,
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )
    assert runner.invoke(args=["summary", "--send"]).exit_code == 0
    with services.db.session(agency_id=FIRST_AGENCY_ID) as session:
        for message in session.exec(select(OutboxMessage)):  # failed: B's retry must not touch it
            message.status = OutboxStatus.FAILED
            session.add(message)
    with services.db.session() as session:
        added = agencies.add_agency(session, COMMAND_LINE, "b-town", "อบต.บี", clock.now())
    assert isinstance(added, agencies.AgencyAdded)
    _add_people(services, added.id, B_PEOPLE)
    return added.id


def _a_state(services) -> tuple:
    """Everything of agency A that B's forms could change."""
    with services.db.session(agency_id=FIRST_AGENCY_ID) as session:
        staff = sorted(
            (s.id, s.name, s.role, s.active, s.line_user_id, s.unit_id)
            for s in session.exec(select(Staff))
        )
        reports = sorted((r.id, r.percent, r.superseded_at) for r in session.exec(select(Report)))
        outbox = sorted((m.id, m.status, m.attempts) for m in session.exec(select(OutboxMessage)))
        plan = get_plan(session, 2565)
        assert plan is not None
        return staff, reports, outbox, plan.updated_at


def _values(services) -> dict[str, object]:
    """Agency A's ids for every URL value a console route takes."""
    with services.db.session(agency_id=FIRST_AGENCY_ID) as session:
        staff_id = session.exec(select(Staff.id).where(Staff.role == "staff")).first()
        message_id = session.exec(select(OutboxMessage.id)).first()
    assert staff_id is not None and message_id is not None
    return {
        "staff_id": staff_id,
        "message_id": message_id,
        "evidence_id": 1,
        "ref": "S-2565-0001",
        "slug": "main",
    }


def _url(app, endpoint: str, values: dict[str, object]) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    with app.test_request_context():
        return url_for(endpoint, **{k: values[k] for k in rule.arguments})


@pytest.mark.parametrize("user", sorted(B_PEOPLE))
def test_b_sees_and_changes_nothing_of_a_on_any_console_route(
    two, app, services, fake_line, settings, user
) -> None:
    before, values = _a_state(services), _values(services)
    leaked, statuses = [], {}
    for endpoint, route in sorted(ROUTES.items()):
        for method in route.methods:
            browser = Browser(app.test_client(), fake_line, settings.public_base_url)
            assert browser.sign_in(user).status_code == 303
            url = _url(app, endpoint, values)
            if method == "GET":
                answer = browser.get(url)
            else:
                token = browser.csrf()
                answer = browser.post(
                    url, {"csrf_token": token, "staff_id": str(values["staff_id"])}
                )
            statuses[(endpoint, method)] = answer.status_code
            body = answer.get_data(as_text=True)
            leaked += [(endpoint, method, mark) for mark in A_MARKS if mark in body]
            assert answer.status_code < 500, (endpoint, method)
    assert leaked == []
    assert _a_state(services) == before
    # A's rows by A's ids are not found under B
    assert statuses[("console.evidence_file", "GET")] == 404
    if user == "Uiso-b-admin":  # the people pages are the admin's (a head gets 403)
        assert statuses[("console.person", "GET")] == 404
        assert statuses[("console.change_person", "POST")] in (400, 404)
        assert statuses[("console.deactivate_person", "POST")] in (303, 404)
    assert statuses[("console.add_agency_admin", "POST")] == 403  # B's admin: no operator


def test_b_admin_sees_its_own_people_and_no_plan(two, app, fake_line, settings) -> None:
    browser = Browser(app.test_client(), fake_line, settings.public_base_url)
    browser.sign_in("Uiso-b-admin")
    page = browser.get("/console/people").get_data(as_text=True)
    assert "นายบี หัวหน้าบี" in page and "นางสาวมาลี" not in page
    assert 'data-testid="no-plan"' in browser.get("/console/month").get_data(as_text=True)
    # the operator's page is agency no. 1's admins'
    assert browser.get("/console/agencies").status_code == 403
    assert browser.get("/console/channel").status_code == 200


def test_someone_in_two_agencies_picks_one_and_may_switch(two, app, services, fake_line, settings):
    _add_people(services, two, {"Uiso-a-admin": ("นางสาวอรทัย ธุรการดี", "admin")})
    browser = Browser(app.test_client(), fake_line, settings.public_base_url)
    answer = browser.sign_in("Uiso-a-admin")
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/console/pick")
    assert browser.get("/console").status_code == 303  # not in yet
    page = browser.get("/console/pick").get_data(as_text=True)
    assert 'data-testid="pick-main"' in page and 'data-testid="pick-b-town"' in page
    token = browser.csrf("/console/pick")
    with services.db.session(agency_id=two) as session:
        in_b = session.exec(select(Staff).where(Staff.line_user_id == "Uiso-a-admin")).one()
    # a staff id that is not this person's is refused
    refused = browser.post("/console/pick", {"csrf_token": token, "staff_id": "1"})
    assert refused.status_code == 403
    picked = browser.post("/console/pick", {"csrf_token": token, "staff_id": str(in_b.id)})
    assert picked.status_code == 303
    people_b = browser.get("/console/people").get_data(as_text=True)
    assert "นายบี หัวหน้าบี" in people_b and "นางสาวมาลี" not in people_b
    assert 'data-testid="switch-agency"' in people_b and "อบต.บี" in people_b
    assert browser.get("/console/agencies").status_code == 403  # B's admin: no operator
    # switching back to A: the pick page again
    token = browser.csrf("/console/pick")
    with services.db.session(agency_id=FIRST_AGENCY_ID) as session:
        in_a = session.exec(select(Staff).where(Staff.line_user_id == "Uiso-a-admin")).one()
    assert (
        browser.post("/console/pick", {"csrf_token": token, "staff_id": str(in_a.id)}).status_code
        == 303
    )
    people_a = browser.get("/console/people").get_data(as_text=True)
    assert "นางสาวมาลี" in people_a and "นายบี หัวหน้าบี" not in people_a
    assert browser.get("/console/agencies").status_code == 200


def test_the_operator_adds_an_agency_and_sees_its_checklist(two, app, fake_line, settings):
    browser = Browser(app.test_client(), fake_line, settings.public_base_url)
    browser.sign_in("Uiso-a-admin")
    page = browser.get("/console/agencies").get_data(as_text=True)
    assert 'data-testid="agency-b-town"' in page and 'data-testid="agency-main"' in page
    token = browser.csrf("/console/agencies")
    bad = browser.post("/console/agencies", {"csrf_token": token, "slug": "Bad Slug", "name": "x"})
    assert bad.status_code == 400 and "bad slug" in bad.get_data(as_text=True)  # said, kept
    taken = browser.post("/console/agencies", {"csrf_token": token, "slug": "b-town", "name": "x"})
    assert taken.status_code == 400
    added = browser.post(
        "/console/agencies", {"csrf_token": token, "slug": "c-town", "name": "อบต.ซี"}
    )
    assert added.status_code == 303
    page = browser.get("/console/agencies").get_data(as_text=True)
    assert 'data-testid="agency-c-town"' in page and "อบต.ซี" in page


def test_the_operator_adds_an_agency_s_first_admin_with_a_code(
    two, app, services, fake_line, settings
) -> None:
    browser = Browser(app.test_client(), fake_line, settings.public_base_url)
    browser.sign_in("Uiso-a-admin")
    token = browser.csrf("/console/agencies")
    empty = browser.post("/console/agencies/b-town/admin", {"csrf_token": token, "name": ""})
    assert empty.status_code == 400
    answer = browser.post(
        "/console/agencies/b-town/admin", {"csrf_token": token, "name": "นายใหม่ ดูแล"}
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and 'data-testid="code"' in page
    with services.db.session(agency_id=two) as session:
        added = session.exec(select(Staff).where(Staff.name == "นายใหม่ ดูแล")).one()
    assert added.role == "admin" and added.line_user_id is None
    with services.db.session(agency_id=FIRST_AGENCY_ID) as session:
        assert session.exec(select(Staff).where(Staff.name == "นายใหม่ ดูแล")).first() is None
    assert (
        browser.post(
            "/console/agencies/nowhere/admin", {"csrf_token": token, "name": "x"}
        ).status_code
        == 404
    )
