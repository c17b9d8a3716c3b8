"""What citizens send: suggestions and complaints, and service ratings."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, Session, col, func, select

from models.base import metadata  # noqa: F401
from models.tenancy import AgencyOwned
from models.types import AwareDateTime


class SuggestionStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


class CaseStage(StrEnum):
    """Where a case stands, as Traffy Fondue shows it (`models.cases.CaseEvent` keeps each
    change). DONE and OUT_OF_SCOPE close it; a reopened case goes back to IN_PROGRESS."""

    RECEIVED = "received"
    FORWARDED = "forwarded"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    OUT_OF_SCOPE = "out_of_scope"


CLOSING_STAGES = (CaseStage.DONE, CaseStage.OUT_OF_SCOPE)


class Suggestion(AgencyOwned, table=True):
    __table_args__ = (
        UniqueConstraint("agency_id", "fiscal_year", "seq"),
        UniqueConstraint("agency_id", "ref"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=20, description="e.g. S-2565-0042")
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
    erased_at: datetime | None = Field(
        default=None, sa_type=AwareDateTime, description="its sender's data deleted on request"
    )
    topic: str = Field(default="", max_length=40, description="the agency's category: routes it")
    stage: str = Field(default=CaseStage.RECEIVED, max_length=16, index=True)
    taken_by: int | None = Field(default=None, foreign_key="staff.id")
    conduct: bool = Field(default=False, description="about a staff member: the heads only")
    rating: int | None = None
    published: bool = Field(default=False, description="its text shown on the public page")


class Rating(AgencyOwned, table=True):
    """A 1–5 satisfaction rating; one per user and month."""

    __table_args__ = (UniqueConstraint("agency_id", "line_user_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    line_user_id: str = Field(max_length=64)
    month: date = Field(index=True)
    score: int
    comment: str = ""
    created_at: datetime = Field(sa_type=AwareDateTime)


# -- how much of citizens' input there is, month by month ----------------------------


def _month_of(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date().replace(day=1)


def suggestions_by_month(session: Session, months: list[date], tz: ZoneInfo) -> dict[date, int]:
    """How many suggestions arrived in each month (agency time)."""
    counts = dict.fromkeys(months, 0)
    if not months:
        return counts
    start, end = _bounds(months, tz)
    for created in session.exec(
        select(Suggestion.created_at).where(
            Suggestion.created_at >= start, Suggestion.created_at < end
        )
    ):
        month = _month_of(created, tz)
        if month in counts:
            counts[month] += 1
    return counts


def suggestions_by_status(session: Session, fiscal_year: int) -> dict[str, int]:
    """The fiscal year's cases, counted by where each stands now (every status present)."""
    counts = dict.fromkeys(SuggestionStatus, 0)
    for status, count in session.exec(
        select(col(Suggestion.status), func.count())
        .where(Suggestion.fiscal_year == fiscal_year)
        .group_by(col(Suggestion.status))
    ):
        counts[SuggestionStatus(status)] = count
    return {str(status): count for status, count in counts.items()}


def ratings_by_month(session: Session, months: list[date]) -> dict[date, tuple[int, float | None]]:
    """Per month: how many ratings, and their average (None when there were none)."""
    found = {
        month: (count, float(average))
        for month, count, average in session.exec(
            select(col(Rating.month), func.count(), func.avg(Rating.score))
            .where(col(Rating.month).in_(months))
            .group_by(col(Rating.month))
        )
    }
    return {month: found.get(month, (0, None)) for month in months}


def _bounds(months: list[date], tz: ZoneInfo) -> tuple[datetime, datetime]:
    first, last = min(months), max(months)
    after = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return (datetime.combine(first, time(), tz), datetime.combine(after, time(), tz))


# -- suggestions and ratings -----------------------------------------------------------

REF_RETRIES = 10


def reference(fiscal_year: int, seq: int) -> str:
    return f"S-{fiscal_year}-{seq:04d}"


def new_suggestion(
    session: Session, *, fiscal_year: int, now: datetime, **fields: Any
) -> Suggestion:
    """A suggestion with the next reference number of its fiscal year (S-2565-0042).

    Two citizens sending at once may take the same number: the unique constraint decides,
    and the loser takes the next one.
    """
    from sqlalchemy.exc import IntegrityError

    for attempt in range(REF_RETRIES):
        seq = (
            session.exec(
                select(func.max(Suggestion.seq)).where(Suggestion.fiscal_year == fiscal_year)
            ).one()
            or 0
        ) + 1
        try:
            with session.begin_nested():
                suggestion = Suggestion(
                    ref=reference(fiscal_year, seq),
                    fiscal_year=fiscal_year,
                    seq=seq,
                    created_at=now,
                    **fields,
                )
                session.add(suggestion)
                session.flush()
                return suggestion
        except IntegrityError:
            if attempt == REF_RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def suggestion_by_ref(session: Session, ref: str) -> Suggestion | None:
    return session.exec(select(Suggestion).where(Suggestion.ref == ref.upper())).first()


def sent_today(session: Session, line_user_id: str, since: datetime) -> int:
    return session.exec(
        select(func.count())
        .select_from(Suggestion)
        .where(Suggestion.line_user_id == line_user_id, Suggestion.created_at >= since)
    ).one()


def rating_of(session: Session, line_user_id: str, month: date) -> Rating | None:
    return session.exec(
        select(Rating).where(Rating.line_user_id == line_user_id, Rating.month == month)
    ).first()


def forget_contacts(session: Session, closed_before: datetime) -> int:
    """The name and phone of cases closed before `closed_before`: given "to be contacted
    about this case only", they are not needed once it is closed (and the retention period
    has passed)."""
    rows = session.exec(
        select(Suggestion).where(
            col(Suggestion.closed_at) < closed_before,
            (col(Suggestion.contact_name) != "") | (col(Suggestion.contact_phone) != ""),
        )
    ).all()
    for row in rows:
        row.contact_name, row.contact_phone = "", ""
        session.add(row)
    return len(rows)


def list_suggestions(session: Session, status: str | None, limit: int = 200) -> list[Suggestion]:
    """Cases of a status (all: None), newest first."""
    query = select(Suggestion).order_by(col(Suggestion.created_at).desc()).limit(limit)
    if status:
        query = query.where(Suggestion.status == status)
    return list(session.exec(query))
