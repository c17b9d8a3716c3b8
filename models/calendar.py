"""The monthly meetings and the days off the holiday package does not know."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlmodel import Field, SQLModel

from models.base import metadata  # noqa: F401
from models.types import AwareDateTime


class Meeting(SQLModel, table=True):
    """A monthly meeting set by hand; months without a row follow the rule."""

    id: int | None = Field(default=None, primary_key=True)
    month: date = Field(unique=True, description="the reporting month it closes (first day)")
    day: date
    at: time | None = None
    source: str = Field(default="manual", max_length=16)
    updated_at: datetime = Field(sa_type=AwareDateTime)


class DayOff(SQLModel, table=True):
    """A day off declared at short notice (e.g. by the cabinet)."""

    day: date = Field(primary_key=True)
    name: str
    created_at: datetime = Field(sa_type=AwareDateTime)
