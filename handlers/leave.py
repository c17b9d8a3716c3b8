"""Leave: staff say they are away (no reminders, shown as on leave), and when they are back."""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import leave_text
from reading.leave import LeaveDays, LeaveUntil, is_back, read_leave
from usecases import leave as usecase

router = Router()


#: `read_leave` needs a today to resolve a date; whether text is about leave does not
_ANY_DAY = date(2000, 1, 1)


def _about_leave(text: str) -> bool:
    return read_leave(text, _ANY_DAY) is not None


@router.text(when=is_back, audience=Audience.STAFF)
def back(ctx: Context) -> None:
    match usecase.come_back(ctx.session, ctx.actor, ctx.now):
        case usecase.Back():
            ctx.reply(leave_text.back())
        case usecase.WasNotOnLeave():
            ctx.reply(leave_text.was_not_on_leave())


def take(ctx: Context, slots: dict[str, Any]) -> None:
    """Leave as `understanding` read it (staff's own words reach here through
    `staff_requests`): a last day, or a number of working days."""
    end, days = slots.get("end"), slots.get("days")
    if end is None and days is None:  # the fixed form reads what the words did not (a past day)
        fixed = read_leave(ctx.event.text or "", ctx.today)
        end = fixed.day if isinstance(fixed, LeaveUntil) else None
        days = fixed.days if isinstance(fixed, LeaveDays) else None
    if days is not None and end is None:
        taken = usecase.take_leave(ctx.session, ctx.actor, ctx.now, working_days=days)
    elif end is not None:
        taken = usecase.take_leave(ctx.session, ctx.actor, ctx.now, until=end)
    else:
        ctx.reply(leave_text.unclear())
        return
    match taken:
        case usecase.OnLeave(until):
            ctx.reply(leave_text.on_leave(until))
        case usecase.BadLength():
            ctx.reply(leave_text.unclear())
        case usecase.InThePast(until):
            ctx.reply(leave_text.in_the_past(until))
        case usecase.TooLong(until):
            ctx.reply(leave_text.too_long(until))


@router.text(when=lambda text: is_back(text) or _about_leave(text), audience=Audience.CITIZEN)
def not_staff(ctx: Context) -> None:
    ctx.reply(leave_text.staff_only())
