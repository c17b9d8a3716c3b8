"""`/photos/<link>`: a month's evidence photos, each captioned with its action and month,
on a signed, expiring page (linked from the head's summary and the status card), and
`/photos/<link>/<sha256>.jpg`: a photo of that month, made small. No script; framed by this
site only (the simulator's pane)."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, render_template

from messages_th import photos_text as text
from models import tenancy
from models.db import get_session
from reports.links import PhotosPass, read_photos
from reports.thumbnails import thumbnail
from services import services
from usecases import photos
from usecases.results import NoPlan
from web.month_page import FRAMED_BY_SELF, framed_policy

bp = Blueprint("photos", __name__, template_folder="templates")
SHA256 = re.compile(r"[0-9a-f]{64}")
THUMBNAIL_PX = 960


def _granted(token: str) -> PhotosPass | Response:
    running = services()
    granted = read_photos(running.secret, token, running.clock.now())
    if isinstance(granted, PhotosPass):
        tenancy.enter(get_session(), granted.agency_id)  # the link's agency alone
        return granted
    message, status = (text.EXPIRED, 410) if granted == "expired" else (text.FORBIDDEN, 403)
    return _html(render_template("photos.html", text=text, album=None, message=message), status)


def _html(body: str, status: int = 200) -> Response:
    response = Response(body, status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = framed_policy()
    response.headers.update(FRAMED_BY_SELF)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/photos/<token>")
def album(token: str) -> Response:
    granted = _granted(token)
    if isinstance(granted, Response):
        return granted
    found = photos.month_album(get_session(), granted.month)
    if isinstance(found, NoPlan):
        abort(404)
    return _html(render_template("photos.html", text=text, album=found, token=token, message=None))


@bp.get("/photos/<token>/<sha>.jpg")
def picture(token: str, sha: str) -> Response:
    granted = _granted(token)
    if isinstance(granted, Response):
        return granted
    if not SHA256.fullmatch(sha):
        abort(404)
    found = photos.photo_in_album(get_session(), granted.month, sha)
    if found is None:
        abort(404)
    small = thumbnail(found[0], THUMBNAIL_PX)
    if small is None:
        abort(404)
    return Response(
        small,
        mimetype="image/jpeg",
        headers={"Cache-Control": "private, max-age=3600", "X-Frame-Options": "SAMEORIGIN"},
    )


def init_app(app) -> None:
    app.register_blueprint(bp)
