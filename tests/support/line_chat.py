"""Talk to the bot as LINE would: signed webhook calls in, the fake platform's record out."""

from __future__ import annotations

import itertools
from typing import Any

from flask.testing import FlaskClient

from clock import Clock
from fakeline import Channel, Delivered, FakeLine
from fakeline import events as ev
from fakeline.signing import signed_request


class LineChat:
    """One Official Account's chats: `/callback` (agency no. 1) by default; another agency's
    with its `channel` of the fake platform (its secret, bot and `/callback/<path>`)."""

    def __init__(
        self,
        client: FlaskClient,
        fake: FakeLine,
        clock: Clock,
        secret: str,
        services: Any,
        channel: Channel | None = None,
        slug: str | None = None,
    ) -> None:
        self.client = client
        self.fake = fake
        self.clock = clock
        self.secret = channel.secret if channel else secret
        self.services = services
        self.channel = channel
        self.path = f"/callback/{slug}" if slug else "/callback"
        self._tick = itertools.count()

    def timestamp(self) -> int:
        """The clock's time in ms; successive events get successive stamps."""
        return int(self.clock.now().timestamp() * 1000) + next(self._tick)

    def post(self, events: list[dict[str, Any]], *, wait: bool = True):
        if self.channel is None:
            self.fake.expect(events)
            body, headers = signed_request(events, self.secret)
        else:
            self.fake.expect(events, channel=self.channel.name)
            body, headers = signed_request(events, self.secret, self.channel.bot_user_id)
        response = self.client.post(self.path, data=body, headers=headers)
        if wait:
            self.settle()
        return response

    def settle(self, timeout: float = 15.0) -> None:
        """Wait until the worker has handled everything and the outbox has gone out."""
        worker = self.services.worker
        assert worker is None or worker.wait_idle(timeout), "the inbox worker did not finish"
        if self.services.delivery is not None:
            self.services.delivery.kick()
            assert self.services.delivery.wait_idle(timeout), "the outbox did not finish"

    def _exchange(self, to: str, event: dict[str, Any]) -> list[dict[str, Any]]:
        seq = self.fake.last_seq
        response = self.post([event])
        assert response.status_code == 200, response.data
        return [d.message for d in self.fake.delivered_since(seq) if d.to == to]

    # -- what a user does --------------------------------------------------------------

    def send(self, user: str, text: str, **kw: Any) -> list[dict[str, Any]]:
        return self._exchange(
            kw.get("group_id") or user, ev.text(user, text, timestamp_ms=self.timestamp(), **kw)
        )

    def tap(self, user: str, data: str, **kw: Any) -> list[dict[str, Any]]:
        return self._exchange(
            kw.get("group_id") or user, ev.postback(user, data, timestamp_ms=self.timestamp(), **kw)
        )

    def press(self, user: str, message: dict[str, Any], label: str) -> list[dict[str, Any]]:
        """Press the quick reply or card button with this label on `message`, as a phone
        would: a postback is tapped, a message action says its text."""
        actions = quick_replies(message) + buttons(message)
        for action in actions:
            if action["label"] == label:
                if action["type"] == "postback":
                    return self.tap(user, action["data"])
                return self.send(user, action["text"])
        raise AssertionError(f"no button {label!r} in {[a['label'] for a in actions]}")

    def follow(self, user: str) -> list[dict[str, Any]]:
        return self._exchange(user, ev.follow(user, timestamp_ms=self.timestamp()))

    def send_image(
        self, user: str, data: bytes, content_type: str = "image/jpeg"
    ) -> list[dict[str, Any]]:
        event = ev.image(user, timestamp_ms=self.timestamp())
        self.fake.set_content(event["message"]["id"], data, content_type)
        return self._exchange(user, event)

    def send_event(self, to: str, event: dict[str, Any]) -> list[dict[str, Any]]:
        return self._exchange(to, event)

    def pushes_to(self, user: str) -> list[Delivered]:
        return [d for d in self.fake.messages_to(user) if d.via in ("push", "multicast")]


def texts(messages: list[dict[str, Any]]) -> str:
    """Everything a person would read in these messages, as one string (Flex included)."""
    parts: list[str] = []
    for message in messages:
        if message.get("type") == "text":
            parts.append(message["text"])
        elif message.get("type") == "flex":
            parts.append(message.get("altText", ""))
            _flex_text(message.get("contents", {}), parts)
    return "\n".join(parts)


def _flex_text(node: Any, parts: list[str]) -> None:
    if isinstance(node, dict):
        if node.get("type") == "text" and "text" in node:
            parts.append(node["text"])
        if node.get("type") == "button":
            parts.append(node.get("action", {}).get("label", ""))
        for value in node.values():
            if isinstance(value, dict | list):
                _flex_text(value, parts)
    elif isinstance(node, list):
        for item in node:
            _flex_text(item, parts)


def quick_replies(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [item["action"] for item in message.get("quickReply", {}).get("items", [])]


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "button":
                found.append(node["action"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.get("contents"))
    return found
