"""The console's audit log: every change, in the console, in LINE, by a command or a job,
by whom and when, newest first, a page at a time."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from console.guard import HEAD_OR_ADMIN, acting, console_route
from console.views import bp
from messages_th import console_text as t
from messages_th.thai_calendar import format_datetime
from models.db import get_session
from services import services
from usecases import audit_log


@console_route(bp, "/audit", roles=HEAD_OR_ADMIN, nav=t.NAV_AUDIT, order=80)
def audit_page() -> Any:
    tz = services().clock.tz
    before = request.args.get("before", "")
    entries = audit_log.audit_page(
        get_session(),
        acting(),
        before_id=int(before) if before.isdecimal() and len(before) < 12 else None,
        prefix=request.args.get("what", "")[:40] or None,
    )
    return render_template(
        "console/audit.html",
        entries=entries,
        older=entries[-1].id if len(entries) == audit_log.PAGE else None,
        what=request.args.get("what", "")[:40],
        when=lambda moment: format_datetime(moment.astimezone(tz)),
    )
