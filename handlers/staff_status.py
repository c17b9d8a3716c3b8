"""Status: what this person has and has not reported this month, measure by measure."""

from __future__ import annotations

from fiscal import fiscal_year_of
from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import staff_chat
from models.plan import current_plan
from models.progress import progress_grid
from models.staff import measures_for
from scheduler.calendar import reporting_month

router = Router()


@router.text(staff_chat.STATUS, audience=Audience.STAFF)
def status(ctx: Context) -> None:
    plan = current_plan(ctx.session, fiscal_year_of(ctx.today))
    if plan is None:
        ctx.reply(staff_chat.no_plan())
        return
    mine = {m.id for m in measures_for(ctx.session, ctx.staff, plan)}
    if not mine:
        ctx.reply(staff_chat.nothing_assigned())
        return
    month = reporting_month(ctx.session, ctx.now)
    cards = []
    for row in progress_grid(ctx.session, plan, [month]):
        if row.measure.id not in mine:
            continue
        actions = [
            staff_chat.ActionLine(
                row.measure.number,
                a.action.number,
                a.action.text,
                a.percent(month),
                a.reported(month),
            )
            for a in row.actions
        ]
        cards.append((row.measure.number, row.measure.title, row.percent(month), actions))
    ctx.reply(staff_chat.status(month, cards, ctx.staff.on_leave_until))
