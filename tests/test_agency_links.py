"""Links and codes of one agency are refused by another (issue 21): a signed report
download, a month's photos page, a case's page; a staff link code. Agency no. 1's links
name no agency and keep working as before."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import pytest
from sqlmodel import select

from models.staff import Role, Staff
from reports import periods
from tests.test_public_agencies import OTHER, _add, _import, _report
from usecases import linking, staff
from usecases.actor import COMMAND_LINE, Actor


@pytest.fixture
def two(services, seed_plan) -> int:
    other = _add(services, "nong-nam-sai", OTHER)
    _import(services, other, OTHER)
    _report(services, 1, 25, "รายงานของบางกระบือ")
    _report(services, other, 75, "รายงานของหนองน้ำใส")
    return other


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _with_query(url: str, **changes: str | None) -> str:
    parts = urlsplit(url)
    query = dict(p.split("=", 1) for p in parts.query.split("&") if p)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"{parts.path}?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_a_download_link_is_its_agency_s_and_refused_for_another(client, services, two) -> None:
    now, period = services.clock.now(), periods.year(2565)
    first = services.links.signed_url(period, "csv", now)
    other = services.links.for_agency(two).signed_url(period, "csv", now)
    assert "a=" not in first and f"a={two}" in other  # agency no. 1's links as before
    mine = client.get(_path(first)).get_data(as_text=True)
    theirs = client.get(_path(other)).get_data(as_text=True)
    assert "รายงานของบางกระบือ" in mine and "รายงานของหนองน้ำใส" not in mine
    assert "รายงานของหนองน้ำใส" in theirs and "รายงานของบางกระบือ" not in theirs
    # the one agency's link made to name the other: refused
    assert client.get(_with_query(first, a=str(two))).status_code == 403
    assert client.get(_with_query(other, a="1")).status_code == 403
    assert client.get(_with_query(other, a=None)).status_code == 403
    assert client.get(_with_query(other, a="x")).status_code == 403


def test_a_photos_page_reads_its_agency_alone(client, services, two) -> None:
    """B's pass opens B's month (B has a plan but, here, another agency's pass names A):
    a pass's agency is signed in it; an agency without the month's plan has no album."""
    now = services.clock.now()
    month = now.date().replace(day=1)
    first = services.links.month_photos(month, now)
    other = services.links.for_agency(two).month_photos(month, now)
    assert first != other
    assert client.get(_path(first)).status_code == 200
    assert client.get(_path(other)).status_code == 200
    tampered = _path(other)[:-3] + ("abc" if not _path(other).endswith("abc") else "xyz")
    assert client.get(tampered).status_code == 403
    nowhere = services.links.for_agency(999).month_photos(month, now)
    assert client.get(_path(nowhere)).status_code == 404  # no plan of that agency


def test_a_case_page_link_is_refused_for_another_agency(client, services, two) -> None:
    now = services.clock.now()
    link = services.links.for_agency(two).signed_path("cases/S-2565-0001", now)
    assert client.get(_path(link)).status_code == 404  # its agency has no such case
    assert client.get(_with_query(link, a="1")).status_code == 403
    assert client.get(_with_query(link, a=None)).status_code == 403


def test_a_link_code_of_one_agency_is_refused_by_another(services, two) -> None:
    """The code is redeemed in the unit of work of the agency whose bot received it."""
    now = services.clock.now()
    with services.db.session(agency_id=1) as session:
        added = staff.add_staff_member(
            session,
            COMMAND_LINE,
            name="นางสาวโค้ด ของเอ",
            role=Role.STAFF,
            unit=None,
            measures=[],
            now=now,
            secret=services.secret,
        )
    assert isinstance(added, staff.StaffAdded)
    citizen = Actor.citizen("Ucode-user")
    with services.db.session(agency_id=two) as session:
        refused = linking.link_account(session, citizen, added.code, now, services.secret)
    assert isinstance(refused, linking.WrongCode)
    with services.db.session(agency_id=1) as session:
        linked = linking.link_account(session, citizen, added.code, now, services.secret)
    assert isinstance(linked, linking.Linked) and linked.person.name == "นางสาวโค้ด ของเอ"


def _member(services, agency_id: int, name: str, measures: list[int]) -> int:
    with services.db.session(agency_id=agency_id) as session:
        added = staff.add_staff_member(
            session,
            COMMAND_LINE,
            name=name,
            role=Role.STAFF,
            unit=None,
            measures=measures,
            now=services.clock.now(),
            secret=services.secret,
        )
        assert isinstance(added, staff.StaffAdded), added
        found = session.exec(select(Staff).where(Staff.name == name)).one()
        assert found.id is not None
        return found.id


def test_a_month_page_link_of_b_s_staff_shows_b_s_plan_never_a_s(client, services, two) -> None:
    """The month page works in its person's agency: B's person sees B's reports; a person
    of an agency without a plan is told so (A's plan of the year is not theirs)."""
    now = services.clock.now()
    month = date(2022, 1, 1)  # the month open for reports
    _report(services, 1, 30, "มกราคมของบางกระบือ", month)
    _report(services, two, 60, "มกราคมของหนองน้ำใส", month)
    in_b = _member(services, two, "นางสาวบี รายงาน", [1])
    page = client.get(_path(services.links.month_page(in_b, month, now)))
    body = page.get_data(as_text=True)
    assert page.status_code == 200, body
    assert "มกราคมของหนองน้ำใส" in body and "มกราคมของบางกระบือ" not in body
    third = _add(services, "no-plan", "อบต.ยังไม่มีแผน")
    in_c = _member(services, third, "นายซี ไม่มีแผน", [])
    answer = client.get(_path(services.links.month_page(in_c, month, now)))
    assert answer.status_code == 404  # no plan of its own: never agency no. 1's


def test_the_privacy_notice_names_its_agency(client, two) -> None:
    assert OTHER not in client.get("/privacy").get_data(as_text=True)
    assert OTHER in client.get("/privacy/nong-nam-sai").get_data(as_text=True)
    assert client.get("/privacy/nowhere").status_code == 404
    page = client.get("/public/nong-nam-sai/2565").get_data(as_text=True)
    assert 'href="/privacy/nong-nam-sai"' in page
