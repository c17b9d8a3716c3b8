"""A head's nudge from the summary: one push to each person still missing a report this
month (not on leave, linked), after the head confirmed, through the outbox (so it counts
against the agency's push quota, and is sent at most once a day per person)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session

from fiscal import fiscal_year_of, month_key
from messages_th import follow_up_text as text
from models.audit import audit
from models.meetings import WorkingDays, meeting_for, reporting_month
from models.outbox import Push, queue_many
from models.plan import current_plan
from models.types import ident
from reports.links import Links
from usecases.actor import Actor, NotAllowed
from usecases.reminders import Duty, duties
from usecases.results import NoPlan


@dataclass(frozen=True)
class ToNudge:
    """Who a nudge would reach (what the head confirms): their names and the count of
    pushes it will take from the quota."""

    month: date
    names: list[str]


@dataclass(frozen=True)
class Nudged:
    month: date
    queued: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # nudged today already


def _still_missing(session: Session, now: datetime) -> tuple[date, list[Duty]] | NoPlan:
    month = reporting_month(session, now)
    plan = current_plan(session, fiscal_year_of(month))
    if plan is None:
        return NoPlan()
    found = [
        duty
        for duty in duties(session, plan, month, now.date())
        if duty.missing and not duty.on_leave and duty.staff.line_user_id
    ]
    return month, found


def to_nudge(session: Session, actor: Actor, now: datetime) -> ToNudge | NoPlan:
    """Who is still missing a report this month: for the head to confirm the nudge."""
    if not actor.is_head:
        raise NotAllowed("only a head nudges")
    found = _still_missing(session, now)
    if isinstance(found, NoPlan):
        return found
    month, missing = found
    return ToNudge(month, [d.staff.name for d in missing])


def nudge_missing(session: Session, actor: Actor, links: Links, now: datetime) -> Nudged | NoPlan:
    """Queue one push per person still missing a report this month (once a day each)."""
    if not actor.is_head:
        raise NotAllowed("only a head nudges")
    found = _still_missing(session, now)
    if isinstance(found, NoPlan):
        return found
    month, missing = found
    meeting = meeting_for(session, month, WorkingDays(session))
    head = actor.staff_member().name
    pushes, names = [], {}
    for duty in missing:
        person = duty.staff
        key = f"nudge:{month_key(month)}:staff:{person.id}:{now.date().isoformat()}"
        names[key] = person.name
        message = text.reminder(
            1,
            month,
            meeting,
            [(m.number, a.number, a.text) for m, a in duty.missing],
            links.month_entry(ident(person), month, now),
            nudged_by=head,
        )
        pushes.append(Push(key, person.line_user_id or "", [message]))
    new = queue_many(session, pushes, purpose="nudge", now=now) if pushes else set()
    audit(
        session, now, actor.audit_name, "summary.nudge", f"month:{month_key(month)}", sent=len(new)
    )
    return Nudged(
        month,
        [names[p.key] for p in pushes if p.key in new],
        [names[p.key] for p in pushes if p.key not in new],
    )
