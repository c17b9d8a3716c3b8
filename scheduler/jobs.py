"""The timed jobs, as catch-up functions: each looks at `now`, does what is due and not done
yet, and nothing else. Every push has a dedupe key, so running a job twice, after a
restart, or from two schedulers at once, queues nothing twice.

- reminders at 09:00, 5 and 2 working days before the meeting (configurable), to each
  active, linked staff member not on leave who still has something to report;
- the summary at 08:30 the working day before the meeting, to the heads and to office
  groups that asked for it;
- the escalation at 16:00 that same day: who still has not reported;
- the year end after September's meeting: the fiscal year, action by action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from messages_th import follow_up_text as text
from messages_th.thai_calendar import fiscal_months, fiscal_year_of, month_key
from models import ratelimit
from models.app_setting import get_setting
from models.chat import summary_groups
from models.outbox import Push, queue, queue_many
from models.plan import current_plan, get_plan, plan_tree
from models.progress import Report
from models.staff import heads
from privacy.retention import sweep_due
from scheduler.calendar import MeetingDay, WorkingDays, meeting_for, next_meeting
from scheduler.follow_up import build_summary, duties
from services import Services

DEFAULT_REMINDER_DAYS = [5, 2]
REMINDER_AT = time(9, 0)
SUMMARY_AT = time(8, 30)
ESCALATION_AT = time(16, 0)
YEAR_END_GRACE = timedelta(days=30)


@dataclass
class Stage:
    number: int
    due: datetime
    until: datetime


@dataclass
class Ran:
    """What a job did: how many pushes it queued, and what it found already queued."""

    job: str
    queued: int = 0
    already: int = 0
    stage: int | None = None
    meeting: MeetingDay | None = None
    lines: list[str] = field(default_factory=list)


def reminder_days(session: Session) -> list[int]:
    return sorted(
        get_setting(session, "reminder_days", DEFAULT_REMINDER_DAYS) or DEFAULT_REMINDER_DAYS,
        reverse=True,
    )


def reminder_stages(session: Session, meeting: MeetingDay, days: WorkingDays, tz) -> list[Stage]:
    """Each stage is due from its time until the next stage's (or the meeting)."""
    dues = [
        datetime.combine(days.before(meeting.day, n), REMINDER_AT, tz)
        for n in reminder_days(session)
    ]
    ends = [*dues[1:], meeting.starts(tz)]
    return [Stage(i + 1, due, end) for i, (due, end) in enumerate(zip(dues, ends, strict=True))]


def _head_ids(session: Session) -> list[str]:
    return [h.line_user_id for h in heads(session) if h.line_user_id]


# -- reminders -------------------------------------------------------------------------


def remind(session: Session, now: datetime, *, dry_run: bool = False) -> Ran:
    days = WorkingDays(session)
    meeting = next_meeting(session, now, days)
    ran = Ran("remind", meeting=meeting)
    stage = next(
        (s for s in reminder_stages(session, meeting, days, now.tzinfo) if s.due <= now < s.until),
        None,
    )
    plan = current_plan(session, fiscal_year_of(meeting.month))
    if stage is None or plan is None:
        return ran
    ran.stage = stage.number
    pushes, names = [], {}
    for duty in duties(session, plan, meeting.month, now.date()):
        person = duty.staff
        if not duty.missing or duty.on_leave or not person.line_user_id:
            continue
        missing = [(m.number, a.number, a.text) for m, a in duty.missing]
        key = f"reminder:{month_key(meeting.month)}:staff:{person.id}:{stage.number}"
        names[key] = text.reminder_text(person.name, stage.number, missing)
        if not dry_run:
            message = text.reminder(stage.number, meeting.month, meeting, missing)
            pushes.append(Push(key, person.line_user_id, [message]))
    if dry_run:
        ran.lines = list(names.values())
        return ran
    new = queue_many(session, pushes, purpose="reminder", now=now)
    ran.queued, ran.already = len(new), len(pushes) - len(new)
    ran.lines = [names[p.key] for p in pushes if p.key in new]
    return ran


# -- the summary and the escalation ----------------------------------------------------


def summary_due(session: Session, now: datetime) -> MeetingDay | None:
    """The meeting whose summary is due at `now` (08:30 the working day before, until it starts)."""
    days = WorkingDays(session)
    meeting = next_meeting(session, now, days)
    due = datetime.combine(days.before(meeting.day, 1), SUMMARY_AT, now.tzinfo)
    return meeting if due <= now < meeting.starts(now.tzinfo) else None


def send_summary(session: Session, services: Services, now: datetime, month: date) -> Ran:
    """Queue the month's summary for the heads (one multicast) and the groups that want it."""
    from scheduler.links import summary_link

    ran = Ran("summary")
    plan = current_plan(session, fiscal_year_of(month))
    if plan is None:
        return ran
    summary = build_summary(session, plan, month, now, services.settings.tz)
    summary.link = summary_link(services, plan.fiscal_year, month, now)
    messages = [text.summary_flex(summary)]
    key = f"summary:{month_key(month)}"
    recipients = _head_ids(session)
    if recipients:
        queued = queue(
            session, key=key, to=recipients, messages=messages, purpose="summary", now=now
        )
        ran.queued += queued
        ran.already += not queued
    for group in summary_groups(session):
        queued = queue(
            session,
            key=f"{key}:group:{group.chat_id}",
            to=group.chat_id,
            messages=messages,
            purpose="summary",
            now=now,
        )
        ran.queued += queued
        ran.already += not queued
    return ran


def summary_job(session: Session, services: Services, now: datetime) -> Ran:
    meeting = summary_due(session, now)
    if meeting is None:
        return Ran("summary")
    return send_summary(session, services, now, meeting.month)


def escalate(session: Session, now: datetime) -> Ran:
    """At 16:00 the working day before the meeting: who has still not reported."""
    ran = Ran("escalate")
    days = WorkingDays(session)
    meeting = next_meeting(session, now, days)
    due = datetime.combine(days.before(meeting.day, 1), ESCALATION_AT, now.tzinfo)
    plan = current_plan(session, fiscal_year_of(meeting.month))
    if not (due <= now < meeting.starts(now.tzinfo)) or plan is None:
        return ran
    found = duties(session, plan, meeting.month, now.date())
    missing = [
        (d.staff.name, [f"{m.number}.{a.number}" for m, a in d.missing])
        for d in found
        if d.missing and not d.on_leave
    ]
    on_leave = [(d.staff.name, d.staff.on_leave_until) for d in found if d.on_leave]
    recipients = _head_ids(session)
    if not missing or not recipients:
        return ran
    queued = queue(
        session,
        key=f"escalation:{month_key(meeting.month)}",
        to=recipients,
        messages=[text.escalation(meeting.month, meeting, missing, on_leave)],
        purpose="escalation",
        now=now,
    )
    ran.queued += queued
    ran.already += not queued
    return ran


# -- the year end ----------------------------------------------------------------------


def year_end(session: Session, now: datetime) -> Ran:
    """After the last meeting of a fiscal year (September's), for 30 days: the year, once."""
    ran = Ran("year_end")
    fiscal_year = fiscal_year_of(now.date()) - 1 if now.month >= 10 else fiscal_year_of(now.date())
    september = fiscal_months(fiscal_year)[-1]
    meeting = meeting_for(session, september)
    if not (meeting.starts(now.tzinfo) <= now < meeting.starts(now.tzinfo) + YEAR_END_GRACE):
        return ran
    plan = get_plan(session, fiscal_year)
    recipients = _head_ids(session)
    if plan is None or not recipients:
        return ran
    message, _ = year_end_messages(session, plan)
    queued = queue(
        session,
        key=f"yearend:{fiscal_year}",
        to=recipients,
        messages=[message],
        purpose="year_end",
        now=now,
    )
    ran.queued += queued
    ran.already += not queued
    return ran


def year_end_messages(session: Session, plan):
    """The fiscal-year summary: per action the months reported and the final status."""
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
    rows = []
    for measure, actions in tree:
        items = []
        for action in actions:
            own = by_action.get(action.id, [])
            status = own[-1].status if own else "not_started"
            items.append((action.number, action.text, [r.month for r in own], status))
        rows.append((measure.number, measure.title, items))
    return text.year_end(plan.fiscal_year, plan.agency, rows)


# -- all of them -----------------------------------------------------------------------


def run_due(services: Services) -> list[Ran]:
    """One tick of the scheduler: every job, each doing only what is due now."""
    now = services.clock.now()
    results = []
    with services.db.session() as session:
        results.append(remind(session, now))
    with services.db.session() as session:
        results.append(summary_job(session, services, now))
    with services.db.session() as session:
        results.append(escalate(session, now))
    with services.db.session() as session:
        results.append(year_end(session, now))
    with services.db.session() as session:
        ratelimit.forget_before(
            session, now - timedelta(days=2)
        )  # rate-limit counts older than any window
    with services.db.session() as session:
        sweep_due(session, now, services.settings.retention)  # once a day: privacy.retention
    if any(r.queued for r in results):
        services.kick_delivery()
    return results
