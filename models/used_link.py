"""One-time links: a signed link's nonce, kept once the link has done its work, so the same
link cannot do it twice (the month page's link records one month's reports once)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel

from models.base import metadata  # noqa: F401
from models.types import AwareDateTime


class UsedLink(SQLModel, table=True):
    __tablename__ = "used_link"

    nonce: str = Field(primary_key=True, max_length=64)
    purpose: str = Field(max_length=32)
    used_at: datetime = Field(sa_type=AwareDateTime)


def was_used(session: Session, nonce: str) -> bool:
    return session.get(UsedLink, nonce) is not None


def use_once(session: Session, nonce: str, purpose: str, now: datetime) -> bool:
    """Mark the link used; False if it already was (two submits racing: one wins)."""
    table = UsedLink.__table__  # type: ignore[attr-defined]
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(table)
        .values(nonce=nonce, purpose=purpose, used_at=now)
        .on_conflict_do_nothing(index_elements=["nonce"])
        .returning(table.c.nonce)
    )
    return session.execute(statement).first() is not None
