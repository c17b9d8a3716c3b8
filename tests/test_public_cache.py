"""The public page, its JSON and the chart are cached until the data changes (issue 15,
finding 7): an ETag from the data, 304 to a client that has it, and made once per change
by this process for everyone else. Any report, plan import, suggestion or rating changes
the ETag."""

from __future__ import annotations

from datetime import date

import pytest

import web.downloads
from models.citizen import Rating, new_suggestion
from models.plan import get_plan, plan_tree
from models.progress import ReportSource, record_report
from tests.conftest import SEED

VIEWS = ["/public", "/public/2565", "/public/2565.json", "/reports/2565/progress.png"]


def _get(client, path: str, etag: str | None = None):
    headers = {"If-None-Match": etag} if etag else {}
    return client.get(path, headers=headers)


@pytest.mark.parametrize("path", VIEWS)
def test_a_client_with_the_etag_gets_304_until_the_data_changes(
    client, services, clock, seed_plan, path
) -> None:
    first = _get(client, path)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and first.get_data()
    assert (
        "no-cache" in first.headers["Cache-Control"] and "public" in first.headers["Cache-Control"]
    )
    again = _get(client, path, etag)
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag
    _report(services, clock, 50)
    changed = _get(client, path, etag)
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def _report(services, clock, percent: int) -> None:
    with services.db.session() as session:
        tree = plan_tree(session, get_plan(session, 2565))
        record_report(
            session,
            action_id=tree[0][1][1].id,
            month=date(2022, 1, 1),
            percent=percent,
            detail=f"คู่มือ {percent}%",
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )


def _suggestion(services, clock) -> None:
    with services.db.session() as session:
        new_suggestion(
            session,
            fiscal_year=2565,
            line_user_id="Ucitizen-cache",
            category="general",
            text="ขอบคุณครับ",
            now=clock.now(),
        )


def _rating(services, clock) -> None:
    with services.db.session() as session:
        session.add(
            Rating(
                line_user_id="Urater-cache", month=date(2022, 1, 1), score=5, created_at=clock.now()
            )
        )


def _reimport(services, clock, runner) -> None:
    clock.advance(minutes=1)
    result = runner.invoke(args=["plan", "import", str(SEED)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("change", ["report", "replaced report", "plan", "suggestion", "rating"])
def test_every_kind_of_change_makes_a_new_etag(
    client, services, clock, runner, seed_plan, change
) -> None:
    _report(services, clock, 25)
    before = {path: _get(client, path).headers["ETag"] for path in VIEWS}
    {
        "report": lambda: _report_other(services, clock),
        "replaced report": lambda: _report(services, clock, 100),
        "plan": lambda: _reimport(services, clock, runner),
        "suggestion": lambda: _suggestion(services, clock),
        "rating": lambda: _rating(services, clock),
    }[change]()
    for path in VIEWS:
        assert _get(client, path).headers["ETag"] != before[path], path


def _report_other(services, clock) -> None:
    with services.db.session() as session:
        tree = plan_tree(session, get_plan(session, 2565))
        record_report(
            session,
            action_id=tree[1][1][0].id,
            month=date(2021, 12, 1),
            percent=10,
            detail="เริ่มแล้ว",
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )


def test_the_chart_is_drawn_once_per_change_for_everyone(
    client, services, clock, seed_plan, monkeypatch
) -> None:
    """The expensive part (matplotlib, 190-270 ms) runs once per change of the data, not
    once per visitor: clients without the ETag get the bytes already made."""
    drawn = []
    real = web.downloads.progress_png
    monkeypatch.setattr(web.downloads, "progress_png", lambda data: drawn.append(1) or real(data))
    bodies = {_get(client, "/reports/2565/progress.png").get_data() for _ in range(5)}
    assert len(drawn) == 1 and len(bodies) == 1
    _report(services, clock, 50)
    assert _get(client, "/reports/2565/progress.png").status_code == 200
    assert len(drawn) == 2


def test_the_next_month_is_a_new_page(client, clock, seed_plan) -> None:
    """The month shown moves with the clock even when no data does."""
    etag = _get(client, "/public/2565").headers["ETag"]
    clock.advance(days=20)
    assert clock.now().month == 2
    assert _get(client, "/public/2565", etag).status_code == 200


def test_a_missing_year_is_not_cached(client, seed_plan) -> None:
    response = _get(client, "/public/2570")
    assert response.status_code == 404 and "ETag" not in response.headers
