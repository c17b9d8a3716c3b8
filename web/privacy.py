"""`/privacy`: the privacy notice, linked from the greeting in LINE and from `/public`.

Thai, no login, no script and no inline style (the page's look is `web/static/privacy.css`).
The agency and its place come from the plan in force; the retention period from settings.
`/privacy` is agency no. 1's; `/privacy/<slug>` another agency's (its public page links it).
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from fiscal import fiscal_year_of
from messages_th import privacy_notice
from messages_th.labels import place
from models import tenancy
from models.agency import FIRST_AGENCY_ID, by_slug
from models.db import get_session
from models.plan import current_plan
from plain_text import plain
from services import services

bp = Blueprint("privacy", __name__, template_folder="templates")


@bp.get("/privacy")
def notice() -> str:
    tenancy.enter(get_session(), FIRST_AGENCY_ID)
    return _notice()


@bp.get("/privacy/<slug>")
def agency_notice(slug: str) -> str:
    agency = by_slug(get_session(), slug)
    if agency is None or agency.id is None:
        abort(404)
    tenancy.enter(get_session(), agency.id)
    return _notice()


def _notice() -> str:
    running = services()
    plan = current_plan(get_session(), fiscal_year_of(running.clock.now().date()))
    agency = plain(plan.agency) if plan else None
    where = place("", plain(plan.district), plain(plan.province)) if plan else ""
    return render_template(
        "privacy.html",
        title=privacy_notice.TITLE,
        subtitle=privacy_notice.SUBTITLE,
        back=privacy_notice.BACK,
        agency=agency,
        parts=privacy_notice.notice(agency, where, running.settings.retention_days),
    )


def init_app(app) -> None:
    app.register_blueprint(bp)
