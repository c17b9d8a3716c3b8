"""The scheduler process: its job in the database, one leader at a time, catch-up on start."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text
from sqlmodel import select

from bot import create_app
from models.outbox import OutboxMessage
from scheduler.runner import JOB_ID, Scheduler
from tests.conftest import BANGKOK
from tests.support import people
from tests.support.waiting import wait_until


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
        wait_until(lambda: first.leading.is_set() or second.leading.is_set(), what="a leader")
        leader, standby = (first, second) if first.leading.is_set() else (second, first)
        tried = standby.tries
        wait_until(lambda: standby.tries >= tried + 2, what="the standby tries again, twice")
        assert leader.leading.is_set() and not standby.leading.is_set(), "exactly one leads"
        with services.db.engine.connect() as connection:
            assert connection.execute(text("SELECT id FROM apscheduler_jobs")).scalars().all() == [
                JOB_ID
            ]
        wait_until(lambda: _summaries(services) == ["summary:2022-01"], what="the catch-up")
        leader.stop()
        wait_until(standby.leading.is_set, what="the standby takes over")
        wait_until(lambda: standby.ticks, what="and runs its catch-up tick")
        assert _summaries(services) == ["summary:2022-01"], "which does not send it again"
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
