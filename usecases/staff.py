"""The people who use Tidtam: added by an admin with a one-time link code, listed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from fiscal import fiscal_year_of
from models.audit import audit
from models.plan import Plan, Unit, current_plan, get_or_create_unit, measures_of, unit_by_name
from models.staff import (
    CODE_VALID_FOR,
    Role,
    add_staff,
    issue_link_code,
    list_staff,
    pinned_measure_numbers,
    staff_by_name,
)
from usecases.actor import Actor
from usecases.results import NoSuchPerson


@dataclass(frozen=True)
class StaffAdded:
    name: str
    role: Role
    unit: str | None
    measures: list[int]  # pinned
    code: str  # the one-time link code, shown once
    code_expires: date


@dataclass(frozen=True)
class NameTaken:
    name: str


@dataclass(frozen=True)
class UnknownMeasures:
    numbers: list[int]
    fiscal_year: int


def add_staff_member(
    session: Session,
    actor: Actor,
    *,
    name: str,
    role: Role,
    unit: str | None,
    measures: list[int],
    now: datetime,
    secret: str,
) -> StaffAdded | NameTaken | UnknownMeasures:
    """A new person with their one-time link code. Their unit: the one named, else the
    plan's when all its measures have the same one."""
    name = name.strip()
    if staff_by_name(session, name) is not None:
        return NameTaken(name)
    plan = current_plan(session, fiscal_year_of(now.date()))
    if measures and plan is not None:
        known = {m.number for m in measures_of(session, plan)}
        unknown = [n for n in measures if n not in known]
        if unknown:
            return UnknownMeasures(unknown, plan.fiscal_year)
    chosen = _unit(session, unit, plan)
    staff = add_staff(session, name=name, role=role, unit=chosen, measure_numbers=measures, now=now)
    code = issue_link_code(session, staff, now, secret)
    unit_name = chosen.name if chosen else None
    audit(
        session, now, actor.audit_name, "staff.add", f"staff:{staff.id}", role=role, unit=unit_name
    )
    return StaffAdded(name, role, unit_name, measures, code, (now + CODE_VALID_FOR).date())


def _unit(session: Session, name: str | None, plan: Plan | None) -> Unit | None:
    if name:
        return unit_by_name(session, name.strip()) or get_or_create_unit(session, name.strip())
    if plan is None:
        return None
    unit_ids = {m.unit_id for m in measures_of(session, plan) if m.unit_id}
    return session.get(Unit, unit_ids.pop()) if len(unit_ids) == 1 else None


@dataclass(frozen=True)
class NewCode:
    name: str
    code: str
    expires: date


def new_link_code(
    session: Session, actor: Actor, name: str, now: datetime, secret: str
) -> NewCode | NoSuchPerson:
    """A fresh one-time code for someone who lost theirs (the old one stops working)."""
    staff = staff_by_name(session, name.strip())
    if staff is None:
        return NoSuchPerson(name)
    code = issue_link_code(session, staff, now, secret)
    audit(session, now, actor.audit_name, "staff.code", f"staff:{staff.id}")
    return NewCode(staff.name, code, (now + CODE_VALID_FOR).date())


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    role: str
    unit: str | None
    measures: list[int]  # pinned; none: their unit's
    linked: bool
    active: bool
    on_leave_until: date | None


def everyone(session: Session) -> list[StaffRow]:
    """Everyone, by role and name, with unit, pinned measures and whether LINE is linked."""
    units = {u.id: u.name for u in session.exec(select(Unit))}
    return [
        StaffRow(
            s.id or 0,
            s.name,
            s.role,
            units.get(s.unit_id),
            pinned_measure_numbers(session, s),
            bool(s.line_user_id),
            s.active,
            s.on_leave_until,
        )
        for s in list_staff(session)
    ]
