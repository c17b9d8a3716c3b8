"""The monthly meetings and the days off the holiday package does not know."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from models.base import metadata  # noqa: F401
from models.tenancy import AgencyOwned
from models.types import AwareDateTime


class Meeting(AgencyOwned, table=True):
    """A monthly meeting set by hand; months without a row follow the rule."""

    __table_args__ = (UniqueConstraint("agency_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    month: date = Field(description="the reporting month it closes (first day)")
    day: date
    at: time | None = None
    source: str = Field(default="manual", max_length=16)
    updated_at: datetime = Field(sa_type=AwareDateTime)


class DayOff(AgencyOwned, table=True):
    """A day off declared at short notice (e.g. by the cabinet)."""

    agency_id: int | None = Field(default=None, foreign_key="agency.id", primary_key=True)
    day: date = Field(primary_key=True)
    name: str
    created_at: datetime = Field(sa_type=AwareDateTime)
