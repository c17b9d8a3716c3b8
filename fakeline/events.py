"""Webhook events shaped as LINE sends them, for the tests, the simulator and the benchmarks."""

from __future__ import annotations

import itertools
import os
import time
from typing import Any

_counter = itertools.count(1)
_ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_event_id() -> str:
    """A ULID-shaped id (26 characters), unique per event as LINE's webhookEventId is."""
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    return "".join(_ULID_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(26)))


def new_reply_token() -> str:
    return os.urandom(16).hex()


def _source(user_id: str, group_id: str | None, room_id: str | None) -> dict[str, Any]:
    if group_id:
        return {"type": "group", "groupId": group_id, "userId": user_id}
    if room_id:
        return {"type": "room", "roomId": room_id, "userId": user_id}
    return {"type": "user", "userId": user_id}


def event(
    kind: str,
    user_id: str,
    *,
    timestamp_ms: int,
    reply_token: bool = True,
    group_id: str | None = None,
    room_id: str | None = None,
    redelivery: bool = False,
    event_id: str | None = None,
    **fields: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": kind,
        "mode": "active",
        "timestamp": timestamp_ms,
        "source": _source(user_id, group_id, room_id),
        "webhookEventId": event_id or new_event_id(),
        "deliveryContext": {"isRedelivery": redelivery},
    }
    if reply_token:
        body["replyToken"] = new_reply_token()
    body.update(fields)
    return body


def _message_id() -> str:
    return str(10**17 + next(_counter))


def text(user_id: str, text: str, *, timestamp_ms: int, **kw: Any) -> dict[str, Any]:
    message = {"id": _message_id(), "type": "text", "quoteToken": new_reply_token(), "text": text}
    return event("message", user_id, timestamp_ms=timestamp_ms, message=message, **kw)


def postback(
    user_id: str, data: str, *, timestamp_ms: int, params: dict | None = None, **kw: Any
) -> dict[str, Any]:
    payload: dict[str, Any] = {"data": data}
    if params:
        payload["params"] = params
    return event("postback", user_id, timestamp_ms=timestamp_ms, postback=payload, **kw)


def image(
    user_id: str, *, timestamp_ms: int, message_id: str | None = None, **kw: Any
) -> dict[str, Any]:
    message = {
        "id": message_id or _message_id(),
        "type": "image",
        "quoteToken": new_reply_token(),
        "contentProvider": {"type": "line"},
    }
    return event("message", user_id, timestamp_ms=timestamp_ms, message=message, **kw)


def file(
    user_id: str,
    *,
    timestamp_ms: int,
    file_name: str,
    size: int,
    message_id: str | None = None,
    **kw: Any,
) -> dict[str, Any]:
    message = {
        "id": message_id or _message_id(),
        "type": "file",
        "fileName": file_name,
        "fileSize": size,
    }
    return event("message", user_id, timestamp_ms=timestamp_ms, message=message, **kw)


def media(
    user_id: str, kind: str, *, timestamp_ms: int, message_id: str | None = None, **kw: Any
) -> dict[str, Any]:
    """A video or audio message."""
    message = {
        "id": message_id or _message_id(),
        "type": kind,
        "duration": 6000,
        "contentProvider": {"type": "line"},
    }
    if kind == "video":
        message["quoteToken"] = new_reply_token()
    return event("message", user_id, timestamp_ms=timestamp_ms, message=message, **kw)


def sticker(user_id: str, *, timestamp_ms: int, **kw: Any) -> dict[str, Any]:
    message = {
        "id": _message_id(),
        "type": "sticker",
        "quoteToken": new_reply_token(),
        "packageId": "446",
        "stickerId": "1988",
        "stickerResourceType": "STATIC",
    }
    return event("message", user_id, timestamp_ms=timestamp_ms, message=message, **kw)


def location(
    user_id: str,
    *,
    timestamp_ms: int,
    latitude: float,
    longitude: float,
    address: str = "",
    **kw: Any,
) -> dict[str, Any]:
    message = {
        "id": _message_id(),
        "type": "location",
        "title": "Location",
        "address": address,
        "latitude": latitude,
        "longitude": longitude,
    }
    return event("message", user_id, timestamp_ms=timestamp_ms, message=message, **kw)


def follow(user_id: str, *, timestamp_ms: int, **kw: Any) -> dict[str, Any]:
    return event("follow", user_id, timestamp_ms=timestamp_ms, follow={"isUnblocked": False}, **kw)


def unfollow(user_id: str, *, timestamp_ms: int, **kw: Any) -> dict[str, Any]:
    return event("unfollow", user_id, timestamp_ms=timestamp_ms, reply_token=False, **kw)


def unsend(user_id: str, message_id: str, *, timestamp_ms: int, **kw: Any) -> dict[str, Any]:
    return event(
        "unsend",
        user_id,
        timestamp_ms=timestamp_ms,
        reply_token=False,
        unsend={"messageId": message_id},
        **kw,
    )


def join(group_id: str, *, timestamp_ms: int, **kw: Any) -> dict[str, Any]:
    body = event("join", "", timestamp_ms=timestamp_ms, group_id=group_id, **kw)
    body["source"] = {"type": "group", "groupId": group_id}
    return body


def leave(group_id: str, *, timestamp_ms: int, **kw: Any) -> dict[str, Any]:
    body = event("leave", "", timestamp_ms=timestamp_ms, group_id=group_id, reply_token=False, **kw)
    body["source"] = {"type": "group", "groupId": group_id}
    return body


def member_joined(
    group_id: str, user_ids: list[str], *, timestamp_ms: int, **kw: Any
) -> dict[str, Any]:
    members = {"members": [{"type": "user", "userId": u} for u in user_ids]}
    body = event(
        "memberJoined", "", timestamp_ms=timestamp_ms, group_id=group_id, joined=members, **kw
    )
    body["source"] = {"type": "group", "groupId": group_id}
    return body


def member_left(
    group_id: str, user_ids: list[str], *, timestamp_ms: int, **kw: Any
) -> dict[str, Any]:
    members = {"members": [{"type": "user", "userId": u} for u in user_ids]}
    body = event(
        "memberLeft",
        "",
        timestamp_ms=timestamp_ms,
        group_id=group_id,
        reply_token=False,
        left=members,
        **kw,
    )
    body["source"] = {"type": "group", "groupId": group_id}
    return body


def message_edited(
    user_id: str, message_id: str, new_text: str, *, timestamp_ms: int, **kw: Any
) -> dict[str, Any]:
    message = {"id": message_id, "type": "text", "text": new_text}
    return event(
        "messageEdited",
        user_id,
        timestamp_ms=timestamp_ms,
        reply_token=False,
        message=message,
        **kw,
    )


def unknown(user_id: str, *, timestamp_ms: int, **kw: Any) -> dict[str, Any]:
    return event(
        "somethingNew",
        user_id,
        timestamp_ms=timestamp_ms,
        reply_token=False,
        somethingNew={"x": 1},
        **kw,
    )
