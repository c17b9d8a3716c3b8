"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import DateTime, Integer, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session


class AwareDateTime(TypeDecorator[datetime]):
    """An instant: stored in UTC, always read back timezone-aware.

    PostgreSQL keeps `timestamptz`; SQLite keeps naive UTC text. Without this the two
    databases hand back different kinds of datetime and comparisons fail on one of them.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware one (from the clock)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class _Stored(Protocol):
    id: int | None


def ident(row: _Stored) -> int:
    """The id of a row that is in the database (added and flushed, or read): the tables
    declare `id: int | None` because a new row has none yet."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} is not stored yet")
    return row.id


def among(session: Session, column: Any, ids: list[int]) -> Any:
    """`column IN ids` for a job over many agencies: on PostgreSQL one array parameter
    (`= ANY(…)`), so a thousand ids are not a thousand placeholders to convert and send."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(Integer)))
    return column.in_(list(ids))
