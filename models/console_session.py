"""Console sessions: one row per browser session, so every process agrees on who is signed
in and signing out (or an idle half hour) ends a session everywhere at once.

The cookie holds a random token; the row is keyed by its SHA-256, so the table alone signs
no one in. A row without a staff member is a visitor on the way to signing in (it holds the
sign-in's state and the form token).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, Session, col, delete, update

from models.base import metadata  # noqa: F401
from models.tenancy import AgencyOwned
from models.types import AwareDateTime

TOKEN_BYTES = 32


class ConsoleSession(AgencyOwned, table=True):
    id: str = Field(primary_key=True, max_length=64, description="SHA-256 of the cookie's token")
    staff_id: int | None = Field(
        default=None, foreign_key="staff.id", index=True, ondelete="CASCADE"
    )
    #: the LINE user who signed in; the session holds only while the staff member is linked to it
    line_user_id: str | None = Field(default=None, max_length=64)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(sa_type=AwareDateTime)
    seen_at: datetime = Field(sa_type=AwareDateTime, index=True)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_console_session(
    session: Session, token: str, now: datetime, *, idle: timedelta, lifetime: timedelta
) -> tuple[ConsoleSession | None, bool]:
    """The live session the cookie names, and whether it named one that has run out (which
    is then deleted)."""
    row = session.get(ConsoleSession, token_key(token))
    if row is None:
        return None, False
    if now - row.seen_at > idle or now - row.created_at > lifetime:
        session.delete(row)
        return None, True
    return row, False


def start_console_session(
    session: Session,
    now: datetime,
    data: dict[str, Any],
    *,
    staff_id: int | None = None,
    line_user_id: str | None = None,
    idle: timedelta,
) -> str:
    """A new row under a new token (returned, for the cookie). Rows idle past `idle` go
    with it: sessions nobody ended are cleared by those that start."""
    session.exec(delete(ConsoleSession).where(col(ConsoleSession.seen_at) < now - idle))
    token = new_token()
    session.add(
        ConsoleSession(
            id=token_key(token),
            staff_id=staff_id,
            line_user_id=line_user_id,
            data=data,
            created_at=now,
            seen_at=now,
        )
    )
    return token


def save_console_session(
    session: Session, token: str, now: datetime, data: dict[str, Any] | None
) -> None:
    """Mark the session seen now, and keep its data when it changed (None: unchanged)."""
    values: dict[str, Any] = {"seen_at": now}
    if data is not None:
        values["data"] = data
    session.exec(
        update(ConsoleSession).where(col(ConsoleSession.id) == token_key(token)).values(**values)
    )


def end_console_session(session: Session, token: str) -> None:
    session.exec(delete(ConsoleSession).where(col(ConsoleSession.id) == token_key(token)))


def end_console_sessions_of(session: Session, staff_id: int) -> int:
    """Sign a person out everywhere (deactivated, role taken away, link moved)."""
    result = session.exec(delete(ConsoleSession).where(col(ConsoleSession.staff_id) == staff_id))
    return result.rowcount or 0
