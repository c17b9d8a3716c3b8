"""Rating: a 1–5 rating of the agency's services with an optional comment, at most once
per person and month (`usecases.ratings`)."""

from __future__ import annotations

from pydantic import AliasChoices, Field

from fiscal import month_start
from handlers.context import Context
from handlers.conversation import Draft, Flow
from handlers.router import Router
from messages_th import citizen_text as text
from messages_th import commands
from reading.text import clean
from usecases import ratings


class RateDraft(Draft):
    """The score given, before the comment (saved before this name as `s`)."""

    score: int | None = Field(None, validation_alias=AliasChoices("score", "s"))


router = Router()
flow = Flow("rate", RateDraft)


@router.text(text.RATE)
def rate(ctx: Context) -> None:
    done = ratings.rating_this_month(ctx.session, ctx.actor, ctx.now)
    if done is not None:
        ctx.reply(text.rated_already(done.score, done.month))
        return
    flow.begin(ctx, "score", RateDraft())
    ctx.reply(text.ask_rating(month_start(ctx.today)))


@flow.state("score").postback("rate.score")
def score_tapped(ctx: Context) -> None:
    _score(ctx, ctx.event.data.get("s", ""))


@flow.state("score").text(when=lambda typed: True)
def score_typed(ctx: Context) -> None:
    _score(ctx, clean(ctx.event.text or "")[:1])


def _score(ctx: Context, value: str) -> None:
    if value not in {str(score) for score in ratings.SCORES}:
        ctx.reply(text.rating_not_understood())
        ctx.reply(text.ask_rating(month_start(ctx.today)))
        return
    flow.goto(ctx, "comment", RateDraft(score=int(value)))
    ctx.reply(text.ask_comment(int(value)))


@flow.state("comment").postback("rate.skip")
def no_comment(ctx: Context) -> None:
    _save(ctx, "")


@flow.state("comment").text(when=lambda typed: True)
def comment(ctx: Context) -> None:
    typed = (ctx.event.text or "").strip()
    _save(ctx, "" if clean(typed) in text.SKIP else typed[:1000])


def _save(ctx: Context, remark: str) -> None:
    score = flow.draft(ctx).score
    ctx.end()
    if score is None:  # a comment step with no score: a form this version never saved
        return
    match ratings.rate_service(ctx.session, ctx.actor, score, remark, ctx.now):
        case ratings.Rated(score):
            ctx.reply(text.rated(score))
        case ratings.AlreadyRated(score, month):  # two forms raced: the first counts
            ctx.reply(text.rated_already(score, month))


@flow.interrupts.text(commands.CANCEL)
@flow.interrupts.postback("rate.cancel")
def cancel(ctx: Context) -> None:
    ctx.discard()
    ctx.reply(text.rating_cancelled())
