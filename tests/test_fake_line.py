"""The fake LINE platform answers as LINE does, through the real SDK."""

from __future__ import annotations

import uuid

from delivery.line_api import LineApi
from fakeline import events as ev


def _api(fake_line) -> LineApi:
    return LineApi(
        api_base_url=fake_line.url, data_api_base_url=fake_line.url, access_token="t", timeout=1.0
    )


def test_a_repeated_retry_key_is_409_and_counts_as_delivered(fake_line) -> None:
    fake_line.reset()
    api = _api(fake_line)
    key = str(uuid.uuid4())
    first = api.push("U1", [{"type": "text", "text": "หนึ่ง"}], key)
    second = api.push("U1", [{"type": "text", "text": "หนึ่ง"}], key)
    assert first.ok and first.status == 200
    assert second.ok and second.status == 409 and second.request_id == first.request_id
    assert len(fake_line.messages_to("U1")) == 1


def test_a_reply_token_works_once(fake_line) -> None:
    fake_line.reset()
    api = _api(fake_line)
    event = ev.text("U2", "x", timestamp_ms=1)
    fake_line.expect([event])
    assert api.reply(event["replyToken"], [{"type": "text", "text": "ตอบ"}]).ok
    again = api.reply(event["replyToken"], [{"type": "text", "text": "ตอบ"}])
    assert not again.ok and again.status == 400 and not again.retryable
    assert not api.reply("never-issued", [{"type": "text", "text": "x"}]).ok


def test_failures_and_time_outs_are_retryable(fake_line) -> None:
    fake_line.reset()
    api = _api(fake_line)
    fake_line.fail("/push", 500)
    fake_line.fail("/push", 429)
    fake_line.fail("/push", 200, delay=1.5)  # slower than the client's time-out
    results = [api.push("U3", [{"type": "text", "text": "x"}], str(uuid.uuid4())) for _ in range(3)]
    assert [(r.ok, r.status, r.retryable) for r in results] == [
        (False, 500, True),
        (False, 429, True),
        (False, None, True),
    ]
    fake_line.fail("/push", 400)
    bad = api.push("U3", [{"type": "text", "text": "x"}], str(uuid.uuid4()))
    assert not bad.ok and not bad.retryable


def test_content_comes_from_the_data_host(fake_line) -> None:
    fake_line.reset()
    fake_line.set_content("m1", b"\xff\xd8photo", "image/jpeg")
    assert _api(fake_line).content("m1", 1024) == (b"\xff\xd8photo", "image/jpeg")
