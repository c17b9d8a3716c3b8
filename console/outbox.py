"""The console's delivery: pushes this month against LINE's quota, the failed ones with
LINE's reason, and "send again" (`usecases.delivery`, as `outbox list --failed`, `quota`
and `outbox retry`)."""

from __future__ import annotations

import logging
from typing import Any

from flask import flash, redirect, render_template, url_for

from console.guard import HEAD_OR_ADMIN, acting, console_route, current_actor
from console.views import bp
from messages_th import console_text as t
from messages_th.thai_calendar import format_datetime
from models.db import get_session
from services import services
from usecases import delivery

log = logging.getLogger(__name__)


@console_route(bp, "/delivery", roles=HEAD_OR_ADMIN, nav=t.NAV_DELIVERY, order=60)
def delivery_page() -> Any:
    running = services()
    tz = running.clock.tz
    actor = acting()
    state = delivery.delivery_state(get_session(), actor, running.clock.now())
    signed_in = current_actor()
    quota: tuple[int | None, int] | None
    try:  # LINE's count of this agency's channel, asked with its own token
        agency_id = signed_in.agency_id if signed_in else 1
        quota = running.line_for(agency_id, get_session()).quota()
    except Exception as error:  # LINE unreachable, or no channel: our own count still helps
        log.warning("LINE quota not read: %s", error)
        quota = None
    return render_template(
        "console/delivery.html",
        state=state,
        quota=quota,
        when=lambda moment: format_datetime(moment.astimezone(tz)),
    )


@console_route(bp, "/delivery/<int:message_id>/retry", roles=HEAD_OR_ADMIN, methods=("POST",))
def retry_push(message_id: int) -> Any:
    running = services()
    db = get_session()
    again = delivery.retry_push(db, acting(), message_id, running.clock.now())
    if again:
        db.commit()  # queued before the sender is woken
        running.kick_delivery()
    flash(t.RETRIED if again else t.NOT_FAILED)
    return redirect(url_for(".delivery_page"), code=303)
