"""What citizens send: suggestions and complaints, and service ratings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, Session, SQLModel, col, func, select

from models.base import metadata  # noqa: F401
from models.plan import Plan, Unit
from models.staff import Role, Staff
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
    erased_at: datetime | None = Field(
        default=None, sa_type=AwareDateTime, description="its sender's data deleted on request"
    )


class Rating(SQLModel, table=True):
    """A 1–5 satisfaction rating; one per user and month."""

    __table_args__ = (UniqueConstraint("line_user_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    line_user_id: str = Field(max_length=64)
    month: date = Field(index=True)
    score: int
    comment: str = ""
    created_at: datetime = Field(sa_type=AwareDateTime)


# -- where citizens' input counts, and how much of it there is --------------------------


@dataclass(frozen=True)
class CitizenLinks:
    """The measure suggestions count under, and the action ratings count under."""

    suggestions_measure: int | None
    ratings_measure: int | None
    ratings_action: int | None


def citizen_links(session: Session, plan: Plan) -> CitizenLinks:
    """Set by an admin (setting `citizen_links:<fiscal year>`), else found in the plan's
    words: the seed's measure 3 (citizens' participation) and action 2.5 (the survey)."""
    from messages_th import plan_vocab
    from models.app_setting import get_setting
    from models.plan import plan_tree

    chosen = get_setting(session, f"citizen_links:{plan.fiscal_year}")
    if chosen:
        return CitizenLinks(**chosen)
    tree = plan_tree(session, plan)
    survey = next(
        (
            (m.number, a.number)
            for m, actions in tree
            for a in actions
            if any(w in a.text for w in plan_vocab.SATISFACTION_WORDS)
        ),
        (None, None),
    )
    participation = next(
        (m.number for m, _ in tree if any(w in m.title for w in plan_vocab.PARTICIPATION_WORDS)),
        None,
    )
    return CitizenLinks(participation, survey[0], survey[1])


@dataclass(frozen=True)
class Responsible:
    """Where a new case goes: the unit whose staff handle it, and the measure it counts under."""

    unit_id: int | None
    measure_id: int | None


def responsible_for(session: Session, plan: Plan | None) -> Responsible:
    """The unit of the plan's citizen-participation measure (measure 3 in the seed), and
    that measure; nobody's when there is no plan or no such measure (then only the heads)."""
    from models.plan import find_measure

    if plan is None:
        return Responsible(None, None)
    number = citizen_links(session, plan).suggestions_measure
    measure = find_measure(session, plan, number) if number else None
    return Responsible(measure.unit_id, measure.id) if measure else Responsible(None, None)


def may_handle(staff: Staff | None, suggestion: Suggestion) -> bool:
    """Who sees a case's text and its sender's name and phone, answers it and closes it:
    the heads, and the staff of the unit responsible for it, as the consent question
    promises ("only the responsible officials see them"). Other staff see its status."""
    if staff is None:
        return False
    if staff.role == Role.HEAD:
        return True
    return suggestion.unit_id is not None and staff.unit_id == suggestion.unit_id


def case_team(session: Session, suggestion: Suggestion) -> list[Staff]:
    """The active, linked staff of the case's responsible unit (told of a new case)."""
    if suggestion.unit_id is None:
        return []
    return list(
        session.exec(
            select(Staff).where(
                Staff.unit_id == suggestion.unit_id,
                col(Staff.active).is_(True),
                col(Staff.line_user_id).is_not(None),
            )
        )
    )


def unit_name(session: Session, suggestion: Suggestion) -> str | None:
    unit = session.get(Unit, suggestion.unit_id) if suggestion.unit_id else None
    return unit.name if unit else None


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


def ratings_by_month(session: Session, months: list[date]) -> dict[date, tuple[int, float | None]]:
    """Per month: how many ratings, and their average (None when there were none)."""
    found = {
        month: (count, float(average))
        for month, count, average in session.exec(
            select(Rating.month, func.count(), func.avg(Rating.score))
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
    session: Session, *, fiscal_year: int, now: datetime, **fields: object
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
