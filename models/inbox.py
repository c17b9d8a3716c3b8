"""The webhook inbox: every received event, stored before LINE gets its 200."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache, lru_cache
from threading import Event
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Connection,
    Engine,
    Index,
    String,
    and_,
    bindparam,
    cast,
    exists,
    or_,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, col, func, select, update

from models import tenancy
from models.base import metadata  # noqa: F401
from models.retention import redact_in_batches
from models.tenancy import AgencyOwned
from models.types import AwareDateTime


class InboxStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    #: another agency's event (docs/TENANCY.md, "Routes"): kept, not handled until the
    #: pipeline serves more agencies than no. 1
    HELD = "held"


#: An event that fails this many times is set aside as failed (kept, logged, not retried).
MAX_ATTEMPTS = 3


class InboxEvent(AgencyOwned, table=True):
    __table_args__ = (
        Index("ix_inboxevent_pending", "status", "chat_key", "timestamp_ms"),
        # handled events whose payload still holds what the person sent
        Index(
            "ix_inboxevent_unredacted",
            "processed_at",
            sqlite_where=text("redacted_at IS NULL"),
            postgresql_where=text("redacted_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    webhook_event_id: str = Field(unique=True, max_length=64)
    chat_key: str = Field(max_length=80, description="the user, group or room the event is from")
    event_type: str = Field(max_length=40)
    timestamp_ms: int = Field(sa_type=BigInteger)
    redelivery: bool = False
    payload: dict[str, Any] = Field(sa_type=JSON)
    received_at: datetime = Field(sa_type=AwareDateTime)
    status: str = Field(default=InboxStatus.PENDING, max_length=16)
    attempts: int = 0
    processed_at: datetime | None = Field(default=None, sa_type=AwareDateTime)
    error: str | None = None
    redacted_at: datetime | None = Field(
        default=None, sa_type=AwareDateTime, description="what the person sent removed"
    )


#: the PostgreSQL channel on which web processes announce new events to worker processes
CHANNEL = "tidtam_inbox"


#: events per INSERT: a body of LINE's holds a few; SQLite takes some 32,000 parameters
CHUNK = 200


def receive(engine: Engine, rows: list[dict[str, Any]], *, announce: bool) -> int:
    """Store what the webhook received, committed, before LINE gets its 200; counts the new.

    An event whose webhookEventId is stored already is skipped. With `announce` (the web
    process leaves the work to worker processes), the same statement tells them, on
    PostgreSQL, which chats have new events. A body of events is one statement, which on
    PostgreSQL commits by itself: the acknowledge path is one round trip. On SQLite, a
    transaction of its own (its writers queue on a lock).
    """
    dialect = engine.dialect.name
    rows = [{"agency_id": tenancy.DEFAULT_AGENCY_ID, **row} for row in rows]
    chunks = [rows[i : i + CHUNK] for i in range(0, len(rows), CHUNK)]
    storing: AbstractContextManager[Connection]
    if dialect == "postgresql" and len(chunks) == 1:
        storing = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    else:
        storing = engine.begin()
    with storing as connection:
        return sum(_insert_chunk(connection, chunk, announce) for chunk in chunks)


def _insert_chunk(connection: Connection, rows: list[dict[str, Any]], announce: bool) -> int:
    statement = _insert_new(connection.dialect.name, tuple(rows[0]), len(rows), announce)
    numbered = {f"{name}_{n}": value for n, row in enumerate(rows) for name, value in row.items()}
    return len(connection.execute(statement, numbered).all())


@lru_cache(maxsize=32)
def _insert_new(dialect: str, names: tuple[str, ...], count: int, announce: bool) -> Any:
    """INSERT `count` events (columns `names`) ON CONFLICT DO NOTHING, RETURNING the new
    ones; announcing each new event's chat on PostgreSQL when asked (duplicates fold into
    one notice). SQLAlchemy caches the compiled form of the one-event statement; a
    several-row VALUES is compiled at each use (LINE seldom batches)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = InboxEvent.__table__  # type: ignore[attr-defined]
    values = [
        {name: bindparam(f"{name}_{n}", type_=table.c[name].type) for name in names}
        for n in range(count)
    ]
    new = (
        insert(table)
        .values(values if count > 1 else values[0])
        .on_conflict_do_nothing(index_elements=["webhook_event_id"])
        .returning(table.c.id, table.c.chat_key)
    )
    if not (announce and dialect == "postgresql"):
        return new
    stored = new.cte("stored")
    return select(stored.c.id, func.pg_notify(CHANNEL, stored.c.chat_key))


def listen(engine: Engine, stop: Event, on_chats: Callable[[list[str]], None]) -> None:
    """Call `on_chats` with the chats announced by web processes until `stop` is set."""
    import psycopg

    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"LISTEN {CHANNEL}")
        while not stop.is_set():
            for notice in connection.notifies(timeout=1.0):
                on_chats([notice.payload])
                if stop.is_set():
                    break


def chats_with_pending(session: Session, limit: int = 100) -> list[str]:
    """Chats that have events waiting, the longest-waiting first."""
    return list(
        session.exec(
            select(InboxEvent.chat_key)
            .where(InboxEvent.status == InboxStatus.PENDING)
            .group_by(col(InboxEvent.chat_key))
            .order_by(func.min(InboxEvent.id))
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class Claimed:
    id: int
    payload: dict[str, Any]
    attempts: int  # failed tries before this one
    more: bool  # the chat had other events waiting when this one was claimed
    agency_id: int = 1  # whose webhook it came in on


def claim_next(session: Session, chat_key: str, now: datetime) -> Claimed | None:
    """The chat's earliest pending event, marked done in this transaction, which also locks
    it against other workers; None when the chat has nothing waiting.

    One statement per event: a failure rolls the mark back with everything the event did,
    so it is pending again for the next try.
    """
    dialect = session.get_bind().dialect.name
    row = session.execute(_claim_next(dialect), {"of_chat": chat_key, "now": now}).first()
    if row is None:
        return None
    return Claimed(row.id, row.payload, row.attempts, bool(row.more), row.agency_id or 1)


#: whether the chat `:of_chat` has events waiting: what a worker asks as it lets go of a
#: chat (did something come in meanwhile?)
PENDING_IN_CHAT = exists().where(
    col(InboxEvent.chat_key) == bindparam("of_chat"),
    col(InboxEvent.status) == InboxStatus.PENDING,
)


@cache
def _claim_next(dialect: str) -> Any:
    """UPDATE … WHERE id = (the chat's earliest pending event) RETURNING it; built once."""
    table = InboxEvent.__table__  # type: ignore[attr-defined]
    earliest = (
        select(table.c.id)
        .where(table.c.chat_key == bindparam("of_chat"), table.c.status == InboxStatus.PENDING)
        .order_by(table.c.timestamp_ms, table.c.id)
        .limit(1)
    )
    if dialect == "postgresql":
        earliest = earliest.with_for_update(skip_locked=True)
    other = table.alias("other")
    more = exists().where(
        other.c.chat_key == bindparam("of_chat"),
        other.c.status == InboxStatus.PENDING,
        other.c.id != table.c.id,
    )
    return (
        table.update()
        .where(table.c.id == earliest.scalar_subquery(), table.c.status == InboxStatus.PENDING)
        .values(status=InboxStatus.DONE, processed_at=bindparam("now"))
        .returning(
            table.c.id, table.c.payload, table.c.attempts, more.label("more"), table.c.agency_id
        )
    )


def mark(
    session: Session, event_id: int, status: InboxStatus, now: datetime, error: str | None = None
) -> None:
    session.exec(
        update(InboxEvent)
        .where(col(InboxEvent.id) == event_id)
        .values(status=status, processed_at=now, error=error)
    )


def count_by_status(session: Session) -> dict[str, int]:
    rows = session.exec(select(InboxEvent.status, func.count()).group_by(col(InboxEvent.status)))
    return dict(rows.all())


# -- keeping no more than needed ---------------------------------------------------------

#: what a redacted event keeps: its envelope (what kind of event, from which chat, when),
#: never what the person wrote, tapped, shared or sent
_ENVELOPE = ("type", "webhookEventId", "timestamp", "mode", "source", "deliveryContext")


def redacted(payload: dict[str, Any]) -> dict[str, Any]:
    """An event without its content: no text, postback data, location, file name, sticker."""
    kept = {key: payload[key] for key in _ENVELOPE if key in payload}
    message = payload.get("message")
    if isinstance(message, dict):
        kept["message"] = {key: message[key] for key in ("type", "id") if key in message}
    if "postback" in payload:
        kept["postback"] = {}
    kept["redacted"] = True
    return kept


def _first_line(error: str | None) -> str | None:
    """An error's first line: the database's later lines quote the statement's parameters,
    which are what the person sent."""
    return error.splitlines()[0][:500] if error else error


def redact_events(session: Session, webhook_event_ids: list[str], now: datetime) -> int:
    """Remove what the person sent from these events at once (a declined consent, a form
    left unsent): the name and phone typed must not wait for the retention period."""
    ids = [i for i in dict.fromkeys(webhook_event_ids) if i]
    if not ids:
        return 0
    rows = session.exec(
        select(InboxEvent).where(
            col(InboxEvent.webhook_event_id).in_(ids), col(InboxEvent.redacted_at).is_(None)
        )
    ).all()
    return _redact(session, rows, now)


def redact_handled(session: Session, before: datetime, now: datetime) -> int:
    """Remove the content of every event handled before `before` (the retention period):
    done or failed, kept as an envelope; and of every event held (another agency's, not
    handled yet: docs/TENANCY.md) that was received before it. Pending events are left
    alone."""
    handled = and_(
        col(InboxEvent.processed_at) < before, col(InboxEvent.status) != InboxStatus.PENDING
    )
    held_too_long = and_(
        col(InboxEvent.status) == InboxStatus.HELD, col(InboxEvent.received_at) < before
    )
    return redact_in_batches(
        session,
        InboxEvent,
        [or_(handled, held_too_long)],
        lambda session, rows: _redact(session, rows, now),
    )


def _redact(session: Session, rows: Any, now: datetime) -> int:
    for row in rows:
        row.payload, row.error, row.redacted_at = redacted(row.payload), _first_line(row.error), now
        session.add(row)
    session.flush()
    return len(rows)


def forget_sender(session: Session, line_user_id: str, replacement: str, now: datetime) -> int:
    """A person asked for their data to be deleted: every handled event of theirs (their
    one-to-one chat, and a group's that names them) keeps only its kind and time, and their
    chat's key becomes `replacement`. Events still waiting are left to be handled."""
    rows = session.exec(
        select(InboxEvent).where(
            col(InboxEvent.status) != InboxStatus.PENDING,
            or_(
                col(InboxEvent.chat_key) == line_user_id,
                cast(InboxEvent.payload, String).contains(line_user_id),
            ),
        )
    ).all()
    for row in rows:
        kept: dict[str, Any] = {
            k: row.payload[k] for k in ("type", "webhookEventId", "timestamp") if k in row.payload
        }
        row.payload = {**kept, "redacted": True}
        row.error = _first_line(row.error)
        row.redacted_at = row.redacted_at or now
        if row.chat_key == line_user_id:
            row.chat_key = replacement
        session.add(row)
    session.flush()
    return len(rows)
