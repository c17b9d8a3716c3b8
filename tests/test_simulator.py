"""The simulator's server side: demo mode only, signed events, what the bot sent."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bot import create_app
from demo.data import reset
from models.db import Database
from settings import Settings
from tests.conftest import _empty


@pytest.fixture
def demo_app(database_url: str, clock) -> Iterator[Flask]:
    """The app as `make run` starts it: no LINE credentials, the fake platform in-process."""
    settings = Settings(
        _env_file=None,
        database_url=database_url,
        line_channel_secret=None,
        line_channel_access_token=None,
        worker_threads=2,
    )
    app = create_app(settings, clock=clock)
    running = app.extensions["tidtam"]
    running.start_background()
    reset(running)
    yield app
    running.shutdown()
    cleaner = Database(settings.resolved_database_url)
    _empty(cleaner)
    cleaner.dispose()


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

    from models.progress import Report
    from models.staff import Staff

    client, running = demo_app.test_client(), demo_app.extensions["tidtam"]
    with running.db.session() as session:
        for person in session.exec(select(Staff)):
            person.active = False
            session.add(person)
    assert client.post("/simulator/api/reset").get_json()["ok"]
    with running.db.session() as session:
        assert len(session.exec(select(Staff)).all()) == 4
        assert all(p.active for p in session.exec(select(Staff)))
        assert len(session.exec(select(Report)).all()) == 18


def test_demo_reset_refuses_outside_demo_mode(runner) -> None:
    result = runner.invoke(args=["demo", "reset"])
    assert result.exit_code == 2 and "โหมดสาธิต" in result.output
