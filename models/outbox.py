"""The outbox: every push waits here until LINE has it.

A row is written in the same transaction as the change that causes it, under a unique
dedupe key, so a job that runs twice queues nothing twice; its retry key makes LINE
refuse (409) a second delivery of a push that was retried.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, String, UniqueConstraint, cast, or_, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, col, func, select

from models import tenancy
from models.base import metadata  # noqa: F401
from models.retention import redact_in_batches
from models.tenancy import AgencyOwned
from models.types import AwareDateTime, among


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutboxKind(StrEnum):
    PUSH = "push"
    MULTICAST = "multicast"


class OutboxMessage(AgencyOwned, table=True):
    __table_args__ = (
        Index("ix_outboxmessage_due", "status", "next_attempt_at"),
        UniqueConstraint("agency_id", "dedupe_key"),
        # rows whose messages are still kept
        Index(
            "ix_outboxmessage_unredacted",
            "created_at",
            sqlite_where=text("redacted_at IS NULL"),
            postgresql_where=text("redacted_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(max_length=200)
    kind: str = Field(max_length=16)
    recipients: list[str] = Field(sa_type=JSON)
    recipient_count: int = Field(description="what LINE counts against the monthly quota")
    messages: list[dict[str, Any]] = Field(sa_type=JSON)
    purpose: str = Field(max_length=40, description="reminder, summary, notify, reply…")
    retry_key: str = Field(max_length=36)
    status: str = Field(default=OutboxStatus.PENDING, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=AwareDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=AwareDateTime)
    last_error: str | None = None
    created_at: datetime = Field(sa_type=AwareDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=AwareDateTime, index=True)
    request_id: str | None = Field(default=None, max_length=64)
    redacted_at: datetime | None = Field(
        default=None, sa_type=AwareDateTime, description="its messages removed"
    )


_OUTBOX = OutboxMessage.__table__  # type: ignore[attr-defined]
_QUEUED = "outbox_queued"


def queue(
    session: Session,
    *,
    key: str,
    to: str | list[str],
    messages: list[dict[str, Any]],
    purpose: str,
    now: datetime,
) -> bool:
    """Queue a push (one recipient) or multicast (several); False if the key was queued before."""
    recipients = [to] if isinstance(to, str) else list(dict.fromkeys(to))
    if not recipients:
        return False
    if not 1 <= len(messages) <= 5:
        raise ValueError("LINE takes 1 to 5 messages per request")
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(OutboxMessage)
        .values(
            dedupe_key=key,
            kind=OutboxKind.PUSH if len(recipients) == 1 else OutboxKind.MULTICAST,
            recipients=recipients,
            recipient_count=len(recipients),
            messages=messages,
            purpose=purpose,
            retry_key=str(uuid.uuid4()),
            status=OutboxStatus.PENDING,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            agency_id=tenancy.current(session),
        )
        .on_conflict_do_nothing(index_elements=["agency_id", "dedupe_key"])
    )
    # RETURNING, not rowcount: an ORM session reports no reliable rowcount for inserts
    queued = session.exec(statement.returning(OutboxMessage.id)).first() is not None  # type: ignore[call-overload]
    if queued:
        session.info[_QUEUED] = True
    return queued


@dataclass(frozen=True)
class Push:
    key: str
    to: str | list[str]
    messages: list[dict[str, Any]]
    agency_id: int | None = None  # None: the unit of work's agency


def queue_many(session: Session, pushes: list[Push], *, purpose: str, now: datetime) -> set[str]:
    """Queue many pushes in a few statements; returns the keys that were new."""
    return {key for _, key in queue_pushes(session, pushes, purpose=purpose, now=now)}


def queue_pushes(
    session: Session, pushes: list[Push], *, purpose: str, now: datetime
) -> set[tuple[int, str]]:
    """Queue many pushes, of one agency or many (each push's `agency_id`), in one INSERT
    (sent in batches); returns the (agency, key) of those that were new."""
    rows = []
    agency_id = tenancy.current(session)
    for push in pushes:
        recipients = [push.to] if isinstance(push.to, str) else list(dict.fromkeys(push.to))
        if not recipients or not 1 <= len(push.messages) <= 5:
            raise ValueError(f"bad push {push.key}")
        rows.append(
            {
                "dedupe_key": push.key,
                "kind": OutboxKind.PUSH if len(recipients) == 1 else OutboxKind.MULTICAST,
                "recipients": recipients,
                "recipient_count": len(recipients),
                "messages": push.messages,
                "purpose": purpose,
                "retry_key": str(uuid.uuid4()),
                "status": OutboxStatus.PENDING,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
                "agency_id": agency_id if push.agency_id is None else push.agency_id,
            }
        )
    if not rows:
        return set()
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # every row in one JSON parameter: one statement however many (a tick for every
        # agency queues tens of thousands)
        found = session.connection().execute(_INSERT_JSON, {"rows": json.dumps(rows, default=str)})
    else:
        statement = (
            sqlite.insert(_OUTBOX)
            .on_conflict_do_nothing(index_elements=["agency_id", "dedupe_key"])
            .returning(_OUTBOX.c.agency_id, _OUTBOX.c.dedupe_key)
        )
        # rows as parameters: one cached statement, sent in batches ("insertmanyvalues")
        found = session.connection().execute(statement, rows)
    new = {(a, key) for a, key in found}
    if new:
        session.info[_QUEUED] = True
    return new


_COLUMNS = (
    "agency_id, dedupe_key, kind, recipients, recipient_count, messages, purpose, retry_key,"
    " status, attempts, next_attempt_at, created_at"
)
_INSERT_JSON = text(
    f"INSERT INTO outboxmessage ({_COLUMNS}) SELECT {_COLUMNS}"
    " FROM json_populate_recordset(NULL::outboxmessage, CAST(:rows AS json))"
    " ON CONFLICT (agency_id, dedupe_key) DO NOTHING RETURNING agency_id, dedupe_key"
)


def queued_keys(
    session: Session, agency_ids: list[int], prefixes: list[str]
) -> set[tuple[int, str]]:
    """The (agency, key) of the pushes of these agencies queued under keys that start with
    one of `prefixes`, in one statement: a job for many agencies renders only what is not
    queued yet."""
    if not agency_ids or not prefixes:
        return set()
    rows = session.execute(
        select(col(OutboxMessage.agency_id), col(OutboxMessage.dedupe_key)).where(
            among(session, col(OutboxMessage.agency_id), agency_ids),
            or_(*(col(OutboxMessage.dedupe_key).startswith(p, autoescape=True) for p in prefixes)),
        )
    )
    return {(a, key) for a, key in rows}


def queued_in(session: Session) -> bool:
    """Whether this session queued a push: after its commit, the sender is told."""
    return bool(session.info.get(_QUEUED))


def failed_messages(session: Session, limit: int = 100) -> list[OutboxMessage]:
    return list(
        session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.FAILED)
            .order_by(col(OutboxMessage.id).desc())
            .limit(limit)
        )
    )


def pushed_between(session: Session, start: datetime, end: datetime) -> int:
    """Messages counted against LINE's quota (one per recipient) sent in [start, end)."""
    total = session.exec(
        select(func.coalesce(func.sum(OutboxMessage.recipient_count), 0)).where(
            OutboxMessage.status == OutboxStatus.SENT,
            col(OutboxMessage.sent_at) >= start,
            col(OutboxMessage.sent_at) < end,
        )
    ).one()
    return int(total)


def count_by_status(session: Session) -> dict[str, int]:
    rows = session.exec(
        select(OutboxMessage.status, func.count()).group_by(col(OutboxMessage.status))
    )
    return dict(rows.all())


# -- keeping no more than needed ---------------------------------------------------------

#: what a push that was never sent is marked with when its messages are withdrawn
WITHDRAWN = "withdrawn: its personal data was removed before it was sent"


def redact_pushes(
    session: Session, keys: list[str], now: datetime, *, prefixes: list[str] | None = None
) -> int:
    """Remove the messages of these pushes (by key, or by the start of their keys) at once:
    the consent question that echoed a name and phone, sent by push when its reply failed;
    what was pushed about an erased case. One not sent yet is not sent at all."""
    matches = [col(OutboxMessage.dedupe_key).startswith(p) for p in prefixes or []]
    if keys:
        matches.append(col(OutboxMessage.dedupe_key).in_(keys))
    if not matches:
        return 0
    rows = session.exec(
        select(OutboxMessage).where(or_(*matches), col(OutboxMessage.redacted_at).is_(None))
    ).all()
    return _redact(session, rows, now)


def forget_recipient(session: Session, line_user_id: str, replacement: str, now: datetime) -> int:
    """A person asked for their data to be deleted: no push keeps their LINE id (it becomes
    `replacement`) or what was said to them."""
    rows = session.exec(
        select(OutboxMessage).where(cast(OutboxMessage.recipients, String).contains(line_user_id))
    ).all()
    for row in rows:
        row.recipients = [replacement if r == line_user_id else r for r in row.recipients]
    return _redact(session, rows, now)


def redact_sent(session: Session, before: datetime, now: datetime) -> int:
    """Remove the messages of pushes sent or failed that were queued before `before` (the
    retention period): what was said to whom is not kept; the counts and times are."""
    return redact_in_batches(
        session,
        OutboxMessage,
        [
            col(OutboxMessage.created_at) < before,
            col(OutboxMessage.status).in_([OutboxStatus.SENT, OutboxStatus.FAILED]),
        ],
        lambda session, rows: _redact(session, rows, now),
    )


def _redact(session: Session, rows: Any, now: datetime) -> int:
    for row in rows:
        if row.status in (OutboxStatus.PENDING, OutboxStatus.SENDING):
            row.status, row.last_error = OutboxStatus.FAILED, WITHDRAWN
        row.messages, row.redacted_at = [], row.redacted_at or now
        session.add(row)
    session.flush()
    return len(rows)


def retry_failed(session: Session, message_id: int, now: datetime) -> OutboxMessage | None:
    """A push that failed for good, sent again at once under the same retry key (LINE
    answers 409 if it had it after all: no one gets it twice). None unless it failed."""
    row = session.get(OutboxMessage, message_id)
    if row is None or row.status != OutboxStatus.FAILED or row.redacted_at is not None:
        return None
    row.status, row.next_attempt_at, row.lease_until = OutboxStatus.PENDING, now, None
    session.add(row)
    session.info[_QUEUED] = True
    return row


def withdraw_reminders(session: Session, staff_id: int, now: datetime) -> int:
    """Reminders to someone deactivated that are still waiting: not sent at all."""
    rows = session.exec(
        select(OutboxMessage).where(
            col(OutboxMessage.status) == OutboxStatus.PENDING,
            col(OutboxMessage.dedupe_key).like(f"reminder:%:staff:{staff_id}:%"),
        )
    ).all()
    return _redact(session, rows, now)
