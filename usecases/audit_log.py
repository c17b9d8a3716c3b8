"""The audit log as the console shows it: every change, made in the console, in LINE, by a
command or a job, with the name of whoever made it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from models.audit import audit_entries
from models.staff import Staff
from usecases.actor import Actor, NotAllowed

PAGE = 100


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    actor: str  # as logged: staff:12, cli, scheduler, citizen, line:U…
    who: str | None  # the staff member's name, for staff:N
    action: str
    subject: str
    detail: dict[str, Any]


def names_of(session: Session, actors: list[str]) -> dict[str, str]:
    """`staff:N` → the person's name, in one query."""
    ids = {int(a.split(":", 1)[1]) for a in actors if a.startswith("staff:") and a[6:].isdigit()}
    if not ids:
        return {}
    rows = session.exec(select(Staff.id, Staff.name).where(col(Staff.id).in_(ids)))
    return {f"staff:{staff_id}": name for staff_id, name in rows}


def audit_page(
    session: Session,
    actor: Actor,
    *,
    before_id: int | None = None,
    prefix: str | None = None,
    limit: int = PAGE,
) -> list[Entry]:
    """A page of the log, newest first, for a head or an admin."""
    if not actor.is_head:
        raise NotAllowed("the audit log is for heads")
    rows = audit_entries(session, prefix=prefix or None, before_id=before_id, limit=limit)
    names = names_of(session, [r.actor for r in rows])
    return [
        Entry(r.id or 0, r.at, r.actor, names.get(r.actor), r.action, r.subject, dict(r.detail))
        for r in rows
    ]
