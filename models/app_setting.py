"""Agency settings changed at run time, kept in the database so every process sees them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, bindparam
from sqlmodel import Field, Session, SQLModel, col, select

from models.base import metadata  # noqa: F401


class AppSetting(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=80)
    value: Any = Field(sa_type=JSON)


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(AppSetting, key)
    return default if row is None else row.value


_SOME = select(AppSetting.key, AppSetting.value).where(
    col(AppSetting.key).in_(bindparam("keys", expanding=True))
)


def get_settings(session: Session, *keys: str) -> dict[str, Any]:
    """Several settings in one read (those that are set); built once, as every report
    reads the meeting calendar's."""
    return dict(session.exec(_SOME, params={"keys": list(keys)}).all())


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(AppSetting, key) or AppSetting(key=key, value=value)
    row.value = value
    session.add(row)
