"""Public pages per agency (issue 21): `/public/<slug>/<year>` and its JSON show that
agency's plan alone; `/public` and the addresses without a slug stay agency no. 1's;
`/public/agencies` lists the agencies that publish a plan."""

from __future__ import annotations

from datetime import date

import pytest

from models.plan import get_plan, plan_tree
from models.progress import ReportSource, record_report
from planimport import read_file
from tests.conftest import SEED
from usecases import agencies, plan
from usecases.actor import COMMAND_LINE

OTHER = "เทศบาลตำบลหนองน้ำใส"


def _add(services, slug: str, name: str) -> int:
    with services.db.session() as session:
        added = agencies.add_agency(session, COMMAND_LINE, slug, name, services.clock.now())
    assert isinstance(added, agencies.AgencyAdded)
    return added.id


def _import(services, agency_id: int, name: str, fiscal_year: int = 2565) -> None:
    data = read_file(SEED).plan
    data.agency = name
    data.fiscal_year = fiscal_year
    with services.db.session(agency_id=agency_id) as session:
        plan.import_plan(session, COMMAND_LINE, data, SEED.name, services.clock.now())


def _report(
    services, agency_id: int, percent: int, detail: str, month: date = date(2021, 12, 1)
) -> None:
    with services.db.session(agency_id=agency_id) as session:
        tree = plan_tree(session, get_plan(session, 2565))
        record_report(
            session,
            action_id=tree[0][1][1].id,
            month=month,
            percent=percent,
            detail=detail,
            staff=None,
            now=services.clock.now(),
            source=ReportSource.CLI,
        )


@pytest.fixture
def two(services, seed_plan) -> int:
    """Agency no. 1 with the seed plan and a report; agency `nong-nam-sai` with its own
    plan of the same year and another report."""
    other = _add(services, "nong-nam-sai", OTHER)
    _import(services, other, OTHER)
    _report(services, 1, 25, "รายงานของบางกระบือ")
    _report(services, other, 75, "รายงานของหนองน้ำใส")
    return other


def test_each_agency_shows_its_own_plan_only(client, two) -> None:
    first = client.get("/public/2565").get_data(as_text=True)
    assert "บางกระบือ" in first and OTHER not in first and "รายงานของหนองน้ำใส" not in first
    same = client.get("/public/main/2565").get_data(as_text=True)
    assert "รายงานของบางกระบือ" in same and OTHER not in same
    answer = client.get("/public/nong-nam-sai/2565")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert OTHER in page and "รายงานของหนองน้ำใส" in page
    assert "รายงานของบางกระบือ" not in page and "เทศบาลตำบลบางกระบือ" not in page
    # its own links stay under its address
    assert 'href="/public/nong-nam-sai/2565.json"' in page
    assert 'href="/public/2565.json"' not in page


def test_the_json_of_each_agency_is_its_own(client, two) -> None:
    first = client.get("/public/2565.json").get_json()
    other = client.get("/public/nong-nam-sai/2565.json").get_json()
    assert first["agency"] == "เทศบาลตำบลบางกระบือ" and other["agency"] == OTHER
    cell = other["measures"][0]["actions"][1]["months"]["2021-12"]
    assert cell["percent"] == 75 and cell["detail"] == "รายงานของหนองน้ำใส"
    assert first["measures"][0]["actions"][1]["months"]["2021-12"]["percent"] == 25
    assert client.get("/public/nong-nam-sai/2599.json").status_code == 404
    assert client.get("/public/nowhere/2565.json").status_code == 404


def test_the_cache_keeps_agencies_apart(client, two) -> None:
    """The same year of two agencies: two ETags, and a client's ETag of one agency's page
    is no 304 for the other's."""
    first = client.get("/public/2565")
    other = client.get("/public/nong-nam-sai/2565")
    assert first.headers["ETag"] != other.headers["ETag"]
    stale = {"If-None-Match": first.headers["ETag"]}
    again = client.get("/public/nong-nam-sai/2565", headers=stale)
    assert again.status_code == 200 and OTHER in again.get_data(as_text=True)
    for _ in range(2):  # the second time from the cache
        assert OTHER in client.get("/public/nong-nam-sai/2565").get_data(as_text=True)
        assert OTHER not in client.get("/public/2565").get_data(as_text=True)


def test_an_agency_s_address_alone_is_its_plan_in_force(client, services, two) -> None:
    page = client.get("/public/nong-nam-sai").get_data(as_text=True)
    assert OTHER in page and "รายงานของบางกระบือ" not in page
    assert "รายงานของบางกระบือ" in client.get("/public/2565").get_data(as_text=True)
    with services.db.session() as session:
        for slug in ("2565", "agencies", "photo"):
            refused = agencies.add_agency(session, COMMAND_LINE, slug, "x", services.clock.now())
            assert isinstance(refused, agencies.BadSlug), slug


def test_an_unknown_agency_or_year_is_a_page_in_thai(client, two) -> None:
    for path in ("/public/nowhere/2565", "/public/nowhere"):
        answer = client.get(path)
        assert answer.status_code == 404 and "ไม่พบหน่วยงาน" in answer.get_data(as_text=True)
    answer = client.get("/public/nong-nam-sai/2599")
    assert answer.status_code == 404 and "ไม่พบแผนมาตรการ" in answer.get_data(as_text=True)


def test_the_list_of_agencies_shows_those_with_a_plan(client, services, two) -> None:
    _add(services, "no-plan-yet", "องค์การบริหารส่วนตำบลยังไม่มีแผน")
    answer = client.get("/public/agencies")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert 'href="/public/2565"' in page and "เทศบาลตำบลบางกระบือ" in page
    assert 'href="/public/nong-nam-sai/2565"' in page and OTHER in page
    assert "ยังไม่มีแผน" not in page


def test_the_list_is_empty_without_plans(client) -> None:
    page = client.get("/public/agencies").get_data(as_text=True)
    assert 'data-testid="no-agencies"' in page
