"""`POST /callback`: verify, store in the inbox, answer 200. The work happens after.

The signature is checked with line-bot-sdk v3's validator on the raw body; the events are
stored as LINE sent them (listeners read them later), so they are parsed once, here, only
for their shape.

A bad or missing signature is 400 with nothing stored; so is a body that is not LINE's
JSON. A body over 1 MB is 413. An event LINE sends again (same webhookEventId) is
acknowledged and not stored twice. LINE's URL check (no events) is simply 200. When the
database cannot take the events (down, restarting, locked) the answer is 503, so that LINE
delivers them again, rather than a 200 for events that were never stored.

`POST /callback/<slug>` is one agency's webhook when a deployment serves several
(docs/TENANCY.md, "Routes"): 404 for an agency it does not know or one without a channel
yet; the signature is checked with that agency's secret and the body's `destination` must
be its bot. Agency no. 1's events go the way of `/callback`'s; another agency's are stored
with its id as `held`: kept, handled once the pipeline serves more agencies than no. 1.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, abort, request
from linebot.v3.webhook import SignatureValidator
from sqlalchemy.exc import DBAPIError

from handlers.events import chat_key_of, check_envelope
from models.agency import FIRST_AGENCY_ID, AgencyState
from models.credentials import CredentialsLocked
from models.inbox import receive
from services import Services, services

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024

bp = Blueprint("webhook", __name__)


@dataclass(frozen=True)
class _Inbound:
    """Whose webhook a request came in on: the inbox rows' agency, and the bot the body must
    be addressed to (None: not checked)."""

    agency_id: int = FIRST_AGENCY_ID
    destination: str | None = None


#: `/callback`: agency no. 1 on the environment's channel, as before there were agencies
DEPLOYMENT = _Inbound()


@bp.post("/callback")
def callback() -> Response:
    app = services()
    body = _signed_body(app, app.settings.channel_secret)
    # in flight only now: a client still sending its body, or one LINE did not sign, never
    # holds back the inbox work (ack_first.py)
    with app.ack_first.acknowledging():
        return _acknowledge(app, body, DEPLOYMENT)


@bp.post("/callback/<slug>")
def agency_callback(slug: str) -> Response:
    app = services()
    signature = _signature()
    inbound, secret = _agency_of(app, slug)  # as this process last read it
    body = request.get_data(cache=False, as_text=True)
    if not SignatureValidator(secret).validate(body, signature):
        inbound, secret = _agency_of(app, slug, fresh=True)  # its channel changed since?
        if not SignatureValidator(secret).validate(body, signature):
            log.warning("webhook with a wrong signature refused (agency %s)", inbound.agency_id)
            abort(400)
    with app.ack_first.acknowledging():
        return _acknowledge(app, body, inbound)


def _agency_of(app: Services, slug: str, *, fresh: bool = False) -> tuple[_Inbound, str]:
    """The agency at this address and its channel secret; 404 for none, 503 when its
    secret cannot be opened here (TIDTAM_CREDENTIALS_KEYS unset or missing its key: LINE
    delivers again once the keys are right)."""
    try:
        channel = app.agency_channels.get(app.db.engine, slug[:40], fresh=fresh)
    except DBAPIError as error:
        log.error("agency webhook not looked up, answered 503: %s", type(error.orig).__name__)
        abort(503)
    if channel is None:
        abort(404)
    if channel.id == FIRST_AGENCY_ID and channel.state is AgencyState.ENV:
        return _Inbound(FIRST_AGENCY_ID, channel.bot_user_id), app.settings.channel_secret
    if channel.sealed_secret is None:
        abort(404)  # no channel yet: nothing here takes LINE's webhook
    try:
        if app.sealer is None:
            raise CredentialsLocked("TIDTAM_CREDENTIALS_KEYS is unset")
        secret = app.sealer.open(channel.sealed_secret)
    except CredentialsLocked as error:
        log.error("agency %s: its channel secret cannot be opened (%s); answered 503", slug, error)
        abort(503)
    return _Inbound(channel.id, channel.bot_user_id), secret


def _signature() -> str:
    """The request's signature, before anything else is done for it; 413 for a body too
    big, 400 for no signature (so an agency is looked up only for a signed request)."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        log.warning("webhook body of %s bytes refused", request.content_length)
        abort(413)
    signature = request.headers.get("X-Line-Signature", "")
    if not signature:
        log.warning("webhook without X-Line-Signature refused (from %s)", request.remote_addr)
        abort(400)
    return signature


def _signed_body(app: Services, channel_secret: str) -> str:
    """The whole body, once its signature is LINE's; 413 or 400 otherwise."""
    signature = _signature()
    body = request.get_data(cache=False, as_text=True)
    if not SignatureValidator(channel_secret).validate(body, signature):
        log.warning("webhook with a wrong signature refused (from %s)", request.remote_addr)
        abort(400)
    return body


def _acknowledge(app: Services, body: str, inbound: _Inbound) -> Response:
    try:
        parsed = json.loads(body, parse_constant=_not_json)
        events = _events_of(parsed, body)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        log.warning("webhook body is not LINE's JSON; refused")
        abort(400)
    if inbound.destination is not None and parsed.get("destination") != inbound.destination:
        log.warning("webhook body for another bot refused (agency %s)", inbound.agency_id)
        abort(400)
    if events:
        if not _store(app, events, inbound):
            # LINE redelivers what was not answered 200; nothing was half-stored
            return Response(
                "database unavailable", 503, {"Retry-After": "5"}, mimetype="text/plain"
            )
        if app.worker is not None:
            app.worker.kick([chat_key_of(event) for event in events])
    return Response("OK", mimetype="text/plain")


def _store(app: Services, events: list[dict[str, Any]], inbound: _Inbound) -> bool:
    """Store the events, all or none; False if the database could not take them."""
    now = app.clock.now()
    rows = [{**_inbox_row(event, now), "agency_id": inbound.agency_id} for event in events]
    try:
        # a web process that does not work the inbox tells the worker processes
        receive(app.db.engine, rows, announce=app.worker is None)
    except DBAPIError as error:
        log.error("webhook events not stored, answered 503: %s", type(error.orig).__name__)
        return False
    return True


def _not_json(constant: str) -> Any:
    """NaN and Infinity: Python reads them, JSON (and PostgreSQL's json type) does not, and
    LINE never sends them; a body with one is refused, never stored and failed later."""
    raise ValueError(f"{constant} is not JSON")


def _events_of(body: Any, text: str) -> list[dict[str, Any]]:
    """The events, if they are LINE's: a list of objects whose fields the listeners can read,
    and text the database can hold (no lone surrogate in a \\u escape)."""
    events = body["events"]
    if not isinstance(events, list):
        raise ValueError("events must be a list")
    for event in events:
        check_envelope(event)
    if "\\u" in text:
        json.dumps(events, ensure_ascii=False).encode()  # UnicodeEncodeError is a ValueError
    return events


def _inbox_row(event: dict[str, Any], now: Any) -> dict[str, Any]:
    event_id = event.get("webhookEventId") or _content_id(event)
    return {
        "webhook_event_id": event_id,
        "chat_key": chat_key_of(event)[:80],
        "event_type": str(event.get("type"))[:40],
        "timestamp_ms": int(event.get("timestamp") or 0),
        "redelivery": bool((event.get("deliveryContext") or {}).get("isRedelivery")),
        "payload": event,
        "received_at": now,
        "status": "pending",
        "attempts": 0,
    }


def _content_id(event: dict[str, Any]) -> str:
    """Events always carry a webhookEventId; should one not, its content stands in for it."""
    return "sha:" + hashlib.sha256(json.dumps(event, sort_keys=True).encode()).hexdigest()[:40]
