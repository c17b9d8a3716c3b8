"""The people who use Tidtam: added by an admin with a one-time link code, listed, changed,
deactivated (never the last admin)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from fiscal import fiscal_year_of
from models.audit import audit
from models.conversation import end_forms_of
from models.outbox import withdraw_reminders
from models.plan import Plan, Unit, current_plan, get_or_create_unit, measures_of, unit_by_name
from models.staff import (
    CODE_VALID_FOR,
    Role,
    Staff,
    add_staff,
    is_admin,
    issue_link_code,
    list_staff,
    pinned_measure_numbers,
    set_pinned_measures,
    staff_by_name,
)
from usecases.actor import Actor, NotAllowed
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
    _may_manage(actor)
    name = name.strip()
    if staff_by_name(session, name) is not None:
        return NameTaken(name)
    plan = current_plan(session, fiscal_year_of(now.date()))
    if (unknown := _unknown_measures(session, plan, measures)) is not None:
        return unknown
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
    _may_manage(actor)
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


# -- changing and deactivating -------------------------------------------------------------


@dataclass(frozen=True)
class LastAdmin:
    """The change would leave the agency without an active admin: nobody could add staff."""

    name: str


@dataclass(frozen=True)
class StaffChanged:
    name: str
    role: Role
    unit: str | None
    measures: list[int]


@dataclass(frozen=True)
class Deactivated:
    name: str
    forms_ended: int
    reminders_withdrawn: int = 0
    #: their LINE account, if they had linked: its menu goes back to the citizens' one
    line_user_id: str | None = None


def _unknown_measures(
    session: Session, plan: Plan | None, measures: list[int]
) -> UnknownMeasures | None:
    """The measure numbers given that the plan in force does not have (a person is added
    or changed only with measures that exist)."""
    if not measures or plan is None:
        return None
    known = {m.number for m in measures_of(session, plan)}
    unknown = [n for n in measures if n not in known]
    return UnknownMeasures(unknown, plan.fiscal_year) if unknown else None


def _may_manage(actor: Actor) -> None:
    """Only an admin changes people (the command line is the server's own admin)."""
    if actor.staff is not None and not is_admin(actor.staff.role):
        raise NotAllowed("only an admin changes staff")


def _leaves_no_admin(session: Session, staff: Staff) -> bool:
    others = [s for s in list_staff(session) if s.id != staff.id and s.active and is_admin(s.role)]
    return is_admin(staff.role) and staff.active and not others


def change_staff_member(
    session: Session,
    actor: Actor,
    staff_id: int,
    *,
    role: Role,
    unit: str | None,
    measures: list[int],
    now: datetime,
) -> StaffChanged | NoSuchPerson | UnknownMeasures | LastAdmin:
    """A person's role, unit and measures, as an admin corrects them."""
    _may_manage(actor)
    staff = session.get(Staff, staff_id)
    if staff is None:
        return NoSuchPerson(str(staff_id))
    if role != Role.ADMIN and _leaves_no_admin(session, staff):
        return LastAdmin(staff.name)
    plan = current_plan(session, fiscal_year_of(now.date()))
    if (unknown := _unknown_measures(session, plan, measures)) is not None:
        return unknown
    chosen = _unit(session, unit, None) if unit else None
    staff.role, staff.unit_id = role, chosen.id if chosen else None
    session.add(staff)
    set_pinned_measures(session, staff, measures)
    unit_name = chosen.name if chosen else None
    audit(
        session,
        now,
        actor.audit_name,
        "staff.change",
        f"staff:{staff.id}",
        role=role,
        unit=unit_name,
        measures=sorted(set(measures)),
    )
    return StaffChanged(staff.name, role, unit_name, sorted(set(measures)))


def deactivate_staff_member(
    session: Session, actor: Actor, staff_id: int, now: datetime
) -> Deactivated | NoSuchPerson | LastAdmin:
    """Someone who left: no more reminders or summaries, their forms in LINE end unsent, the
    console and their link code stop working. Their reports stay (the year's record)."""
    _may_manage(actor)
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        return NoSuchPerson(str(staff_id))
    if _leaves_no_admin(session, staff):
        return LastAdmin(staff.name)
    staff.active = False
    session.add(staff)
    ended = end_forms_of(session, staff.line_user_id, now) if staff.line_user_id else 0
    withdrawn = withdraw_reminders(session, staff_id, now)
    audit(
        session,
        now,
        actor.audit_name,
        "staff.deactivate",
        f"staff:{staff.id}",
        forms=ended,
        reminders=withdrawn,
    )
    return Deactivated(staff.name, ended, withdrawn, staff.line_user_id)


def person(session: Session, staff_id: int) -> StaffRow | None:
    """One person as `everyone` lists them."""
    return next((row for row in everyone(session) if row.id == staff_id), None)


def link_sheet(session: Session, actor: Actor, now: datetime, secret: str) -> list[NewCode]:
    """Fresh codes for everyone active who has not linked yet, for a printed sheet at a staff
    meeting (each person's earlier code stops working)."""
    _may_manage(actor)
    found = []
    for staff in list_staff(session):
        if staff.active and not staff.line_user_id:
            code = issue_link_code(session, staff, now, secret)
            found.append(NewCode(staff.name, code, (now + CODE_VALID_FOR).date()))
    if found:
        audit(session, now, actor.audit_name, "staff.code_sheet", "", people=len(found))
    return found


@dataclass(frozen=True)
class Choices:
    """What a person can be given: the measures of the plan in force, the units known."""

    measures: list[tuple[int, str]]
    units: list[str]


def staff_choices(session: Session, now: datetime) -> Choices:
    plan = current_plan(session, fiscal_year_of(now.date()))
    measures = [(m.number, m.title) for m in measures_of(session, plan)] if plan else []
    return Choices(measures, sorted(u.name for u in session.exec(select(Unit))))
