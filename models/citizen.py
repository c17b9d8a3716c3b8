"""What citizens send: suggestions and complaints, and service ratings."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import metadata  # noqa: F401
from models.types import AwareDateTime


class SuggestionStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


class Suggestion(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("fiscal_year", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(unique=True, max_length=20, description="e.g. S-2565-0042")
    fiscal_year: int
    seq: int
    line_user_id: str = Field(max_length=64, index=True)
    category: str = Field(max_length=40)
    text: str
    latitude: float | None = None
    longitude: float | None = None
    address: str = ""
    contact_name: str = ""
    contact_phone: str = Field(default="", max_length=40)
    consent: bool = False
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    measure_id: int | None = Field(default=None, foreign_key="measure.id")
    status: str = Field(default=SuggestionStatus.OPEN, max_length=16)
    created_at: datetime = Field(sa_type=AwareDateTime, index=True)
    answer: str = ""
    answered_by: int | None = Field(default=None, foreign_key="staff.id")
    answered_at: datetime | None = Field(default=None, sa_type=AwareDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=AwareDateTime)


class Rating(SQLModel, table=True):
    """A 1–5 satisfaction rating; one per user and month."""

    __table_args__ = (UniqueConstraint("line_user_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    line_user_id: str = Field(max_length=64)
    month: date = Field(index=True)
    score: int
    comment: str = ""
    created_at: datetime = Field(sa_type=AwareDateTime)
