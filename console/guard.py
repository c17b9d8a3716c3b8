"""The one guard every console route goes through, and the registry of those routes.

A console page is added with `@console_route(bp, rule, roles=...)`: that both registers
the URL and wraps the view, so no console URL exists without the check, and the registry
(`ROUTES`) lists every one of them (the access matrix test walks it, and fails for a route
it has no row for). On each request the guard reads who is signed in from the database
(`current_actor`): a session holds only while its staff member is active, still linked to
the LINE account that signed in, and a head or an admin; otherwise it is ended there and
then. Then:

- not signed in: a page is redirected to the sign-in (and back afterwards), an action
  (POST) too, with 303;
- signed in without the role the route needs: 403, a polite page;
- every POST, PUT, PATCH and DELETE under the console carries a CSRF token (Flask-WTF),
  checked before the view runs: 400 without one.

`roles=None` marks the few routes open to anyone (the sign-in itself).

Every console request works for one agency (`scope_request`, the one place it is decided):
a signed-in session's unit of work is its staff member's agency alone (`models.tenancy`:
every read of agency-owned rows is filtered to it, every write is its own), so an id of
another agency's row finds nothing (404). A visitor not signed in reads across agencies
only to sign in (who is this LINE user, in which agencies). `operator=True` marks the
platform operator's pages: agency no. 1's admins, the deployment's own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFProtect

from console import sessions
from messages_th import console_text
from models import tenancy
from models.agency import FIRST_AGENCY_ID
from models.db import get_session
from models.staff import Role, Staff, is_head
from usecases.actor import Actor as UseCaseActor

#: who sees what a head sees (`models.staff.is_head`)
HEAD_OR_ADMIN = frozenset(role for role in Role if is_head(role))
ADMIN_ONLY = frozenset({Role.ADMIN})
#: who may sign in to the console at all
CONSOLE_ROLES = HEAD_OR_ADMIN

csrf = CSRFProtect()


@dataclass(frozen=True)
class ConsoleRoute:
    endpoint: str
    rule: str
    methods: tuple[str, ...]
    roles: frozenset[Role] | None  # None: anyone, signed in or not
    nav: str | None  # its label in the console's navigation, if it is a page there
    order: int
    operator: bool = False  # the platform operator's (agency no. 1's admins) alone


@dataclass(frozen=True)
class Actor:
    """Who is signed in, as the database says now."""

    staff_id: int
    name: str
    role: Role
    unit_id: int | None
    line_user_id: str
    signed_in_at: datetime | None
    agency_id: int = FIRST_AGENCY_ID

    @property
    def is_operator(self) -> bool:
        """The platform operator: an admin of agency no. 1, the deployment's own."""
        return self.role == Role.ADMIN and self.agency_id == FIRST_AGENCY_ID


ROUTES: dict[str, ConsoleRoute] = {}


def console_route(
    bp: Blueprint,
    rule: str,
    *,
    roles: frozenset[Role] | None,
    methods: tuple[str, ...] = ("GET",),
    nav: str | None = None,
    order: int = 100,
    operator: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register `rule` on `bp` behind the guard. `roles`: who may use it (None: anyone);
    `nav`: the label under which it appears in the navigation, for those roles;
    `operator`: for the platform operator alone (agency no. 1's admins)."""

    def register(view: Callable[..., Any]) -> Callable[..., Any]:
        endpoint = f"{bp.name}.{view.__name__}"
        full_rule = (bp.url_prefix or "") + rule
        ROUTES[endpoint] = ConsoleRoute(endpoint, full_rule, methods, roles, nav, order, operator)

        @functools.wraps(view)
        def guarded(**kwargs: Any) -> Any:
            scope_request()
            if roles is None:
                return view(**kwargs)
            actor = current_actor()
            if actor is None:
                return to_sign_in()
            if actor.role not in roles or (operator and not actor.is_operator):
                return refused_page(console_text.REFUSED_PAGE_FOR_ROLE, status=403)
            return view(**kwargs)

        # the console's own address answers with or without its last slash, as people type it
        bp.add_url_rule(rule, view_func=guarded, methods=list(methods), strict_slashes=bool(rule))
        return guarded

    return register


def scope_request() -> None:
    """This request's unit of work: the signed-in session's agency alone; a visitor's (on
    the way to signing in) sees every agency's, to find who signs in where."""
    visitor = sessions.current()
    agency_id = visitor.agency_id if visitor.staff_id is not None else None
    tenancy.enter(get_session(), tenancy.ALL if agency_id is None else agency_id)


def current_actor() -> Actor | None:
    """The signed-in head or admin, read afresh for this request; ends a session whose
    person may no longer use the console (deactivated, unlinked, role taken away)."""
    if "console_actor" in g:
        return g.console_actor
    visitor = sessions.current()
    actor = None
    if visitor.staff_id is not None:
        staff = get_session().get(Staff, visitor.staff_id)
        if _may_use_console(staff, visitor.line_user_id, visitor.agency_id):
            assert staff is not None and staff.id is not None and staff.agency_id is not None
            actor = Actor(
                staff.id,
                staff.name,
                Role(staff.role),
                staff.unit_id,
                visitor.line_user_id or "",
                visitor.signed_in_at,
                staff.agency_id or FIRST_AGENCY_ID,
            )
        else:
            sessions.sign_out()
    g.console_actor = actor
    return actor


def _may_use_console(staff: Staff | None, line_user_id: str | None, agency_id: int | None) -> bool:
    return (
        staff is not None
        and staff.agency_id == agency_id
        and staff.active
        and bool(line_user_id)
        and staff.line_user_id == line_user_id
        and staff.role in CONSOLE_ROLES
    )


def to_sign_in() -> Any:
    """Back to the sign-in page, which brings the person back here afterwards."""
    visitor = sessions.current()
    here = request.full_path.rstrip("?") if request.method == "GET" else None
    target = url_for("console.sign_in", next=here, ended="idle" if visitor.expired else None)
    return redirect(target, code=303)


def safe_next(target: str | None) -> str | None:
    """Only a path inside the console: never another site (an open redirect)."""
    if not target or not target.startswith("/console") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target:
        return None
    return target


def refused_page(message: str, *, status: int, what_to_do: list[str] | None = None) -> Any:
    return (
        render_template(
            "console/refused.html",
            t=console_text,
            message=message,
            what_to_do=what_to_do or [],
            actor=g.get("console_actor"),
        ),
        status,
    )


def navigation(actor: Actor | None) -> list[tuple[str, str]]:
    """(label, endpoint) of the pages this person may open, in order. Only pages that
    exist are registered, so nothing unbuilt is ever linked."""
    if actor is None:
        return []
    pages = [
        found
        for found in ROUTES.values()
        if found.nav
        and found.roles is not None
        and actor.role in found.roles
        and (actor.is_operator or not found.operator)
    ]
    return [(found.nav or "", found.endpoint) for found in sorted(pages, key=lambda r: r.order)]


def protect_forms() -> None:
    """Every state-changing request to the console carries the form's CSRF token."""
    csrf.protect()


def acting() -> UseCaseActor:
    """The signed-in person as the use cases know them: `Actor.member(staff)`, the same as
    in LINE (docs/ARCHITECTURE.md, "Use cases"). Only inside a guarded route."""
    actor = current_actor()
    assert actor is not None, "acting() outside a guarded route"
    staff = get_session().get(Staff, actor.staff_id)
    assert staff is not None
    return UseCaseActor.member(staff)
