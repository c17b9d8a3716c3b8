"""Who owes which report, the reminders to them, and the heads' escalation.

Both are catch-ups (docs/ARCHITECTURE.md, "The flow of one job"): each looks at `now`,
queues what is due and not queued yet, and nothing else. Every push has a dedupe key, so
running one twice, after downtime, or from two schedulers at once queues nothing twice.
Everything is read in a fixed number of queries, whatever the number of staff.

- reminders at 09:00, 5 and 2 working days before the meeting (the `reminder_days`
  setting), to each active, linked staff member not on leave who still has something to
  report; the second only to those still missing something;
- the escalation at 16:00 the working day before the meeting: who has still not reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo

from sqlmodel import Session, col, select

from fiscal import fiscal_year_of, month_key
from messages_th import follow_up_text as text
from models.app_setting import get_setting
from models.meetings import MeetingDay, WorkingDays, next_meeting
from models.outbox import Push, queue, queue_many
from models.plan import Action, Measure, Plan, current_plan, in_period, plan_tree
from models.progress import Report, done_before, of_current_reports
from models.staff import Staff, assignments, is_on_leave, summary_recipients
from models.types import ident
from reports.links import Links
from usecases.results import Queued

DEFAULT_REMINDER_DAYS = [5, 2]
REMINDER_AT = time(9, 0)
ESCALATION_AT = time(16, 0)


# -- who owes what -----------------------------------------------------------------------


@dataclass
class Duty:
    """One person's actions for a month: what they still have to report."""

    staff: Staff
    actions: list[tuple[Measure, Action]]
    missing: list[tuple[Measure, Action]]
    on_leave: bool


def active_staff(session: Session) -> list[Staff]:
    return list(
        session.exec(select(Staff).where(col(Staff.active).is_(True)).order_by(col(Staff.id)))
    )


def duties(
    session: Session,
    plan: Plan,
    month: date,
    today: date,
    *,
    cutoff: datetime | None = None,
    meeting_day: date | None = None,
) -> list[Duty]:
    """Every active staff member with measures to report on, and what is missing for `month`.

    An action is owed only in the months of its period (see `in_period`), and not once a
    report of an earlier month said it was done. With `cutoff`, a report made after it
    does not count (for "on time"). On leave: away today, or (with `meeting_day`) booked
    away over the meeting.
    """
    people = active_staff(session)
    assigned = assignments(session, plan, people, duty=True)
    tree = plan_tree(session, plan)
    actions_by_measure = {
        m.id: [(m, a) for a in actions if in_period(m, a, month)] for m, actions in tree
    }
    reported = _reported(session, plan, [month], cutoff).get(month, set())
    found = []
    for person in people:
        actions = [
            pair
            for m in assigned.get(person.id or 0, [])
            for pair in actions_by_measure.get(m.id, [])
        ]
        if not actions:
            continue
        missing = [(m, a) for m, a in actions if a.id not in reported]
        found.append(Duty(person, actions, missing, is_on_leave(person, today, meeting_day)))
    return found


def _reported(
    session: Session, plan: Plan, months: list[date], cutoff: datetime | None
) -> dict[date, set[int]]:
    query = of_current_reports(
        select(col(Report.action_id), col(Report.month), col(Report.reported_at)), plan
    ).where(col(Report.month).in_(months))
    found: dict[date, set[int]] = {m: set() for m in months}
    for action_id, month, reported_at in session.exec(query):
        if cutoff is None or reported_at <= cutoff:
            found[month].add(action_id)
    for month, done in done_before(session, plan, months).items():
        found[month] |= done  # a done action stays done: nothing owed
    return found


# -- the reminders -----------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    number: int
    due: datetime
    until: datetime


@dataclass(frozen=True)
class Owed:
    """One person reminded (or who would be): what they have not reported."""

    name: str
    missing: list[tuple[int, int, str]]  # measure, action, the action's text


@dataclass
class Reminded(Queued):
    stage: int | None = None  # None: no reminder is due now
    meeting: MeetingDay | None = None
    people: list[Owed] = field(default_factory=list)  # newly queued (all, on a dry run)


def reminder_days(session: Session) -> list[int]:
    return sorted(
        get_setting(session, "reminder_days", DEFAULT_REMINDER_DAYS) or DEFAULT_REMINDER_DAYS,
        reverse=True,
    )


def reminder_stages(
    session: Session, meeting: MeetingDay, days: WorkingDays, tz: tzinfo | None
) -> list[Stage]:
    """Each stage is due from its time until the next stage's (or the meeting)."""
    dues = [
        datetime.combine(days.before(meeting.day, n), REMINDER_AT, tz)
        for n in reminder_days(session)
    ]
    ends = [*dues[1:], meeting.starts(tz)]
    return [Stage(i + 1, due, end) for i, (due, end) in enumerate(zip(dues, ends, strict=True))]


def remind(
    session: Session, now: datetime, *, dry_run: bool = False, links: Links | None = None
) -> Reminded:
    """The reminder stage due at `now`, to everyone who still owes a report and has not
    been sent this stage yet; `dry_run`: who that would be, queueing nothing. With `links`,
    each reminder's button opens the person's whole month on one page."""
    days = WorkingDays(session)
    meeting = next_meeting(session, now, days)
    ran = Reminded("remind", meeting=meeting)
    tz = now.tzinfo  # the agency's: times come from its clock
    stage = next(
        (s for s in reminder_stages(session, meeting, days, tz) if s.due <= now < s.until), None
    )
    plan = current_plan(session, fiscal_year_of(meeting.month))
    if stage is None or plan is None:
        return ran
    ran.stage = stage.number
    pushes, owed = [], {}
    for duty in duties(session, plan, meeting.month, now.date(), meeting_day=meeting.day):
        person = duty.staff
        if not duty.missing or duty.on_leave or not person.line_user_id:
            continue
        missing = [(m.number, a.number, a.text) for m, a in duty.missing]
        key = f"reminder:{month_key(meeting.month)}:staff:{person.id}:{stage.number}"
        owed[key] = Owed(person.name, missing)
        if not dry_run:
            page = links.month_entry(ident(person), meeting.month, now) if links else None
            message = text.reminder(stage.number, meeting.month, meeting, missing, page)
            pushes.append(Push(key, person.line_user_id, [message]))
    if dry_run:
        ran.people = list(owed.values())
        return ran
    new = queue_many(session, pushes, purpose="reminder", now=now)
    ran.queued, ran.already = len(new), len(pushes) - len(new)
    ran.people = [owed[p.key] for p in pushes if p.key in new]
    return ran


# -- the escalation ------------------------------------------------------------------------


def escalate(session: Session, now: datetime) -> Queued:
    """At 16:00 the working day before the meeting: who has still not reported."""
    ran = Queued("escalate")
    days = WorkingDays(session)
    meeting = next_meeting(session, now, days)
    tz = now.tzinfo  # the agency's: times come from its clock
    due = datetime.combine(days.before(meeting.day, 1), ESCALATION_AT, tz)
    plan = current_plan(session, fiscal_year_of(meeting.month))
    if not (due <= now < meeting.starts(tz)) or plan is None:
        return ran
    found = duties(session, plan, meeting.month, now.date(), meeting_day=meeting.day)
    missing = [
        (d.staff.name, [f"{m.number}.{a.number}" for m, a in d.missing])
        for d in found
        if d.missing and not d.on_leave
    ]
    on_leave = [(d.staff.name, d.staff.on_leave_until) for d in found if d.on_leave]
    recipients = head_addresses(session)
    if not missing or not recipients:
        return ran
    ran.count(
        queue(
            session,
            key=f"escalation:{month_key(meeting.month)}",
            to=recipients,
            messages=[text.escalation(meeting.month, meeting, missing, on_leave)],
            purpose="escalation",
            now=now,
        )
    )
    return ran


def head_addresses(session: Session) -> list[str]:
    """The LINE users the head's messages go to (`summary_recipients`, linked ones)."""
    return [h.line_user_id for h in summary_recipients(session) if h.line_user_id]
