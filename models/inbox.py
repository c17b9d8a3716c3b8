"""The webhook inbox: every received event, stored before LINE gets its 200."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache
from threading import Event
from typing import Any

from sqlalchemy import JSON, BigInteger, Engine, Index, String, bindparam, exists
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col, func, select, update

from models.base import metadata  # noqa: F401
from models.types import AwareDateTime


class InboxStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


#: An event that fails this many times is set aside as failed (kept, logged, not retried).
MAX_ATTEMPTS = 3


class InboxEvent(SQLModel, table=True):
    __table_args__ = (Index("ix_inboxevent_pending", "status", "chat_key", "timestamp_ms"),)

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


#: the PostgreSQL channel on which web processes announce new events to worker processes
CHANNEL = "tidtam_inbox"


def store_events(session: Session, rows: list[dict[str, Any]]) -> int:
    """Insert events, skipping any whose webhookEventId is stored already; counts the new.

    One statement built once per dialect and run with the rows as parameters, so SQLAlchemy
    compiles it once: this is the acknowledge path, where every millisecond counts.
    """
    if not rows:
        return 0
    connection = session.connection()
    statement = _insert_new(connection.dialect.name)
    return len(connection.execute(statement, rows).all())


def receive(engine: Engine, rows: list[dict[str, Any]], *, announce_to: list[str]) -> int:
    """Store what the webhook received, committed, before LINE gets its 200; counts the new.

    On PostgreSQL the one multi-row INSERT commits by itself (atomic, no BEGIN and COMMIT
    round trips on the acknowledge path); the chats in `announce_to` are then announced to
    worker processes. On SQLite, a transaction of its own (its writers queue on a lock).
    """
    if engine.dialect.name != "postgresql":
        with Session(engine) as session:
            stored = store_events(session, rows)
            session.commit()
        return stored
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        stored = len(connection.execute(_insert_new("postgresql"), rows).all())
        if announce_to:
            connection.execute(_NOTIFY, {"chats": "\n".join(dict.fromkeys(announce_to))})
    return stored


_NOTIFY = select(func.pg_notify(CHANNEL, bindparam("chats", type_=String)))


@cache
def _insert_new(dialect: str) -> Any:
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = InboxEvent.__table__  # type: ignore[attr-defined]
    return (
        insert(table)
        .on_conflict_do_nothing(index_elements=["webhook_event_id"])
        .returning(table.c.id)
    )


def listen(engine: Engine, stop: Event, on_chats: Callable[[list[str]], None]) -> None:
    """Call `on_chats` with the chats announced by web processes until `stop` is set."""
    import psycopg

    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"LISTEN {CHANNEL}")
        while not stop.is_set():
            for notice in connection.notifies(timeout=1.0):
                on_chats(notice.payload.split("\n"))
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


def claim_next(session: Session, chat_key: str, now: datetime) -> Claimed | None:
    """The chat's earliest pending event, marked done in this transaction, which also locks
    it against other workers; None when the chat has nothing waiting.

    One statement per event: a failure rolls the mark back with everything the event did,
    so it is pending again for the next try.
    """
    dialect = session.get_bind().dialect.name
    row = session.execute(_claim_next(dialect), {"of_chat": chat_key, "now": now}).first()
    return None if row is None else Claimed(row.id, row.payload, row.attempts, bool(row.more))


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
        .returning(table.c.id, table.c.payload, table.c.attempts, more.label("more"))
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
