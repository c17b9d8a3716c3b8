"""A web process knows every agency's webhook channel from one statement, read again every
`KnownChannels.TTL` seconds: a webhook of any of many agencies costs no lookup of its own
(docs/PERFORMANCE.md, "Many agencies")."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event

from fakeline import FakeLine
from fakeline import events as ev
from fakeline.signing import sign, webhook_body
from models.agency import KnownChannels
from models.credentials import new_key
from services import Services
from settings import Settings
from tests.support.agencies import connect


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"credentials_keys": new_key()})


def _post(client: FlaskClient, path: str, bot: str, secret: str, n: int) -> int:
    body = webhook_body([ev.event("follow", f"U{n}", timestamp_ms=n)], bot)
    headers = {"Content-Type": "application/json", "X-Line-Signature": sign(body, secret)}
    return client.post(path, data=body, headers=headers).status_code


def _agency_reads(services: Services) -> list[str]:
    """Every statement that reads agencies' webhook channels from now on (not the other
    reads of the agency table: the worker and the sender, in the background, join it)."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if "agency.channel_secret" in statement and "agency.access_token" not in statement:
            seen.append(statement)

    event.listen(services.db.engine, "before_cursor_execute", record)
    return seen


def test_many_agencies_webhooks_cost_one_read_of_the_agencies(
    client: FlaskClient, services: Services, fake_line: FakeLine, monkeypatch
) -> None:
    channels = [connect(services, fake_line, slug, slug) for slug in ("a-town", "b-town", "c-town")]
    monkeypatch.setattr(services, "agency_channels", KnownChannels())  # nothing known yet
    reads = _agency_reads(services)
    for n, (slug, channel) in enumerate(zip(("a-town", "b-town", "c-town"), channels, strict=True)):
        for again in range(2):
            path = f"/callback/{slug}"
            assert _post(client, path, channel.bot_user_id, channel.secret, 10 * n + again) == 200
    assert len(reads) == 1


def test_the_agencies_are_read_again_once_what_was_read_is_old(
    client: FlaskClient, services: Services, fake_line: FakeLine, monkeypatch
) -> None:
    channel = connect(services, fake_line, "a-town", "A")
    known = KnownChannels()
    monkeypatch.setattr(services, "agency_channels", known)
    reads = _agency_reads(services)
    assert _post(client, "/callback/a-town", channel.bot_user_id, channel.secret, 1) == 200
    assert _post(client, "/callback/a-town", channel.bot_user_id, channel.secret, 2) == 200
    assert len(reads) == 1
    monkeypatch.setattr(known, "TTL", 0.0)
    assert _post(client, "/callback/a-town", channel.bot_user_id, channel.secret, 3) == 200
    assert len(reads) == 2


def test_an_unknown_agency_is_asked_for_each_time_and_not_remembered(
    client: FlaskClient, services: Services, fake_line: FakeLine, monkeypatch
) -> None:
    channel = connect(services, fake_line, "a-town", "A")
    monkeypatch.setattr(services, "agency_channels", KnownChannels())
    reads = _agency_reads(services)
    for n in range(2):
        assert _post(client, "/callback/nowhere", channel.bot_user_id, channel.secret, n) == 404
    assert len(reads) == 3  # every agency once, then the unknown slug alone, twice
