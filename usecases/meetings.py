"""The monthly meeting calendar: when the meetings are, set by rule or by hand, and the
days off the holiday calendar does not know. The rules live in `models.meetings`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlmodel import Session

from fiscal import fiscal_year_of
from models import meetings as cal
from models import tenancy
from models.audit import audit
from models.calendar import DayOff
from models.meetings import MeetingDay
from usecases.actor import Actor


@dataclass(frozen=True)
class Meetings:
    fiscal_year: int
    meetings: list[MeetingDay]
    rule: dict
    upcoming: MeetingDay  # the first that has not started


def meetings_of(session: Session, now: datetime, fiscal_year: int | None = None) -> Meetings:
    """A fiscal year's meetings (default: the year of the next meeting), and the rule."""
    upcoming = cal.next_meeting(session, now)
    fiscal_year = fiscal_year or fiscal_year_of(upcoming.month)
    return Meetings(
        fiscal_year, cal.meetings_of_year(session, fiscal_year), cal.rule(session), upcoming
    )


@dataclass(frozen=True)
class MeetingSet:
    meeting: MeetingDay
    working_day: bool
    holiday: str | None  # the name of the day off, when it is one (else a weekend)


def set_meeting(
    session: Session,
    actor: Actor,
    day: date,
    at: time | None,
    now: datetime,
    month: date | None = None,
) -> MeetingSet:
    """One month's meeting set by hand (`month`: the reporting month it closes, default
    the day's), even on a day off: the answer says so."""
    meeting = cal.set_meeting(session, day, at, now, month)
    audit(session, now, actor.audit_name, "meeting.set", meeting.month.isoformat(), day=str(day))
    days = cal.WorkingDays(session)
    return MeetingSet(meeting, days.is_working(day), days.day_off(day))


def unset_meeting(session: Session, actor: Actor, month: date, now: datetime) -> MeetingDay | None:
    """Back to the rule for a month: the meeting it gives; None if none was set by hand."""
    if not cal.unset_meeting(session, month):
        return None
    session.flush()
    audit(session, now, actor.audit_name, "meeting.unset", month.isoformat())
    return cal.meeting_for(session, month)


def set_rule(session: Session, actor: Actor, rule: dict, at: time | None, now: datetime) -> time:
    """The rule of every month not set by hand; the meetings' time (kept if not given)."""
    cal.set_rule(session, rule, at)
    audit(session, now, actor.audit_name, "meeting.rule", **rule)
    return at or cal.meeting_time(session)


def add_day_off(session: Session, actor: Actor, day: date, name: str, now: datetime) -> None:
    row = tenancy.get(session, DayOff, day) or DayOff(day=day, name=name, created_at=now)
    row.name = name
    session.add(row)
    audit(session, now, actor.audit_name, "dayoff.add", day.isoformat(), name=name)


def remove_day_off(session: Session, actor: Actor, day: date, now: datetime) -> bool:
    row = tenancy.get(session, DayOff, day)
    if row is None:
        return False
    session.delete(row)
    audit(session, now, actor.audit_name, "dayoff.remove", day.isoformat())
    return True


def days_off(session: Session) -> list[tuple[date, str]]:
    return [(d.day, d.name) for d in cal.days_off(session)]
