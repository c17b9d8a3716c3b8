"""Rating: a 1–5 rating of the agency's services with an optional comment, at most once
per person and month (the plan's satisfaction-survey action counts them)."""

from __future__ import annotations

from handlers.context import Context
from handlers.conversation import Flow
from handlers.router import Router
from messages_th import citizen_text as text
from messages_th import commands
from messages_th.thai_calendar import month_start
from messages_th.thai_input import clean
from models.citizen import Rating, rating_of

router = Router()
flow = Flow("rate")


@router.text(text.RATE)
def rate(ctx: Context) -> None:
    month = month_start(ctx.today)
    done = rating_of(ctx.session, ctx.user_id, month)
    if done is not None:
        ctx.reply(text.rated_already(done.score, month))
        return
    flow.begin(ctx, "score", {})
    ctx.reply(text.ask_rating(month))


@flow.state("score").postback("rate.score")
def score_tapped(ctx: Context) -> None:
    _score(ctx, ctx.event.data.get("s", ""))


@flow.state("score").text(when=lambda typed: True)
def score_typed(ctx: Context) -> None:
    _score(ctx, clean(ctx.event.text or "")[:1])


def _score(ctx: Context, value: str) -> None:
    if value not in {"1", "2", "3", "4", "5"}:
        ctx.reply(text.rating_not_understood())
        ctx.reply(text.ask_rating(month_start(ctx.today)))
        return
    ctx.goto("comment", s=int(value))
    ctx.reply(text.ask_comment(int(value)))


@flow.state("comment").postback("rate.skip")
def no_comment(ctx: Context) -> None:
    _save(ctx, "")


@flow.state("comment").text(when=lambda typed: True)
def comment(ctx: Context) -> None:
    typed = (ctx.event.text or "").strip()
    _save(ctx, "" if clean(typed) in text.SKIP else typed[:1000])


def _save(ctx: Context, remark: str) -> None:
    month, value = month_start(ctx.today), ctx.draft["s"]
    ctx.end()
    if rating_of(ctx.session, ctx.user_id, month) is not None:  # two forms raced: the first counts
        ctx.reply(text.rated_already(value, month))
        return
    ctx.session.add(
        Rating(
            line_user_id=ctx.user_id, month=month, score=value, comment=remark, created_at=ctx.now
        )
    )
    ctx.reply(text.rated(value))


@flow.interrupts.text(commands.CANCEL)
@flow.interrupts.postback("rate.cancel")
def cancel(ctx: Context) -> None:
    ctx.discard()
    ctx.reply(text.rating_cancelled())
