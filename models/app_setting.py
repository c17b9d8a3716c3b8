"""Agency settings changed at run time, kept in the database so every process sees them."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import JSON
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel

from models.base import metadata  # noqa: F401


class AppSetting(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=80)
    value: Any = Field(sa_type=JSON)


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(AppSetting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(AppSetting, key) or AppSetting(key=key, value=value)
    row.value = value
    session.add(row)


def stored_secret(session: Session) -> str:
    """A secret made once and shared by every process (when TIDTAM_SECRET_KEY is unset)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.exec(
        insert(AppSetting)
        .values(key="secret_key", value=secrets.token_urlsafe(32))
        .on_conflict_do_nothing(index_elements=["key"])
    )
    return str(get_setting(session, "secret_key"))
