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

from sqlalchemy import JSON, Index, String, UniqueConstraint, bindparam, cast, or_, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, col, func, select

from models import tenancy
from models.agency import Agency, AgencyState
from models.base import metadata  # noqa: F401
from models.retention import redact_in_batches
from models.tenancy import AgencyOwned
from models.types import AwareDateTime, among


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    #: its agency's channel cannot send (LINE refused the token, or none is connected):
    #: neither failed nor retried, kept until the agency is connected again (`unpark`)
    PARKED = "parked"


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
        if row.status in (OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.PARKED):
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
            col(OutboxMessage.status).in_([OutboxStatus.PENDING, OutboxStatus.PARKED]),
            col(OutboxMessage.dedupe_key).like(f"reminder:%:staff:{staff_id}:%"),
        )
    ).all()
    return _redact(session, rows, now)


# -- the sender's claim: round robin over agencies (docs/TENANCY.md, "Fairness") ----------


@dataclass(frozen=True)
class Due:
    """A row claimed for sending (leased to this sender until its lease runs out)."""

    id: int
    agency_id: int
    kind: str
    recipients: list[str]
    messages: list[dict[str, Any]]
    retry_key: str
    attempts: int


def claim_due(
    session: Session,
    now: datetime,
    lease_until: datetime,
    *,
    limit: int,
    ignore_backoff: bool,
    after: int = 0,
) -> tuple[list[Due], int]:
    """Lease up to `limit` rows that are due (or whose sender's lease ran out), round robin
    over the agencies: every agency's first due row before any agency's second, each
    agency's in the order they came due; none of an agency whose token LINE refused. On
    PostgreSQL, rows another sender holds are skipped (several senders share the work).
    A statement of its own over every agency: call it in a deployment-wide unit of work.

    The rows in the order to send them, and where the turn stopped: pass it as `after`
    to the next claim. Agencies of the same rank take turns from the one after `after`
    (by id, wrapping round): the rank alone starts again at every claim, and with more
    agencies due than a claim takes, the same agencies would always come first."""
    dialect = session.get_bind().dialect.name
    rows = session.execute(
        _claim_statement(dialect, ignore_backoff),
        {"now": now, "lease_until": lease_until, "limit": limit, "after": after},
    ).all()
    claimed = [
        Due(
            r.id,
            r.agency_id,
            r.kind,
            list(r.recipients),
            list(r.messages),
            r.retry_key,
            r.attempts,
        )
        for r in rows
    ]
    return in_turn(claimed, {r.id: r.next_attempt_at for r in rows}, after)


def in_turn(claimed: list[Due], due_at: dict[int, datetime], after: int) -> tuple[list[Due], int]:
    """The claimed rows in the claim's order (RETURNING keeps none), and the agency of
    the last first-ranked row: where the next claim's turn starts."""
    rank: dict[int, int] = {}
    seen: dict[int, int] = {}
    for row in sorted(claimed, key=lambda r: (r.agency_id, due_at[r.id], r.id)):
        seen[row.agency_id] = rank[row.id] = seen.get(row.agency_id, 0) + 1
    ordered = sorted(
        claimed,
        key=lambda r: (rank[r.id], r.agency_id <= after, r.agency_id, due_at[r.id], r.id),
    )
    firsts = [row.agency_id for row in ordered if rank[row.id] == 1]
    return ordered, firsts[-1] if firsts else after


_AGENCY = Agency.__table__  # type: ignore[attr-defined]
_REFUSED = select(_AGENCY.c.id).where(_AGENCY.c.state == AgencyState.REFUSED)


def _claimable(table: Any, ignore_backoff: bool) -> Any:
    due = table.c.status == OutboxStatus.PENDING
    if not ignore_backoff:
        due = due & (table.c.next_attempt_at <= bindparam("now"))
    abandoned = (table.c.status == OutboxStatus.SENDING) & (table.c.lease_until < bindparam("now"))
    return or_(due, abandoned) & table.c.agency_id.not_in(_REFUSED)


_CLAIM_STATEMENTS: dict[tuple[str, bool], Any] = {}


def _claim_statement(dialect: str, ignore_backoff: bool) -> Any:
    """UPDATE … SET status = 'sending' WHERE id IN (the first `limit` claimable rows by
    (rank within agency, the agency's turn, due time)) RETURNING them; built once per
    dialect."""
    found = _CLAIM_STATEMENTS.get((dialect, ignore_backoff))
    if found is not None:
        return found
    ranked_from = _OUTBOX.alias("ranked_from")
    rank = func.row_number().over(
        partition_by=ranked_from.c.agency_id,
        order_by=(ranked_from.c.next_attempt_at, ranked_from.c.id),
    )
    ranked = (
        select(
            ranked_from.c.id,
            ranked_from.c.agency_id,
            ranked_from.c.next_attempt_at,
            rank.label("rank"),
        )
        .where(_claimable(ranked_from, ignore_backoff))
        .subquery("ranked")
    )
    first = (
        select(ranked.c.id)
        .order_by(
            ranked.c.rank,
            ranked.c.agency_id <= bindparam("after"),  # false first: those after the turn
            ranked.c.agency_id,
            ranked.c.next_attempt_at,
            ranked.c.id,
        )
        .limit(bindparam("limit"))
    )
    if dialect == "postgresql":
        # FOR UPDATE cannot sit beside a window function: lock the chosen rows in a query
        # of their own, which looks at each again (another sender may have just sent it)
        locked = _OUTBOX.alias("locked")
        first = (
            select(locked.c.id)
            .where(locked.c.id.in_(first), _claimable(locked, ignore_backoff))
            .with_for_update(skip_locked=True)
        )
    statement = (
        _OUTBOX.update()
        .where(_OUTBOX.c.id.in_(first))
        .values(status=OutboxStatus.SENDING, lease_until=bindparam("lease_until"))
        .returning(
            _OUTBOX.c.id,
            _OUTBOX.c.agency_id,
            _OUTBOX.c.kind,
            _OUTBOX.c.recipients,
            _OUTBOX.c.messages,
            _OUTBOX.c.retry_key,
            _OUTBOX.c.attempts,
            _OUTBOX.c.next_attempt_at,
        )
    )
    _CLAIM_STATEMENTS[(dialect, ignore_backoff)] = statement
    return statement


#: a sent row's outcome, settled for many rows in one statement (executemany)
SETTLE = (
    _OUTBOX.update()
    .where(_OUTBOX.c.id == bindparam("row_id"))
    .values(
        status=bindparam("new_status"),
        attempts=bindparam("new_attempts"),
        next_attempt_at=bindparam("new_next"),
        lease_until=None,
        last_error=bindparam("new_error"),
        sent_at=bindparam("new_sent_at"),
        request_id=bindparam("new_request_id"),
    )
)


def park(session: Session, agency_id: int, reason: str) -> int:
    """The agency's waiting rows set aside until it is connected again (not lost)."""
    result = session.execute(
        _OUTBOX.update()
        .where(_OUTBOX.c.agency_id == agency_id, _OUTBOX.c.status == OutboxStatus.PENDING)
        .values(status=OutboxStatus.PARKED, last_error=reason[:500])
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def unpark(session: Session, agency_id: int, now: datetime) -> int:
    """The agency is connected again: what was parked is due now."""
    result = session.execute(
        _OUTBOX.update()
        .where(_OUTBOX.c.agency_id == agency_id, _OUTBOX.c.status == OutboxStatus.PARKED)
        .values(status=OutboxStatus.PENDING, next_attempt_at=now, last_error=None)
    )
    if result.rowcount:  # type: ignore[attr-defined]
        session.info[_QUEUED] = True
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def hold_back(session: Session, agency_id: int, until: datetime) -> int:
    """LINE asked this agency's channel to slow down (429): none of its rows before `until`
    (other agencies' rows are not touched)."""
    result = session.execute(
        _OUTBOX.update()
        .where(
            _OUTBOX.c.agency_id == agency_id,
            _OUTBOX.c.status == OutboxStatus.PENDING,
            _OUTBOX.c.next_attempt_at < until,
        )
        .values(next_attempt_at=until)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
