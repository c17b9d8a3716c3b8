"""What anyone may ask: the measures and their progress, the ITA scores, free questions
(`usecases.public`).

`router` answers the commands; `questions` is the last resort before "not understood":
a message in one's own words (`understanding/`): a complaint or suggestion starts the case
form with what was typed, thanks and greetings get a friendly word, a question finds its
measure or indicator, and what fits nothing gets the whole menu and is kept anonymously.
"""

from __future__ import annotations

from collections.abc import Callable

from handlers import citizen_rating, citizen_suggest, privacy_requests
from handlers.context import Context
from handlers.router import Router
from messages_th import citizen_text as text
from messages_th import common
from messages_th.help import help_for
from reading.privacy import asks_copy_in, asks_erasure_in
from understanding import Intent, Understanding, understand_citizen
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
    _measures(ctx, found)


def _measures(ctx: Context, found: public.Measures) -> None:
    page = f"{ctx.services.settings.public_base_url.rstrip('/')}/public/{found.fiscal_year}"
    ctx.reply(text.measures(found.agency, found.fiscal_year, found.cards, page))


@router.text(pattern=text.MEASURE_NUMBER)
def measure_typed(ctx: Context) -> None:
    assert ctx.match is not None  # the route matched its pattern
    measure_detail(ctx, int(ctx.match[1]))


@router.postback("citizen.measure")
def measure_tapped(ctx: Context) -> None:
    measure_detail(ctx, ctx.event.number("m") or 0)


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
    """A message in one's own words: what it asks for first, then where in the plan."""
    if not public.may_ask(ctx.session, ctx.actor, ctx.now):
        ctx.reply(text.slow_down())
        return
    typed = ctx.event.text or ""
    said = understand_citizen(typed, public.question_candidates(ctx.session, ctx.now))
    answer = _ANSWERS.get(said.intent)
    if answer is not None:
        answer(ctx, said)
    elif said.keys:
        plan_answer(ctx, typed, said.keys[0])
    else:
        _not_understood(ctx, typed)


def answer(ctx: Context, said: Understanding) -> None:
    """What anyone may be understood to ask (thanks, a greeting, privacy, a rating, a case
    followed): the answer a citizen gets; staff's own words come here for these too."""
    _ANSWERS[said.intent](ctx, said)


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
    if asks_erasure_in(typed):
        privacy_requests.erase_my_data(ctx)
        return
    if asks_copy_in(typed):
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


_ANSWERS: dict[Intent, Callable[[Context, Understanding], object]] = {
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


def plan_answer(
    ctx: Context, typed: str, key: str, unmatched: Callable[[Context], None] | None = None
) -> None:
    """The plan's answer to a question about `key`; `unmatched` when it has none (a
    citizen's not-understood by default)."""
    match public.plan_answer(ctx.session, key, ctx.now):
        case public.Scores() as scores:
            ctx.reply(text.ita(scores))
        case public.Overview(found):
            ctx.reply(text.overview_answer())
            _measures(ctx, found)
        case public.AboutMeasure(detail):
            ctx.reply(text.measure_answer(detail.number))
            ctx.reply(text.measure_detail(detail))
        case public.AboutIndicator() as indicator:
            ctx.reply(text.indicator(indicator))
        case public.NotMatched():
            if unmatched is not None:
                unmatched(ctx)
            else:
                _not_understood(ctx, typed)


def _not_understood(ctx: Context, typed: str) -> None:
    """A citizen gets the whole menu and the question is kept, anonymously, for the agency to
    see what people ask; staff get their own help."""
    public.not_understood(ctx.session, ctx.actor, typed, ctx.now)
    ctx.reply(common.not_understood() if ctx.staff is not None else text.not_matched())
