"""The console's reports: the month's meeting report, the half-year (OIT) and the year's
documents as signed links (`usecases.documents.document_links`, as a head asks in LINE),
and the public page's address for the agency's website."""

from __future__ import annotations

from typing import Any

from flask import render_template, url_for

from console.guard import HEAD_OR_ADMIN, acting, console_route
from console.views import bp
from messages_th import console_text as t
from messages_th.thai_calendar import format_date
from models.db import get_session
from services import services
from usecases import documents


@console_route(bp, "/reports", roles=HEAD_OR_ADMIN, nav=t.NAV_REPORTS, order=70)
def reports_page() -> Any:
    running, db, actor = services(), get_session(), acting()
    now = running.clock.now()
    found = [
        (kind, documents.document_links(db, actor, running.links, now, kind))
        for kind in ("month", "half", "year")
    ]
    public = running.settings.public_base_url.rstrip("/") + url_for("public.current")
    return render_template(
        "console/reports.html",
        found=found,
        public=public,
        day=format_date,
        NoPlanFor=documents.NoPlanFor,
    )
