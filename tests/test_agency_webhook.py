"""`/callback/<slug>`: one agency's webhook, its signature checked with that agency's
secret and its body addressed to that agency's bot (docs/TENANCY.md, "Routes")."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlmodel import select

from fakeline import FakeLine
from fakeline import events as ev
from fakeline.signing import sign, webhook_body
from models.credentials import Sealer, new_key
from models.inbox import InboxEvent, InboxStatus
from services import Services
from settings import Settings
from tests.conftest import CHANNEL_SECRET
from tests.support.agencies import connect
from tests.support.waiting import wait_until

KEYS = f"{new_key()},{new_key()}"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"credentials_keys": KEYS})


def _post(client: FlaskClient, path: str, body: bytes, secret: str):
    headers = {"Content-Type": "application/json", "X-Line-Signature": sign(body, secret)}
    return client.post(path, data=body, headers=headers)


def _inbox(services: Services) -> list[InboxEvent]:
    with services.db.session() as session:
        return list(session.exec(select(InboxEvent).order_by(InboxEvent.id)))  # type: ignore[arg-type]


def test_an_agencys_events_are_stored_with_its_id(
    client: FlaskClient, services: Services, fake_line: FakeLine
) -> None:
    channel = connect(services, fake_line, "nong-bua", "อบต.หนองบัว")
    event = ev.event("follow", "Ucitizen-b", timestamp_ms=1)
    body = webhook_body([event], destination=channel.bot_user_id)
    assert _post(client, "/callback/nong-bua", body, channel.secret).status_code == 200
    assert _post(client, "/callback/nong-bua", body, channel.secret).status_code == 200  # again
    [row] = _inbox(services)
    assert (row.agency_id, row.chat_key) == (2, "Ucitizen-b")
    assert row.webhook_event_id == event["webhookEventId"]
    # LINE's URL check and the webhook test: no events, just 200
    empty = webhook_body([], destination=channel.bot_user_id)
    assert _post(client, "/callback/nong-bua", empty, channel.secret).status_code == 200


def test_another_agencys_secret_or_bot_is_refused_and_nothing_stored(
    client: FlaskClient, services: Services, fake_line: FakeLine
) -> None:
    b = connect(services, fake_line, "b-town", "B")
    c = connect(services, fake_line, "c-town", "C")
    event = ev.event("follow", "U1", timestamp_ms=1)
    to_b = webhook_body([event], destination=b.bot_user_id)
    assert _post(client, "/callback/b-town", to_b, c.secret).status_code == 400
    assert _post(client, "/callback/b-town", to_b, CHANNEL_SECRET).status_code == 400
    to_c = webhook_body([event], destination=c.bot_user_id)
    assert _post(client, "/callback/b-town", to_c, b.secret).status_code == 400  # C's bot
    unsigned = client.post("/callback/b-town", data=to_b, content_type="application/json")
    assert unsigned.status_code == 400
    assert _inbox(services) == []
    assert _post(client, "/callback/c-town", to_c, c.secret).status_code == 200
    assert [r.agency_id for r in _inbox(services)] == [3]


def test_an_unknown_agency_or_one_without_a_channel_is_404(
    client: FlaskClient, services: Services, fake_line: FakeLine
) -> None:
    from usecases import agencies
    from usecases.actor import COMMAND_LINE

    with services.db.session() as session:
        agencies.add_agency(session, COMMAND_LINE, "no-channel", "X", services.clock.now())
    body = webhook_body([ev.event("follow", "U1", timestamp_ms=1)])
    for slug in ("nobody", "no-channel", "x" * 300):
        assert _post(client, f"/callback/{slug}", body, CHANNEL_SECRET).status_code == 404
    # no signature: refused before any agency is looked up
    assert client.post("/callback/nobody", data=body).status_code == 400
    assert _inbox(services) == []


def test_agency_no_1_at_its_slug_is_handled_as_at_callback(
    client: FlaskClient, services: Services
) -> None:
    event = ev.event("follow", "Ufirst", timestamp_ms=1)
    body = webhook_body([event])
    assert _post(client, "/callback/main", body, "not-its-secret").status_code == 400
    assert _post(client, "/callback/main", body, CHANNEL_SECRET).status_code == 200
    handled = wait_until(
        lambda: [r for r in _inbox(services) if r.status == InboxStatus.DONE], what="handled"
    )
    assert [(r.agency_id, r.chat_key) for r in handled] == [(1, "Ufirst")]
    assert _post(client, "/callback", webhook_body([]), CHANNEL_SECRET).status_code == 200


def test_a_secret_no_configured_key_opens_is_503_so_line_delivers_again(
    client: FlaskClient, services: Services, fake_line: FakeLine, monkeypatch
) -> None:
    channel = connect(services, fake_line, "b-town", "B")
    body = webhook_body([ev.event("follow", "U1", timestamp_ms=1)], channel.bot_user_id)
    monkeypatch.setattr(services, "sealer", Sealer([new_key()]))  # its key dropped
    assert _post(client, "/callback/b-town", body, channel.secret).status_code == 503
    monkeypatch.setattr(services, "sealer", None)  # TIDTAM_CREDENTIALS_KEYS unset
    assert _post(client, "/callback/b-town", body, channel.secret).status_code == 503
    assert _inbox(services) == []


def test_an_agency_answers_at_once_when_connected_and_when_its_channel_changes(
    client: FlaskClient, services: Services, fake_line: FakeLine
) -> None:
    """The process remembers agencies' channels for a while; never a stale one."""
    from tests.support.agencies import reconnect

    early = webhook_body([ev.event("follow", "U0", timestamp_ms=1)])
    assert _post(client, "/callback/b-town", early, CHANNEL_SECRET).status_code == 404
    first = connect(services, fake_line, "b-town", "B")
    body = webhook_body([ev.event("follow", "U1", timestamp_ms=1)], first.bot_user_id)
    assert _post(client, "/callback/b-town", body, first.secret).status_code == 200
    second = reconnect(services, fake_line, "b-town", "b-town-new-account")
    again = webhook_body([ev.event("follow", "U2", timestamp_ms=2)], second.bot_user_id)
    assert _post(client, "/callback/b-town", again, first.secret).status_code == 400
    assert _post(client, "/callback/b-town", again, second.secret).status_code == 200
    old_bot = webhook_body([ev.event("follow", "U3", timestamp_ms=3)], first.bot_user_id)
    assert _post(client, "/callback/b-town", old_bot, second.secret).status_code == 400
    assert [r.chat_key for r in _inbox(services)] == ["U1", "U2"]
