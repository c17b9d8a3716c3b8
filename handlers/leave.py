"""Leave: staff say they are away (no reminders, shown as on leave), and when they are back."""

from __future__ import annotations

from datetime import date, timedelta

from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import leave_text
from messages_th.leave_input import LeaveDays, LeaveUnclear, is_back, read_leave
from models.audit import audit
from models.staff import is_on_leave
from scheduler.calendar import WorkingDays

router = Router()
LONGEST = timedelta(days=366)


#: `read_leave` needs a today to resolve a date; whether text is about leave does not
_ANY_DAY = date(2000, 1, 1)


def _about_leave(text: str) -> bool:
    return read_leave(text, _ANY_DAY) is not None


@router.text(when=is_back, audience=Audience.STAFF)
def back(ctx: Context) -> None:
    if not is_on_leave(ctx.staff, ctx.today):
        ctx.reply(leave_text.was_not_on_leave())
        return
    ctx.staff.on_leave_until = None
    ctx.session.add(ctx.staff)
    audit(ctx.session, ctx.now, f"staff:{ctx.staff.id}", "staff.back")
    ctx.reply(leave_text.back())


@router.text(when=_about_leave, audience=Audience.STAFF)
def leave(ctx: Context) -> None:
    said = read_leave(ctx.event.text or "", ctx.today)
    if isinstance(said, LeaveUnclear) or said is None:
        ctx.reply(leave_text.unclear())
        return
    if isinstance(said, LeaveDays):
        if not 1 <= said.days <= 250:
            ctx.reply(leave_text.unclear())
            return
        until = WorkingDays(ctx.session).nth_from(ctx.today, said.days)
    else:
        until = said.day
    if until < ctx.today:
        ctx.reply(leave_text.in_the_past(until))
        return
    if until - ctx.today > LONGEST:
        ctx.reply(leave_text.too_long(until))
        return
    ctx.staff.on_leave_until = until
    ctx.session.add(ctx.staff)
    audit(ctx.session, ctx.now, f"staff:{ctx.staff.id}", "staff.leave", until=until.isoformat())
    ctx.reply(leave_text.on_leave(until))


@router.text(when=lambda text: is_back(text) or _about_leave(text), audience=Audience.CITIZEN)
def not_staff(ctx: Context) -> None:
    ctx.reply(leave_text.staff_only())
