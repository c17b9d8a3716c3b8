"""The summary's nudge button: a head confirms, then each person still missing a report
this month is sent one push (`usecases.nudge`)."""

from __future__ import annotations

from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import follow_up_text as text
from usecases import nudge
from usecases.results import NoPlan

router = Router()


@router.postback("summary.nudge", audience=Audience.HEAD, in_groups=True)
def ask(ctx: Context) -> None:
    found = nudge.to_nudge(ctx.session, ctx.actor, ctx.now)
    if isinstance(found, NoPlan):
        ctx.reply(text.no_summary())
        return
    ctx.reply(text.nudge_confirm(found.month, found.names))


@router.postback("summary.nudge.go", audience=Audience.HEAD, in_groups=True)
def go(ctx: Context) -> None:
    done = nudge.nudge_missing(ctx.session, ctx.actor, ctx.services.links, ctx.now)
    if isinstance(done, NoPlan):
        ctx.reply(text.no_summary())
        return
    ctx.reply(text.nudged(done.month, done.queued, done.already))


@router.postback("summary.nudge.no", audience=Audience.HEAD, in_groups=True)
def not_sent(ctx: Context) -> None:
    ctx.reply(text.nudge_not_sent())
