"""The plan of measures: imported from the agency's own document, shown whole.

Reading a document is `planimport`'s (the text, .docx and YAML/JSON readers); saving it
in place, matched by number and with reports kept, is `planimport.store.save_plan`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from fiscal import fiscal_year_of
from models.plan import (
    Action,
    Indicator,
    Measure,
    Plan,
    Recommendation,
    current_plan,
    get_plan,
    indicators_of,
    plan_tree,
    recommendations_of,
    units_by_measure,
)
from planimport.data import PlanData
from planimport.store import ImportResult, save_plan
from planimport.stored import plan_data
from usecases.actor import Actor
from usecases.results import NoPlan


def import_plan(
    session: Session, actor: Actor, data: PlanData, source: str, now: datetime
) -> ImportResult:
    """Save a plan that was read: a new one, or its fiscal year's updated in place."""
    return save_plan(session, data, now=now, source=source, actor=actor.audit_name)


@dataclass(frozen=True)
class PlanOverview:
    plan: Plan
    indicators: list[Indicator]
    recommendations: list[Recommendation]
    measures: list[tuple[Measure, list[Action]]]
    units: dict[int, list[str]]  # by measure id: the names of the units responsible for it


def plan_overview(
    session: Session, now: datetime, fiscal_year: int | None = None
) -> PlanOverview | NoPlan:
    """A fiscal year's plan (default: the one in force), whole, as a clerk reads it."""
    plan = _plan(session, now, fiscal_year)
    if plan is None:
        return NoPlan()
    return PlanOverview(
        plan,
        indicators_of(session, plan),
        recommendations_of(session, plan),
        plan_tree(session, plan),
        {m: [u.name for u in found] for m, found in units_by_measure(session, plan).items()},
    )


def plan_document(
    session: Session, now: datetime, fiscal_year: int | None = None
) -> PlanData | NoPlan:
    """A fiscal year's plan (default: the one in force) in the structured form, to correct
    and import again."""
    plan = _plan(session, now, fiscal_year)
    return NoPlan() if plan is None else plan_data(session, plan)


def _plan(session: Session, now: datetime, fiscal_year: int | None) -> Plan | None:
    if fiscal_year is None:
        return current_plan(session, fiscal_year_of(now.date()))
    return get_plan(session, fiscal_year)
