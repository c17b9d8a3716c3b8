"""Leases: a named lock held in the database until it expires.

One chat's events are worked off by one worker at a time, and one scheduler runs the
timed jobs, whichever process holds the lease; a crashed holder's lease runs out, or is
taken over at once when the holder was a process of this machine that no longer exists.
"""

from __future__ import annotations

import hashlib
import os
import socket
import time
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Row, bindparam, func, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col, delete, or_, select, update

from clock import Clock
from models.base import metadata  # noqa: F401
from models.types import AwareDateTime


class Lease(SQLModel, table=True):
    name: str = Field(primary_key=True, max_length=120)
    holder: str = Field(max_length=120)
    expires_at: datetime = Field(sa_type=AwareDateTime)


def acquire(session: Session, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Take or renew the lease; False while someone else holds an unexpired one.

    One statement: insert the lease, or take it over if it is this holder's or has run out.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    row = insert(Lease).values(name=name, holder=holder, expires_at=now + ttl)
    taken = session.exec(
        row.on_conflict_do_update(
            index_elements=["name"],
            set_={"holder": row.excluded.holder, "expires_at": row.excluded.expires_at},
            where=or_(col(Lease.holder) == holder, col(Lease.expires_at) <= now),
        ).returning(col(Lease.name))
    ).first()
    return taken is not None or _take_from_the_dead(session, name, holder, now + ttl)


def _take_from_the_dead(session: Session, name: str, holder: str, expires: datetime) -> bool:
    """A holder that was a process on this machine and is gone (killed, crashed) holds
    nothing: after a restart its chats need not wait for its lease to run out."""
    current = session.exec(select(Lease.holder).where(col(Lease.name) == name)).first()
    if current is None or not _gone(current):
        return False
    taken = session.exec(
        update(Lease)
        .where(col(Lease.name) == name, col(Lease.holder) == current)
        .values(holder=holder, expires_at=expires)
        .returning(col(Lease.name))
    ).first()
    return taken is not None


def _gone(holder: str) -> bool:
    """Holders are `host:pid:…`. Only a process of this host that no longer exists is gone;
    anything else (another machine, a PID we may not signal) is left to its lease's end."""
    host, _, rest = holder.partition(":")
    pid = rest.split(":", 1)[0]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def release(session: Session, name: str, holder: str) -> None:
    session.exec(delete(Lease).where(col(Lease.name) == name, col(Lease.holder) == holder))


_TRY_LOCK = text("SELECT pg_try_advisory_lock(:k)")
_UNLOCK = text("SELECT pg_advisory_unlock(:k)")


@cache
def _unlock_asking(question: ColumnElement[Any]) -> Any:
    return select(func.pg_advisory_unlock(bindparam("k")), question)


class Exclusive:
    """One holder at a time for a name, across processes, while the block runs.

    PostgreSQL: a session advisory lock, on `connection` (the caller's, which then may run
    its transactions while the lock is held) or on one of its own: no writes, and it goes
    away with the connection if the process dies. SQLite: a lease row with a time-out.
    """

    def __init__(
        self,
        engine: Engine,
        name: str,
        holder: str,
        clock: Clock,
        ttl: timedelta,
        *,
        connection: Connection | None = None,
    ) -> None:
        self.engine, self.name, self.holder, self.clock, self.ttl = engine, name, holder, clock, ttl
        self._given = connection
        self._connection: Connection | None = None
        self._renewed = 0.0
        self.held = False

    def __enter__(self) -> Exclusive:
        if self.engine.dialect.name == "postgresql":
            self._connection = self._given or self.engine.connect()
            self.held = bool(self._advisory(_TRY_LOCK)[0])
            if not self.held:
                self._let_go()
        else:
            self.held = self._lease(acquire)
        return self

    def renew(self) -> None:
        """Keep a lease row from running out; written only once a third of its time has
        gone (callers may renew after every small piece of work)."""
        if not self.held or self._connection is not None:
            return
        if time.monotonic() - self._renewed < self.ttl.total_seconds() / 3:
            return
        self._lease(acquire)

    def __exit__(self, *exc: object) -> None:
        if not self.held:
            return
        if self._connection is not None:
            try:
                self._advisory(_UNLOCK)
            finally:
                self._let_go()
        else:
            self._drop_row()
        self.held = False

    def release_asking(self, question: ColumnElement[Any], params: dict[str, Any]) -> Any:
        """Let go, and ask the database `question` (a scalar expression) as it does: on
        PostgreSQL in the same statement, so that "nothing left to do, let go" is one
        round trip. A holder asks whether work came in while it held the name."""
        if not self.held:
            raise RuntimeError(f"{self.name} is not held")
        self.held = False
        if self._connection is not None:
            try:
                return self._advisory(_unlock_asking(question), params)[1]
            finally:
                self._let_go()
        with Session(self.engine) as session:
            release(session, self.name, self.holder)
            answer = session.execute(select(question), params).scalar()
            session.commit()
            return answer

    def _advisory(self, query: Any, params: dict[str, Any] | None = None) -> Row[Any, Any]:
        """Advisory locks outlive transactions: taken and given back outside of any (no
        BEGIN and COMMIT round trips), the connection then free for the holder's own."""
        connection = self._connection
        assert connection is not None
        connection.execution_options(isolation_level="AUTOCOMMIT")
        try:
            return connection.execute(query, {**(params or {}), "k": self._key}).one()
        finally:
            connection.commit()  # ends SQLAlchemy's transaction; nothing is sent in autocommit
            connection.execution_options(isolation_level=connection.default_isolation_level)

    def _drop_row(self) -> None:
        self._lease(lambda session, name, holder, now, ttl: release(session, name, holder))

    def _let_go(self) -> None:
        if self._connection is not None and self._connection is not self._given:
            self._connection.close()
        self._connection = None

    @property
    def _key(self) -> int:
        return int.from_bytes(hashlib.sha256(self.name.encode()).digest()[:8], "big", signed=True)

    def _lease(self, operation) -> bool:
        self._renewed = time.monotonic()
        with Session(self.engine) as session:
            result = operation(session, self.name, self.holder, self.clock.now(), self.ttl)
            session.commit()
            return bool(result)
