"""`/reports/download/<fiscal year>/<period>.<kind>` (signed, expiring) and the public chart
`/reports/<fiscal year>/progress.png`."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template_string, request

from messages_th import report_text as text
from models import tenancy
from models.agency import FIRST_AGENCY_ID
from models.db import get_session
from models.plan import get_plan
from reports import periods
from reports.build import MEDIA_TYPES, NoPlan, build_report
from reports.chart import progress_png
from reports.links import link_agency, verify
from services import services
from web.caching import cached
from web.public import shown, year_of

bp = Blueprint("downloads", __name__)
REFUSED = (
    '<!doctype html><html lang="th"><meta charset="utf-8"><title>{{ m }}</title>'
    "<link rel=\"stylesheet\" href=\"{{ url_for('public.static', filename='public.css') }}\">"
    '<main><p class="refused">{{ m }}</p></main></html>'
)


@bp.get("/reports/download/<year:fiscal_year>/<key>.<kind>")
def download(fiscal_year: int, key: str, kind: str) -> Response | tuple[str, int]:
    running = services()
    agency_id = link_agency(request.args.get("a"))
    state = "forbidden"
    if agency_id is not None:
        state = verify(
            running.secret,
            fiscal_year,
            key,
            kind,
            request.args.get("exp", ""),
            request.args.get("sig", ""),
            running.clock.now(),
            agency_id,
        )
    if state == "forbidden":
        return render_template_string(REFUSED, m=text.FORBIDDEN), 403
    if state == "expired":
        return render_template_string(REFUSED, m=text.EXPIRED), 410
    try:
        period = periods.from_key(fiscal_year, key)
    except ValueError:  # no such period: the link was made up
        abort(404)
    try:
        assert agency_id is not None
        built = build_report(running, period, kind, agency_id=agency_id)  # that agency's alone
    except NoPlan:
        abort(404)
    name = text.file_name(fiscal_year, key, kind)
    return Response(
        built.content,
        mimetype=MEDIA_TYPES[kind],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )


@bp.get("/reports/<year:fiscal_year>/progress.png")
def chart(fiscal_year: int) -> Response:
    tenancy.enter(get_session(), FIRST_AGENCY_ID)  # today's address: agency no. 1's
    plan = get_plan(get_session(), fiscal_year)
    if plan is None:
        abort(404)
    return cached(
        shown("chart", plan), lambda: Response(progress_png(year_of(plan)), mimetype="image/png")
    )


def init_app(app) -> None:
    app.register_blueprint(bp)
