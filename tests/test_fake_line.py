"""The fake LINE platform answers as LINE does, through the real SDK."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from delivery.channel_setup import BotInfo, ChannelSetup, WebhookTest
from delivery.line_api import LineApi
from fakeline import events as ev
from fakeline.server import DEFAULT_BOT_USER_ID
from fakeline.signing import sign


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


# -- several channels ---------------------------------------------------------------------


def _api_with(fake_line, token: str) -> LineApi:
    return LineApi(
        api_base_url=fake_line.url, data_api_base_url=fake_line.url, access_token=token, timeout=1.0
    )


def _setup_with(fake_line, token: str) -> ChannelSetup:
    return ChannelSetup(api_base_url=fake_line.url, access_token=token, timeout=2.0)


TEXT = [{"type": "text", "text": "x"}]


@pytest.fixture(autouse=True)
def _one_channel_again_after(fake_line) -> Iterator[None]:
    """The platform is the session's: tests after these find it with one channel again."""
    yield
    fake_line.reset()


def test_each_channel_answers_only_its_own_token_and_has_its_own_bot(fake_line) -> None:
    fake_line.reset()
    a, b = fake_line.add_channel("a"), fake_line.add_channel("b")
    sent = _api_with(fake_line, a.access_token).push("Ua1", TEXT, str(uuid.uuid4()))
    assert sent.ok
    assert [d.channel for d in fake_line.messages_to("Ua1")] == ["a"]
    assert a.pushed_count == 1 and b.pushed_count == 0
    stranger = _api_with(fake_line, "not-a-channel-token").push("Ua1", TEXT, str(uuid.uuid4()))
    assert (stranger.ok, stranger.status, stranger.retryable) == (False, 401, False)
    for channel in (a, b):
        info = _setup_with(fake_line, channel.access_token).bot_info()
        assert info == BotInfo(channel.bot_user_id, channel.basic_id, channel.display_name)
    assert _setup_with(fake_line, "not-a-channel-token").bot_info() == 401
    assert len(fake_line.messages_to("Ua1")) == 1
    # each channel's quota is its own
    assert _api_with(fake_line, a.access_token).quota() == (fake_line.quota, 1)
    assert _api_with(fake_line, b.access_token).quota() == (fake_line.quota, 0)


def test_a_revoked_token_is_401_and_the_other_channels_go_on(fake_line) -> None:
    fake_line.reset()
    a, b = fake_line.add_channel("a"), fake_line.add_channel("b")
    fake_line.revoke("a")
    refused = _api_with(fake_line, a.access_token).push("U1", TEXT, str(uuid.uuid4()))
    assert (refused.ok, refused.status, refused.retryable) == (False, 401, False)
    assert _setup_with(fake_line, a.access_token).bot_info() == 401
    assert _api_with(fake_line, b.access_token).push("U1", TEXT, str(uuid.uuid4())).ok
    assert [d.channel for d in fake_line.messages_to("U1")] == ["b"]


def test_a_reply_or_push_with_another_channels_token_is_401(fake_line) -> None:
    fake_line.reset()
    a, b = fake_line.add_channel("a"), fake_line.add_channel("b")
    event = ev.text("Ufriend-of-a", "x", timestamp_ms=1)
    fake_line.expect([event], channel="a")
    wrong = _api_with(fake_line, b.access_token)
    assert wrong.reply(event["replyToken"], TEXT).status == 401
    assert wrong.push("Ufriend-of-a", TEXT, str(uuid.uuid4())).status == 401
    assert wrong.multicast(["Ufriend-of-a", "Uother"], TEXT, str(uuid.uuid4())).status == 401
    right = _api_with(fake_line, a.access_token)
    assert right.reply(event["replyToken"], TEXT).ok  # not used up by the refused one
    assert right.push("Ufriend-of-a", TEXT, str(uuid.uuid4())).ok
    assert {d.channel for d in fake_line.messages_to("Ufriend-of-a")} == {"a"}


class _Webhook(BaseHTTPRequestHandler):
    """A webhook that records what it is sent and answers `status`."""

    received: list[tuple[bytes, str]]
    status = 200

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((body, self.headers.get("X-Line-Signature", "")))
        self.send_response(self.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[tuple[str, type[_Webhook]]]:
    class Handler(_Webhook):
        received: ClassVar[list[tuple[bytes, str]]] = []

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/callback/a", Handler
    server.shutdown()
    server.server_close()


def test_the_webhook_is_set_and_tested_with_a_signed_body_without_events(
    fake_line, webhook
) -> None:
    url, handler = webhook
    fake_line.reset()
    a = fake_line.add_channel("a")
    fake_line.add_channel("b")
    setup = _setup_with(fake_line, a.access_token)
    assert setup.test_webhook() == 400  # no URL set yet
    assert setup.set_webhook("not a url") == 400
    assert setup.set_webhook(url) == 200
    assert (a.webhook_url, a.webhook_active) == (url, True)
    assert fake_line.channels["b"].webhook_url == ""
    assert setup.test_webhook() == WebhookTest(True, 200, "OK")
    ((body, signature),) = handler.received
    assert json.loads(body) == {"destination": a.bot_user_id, "events": []}
    assert signature == sign(body, a.secret)
    handler.status = 400
    assert setup.test_webhook() == WebhookTest(False, 400, "ERROR_STATUS_CODE")


def test_a_webhook_that_cannot_be_reached_fails_the_test(fake_line) -> None:
    fake_line.reset()
    a = fake_line.add_channel("a")
    setup = _setup_with(fake_line, a.access_token)
    assert setup.set_webhook("http://127.0.0.1:9/callback/a") == 200
    assert setup.test_webhook() == WebhookTest(False, 0, "COULD_NOT_CONNECT")


def test_without_added_channels_any_token_is_the_one_channel(fake_line) -> None:
    fake_line.reset()
    assert _setup_with(fake_line, "whatever").bot_info() == BotInfo(
        DEFAULT_BOT_USER_ID, fake_line.basic_id, "Tidtam"
    )
    assert _api_with(fake_line, "anything").push("U9", TEXT, str(uuid.uuid4())).ok
    assert [d.channel for d in fake_line.messages_to("U9")] == ["default"]
