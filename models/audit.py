"""The audit log: who changed what, when (links, reports, imports, answers)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, Session, col, select

from models import tenancy
from models.base import metadata  # noqa: F401
from models.tenancy import AgencyOwned
from models.types import AwareDateTime


class AuditLog(AgencyOwned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=AwareDateTime, index=True)
    actor: str = Field(max_length=80, description="staff:12, cli, scheduler, line:U…")
    action: str = Field(max_length=60)
    subject: str = Field(default="", max_length=120)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


def audit(
    session: Session, now: datetime, actor: str, action: str, subject: str = "", **detail: Any
) -> None:
    """Written at once, in the caller's transaction: a plain INSERT, no ORM object to flush
    (every report writes one)."""
    row = {
        "at": now,
        "actor": actor,
        "action": action,
        "subject": subject,
        "detail": detail,
        "agency_id": tenancy.current(session),
    }
    session.execute(_INSERT, [row])


_INSERT = AuditLog.__table__.insert()  # type: ignore[attr-defined]


def audit_entries(
    session: Session,
    *,
    actions: Sequence[str] = (),
    prefix: str | None = None,
    subject: str | None = None,
    before_id: int | None = None,
    limit: int = 100,
) -> list[AuditLog]:
    """The log, newest first: of some actions (or those starting with `prefix`), of one
    subject, a page before `before_id`."""
    query = select(AuditLog).order_by(col(AuditLog.id).desc()).limit(limit)
    if actions:
        query = query.where(col(AuditLog.action).in_(actions))
    if prefix:
        query = query.where(col(AuditLog.action).startswith(prefix))
    if subject is not None:
        query = query.where(AuditLog.subject == subject)
    if before_id is not None:
        query = query.where(col(AuditLog.id) < before_id)
    return list(session.exec(query))
