"""Two scheduler processes and two web processes on one PostgreSQL database through a
simulated month (January 2565, its clock 24,000 times real time), the leading scheduler
SIGKILLed halfway: no reminder or summary twice, none missing, each to exactly those due.

January 2565's meeting is Monday 31 January, 10:00: reminders at 09:00 on Monday 24 (stage
1) and Thursday 27 (stage 2), the head's summary at 08:30 on Friday 28 and, at 16:00 that
day, the escalation of who has still not reported.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import datetime

import pytest
from sqlmodel import select

from clock import clock_for
from fakeline import events as ev
from models.outbox import OutboxMessage
from models.progress import Report
from models.staff import PinnedMeasure, Role, Staff
from tests.conftest import BANGKOK, CHANNEL_SECRET
from tests.faults.processes import (
    free_port,
    post_events,
    scheduler,
    tidtam_env,
    wait_healthy,
    web,
)
from tests.support.waiting import wait_until

START = datetime(2022, 1, 20, 8, 0, tzinfo=BANGKOK)
END = datetime(2022, 1, 31, 10, 30, tzinfo=BANGKOK)
SPEED = 24_000  # an hour in 0.15 s
TICK = 0.15
#: who reports on which measure (an action reported by anyone is reported for all of its
#: measure's people): measures 1 and 3 have three actions, measure 2 six
MEASURES = {"Umonth-early": 1, "Umonth-late": 3, "Umonth-partial": 2, "Umonth-never": 2}
#: who reports what, and when
REPORTS = [
    ("Umonth-early", ("1.1", "1.2", "1.3"), datetime(2022, 1, 21, 11, 0, tzinfo=BANGKOK)),
    ("Umonth-partial", ("2.1",), datetime(2022, 1, 21, 14, 0, tzinfo=BANGKOK)),
    ("Umonth-late", ("3.1", "3.2", "3.3"), datetime(2022, 1, 25, 11, 0, tzinfo=BANGKOK)),
]
KILL_AT = datetime(2022, 1, 26, 12, 0, tzinfo=BANGKOK)
STAFF = list(MEASURES)
HEAD = "Umonth-head"


def _people(services) -> dict[str, int]:
    now = services.clock.now()
    with services.db.session() as session:
        people = [
            Staff(
                name=user,
                role=Role.HEAD if user == HEAD else Role.STAFF,
                line_user_id=user,
                created_at=now,
                linked_at=now,
            )
            for user in [*STAFF, HEAD]
        ]
        session.add_all(people)
        session.flush()
        session.add_all(
            PinnedMeasure(staff_id=p.id, measure_no=MEASURES[p.name]) for p in people[:-1]
        )
        return {p.line_user_id: p.id for p in people if p.line_user_id and p.id}


def _wait_until(anchor: float, moment: datetime) -> None:
    """Until the simulated clock of every process reads `moment` (the same clock here)."""
    clock = clock_for(BANGKOK, START, speed=SPEED, anchor=anchor)
    wait_until(lambda: clock.now() >= moment, timeout=60, what=f"the clock reads {moment}")


def _leader(logs) -> int | None:
    for index, log in enumerate(logs):
        if log.exists() and "this process runs the scheduler" in log.read_text():
            return index
    return None


def test_a_month_with_two_schedulers_and_two_web_processes(
    app, services, settings, fake_line, seed_plan, tmp_path
) -> None:
    if services.db.engine.dialect.name != "postgresql":
        pytest.skip("several processes share one PostgreSQL database; SQLite is one machine")
    for part in ("worker", "delivery"):  # only the processes under test work here
        getattr(services, part).stop()
        setattr(services, part, None)
    ids = _people(services)
    # every process starts before the simulated clock reads START: four processes import
    # the app at once on 2 cores, after the rest of the suite (twice, CI and a full run on
    # this machine, 8 s was not enough; alone they start in about 5 s)
    anchor = time.time() + 20
    env = tidtam_env(
        settings.database_url,
        fake_line.url,
        CHANNEL_SECRET,
        TIDTAM_CLOCK_START=START.isoformat(),
        TIDTAM_CLOCK_SPEED=str(SPEED),
        TIDTAM_CLOCK_ANCHOR=str(anchor),
        TIDTAM_SCHEDULER_TICK_SECONDS=str(TICK),
    )
    ports = [free_port(), free_port()]
    webs = [web(port, env, tmp_path / f"web{i}.log") for i, port in enumerate(ports)]
    logs = [tmp_path / "scheduler0.log", tmp_path / "scheduler1.log"]
    schedulers = [scheduler(env, log) for log in logs]
    everyone = [*webs, *schedulers]
    try:
        for process in everyone:
            process.start()
        for port, process in zip(ports, webs, strict=True):
            wait_healthy(port, process)
        first = anchor + (REPORTS[0][2] - START).total_seconds() / SPEED
        assert time.time() < first, "the processes took too long to start"

        for n, (user, actions, when) in enumerate(REPORTS):
            _wait_until(anchor, when)
            events = [
                ev.text(user, f"รายงาน {a} 100% เสร็จตามแผน {user} {a}", timestamp_ms=n * 10 + i)
                for i, a in enumerate(actions)
            ]
            fake_line.expect(events)
            for i, event in enumerate(events):  # to either web process, as a balancer would
                assert post_events(ports[(n + i) % 2], [event], CHANNEL_SECRET) == 200

        _wait_until(anchor, KILL_AT)
        leader = _leader(logs)
        assert leader is not None, "no scheduler took the lead"
        schedulers[leader].kill()
        standby = 1 - leader
        _wait_until(anchor, END)
        assert "this process runs the scheduler" in logs[standby].read_text(), "no take-over"
        wait_until(lambda: _all_sent(services), timeout=20, what="the outbox is delivered")
    finally:
        for process in everyone:
            process.stop()

    with services.db.session() as session:
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        reported = Counter(r.detail for r in session.exec(select(Report)).all())
    assert sorted(reported.values()) == [1] * 7  # every report recorded once
    stages = re.compile(r"reminder:2022-01:staff:(\d+):(\d)")
    reminded = Counter()
    for row in rows:
        match = stages.fullmatch(row.dedupe_key)
        if match:
            reminded[(int(match[1]), int(match[2]))] += 1
    expected = {
        (ids["Umonth-partial"], 1): 1,
        (ids["Umonth-late"], 1): 1,
        (ids["Umonth-never"], 1): 1,
        (ids["Umonth-partial"], 2): 1,
        (ids["Umonth-never"], 2): 1,
    }
    assert dict(reminded) == expected, [r.dedupe_key for r in rows]
    others = sorted(r.dedupe_key for r in rows if not stages.fullmatch(r.dedupe_key))
    assert others == ["escalation:2022-01", "summary:2022-01"]
    assert {r.status for r in rows} == {"sent"}
    pushed = Counter(d.to for d in fake_line.delivered_since(0) if d.via in ("push", "multicast"))
    assert pushed == {"Umonth-partial": 2, "Umonth-late": 1, "Umonth-never": 2, HEAD: 2}


def _all_sent(services) -> bool:
    with services.db.session() as session:
        return set(session.exec(select(OutboxMessage.status)).all()) <= {"sent"}
