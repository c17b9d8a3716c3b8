"""A citizen's case as it moves: each stage change kept with who, when and a note, and the
agency's categories (topics), each routed to a unit with a target time."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, Session, col, select

from models.base import metadata  # noqa: F401
from models.citizen import CLOSING_STAGES, Suggestion
from models.tenancy import AgencyOwned
from models.types import AwareDateTime


class CaseEvent(AgencyOwned, table=True):
    """One change of a case: its stage after it, who made it, when, and what they said."""

    __tablename__ = "case_event"

    id: int | None = Field(default=None, primary_key=True)
    suggestion_id: int = Field(foreign_key="suggestion.id", index=True, ondelete="CASCADE")
    at: datetime = Field(sa_type=AwareDateTime)
    stage: str = Field(max_length=16)
    actor: str = Field(max_length=32, description="as the audit log names them: staff:12, citizen")
    what: str = Field(max_length=16, description="new, take, forward, hand_on, answer, close, …")
    note: str = ""


class CaseTopic(AgencyOwned, table=True):
    """A category the agency set (roads and lights, rubbish …): whose unit handles it, how soon.
    Without rows, the defaults in `messages_th.case_text` hold."""

    __tablename__ = "case_topic"
    __table_args__ = (UniqueConstraint("agency_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=40)
    unit_name: str = Field(default="", max_length=200, description="'' for the plan's unit")
    target_hours: int = 72
    conduct: bool = Field(default=False, description="about staff conduct: to the heads only")
    position: int = 0


def events_of(session: Session, suggestion_id: int) -> list[CaseEvent]:
    return list(
        session.exec(
            select(CaseEvent)
            .where(CaseEvent.suggestion_id == suggestion_id)
            .order_by(col(CaseEvent.at), col(CaseEvent.id))
        )
    )


def stored_topics(session: Session) -> list[CaseTopic]:
    return list(
        session.exec(select(CaseTopic).order_by(col(CaseTopic.position), col(CaseTopic.id)))
    )


def open_cases(session: Session, unit_id: int | None = None) -> list[Suggestion]:
    """The open cases, the oldest first; with `unit_id`, that unit's (conduct cases are
    never a unit's)."""
    query = select(Suggestion).where(col(Suggestion.stage).not_in(list(CLOSING_STAGES)))
    if unit_id is not None:
        query = query.where(Suggestion.unit_id == unit_id, col(Suggestion.conduct).is_(False))
    return list(session.exec(query.order_by(col(Suggestion.created_at))))


def cases_of_sender(session: Session, line_user_id: str, limit: int = 10) -> list[Suggestion]:
    return list(
        session.exec(
            select(Suggestion)
            .where(Suggestion.line_user_id == line_user_id)
            .order_by(col(Suggestion.created_at).desc())
            .limit(limit)
        )
    )


def cases_between(session: Session, start: datetime, end: datetime) -> list[Suggestion]:
    return list(
        session.exec(
            select(Suggestion)
            .where(Suggestion.created_at >= start, Suggestion.created_at < end)
            .order_by(col(Suggestion.created_at))
        )
    )


@dataclass(frozen=True)
class Spread:
    """Time to close, in hours: the median and the 90th percentile (None without cases)."""

    median: float | None
    p90: float | None


def spread(hours: list[float]) -> Spread:
    if not hours:
        return Spread(None, None)
    if len(hours) == 1:
        return Spread(hours[0], hours[0])
    deciles = statistics.quantiles(hours, n=10, method="inclusive")
    return Spread(statistics.median(hours), deciles[-1])
