"""Leave: a person away is not reminded and is shown as on leave in the head's summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from models.audit import audit
from models.meetings import WorkingDays
from models.staff import Staff, is_on_leave, staff_by_name
from usecases.actor import Actor
from usecases.results import NoSuchPerson

#: leave said in chat ends within this; longer is a mistake more often than not
LONGEST = timedelta(days=366)
MOST_WORKING_DAYS = 250


@dataclass(frozen=True)
class OnLeave:
    until: date  # the last day of leave


@dataclass(frozen=True)
class BadLength:
    """A number of working days outside 1 to MOST_WORKING_DAYS."""


@dataclass(frozen=True)
class InThePast:
    until: date


@dataclass(frozen=True)
class TooLong:
    until: date


@dataclass(frozen=True)
class Back:
    pass


@dataclass(frozen=True)
class WasNotOnLeave:
    pass


def take_leave(
    session: Session,
    actor: Actor,
    now: datetime,
    *,
    until: date | None = None,
    working_days: int | None = None,
) -> OnLeave | BadLength | InThePast | TooLong:
    """The person says they are away until a day (inclusive), or for a number of working
    days from today (today counts when it is one)."""
    staff = actor.staff_member()
    today = now.date()
    if working_days is not None:
        if not 1 <= working_days <= MOST_WORKING_DAYS:
            return BadLength()
        until = WorkingDays(session).nth_from(today, working_days)
    if until is None:
        raise ValueError("leave needs a last day or a number of working days")
    if until < today:
        return InThePast(until)
    if until - today > LONGEST:
        return TooLong(until)
    _record(session, actor, staff, until, now)
    return OnLeave(until)


def workday_rule(session: Session) -> Callable[[date], bool]:
    """Whether a day is a working day (weekends, holidays, days off added): how leave for "3 days"
    is counted."""
    return WorkingDays(session).is_working


def come_back(session: Session, actor: Actor, now: datetime) -> Back | WasNotOnLeave:
    staff = actor.staff_member()
    if not is_on_leave(staff, now.date()):
        return WasNotOnLeave()
    _record(session, actor, staff, None, now)
    return Back()


def set_leave(
    session: Session, actor: Actor, name: str, until: date | None, now: datetime
) -> tuple[str, date | None] | NoSuchPerson:
    """Someone's leave set by an admin (any day; None: back at work): their name and it."""
    staff = staff_by_name(session, name.strip())
    if staff is None:
        return NoSuchPerson(name)
    _record(session, actor, staff, until, now)
    return staff.name, until


def _record(
    session: Session, actor: Actor, staff: Staff, until: date | None, now: datetime
) -> None:
    staff.on_leave_until = until
    session.add(staff)
    detail = {"until": until.isoformat()} if until else {}
    action = "staff.leave" if until else "staff.back"
    audit(session, now, actor.audit_name, action, f"staff:{staff.id}", **detail)
