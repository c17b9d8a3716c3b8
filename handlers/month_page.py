"""The month page words (`month_page_text.ASK_WORDS`): a staff member's one-time link to
the whole month on one page."""

from __future__ import annotations

from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import month_page_text as text
from usecases import month_report

router = Router()


@router.text(text.ASK_WORDS, audience=Audience.STAFF)
def month_link(ctx: Context) -> None:
    found = month_report.month_link(ctx.session, ctx.links, ctx.actor, ctx.now)
    ctx.reply(text.month_link_card(found.month, found.url))
