"""The database goes away for a moment: the webhook answers 503 (LINE delivers again)
rather than 200 for events it could not store, and everything recovers by itself.

PostgreSQL is made to go away by a TCP relay between the app and the server (the real
server keeps running for the rest of the suite); SQLite by another process holding the
write lock longer than the app waits for it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func
from sqlalchemy.engine import make_url
from sqlmodel import select

from bot import create_app
from fakeline import events as ev
from fakeline.signing import signed_request
from models.inbox import InboxEvent
from models.progress import Report
from settings import Settings
from tests.conftest import CHANNEL_SECRET
from tests.faults.tcp_proxy import TcpProxy
from tests.support import people
from tests.support.line_chat import LineChat


@contextmanager
def _running(settings: Settings, clock) -> Iterator[Flask]:
    app = create_app(settings, clock=clock)
    app.extensions["tidtam"].start_background()
    try:
        yield app
    finally:
        app.extensions["tidtam"].shutdown()


def _reports(services, detail_prefix: str) -> list[str]:
    with services.db.session() as session:
        rows = session.exec(select(Report.detail).where(Report.detail.startswith(detail_prefix)))
        return sorted(rows.all())  # type: ignore[union-attr]


def _inbox_count(services) -> int:
    with services.db.session() as session:
        return session.exec(select(func.count()).select_from(InboxEvent)).one()


def _outage_events(user: str, chat: LineChat, tag: str) -> list[dict[str, Any]]:
    return [
        ev.text(user, f"รายงาน 1.{n} {20 * n}% {tag} ข้อ {n}", timestamp_ms=chat.timestamp())
        for n in (1, 2, 3)
    ]


def _post(client, events: list[dict[str, Any]], fake_line):
    fake_line.expect(events)  # their reply tokens, as LINE issued them
    body, headers = signed_request(events, CHANNEL_SECRET)
    return client.post("/callback", data=body, headers=headers)


def _redelivered(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [dict(e, deliveryContext={"isRedelivery": True}) for e in events]


def _replies_to(fake_line, events: list[dict[str, Any]]) -> int:
    tokens = {e["replyToken"] for e in events}
    return sum(
        1
        for r in fake_line.requests_to("/message/reply", ok_only=True)
        if r.body["replyToken"] in tokens
    )


def test_postgres_going_away_gets_503_then_everything_once(
    settings, clock, fake_line, services, runner, seed_plan
) -> None:
    url = make_url(settings.database_url)
    if url.get_backend_name() != "postgresql":
        pytest.skip("the PostgreSQL outage needs TEST_DATABASE_URL")
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432).start()
    proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    try:
        with _running(settings.model_copy(update={"database_url": proxied}), clock) as app:
            running = app.extensions["tidtam"]
            client = app.test_client()
            chat = LineChat(client, fake_line, clock, CHANNEL_SECRET, running)
            people.link(runner, chat, "Uoutage", "สมศรี ทนทาน", measures="1")
            before = _inbox_count(services)

            proxy.cut()
            during = _outage_events("Uoutage", chat, "ช่วงฐานข้อมูลล่ม")
            for event in during:
                answer = _post(client, [event], fake_line)
                assert answer.status_code == 503 and answer.headers["Retry-After"]
            assert client.get("/healthz").status_code == 503
            assert _inbox_count(services) == before  # nothing half-stored

            proxy.restore()
            assert client.get("/healthz").status_code == 200
            assert _post(client, _redelivered(during), fake_line).status_code == 200
            # LINE may deliver them more than once
            assert _post(client, _redelivered(during), fake_line).status_code == 200
            after = _outage_events("Uoutage", chat, "หลังฐานข้อมูลกลับมา")
            assert _post(client, after, fake_line).status_code == 200
            chat.settle()
    finally:
        proxy.stop()
    assert _reports(services, "ช่วงฐานข้อมูลล่ม") == [f"ช่วงฐานข้อมูลล่ม ข้อ {n}" for n in (1, 2, 3)]
    assert _reports(services, "หลังฐานข้อมูลกลับมา") == [f"หลังฐานข้อมูลกลับมา ข้อ {n}" for n in (1, 2, 3)]
    assert _replies_to(fake_line, during) == 3 and _replies_to(fake_line, after) == 3


def test_a_locked_sqlite_database_gets_503_then_everything_once(
    settings, clock, fake_line, services, runner, seed_plan
) -> None:
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        pytest.skip("the locked-file case is SQLite's")
    impatient = settings.model_copy(update={"sqlite_busy_timeout": 0.3})
    with _running(impatient, clock) as app:
        running = app.extensions["tidtam"]
        client = app.test_client()
        chat = LineChat(client, fake_line, clock, CHANNEL_SECRET, running)
        people.link(runner, chat, "Ulocked", "สมศรี ทนทาน", measures="1")
        before = _inbox_count(services)

        other = sqlite3.connect(url.database, isolation_level=None, timeout=5)
        other.execute("BEGIN EXCLUSIVE")  # another process writing for a long time
        try:
            during = _outage_events("Ulocked", chat, "ช่วงไฟล์ถูกล็อก")
            for event in during:
                answer = _post(client, [event], fake_line)
                assert answer.status_code == 503 and answer.headers["Retry-After"]
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert _inbox_count(services) == before

        assert _post(client, _redelivered(during), fake_line).status_code == 200
        # The worker now writes those three; with a 0.3 s busy time-out a webhook racing it
        # on a loaded machine may rightly get 503 again, so let it finish first.
        chat.settle()
        after = _outage_events("Ulocked", chat, "หลังปลดล็อก")
        assert _post(client, after, fake_line).status_code == 200
        chat.settle()
    assert _reports(services, "ช่วงไฟล์ถูกล็อก") == [f"ช่วงไฟล์ถูกล็อก ข้อ {n}" for n in (1, 2, 3)]
    assert _reports(services, "หลังปลดล็อก") == [f"หลังปลดล็อก ข้อ {n}" for n in (1, 2, 3)]
    assert _replies_to(fake_line, during) == 3 and _replies_to(fake_line, after) == 3
