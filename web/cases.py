"""`/cases/<ref>`: a case's page for its handlers (its words, photos, a map link, its
history) and `/cases/<ref>/after`: its "after" photos for its sender. Both are signed and
expire: the link was sent to those people only, and nothing here is public (the public
page shows a case's words only when the agency publishes it)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from messages_th import case_text
from messages_th.case_words import STAGES
from messages_th.thai_calendar import format_datetime
from models import tenancy
from models.db import get_session
from reports.links import link_agency, verify_path
from services import services
from usecases.cases import case_page_data, case_photo

bp = Blueprint("cases", __name__, template_folder="templates")


def _checked(path: str) -> int:
    """The agency the signed link is for; the request reads for it alone from here."""
    running = services()
    agency_id = link_agency(request.args.get("a"))
    if agency_id is None:
        abort(403)
    state = verify_path(
        running.secret,
        path,
        request.args.get("exp", ""),
        request.args.get("sig", ""),
        running.clock.now(),
        agency_id,
    )
    if state == "forbidden":
        abort(403)
    if state == "expired":
        abort(410)
    tenancy.enter(get_session(), agency_id)
    return agency_id


def _page(ref: str, after_only: bool) -> Response:
    path = f"cases/{ref}/after" if after_only else f"cases/{ref}"
    agency_id = _checked(path)
    found = case_page_data(get_session(), ref)
    if found is None:
        abort(404)
    running = services()
    now = running.clock.now()
    photos = found.after_photos if after_only else found.photos + found.after_photos

    def photo_url(evidence_id: int) -> str:
        links = running.links.for_agency(agency_id)
        return links.signed_path(f"cases/{ref}/photo/{evidence_id}", now)

    response = Response(
        render_template(
            "case.html",
            t=case_text.PAGE,
            case=found,
            after_only=after_only,
            photos=[(i, photo_url(i), i in found.after_photos) for i in photos],
            map_url=(
                case_text.map_url(found.latitude, found.longitude)
                if found.latitude is not None and found.longitude is not None
                else None
            ),
            stages=STAGES,
            when=format_datetime,
        )
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/cases/<ref>")
def handlers_page(ref: str) -> Response:
    return _page(ref, after_only=False)


@bp.get("/cases/<ref>/after")
def after_page(ref: str) -> Response:
    return _page(ref, after_only=True)


@bp.get("/cases/<ref>/photo/<int:evidence_id>")
def photo(ref: str, evidence_id: int) -> Response:
    _checked(f"cases/{ref}/photo/{evidence_id}")
    found = case_photo(get_session(), ref, evidence_id)
    if found is None:
        abort(404)
    data, content_type = found
    return Response(data, mimetype=content_type, headers={"Cache-Control": "private, no-store"})


def init_app(app) -> None:
    app.register_blueprint(bp)
