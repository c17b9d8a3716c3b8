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
    start: date | None = None  # its first day, when booked ahead (after today)


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
class LeaveCancelled:
    start: date | None  # None: it had begun
    until: date


@dataclass(frozen=True)
class NoLeaveBooked:
    """Nothing to cancel: no leave now or ahead (or none on the days named)."""


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
    start: date | None = None,
) -> OnLeave | BadLength | InThePast | TooLong:
    """The person says they are away until a day (inclusive), or for a number of working
    days from `start` (today by default; it counts when it is a working day). A `start`
    after today books the leave ahead: reminders go on until then. One leave is kept a
    person: a new one replaces it."""
    staff = actor.staff_member()
    today = now.date()
    first = start if start is not None and start > today else today
    if working_days is not None:
        if not 1 <= working_days <= MOST_WORKING_DAYS:
            return BadLength()
        until = WorkingDays(session).nth_from(first, working_days)
    if until is None:
        raise ValueError("leave needs a last day or a number of working days")
    if until < today or until < first:
        return InThePast(until)
    if until - today > LONGEST:
        return TooLong(until)
    ahead = first if first > today else None
    _record(session, actor, staff, until, now, start=ahead)
    return OnLeave(until, ahead)


def cancel_leave(
    session: Session,
    actor: Actor,
    now: datetime,
    start: date | None = None,
    end: date | None = None,
) -> LeaveCancelled | NoLeaveBooked:
    """Cancel the person's leave, now or booked ahead; with days named, only a leave on
    those days."""
    staff = actor.staff_member()
    today = now.date()
    until, first = staff.on_leave_until, staff.on_leave_from
    if until is None or until < today:
        return NoLeaveBooked()
    if start is not None:
        named_end = end or start
        if named_end < (first or today) or start > until:
            return NoLeaveBooked()
    _record(session, actor, staff, None, now)
    return LeaveCancelled(first, until)


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
    session: Session,
    actor: Actor,
    staff: Staff,
    until: date | None,
    now: datetime,
    *,
    start: date | None = None,
) -> None:
    staff.on_leave_until = until
    staff.on_leave_from = start if until else None
    session.add(staff)
    detail = {"until": until.isoformat()} if until else {}
    if start and until:
        detail["from"] = start.isoformat()
    action = "staff.leave" if until else "staff.back"
    audit(session, now, actor.audit_name, action, f"staff:{staff.id}", **detail)
