"""Save a read plan: create it, or update it in place without touching its reports.

Measures and actions are matched by number. One that disappeared from the document is
deleted, unless reports were made on it: then it is kept, marked retired, so history stays.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, delete, select

from models.audit import audit
from models.plan import (
    Action,
    Indicator,
    Measure,
    MeasureUnit,
    Plan,
    Recommendation,
    get_or_create_unit,
    get_plan,
)
from models.progress import Report
from models.types import ident
from planimport.data import MeasureData, PlanData


@dataclass
class ImportResult:
    plan: Plan
    created: bool
    measures: int = 0
    actions: int = 0
    indicators: int = 0
    added: int = 0
    changed: int = 0
    retired: list[str] = field(default_factory=list)


def save_plan(
    session: Session, data: PlanData, *, now: datetime, source: str, actor: str = "cli"
) -> ImportResult:
    plan = get_plan(session, data.fiscal_year)
    created = plan is None
    if plan is None:
        plan = Plan(
            fiscal_year=data.fiscal_year, title="", agency="", imported_at=now, updated_at=now
        )
    plan.sqlmodel_update(
        {
            "title": data.title,
            "agency": data.agency,
            "district": data.district,
            "province": data.province,
            "ita_score": data.ita_score,
            "ita_level": data.ita_level,
            "adopted_on": data.adopted_on,
            "adopted_where": data.adopted_where,
            "source": source,
            "updated_at": now,
        }
    )
    session.add(plan)
    session.flush()
    result = ImportResult(plan=plan, created=created)
    _save_indicators(session, plan, data)
    _save_recommendations(session, plan, data)
    _save_measures(session, plan, data, result)
    result.measures = len(data.measures)
    result.actions = data.action_count
    result.indicators = len(data.indicators)
    audit(
        session,
        now,
        actor,
        "plan.import",
        f"plan:{plan.fiscal_year}",
        source=source,
        created=created,
        added=result.added,
        changed=result.changed,
        retired=result.retired,
    )
    return result


def _save_indicators(session: Session, plan: Plan, data: PlanData) -> None:
    existing = {
        i.number: i for i in session.exec(select(Indicator).where(Indicator.plan_id == plan.id))
    }
    for item in data.indicators:
        row = existing.pop(item.number, None) or Indicator(
            plan_id=ident(plan), number=item.number, name="", group=""
        )
        row.sqlmodel_update({"name": item.name, "group": item.group, "score": item.score})
        session.add(row)
    for stale in existing.values():
        session.delete(stale)


def _save_recommendations(session: Session, plan: Plan, data: PlanData) -> None:
    session.exec(delete(Recommendation).where(col(Recommendation.plan_id) == plan.id))
    for position, item in enumerate(data.recommendations, start=1):
        session.add(
            Recommendation(plan_id=ident(plan), group=item.group, position=position, text=item.text)
        )


def _save_measures(session: Session, plan: Plan, data: PlanData, result: ImportResult) -> None:
    existing = {
        m.number: m for m in session.exec(select(Measure).where(Measure.plan_id == plan.id))
    }
    for item in data.measures:
        measure = existing.pop(item.number, None)
        if measure is None:
            measure = Measure(plan_id=ident(plan), number=item.number, title=item.title)
            result.added += 1
        unit_ids = [get_or_create_unit(session, name).id for name in item.units]
        changes = {
            "title": item.title,
            "unit_id": unit_ids[0] if unit_ids else None,
            "period": item.period,
            "first_month": item.first_month,
            "last_month": item.last_month,
            "follow_up": item.follow_up,
            "retired": False,
        }
        if measure.id is not None and any(getattr(measure, k) != v for k, v in changes.items()):
            result.changed += 1
        measure.sqlmodel_update(changes)
        session.add(measure)
        session.flush()
        _save_units(session, measure, unit_ids)
        _save_actions(session, measure, item, result)
    for gone in existing.values():
        _retire_or_delete_measure(session, gone, result)


def _save_units(session: Session, measure: Measure, unit_ids: list[int | None]) -> None:
    session.exec(delete(MeasureUnit).where(col(MeasureUnit.measure_id) == measure.id))
    for position, unit_id in enumerate(unit_ids, start=1):
        if unit_id is not None and measure.id is not None:
            session.add(MeasureUnit(measure_id=measure.id, unit_id=unit_id, position=position))
    session.flush()


def _save_actions(
    session: Session, measure: Measure, item: MeasureData, result: ImportResult
) -> None:
    existing = {
        a.number: a for a in session.exec(select(Action).where(Action.measure_id == measure.id))
    }
    for action_item in item.actions:
        action = existing.pop(action_item.number, None)
        changes = {
            "text": action_item.text,
            "period": action_item.period,
            "first_month": action_item.first_month,
            "last_month": action_item.last_month,
            "retired": False,
        }
        if action is None:
            action = Action(
                measure_id=ident(measure), number=action_item.number, text=action_item.text
            )
            result.added += 1
        elif any(getattr(action, k) != v for k, v in changes.items()):
            result.changed += 1
        action.sqlmodel_update(changes)
        session.add(action)
    for gone in existing.values():
        if _has_reports(session, [gone.id]):
            gone.retired = True
            session.add(gone)
            result.retired.append(f"{measure.number}.{gone.number}")
        else:
            session.delete(gone)
    session.flush()


def _retire_or_delete_measure(session: Session, measure: Measure, result: ImportResult) -> None:
    action_ids = list(session.exec(select(Action.id).where(Action.measure_id == measure.id)))
    if _has_reports(session, action_ids):
        measure.retired = True
        session.add(measure)
        for action in session.exec(select(Action).where(Action.measure_id == measure.id)):
            action.retired = True
            session.add(action)
        result.retired.append(str(measure.number))
        return
    session.exec(delete(Action).where(col(Action.measure_id) == measure.id))
    session.exec(delete(MeasureUnit).where(col(MeasureUnit.measure_id) == measure.id))
    session.delete(measure)


def _has_reports(session: Session, action_ids: list[int | None]) -> bool:
    if not action_ids:
        return False
    return (
        session.exec(
            select(Report.id).where(col(Report.action_id).in_(action_ids)).limit(1)
        ).first()
        is not None
    )
