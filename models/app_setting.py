"""Agency settings changed at run time, kept in the database so every process sees them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON
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
