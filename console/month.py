"""The console's "this month": what the head's summary says, in detail, and the button that
sends the summary now (`usecases.summary.send_summary`, as `summary --send` does)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from flask import abort, flash, redirect, render_template, send_file, url_for

from console.guard import HEAD_OR_ADMIN, acting, console_route
from console.views import bp
from messages_th import console_text
from messages_th.labels import status as status_name
from messages_th.thai_calendar import format_date, format_datetime, format_month
from models.db import get_session
from services import services
from usecases import evidence, month, summary
from usecases.results import NoPlan


@console_route(bp, "/month", roles=HEAD_OR_ADMIN, nav=console_text.NAV_MONTH, order=10)
def this_month() -> Any:
    running = services()
    tz = running.clock.tz
    view = month.month_view(get_session(), acting(), running.links, tz, running.clock.now())
    if isinstance(view, NoPlan):
        return render_template("console/no_plan.html")
    return render_template(
        "console/month.html",
        view=view,
        status_name=status_name,
        when=lambda moment: format_datetime(moment.astimezone(tz)),
        day=format_date,
        month_name=format_month,
    )


@console_route(bp, "/month/send", roles=HEAD_OR_ADMIN, methods=("POST",))
def send_summary_now() -> Any:
    running = services()
    db, now = get_session(), running.clock.now()
    built = summary.monthly_summary(db, running.links, running.clock.tz, now)
    if isinstance(built, NoPlan):
        return redirect(url_for(".this_month"), code=303)
    sent = summary.send_summary(db, built, now)
    db.commit()  # the outbox row is there before the sender is woken
    running.kick_delivery()
    flash(console_text.summary_sent(sent.queued, sent.already))
    return redirect(url_for(".this_month"), code=303)


@console_route(bp, "/evidence/<int:evidence_id>", roles=HEAD_OR_ADMIN)
def evidence_file(evidence_id: int) -> Any:
    """A report's photo (shown) or file (downloaded); never run, never sniffed."""
    found = evidence.report_file(get_session(), acting(), evidence_id)
    if found is None:
        abort(404)
    inline = found.content_type in ("image/jpeg", "image/png", "image/gif", "image/webp")
    return send_file(
        BytesIO(found.data),
        mimetype=found.content_type if inline else "application/octet-stream",
        as_attachment=not inline,
        download_name=found.file_name,
        max_age=0,
    )
