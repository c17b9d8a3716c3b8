"""What anyone may ask (everything here is public): the plan's measures and how far they
have come, the ITA scores, and free questions, answered with the measure or indicator that
`understanding` finds they are about. The public page shows the same plan
(`reports.year_data`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from fiscal import fiscal_months, fiscal_year_of, month_start
from models import ratelimit
from models.meetings import reporting_month
from models.plan import (
    Plan,
    Unit,
    current_plan,
    find_measure,
    indicators_of,
    plan_tree,
    recommendations_of,
)
from models.progress import progress_grid
from models.questions import keep_unanswered
from reading.contact import without_personal_data
from understanding import ALL_SCORES, OVERVIEW, Candidate, candidates_from
from usecases.actor import Actor
from usecases.results import NoPlan

#: free questions one person may ask in WINDOW
QUESTIONS_PER_WINDOW = 20
WINDOW = timedelta(minutes=10)
#: a citizen sending more than this many messages a minute is asked to slow down
FLOOD_LIMIT = 30
FLOOD_WINDOW = timedelta(minutes=1)
GROUPS = ("IIT", "EIT", "OIT")


@dataclass(frozen=True)
class MeasureCard:
    number: int
    title: str
    percent: float
    last_month: date | None  # the month of its latest report


@dataclass(frozen=True)
class Measures:
    agency: str
    fiscal_year: int
    cards: list[MeasureCard]


def measures_overview(session: Session, now: datetime) -> Measures | NoPlan:
    """The plan in force, measure by measure, as of this reporting month."""
    plan = _plan(session, now)
    if plan is None:
        return NoPlan()
    month = _month(session, plan, now)
    cards = [
        MeasureCard(
            row.measure.number,
            row.measure.title,
            row.percent(month),
            row.last_reported_month(month),
        )
        for row in progress_grid(session, plan, [month])
    ]
    return Measures(plan.agency, plan.fiscal_year, cards)


@dataclass(frozen=True)
class ActionState:
    number: int
    text: str
    percent: int
    status: str
    month: date | None  # of its latest report
    detail: str  # what its latest report said was done


@dataclass(frozen=True)
class MeasureDetail:
    number: int
    title: str
    unit: str
    period: str
    percent: float
    actions: list[ActionState]


@dataclass(frozen=True)
class NoSuchMeasure:
    number: int
    numbers: list[int]  # the plan's


def measure_detail(
    session: Session, number: int, now: datetime
) -> MeasureDetail | NoSuchMeasure | NoPlan:
    """One measure: its unit, period, progress and each action's latest result."""
    plan = _plan(session, now)
    if plan is None:
        return NoPlan()
    measure = find_measure(session, plan, number)
    month = _month(session, plan, now)
    grid = progress_grid(session, plan, [month])
    if measure is None:
        return NoSuchMeasure(number, [row.measure.number for row in grid])
    row = next(r for r in grid if r.measure.id == measure.id)
    unit = session.get(Unit, measure.unit_id) if measure.unit_id else None
    actions = []
    for action in row.actions:
        latest = action.latest(month)
        actions.append(
            ActionState(
                action.action.number,
                action.action.text,
                action.percent(month),
                action.status(month),
                latest.month if latest else None,
                latest.detail if latest else "",
            )
        )
    return MeasureDetail(
        measure.number,
        measure.title,
        unit.name if unit else "",
        measure.period,
        row.percent(month),
        actions,
    )


@dataclass(frozen=True)
class Scores:
    agency: str
    fiscal_year: int
    score: float | None
    level: str | None
    #: per group (IIT, EIT, OIT) that has any: its indicators' number, name and score
    groups: list[tuple[str, list[tuple[int, str, float | None]]]]


def ita_scores(session: Session, now: datetime) -> Scores | NoPlan:
    plan = _plan(session, now)
    return NoPlan() if plan is None else _scores(session, plan)


def _scores(session: Session, plan: Plan) -> Scores:
    indicators = indicators_of(session, plan)
    groups = [
        (g, [(i.number, i.name, i.score) for i in indicators if i.group == g]) for g in GROUPS
    ]
    return Scores(
        plan.agency, plan.fiscal_year, plan.ita_score, plan.ita_level, [g for g in groups if g[1]]
    )


# -- free questions -------------------------------------------------------------------------


def may_speak(session: Session, actor: Actor, now: datetime) -> bool:
    """Whether a message is taken from this person now: a citizen's are counted (more than
    FLOOD_LIMIT a minute are not); staff are trusted, and known."""
    if actor.staff is not None or not actor.line_user_id:
        return True
    return ratelimit.allow(
        session, "flood", actor.line_user_id, now, limit=FLOOD_LIMIT, window=FLOOD_WINDOW
    )


@dataclass(frozen=True)
class NotMatched:
    """Nothing in the plan answers it."""


@dataclass(frozen=True)
class AboutMeasure:
    detail: MeasureDetail


@dataclass(frozen=True)
class AboutIndicator:
    number: int
    name: str
    group: str
    score: float | None
    rank: int  # by score, highest first
    count: int
    advice: str | None  # the plan's recommendation for its group


@dataclass(frozen=True)
class Overview:
    """A question about the plan's theme in general: all the measures."""

    measures: Measures


def may_ask(session: Session, actor: Actor, now: datetime) -> bool:
    """Whether a free question is taken from this person now (QUESTIONS_PER_WINDOW in
    WINDOW)."""
    asker = actor.line_user_id or ""
    return ratelimit.allow(
        session, "question", asker, now, limit=QUESTIONS_PER_WINDOW, window=WINDOW
    )


def question_candidates(session: Session, now: datetime) -> tuple[Candidate, ...]:
    """What a free question may be about: the plan in force's measures (with their actions)
    and indicators, for `understanding` to match; none without a plan."""
    plan = _plan(session, now)
    return _candidates(session, plan) if plan else ()


def plan_answer(
    session: Session, key: str, now: datetime
) -> Scores | Overview | AboutMeasure | AboutIndicator | NotMatched:
    """The answer to a question `understanding` found to be about `key` (all the scores,
    the overview, a measure, an indicator)."""
    plan = _plan(session, now)
    if plan is None:
        return NotMatched()
    if key == ALL_SCORES:
        return _scores(session, plan)
    if key == OVERVIEW:
        found = measures_overview(session, now)
        return Overview(found) if isinstance(found, Measures) else NotMatched()
    kind, number = key.split(":")
    if kind == "measure":
        detail = measure_detail(session, int(number), now)
        return AboutMeasure(detail) if isinstance(detail, MeasureDetail) else NotMatched()
    return _indicator(session, plan, int(number))


def not_understood(session: Session, actor: Actor, question: str, now: datetime) -> None:
    """A citizen's question nothing answered, kept for the agency to read: anonymously (no
    LINE account, the month only, personal data taken out of the words)."""
    if actor.staff is None:
        keep_unanswered(session, without_personal_data(question), month_start(now.date()))


def _indicator(session: Session, plan: Plan, number: int) -> AboutIndicator | NotMatched:
    indicators = sorted(indicators_of(session, plan), key=lambda i: -(i.score or 0))
    found = next((i for i in indicators if i.number == number), None)
    if found is None:
        return NotMatched()
    advice = next(
        (r.text for r in recommendations_of(session, plan) if r.group == found.group), None
    )
    return AboutIndicator(
        found.number,
        found.name,
        found.group,
        found.score,
        indicators.index(found) + 1,
        len(indicators),
        advice,
    )


def _candidates(session: Session, plan: Plan) -> tuple[Candidate, ...]:
    return candidates_from(
        ((m.number, m.title, [a.text for a in actions]) for m, actions in plan_tree(session, plan)),
        ((i.number, i.name) for i in indicators_of(session, plan)),
    )


def _plan(session: Session, now: datetime) -> Plan | None:
    return current_plan(session, fiscal_year_of(now.date()))


def _month(session: Session, plan: Plan, now: datetime) -> date:
    """The month whose progress is shown: this reporting month, within the plan's year."""
    return min(reporting_month(session, now), fiscal_months(plan.fiscal_year)[-1])
