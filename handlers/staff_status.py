"""Status: what this person has and has not reported this month, measure by measure."""

from __future__ import annotations

from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import staff_chat
from usecases import photos, reporting

router = Router()


@router.text(staff_chat.STATUS, audience=Audience.STAFF)
def status(ctx: Context) -> None:
    found = reporting.status_of(ctx.session, ctx.actor, ctx.now)
    if isinstance(found, reporting.NoPlan):
        ctx.reply(staff_chat.no_plan())
    elif isinstance(found, reporting.NothingAssigned):
        ctx.reply(staff_chat.nothing_assigned())
    else:
        link = photos.month_photos_link(ctx.session, ctx.links, ctx.now)
        ctx.reply(staff_chat.status(found, link))
