"""What anyone may ask: the measures and their progress, the ITA scores, free questions
(`usecases.public`).

`router` answers the commands; `questions` is the last resort before "not understood":
it finds the measure or indicator a free question is about.
"""

from __future__ import annotations

from handlers.context import Context
from handlers.router import Router
from messages_th import citizen_text as text
from usecases import public
from usecases.results import NoPlan

router = Router()
questions = Router()


@router.text(text.MEASURES)
def measures(ctx: Context) -> None:
    found = public.measures_overview(ctx.session, ctx.now)
    if isinstance(found, NoPlan):
        ctx.reply(text.no_plan())
        return
    page = f"{ctx.services.settings.public_base_url.rstrip('/')}/public/{found.fiscal_year}"
    ctx.reply(text.measures(found.agency, found.fiscal_year, found.cards, page))


@router.text(pattern=text.MEASURE_NUMBER)
def measure_typed(ctx: Context) -> None:
    assert ctx.match is not None  # the route matched its pattern
    measure_detail(ctx, int(ctx.match[1]))


@router.postback("citizen.measure")
def measure_tapped(ctx: Context) -> None:
    number = ctx.event.data.get("m", "")
    measure_detail(ctx, int(number) if number.isdigit() else 0)


def measure_detail(ctx: Context, number: int) -> None:
    match public.measure_detail(ctx.session, number, ctx.now):
        case NoPlan():
            ctx.reply(text.no_plan())
        case public.NoSuchMeasure(number, numbers):
            ctx.reply(text.no_such_measure(number, numbers))
        case public.MeasureDetail() as detail:
            ctx.reply(text.measure_detail(detail))


@router.text(text.ITA)
def ita(ctx: Context) -> None:
    scores = public.ita_scores(ctx.session, ctx.now)
    ctx.reply(text.no_plan() if isinstance(scores, NoPlan) else text.ita(scores))


@questions.text(when=lambda typed: True)
def free_question(ctx: Context) -> None:
    match public.answer_question(ctx.session, ctx.actor, ctx.event.text or "", ctx.now):
        case public.SlowDown():
            ctx.reply(text.slow_down())
        case public.NotMatched():
            ctx.reply(text.not_matched())
        case public.Scores() as scores:
            ctx.reply(text.ita(scores))
        case public.AboutMeasure(detail):
            ctx.reply(text.measure_answer(detail.number))
            ctx.reply(text.measure_detail(detail))
        case public.AboutIndicator() as indicator:
            ctx.reply(text.indicator(indicator))
