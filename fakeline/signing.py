"""Sign a webhook body as LINE does: base64 of HMAC-SHA256 of the raw body, keyed by the secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any


def sign(body: bytes, channel_secret: str) -> str:
    digest = hmac.new(channel_secret.encode(), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def webhook_body(events: list[dict[str, Any]], destination: str = "Udestination0000") -> bytes:
    return json.dumps({"destination": destination, "events": events}, ensure_ascii=False).encode()


def signed_request(
    events: list[dict[str, Any]], channel_secret: str, destination: str = "Udestination0000"
) -> tuple[bytes, dict[str, str]]:
    body = webhook_body(events, destination)
    return body, {
        "Content-Type": "application/json",
        "X-Line-Signature": sign(body, channel_secret),
    }
