"""`POST /callback`: signatures, bodies, redelivery, every event type, and the inbox."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from fakeline import events as ev
from fakeline.signing import sign
from models import tenancy
from models.chat import LineGroup, LineUser
from models.inbox import InboxEvent
from tests.conftest import CHANNEL_SECRET
from tests.support.line_chat import texts
from tests.support.waiting import wait_until


def _stored(services) -> list[InboxEvent]:
    with services.db.session() as session:
        return list(session.exec(select(InboxEvent)))


def test_missing_or_wrong_signature_is_400_and_stores_nothing(
    client, line, services, caplog
) -> None:
    body = json.dumps(
        {"destination": "U0", "events": [ev.text("U1", "สวัสดี", timestamp_ms=line.timestamp())]}
    ).encode()
    assert (
        client.post(
            "/callback", data=body, headers={"Content-Type": "application/json"}
        ).status_code
        == 400
    )
    wrong = {"X-Line-Signature": sign(body, "another-secret"), "Content-Type": "application/json"}
    assert client.post("/callback", data=body, headers=wrong).status_code == 400
    tampered = {"X-Line-Signature": sign(body, CHANNEL_SECRET)}
    assert client.post("/callback", data=body + b" ", headers=tampered).status_code == 400
    assert _stored(services) == []
    assert "signature" in caplog.text


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b'{"destination": "U0"}',
        b'{"events": "x"}',
        b'{"events": [1]}',
        # Python reads Infinity and NaN, PostgreSQL's json does not: 400, not a 503 for ever
        b'{"events": [{"type": "unfollow", "timestamp": 1, "mode": "active",'
        b' "webhookEventId": "01INF", "source": {"type": "user", "userId": "U1"},'
        b' "deliveryContext": {"isRedelivery": false, "x": Infinity}}]}',
        # a time past PostgreSQL's bigint (the fuzzer's 2**63): 400, not a 503 for ever
        b'{"events": [{"type": "unfollow", "timestamp": 9223372036854775808, "mode": "active",'
        b' "webhookEventId": "01BIG", "source": {"type": "user", "userId": "U1"}}]}',
        b'{"events": [{"type": "unfollow", "timestamp": -1, "mode": "active",'
        b' "webhookEventId": "01NEG", "source": {"type": "user", "userId": "U1"}}]}',
    ],
)
def test_a_body_that_is_not_lines_json_is_400(client, services, body: bytes) -> None:
    response = client.post(
        "/callback", data=body, headers={"X-Line-Signature": sign(body, CHANNEL_SECRET)}
    )
    assert response.status_code == 400
    assert _stored(services) == []


def test_a_body_over_a_megabyte_is_413(client, services) -> None:
    body = b'{"events": [], "pad": "' + b"x" * (1024 * 1024) + b'"}'
    response = client.post(
        "/callback", data=body, headers={"X-Line-Signature": sign(body, CHANNEL_SECRET)}
    )
    assert response.status_code == 413
    assert _stored(services) == []


def test_lines_url_check_with_no_events_is_200(line) -> None:
    assert line.post([]).status_code == 200


def test_a_redelivered_event_is_acknowledged_and_handled_once(line, fake_line, services) -> None:
    event = ev.follow("Uredeliver", timestamp_ms=line.timestamp())
    assert line.post([event]).status_code == 200
    again = dict(event, deliveryContext={"isRedelivery": True})
    assert line.post([again]).status_code == 200
    assert len(_stored(services)) == 1
    assert len(fake_line.requests_to("/v2/bot/message/reply")) == 1


def test_follow_is_greeted_and_the_user_remembered(line, services, seed_plan) -> None:
    replies = line.follow("Unew")
    assert "เทศบาลตำบลบางกระบือ" in texts(replies)
    assert "รหัส 6 ตัว" in texts(replies)  # how a staff member links
    with services.db.session() as session:
        assert tenancy.get(session, LineUser, "Unew").following


def test_every_event_type_is_handled_without_error(line, fake_line, services) -> None:
    t = line.timestamp
    every = [
        ev.text("Uall", "อะไรนะ", timestamp_ms=t()),
        ev.image("Uall", timestamp_ms=t()),
        ev.file("Uall", timestamp_ms=t(), file_name="a.pdf", size=10),
        ev.sticker("Uall", timestamp_ms=t()),
        ev.location("Uall", timestamp_ms=t(), latitude=13.4, longitude=99.9),
        ev.media("Uall", "video", timestamp_ms=t()),
        ev.media("Uall", "audio", timestamp_ms=t()),
        ev.follow("Uall", timestamp_ms=t()),
        ev.unfollow("Uall", timestamp_ms=t()),
        ev.postback("Uall", "a=unknown.action", timestamp_ms=t()),
        ev.join("Cgroup1", timestamp_ms=t()),
        ev.member_joined("Cgroup1", ["Uall"], timestamp_ms=t()),
        ev.member_left("Cgroup1", ["Uall"], timestamp_ms=t()),
        ev.unsend("Uall", "123", timestamp_ms=t()),
        ev.message_edited("Uall", "123", "แก้แล้ว", timestamp_ms=t()),
        ev.unknown("Uall", timestamp_ms=t()),
        ev.leave("Cgroup1", timestamp_ms=t()),
    ]
    assert line.post(every).status_code == 200
    stored = _stored(services)
    assert len(stored) == len(every)
    assert {e.status for e in stored} == {"done"}, [(e.event_type, e.error) for e in stored]
    with services.db.session() as session:
        group = tenancy.get(session, LineGroup, "Cgroup1")
        assert group is not None and group.left_at is not None
        assert tenancy.get(session, LineUser, "Uall").following is False


def test_one_users_events_are_handled_in_the_order_they_happened(line, fake_line, services) -> None:
    first = ev.follow("Uorder", timestamp_ms=line.timestamp())
    second = ev.unfollow("Uorder", timestamp_ms=line.timestamp())
    assert line.post([second, first]).status_code == 200  # LINE's order may differ
    with services.db.session() as session:
        assert tenancy.get(session, LineUser, "Uorder").following is False


def test_an_expired_reply_token_becomes_a_push(line, fake_line) -> None:
    event = ev.text("Ulate", "สวัสดี", timestamp_ms=line.timestamp())
    fake_line.used_reply_tokens.add(event["replyToken"])  # as if LINE let it expire
    line.post([event])
    pushed = [d for d in fake_line.messages_to("Ulate") if d.via == "push"]
    assert pushed and "สิ่งที่ทำได้" in texts([d.message for d in pushed])


def test_an_event_that_keeps_failing_is_set_aside_and_the_user_told(
    line, fake_line, services, monkeypatch
) -> None:
    from handlers.dispatch import Dispatcher

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(Dispatcher, "__call__", broken)
    line.post([ev.text("Ubroken", "สวัสดี", timestamp_ms=line.timestamp())])
    worker = services.worker
    for _ in range(3):  # the sweep retries; hurry it along
        worker.kick(["Ubroken"])
        worker.wait_idle()
    [event] = _stored(services)
    assert event.status == "failed" and "boom" in event.error and event.attempts == 3
    assert "ขออภัย" in texts([d.message for d in fake_line.messages_to("Ubroken")])


def test_events_left_by_a_restart_are_picked_up(app, line, fake_line, services) -> None:
    # stored but never kicked, as if the process died right after the 200
    worker, services.worker = services.worker, None
    line.post([ev.text("Urestart", "สวัสดี", timestamp_ms=line.timestamp())], wait=False)
    services.worker = worker
    assert fake_line.wait_for(lambda f: f.messages_to("Urestart"), timeout=10)  # the sweep found it


def test_a_group_chat_stays_quiet_unless_asked(line, fake_line) -> None:
    t = line.timestamp
    line.post([ev.text("Umember", "ไปกินข้าวกันไหม", timestamp_ms=t(), group_id="Cquiet")])
    assert fake_line.messages_to("Cquiet") == []
    replies = line.send("Umember", "ช่วยเหลือ", group_id="Cquiet")
    assert replies, "help answers in a group"


def test_a_batch_with_a_redelivered_event_stores_only_the_new_ones(line, services) -> None:
    first = ev.follow("Ubatch1", timestamp_ms=line.timestamp())
    assert line.post([first]).status_code == 200
    batch = [
        ev.follow("Ubatch2", timestamp_ms=line.timestamp()),
        dict(first, deliveryContext={"isRedelivery": True}),
        ev.follow("Ubatch3", timestamp_ms=line.timestamp()),
    ]
    assert line.post(batch).status_code == 200
    stored = _stored(services)
    assert sorted(e.chat_key for e in stored) == ["Ubatch1", "Ubatch2", "Ubatch3"]
    assert all(e.status == "done" for e in stored)


def test_a_body_larger_than_one_insert_is_stored_whole_and_once(line, services) -> None:
    from models.inbox import CHUNK

    events = [
        {**ev.follow(f"Ubig{n:04d}", timestamp_ms=line.timestamp()), "type": "somethingNew"}
        for n in range(2 * CHUNK + 1)
    ]
    assert line.post(events).status_code == 200
    assert line.post(events).status_code == 200  # LINE sends it all again
    stored = _stored(services)
    assert sorted(e.webhook_event_id for e in stored) == sorted(e["webhookEventId"] for e in events)
    assert {e.status for e in stored} == {"done"}


def test_the_inbox_work_waits_while_a_request_is_being_acknowledged(
    line, fake_line, services
) -> None:
    """Acknowledge first, work after: an event stored during a burst is handled once the
    requests are answered, or when the gate's patience runs out, never lost."""
    gate = services.ack_first
    gate.patience = 30.0
    with gate.acknowledging():  # another request, still being answered
        line.post([ev.follow("Ugate", timestamp_ms=line.timestamp())], wait=False)
        wait_until(lambda: gate.waiting, what="an inbox thread has the event, held back")
        assert fake_line.messages_to("Ugate") == []
    line.settle()
    assert fake_line.messages_to("Ugate"), "greeted once the request was answered"

    gate.patience = 0.05  # a request that never ends does not starve the work
    with gate.acknowledging():
        assert line.follow("Ugate2")
