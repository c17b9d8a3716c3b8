"""The month at a glance, for the console's "this month" page: per measure and action what
was reported (by whom, when, how far, with which photos) or who still owes it, who is on
leave, the next meeting and what Tidtam will send before it.

It is the head's monthly summary (`usecases.summary.monthly_summary`, the same numbers as
in LINE) with the detail a page has room for; sending it is `usecases.summary.send_summary`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from models.meetings import MeetingDay, WorkingDays
from models.plan import Plan, current_plan
from models.progress import ReportRow, month_evidence, report_rows
from models.staff import is_on_leave
from reports.links import Links
from usecases.actor import Actor, NotAllowed
from usecases.reminders import (
    ESCALATION_AT,
    active_staff,
    duties,
    reminder_stages,
)
from usecases.results import NoPlan
from usecases.summary import SUMMARY_AT, Summary, monthly_summary


@dataclass(frozen=True)
class ActionMonth:
    number: int
    text: str
    report: ReportRow | None  # the current report of the month, if any
    evidence: list[int]  # ids of its photos and files
    owed_by: list[str]  # who still has to report it (not on leave)
    on_leave: list[str]  # who would, but is on leave


@dataclass(frozen=True)
class MeasureMonth:
    number: int
    title: str
    percent: float
    actions: list[ActionMonth]


@dataclass(frozen=True)
class Ahead:
    """Something Tidtam will send before the meeting, when, and to whom (as things stand)."""

    what: str  # reminder, summary, escalation
    stage: int
    due: datetime
    people: list[str]


@dataclass(frozen=True)
class MonthView:
    summary: Summary
    meeting: MeetingDay
    measures: list[MeasureMonth]
    on_leave: list[tuple[str, date | None]]
    ahead: list[Ahead]


def month_view(
    session: Session, actor: Actor, links: Links, tz: ZoneInfo, now: datetime
) -> MonthView | NoPlan:
    """The month of the next meeting, as a head sees it."""
    if not actor.is_head:
        raise NotAllowed("the month is for heads")
    summary = monthly_summary(session, links, tz, now)
    if isinstance(summary, NoPlan):
        return summary
    month, plan = summary.month, current_plan(session, summary.fiscal_year)
    assert plan is not None  # the summary was built from it
    reports = {
        (r.measure_no, r.action_no): r for r in report_rows(session, plan, months=(month, month))
    }
    evidence = month_evidence(session, plan, month)
    measures = []
    for measure in summary.measures:
        lines = [
            ActionMonth(
                d.action,
                d.text,
                reports.get((measure.number, d.action)),
                evidence.get((measure.number, d.action), []),
                [],
                [],
            )
            for d in measure.done
        ] + [ActionMonth(m.action, m.text, None, [], m.people, m.on_leave) for m in measure.missing]
        lines.sort(key=lambda line: line.number)
        measures.append(MeasureMonth(measure.number, measure.title, measure.percent, lines))
    today = now.date()
    on_leave = [(p.name, p.on_leave_until) for p in active_staff(session) if is_on_leave(p, today)]
    return MonthView(
        summary,
        summary.meeting,
        measures,
        on_leave,
        _ahead(session, plan, summary.meeting, now, tz),
    )


def _ahead(
    session: Session, plan: Plan, meeting: MeetingDay, now: datetime, tz: ZoneInfo
) -> list[Ahead]:
    """The reminders, the head's summary and the escalation still to come before the meeting,
    each to the people it would reach if nobody reported meanwhile."""
    days = WorkingDays(session)
    owing = [
        d.staff.name
        for d in duties(session, plan, meeting.month, now.date())
        if d.missing and not d.on_leave and d.staff.line_user_id
    ]
    found = [
        Ahead("reminder", stage.number, stage.due, owing)
        for stage in reminder_stages(session, meeting, days, tz)
        if stage.due > now
    ]
    before = days.before(meeting.day, 1)
    summary_at = datetime.combine(before, SUMMARY_AT, tz)
    escalation_at = datetime.combine(before, ESCALATION_AT, tz)
    if summary_at > now:
        found.append(Ahead("summary", 0, summary_at, []))
    if escalation_at > now:
        found.append(Ahead("escalation", 0, escalation_at, owing))
    return sorted(found, key=lambda item: item.due)
