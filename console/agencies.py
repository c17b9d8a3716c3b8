"""The agencies of the deployment in the console (docs/TENANCY.md, "Switching an agency on").

- `/console/agencies`: the platform operator's page (agency no. 1's admins, the
  deployment's own): every agency with its state and how far its switching on has come;
  a form to add one (the same use case as `python bot.py agency add`).
- `/console/channel`: an agency's admin pastes the channel secret and access token; Tidtam
  checks the token with LINE's bot info, keeps both sealed, sets the channel's webhook to
  `/callback/<slug>`, has LINE test it, creates the agency's rich menus, and shows the
  checklist of what is done and what is left (plan, admin, staff: links to their pages).

LINE is asked between units of work, never inside one: the request's own transaction is
committed first (on SQLite it holds the write lock the webhook needs when LINE tests it).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from console.guard import ADMIN_ONLY, acting, console_route, current_actor
from console.views import bp
from messages_th import agency_text, console_text
from messages_th.thai_calendar import format_date
from models import tenancy
from models.agency import FIRST_AGENCY_ID, Agency, by_slug
from models.credentials import CredentialsLocked
from models.db import get_session
from models.staff import Role
from richmenu import setup_for_agency
from services import Services, services
from usecases import agencies, staff


@console_route(
    bp, "/agencies", roles=ADMIN_ONLY, operator=True, nav=console_text.NAV_AGENCIES, order=950
)
def agencies_page() -> Any:
    return _agencies_page()


def _agencies_page(status: int = 200, form: dict[str, str] | None = None) -> Any:
    db = get_session()
    tenancy.enter(db, tenancy.ALL)  # every agency's checklist: the operator's view alone
    rows = []
    for row in agencies.agencies(db):
        found = agencies.agency_status(db, row.slug)
        assert isinstance(found, agencies.Checklist)
        rows.append((row, found))
    return (
        render_template(
            "console/agencies.html",
            rows=rows,
            states=agency_text.STATE,
            form=form or {},
            first=FIRST_AGENCY_ID,
        ),
        status,
    )


@console_route(bp, "/agencies", roles=ADMIN_ONLY, operator=True, methods=("POST",))
def add_agency() -> Any:
    slug = request.form.get("slug", "").strip().lower()
    name = request.form.get("name", "").strip()
    form = {"slug": slug, "name": name}
    if not name:
        flash(console_text.AGENCY_NAME_MISSING)
        return _agencies_page(400, form)
    result = agencies.add_agency(get_session(), acting(), slug, name, services().clock.now())
    match result:
        case agencies.BadSlug():
            flash(agency_text.bad_slug(slug))
            return _agencies_page(400, form)
        case agencies.SlugTaken():
            flash(agency_text.slug_taken(slug))
            return _agencies_page(400, form)
    flash(console_text.agency_added(result.name, result.slug))
    return redirect(url_for(".agencies_page"), code=303)


@console_route(bp, "/agencies/<slug>/admin", roles=ADMIN_ONLY, operator=True, methods=("POST",))
def add_agency_admin(slug: str) -> Any:
    """The agency's first admin, with a link code to send to the agency's bot once its
    channel is connected (then they sign in here and do the rest)."""
    running = services()
    db = get_session()
    agency = by_slug(db, slug)
    if agency is None or agency.id is None:
        abort(404)
    name = request.form.get("name", "").strip()
    if not name:
        flash(console_text.AGENCY_NAME_MISSING)
        return _agencies_page(400)
    actor, agency_id = acting(), agency.id
    db.commit()  # one unit of work at a time (SQLite: the write lock)
    with running.db.session(agency_id=agency_id) as theirs:
        added = staff.add_staff_member(
            theirs,
            actor,
            name=name,
            role=Role.ADMIN,
            unit=None,
            measures=[],
            now=running.clock.now(),
            secret=running.secret,
        )
    if not isinstance(added, staff.StaffAdded):
        flash(console_text.agency_admin_exists(name))
        return _agencies_page(400)
    return render_template(
        "console/agency_admin.html",
        agency=agency,
        name=added.name,
        code=added.code,
        expires=format_date(added.code_expires),
    )


# -- switching the admin's own agency on ---------------------------------------------------


@console_route(bp, "/channel", roles=ADMIN_ONLY, nav=console_text.NAV_CHANNEL, order=940)
def channel_page() -> Any:
    return _channel_page()


def _channel_page(status: int = 200, form: dict[str, str] | None = None) -> Any:
    actor = current_actor()
    assert actor is not None
    db = get_session()
    agency = db.get(Agency, actor.agency_id)
    assert agency is not None
    found = agencies.agency_status(db, agency.slug)
    assert isinstance(found, agencies.Checklist)
    response = render_template(
        "console/channel.html",
        agency=agency,
        checklist=found,
        labels=agency_text.CHECKLIST,
        states=agency_text.STATE,
        in_environment=agency.id == FIRST_AGENCY_ID,
        form=form or {},
        go={
            "plan_imported": url_for(".plan_page"),
            "staff_added": url_for(".people"),
            "admin_linked": url_for(".people"),
        },
    )
    return response, status, {"Cache-Control": "private, no-store"}


@console_route(bp, "/channel", roles=ADMIN_ONLY, methods=("POST",))
def connect_channel() -> Any:
    """Check, store, set the webhook, test it, make the rich menus; each step said."""
    running, actor = services(), acting()
    signed_in = current_actor()
    assert signed_in is not None
    agency_id = signed_in.agency_id
    agency = get_session().get(Agency, agency_id)
    assert agency is not None
    slug = agency.slug
    secret = request.form.get("channel_secret", "")
    token = request.form.get("access_token", "")
    form = {"channel_secret": secret, "access_token": token}
    if agency_id == FIRST_AGENCY_ID:
        flash(console_text.CHANNEL_IN_ENV)
        return _channel_page(400)
    if not secret.strip() or not token.strip():
        flash(console_text.channel_problem_missing())
        return _channel_page(400, form)
    get_session().commit()  # nothing held while LINE is asked (and calls our webhook)
    units = _units(running, agency_id)
    with _channels(running) as open_channel:
        connected = agencies.connect_channel(
            units,
            actor,
            slug,
            channel_secret=secret,
            access_token=token,
            open_channel=open_channel,
            sealer=_sealer(running),
            now=running.clock.now(),
        )
        if not isinstance(connected, agencies.ChannelConnected):
            flash(_refusal(connected))
            flash(console_text.NOTHING_LOST)
            return _channel_page(400, form)
        flash(console_text.CHANNEL_CHECKED.format(basic_id=connected.basic_id))
        ready = agencies.set_up_webhook(
            units,
            actor,
            slug,
            public_base_url=running.settings.public_base_url,
            open_channel=open_channel,
            sealer=_sealer(running),
            now=running.clock.now(),
        )
    if isinstance(ready, agencies.WebhookReady):
        flash(console_text.webhook_result(ready.url, ready.tested, ready.status_code, ready.reason))
    else:
        flash(_refusal(ready))
    made = setup_for_agency(running, agency_id)
    flash(console_text.RICH_MENUS_DONE if made else console_text.RICH_MENUS_FAILED)
    return redirect(url_for(".channel_page"), code=303)


def _units(running: Services, agency_id: int) -> agencies.Units:
    def unit() -> Any:
        return running.db.session(agency_id=agency_id)

    return unit


def _sealer(running: Services) -> Any:
    try:
        return running.sealer
    except CredentialsLocked:
        return None


def _channels(running: Services) -> AbstractContextManager[agencies.OpenChannel]:
    from delivery.channel_setup import channel_opener

    return channel_opener(running.settings.line_api_base_url, running.settings.line_timeout)


def _refusal(result: object) -> str:
    match result:
        case agencies.NoSuchAgency(slug):
            return agency_text.no_such_agency(slug)
        case agencies.ChannelInEnvironment():
            return console_text.CHANNEL_IN_ENV
        case agencies.NoCredentialsKeys():
            return agency_text.no_keys()
        case agencies.MissingCredentials():
            return console_text.channel_problem_missing()
        case agencies.TokenRefused(status):
            return agency_text.token_refused(status)
        case agencies.LineUnavailable(status):
            return agency_text.line_unavailable(status)
        case agencies.ChannelTaken(slug):
            return agency_text.channel_taken(slug)
    raise AssertionError(f"unexpected result {result!r}")
