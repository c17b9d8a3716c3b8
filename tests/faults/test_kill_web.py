"""SIGKILL the web process again and again under a load of staff reports: every event
answered 200 is handled exactly once, and no report is recorded twice or lost.

LINE's side is played as LINE plays it: an event not answered 200 (connection refused
while the process is down, or cut mid-request) is delivered again with the same
webhookEventId. Runs on whichever database the suite runs on.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, deque
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from fakeline import events as ev
from models.inbox import InboxEvent
from models.progress import Report
from models.staff import PinnedMeasure, Role, Staff
from tests.conftest import CHANNEL_SECRET
from tests.faults.processes import free_port, post_events, tidtam_env, wait_healthy, web
from tests.support.waiting import wait_until

STAFF, EVENTS, KILLS, SENDERS, WORKER_THREADS = 20, 300, 3, 4, 2


def _staff(services, count: int) -> list[str]:
    now = services.clock.now()
    with services.db.session() as session:
        people = [
            Staff(
                name=f"ผู้รายงาน {n}",
                role=Role.STAFF,
                line_user_id=f"Ukill{n:03d}",
                created_at=now,
                linked_at=now,
            )
            for n in range(count)
        ]
        session.add_all(people)
        session.flush()
        session.add_all(PinnedMeasure(staff_id=p.id, measure_no=1) for p in people)
    return [f"Ukill{n:03d}" for n in range(count)]


def _reports(users: list[str], start_ms: int) -> list[dict[str, Any]]:
    return [
        ev.text(
            users[i % len(users)],
            f"รายงาน 1.{i % 3 + 1} {i % 101}% งานที่ {i:04d}",
            timestamp_ms=start_ms + i,
        )
        for i in range(EVENTS)
    ]


class Line:
    """LINE's delivery: posts each event until it is answered 200, redelivering the rest
    once the server is reachable again (`up`: cleared while the test has it down)."""

    def __init__(self, port: int, events: list[dict[str, Any]]) -> None:
        self.port = port
        self.waiting: deque[dict[str, Any]] = deque(events)
        self.acknowledged: set[str] = set()
        self.attempts = Counter[int]()
        self.up = threading.Event()
        self.up.set()
        self._changed = threading.Condition()
        self._total = len(events)

    def run(self, deadline: float) -> None:
        while (event := self._next(deadline)) is not None:
            status = post_events(self.port, [event], CHANNEL_SECRET)
            with self._changed:
                self.attempts[status] += 1
                if status == 200:
                    self.acknowledged.add(event["webhookEventId"])
                else:
                    self.waiting.append(dict(event, deliveryContext={"isRedelivery": True}))
                self._changed.notify_all()
            if status != 200:
                self.up.wait(max(0.0, deadline - time.monotonic()))

    def _next(self, deadline: float) -> dict[str, Any] | None:
        """The next event to deliver, once one is waiting; None when every event is
        acknowledged or the time is up."""
        with self._changed:
            while len(self.acknowledged) < self._total:
                if self.waiting:
                    return self.waiting.popleft()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._changed.wait(remaining)  # the others' events are in flight
            return None


def _pending(services) -> int:
    with services.db.session() as session:
        return session.exec(
            select(func.count()).select_from(InboxEvent).where(InboxEvent.status == "pending")
        ).one()


def test_sigkill_under_load_loses_nothing_and_doubles_nothing(
    app, services, settings, clock, fake_line, seed_plan, tmp_path
) -> None:
    for part in ("worker", "delivery"):  # only the web process under test works here
        getattr(services, part).stop()
        setattr(services, part, None)
    users = _staff(services, STAFF)
    events = _reports(users, int(clock.now().timestamp() * 1000))
    fake_line.expect(events)
    port = free_port()
    env = tidtam_env(
        settings.database_url,
        fake_line.url,
        CHANNEL_SECRET,
        TIDTAM_CLOCK_START=clock.now().isoformat(),
        TIDTAM_WORKER_THREADS=str(WORKER_THREADS),
    )
    server = web(port, env, tmp_path / "web.log").start()
    wait_healthy(port, server)
    line = Line(port, events)
    deadline = time.monotonic() + 60
    senders = [
        threading.Thread(target=line.run, args=(deadline,), daemon=True) for _ in range(SENDERS)
    ]
    started = time.monotonic()
    for sender in senders:
        sender.start()
    try:
        for kill in range(1, KILLS + 1):
            wanted = kill * EVENTS // (KILLS + 1)
            wait_until(lambda n=wanted: len(line.acknowledged) >= n, 60, "acknowledged")
            line.up.clear()
            refused = line.attempts[0]
            server.kill()
            wait_until(lambda n=refused: line.attempts[0] > n, what="LINE finds it gone")
            server.start()
            wait_healthy(port, server)
            line.up.set()
        for sender in senders:
            sender.join(timeout=60)
        assert len(line.acknowledged) == EVENTS, "LINE could not deliver every event"
        wait_until(lambda: not _pending(services), timeout=90, what="every event handled")
        fake_line.wait_for(  # the last replies are on their way
            lambda f: len(f.requests_to("/message/reply", ok_only=True)) >= EVENTS, timeout=5
        )
    finally:
        server.stop()
    took = time.monotonic() - started

    with services.db.session() as session:
        inbox = Counter(session.exec(select(InboxEvent.status)).all())
        details = Counter(session.exec(select(Report.detail)).all())
    assert inbox == {"done": EVENTS}, inbox  # each stored once, none failed
    expected = {f"งานที่ {i:04d}" for i in range(EVENTS)}
    assert set(details) == expected and set(details.values()) == {1}  # none lost, none doubled
    tokens = Counter(
        r.body["replyToken"] for r in fake_line.requests_to("/message/reply", ok_only=True)
    )
    assert max(tokens.values()) == 1  # no event answered twice
    lost = EVENTS - len(tokens)
    assert lost <= KILLS * WORKER_THREADS, f"{lost} replies lost"
    print(
        f"\n{EVENTS} events, {KILLS} SIGKILLs in {took:.1f} s; posts answered "
        f"{dict(line.attempts)}; handled once each; replies {len(tokens)}, "
        f"lost between commit and reply: {lost}"
    )
