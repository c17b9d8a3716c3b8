"""The console's own pages: sign-in (LINE Login), sign-out, the home page, and the admin's
page. The data pages (the month, the plan, people, …) come with the use-case layer; each
is added with `console_route` and a row in tests/test_console_access.py."""

from __future__ import annotations

import logging
from typing import Any

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError

from console import line_login, sessions
from console.guard import (
    ADMIN_ONLY,
    HEAD_OR_ADMIN,
    console_route,
    current_actor,
    navigation,
    protect_forms,
    refused_page,
    safe_next,
)
from fiscal import fiscal_year_of
from messages_th import console_text, demo_content
from messages_th.labels import role as role_name
from messages_th.thai_calendar import format_datetime
from models import tenancy
from models.agency import Agency, AgencyState
from models.audit import audit
from models.db import get_session
from models.plan import Unit, current_plan
from models.staff import Role, Staff, list_staff, memberships
from services import services
from settings import ROOT

log = logging.getLogger(__name__)

bp = Blueprint(
    "console", __name__, url_prefix="/console", template_folder=str(ROOT / "web" / "templates")
)
NEXT = "next"  # where to go once signed in (kept in the visitor's session)
#: the LINE user who signed in and works for several agencies, until they pick one
PICK = "pick_line_user"
bp.before_request(protect_forms)


#: set in the session of someone who works for several agencies (the switch is shown)
SEVERAL = "several_agencies"


@bp.context_processor
def frame() -> dict[str, Any]:
    actor = current_actor()
    several = actor is not None and bool(sessions.current().get(SEVERAL))
    agency = get_session().get(Agency, actor.agency_id) if several and actor else None
    return {
        "t": console_text,
        "actor": actor,
        "nav": navigation(actor),
        "role_name": role_name,
        "agency_name": agency.name if agency is not None else None,
        "refused_channel": _refused_channel(actor),
    }


def _refused_channel(actor: Any) -> str | None:
    """The slug of the signed-in person's agency while LINE refuses its token (its
    delivery has stopped): every page then says so, and how to fix it."""
    if actor is None:
        return None
    agency = get_session().get(Agency, actor.agency_id)
    return agency.slug if agency is not None and agency.state == AgencyState.REFUSED else None


@bp.errorhandler(CSRFError)
def form_expired(_error: CSRFError) -> Any:
    return refused_page(console_text.FORM_EXPIRED, status=400)


# -- signing in ----------------------------------------------------------------------------


@console_route(bp, "/login", roles=None)
def sign_in() -> Any:
    if current_actor() is not None:
        return redirect(safe_next(request.args.get(NEXT)) or url_for(".home"))
    running = services()
    login = line_login.channel()
    return render_template(
        "console/sign_in.html",
        login=login,
        demo_people=_demo_people() if login is not None and login.demo else [],
        next=safe_next(request.args.get(NEXT)),
        ended=request.args.get("ended"),
        callback=line_login.callback_url(),
        setup=console_text.setup_steps(line_login.callback_url()),
        demo=running.settings.demo,
    )


@console_route(bp, "/login/line", roles=None)
def start() -> Any:
    """Off to LINE's sign-in page; Authlib keeps state, nonce and the PKCE verifier in the
    session. A plain link, not a form: nothing here changes anything until LINE sends the
    person back with the state this session holds (and a CSP `form-action` never has to
    allow LINE's host)."""
    login = line_login.channel()
    if login is None:
        return redirect(url_for(".sign_in"))
    visitor = sessions.current()
    wanted = safe_next(request.args.get(NEXT))
    if wanted:
        visitor[NEXT] = wanted
    extra: dict[str, str] = {"ui_locales": "th-TH"}
    if login.demo:  # "sign in as": the fake platform's obviously fake chooser, pre-answered
        who = request.args.get("as_user", "")
        if who in {person_id for person_id, _, _ in _demo_people()}:
            extra["fake_user"] = who
    return line_login.client().authorize_redirect(line_login.redirect_uri(login), **extra)


@console_route(bp, "/login/callback", roles=None)
def callback() -> Any:
    """LINE sends the browser back here with a code (or an error) and the state."""
    if line_login.channel() is None:
        abort(404)
    try:
        token = line_login.client().authorize_access_token()
    except MismatchingStateError as error:
        return _sign_in_problem(console_text.PROBLEM_STALE, error, 400)
    except OAuthError as error:
        if error.error == "access_denied":
            return _sign_in_problem(console_text.PROBLEM_CANCELLED, error, 400)
        return _sign_in_problem(console_text.PROBLEM_REFUSED, error, 400)
    except line_login.IdTokenRefused as error:
        return _sign_in_problem(console_text.PROBLEM_REFUSED, error, 400)
    except requests.RequestException as error:
        return _sign_in_problem(console_text.PROBLEM_UNREACHABLE, error, 502)
    return _admit(str(token["userinfo"]["sub"]))


def _admit(line_user_id: str) -> Any:
    """Let in a linked head or admin; tell anyone else, politely, why not and what to do.
    Someone who is a head or an admin in several agencies picks one (`pick`)."""
    running, db = services(), get_session()
    now = running.clock.now()
    found = memberships(db, line_user_id)  # the visitor's unit sees every agency
    allowed = [staff for staff in found if staff.role in HEAD_OR_ADMIN]
    if not found:
        audit(db, now, f"line:{line_user_id}", "console.refused", reason="not_linked")
        return refused_page(
            console_text.REFUSED_NOT_LINKED,
            status=403,
            what_to_do=console_text.REFUSED_NOT_LINKED_STEPS,
        )
    if not allowed:
        staff = found[0]
        audit(db, now, f"staff:{staff.id}", "console.refused", reason="role", role=staff.role)
        return refused_page(
            console_text.refused_staff(staff.name),
            status=403,
            what_to_do=console_text.REFUSED_STAFF_STEPS,
        )
    if len(allowed) > 1:
        sessions.current()[PICK] = line_user_id
        return redirect(url_for(".pick"), code=303)
    return _enter(allowed[0], line_user_id, several=False)


def _enter(staff: Staff, line_user_id: str, *, several: bool) -> Any:
    """Sign `staff` in: from here on the session is their agency's."""
    assert staff.id is not None and staff.agency_id is not None
    now = services().clock.now()
    wanted = safe_next(sessions.current().get(NEXT))
    sessions.sign_in(staff.id, line_user_id, staff.agency_id)
    if several:
        sessions.current()[SEVERAL] = True
    audit(get_session(), now, f"staff:{staff.id}", "console.sign_in", staff.name)
    return redirect(wanted or url_for(".home"), code=303)


def _choices() -> tuple[str | None, list[tuple[Staff, Agency]]]:
    """Whose agencies may be picked: the LINE user who just signed in (kept in the
    session by `_admit`), or the one signed in, who switches; and their heads' and
    admins' rows, with each agency, read across agencies."""
    visitor = sessions.current()
    actor = current_actor()
    line_user_id = actor.line_user_id if actor is not None else visitor.get(PICK)
    if not line_user_id:
        return None, []
    db = get_session()
    tenancy.enter(db, tenancy.ALL)  # which agencies: a question across them
    rows = []
    for staff in memberships(db, str(line_user_id)):
        agency = db.get(Agency, staff.agency_id)
        if staff.role in HEAD_OR_ADMIN and agency is not None:
            rows.append((staff, agency))
    return str(line_user_id), rows


@console_route(bp, "/pick", roles=None)
def pick() -> Any:
    """Someone who is a head or an admin in several agencies picks the one to work in
    (after signing in, or to switch)."""
    line_user_id, rows = _choices()
    if line_user_id is None:
        return redirect(url_for(".sign_in"))
    actor = current_actor()
    return render_template(
        "console/pick.html",
        rows=rows,
        current=actor.agency_id if actor is not None else None,
    )


@console_route(bp, "/pick", roles=None, methods=("POST",))
def pick_agency() -> Any:
    line_user_id, rows = _choices()
    if line_user_id is None:
        return redirect(url_for(".sign_in"), code=303)
    wanted = request.form.get("staff_id", "")
    chosen = next((staff for staff, _ in rows if str(staff.id) == wanted), None)
    if chosen is None:
        return refused_page(console_text.PICK_REFUSED, status=403)
    visitor = sessions.current()
    visitor.pop(PICK, None)
    return _enter(chosen, line_user_id, several=len(rows) > 1)


def _sign_in_problem(message: str, error: Exception, status: int) -> Any:
    log.warning("console sign-in failed: %s: %s", type(error).__name__, error)
    return (
        render_template("console/problem.html", message=message),
        status,
    )


@console_route(bp, "/logout", roles=None, methods=("POST",))
def sign_out() -> Any:
    actor = current_actor()
    if actor is not None:
        audit(get_session(), services().clock.now(), f"staff:{actor.staff_id}", "console.sign_out")
    sessions.sign_out()
    return redirect(url_for(".sign_in", ended="signed_out"), code=303)


def _demo_people() -> list[tuple[str, str, str]]:
    """(LINE user id, name, role) of everyone a demo visitor may sign in as: the linked
    staff (the head and the admin get in; the others see the refusal) and a citizen."""
    found = [
        (person.line_user_id, person.name, role_name(person.role))
        for person in list_staff(get_session())
        if person.active and person.line_user_id
    ]
    citizen_id, citizen_name = demo_content.CITIZEN
    return [*found, (citizen_id, citizen_name, console_text.CITIZEN)]


# -- pages ---------------------------------------------------------------------------------


@console_route(bp, "", roles=HEAD_OR_ADMIN, nav=console_text.NAV_HOME, order=0)
def home() -> Any:
    running, db = services(), get_session()
    now = running.clock.now()
    plan = current_plan(db, fiscal_year_of(now.date()))
    actor = current_actor()
    assert actor is not None
    unit = db.get(Unit, actor.unit_id) if actor.unit_id is not None else None
    signed_in = actor.signed_in_at.astimezone(running.clock.tz) if actor.signed_in_at else None
    return render_template(
        "console/home.html",
        plan=plan,
        unit=unit.name if unit else None,
        signed_in=format_datetime(signed_in) if signed_in else "",
        idle_minutes=round(running.settings.console_idle_minutes),
        demo=running.settings.demo,
    )


@console_route(bp, "/admin", roles=ADMIN_ONLY, nav=console_text.NAV_ADMIN, order=900)
def admin() -> Any:
    """The admin's page; it gathers the admin's tools as they are built (people first)."""
    running = services()
    login = line_login.channel()
    return render_template(
        "console/admin.html",
        login=login,
        callback=line_login.callback_url(),
        idle_minutes=round(running.settings.console_idle_minutes),
        session_hours=running.settings.console_session_hours,
        roles=[role_name(r) for r in (Role.HEAD, Role.ADMIN)],
    )
