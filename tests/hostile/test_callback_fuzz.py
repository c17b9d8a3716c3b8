"""A fuzzer of `POST /callback`: random and mutated bodies, signed and not. Whatever comes
in: never a 5xx, nothing stored from a request that is not LINE's, and the worker goes on
answering staff afterwards."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import select

from fakeline import events as ev
from fakeline.signing import sign
from models.inbox import InboxEvent
from tests.conftest import CHANNEL_SECRET
from tests.support import people
from tests.support.line_chat import texts

FUZZ = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
KINDS = [
    "text",
    "postback",
    "image",
    "sticker",
    "location",
    "follow",
    "unfollow",
    "unsend",
    "join",
    "leave",
    "member_joined",
    "member_left",
    "message_edited",
    "unknown",
]


def _real_event(kind: str) -> dict[str, Any]:
    """One event of each kind LINE sends, as fakeline builds them."""
    at = 1_642_647_600_000
    user, group = "Ufuzz", "Cfuzz"
    build = {
        "text": lambda: ev.text(user, "รายงาน 1.1 50% ทดสอบ", timestamp_ms=at),
        "postback": lambda: ev.postback(user, "a=report.start", timestamp_ms=at),
        "image": lambda: ev.image(user, timestamp_ms=at),
        "sticker": lambda: ev.sticker(user, timestamp_ms=at),
        "location": lambda: ev.location(user, timestamp_ms=at, latitude=13.4, longitude=99.9),
        "follow": lambda: ev.follow(user, timestamp_ms=at),
        "unfollow": lambda: ev.unfollow(user, timestamp_ms=at),
        "unsend": lambda: ev.unsend(user, "123", timestamp_ms=at),
        "join": lambda: ev.join(group, timestamp_ms=at),
        "leave": lambda: ev.leave(group, timestamp_ms=at),
        "member_joined": lambda: ev.member_joined(group, [user], timestamp_ms=at),
        "member_left": lambda: ev.member_left(group, [user], timestamp_ms=at),
        "message_edited": lambda: ev.message_edited(user, "123", "แก้แล้ว", timestamp_ms=at),
        "unknown": lambda: ev.unknown(user, timestamp_ms=at),
    }
    return build[kind]()


@st.composite
def mutated_events(draw) -> dict[str, Any]:
    """A real event with a field somewhere replaced by anything, or removed."""
    event = _real_event(draw(st.sampled_from(KINDS)))
    for _ in range(draw(st.integers(1, 3))):
        node = event
        while True:
            key = draw(st.sampled_from(sorted(node)))
            if isinstance(node[key], dict) and node[key] and draw(st.booleans()):
                node = node[key]
                continue
            break
        if draw(st.booleans()):
            node[key] = draw(JSON)
        else:
            del node[key]
        if not event:
            break
    return event


def _inbox(services) -> dict[str, int]:
    with services.db.session() as session:
        rows = session.exec(select(InboxEvent.status, func.count()).group_by(InboxEvent.status))
        return dict(rows.all())


def _post(client, body: bytes, signature: str | None = None):
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-Line-Signature"] = signature
    return client.post("/callback", data=body, headers=headers)


@FUZZ
@given(
    st.binary(max_size=300),
    st.one_of(
        st.none(), st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60)
    ),
)
def test_an_unsigned_or_wrongly_signed_body_is_refused_and_stores_nothing(
    client, services, body: bytes, signature: str | None
) -> None:
    before = _inbox(services)
    assert _post(client, body, signature).status_code == 400
    assert _inbox(services) == before


@FUZZ
@given(st.one_of(st.binary(max_size=300), JSON.map(lambda v: json.dumps(v).encode())))
@example(b"[" * 100_000)  # once a RecursionError and a 500
@example(b"\xef\xbb\xbf" + json.dumps({"events": []}).encode())  # a BOM
@example(b'{"events": [{"type": "message", "message": {"type": "text", "text": "\\ud800"}}]}')
@example(b'{"events": [{"type": "follow", "deliveryContext": []}]}')  # once a 500
@example(b'{"events": [{"type": "follow", "timestamp": "soon"}]}')  # once a 500
@example(json.dumps({"events": [{"type": "follow", "webhookEventId": "x" * 65}]}).encode())
@example(b"\xff\xfe\x00garbage")
def test_a_signed_body_of_anything_is_never_a_server_error(client, services, body: bytes) -> None:
    before = sum(_inbox(services).values())
    response = _post(client, body, sign(body, CHANNEL_SECRET))
    assert response.status_code < 500, response.data
    if response.status_code != 200:
        assert sum(_inbox(services).values()) == before  # refused: nothing stored


@FUZZ
@given(st.lists(mutated_events(), min_size=1, max_size=3))
def test_mutated_events_are_refused_or_handled_and_the_bot_goes_on(
    line, client, services, fake_line, events: list[dict[str, Any]]
) -> None:
    before = sum(_inbox(services).values())
    body = json.dumps({"destination": "Ubot", "events": events}).encode()
    fake_line.expect(  # the reply tokens LINE issued, for events that have a chat at all
        [
            e
            for e in events
            if isinstance(e.get("replyToken"), str) and isinstance(e.get("source"), dict)
        ]
    )
    response = _post(client, body, sign(body, CHANNEL_SECRET))
    assert response.status_code in (200, 400), response.data
    event(f"answered {response.status_code}")
    line.settle()
    after = _inbox(services)
    if response.status_code == 400:
        assert sum(after.values()) == before
    assert after.get("pending", 0) == 0  # each stored event handled: done, or set aside


def test_after_the_fuzz_a_report_is_still_answered(
    line, runner, seed_plan, client, services, fake_line
) -> None:
    people.link(runner, line, "Ustill", "สมพร ทดสอบ", measures="1")
    for body in (b"[" * 50_000, b'{"events": [{"type": "follow", "source": 5}]}', b"\x80"):
        assert _post(client, body, sign(body, CHANNEL_SECRET)).status_code == 400
    replay = ev.text("Ustill", "รายงาน 1.1 40% จัดอบรมแล้ว", timestamp_ms=line.timestamp())
    assert "บันทึกรายงานแล้ว" in texts(line.send_event("Ustill", replay))
    line.post([dict(replay, deliveryContext={"isRedelivery": True})])  # replayed: once only
    assert _inbox(services) == {"done": sum(_inbox(services).values())}
    replies = fake_line.requests_to("/message/reply", ok_only=True)
    assert sum(1 for r in replies if r.body["replyToken"] == replay["replyToken"]) == 1
