"""Help for the user's role: citizen, staff, head, admin; and in a group chat."""

from __future__ import annotations

from handlers.context import Context
from handlers.router import Router
from messages_th import commands
from messages_th.help import help_for

router = Router()


@router.text(commands.HELP, commands.GREETING, in_groups=True)
def help_by_role(ctx: Context) -> None:
    ctx.reply(help_for(ctx.staff.role if ctx.staff else None, in_group=ctx.event.in_group))
