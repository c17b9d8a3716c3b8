"""Leases: a named lock held in the database until it expires.

One chat's events are worked off by one worker at a time, and one scheduler runs the
timed jobs, whichever process holds the lease; a crashed holder's lease simply runs out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col, delete, or_, update

from models.base import metadata  # noqa: F401
from models.types import AwareDateTime


class Lease(SQLModel, table=True):
    name: str = Field(primary_key=True, max_length=120)
    holder: str = Field(max_length=120)
    expires_at: datetime = Field(sa_type=AwareDateTime)


def acquire(session: Session, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Take or renew the lease; False while someone else holds an unexpired one."""
    expires = now + ttl
    renewed = session.exec(
        update(Lease)
        .where(col(Lease.name) == name)
        .where(or_(col(Lease.holder) == holder, col(Lease.expires_at) <= now))
        .values(holder=holder, expires_at=expires)
    ).rowcount  # type: ignore[attr-defined]
    if renewed:
        return True
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    created = session.exec(
        insert(Lease)
        .values(name=name, holder=holder, expires_at=expires)
        .on_conflict_do_nothing(index_elements=["name"])
    ).rowcount  # type: ignore[call-overload]
    return bool(created)


def release(session: Session, name: str, holder: str) -> None:
    session.exec(delete(Lease).where(col(Lease.name) == name, col(Lease.holder) == holder))
