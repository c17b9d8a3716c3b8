"""Agency settings changed at run time, kept in the database so every process sees them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, String, cast
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session

from models import tenancy
from models.base import metadata  # noqa: F401
from models.tenancy import AgencyOwned


class AppSetting(AgencyOwned, table=True):
    agency_id: int | None = Field(default=None, foreign_key="agency.id", primary_key=True)
    key: str = Field(primary_key=True, max_length=80)
    value: Any = Field(sa_type=JSON)


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = tenancy.get(session, AppSetting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    row = tenancy.get(session, AppSetting, key) or AppSetting(key=key, value=value)
    row.value = value
    session.add(row)


def claim(session: Session, key: str, value: Any) -> bool:
    """Set `key` to `value` unless it holds it already; True for the one caller that set it,
    however many processes try at once (a job done once a day: the date is the value)."""
    table = AppSetting.__table__  # type: ignore[attr-defined]
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(table).values(key=key, value=value, agency_id=tenancy.current(session))
    statement = statement.on_conflict_do_update(
        index_elements=["agency_id", "key"],
        set_={"value": statement.excluded.value},
        where=cast(table.c.value, String) != cast(statement.excluded.value, String),
    )
    return session.execute(statement.returning(table.c.key)).first() is not None
