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

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import Any

from sqlmodel import Session, col, select

from fiscal import fiscal_year_of, month_key
from messages_th import follow_up_text as text
from models import tenancy
from models.app_setting import get_setting
from models.meetings import MeetingCalendar, MeetingDay, WorkingDays
from models.meetings import calendars as read_calendars
from models.outbox import Push, queue_pushes, queued_keys
from models.owed import Asked, owed_by_agency
from models.plan import Action, Measure, Plan, in_period, plan_tree
from models.progress import Report, done_before, of_current_reports
from models.staff import Staff, assignments, is_on_leave, summary_recipients
from reports.links import Links
from usecases.results import Queued

log = logging.getLogger(__name__)

DEFAULT_REMINDER_DAYS = [5, 2]
REMINDER_AT = time(9, 0)
#: reminders queued per statement by a tick for many agencies (its memory stays bounded)
QUEUE_BATCH = 5000
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
    return _days_before(get_setting(session, "reminder_days", DEFAULT_REMINDER_DAYS))


def _days_before(stored: list[int] | None) -> list[int]:
    return sorted(stored or DEFAULT_REMINDER_DAYS, reverse=True)


def reminder_stages(
    session: Session, meeting: MeetingDay, days: WorkingDays, tz: tzinfo | None
) -> list[Stage]:
    """Each stage is due from its time until the next stage's (or the meeting)."""
    return _stages(reminder_days(session), meeting, days, tz)


def _stages(
    before: list[int], meeting: MeetingDay, days: WorkingDays, tz: tzinfo | None
) -> list[Stage]:
    dues = [datetime.combine(days.before(meeting.day, n), REMINDER_AT, tz) for n in before]
    ends = [*dues[1:], meeting.starts(tz)]
    return [Stage(i + 1, due, end) for i, (due, end) in enumerate(zip(dues, ends, strict=True))]


def remind(
    session: Session, now: datetime, *, dry_run: bool = False, links: Links | None = None
) -> Reminded:
    """The reminder stage due at `now`, to everyone who still owes a report and has not
    been sent this stage yet; `dry_run`: who that would be, queueing nothing. With `links`,
    each reminder's button opens the person's whole month on one page. For the unit of
    work's agency (`remind_agencies` with one)."""
    agency_id = tenancy.current(session)
    found = remind_agencies(
        session, now, read_calendars(session, [agency_id]), dry_run=dry_run, links=links
    )
    return found.get(agency_id) or Reminded("remind")


def remind_agencies(
    session: Session,
    now: datetime,
    calendars: dict[int, MeetingCalendar],
    *,
    dry_run: bool = False,
    links: Links | None = None,
) -> dict[int, Reminded]:
    """`remind` for every agency of `calendars` at once (the scheduler's tick): which have
    a stage due is decided from their calendars; who owes what is read for those alone,
    in a fixed number of statements (`models.owed`); every agency's new reminders go in
    one insert. An agency whose calendar or rows fail is logged and skipped."""
    tz = now.tzinfo  # the deployment's: times come from its clock
    ran: dict[int, Reminded] = {}
    stages: dict[int, Stage] = {}
    asked: dict[int, Asked] = {}
    for agency_id, calendar in calendars.items():
        try:
            meeting = calendar.next_meeting(now)
            before = _days_before(calendar.reminder_days)
            stages_of = _stages(before, meeting, calendar.days, tz)
            stage = next((s for s in stages_of if s.due <= now < s.until), None)
        except Exception:
            log.exception("agency %s: its reminder stage could not be worked out", agency_id)
            continue
        ran[agency_id] = Reminded("remind", meeting=meeting)
        if stage is not None:
            stages[agency_id] = stage
            asked[agency_id] = Asked(fiscal_year_of(meeting.month), meeting.month, meeting.day)
    if not asked:
        return ran
    owing = owed_by_agency(session, asked, now.date())
    prefixes = sorted({f"reminder:{month_key(q.month)}:staff:" for q in asked.values()})
    queued = set() if dry_run else queued_keys(session, list(owing), prefixes)
    pushes: list[Push] = []
    owed: dict[tuple[int, str], Owed] = {}

    def send() -> None:
        """Queue the pushes made so far (in bounded batches: a tick for every agency makes
        tens of thousands, and memory is not to grow with them)."""
        new = queue_pushes(session, pushes, purpose="reminder", now=now)
        for push in pushes:
            assert push.agency_id is not None
            this = ran[push.agency_id]
            if (push.agency_id, push.key) in new:
                this.queued += 1
                this.people.append(owed.pop((push.agency_id, push.key)))
            else:
                this.already += 1
        pushes.clear()

    # people who owe the same get the same message but for their own month page's link:
    # each message made once (`_Made`)
    made = _Made()
    for agency_id, duties_of in owing.items():
        this, stage = ran[agency_id], stages[agency_id]
        assert this.meeting is not None
        meeting = this.meeting
        mine: list[Push] = []
        try:
            this.stage = stage.number
            for duty in duties_of.people:
                person = duty.staff
                if not duty.missing or duty.on_leave or not person.line_user_id:
                    continue
                missing = made.listed(duty.missing)
                key = f"reminder:{month_key(meeting.month)}:staff:{person.id}:{stage.number}"
                if dry_run:
                    this.people.append(Owed(person.name, missing))
                elif (agency_id, key) in queued:
                    this.already += 1
                else:
                    owed[agency_id, key] = Owed(person.name, missing)
                    page = links.month_entry(person.id, meeting.month, now) if links else None
                    message = made.reminder(stage.number, meeting, missing, page)
                    mine.append(Push(key, person.line_user_id, [message], agency_id))
        except Exception:
            log.exception("agency %s: its reminders could not be made", agency_id)
            continue
        pushes.extend(mine)
        if len(pushes) >= QUEUE_BATCH:
            send()
    if pushes:
        send()
    return ran


class _Made:
    """The reminders of one tick, each distinct one made once: what is missing as numbers
    and words (per list of missing actions), and the message (per stage, meeting and what
    is missing), with each person's own month page put in its place."""

    #: where the month page's link goes in a message made once
    PAGE = "https://tidtam.invalid/month-page"

    def __init__(self) -> None:
        self._listed: dict[int, list[tuple[int, int, str]]] = {}
        self._messages: dict[tuple[Any, ...], tuple[dict, str]] = {}

    def listed(self, missing: list[tuple[Any, Any]]) -> list[tuple[int, int, str]]:
        # people alike share their list of missing actions (`models.owed`): by identity
        if id(missing) not in self._listed:
            self._listed[id(missing)] = [(m.number, a.number, a.text) for m, a in missing]
        return self._listed[id(missing)]

    def reminder(
        self, stage: int, meeting: MeetingDay, missing: list[tuple[int, int, str]], page: str | None
    ) -> dict:
        key = (stage, meeting, tuple(missing), page is None)
        if key not in self._messages:
            message = text.reminder(stage, meeting.month, meeting, missing, page and self.PAGE)
            self._messages[key] = (message, json.dumps(message, ensure_ascii=False))
        message, serialised = self._messages[key]
        if page is None:
            return message
        assert "\\" not in page and '"' not in page, page  # a link: nothing to escape in JSON
        return json.loads(serialised.replace(self.PAGE, page))


# -- the escalation ------------------------------------------------------------------------


def escalate(session: Session, now: datetime) -> Queued:
    """At 16:00 the working day before the meeting: who has still not reported. For the
    unit of work's agency (`escalate_agencies` with one)."""
    agency_id = tenancy.current(session)
    found = escalate_agencies(session, now, read_calendars(session, [agency_id]))
    return found.get(agency_id) or Queued("escalate")


def escalate_agencies(
    session: Session, now: datetime, calendars: dict[int, MeetingCalendar]
) -> dict[int, Queued]:
    """`escalate` for every agency of `calendars` at once, as `remind_agencies` does."""
    tz = now.tzinfo  # the deployment's: times come from its clock
    ran: dict[int, Queued] = {}
    meetings: dict[int, MeetingDay] = {}
    for agency_id, calendar in calendars.items():
        ran[agency_id] = Queued("escalate")
        try:
            meeting = calendar.next_meeting(now)
            due = datetime.combine(calendar.days.before(meeting.day, 1), ESCALATION_AT, tz)
        except Exception:
            log.exception("agency %s: its escalation could not be worked out", agency_id)
            continue
        if due <= now < meeting.starts(tz):
            meetings[agency_id] = meeting
    if not meetings:
        return ran
    asked = {a: Asked(fiscal_year_of(m.month), m.month, m.day) for a, m in meetings.items()}
    owing = owed_by_agency(session, asked, now.date())
    prefixes = sorted({f"escalation:{month_key(m.month)}" for m in meetings.values()})
    queued = queued_keys(session, list(owing), prefixes)
    pushes = []
    for agency_id, found in owing.items():
        meeting = meetings[agency_id]
        key = f"escalation:{month_key(meeting.month)}"
        try:
            missing = [
                (d.staff.name, [f"{m.number}.{a.number}" for m, a in d.missing])
                for d in found.people
                if d.missing and not d.on_leave
            ]
            on_leave = [(d.staff.name, d.staff.on_leave_until) for d in found.people if d.on_leave]
            if not missing or not found.heads:
                continue
            if (agency_id, key) in queued:
                ran[agency_id].already += 1
                continue
            message = text.escalation(meeting.month, meeting, missing, on_leave)
            pushes.append(Push(key, found.heads, [message], agency_id))
        except Exception:
            log.exception("agency %s: its escalation could not be made", agency_id)
    new = queue_pushes(session, pushes, purpose="escalation", now=now)
    for push in pushes:
        assert push.agency_id is not None
        ran[push.agency_id].count((push.agency_id, push.key) in new)
    return ran


def head_addresses(session: Session) -> list[str]:
    """The LINE users the head's messages go to (`summary_recipients`, linked ones)."""
    return [h.line_user_id for h in summary_recipients(session) if h.line_user_id]
