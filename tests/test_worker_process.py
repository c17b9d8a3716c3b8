"""Web processes that only acknowledge, and `python bot.py worker` processes that do the work.

The handing over goes through the database alone: PostgreSQL's notices once the events
are stored, or polling on SQLite. Nothing is lost if no worker runs; a worker started
later finds it all.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from sqlmodel import select

from fakeline import events as ev
from fakeline.signing import signed_request
from models.inbox import InboxEvent, receive
from models.progress import Report
from settings import ROOT
from tests.conftest import CHANNEL_SECRET
from tests.support import people
from tests.support.line_chat import texts


def _worker_env(settings, clock) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LINE_", "TIDTAM_"))}
    env.update(
        DATABASE_URL=settings.database_url,
        LINE_CHANNEL_SECRET=CHANNEL_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN="test-access-token",
        LINE_API_BASE_URL=settings.line_api_base_url,
        LINE_DATA_API_BASE_URL=settings.line_data_api_base_url,
        TIDTAM_CLOCK_START=clock.now().isoformat(),
        TIDTAM_WORKER_THREADS="2",
    )
    return env


def _report_event(user: str, line) -> dict:
    return ev.text(user, "รายงาน 1.2 50% จัดทำคู่มือแล้ว", timestamp_ms=line.timestamp())


def test_a_worker_process_handles_what_an_acknowledge_only_web_process_stored(
    app, client, services, runner, line, fake_line, settings, clock, seed_plan
) -> None:
    people.link(runner, line, "Uworker", "สมชาย ใจดี", measures="1")
    services.worker.stop()
    services.worker = None  # from here the web process only acknowledges
    event = _report_event("Uworker", line)
    body, headers = signed_request([event], CHANNEL_SECRET)
    assert client.post("/callback", data=body, headers=headers).status_code == 200
    with services.db.session() as session:
        assert [e.status for e in session.exec(select(InboxEvent))][-1] == "pending"

    seq = fake_line.last_seq
    worker = subprocess.Popen(
        [sys.executable, "bot.py", "worker"],
        cwd=ROOT,
        env=_worker_env(settings, clock),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert fake_line.wait_for(
            lambda f: any(d.to == "Uworker" for d in f.delivered_since(seq)), timeout=30
        ), "the worker process did not answer"
        second = _report_event("Uworker", line)  # stored after the worker started
        body, headers = signed_request([second], CHANNEL_SECRET)
        seq = fake_line.last_seq
        assert client.post("/callback", data=body, headers=headers).status_code == 200
        assert fake_line.wait_for(
            lambda f: any(d.to == "Uworker" for d in f.delivered_since(seq)), timeout=30
        ), "the worker process did not answer the second report"
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0, output
    assert "บันทึกรายงานแล้ว" in texts([d.message for d in fake_line.messages_to("Uworker")])
    with services.db.session() as session:
        assert {e.status for e in session.exec(select(InboxEvent))} == {"done"}
        reports = session.exec(select(Report).where(Report.detail == "จัดทำคู่มือแล้ว")).all()
    assert len(reports) == 2  # the second supersedes the first; both are kept


def test_web_processes_announce_new_events_once_they_are_stored(services, line) -> None:
    import psycopg

    if services.db.engine.dialect.name != "postgresql":
        pytest.skip("notices are PostgreSQL's; on SQLite worker processes poll")
    url = services.db.engine.url.set(drivername="postgresql").render_as_string(False)
    events = [_report_event(user, line) for user in ("Unotice", "Uother", "Unotice")]
    with psycopg.connect(url, autocommit=True) as listener:
        listener.execute("LISTEN tidtam_inbox")
        receive(services.db.engine, [_row(e, services) for e in events], announce=True)
        notices = list(listener.notifies(timeout=2, stop_after=3))
        stored = listener.execute(  # what a worker sees the moment it hears
            "SELECT count(*) FROM inboxevent WHERE webhook_event_id = ANY(%s)",
            ([e["webhookEventId"] for e in events],),
        ).fetchone()
        # LINE sends one again: stored already, so no worker is told
        receive(services.db.engine, [_row(events[1], services)], announce=True)
        again = list(listener.notifies(timeout=0.5, stop_after=1))
    assert sorted(n.payload for n in notices) == ["Unotice", "Uother"]  # one notice a chat
    assert stored == (3,)
    assert again == []


def _row(event: dict, services) -> dict:
    return {
        "webhook_event_id": event["webhookEventId"],
        "chat_key": event["source"]["userId"],
        "event_type": event["type"],
        "timestamp_ms": event["timestamp"],
        "redelivery": False,
        "payload": event,
        "received_at": services.clock.now(),
        "status": "pending",
        "attempts": 0,
    }
