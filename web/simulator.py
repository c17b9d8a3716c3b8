"""`/simulator`: a LINE-like chat in the browser, on demo mode.

It is a view of the real bot, not a second one: the page asks this blueprint to build and
sign a webhook event as LINE would, posts it to `/callback` itself, and reads what the bot
sent from the in-process fake LINE platform. Served only in demo mode; 404 otherwise.

Its API answers only the simulator's own page: a request a browser made for another site's
page (`Sec-Fetch-Site`, else `Origin`, naming another origin) is 403, and a POST must be
JSON, which a page elsewhere cannot send here without a CORS preflight that is never
granted. A reset empties only the demo's own database (see demo.data).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request, url_for

from fakeline import FakeLine
from fakeline import events as ev
from fakeline.signing import sign, webhook_body
from messages_th import demo_content, simulator_text
from messages_th.labels import role
from messages_th.thai_calendar import format_datetime
from models import tenancy
from models.agency import FIRST_AGENCY_ID
from models.app_setting import get_setting
from models.db import get_session
from models.staff import list_staff
from services import services

bp = Blueprint(
    "simulator",
    __name__,
    url_prefix="/simulator",
    template_folder="templates",
    static_folder="static",
)

#: where the simulator says a shared location is (the seed municipality's office)
#: where the simulator's location button says the person is: the demo agency's office
OFFICE = (13.4098, 99.9606)
MAX_IMAGE = 10 * 1024 * 1024


#: what a browser says of a request made by a page of this site, or typed by hand
SAME_SITE = {"same-origin", "none"}


@bp.before_request
def demo_only() -> None:
    if not services().settings.demo:
        abort(404)
    tenancy.enter(get_session(), FIRST_AGENCY_ID)  # the demo is one agency: no. 1
    if request.path.startswith(f"{bp.url_prefix}/api/") and not _from_own_page():
        abort(403)


def _from_own_page() -> bool:
    """Not a cross-site request (CSRF): a POST carries JSON; the browser's Fetch Metadata
    where it sends it, else the Origin header. Clients that send neither (curl, tests) are
    not a browser carrying someone's visit, so they pass."""
    if request.method == "POST" and not request.is_json:
        return False
    fetched_from = request.headers.get("Sec-Fetch-Site")
    if fetched_from is not None:
        return fetched_from in SAME_SITE
    origin = request.headers.get("Origin")
    return origin is None or origin == request.host_url.rstrip("/")


@bp.get("")
def page() -> str:
    return render_template("simulator.html", text=simulator_text)


@bp.get("/api/people")
def people() -> Response:
    """Who one can be: the demo's staff (linked or with a link code), a citizen, a new user."""
    session = get_session()
    codes: dict[str, str] = get_setting(session, "demo_codes", {}) or {}
    found: list[dict[str, Any]] = []
    for person in list_staff(session):
        if not person.active:
            continue
        entry: dict[str, str | None] = {
            "name": person.name,
            "role": role(person.role),
            "kind": person.role,
        }
        if person.line_user_id:
            entry["id"] = person.line_user_id
        else:
            entry["id"] = f"Udemo-unlinked-{person.id}"
            entry["code"] = codes.get(person.name)
        found.append(entry)
    citizen_id, citizen_name = demo_content.CITIZEN
    found.append(
        {
            "id": citizen_id,
            "name": citizen_name,
            "role": simulator_text.CITIZEN_ROLE,
            "kind": "citizen",
        }
    )
    return jsonify(
        people=found, now=format_datetime(services().clock.now()), jobs=["remind", "summary"]
    )


@bp.post("/api/events")
def build_event() -> Response:
    """A webhook body for what the person did, signed as LINE signs it."""
    running = services()
    wanted = request.get_json(silent=True) or {}
    user = str(wanted.get("user") or "")
    if not user.startswith("U") or len(user) > 64:
        abort(400)
    event = _event(wanted, user, running)
    _fake().expect([event])
    body = webhook_body([event])
    return jsonify(body=body.decode(), signature=sign(body, running.settings.channel_secret))


def _event(wanted: dict[str, Any], user: str, running) -> dict[str, Any]:
    stamp = int(running.clock.now().timestamp() * 1000)
    kind = wanted.get("kind")
    if kind == "text":
        text = str(wanted.get("text") or "")[:5000]
        if not text.strip():
            abort(400)
        return ev.text(user, text, timestamp_ms=stamp)
    if kind == "postback":
        params = wanted.get("params") if isinstance(wanted.get("params"), dict) else None
        return ev.postback(
            user, str(wanted.get("data") or "")[:300], timestamp_ms=stamp, params=params
        )
    if kind == "image":
        try:
            data = base64.b64decode(str(wanted.get("data") or ""), validate=True)
        except (binascii.Error, ValueError):
            abort(400)
        if not data or len(data) > MAX_IMAGE:
            abort(413)
        event = ev.image(user, timestamp_ms=stamp)
        _fake().set_content(
            event["message"]["id"], data, str(wanted.get("contentType") or "image/jpeg")
        )
        return event
    if kind == "location":
        latitude, longitude = OFFICE
        return ev.location(
            user,
            timestamp_ms=stamp,
            latitude=latitude,
            longitude=longitude,
            address=demo_content.OFFICE_ADDRESS,
        )
    if kind == "sticker":
        return ev.sticker(user, timestamp_ms=stamp)
    if kind == "follow":
        return ev.follow(user, timestamp_ms=stamp)
    abort(400)


@bp.get("/api/messages")
def messages() -> Response:
    """What the bot sent to this chat after `after` (replies and pushes, in order)."""
    chat = request.args.get("chat", "")
    after = request.args.get("after", 0, type=int)
    fake = _fake()
    delivered = [
        {"seq": d.seq, "via": d.via, "message": d.message}
        for d in fake.delivered_since(after)
        if d.to == chat
    ]
    return jsonify(messages=delivered, last=fake.last_seq)


def _fake() -> FakeLine:
    running = services()
    _ = running.line  # in demo mode the LINE client starts the fake platform
    assert running.fake_line is not None, "the simulator runs in demo mode only"
    return running.fake_line


@bp.get("/api/richmenu")
def rich_menu() -> Response:
    """The rich menu the platform shows this user, with its tappable areas."""
    found = _fake().rich_menu_for(request.args.get("user", ""))
    if found is None:
        return jsonify(areas=[])
    menu_id, menu, picture = found
    areas = [
        {
            "bounds": area["bounds"],
            "label": area["action"].get("label", ""),
            "action": area["action"],
        }
        for area in menu.get("areas", [])
    ]
    return jsonify(
        id=menu_id,
        size=menu.get("size"),
        chatBarText=menu.get("chatBarText", ""),
        areas=areas,
        image=url_for(".rich_menu_picture", menu_id=menu_id) if picture else None,
    )


@bp.get("/api/richmenu/<menu_id>.png")
def rich_menu_picture(menu_id: str) -> Response:
    picture = _fake().rich_menu_image(menu_id)
    if not picture:
        abort(404)
    return Response(picture, mimetype="image/png", headers={"Cache-Control": "max-age=3600"})


@bp.post("/api/jobs/<name>")
def run_job(name: str) -> Response:
    """Run the reminder or the summary job now, with the scheduler's own code."""
    from usecases import reminders, summary
    from usecases.results import NoPlan, Queued

    running = services()
    now = running.clock.now()
    ran: Queued | reminders.Reminded
    with running.db.session() as session:
        if name == "remind":
            ran = reminders.remind(session, now, links=running.links)
            note = simulator_text.remind_ran(ran.stage, ran.queued, ran.already, ran.meeting)
        elif name == "summary":
            built = summary.monthly_summary(session, running.links, running.settings.tz, now)
            if isinstance(built, NoPlan):
                return jsonify(sent=0, note=simulator_text.NO_PLAN)
            ran = summary.send_summary(session, built, now)
            note = simulator_text.summary_ran(built.month, ran.queued, ran.already)
        else:
            abort(404)
    running.kick_delivery()
    return jsonify(sent=ran.queued, already=ran.already, note=note)


@bp.post("/api/reset")
def reset() -> Response | tuple[Response, int]:
    from demo.data import NotDemoData, install_rich_menus
    from demo.data import reset as reset_demo

    running = services()
    try:
        data = reset_demo(running)
    except NotDemoData as refused:
        return jsonify(ok=False, error=refused.message), 409
    install_rich_menus(running)
    return jsonify(ok=True, codes=data.codes)


def init_app(app) -> None:
    app.register_blueprint(bp)
