"""Delivery that never loses or doubles a message: retries, back-off, restarts, two senders."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from sqlmodel import select

from bot import create_app
from delivery.outbox_sender import OutboxSender, backoff
from models.outbox import OutboxMessage, queue
from tests.conftest import BANGKOK


def _queue(services, n: int, key: str = "test") -> None:
    with services.db.session() as session:
        for i in range(n):
            queue(
                session,
                key=f"{key}:{i}",
                to=f"U{key}{i}",
                messages=[{"type": "text", "text": f"ข้อความ {i}"}],
                purpose="test",
                now=services.clock.now(),
            )


def _sender(services) -> OutboxSender:
    return OutboxSender(services.db, lambda: services.line, services.clock)


def _rows(services) -> list[OutboxMessage]:
    with services.db.session() as session:
        return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_500_429_and_a_time_out_then_recovery_deliver_each_message_once(
    app, services, fake_line, clock
) -> None:
    services.delivery.stop()  # this test drives the sender itself
    _queue(services, 3)
    fake_line.fail("/push", 500)
    fake_line.fail("/push", 429)
    fake_line.fail("/push", 200, delay=3.0)  # LINE accepts it, but answers after the client gave up
    sender = _sender(services)
    first = sender.send_due()
    assert (first.sent, first.retried) == (0, 3)
    assert sender.send_due().handled == 0  # backing off: nothing is due yet
    clock.advance(minutes=1)
    second = sender.send_due()
    assert (second.sent, second.failed) == (3, 0)
    for i in range(3):
        assert len(fake_line.messages_to(f"Utest{i}")) == 1, f"message {i} delivered exactly once"
    assert [r.status for r in _rows(services)] == ["sent"] * 3
    repeat = [r for r in fake_line.requests_to("/push") if r.status == 409]
    assert len(repeat) == 1  # the retried push after the time-out: LINE had it already


def test_a_client_error_fails_for_good_with_the_reason(app, services, fake_line, runner) -> None:
    services.delivery.stop()
    _queue(services, 1, "bad")
    fake_line.fail("/push", 400)
    stats = _sender(services).send_due()
    assert stats.failed == 1
    [row] = _rows(services)
    assert row.status == "failed" and row.last_error.startswith("400")
    listed = runner.invoke(args=["outbox", "list", "--failed"])
    assert "bad:0" in listed.output and "เหตุผล: 400" in listed.output


def test_back_off_grows_with_jitter_up_to_a_cap() -> None:
    import random

    rng = random.Random(7)
    waits = [backoff(n, rng) for n in range(1, 12)]
    assert timedelta(seconds=4) <= waits[0] <= timedelta(seconds=6)
    assert waits[3] > waits[1] > waits[0]
    assert max(waits) <= timedelta(minutes=36)


def test_a_restart_between_queueing_and_sending_loses_nothing(
    settings, clock, fake_line, app, services
) -> None:
    services.delivery.stop()
    _queue(services, 2, "restart")
    services.shutdown()  # gone before a single push
    second = create_app(settings, clock=clock)
    running = second.extensions["tidtam"]
    running.start_background()
    try:
        running.kick_delivery()
        assert running.delivery.wait_idle(10)
    finally:
        running.shutdown()
    assert [len(fake_line.messages_to(f"Urestart{i}")) for i in range(2)] == [1, 1]


def test_a_send_abandoned_mid_flight_is_sent_again_once(app, services, fake_line, clock) -> None:
    """A sender died after LINE accepted the push but before it marked the row sent."""
    services.delivery.stop()
    _queue(services, 1, "crash")
    [row] = _rows(services)
    services.line.push(row.recipients[0], row.messages, row.retry_key)  # LINE has it
    with services.db.session() as session:
        stuck = session.get(OutboxMessage, row.id)
        stuck.status, stuck.lease_until = "sending", clock.now() + timedelta(minutes=2)
        session.add(stuck)
    assert _sender(services).send_due().handled == 0  # still leased to the dead sender
    clock.advance(minutes=3)
    assert _sender(services).send_due().sent == 1
    assert len(fake_line.messages_to("Ucrash0")) == 1


def test_the_same_message_to_many_is_one_multicast_and_counts_each(
    app, services, fake_line, runner
) -> None:
    services.delivery.stop()
    with services.db.session() as session:
        queue(
            session,
            key="summary:test",
            to=["Uh1", "Uh2", "Uh3"],
            messages=[{"type": "text", "text": "สรุป"}],
            purpose="summary",
            now=services.clock.now(),
        )
    assert _sender(services).send_due().sent == 1
    [request] = fake_line.requests_to("/multicast")
    assert request.body["to"] == ["Uh1", "Uh2", "Uh3"]
    quota = runner.invoke(args=["quota"])
    assert (
        quota.exit_code == 0
        and "(นับจากคิวของติดตาม): 3" in quota.output
        and "LINE นับว่าใช้ไปแล้ว: 3" in quota.output
    )


def test_two_senders_on_one_database_send_each_message_once(
    app, services, fake_line, settings, clock
) -> None:
    services.delivery.stop()
    _queue(services, 20, "pair")
    other = create_app(settings, clock=clock).extensions["tidtam"]
    try:
        senders = [_sender(services), _sender(other)]
        threads = [threading.Thread(target=s.send_due) for s in senders]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        other.shutdown()
    assert [len(fake_line.messages_to(f"Upair{i}")) for i in range(20)] == [1] * 20
    assert len(fake_line.requests_to("/push")) == 20


def test_two_schedulers_on_one_database_queue_each_summary_once(
    app, services, settings, clock, seed_plan, runner
) -> None:
    from scheduler.jobs import run_due
    from tests.support import people

    code = people.add(runner, "หัวหน้า", "head")
    with services.db.session() as session:
        from models.staff import redeem_link_code

        redeem_link_code(session, code, "Uhead", clock.now(), services.secret)
    clock.set(datetime(2022, 1, 28, 8, 31, tzinfo=BANGKOK))
    other = create_app(settings, clock=clock).extensions["tidtam"]
    try:
        threads = [threading.Thread(target=run_due, args=(s,)) for s in (services, other)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        other.shutdown()
    with services.db.session() as session:
        summaries = session.exec(
            select(OutboxMessage).where(OutboxMessage.purpose.in_(["summary", "escalation"]))
        ).all()  # type: ignore[attr-defined]
    assert [s.dedupe_key for s in summaries] == ["summary:2022-01"]
