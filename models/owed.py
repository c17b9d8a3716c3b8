"""Who owes which report, for many agencies at once: what the timed jobs read
(docs/TENANCY.md, "The scheduler for every agency").

A fixed number of statements, whatever the number of agencies, staff or actions: the
agencies' plans, their measures (with their units), their actions with whether each is
settled for the agency's month (reported, or done before: decided in SQL), their active
staff, and the staff's pinned measures. The rule of who reports on what is the one of
`models.staff.reports_on`; an action is owed in the months of its period (`in_period`).
Rows, not ORM objects: a deployment's every agency is tens of thousands of rows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, false, or_
from sqlalchemy import select as core_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from models.plan import Action, Measure, MeasureUnit, Plan, in_period
from models.progress import Report, ReportStatus
from models.staff import PinnedMeasure, Role, Staff, is_on_leave, reports_on
from models.types import among

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Asked:
    """What one agency is asked about: the reports of `month`, from the plan in force in
    `fiscal_year`; on leave over `meeting_day` counts as on leave."""

    fiscal_year: int
    month: date
    meeting_day: date | None = None


@dataclass
class Owing:
    """One person's actions for the month (rows with `number`, `text`, …) and what they
    have still to report (as `reminders.Duty`, for many agencies)."""

    staff: Any  # a row of Staff's columns
    actions: list[tuple[Any, Any]]  # (measure, action)
    missing: list[tuple[Any, Any]]
    on_leave: bool


@dataclass
class AgencyDuties:
    """One agency: its plan in force, who owes what, and its heads' LINE ids (the active
    heads, as `summary_recipients`)."""

    agency_id: int
    plan_id: int
    people: list[Owing] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)


def plans_in_force(session: Session, years: dict[int, int]) -> dict[int, int]:
    """Each agency's plan in force in its fiscal year (`PLAN_IN_FORCE`'s rule: the plan of
    that year, else the latest before it, else the first there is), in one statement."""
    rows = session.execute(
        select(col(Plan.agency_id), col(Plan.id), col(Plan.fiscal_year))
        .where(among(session, col(Plan.agency_id), list(years)))
        .order_by(col(Plan.agency_id), col(Plan.fiscal_year))
    ).all()
    found: dict[int, int] = {}
    for agency_id, plan_id, fiscal_year in rows:
        if agency_id not in found or fiscal_year <= years[agency_id]:
            found[agency_id] = plan_id  # the first, then each later one up to the year
    return found


def _settled(month: date) -> Any:
    """Whether the action (of the enclosing statement) owes nothing for `month`: it has a
    current report of that month, or its latest current report before it is done."""
    report, later = aliased(Report), aliased(Report)
    current = col(report.superseded_at).is_(None)
    # each subquery names the action of the enclosing statement (correlated by hand: the
    # innermost one is two levels down)
    reported = (
        exists()
        .where(col(report.action_id) == Action.id, col(report.month) == month, current)
        .correlate(Action)
    )
    newer = (
        exists()
        .where(
            col(later.action_id) == Action.id,
            col(later.superseded_at).is_(None),
            col(later.month) > report.month,
            col(later.month) < month,
        )
        .correlate(Action, report)
    )
    done = (
        exists()
        .where(
            col(report.action_id) == Action.id,
            current,
            col(report.month) < month,
            col(report.status) == ReportStatus.DONE,
            ~newer,
        )
        .correlate(Action)
    )
    return or_(reported, done)


def owed_by_agency(
    session: Session, asked: dict[int, Asked], today: date
) -> dict[int, AgencyDuties]:
    """For each agency asked about that has a plan: who owes what for its month. Five
    statements for any number of agencies; an agency without a plan is left out (and
    logged), one whose rows fail to make sense is logged and left out, never failing the
    others."""
    plans = plans_in_force(session, {a: q.fiscal_year for a, q in asked.items()})
    for agency_id in sorted(set(asked) - set(plans)):
        log.info("agency %s has no plan: no one is asked for reports", agency_id)
    if not plans:
        return {}
    plan_ids = list(plans.values())
    months: dict[date, list[int]] = {}
    for agency_id, plan_id in plans.items():
        months.setdefault(asked[agency_id].month, []).append(plan_id)
    settled = or_(
        false(),
        *(
            and_(among(session, col(Measure.plan_id), of_month), _settled(month))
            for month, of_month in months.items()
        ),
    )

    measure_rows = session.execute(
        core_select(
            col(Measure.id),
            col(Measure.plan_id),
            col(Measure.number),
            col(Measure.unit_id),
            col(Measure.first_month),
            col(Measure.last_month),
            col(MeasureUnit.unit_id).label("other_unit"),
        )
        .outerjoin(MeasureUnit, col(MeasureUnit.measure_id) == Measure.id)
        .where(among(session, col(Measure.plan_id), plan_ids), col(Measure.retired).is_(False))
        .order_by(col(Measure.plan_id), col(Measure.number))
    ).all()
    action_rows = session.execute(
        core_select(
            col(Action.id),
            col(Action.measure_id),
            col(Action.number),
            col(Action.text),
            col(Action.first_month),
            col(Action.last_month),
            settled.label("settled"),
        )
        .join(Measure, col(Measure.id) == Action.measure_id)
        .where(
            among(session, col(Measure.plan_id), plan_ids),
            col(Measure.retired).is_(False),
            col(Action.retired).is_(False),
        )
        .order_by(col(Action.measure_id), col(Action.number))
    ).all()
    staff_rows = session.execute(
        core_select(
            col(Staff.id),
            col(Staff.agency_id),
            col(Staff.name),
            col(Staff.role),
            col(Staff.unit_id),
            col(Staff.line_user_id),
            col(Staff.on_leave_until),
            col(Staff.on_leave_from),
        )
        .where(among(session, col(Staff.agency_id), list(plans)), col(Staff.active).is_(True))
        .order_by(col(Staff.id))
    ).all()
    pins: dict[int, set[int]] = {}
    for staff_id, number in session.execute(
        select(col(PinnedMeasure.staff_id), col(PinnedMeasure.measure_no)).where(
            among(session, col(PinnedMeasure.agency_id), list(plans))
        )
    ):
        pins.setdefault(staff_id, set()).add(number)

    measures: dict[int, list[Any]] = {}  # by plan
    units: dict[int, set[int | None]] = {}  # by measure: its main unit and every unit named
    for row in measure_rows:
        if row.id not in units:
            measures.setdefault(row.plan_id, []).append(row)
            units[row.id] = {row.unit_id}
        units[row.id].add(row.other_unit)
    actions: dict[int, list[Any]] = {}  # by measure
    for row in action_rows:
        actions.setdefault(row.measure_id, []).append(row)
    staff: dict[int, list[Any]] = {}  # by agency
    for row in staff_rows:
        staff.setdefault(row.agency_id, []).append(row)

    found = {}
    for agency_id, plan_id in plans.items():
        try:
            found[agency_id] = _duties_of(
                agency_id,
                plan_id,
                asked[agency_id],
                today,
                measures.get(plan_id, []),
                actions,
                units,
                staff.get(agency_id, []),
                pins,
            )
        except Exception:  # one agency's odd rows never stop the others'
            log.exception("agency %s: who owes what could not be worked out", agency_id)
    return found


def _duties_of(
    agency_id: int,
    plan_id: int,
    asked: Asked,
    today: date,
    measures: list[Any],
    actions: dict[int, list[Any]],
    units: dict[int, set[int | None]],
    people: list[Any],
    pins: dict[int, set[int]],
) -> AgencyDuties:
    month = asked.month
    in_month = {
        m.id: [(m, a) for a in actions.get(m.id, []) if in_period(m, a, month)] for m in measures
    }

    def serves(measure: Any, unit: int) -> bool:
        return unit in units.get(measure.id, {measure.unit_id})

    duties = AgencyDuties(
        agency_id,
        plan_id,
        heads=[p.line_user_id for p in people if p.role == Role.HEAD and p.line_user_id],
    )
    # people alike (the same pins, unit and role) owe the same: worked out once (a unit's
    # staff share it), and their lists shared
    alike: dict[tuple[Any, ...], tuple[list, list]] = {}
    for person in people:
        pinned = pins.get(person.id)
        key = (frozenset(pinned) if pinned is not None else None, person.unit_id, person.role)
        if key not in alike:
            mine = reports_on(person, measures, pinned, serves, duty=True)
            owed = [pair for m in mine for pair in in_month.get(m.id, [])]
            alike[key] = (owed, [(m, a) for m, a in owed if not a.settled])
        owed, missing = alike[key]
        if owed:
            on_leave = is_on_leave(person, today, asked.meeting_day)
            duties.people.append(Owing(person, owed, missing, on_leave))
    return duties
