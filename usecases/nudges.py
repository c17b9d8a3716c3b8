"""Who has not reported this month, and a head's nudge to them.

A head asks in chat "who has not reported?" and may nudge one named person or everyone
still missing. A nudge is a push (it costs the agency's quota), so it is shown first and
sent only on a confirmation; one push per person, at most one per person and day (its
dedupe key), and none to someone on leave, unlinked, or with nothing missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from fiscal import fiscal_year_of, month_key
from messages_th import follow_up_text as text
from models.meetings import MeetingDay, next_meeting
from models.outbox import Push, queue_many
from models.plan import current_plan
from models.staff import Staff
from models.types import ident
from reports.links import Links
from usecases.actor import Actor, NotAllowed
from usecases.reminders import Duty, active_staff, duties
from usecases.results import NoPlan


@dataclass(frozen=True)
class Owing:
    """One person and the actions they have not reported for the month."""

    staff_id: int
    name: str
    actions: list[str]  # "1.2", …
    linked: bool  # has a LINE account to be nudged on


@dataclass(frozen=True)
class StillMissing:
    month: date
    meeting: MeetingDay
    missing: list[Owing]
    on_leave: list[tuple[str, date | None]]
    reported: list[str]  # everyone with nothing missing


@dataclass(frozen=True)
class NotMissing:
    """The person named has nothing missing this month (or reports on nothing)."""

    name: str


@dataclass(frozen=True)
class OnLeave:
    name: str
    until: date | None


@dataclass(frozen=True)
class NotLinked:
    name: str


@dataclass(frozen=True)
class Nudged:
    month: date
    sent: list[str]  # names newly queued
    already: list[str]  # names nudged today already (nothing queued again)


def colleagues(session: Session) -> dict[str, str]:
    """Everyone a head may name in a nudge: staff id → name, active people only."""
    return {str(ident(person)): person.name for person in active_staff(session)}


def still_missing(session: Session, actor: Actor, now: datetime) -> StillMissing | NoPlan:
    """This reporting month: who has not reported what, who is on leave, who is done."""
    if not actor.is_head:
        raise NotAllowed("who has not reported is for heads")
    found = _duties(session, now)
    if found is None:
        return NoPlan()
    meeting, owed = found
    return StillMissing(
        meeting.month,
        meeting,
        [_owing(d) for d in owed if d.missing and not d.on_leave],
        [(d.staff.name, d.staff.on_leave_until) for d in owed if d.on_leave],
        [d.staff.name for d in owed if not d.missing and not d.on_leave],
    )


def nudge_targets(
    session: Session, actor: Actor, now: datetime, staff_id: int | None
) -> StillMissing | NotMissing | OnLeave | NotLinked | NoPlan:
    """Who a nudge would go to (one person, or everyone still missing for None): what the
    head confirms before anything is sent."""
    found = still_missing(session, actor, now)
    if isinstance(found, NoPlan) or staff_id is None:
        return found
    person = session.get(Staff, staff_id)
    if person is None:
        return NotMissing("")
    owing = next((o for o in found.missing if o.staff_id == staff_id), None)
    if owing is None:
        if person.name in {name for name, _ in found.on_leave}:
            return OnLeave(person.name, person.on_leave_until)
        return NotMissing(person.name)
    if not owing.linked:
        return NotLinked(person.name)
    return StillMissing(found.month, found.meeting, [owing], [], [])


def nudge(
    session: Session,
    actor: Actor,
    now: datetime,
    staff_id: int | None,
    links: Links | None = None,
) -> Nudged | NotMissing | OnLeave | NotLinked | NoPlan:
    """Queue the confirmed nudge: one push per person still missing (read again now, so
    someone who reported since is left alone), at most one per person and day."""
    targets = nudge_targets(session, actor, now, staff_id)
    if not isinstance(targets, StillMissing):
        return targets
    found = _duties(session, now)
    assert found is not None  # the targets were found in the same plan
    chosen = {o.staff_id for o in targets.missing if o.linked}
    sender = actor.staff_member().name
    pushes, names = [], {}
    for duty in found[1]:
        if duty.staff.id not in chosen or not duty.staff.line_user_id:
            continue
        key = f"nudge:{month_key(targets.month)}:staff:{duty.staff.id}:{now.date().isoformat()}"
        names[key] = duty.staff.name
        missing = [(m.number, a.number, a.text) for m, a in duty.missing]
        page = links.month_entry(ident(duty.staff), targets.month, now) if links else None
        message = text.reminder(1, targets.month, targets.meeting, missing, page, sender=sender)
        pushes.append(Push(key, duty.staff.line_user_id, [message]))
    new = queue_many(session, pushes, purpose="nudge", now=now)
    return Nudged(
        targets.month,
        [names[p.key] for p in pushes if p.key in new],
        [names[p.key] for p in pushes if p.key not in new],
    )


# -- helpers -----------------------------------------------------------------------------


def _duties(session: Session, now: datetime) -> tuple[MeetingDay, list[Duty]] | None:
    meeting = next_meeting(session, now)
    plan = current_plan(session, fiscal_year_of(meeting.month))
    if plan is None:
        return None
    return meeting, duties(session, plan, meeting.month, now.date(), meeting_day=meeting.day)


def _owing(duty: Duty) -> Owing:
    return Owing(
        ident(duty.staff),
        duty.staff.name,
        [f"{m.number}.{a.number}" for m, a in duty.missing],
        bool(duty.staff.line_user_id),
    )
