"""`/month/<link>`: the whole month's report on one page, for a phone inside LINE.

Reached by a person's signed one-time link (`reports.links.Links.month_page`, sent by
the chat's month page words, the rich menu and the reminders), or, where a LIFF app is configured
(`LIFF_ID`), from `/month/liff`: that page boots the LIFF SDK (served from
`web/static/vendor/`, never a CDN), and the server checks the person's LINE ID token with
LINE's verify endpoint before giving them their link. One submit records every action
through `usecases.month_report` (the chat's `submit_report`), or nothing, with the
problems shown beside their actions and everything typed or attached kept.

No inline script or style (CSP); the page may be framed by this site only (the simulator
opens it in a pane, as LINE's in-app browser would).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import requests
from flask import Blueprint, Response, abort, jsonify, render_template, request
from itsdangerous import BadSignature, URLSafeSerializer
from PIL import Image, UnidentifiedImageError
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from messages_th import month_page_text as text
from messages_th.thai_calendar import format_month
from models import tenancy
from models.db import get_session
from reports.links import MonthPass, read_month_page
from services import services
from usecases import month_report
from usecases.actor import Actor
from usecases.evidence import Attachment, keep_file
from usecases.month_report import (
    Entry,
    EntryProblem,
    LinkUsed,
    LinkUsedMeanwhile,
    MonthRefused,
    MonthSaved,
    Sheet,
    SheetLine,
)
from usecases.reporting import NothingAssigned
from usecases.results import NoPlan
from web.headers import CONTENT_SECURITY_POLICY

bp = Blueprint(
    "month",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/month-static",
)

CHOICES = (25, 50, 75, 100)
MAX_PHOTOS = 5
MAX_PHOTO_BYTES = 10 * 1024 * 1024
#: a month's page with its photos (the app's 1 MB limit is for everything else)
MAX_PAGE_BYTES = 60 * 1024 * 1024
#: framed by this site only (the simulator's pane); the LIFF page also talks to LINE
FRAMED_BY_SELF = {"X-Frame-Options": "SAMEORIGIN"}
LIFF_CONNECT = "https://api.line.me https://access.line.me https://liffsdk.line-scdn.net"


def framed_policy(connect: str = "'self'") -> str:
    policy = CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
    return policy.replace("connect-src 'self'", f"connect-src {connect}")


def _page(body: str, status: int = 200, *, connect: str = "'self'") -> Response:
    response = Response(body, status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = framed_policy(connect)
    response.headers.update(FRAMED_BY_SELF)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _refused(message: str, status: int) -> Response:
    return _page(render_template("month_refused.html", text=text, message=message), status)


# -- what the page shows -----------------------------------------------------------------


@dataclass
class Row:
    """One action on the page: its sheet line and what the form holds for it now."""

    line: SheetLine
    choice: str = "same"
    other: str = ""
    detail: str = ""
    kept: list[str] = field(default_factory=list)  # photos attached on an earlier try
    kept_token: str = ""
    problem: str = ""
    fall: tuple[int, int] | None = None  # (from, to) when a fall is to be confirmed

    @property
    def key(self) -> str:
        return self.line.key


def _render(sheet: Sheet, token: str, rows: list[Row], status: int = 200) -> Response:
    return _page(
        render_template(
            "month.html",
            text=text,
            sheet=sheet,
            rows=rows,
            token=token,
            choices=CHOICES,
            problems=any(r.problem for r in rows),
            liff=None,
        ),
        status,
    )


# -- the link ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opened:
    granted: MonthPass
    actor: Actor
    sheet: Sheet


def _open(token: str) -> Opened | Response:
    running = services()
    now = running.clock.now()
    granted = read_month_page(running.secret, token, now)
    if granted == "expired":
        return _refused(text.EXPIRED, 410)
    if not isinstance(granted, MonthPass):
        return _refused(text.FORBIDDEN, 403)
    session = get_session()
    tenancy.enter(session, tenancy.ALL)  # whose link: the staff id is the deployment's
    person = month_report.page_person(session, granted.staff_id)
    if person is None or person.agency_id is None:
        return _refused(text.NOT_STAFF, 403)
    tenancy.enter(session, person.agency_id)  # the person's agency alone from here
    if month_report.link_used(session, granted.nonce):
        return _refused(text.USED, 409)
    if granted.month < month_report.open_month(session, now):
        return _refused(text.OTHER_MONTH.format(month=_month_name(granted.month)), 410)
    actor = Actor.member(person)
    sheet = month_report.month_sheet(session, actor, granted.month, now)
    if isinstance(sheet, NoPlan):
        return _refused(text.NO_PLAN, 404)
    if isinstance(sheet, NothingAssigned):
        return _refused(text.NOTHING_ASSIGNED, 404)
    return Opened(granted, actor, sheet)


def _month_name(month: date) -> str:
    return format_month(month)


@bp.get("/month/<token>")
def page(token: str) -> Response:
    opened = _open(token)
    if isinstance(opened, Response):
        return opened
    return _render(opened.sheet, token, [Row(line) for line in opened.sheet.lines])


@bp.post("/month/<token>")
def submit(token: str) -> Response:
    opened = _open(token)
    if isinstance(opened, Response):
        return opened
    request.max_content_length = MAX_PAGE_BYTES
    if (request.content_length or 0) > MAX_PAGE_BYTES:  # said before a byte is read
        return _refused(text.TOO_BIG, 413)
    try:
        request.form  # noqa: B018  (read now: too big is told in Thai, not a bare 413)
    except RequestEntityTooLarge:
        return _refused(text.TOO_BIG, 413)
    running = services()
    now = running.clock.now()
    session = get_session()
    kept = _KeptPhotos(running.secret, opened.granted.nonce)
    rows, entries, problems = [], [], []
    for line in opened.sheet.lines:
        row, entry, problem = _read_row(line, kept)
        rows.append(row)
        if problem:
            problems.append(problem)
        elif entry is not None:
            entries.append(entry)
    if not problems:
        try:
            result = month_report.submit_month_page(
                session, opened.actor, opened.granted.nonce, entries, opened.granted.month, now
            )
        except LinkUsedMeanwhile:
            session.rollback()
            return _refused(text.USED, 409)
        if isinstance(result, LinkUsed):
            return _refused(text.USED, 409)
        if isinstance(result, MonthSaved):
            return _page(render_template("month_saved.html", text=text, result=result))
        if isinstance(result, MonthRefused):
            problems = result.problems
    _show_problems(rows, problems)
    for row in rows:  # what was attached is kept for the next try (stored once, by hash)
        row.kept_token = kept.token(row.kept)
    return _render(opened.sheet, token, rows, 422)


def _read_row(line: SheetLine, kept: _KeptPhotos) -> tuple[Row, Entry | None, EntryProblem | None]:
    form = request.form
    key = line.key
    row = Row(
        line,
        choice=form.get(f"p-{key}", "same"),
        other=form.get(f"n-{key}", "").strip()[:3],
        detail=form.get(f"d-{key}", "")[:2000],
    )
    row.kept = kept.read(form.get(f"k-{key}", ""))
    photos = _photos(request.files.getlist(f"f-{key}"))
    if photos is None or len(row.kept) + len(photos) > MAX_PHOTOS:
        return row, None, EntryProblem(line.measure_no, line.action_no, "photo")
    row.kept += photos
    percent: int | None = None
    if row.choice == "other":
        if not row.other.isdigit():
            return row, None, EntryProblem(line.measure_no, line.action_no, "percent")
        percent = int(row.other)
    elif row.choice != "same":
        if not row.choice.isdigit():
            return row, None, EntryProblem(line.measure_no, line.action_no, "percent")
        percent = int(row.choice)
    entry = Entry(
        line.measure_no,
        line.action_no,
        percent,
        row.detail,
        [Attachment(sha) for sha in row.kept],
        fall_confirmed=form.get(f"c-{key}") == "1",
    )
    return row, entry, None


def _photos(files: list[FileStorage]) -> list[str] | None:
    """Each photo stored (once per content); None if any is no picture or too big."""
    running, session = services(), get_session()
    shas = []
    for upload in files:
        if not upload.filename:
            continue  # the empty file field of an action with no photo
        data = upload.stream.read(MAX_PHOTO_BYTES + 1)
        if len(data) > MAX_PHOTO_BYTES:
            return None
        try:
            with Image.open(io.BytesIO(data)) as picture:
                kind = Image.MIME.get(picture.format or "", "")
        except (UnidentifiedImageError, OSError):
            return None
        if not kind.startswith("image/"):
            return None
        shas.append(keep_file(session, data, kind, running.clock.now()))
    return shas


def _show_problems(rows: list[Row], problems: list[EntryProblem]) -> None:
    by_key = {f"{p.measure_no}.{p.action_no}": p for p in problems}
    for row in rows:
        found = by_key.get(row.key)
        if found is None:
            continue
        row.problem = text.problem(found)
        if found.kind == "fall" and found.previous is not None and found.percent is not None:
            row.fall = (found.previous, found.percent)


class _KeptPhotos:
    """Photos attached on a try that was refused travel back signed, bound to the link."""

    def __init__(self, secret: str, nonce: str) -> None:
        self.signer = URLSafeSerializer(secret, salt="tidtam-month-kept")
        self.nonce = nonce

    def token(self, shas: list[str]) -> str:
        return self.signer.dumps({"n": self.nonce, "h": shas}) if shas else ""

    def read(self, token: str) -> list[str]:
        if not token:
            return []
        try:
            payload: Any = self.signer.loads(token)
        except BadSignature:
            return []
        if not isinstance(payload, dict) or payload.get("n") != self.nonce:
            return []
        return [h for h in payload.get("h", []) if isinstance(h, str)][:MAX_PHOTOS]


# -- the LIFF way in -------------------------------------------------------------------------


@bp.get("/month/liff")
def liff() -> Response:
    liff_id = services().settings.liff_id
    if not liff_id:
        abort(404)
    body = render_template(
        "month.html",
        text=text,
        sheet=None,
        rows=[],
        token="",
        choices=CHOICES,
        problems=False,
        liff={"liffId": liff_id, "tokenUrl": "/month/liff/token"},
    )
    return _page(body, connect=f"'self' {LIFF_CONNECT}")


@bp.post("/month/liff/token")
def liff_token() -> Response | tuple[Response, int]:
    """The LIFF page's ID token, verified by LINE, exchanged for the person's link."""
    running = services()
    if not running.settings.liff_id:
        abort(404)
    body = request.get_json(silent=True)
    id_token = body.get("idToken") if isinstance(body, dict) else None
    if not isinstance(id_token, str) or not id_token or len(id_token) > 4096:
        return jsonify(error=text.LIFF_FAILED), 400
    user_id = verify_id_token(
        running.settings.line_api_base_url,
        id_token,
        running.settings.liff_channel_id,
        running.settings.line_timeout,
    )
    if user_id is None:
        return jsonify(error=text.LIFF_FAILED), 403
    session = get_session()
    tenancy.enter(session, tenancy.ALL)  # who signed in, in whichever agency
    person = month_report.person_by_line_id(session, user_id)
    if person is None or person.agency_id is None:
        return jsonify(error=text.NOT_STAFF), 403
    tenancy.enter(session, person.agency_id)  # the person's agency alone from here
    now = running.clock.now()
    found = month_report.month_link(session, running.links, Actor.member(person), now, signed=True)
    return jsonify(url=found.url)


def verify_id_token(base_url: str, id_token: str, channel_id: str, timeout: float) -> str | None:
    """The LINE user an ID token is for, as LINE's verify endpoint says; None if refused."""
    try:
        answer = requests.post(
            f"{base_url.rstrip('/')}/oauth2/v2.1/verify",
            data={"id_token": id_token, "client_id": channel_id},
            timeout=timeout,
        )
    except requests.RequestException:
        return None
    if answer.status_code != 200:
        return None
    claims = answer.json()
    subject = claims.get("sub") if isinstance(claims, dict) else None
    return subject if isinstance(subject, str) and subject.startswith("U") else None


def init_app(app) -> None:
    app.register_blueprint(bp)
