"""LINE's API fails during a reminder cycle of a few hundred staff: 500s, then 429s, then
calls that hang past the time-out (some of which LINE had in fact accepted). When LINE
recovers, each reminder has arrived exactly once, and the app's count of pushes is LINE's.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlmodel import select

from bot import create_app
from delivery.outbox_sender import OutboxSender
from models.outbox import OutboxMessage, pushed_between
from models.staff import PinnedMeasure, Role, Staff
from tests.conftest import BANGKOK
from usecases.reminders import remind

STAFF = 300
#: stage 2 of January 2565's reminders (the meeting is on Monday 31 January)
REMIND_AT = datetime(2022, 1, 27, 9, 5, tzinfo=BANGKOK)


def _agency(services, count: int) -> list[str]:
    """`count` linked staff, each on one of the seed plan's measures, none reported yet."""
    now = services.clock.now()
    with services.db.session() as session:
        people = [
            Staff(
                name=f"เจ้าหน้าที่ {n}",
                role=Role.STAFF,
                line_user_id=f"Uout{n:04d}",
                created_at=now,
                linked_at=now,
            )
            for n in range(count)
        ]
        session.add_all(people)
        session.flush()
        session.add_all(PinnedMeasure(staff_id=p.id, measure_no=1 + p.id % 3) for p in people)
    return [p.line_user_id for p in people if p.line_user_id]


def test_reminders_arrive_exactly_once_through_500s_429s_and_time_outs(
    app, services, settings, clock, fake_line, seed_plan
) -> None:
    services.delivery.stop()  # this test drives the sender, with the clock
    users = _agency(services, STAFF)
    clock.set(REMIND_AT)
    with services.db.session() as session:
        ran = remind(session, clock.now())
    assert ran.stage == 2 and ran.queued == STAFF

    fake_line.fail("/push", 500, times=150)
    fake_line.fail("/push", 429, times=100)
    fake_line.fail("/push", 503, times=4, delay=1.0)  # hangs past the 0.5 s time-out
    fake_line.fail("/push", 200, times=4, delay=1.0)  # accepted, but answered too late
    impatient = create_app(settings.model_copy(update={"line_timeout": 0.5}), clock=clock)
    running = impatient.extensions["tidtam"]
    sender = OutboxSender(running.db, lambda: running.line, clock)
    rounds, tries = 0, Counter[str]()
    try:
        # a 429 holds back the whole agency until its back-off is over: a round meets
        # from one to a batch's threads' worth of the 100 429s, so up to 100 rounds
        while rounds < 150:
            stats = sender.send_due()
            tries.update(sent=stats.sent, retried=stats.retried, failed=stats.failed)
            rounds += 1
            with services.db.session() as session:
                waiting = session.exec(
                    select(OutboxMessage).where(OutboxMessage.status != "sent")
                ).all()
            if not waiting:
                break
            clock.advance(minutes=31)  # past the longest back-off
    finally:
        running.shutdown()

    delivered = Counter(d.to for d in fake_line.delivered_since(0))
    assert [user for user in users if delivered[user] != 1] == []
    assert sum(delivered.values()) == STAFF
    assert tries["failed"] == 0 and tries["sent"] == STAFF
    assert tries["retried"] >= 258  # every injected failure was met, and retried
    statuses = Counter(r.status for r in fake_line.requests_to("/v2/bot/message/push"))
    assert statuses[409] == 4  # the late-answered pushes, retried with their keys: no repeat
    with services.db.session() as session:
        counted = pushed_between(session, REMIND_AT, clock.now() + timedelta(seconds=1))
    assert counted == STAFF  # what the app counts against the quota is what LINE delivered
    print(f"\n{STAFF} reminders; {dict(statuses)} from LINE; {rounds} rounds; {dict(tries)}")
