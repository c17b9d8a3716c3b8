"""The public progress page: in a real browser on a phone and a desktop, and its JSON."""

from __future__ import annotations

from datetime import date

import pytest

from models.plan import get_plan, plan_tree
from models.progress import ReportSource, record_report
from tests.support.browser import DESKTOP, PHONE


@pytest.fixture
def reported(services, clock, seed_plan) -> None:
    with services.db.session() as session:
        tree = plan_tree(session, get_plan(session, 2565))
        for month, percent in (
            (date(2021, 11, 1), 25),
            (date(2021, 12, 1), 50),
            (date(2022, 1, 1), 100),
        ):
            record_report(
                session,
                action_id=tree[0][1][1].id,
                month=month,
                percent=percent,
                detail=f"คู่มือ {percent}%",
                staff=None,
                now=clock.now(),
                source=ReportSource.CLI,
            )


@pytest.mark.browser
def test_the_page_shows_the_plan_and_scores_on_a_phone_and_a_desktop(
    page, live_server, reported, artifacts
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/public")
    assert "เทศบาลตำบลบางกระบือ" in page.inner_text(".agency")
    assert "86.50" in page.inner_text("[data-testid=ita-overall]")
    body = page.inner_text("body")
    for title in (
        "มาตรการที่ 1 การสร้างความรับรู้",
        "มาตรการที่ 2 การปรับปรุงกระบวนการ",
        "มาตรการที่ 3 การเปิดโอกาสให้ประชาชน",
    ):
        assert title in body
    assert "การป้องกันการทุจริต" in body and "100.00" in body
    assert page.locator("svg.chart polyline").count() == 3
    cell = page.locator("#measure-1 tbody tr").nth(1).locator("td").nth(3)  # 1.2 in January
    assert cell.inner_text() == "100" and "done" in cell.get_attribute("class")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, "nothing sticks out sideways on a phone"
    page.screenshot(path=str(artifacts / "public-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.reload()
    page.screenshot(path=str(artifacts / "public-desktop.png"), full_page=True)
    page.emulate_media(media="print")
    assert page.locator(".tools").is_hidden()


def test_the_json_has_the_same_data(client, reported) -> None:
    data = client.get("/public/2565.json").get_json()
    assert data["agency"] == "เทศบาลตำบลบางกระบือ" and data["ita"]["score"] == 86.5
    assert len(data["ita"]["indicators"]) == 10 and len(data["measures"]) == 3
    assert data["months"][0] == "2021-10" and data["through"] == "2022-01"
    cells = data["measures"][0]["actions"][1]["months"]
    assert cells["2021-12"] == {
        "percent": 50,
        "status": "in_progress",
        "detail": "คู่มือ 50%",
        "reported": True,
    }
    assert cells["2022-02"] is None  # still ahead
    assert data["measures"][0]["progress"]["2022-01"] == pytest.approx(33.3, abs=0.1)
    assert client.get("/public/2599.json").status_code == 404
    assert client.get("/public/2599").status_code == 404
