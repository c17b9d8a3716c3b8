"""Console sessions kept in the database (Flask's `session`, stored server-side).

The cookie (`tidtam_console`, path `/console`, HttpOnly, SameSite=Lax, Secure when
PUBLIC_BASE_URL is https) carries only a random token; the row holds the data. So every
process agrees, signing in gives a new token (the one a visitor had before is deleted),
signing out deletes the row, and a session ends after TIDTAM_CONSOLE_IDLE_MINUTES without
a request or TIDTAM_CONSOLE_SESSION_HOURS after sign-in, by the app's clock.

Only requests under /console carry the cookie, so the webhook and the public pages never
read the table.

A session signed in is one agency's: its row carries the staff member's agency, and every
console request of it works for that agency alone (`console.guard`). Signing in as the
same LINE user in another agency is a new session (`sign_in`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Flask, Request, Response, session
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from models import tenancy
from models.console_session import (
    end_console_session,
    open_console_session,
    save_console_session,
    start_console_session,
)
from models.db import get_session
from services import Services, services

COOKIE = "tidtam_console"
COOKIE_PATH = "/console"
#: a session's last-seen time is written at most this often (not on every request)
TOUCH_EVERY = timedelta(seconds=60)
MAX_TOKEN = 128


class ConsoleSession(CallbackDict, SessionMixin):
    """The session of one browser: its data, and who signed in (kept in columns)."""

    def __init__(
        self,
        data: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        staff_id: int | None = None,
        line_user_id: str | None = None,
        agency_id: int | None = None,
        signed_in_at: datetime | None = None,
        seen_at: datetime | None = None,
        expired: bool = False,
        stale_cookie: bool = False,
    ) -> None:
        def changed(_: CallbackDict) -> None:
            self.modified = True

        super().__init__(data or {}, changed)
        self.token = token
        self.staff_id = staff_id
        self.line_user_id = line_user_id
        self.agency_id = agency_id  # the signed-in staff member's agency
        self.signed_in_at = signed_in_at
        self.seen_at = seen_at
        self.expired = expired  # the cookie named a session that ran out
        self.stale_cookie = stale_cookie  # the cookie names no session at all
        self.modified = False
        self.ended = False
        self.rotated = False

    @property
    def new(self) -> bool:  # type: ignore[override]
        return self.token is None


def current() -> ConsoleSession:
    found = session._get_current_object()  # type: ignore[attr-defined]
    assert isinstance(found, ConsoleSession), "the console's session interface is not installed"
    return found


def idle_limit(running: Services) -> timedelta:
    return timedelta(minutes=running.settings.console_idle_minutes)


def lifetime_limit(running: Services) -> timedelta:
    return timedelta(hours=running.settings.console_session_hours)


def sign_in(staff_id: int, line_user_id: str, agency_id: int) -> None:
    """Start a new session for the person who just signed in: a new token, the visitor's
    session (and whatever it held) deleted, so a token known before sign-in is worthless.
    The rest of the request works for the staff member's agency alone."""
    running, visitor = services(), current()
    now = running.clock.now()
    db = get_session()
    if visitor.token:
        end_console_session(db, visitor.token)
    tenancy.enter(db, agency_id)
    token = start_console_session(
        db,
        now,
        {},
        staff_id=staff_id,
        line_user_id=line_user_id,
        idle=idle_limit(running),
    )
    visitor.clear()
    visitor.token, visitor.staff_id, visitor.line_user_id = token, staff_id, line_user_id
    visitor.agency_id = agency_id
    visitor.signed_in_at = visitor.seen_at = now
    visitor.modified, visitor.rotated = False, True


def sign_out() -> None:
    """End this session everywhere: the row goes now, the cookie with the response."""
    visitor = current()
    if visitor.token:
        end_console_session(get_session(), visitor.token)
    visitor.clear()
    visitor.ended = True


class DatabaseSessionInterface(SessionInterface):
    def open_session(self, app: Flask, request: Request) -> ConsoleSession:
        token = request.cookies.get(self.get_cookie_name(app))
        if not token:
            return ConsoleSession()
        if len(token) > MAX_TOKEN:
            return ConsoleSession(stale_cookie=True)
        running: Services = app.extensions["tidtam"]
        now = running.clock.now()
        # a unit of its own, finished before the view runs (no transaction held meanwhile);
        # the token is all it goes by, whatever the agency (row security: every agency)
        with running.db.session(agency_id=tenancy.ALL) as db:
            row, expired = open_console_session(
                db, token, now, idle=idle_limit(running), lifetime=lifetime_limit(running)
            )
            if row is None:
                return ConsoleSession(expired=expired, stale_cookie=True)
            return ConsoleSession(
                dict(row.data),
                token=token,
                staff_id=row.staff_id,
                line_user_id=row.line_user_id,
                agency_id=row.agency_id,
                signed_in_at=row.created_at,
                seen_at=row.seen_at,
            )

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """In the request's own transaction (committed as the request ends, rolled back if
        it fails), so a view and its session change together."""
        assert isinstance(session, ConsoleSession)
        if session.ended:
            self._forget(app, response)
            return
        running: Services = app.extensions["tidtam"]
        now = running.clock.now()
        if session.token is None:
            if not session:
                if session.stale_cookie:
                    self._forget(app, response)
                return
            session.token = start_console_session(
                get_session(), now, dict(session), idle=idle_limit(running)
            )
            session.rotated = True
        elif session.modified or session.seen_at is None or now - session.seen_at > TOUCH_EVERY:
            data = dict(session) if session.modified else None
            save_console_session(get_session(), session.token, now, data)
        response.vary.add("Cookie")
        if session.rotated:
            response.set_cookie(
                self.get_cookie_name(app),
                session.token,
                path=self.get_cookie_path(app),
                secure=self.get_cookie_secure(app),
                httponly=True,
                samesite=self.get_cookie_samesite(app),
            )

    def _forget(self, app: Flask, response: Response) -> None:
        response.vary.add("Cookie")
        response.delete_cookie(
            self.get_cookie_name(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            httponly=True,
            samesite=self.get_cookie_samesite(app),
        )


def init_app(app: Flask) -> None:
    running: Services = app.extensions["tidtam"]
    app.config.update(
        SESSION_COOKIE_NAME=COOKIE,
        SESSION_COOKIE_PATH=COOKIE_PATH,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=running.settings.public_base_url.startswith("https://"),
    )
    app.session_interface = DatabaseSessionInterface()
