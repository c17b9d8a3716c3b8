"""The scheduler process: its job in the database, one leader at a time, catch-up on start."""

from __future__ import annotations

import time
from datetime import datetime

from sqlalchemy import text
from sqlmodel import select

from bot import create_app
from models.outbox import OutboxMessage
from scheduler.runner import JOB_ID, Scheduler
from tests.conftest import BANGKOK
from tests.support import people


def _wait(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_one_leader_keeps_its_job_in_the_database_and_catches_up(
    app, services, settings, clock, runner, line, seed_plan
) -> None:
    people.link(runner, line, "Uhead", "หัวหน้า", "head")
    clock.set(
        datetime(2022, 1, 28, 9, 0, tzinfo=BANGKOK)
    )  # the summary came due at 08:30 while nothing ran
    other = create_app(settings, clock=clock).extensions["tidtam"]
    first = Scheduler(services, standby_seconds=0.2).start()
    second = Scheduler(other, standby_seconds=0.2).start()
    try:
        assert _wait(lambda: first.leading.is_set() or second.leading.is_set())
        time.sleep(0.5)
        assert first.leading.is_set() != second.leading.is_set(), "exactly one scheduler leads"
        leader, standby = (first, second) if first.leading.is_set() else (second, first)
        with services.db.engine.connect() as connection:
            assert connection.execute(text("SELECT id FROM apscheduler_jobs")).scalars().all() == [
                JOB_ID
            ]
        assert _wait(lambda: _summaries(services) == ["summary:2022-01"])  # the catch-up tick
        leader.stop()
        assert _wait(standby.leading.is_set), "the standby takes over"
        time.sleep(0.3)
        assert _summaries(services) == ["summary:2022-01"], "and does not send it again"
    finally:
        first.stop()
        second.stop()
        other.shutdown()


def _summaries(services) -> list[str]:
    with services.db.session() as session:
        return [
            r.dedupe_key
            for r in session.exec(select(OutboxMessage).where(OutboxMessage.purpose == "summary"))
        ]
