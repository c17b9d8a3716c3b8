"""What anyone may ask: the measures and their progress, the ITA scores, free questions.

`router` answers the commands; `questions` is the last resort before "not understood":
a message in one's own words (`understanding/`): a complaint or suggestion starts the case
form with what was typed, thanks and greetings get a friendly word, a question finds its
measure or indicator, and what fits nothing gets the whole menu and is kept anonymously.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from handlers import citizen_rating, citizen_suggest, privacy_requests
from handlers.context import Context
from handlers.router import Router
from messages_th import citizen_text as text
from messages_th import common, privacy_text
from messages_th.help import help_for
from messages_th.thai_calendar import fiscal_months, fiscal_year_of, month_start
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
from models.questions import keep_unanswered
from scheduler.calendar import reporting_month
from understanding import (
    ALL_SCORES,
    OVERVIEW,
    Candidate,
    Intent,
    Understanding,
    candidates_from,
    understand_citizen,
)

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
    """A message in one's own words: what it asks for first, then where in the plan."""
    if not ratelimit.allow(
        ctx.session, "question", ctx.user_id, ctx.now, limit=QUESTIONS_PER_WINDOW, window=WINDOW
    ):
        ctx.reply(text.slow_down())
        return
    plan = current_plan(ctx.session, fiscal_year_of(ctx.today))
    typed = ctx.event.text or ""
    said = understand_citizen(typed, _candidates(ctx, plan) if plan else ())
    answer = _ANSWERS.get(said.intent)
    if answer is not None:
        answer(ctx, said)
    elif said.keys and plan is not None:
        _plan_answer(ctx, plan, said.keys[0])
    else:
        _not_understood(ctx, typed)


def _case(category: str) -> Callable[[Context, Understanding], None]:
    def start(ctx: Context, said: Understanding) -> None:
        citizen_suggest.start_with_text(ctx, category, said.slots.get("text"))

    return start


def _suggestion(ctx: Context, said: Understanding) -> None:
    praise = said.slots.get("kind") == "praise"
    category = text.PRAISE_CATEGORY if praise else text.SUGGESTION_CATEGORY
    citizen_suggest.start_with_text(ctx, category, said.slots.get("text"))


def _privacy(ctx: Context, said: Understanding) -> None:
    """A request about one's personal data: its deletion or a copy, as the two privacy
    commands would (said in a longer sentence); anything else (a leak, a correction)
    reaches the staff as a case, no photo asked."""
    typed = said.slots.get("text") or ""
    if privacy_text.asks_erasure_in(typed):
        privacy_requests.erase_my_data(ctx)
        return
    if privacy_text.asks_copy_in(typed):
        privacy_requests.my_data(ctx)
        return
    ctx.reply(text.privacy_request())
    citizen_suggest.start_with_text(
        ctx, text.QUESTION_CATEGORY, said.slots.get("text"), step=citizen_suggest.Step.CONTACT
    )


def _following(ctx: Context, said: Understanding) -> None:
    if "ref" in said.slots:
        citizen_suggest.follow(ctx)
    else:
        ctx.reply(text.follow_needs_ref())


_ANSWERS: dict[Intent, Callable[[Context, Understanding], None]] = {
    Intent.COMPLAINT: _case(text.COMPLAINT_CATEGORY),
    Intent.SUGGESTION: _suggestion,
    Intent.PRIVACY: _privacy,
    Intent.RATING: lambda ctx, said: citizen_rating.rate(ctx),
    Intent.FOLLOW_CASE: _following,
    Intent.HELP: lambda ctx, said: ctx.reply(help_for(ctx.staff.role if ctx.staff else None)),
    Intent.THANKS: lambda ctx, said: ctx.reply(text.you_are_welcome()),
    Intent.GREETING: lambda ctx, said: ctx.reply(text.hello()),
    Intent.SMALL_TALK: lambda ctx, said: ctx.reply(text.small_talk()),
}


def _plan_answer(ctx: Context, plan: Plan, key: str) -> None:
    if key == ALL_SCORES:
        ctx.reply(_ita(ctx, plan))
    elif key == OVERVIEW:
        ctx.reply(text.overview_answer())
        measures(ctx)
    elif key.startswith("measure:"):
        number = int(key.split(":")[1])
        ctx.reply(text.measure_answer(number))
        measure_detail(ctx, number)
    else:
        _indicator(ctx, plan, int(key.split(":")[1]))


def _not_understood(ctx: Context, typed: str) -> None:
    """A citizen gets the whole menu and the question is kept, anonymously, for the agency to
    see what people ask; staff get their own help (another helper words it by role)."""
    if ctx.staff is not None:
        ctx.reply(common.not_understood())
        return
    keep_unanswered(ctx.session, typed, month_start(ctx.today))
    ctx.reply(text.not_matched())


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
    return candidates_from(
        (
            (m.number, m.title, [a.text for a in actions])
            for m, actions in plan_tree(ctx.session, plan)
        ),
        ((i.number, i.name) for i in indicators_of(ctx.session, plan)),
    )


def _month(ctx: Context, plan: Plan):
    """The month whose progress is shown: this reporting month, within the plan's year."""
    return min(reporting_month(ctx.session, ctx.now), fiscal_months(plan.fiscal_year)[-1])
