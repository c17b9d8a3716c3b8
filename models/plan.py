"""The plan of measures for one fiscal year, its ITA scores, measures and actions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint, bindparam, func
from sqlmodel import Field, Session, col, select

from models.base import metadata  # noqa: F401  (the naming convention must come first)
from models.tenancy import AgencyOwned
from models.types import AwareDateTime


class Plan(AgencyOwned, table=True):
    __table_args__ = (UniqueConstraint("agency_id", "fiscal_year"),)

    id: int | None = Field(default=None, primary_key=True)
    fiscal_year: int = Field(description="Buddhist Era, e.g. 2565")
    title: str
    agency: str
    district: str = ""
    province: str = ""
    ita_score: float | None = None
    ita_level: str | None = Field(
        default=None, max_length=16, description="AA, A … F, or since 2566 pass / fail (in Thai)"
    )
    adopted_on: date | None = Field(default=None, description="the meeting that set the measures")
    adopted_where: str = ""
    source: str = ""
    imported_at: datetime = Field(sa_type=AwareDateTime)
    updated_at: datetime = Field(sa_type=AwareDateTime)


class Indicator(AgencyOwned, table=True):
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE")
    number: int
    name: str
    group: str = Field(max_length=8)
    score: float | None = None


class Recommendation(AgencyOwned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    group: str = Field(max_length=16)
    position: int
    text: str


class Unit(AgencyOwned, table=True):
    """A responsible unit, e.g. the municipal clerk's office."""

    __table_args__ = (UniqueConstraint("agency_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field()


class Measure(AgencyOwned, table=True):
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE")
    number: int
    title: str
    unit_id: int | None = Field(
        default=None, foreign_key="unit.id", description="the main unit; all are in MeasureUnit"
    )
    period: str = ""
    first_month: date | None = Field(default=None, description="the period, where readable")
    last_month: date | None = None
    follow_up: str = ""
    retired: bool = Field(default=False, description="gone from a re-import but has reports")


class MeasureUnit(AgencyOwned, table=True):
    """Every unit responsible for a measure (a plan may name several), the main one first."""

    measure_id: int = Field(foreign_key="measure.id", primary_key=True, ondelete="CASCADE")
    unit_id: int = Field(foreign_key="unit.id", primary_key=True, index=True)
    position: int = 1


class Action(AgencyOwned, table=True):
    __table_args__ = (UniqueConstraint("measure_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = Field(foreign_key="measure.id", ondelete="CASCADE")
    number: int
    text: str
    period: str = Field(default="", description="the action's own period, if written")
    first_month: date | None = None
    last_month: date | None = None
    retired: bool = False


def in_period(measure: Measure, action: Action, month: date) -> bool:
    """Whether `month` lies in the action's period (or else its measure's). A period that
    could not be read as months holds all year."""
    first, last = (
        (action.first_month, action.last_month)
        if action.first_month or action.last_month
        else (measure.first_month, measure.last_month)
    )
    return (first is None or first <= month) and (last is None or month <= last)


# -- queries ---------------------------------------------------------------------------


def get_plan(session: Session, fiscal_year: int) -> Plan | None:
    return session.exec(select(Plan).where(Plan.fiscal_year == fiscal_year)).first()


#: The plan in force in fiscal year `:year`, as a value to use in any statement: the plan
#: of that year, else the latest one before it (a plan runs on until it is replaced), else
#: the first there is (a year before any plan). The one definition of the rule.
PLAN_IN_FORCE = func.coalesce(
    select(Plan.id)
    .where(col(Plan.fiscal_year) <= bindparam("year"))
    .order_by(col(Plan.fiscal_year).desc())
    .limit(1)
    .scalar_subquery(),
    select(Plan.id).order_by(col(Plan.fiscal_year)).limit(1).scalar_subquery(),
)

# Every staff message reads the plan, the person's measures and the action it names:
# these statements are built once (SQLAlchemy then neither builds nor keys them again).
_PLAN_IN_FORCE = select(Plan).where(col(Plan.id) == PLAN_IN_FORCE)
_MEASURES = (
    select(Measure)
    .where(col(Measure.plan_id) == bindparam("plan_id"), col(Measure.retired).is_(False))
    .order_by(col(Measure.number))
)
_ACTION = (
    select(Action)
    .join(Measure, col(Measure.id) == Action.measure_id)
    .where(col(Measure.plan_id) == bindparam("plan_id"))
    .where(col(Measure.number) == bindparam("measure_no"))
    .where(col(Action.number) == bindparam("action_no"))
    .where(col(Action.retired).is_(False), col(Measure.retired).is_(False))
)


def current_plan(session: Session, fiscal_year: int) -> Plan | None:
    """The plan in force in `fiscal_year` (`PLAN_IN_FORCE`); None when there is no plan."""
    return session.exec(_PLAN_IN_FORCE, params={"year": fiscal_year}).first()


def list_plans(session: Session) -> list[Plan]:
    return list(session.exec(select(Plan).order_by(col(Plan.fiscal_year))))


def measures_of(session: Session, plan: Plan, *, include_retired: bool = False) -> list[Measure]:
    if not include_retired:
        return list(session.exec(_MEASURES, params={"plan_id": plan.id}))
    query = select(Measure).where(Measure.plan_id == plan.id)
    return list(session.exec(query.order_by(col(Measure.number))))


def actions_of(
    session: Session, measure: Measure, *, include_retired: bool = False
) -> list[Action]:
    query = select(Action).where(Action.measure_id == measure.id)
    if not include_retired:
        query = query.where(col(Action.retired).is_(False))
    return list(session.exec(query.order_by(col(Action.number))))


def plan_tree(session: Session, plan: Plan) -> list[tuple[Measure, list[Action]]]:
    """Measures with their actions in two queries, for pages and reports that show them all."""
    measures = measures_of(session, plan)
    by_measure: dict[int, list[Action]] = {m.id: [] for m in measures if m.id is not None}
    actions = session.exec(
        select(Action)
        .where(col(Action.measure_id).in_(list(by_measure)))
        .where(col(Action.retired).is_(False))
        .order_by(col(Action.measure_id), col(Action.number))
    )
    for action in actions:
        by_measure[action.measure_id].append(action)
    return [(m, by_measure[m.id]) for m in measures if m.id is not None]


def find_measure(session: Session, plan: Plan, number: int) -> Measure | None:
    return session.exec(
        select(Measure)
        .where(Measure.plan_id == plan.id, Measure.number == number)
        .where(col(Measure.retired).is_(False))
    ).first()


def find_action(session: Session, plan: Plan, measure_no: int, action_no: int) -> Action | None:
    params = {"plan_id": plan.id, "measure_no": measure_no, "action_no": action_no}
    return session.exec(_ACTION, params=params).first()


def indicators_of(session: Session, plan: Plan) -> list[Indicator]:
    return list(
        session.exec(
            select(Indicator).where(Indicator.plan_id == plan.id).order_by(col(Indicator.number))
        )
    )


def recommendations_of(session: Session, plan: Plan) -> list[Recommendation]:
    return list(
        session.exec(
            select(Recommendation)
            .where(Recommendation.plan_id == plan.id)
            .order_by(col(Recommendation.position))
        )
    )


def get_or_create_unit(session: Session, name: str) -> Unit:
    unit = session.exec(select(Unit).where(Unit.name == name)).first()
    if unit is None:
        unit = Unit(name=name)
        session.add(unit)
        session.flush()
    return unit


def units_by_measure(session: Session, plan: Plan) -> dict[int, list[Unit]]:
    """Each measure's units in order (the main unit first), in one query."""
    rows = session.exec(
        select(MeasureUnit.measure_id, Unit)
        .join(Unit, col(Unit.id) == MeasureUnit.unit_id)
        .join(Measure, col(Measure.id) == MeasureUnit.measure_id)
        .where(Measure.plan_id == plan.id)
        .order_by(col(MeasureUnit.measure_id), col(MeasureUnit.position))
    )
    found: dict[int, list[Unit]] = {}
    for measure_id, unit in rows:
        found.setdefault(measure_id, []).append(unit)
    return found


def unit_by_name(session: Session, name: str) -> Unit | None:
    return session.exec(select(Unit).where(Unit.name == name)).first()
