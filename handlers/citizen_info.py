"""What anyone may ask: the measures and their progress, the ITA scores, free questions.

`router` answers the commands; `questions` is the last resort before "not understood":
it finds the measure or indicator a free question is about.
"""

from __future__ import annotations

from datetime import timedelta

from handlers.context import Context
from handlers.router import Router
from messages_th import citizen_text as text
from messages_th.question_match import Candidate, best_match
from messages_th.thai_calendar import fiscal_months, fiscal_year_of
from models import ratelimit
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
from scheduler.calendar import reporting_month

router = Router()
questions = Router()

QUESTIONS_PER_WINDOW = 20
WINDOW = timedelta(minutes=10)


def _plan(ctx: Context) -> Plan | None:
    plan = current_plan(ctx.session, fiscal_year_of(ctx.today))
    if plan is None:
        ctx.reply(text.no_plan())
    return plan


@router.text(text.MEASURES)
def measures(ctx: Context) -> None:
    plan = _plan(ctx)
    if plan is None:
        return
    month = _month(ctx, plan)
    cards = [
        text.MeasureCard(
            row.measure.number,
            row.measure.title,
            row.percent(month),
            row.last_reported_month(month),
        )
        for row in progress_grid(ctx.session, plan, [month])
    ]
    page = f"{ctx.services.settings.public_base_url.rstrip('/')}/public/{plan.fiscal_year}"
    ctx.reply(text.measures(plan.agency, plan.fiscal_year, cards, page))


@router.text(pattern=text.MEASURE_NUMBER)
def measure_typed(ctx: Context) -> None:
    measure_detail(ctx, int(ctx.match[1]))


@router.postback("citizen.measure")
def measure_tapped(ctx: Context) -> None:
    measure_detail(ctx, ctx.event.number("m") or 0)


def measure_detail(ctx: Context, number: int) -> None:
    plan = _plan(ctx)
    if plan is None:
        return
    measure = find_measure(ctx.session, plan, number)
    month = _month(ctx, plan)
    grid = progress_grid(ctx.session, plan, [month])
    if measure is None:
        ctx.reply(text.no_such_measure(number, [row.measure.number for row in grid]))
        return
    row = next(r for r in grid if r.measure.id == measure.id)
    unit = ctx.session.get(Unit, measure.unit_id) if measure.unit_id else None
    actions = []
    for action in row.actions:
        latest = action.latest(month)
        actions.append(
            text.ActionLine(
                action.action.number,
                action.action.text,
                action.percent(month),
                action.status(month),
                latest.month if latest else None,
                latest.detail if latest else "",
            )
        )
    ctx.reply(
        text.measure_detail(
            measure.number,
            measure.title,
            unit.name if unit else "",
            measure.period,
            row.percent(month),
            actions,
        )
    )


@router.text(text.ITA)
def ita(ctx: Context) -> None:
    plan = _plan(ctx)
    if plan is not None:
        ctx.reply(_ita(ctx, plan))


def _ita(ctx: Context, plan: Plan):
    indicators = indicators_of(ctx.session, plan)
    groups = [
        (g, [(i.number, i.name, i.score) for i in indicators if i.group == g])
        for g in ("IIT", "EIT", "OIT")
    ]
    return text.ita(
        plan.agency, plan.fiscal_year, plan.ita_score, plan.ita_level, [g for g in groups if g[1]]
    )


@questions.text(when=lambda typed: True)
def free_question(ctx: Context) -> None:
    if not ratelimit.allow(
        ctx.session, "question", ctx.user_id, ctx.now, limit=QUESTIONS_PER_WINDOW, window=WINDOW
    ):
        ctx.reply(text.slow_down())
        return
    plan = current_plan(ctx.session, fiscal_year_of(ctx.today))
    if plan is None:
        ctx.reply(text.not_matched())
        return
    match = best_match(ctx.event.text or "", _candidates(ctx, plan))
    if match is None:
        ctx.reply(text.not_matched())
    elif match.key == "ita":
        ctx.reply(_ita(ctx, plan))
    elif match.key.startswith("measure:"):
        number = int(match.key.split(":")[1])
        ctx.reply(text.measure_answer(number))
        measure_detail(ctx, number)
    else:
        _indicator(ctx, plan, int(match.key.split(":")[1]))


def _indicator(ctx: Context, plan: Plan, number: int) -> None:
    indicators = sorted(indicators_of(ctx.session, plan), key=lambda i: -(i.score or 0))
    found = next(i for i in indicators if i.number == number)
    advice = next(
        (r.text for r in recommendations_of(ctx.session, plan) if r.group == found.group), None
    )
    ctx.reply(
        text.indicator(
            found.number,
            found.name,
            found.group,
            found.score,
            indicators.index(found) + 1,
            len(indicators),
            advice,
        )
    )


def _candidates(ctx: Context, plan: Plan) -> tuple[Candidate, ...]:
    measures = tuple(
        Candidate(f"measure:{m.number}", (m.title, *(a.text for a in actions)))
        for m, actions in plan_tree(ctx.session, plan)
    )
    indicators = tuple(
        Candidate(f"indicator:{i.number}", (i.name,)) for i in indicators_of(ctx.session, plan)
    )
    return measures + indicators


def _month(ctx: Context, plan: Plan):
    """The month whose progress is shown: this reporting month, within the plan's year."""
    return min(reporting_month(ctx.session, ctx.now), fiscal_months(plan.fiscal_year)[-1])
