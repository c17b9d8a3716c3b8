"""An inbound LINE event, read once from its stored JSON into the fields listeners use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from plain_text import plain_all

#: what the listeners read of an event, and the JSON type each must have when present
_ENVELOPE: dict[str, type | tuple[type, ...]] = {
    "webhookEventId": str,
    "timestamp": int,
    "replyToken": str,
    "source": dict,
    "deliveryContext": dict,
    "message": dict,
    "postback": dict,
}
_PARTS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "source": {"type": str, "userId": str, "groupId": str, "roomId": str},
    "message": {"type": str, "id": str, "text": str},
    "postback": {"data": str, "params": dict},
}
MAX_EVENT_ID = 64
#: the inbox keeps an event's time in a 64-bit integer (PostgreSQL's bigint); LINE's are
#: milliseconds since 1970, far below it
MAX_TIMESTAMP_MS = 2**63 - 1
#: the most digits a number in a postback may have (measures, actions, percents are small;
#: the database's integers are not unbounded)
MAX_DIGITS = 6


def check_envelope(event: Any) -> None:
    """Refuse (ValueError) an event LINE would never send: not an object, without a type,
    or with a field the listeners read in a form they could not read. What the listeners
    do not read is kept as sent."""
    if not isinstance(event, dict) or not isinstance(event.get("type"), str) or not event["type"]:
        raise ValueError("an event is an object with a type")
    _check_fields(event, _ENVELOPE)
    for part, fields in _PARTS.items():
        if part in event and event[part] is not None:
            _check_fields(event[part], fields)
    if len(event.get("webhookEventId") or "") > MAX_EVENT_ID:
        raise ValueError("webhookEventId too long")
    if not 0 <= (event.get("timestamp") or 0) <= MAX_TIMESTAMP_MS:
        raise ValueError("timestamp out of range")


def _check_fields(node: dict[str, Any], fields: dict[str, type | tuple[type, ...]]) -> None:
    for name, kind in fields.items():
        value = node.get(name)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise ValueError(f"{name} must be {kind}")


def chat_key_of(event: dict[str, Any]) -> str:
    """The conversation an event belongs to: the group or room, else the user."""
    source = event.get("source") or {}
    return source.get("groupId") or source.get("roomId") or source.get("userId") or "-"


@dataclass(frozen=True)
class Incoming:
    event_id: str
    type: str
    timestamp_ms: int
    chat_key: str
    user_id: str | None
    source_type: str
    reply_token: str | None
    message_type: str | None = None
    message_id: str | None = None
    text: str | None = None
    data: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    payload: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Incoming:
        """The door every listener reads LINE through: each text in the event (the message,
        the postback data, a file's name, an address) without control characters, so no
        listener stores one (PostgreSQL refuses NUL; the documents refuse the rest)."""
        payload = plain_all(payload)
        source = payload.get("source") or {}
        message = payload.get("message") or {}
        postback = payload.get("postback") or {}
        return cls(
            event_id=payload.get("webhookEventId", ""),
            type=payload.get("type", ""),
            timestamp_ms=int(payload.get("timestamp") or 0),
            chat_key=chat_key_of(payload),
            user_id=source.get("userId"),
            source_type=source.get("type", "user"),
            reply_token=payload.get("replyToken"),
            message_type=message.get("type") if payload.get("type") == "message" else None,
            message_id=message.get("id"),
            text=message.get("text") if message.get("type") == "text" else None,
            data=dict(parse_qsl(postback.get("data", ""), keep_blank_values=True)),
            params=postback.get("params") or {},
            payload=payload,
        )

    @property
    def in_group(self) -> bool:
        return self.source_type in ("group", "room")

    @property
    def message(self) -> dict[str, Any]:
        return self.payload.get("message") or {}

    @property
    def action(self) -> str | None:
        """The postback's action name (`a=` in its data)."""
        return self.data.get("a")

    def number(self, key: str) -> int | None:
        """A whole number in the postback's data (`m=2`); None when missing or not one.
        Only our own buttons send postbacks, so anything else is forged or garbled: it gets
        the answer a wrong number gets, at once, never a failed event (`²` passes
        str.isdigit but not int())."""
        value = self.data.get(key, "")
        if not value or len(value) > MAX_DIGITS or not value.isdecimal():
            return None
        return int(value)
