"""Linking a LINE account to a staff member with a one-time code, and who someone is.

Five wrong codes in an hour lock that LINE user out of linking for an hour. LINE accounts
are cheap, so wrong codes are also counted from everyone together: thirty in an hour
pause linking for everyone until the hour has passed (counted in the database, so every
process sees the same). Times are given in the agency's time zone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from fiscal import fiscal_year_of
from models import ratelimit
from models.audit import audit
from models.plan import Unit, current_plan
from models.staff import Staff, measures_for, redeem_link_code
from usecases.actor import Actor, NotAllowed

log = logging.getLogger(__name__)

WRONG_TRIES = 5
WINDOW = timedelta(hours=1)
#: wrong codes from all LINE accounts together, in WINDOW, that pause linking for everyone
ALL_WRONG_TRIES = 30


@dataclass(frozen=True)
class Person:
    """A staff member as they are told who they are."""

    name: str
    role: str
    unit: str | None
    measures: list[tuple[int, str]]  # number and title, in the plan in force
    on_leave_until: date | None


@dataclass(frozen=True)
class Linked:
    person: Person
    line_user_id: str


@dataclass(frozen=True)
class AlreadyLinked:
    name: str


@dataclass(frozen=True)
class Locked:
    until: datetime


@dataclass(frozen=True)
class Paused:
    """Too many wrong codes from everyone: linking waits for everyone until `until`."""

    until: datetime


@dataclass(frozen=True)
class WrongCode:
    tries_left: int


def link_account(
    session: Session, actor: Actor, code: str, now: datetime, secret: str
) -> Linked | AlreadyLinked | Locked | Paused | WrongCode:
    """Link the actor's LINE account to the staff member the code was issued for."""
    if actor.staff is not None:
        return AlreadyLinked(actor.staff.name)
    user = actor.line_user_id
    if not user:
        raise NotAllowed("linking needs a LINE account")
    locked_until = _locked_until(session, user, now)
    if locked_until is not None:
        return Locked(locked_until)
    paused_until = _paused_until(session, now)
    if paused_until is not None:
        return Paused(paused_until)
    staff = redeem_link_code(session, code, user, now, secret)
    if staff is None:
        ratelimit.hit(session, "link-fail", user, now)
        failures = ratelimit.recent_hits(session, "link-fail", user, now, WINDOW)
        audit(session, now, f"line:{user}", "staff.link_failed")  # who tried, for security
        if failures >= WRONG_TRIES:
            ratelimit.hit(session, "link-lock", user, now)
            return Locked(now + WINDOW)
        return WrongCode(WRONG_TRIES - failures)
    audit(session, now, f"staff:{staff.id}", "staff.linked", f"line:{user}")
    return Linked(_person(session, staff, now), user)


def _locked_until(session: Session, user: str, now: datetime) -> datetime | None:
    """An hour after the fifth wrong code, while that hour lasts; else None."""
    locks = ratelimit.hit_times(session, "link-lock", user, now, WINDOW)
    return _local(locks[-1] + WINDOW, now) if locks else None


def _paused_until(session: Session, now: datetime) -> datetime | None:
    """While ALL_WRONG_TRIES wrong codes from anyone lie within the last hour: when the
    oldest that keeps the count there leaves it; else None."""
    wrong = ratelimit.hit_times(session, "link-fail", None, now, WINDOW)
    if len(wrong) < ALL_WRONG_TRIES:
        return None
    log.warning("linking paused for everyone: %d wrong link codes in the last hour", len(wrong))
    return _local(wrong[len(wrong) - ALL_WRONG_TRIES] + WINDOW, now)


def _local(moment: datetime, now: datetime) -> datetime:
    """An instant read back from the database (UTC) in the agency's time zone."""
    return moment.astimezone(now.tzinfo)


def who_am_i(session: Session, actor: Actor, now: datetime) -> Person | None:
    """The staff member speaking, with their unit and measures; None for a citizen."""
    if actor.staff is None:
        return None
    return _person(session, actor.staff, now)


def _person(session: Session, staff: Staff, now: datetime) -> Person:
    unit = session.get(Unit, staff.unit_id) if staff.unit_id is not None else None
    plan = current_plan(session, fiscal_year_of(now.date()))
    measures = [(m.number, m.title) for m in measures_for(session, staff, plan)] if plan else []
    return Person(
        staff.name, staff.role, unit.name if unit else None, measures, staff.on_leave_until
    )
