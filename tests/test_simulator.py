"""The simulator's server side: demo mode only, signed events, what the bot sent."""

from __future__ import annotations

import base64

from flask.testing import FlaskClient


def _say(client: FlaskClient, services, user: str, **what) -> list[dict]:
    built = client.post("/simulator/api/events", json={"user": user, **what}).get_json()
    seq = services.fake_line.last_seq
    response = client.post(
        "/callback",
        data=built["body"].encode(),
        headers={"X-Line-Signature": built["signature"], "Content-Type": "application/json"},
    )
    assert response.status_code == 200
    services.worker.wait_idle()
    answer = client.get(f"/simulator/api/messages?chat={user}&after={seq}").get_json()
    return [m["message"] for m in answer["messages"]]


def test_the_simulator_is_404_with_real_credentials(client) -> None:
    assert client.get("/simulator").status_code == 404
    assert (
        client.post(
            "/simulator/api/events", json={"user": "U1", "kind": "text", "text": "x"}
        ).status_code
        == 404
    )


def test_it_lists_who_one_can_be_with_the_unlinked_persons_code(demo_app) -> None:
    client = demo_app.test_client()
    assert "ติดตาม" in client.get("/simulator").get_data(as_text=True)
    people = client.get("/simulator/api/people").get_json()["people"]
    kinds = {p["kind"] for p in people}
    assert {"head", "staff", "citizen"} <= kinds
    unlinked = [p for p in people if p.get("code")]
    assert len(unlinked) == 1 and len(unlinked[0]["code"]) == 6
    assert people[0]["id"].startswith("U")


def test_a_signed_event_goes_through_the_real_webhook(demo_app) -> None:
    client, running = demo_app.test_client(), demo_app.extensions["tidtam"]
    replies = _say(client, running, "Udemo-citizen", kind="text", text="สวัสดี")
    assert replies and replies[0]["type"] == "text"
    # a wrong signature from the page is refused like any other
    built = client.post(
        "/simulator/api/events", json={"user": "Udemo-citizen", "kind": "text", "text": "x"}
    ).get_json()
    bad = client.post(
        "/callback", data=built["body"].encode(), headers={"X-Line-Signature": "AAAA"}
    )
    assert bad.status_code == 400


def test_a_picture_is_sent_as_line_content(demo_app) -> None:
    client, running = demo_app.test_client(), demo_app.extensions["tidtam"]
    photo = base64.b64encode(b"\xff\xd8\xff\xe0 a photo").decode()
    built = client.post(
        "/simulator/api/events",
        json={"user": "Udemo-citizen", "kind": "image", "data": photo, "contentType": "image/jpeg"},
    ).get_json()
    import json

    message_id = json.loads(built["body"])["events"][0]["message"]["id"]
    assert running.fake_line.contents[message_id] == (b"\xff\xd8\xff\xe0 a photo", "image/jpeg")
    bad = client.post(
        "/simulator/api/events", json={"user": "Udemo-citizen", "kind": "image", "data": "***"}
    )
    assert bad.status_code == 400


def test_nonsense_is_refused(demo_app) -> None:
    client = demo_app.test_client()
    assert (
        client.post(
            "/simulator/api/events", json={"user": "not-a-line-id", "kind": "text", "text": "x"}
        ).status_code
        == 400
    )
    assert (
        client.post("/simulator/api/events", json={"user": "U1", "kind": "teleport"}).status_code
        == 400
    )
    assert (
        client.post(
            "/simulator/api/events", json={"user": "U1", "kind": "text", "text": "  "}
        ).status_code
        == 400
    )


def test_demo_reset_restores_the_demo(demo_app) -> None:
    from sqlmodel import select

    from messages_th import demo_content
    from models.progress import Report
    from models.staff import Staff

    client, running = demo_app.test_client(), demo_app.extensions["tidtam"]
    with running.db.session() as session:
        for person in session.exec(select(Staff)):
            person.active = False
            session.add(person)
    assert client.post("/simulator/api/reset", json={}).get_json()["ok"]
    with running.db.session() as session:
        assert len(session.exec(select(Staff)).all()) == len(demo_content.PEOPLE) + len(
            demo_content.CASE_HANDLERS
        )
        assert all(p.active for p in session.exec(select(Staff)))
        assert len(session.exec(select(Report)).all()) == 18


def test_demo_reset_refuses_outside_demo_mode(runner) -> None:
    result = runner.invoke(args=["demo", "reset"])
    assert result.exit_code == 2 and "โหมดสาธิต" in result.output


def _menu(client: FlaskClient, user: str) -> dict:
    return client.get(f"/simulator/api/richmenu?user={user}").get_json()


def test_the_rich_menu_is_the_one_the_platform_holds_for_that_user(demo_app) -> None:
    client, running = demo_app.test_client(), demo_app.extensions["tidtam"]
    labels = lambda menu: [a["label"] for a in menu["areas"]]  # noqa: E731
    assert labels(_menu(client, "Udemo-citizen"))[0] == "มาตรการ"
    assert labels(_menu(client, "Udemo-malee"))[0] == "รายงานผล"
    assert labels(_menu(client, "Udemo-head"))[0] == "สรุปเดือนนี้"
    menu = _menu(client, "Udemo-malee")
    assert menu["areas"][0]["action"] == {"type": "message", "label": "รายงานผล", "text": "รายงาน"}
    assert menu["size"] == {"width": 2500, "height": 1686}
    if menu["image"]:  # drawn where a Thai font is installed
        picture = client.get(menu["image"])
        assert picture.status_code == 200 and picture.data[:4] == b"\x89PNG"
    # the unlinked staff member has the citizens' menu until she links, then her own
    person = next(
        p for p in client.get("/simulator/api/people").get_json()["people"] if p.get("code")
    )
    assert labels(_menu(client, person["id"]))[0] == "มาตรการ"
    [welcome] = _say(client, running, person["id"], kind="text", text=person["code"])
    assert person["name"] in welcome["text"]
    running.fake_line.wait_for(lambda f: person["id"] in f.user_rich_menus)
    assert labels(_menu(client, person["id"]))[0] == "รายงานผล"
    assert client.get("/simulator/api/richmenu/richmenu-nothing.png").status_code == 404


def test_the_job_buttons_run_the_schedulers_code(demo_app, clock) -> None:
    from datetime import datetime

    from tests.conftest import BANGKOK

    client, running = demo_app.test_client(), demo_app.extensions["tidtam"]
    fake = running.fake_line
    assert client.get("/simulator/api/people").get_json()["jobs"] == ["remind", "summary"]
    early = client.post("/simulator/api/jobs/remind", json={}).get_json()
    assert early["sent"] == 0 and "ยังไม่ถึงเวลาเตือน" in early["note"]

    clock.set(datetime(2022, 1, 24, 10, 0, tzinfo=BANGKOK))  # 5 working days before 31 Jan
    seq = fake.last_seq
    first = client.post("/simulator/api/jobs/remind", json={}).get_json()
    # มาลี (measure 1) has no January report; วิชัย (measure 2) reported two of its six
    # actions; สุดา has not linked her LINE account, so no one can remind her there
    assert first["sent"] == 2 and "รอบที่ 1" in first["note"]
    assert fake.wait_for(lambda f: len(f.delivered_since(seq)) >= 2)
    assert {d.to for d in fake.delivered_since(seq)} == {"Udemo-malee", "Udemo-wichai"}
    again = client.post("/simulator/api/jobs/remind", json={}).get_json()
    assert again["sent"] == 0 and "ไม่ส่งซ้ำ" in again["note"]

    seq = fake.last_seq
    summary = client.post("/simulator/api/jobs/summary", json={}).get_json()
    assert summary["sent"] == 1 and "มกราคม" in summary["note"]
    assert fake.wait_for(lambda f: any(d.to == "Udemo-head" for d in f.delivered_since(seq)))
    [pushed] = [d for d in fake.delivered_since(seq) if d.to == "Udemo-head"]
    assert pushed.message["type"] == "flex"
    assert client.post("/simulator/api/jobs/summary", json={}).get_json()["sent"] == 0
    assert client.post("/simulator/api/jobs/teleport", json={}).status_code == 404
