"""The monthly meeting calendar: when each month's meeting is, and which days are working days.

A month's meeting follows the rule (by default the last working day of the month) unless it
was set by hand. Working days skip weekends, Thai public holidays from the `holidays`
package (in-lieu days included) and days off added by hand (cabinet-declared days off).
A report counts for the month of the next meeting: the month that meeting closes.
"""

from __future__ import annotations

import calendar as monthly
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

import holidays
from sqlalchemy import (
    CompoundSelect,
    Date,
    Select,
    Time,
    bindparam,
    cast,
    literal,
    null,
    union_all,
)
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from fiscal import add_months, fiscal_months, month_start
from models.app_setting import AppSetting, get_setting, set_setting
from models.calendar import DayOff, Meeting

DEFAULT_RULE = {"kind": "last_working_day"}
DEFAULT_TIME = time(10, 0)
RULE_SETTING = "meeting_rule"
TIME_SETTING = "meeting_time"
#: the working days before the meeting that reminders go out (`usecases.reminders`)
REMINDER_DAYS_SETTING = "reminder_days"
#: the settings the calendar read carries
_CALENDAR_SETTINGS = [RULE_SETTING, TIME_SETTING, REMINDER_DAYS_SETTING]


@dataclass(frozen=True)
class MeetingDay:
    month: date  # the reporting month it closes
    day: date
    at: time
    by_hand: bool

    def starts(self, tz) -> datetime:
        return datetime.combine(self.day, self.at, tz)


# -- working days ----------------------------------------------------------------------


@lru_cache(maxsize=32)
def public_holidays(year: int) -> dict[date, str]:
    found = holidays.country_holidays("TH", categories=("public",), years=[year], language="th")
    return dict(found.items())


_DAYS_OFF = select(col(DayOff.day), col(DayOff.name))


class WorkingDays:
    """Knows the days off of the years it was asked about (public ones and ones added by hand)."""

    def __init__(
        self, session: Session | None = None, *, extra: dict[date, str] | None = None
    ) -> None:
        """The days off added by hand: `extra` when the caller has read them, else read."""
        if extra is None:
            assert session is not None, "days off are read, or given"
            extra = dict(session.exec(_DAYS_OFF).all())
        self._extra = extra
        self._before: dict[tuple[date, int], date] = {}

    def day_off(self, day: date) -> str | None:
        """The reason a weekday is a day off (holiday name), or None on a working day."""
        return self._extra.get(day) or public_holidays(day.year).get(day)

    def is_working(self, day: date) -> bool:
        return day.weekday() < 5 and self.day_off(day) is None

    def before(self, day: date, count: int) -> date:
        """The working day `count` working days before `day`."""
        if (day, count) not in self._before:
            self._before[day, count] = self._count_back(day, count)
        return self._before[day, count]

    def _count_back(self, day: date, count: int) -> date:
        current = day
        while count > 0:
            current -= timedelta(days=1)
            if self.is_working(current):
                count -= 1
        return current

    def on_or_before(self, day: date) -> date:
        while not self.is_working(day):
            day -= timedelta(days=1)
        return day

    def nth_from(self, day: date, count: int) -> date:
        """The `count`-th working day from `day` on (`day` counts when it is one)."""
        current = day - timedelta(days=1)
        while count > 0:
            current += timedelta(days=1)
            if self.is_working(current):
                count -= 1
        return current


# -- the rule ---------------------------------------------------------------------------


def rule(session: Session) -> dict:
    return _rule_of(get_setting(session, RULE_SETTING))


def meeting_time(session: Session) -> time:
    return _time_of(get_setting(session, TIME_SETTING))


def _rule_of(stored: dict | None) -> dict:
    return stored or DEFAULT_RULE


def _time_of(stored: str | None) -> time:
    return time.fromisoformat(stored) if stored else DEFAULT_TIME


def set_rule(session: Session, new_rule: dict, at: time | None = None) -> None:
    set_setting(session, RULE_SETTING, new_rule)
    if at is not None:
        set_setting(session, TIME_SETTING, at.isoformat(timespec="minutes"))


def make_rule(kind: str, numbers: list[int]) -> dict[str, str | int] | None:
    """A rule from its kind (`last-working-day`, `day` N, `weekday` D N with N 1–4 or -1 for
    the last), or None when the numbers do not make one (the command line, the console)."""
    if kind == "last-working-day" and not numbers:
        return {"kind": "last_working_day"}
    if kind == "day" and len(numbers) == 1 and 1 <= numbers[0] <= 31:
        return {"kind": "day_of_month", "day": numbers[0]}
    if (
        kind == "weekday"
        and len(numbers) == 2
        and 0 <= numbers[0] <= 6
        and numbers[1] in (1, 2, 3, 4, -1)
    ):
        return {"kind": "nth_weekday", "weekday": numbers[0], "n": numbers[1]}
    return None


def _by_rule(month: date, the_rule: dict, days: WorkingDays) -> date:
    last = month.replace(day=monthly.monthrange(month.year, month.month)[1])
    kind = the_rule.get("kind")
    if kind == "day_of_month":
        wanted = month.replace(day=min(int(the_rule["day"]), last.day))
        return days.on_or_before(wanted)
    if kind == "nth_weekday":
        weekday, n = int(the_rule["weekday"]), int(the_rule["n"])
        matching = [d for d in range(1, last.day + 1) if month.replace(day=d).weekday() == weekday]
        wanted = month.replace(day=matching[n - 1] if n > 0 else matching[n])
        return days.on_or_before(wanted)
    return days.on_or_before(last)


# -- meetings --------------------------------------------------------------------------


_SETTINGS = AppSetting.__table__  # type: ignore[attr-defined]


def _stored_calendar(*, of_agencies: bool = False) -> CompoundSelect:
    """Everything the calendar keeps, as rows of one statement (every report reads it):
    (agency, "set", key, value), (agency, "off", day, name), (agency, "meeting", month, day,
    at). `of_agencies`: of the agencies in the expanding parameter `agency_ids` (the jobs
    for every agency read all their calendars in this one statement)."""

    def row(agency: Any, kind: str, month: Any = None, day: Any = None, at: Any = None,
            name: Any = None, value: Any = None) -> Select:  # fmt: skip
        # a column as it is (SQLite's CAST would turn "13:30" into 13), a NULL typed
        # (PostgreSQL types a union's columns from its first SELECT)
        query = core_select(
            agency.label("agency_id"),
            literal(kind).label("kind"),
            _or_null(month, Date).label("month"),
            _or_null(day, Date).label("day"),
            _or_null(at, Time).label("at"),
            _or_null(name, _SETTINGS.c.key.type).label("name"),
            _or_null(value, _SETTINGS.c.value.type).label("value"),
        )
        if of_agencies:
            query = query.where(agency.in_(bindparam("agency_ids", expanding=True)))
        return query

    settings = row(
        col(AppSetting.agency_id), "set", name=col(AppSetting.key), value=col(AppSetting.value)
    ).where(col(AppSetting.key).in_(_CALENDAR_SETTINGS))
    return union_all(
        settings,
        row(col(DayOff.agency_id), "off", day=col(DayOff.day), name=col(DayOff.name)),
        row(
            col(Meeting.agency_id),
            "meeting",
            month=col(Meeting.month),
            day=col(Meeting.day),
            at=col(Meeting.at),
        ),
    )


def _or_null(column: Any, type_: Any) -> Any:
    return column if column is not None else cast(null(), type_)


_STORED = _stored_calendar()
_STORED_OF_AGENCIES = _stored_calendar(of_agencies=True)


class MeetingCalendar:
    """The stored calendar (rule, time, meetings set by hand, days off), read once.

    Every report asks which month it counts for, so this is on the path of each event:
    one read, then any number of questions without touching the database.
    """

    def __init__(
        self, session: Session | None, days: WorkingDays | None = None, *, rows: Any = None
    ) -> None:
        """Read from `session`, or built from `rows` of the calendar statement (one
        agency's, when `calendars` has read every agency's at once)."""
        stored: dict = {}
        days_off: dict[date, str] = {}
        self._by_hand: dict[date, tuple[date, time | None]] = {}
        self._next: dict[datetime, MeetingDay] = {}
        if rows is None:
            assert session is not None, "the calendar is read, or given"
            rows = session.execute(_STORED)
        for _agency, kind, month, day, at, name, value in rows:
            if kind == "set":
                stored[name] = value
            elif kind == "off":
                days_off[day] = name
            else:
                self._by_hand[month] = (day, at)
        self.days = days or WorkingDays(extra=days_off)
        self.rule = _rule_of(stored.get(RULE_SETTING))
        self.at = _time_of(stored.get(TIME_SETTING))
        #: the reminder days as set (None: the default), for `usecases.reminders`
        self.reminder_days: list[int] | None = stored.get(REMINDER_DAYS_SETTING)

    def meeting(self, month: date) -> MeetingDay:
        month = month_start(month)
        if month in self._by_hand:
            day, at = self._by_hand[month]
            return MeetingDay(month, day, at or self.at, True)
        return MeetingDay(month, _by_rule(month, self.rule, self.days), self.at, False)

    def next_meeting(self, now: datetime) -> MeetingDay:
        """The first meeting that has not started yet at `now`."""
        if now not in self._next:
            self._next = {now: self._next_meeting(now)}  # a tick asks of one `now`
        return self._next[now]

    def _next_meeting(self, now: datetime) -> MeetingDay:
        month = month_start(now.date())
        for offset in range(-1, 3):
            candidate = self.meeting(add_months(month, offset))
            if candidate.starts(now.tzinfo) > now:
                return candidate
        return self.meeting(add_months(month, 3))


def calendars(session: Session, agency_ids: list[int]) -> dict[int, MeetingCalendar]:
    """The calendars of many agencies in one statement (the jobs for every agency): each
    its own rule, time, reminder days, meetings set by hand and days off; the holidays of
    the `holidays` package are the same for all."""
    rows: dict[int, list[Any]] = {agency: [] for agency in agency_ids}
    for row in session.execute(_STORED_OF_AGENCIES, {"agency_ids": list(agency_ids)}):
        rows[row[0]].append(row)
    # agencies that keep the same (most keep nothing: the default rule) share one calendar,
    # so a job works each one's days out once
    shared: dict[str, MeetingCalendar] = {}
    found = {}
    for agency, own in rows.items():
        key = "\n".join(
            sorted(json.dumps(tuple(row)[1:], default=str, sort_keys=True) for row in own)
        )
        if key not in shared:
            shared[key] = MeetingCalendar(None, rows=own)
        found[agency] = shared[key]
    return found


def meeting_for(session: Session, month: date, days: WorkingDays | None = None) -> MeetingDay:
    return MeetingCalendar(session, days).meeting(month)


def meetings_of_year(session: Session, fiscal_year: int) -> list[MeetingDay]:
    calendar = MeetingCalendar(session)
    return [calendar.meeting(m) for m in fiscal_months(fiscal_year)]


def next_meeting(session: Session, now: datetime, days: WorkingDays | None = None) -> MeetingDay:
    """The first meeting that has not started yet at `now`."""
    return MeetingCalendar(session, days).next_meeting(now)


def reporting_month(session: Session, now: datetime) -> date:
    """The month a report made at `now` counts for: the month the next meeting closes.

    After a month's meeting has started, reports count for the next month.
    """
    return next_meeting(session, now).month


def set_meeting(
    session: Session, day: date, at: time | None, now: datetime, month: date | None = None
) -> MeetingDay:
    month = month_start(month or day)
    row = session.exec(select(Meeting).where(Meeting.month == month)).first() or Meeting(
        month=month, day=day, updated_at=now
    )
    row.day, row.at, row.source, row.updated_at = day, at, "manual", now
    session.add(row)
    session.flush()
    return meeting_for(session, month)


def unset_meeting(session: Session, month: date) -> bool:
    row = session.exec(select(Meeting).where(Meeting.month == month_start(month))).first()
    if row is None:
        return False
    session.delete(row)
    return True


def days_off(session: Session) -> list[DayOff]:
    return list(session.exec(select(DayOff).order_by(col(DayOff.day))))
