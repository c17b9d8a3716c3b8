"""The head's monthly summary, and the fiscal year's end.

`monthly_summary` builds it for every way in: a head asking in chat, the `summary`
command, the job the day before the meeting, the simulator's button. `send_summary`
queues it for the heads (one multicast) and the office groups that asked for it.
Everything is read in a fixed number of queries, whatever the number of staff.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from fiscal import add_months, fiscal_months, fiscal_year_of, month_key
from messages_th import follow_up_text as text
from models.chat import LineGroup, summary_groups
from models.citizen import ratings_by_month, suggestions_by_month, suggestions_by_status
from models.meetings import (
    MeetingCalendar,
    MeetingDay,
    WorkingDays,
    meeting_for,
    next_meeting,
    reporting_month,
)
from models.outbox import queue, queued_keys
from models.plan import Measure, Plan, current_plan, get_plan, in_period, plan_tree
from models.progress import (
    MeasureProgress,
    Report,
    done_before,
    month_photo_count,
    progress_grid,
)
from models.staff import Role, Staff, assignments, is_on_leave
from models.types import among, ident
from reports.links import Links
from usecases.participation import citizen_links
from usecases.reminders import active_staff, head_addresses
from usecases.results import NoPlan, Queued

log = logging.getLogger(__name__)

SUMMARY_AT = time(8, 30)
YEAR_END_GRACE = timedelta(days=30)


@dataclass
class Done:
    action: int
    text: str
    percent: int
    status: str
    detail: str
    reporter: str


@dataclass
class Missing:
    action: int
    text: str
    people: list[str]
    on_leave: list[str]


@dataclass
class MeasureSummary:
    number: int
    title: str
    percent: float
    change: float
    done: list[Done] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    suggestions: int | None = None
    ratings: tuple[int, float | None] | None = None
    ratings_action: int | None = None


@dataclass
class Participation:
    """One person: this month (what they owe and have reported by now), and the year
    (months complete by their meeting, of the months they owed anything)."""

    name: str
    on_time: bool  # owes something this month and has reported all of it
    months_on_time: int
    months_due: int
    on_leave: bool
    owed: int = 0  # actions owed this month (a done one is owed no more)
    reported: int = 0  # of them, reported this month by now
    staff_id: int = 0

    @property
    def nothing_yet(self) -> bool:
        return self.owed > 0 and self.reported == 0


@dataclass(frozen=True)
class ThisMonth:
    """Who reported this month, who did not, who is on leave: the summary's first lines."""

    complete: list[str]
    partly: list[tuple[str, int, int]]  # name, reported, owed
    not_yet: list[str]
    on_leave: list[str]

    @property
    def missing(self) -> int:
        return len(self.partly) + len(self.not_yet)


@dataclass
class Summary:
    agency: str
    fiscal_year: int
    month: date
    meeting: MeetingDay
    percent: float
    measures: list[MeasureSummary]
    people: list[Participation]
    link: str | None = None
    cases: dict[str, int] = field(default_factory=dict)  # the year's citizens' cases by status
    photos: int = 0  # evidence photos of this month's reports
    photos_link: str | None = None

    @property
    def missing_count(self) -> int:
        return sum(len(m.missing) for m in self.measures)

    @property
    def this_month(self) -> ThisMonth:
        owing = [p for p in self.people if p.owed]
        return ThisMonth(
            [p.name for p in owing if p.on_time],
            [
                (p.name, p.reported, p.owed)
                for p in owing
                if not p.on_time and not p.on_leave and p.reported
            ],
            [p.name for p in owing if p.nothing_yet and not p.on_leave],
            [p.name for p in owing if p.on_leave and not p.on_time],
        )


def build_summary(
    session: Session, plan: Plan, month: date, now: datetime, tz: ZoneInfo
) -> Summary:
    days = WorkingDays(session)
    meeting = meeting_for(session, month, days)
    months = [m for m in fiscal_months(plan.fiscal_year) if m <= month]
    previous = add_months(month, -1)
    grid = progress_grid(session, plan, sorted({*months, previous}))
    people = active_staff(session)
    assigned = assignments(session, plan, people, duty=True)
    names = {ident(p): p.name for p in session.exec(select(Staff))}
    responsible: dict[int, list[Staff]] = {}
    for person in people:
        for measure in assigned.get(ident(person), []):
            responsible.setdefault(ident(measure), []).append(person)
    measures = [
        _measure(
            row,
            month,
            previous,
            responsible.get(ident(row.measure), []),
            names,
            now.date(),
            meeting.day,
        )
        for row in grid
    ]
    _citizens(session, plan, month, tz, measures)
    overall = sum(m.percent for m in measures) / len(measures) if measures else 0.0
    return Summary(
        plan.agency,
        plan.fiscal_year,
        month,
        meeting,
        overall,
        measures,
        _participation(session, plan, months, now, people, assigned, days),
    )


def _measure(
    row: MeasureProgress,
    month: date,
    previous: date,
    responsible: list[Staff],
    names: dict[int, str],
    today: date,
    meeting_day: date | None = None,
) -> MeasureSummary:
    summary = MeasureSummary(
        row.measure.number,
        row.measure.title,
        row.percent(month),
        row.percent(month) - row.percent(previous),
    )
    for action in row.actions:
        report = action.reports.get(month) or (
            action.latest(month) if action.settled(month) else None  # done before: stays done
        )
        if report is None and not in_period(row.measure, action.action, month):
            continue  # not owed this month
        if report is not None:
            summary.done.append(
                Done(
                    action.action.number,
                    action.action.text,
                    report.percent,
                    report.status,
                    report.detail,
                    names.get(report.staff_id or 0, ""),
                )
            )
            continue
        summary.missing.append(
            Missing(
                action.action.number,
                action.action.text,
                [p.name for p in responsible if not is_on_leave(p, today, meeting_day)],
                [p.name for p in responsible if is_on_leave(p, today, meeting_day)],
            )
        )
    return summary


def _citizens(
    session: Session, plan: Plan, month: date, tz: ZoneInfo, measures: list[MeasureSummary]
) -> None:
    links = citizen_links(session, plan)
    for summary in measures:
        if summary.number == links.suggestions_measure:
            summary.suggestions = suggestions_by_month(session, [month], tz)[month]
        if summary.number == links.ratings_measure:
            summary.ratings = ratings_by_month(session, [month])[month]
            summary.ratings_action = links.ratings_action


def _participation(
    session: Session,
    plan: Plan,
    months: list[date],
    now: datetime,
    people: list[Staff],
    assigned: dict[int, list[Measure]],
    days: WorkingDays,
) -> list[Participation]:
    """Per person: complete this month (by now), and months complete by their meeting."""
    tree = {m.id: (m, actions) for m, actions in plan_tree(session, plan)}
    reports = session.exec(
        select(col(Report.action_id), col(Report.month), col(Report.reported_at)).where(
            col(Report.month).in_(months), col(Report.superseded_at).is_(None)
        )
    ).all()
    cutoffs = {
        month: min(now, meeting_for(session, month, days).starts(now.tzinfo)) for month in months
    }
    done = done_before(session, plan, months)  # a done action stays done: nothing owed
    on_time = {
        month: {a for a, m, at in reports if m == month and at <= cutoffs[month]}
        for month in months
    }
    this_month = {a for a, m, at in reports if m == months[-1] and at <= now}
    meeting_day = meeting_for(session, months[-1], days).day
    found = []
    for person in people:
        owed = {
            month: {
                a.id
                for m in assigned.get(ident(person), [])
                for a in tree.get(m.id, (m, []))[1]
                if in_period(m, a, month) and a.id not in done[month]
            }
            for month in months
        }
        if not any(owed.values()):
            continue
        due = [month for month in months if owed[month]]
        now_owed = owed[months[-1]]
        found.append(
            Participation(
                person.name,
                bool(now_owed) and now_owed <= this_month,
                sum(owed[month] <= on_time[month] for month in due),
                len(due),
                is_on_leave(person, now.date(), meeting_day),
                len(now_owed),
                len(now_owed & this_month),
                ident(person),
            )
        )
    return found


def monthly_summary(
    session: Session, links: Links, tz: ZoneInfo, now: datetime, month: date | None = None
) -> Summary | NoPlan:
    """The summary of `month` (default: the month of the next meeting), from the plan in
    force in its fiscal year, with a link to that month's meeting report."""
    month = month or reporting_month(session, now)
    plan = current_plan(session, fiscal_year_of(month))
    if plan is None:
        return NoPlan()
    summary = build_summary(session, plan, month, now, tz)
    if plan.agency_id is not None:
        links = links.for_agency(plan.agency_id)  # the plan's agency's links
    summary.link = links.month_report(plan.fiscal_year, month, now)
    summary.cases = suggestions_by_status(session, plan.fiscal_year)
    summary.photos = month_photo_count(session, plan, month)
    if summary.photos:
        summary.photos_link = links.month_photos(month, now)
    return summary


@dataclass
class Sent(Queued):
    month: date | None = None


def send_summary(session: Session, summary: Summary, now: datetime) -> Sent:
    """Queue a month's summary for the heads (one multicast) and the office groups that
    asked for it (`usecases.chats`), each once."""
    sent = Sent("summary", month=summary.month)
    messages = [text.summary_flex(summary)]
    key = f"summary:{month_key(summary.month)}"
    recipients = head_addresses(session)
    if recipients:
        sent.count(
            queue(session, key=key, to=recipients, messages=messages, purpose="summary", now=now)
        )
    for group in summary_groups(session):
        sent.count(
            queue(
                session,
                key=f"{key}:group:{group.chat_id}",
                to=group.chat_id,
                messages=messages,
                purpose="summary",
                now=now,
            )
        )
    return sent


def summary_due(session: Session, now: datetime) -> MeetingDay | None:
    """The meeting whose summary is due at `now` (08:30 the working day before, until it starts)."""
    days = WorkingDays(session)
    meeting = next_meeting(session, now, days)
    due = datetime.combine(days.before(meeting.day, 1), SUMMARY_AT, now.tzinfo)
    return meeting if due <= now < meeting.starts(now.tzinfo) else None


def summaries_due(
    session: Session, now: datetime, calendars: dict[int, MeetingCalendar]
) -> dict[int, MeetingDay]:
    """The agencies of `calendars` whose summary is due at `now` and not queued yet for
    every one of their recipients (heads, office groups), with the meeting it is for: their
    calendars decide, then three statements for all (heads, groups, keys queued). The
    scheduler then builds and sends each one's (`send_due_summary`), in a unit of work of
    that agency."""
    due: dict[int, MeetingDay] = {}
    for agency_id, calendar in calendars.items():
        try:
            meeting = calendar.next_meeting(now)
            starts = datetime.combine(calendar.days.before(meeting.day, 1), SUMMARY_AT, now.tzinfo)
        except Exception:
            log.exception("agency %s: its summary's day could not be worked out", agency_id)
            continue
        if starts <= now < meeting.starts(now.tzinfo):
            due[agency_id] = meeting
    if not due:
        return {}
    agencies = list(due)
    wanted: dict[int, set[str]] = {agency_id: set() for agency_id in agencies}
    heads = session.execute(
        select(col(Staff.agency_id)).where(
            among(session, col(Staff.agency_id), agencies),
            col(Staff.role) == Role.HEAD,
            col(Staff.active).is_(True),
            col(Staff.line_user_id).is_not(None),
        )
    )
    for (agency_id,) in heads:
        wanted[agency_id].add(f"summary:{month_key(due[agency_id].month)}")
    groups = session.execute(
        select(col(LineGroup.agency_id), col(LineGroup.chat_id)).where(
            among(session, col(LineGroup.agency_id), agencies),
            col(LineGroup.receives_summary).is_(True),
            col(LineGroup.left_at).is_(None),
        )
    )
    for agency_id, chat_id in groups:
        wanted[agency_id].add(f"summary:{month_key(due[agency_id].month)}:group:{chat_id}")
    prefixes = sorted({f"summary:{month_key(m.month)}" for m in due.values()})
    queued = queued_keys(session, agencies, prefixes)
    return {
        agency_id: due[agency_id]
        for agency_id, keys in wanted.items()
        if any((agency_id, key) not in queued for key in keys)
    }


def send_due_summary(session: Session, links: Links, tz: ZoneInfo, now: datetime) -> Queued:
    """The job: the summary of the meeting it is due for at `now`, if any."""
    meeting = summary_due(session, now)
    if meeting is None:
        return Queued("summary")
    built = monthly_summary(session, links, tz, now, meeting.month)
    return Queued("summary") if isinstance(built, NoPlan) else send_summary(session, built, now)


# -- the year end ------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionYear:
    number: int
    text: str
    months: list[date]  # the months it was reported in
    status: str  # of its last report


@dataclass(frozen=True)
class MeasureYear:
    number: int
    title: str
    actions: list[ActionYear]


def send_year_end(session: Session, now: datetime) -> Queued:
    """After the last meeting of a fiscal year (September's), for 30 days: the year, once,
    to the heads."""
    ran = Queued("year_end")
    fiscal_year = fiscal_year_of(now.date()) - 1 if now.month >= 10 else fiscal_year_of(now.date())
    september = fiscal_months(fiscal_year)[-1]
    meeting = meeting_for(session, september)
    if not (meeting.starts(now.tzinfo) <= now < meeting.starts(now.tzinfo) + YEAR_END_GRACE):
        return ran
    plan = get_plan(session, fiscal_year)
    recipients = head_addresses(session)
    if plan is None or not recipients:
        return ran
    message = text.year_end(plan.fiscal_year, year_of(session, plan))
    ran.count(
        queue(
            session,
            key=f"yearend:{fiscal_year}",
            to=recipients,
            messages=[message],
            purpose="year_end",
            now=now,
        )
    )
    return ran


def year_ends_due(
    session: Session, now: datetime, calendars: dict[int, MeetingCalendar]
) -> list[int]:
    """The agencies of `calendars` whose year end is due at `now` (`send_year_end`), that
    have that year's plan and a head to send it to, and have not had it queued: three
    statements for all."""
    due: list[int] = []
    fiscal_year = fiscal_year_of(now.date()) - 1 if now.month >= 10 else fiscal_year_of(now.date())
    september = fiscal_months(fiscal_year)[-1]
    for agency_id, calendar in calendars.items():
        try:
            starts = calendar.meeting(september).starts(now.tzinfo)
        except Exception:
            log.exception("agency %s: its year end could not be worked out", agency_id)
            continue
        if starts <= now < starts + YEAR_END_GRACE:
            due.append(agency_id)
    if not due:
        return []
    with_heads = set(
        session.execute(
            select(col(Staff.agency_id)).where(
                among(session, col(Staff.agency_id), due),
                col(Staff.role) == Role.HEAD,
                col(Staff.active).is_(True),
                col(Staff.line_user_id).is_not(None),
            )
        ).scalars()
    )
    with_plan = set(
        session.execute(
            select(col(Plan.agency_id)).where(
                among(session, col(Plan.agency_id), due), col(Plan.fiscal_year) == fiscal_year
            )
        ).scalars()
    )
    key = f"yearend:{fiscal_year}"
    queued = queued_keys(session, due, [key])
    return [a for a in due if a in with_heads and a in with_plan and (a, key) not in queued]


def year_of(session: Session, plan: Plan) -> list[MeasureYear]:
    """The fiscal year, action by action: the months reported and the final status."""
    months = fiscal_months(plan.fiscal_year)
    tree = plan_tree(session, plan)
    ids = [a.id for _, actions in tree for a in actions]
    reports = (
        session.exec(
            select(Report)
            .where(
                col(Report.action_id).in_(ids),
                col(Report.month).in_(months),
                col(Report.superseded_at).is_(None),
            )
            .order_by(col(Report.month))
        ).all()
        if ids
        else []
    )
    by_action: dict[int, list[Report]] = {}
    for report in reports:
        by_action.setdefault(report.action_id, []).append(report)
    return [
        MeasureYear(
            measure.number,
            measure.title,
            [
                ActionYear(
                    action.number,
                    action.text,
                    [r.month for r in by_action.get(action.id or 0, [])],
                    by_action[action.id][-1].status if action.id in by_action else "not_started",
                )
                for action in actions
            ],
        )
        for measure, actions in tree
    ]
