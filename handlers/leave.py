"""Leave: staff say they are away (no reminders, shown as on leave), and when they are back."""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import leave_text
from reading.leave import LeaveDays, LeaveUntil, is_back, is_cancel, read_leave
from usecases import leave as usecase

router = Router()


#: `read_leave` needs a today to resolve a date; whether text is about leave does not
_ANY_DAY = date(2000, 1, 1)


def _about_leave(text: str) -> bool:
    return read_leave(text, _ANY_DAY) is not None


@router.text(when=is_back, audience=Audience.STAFF)
def back(ctx: Context) -> None:
    if is_cancel(ctx.event.text or ""):
        cancel(ctx, {})
        return
    match usecase.come_back(ctx.session, ctx.actor, ctx.now):
        case usecase.Back():
            ctx.reply(leave_text.back())
        case usecase.WasNotOnLeave():
            ctx.reply(leave_text.was_not_on_leave())


def take(ctx: Context, slots: dict[str, Any]) -> None:
    """Leave as `understanding` read it (staff's own words reach here through
    `staff_requests`): a range (booked ahead when it starts after today), a last day, or a
    number of working days; with no day said, LINE's date picker."""
    start, end, days = slots.get("start"), slots.get("end"), slots.get("days")
    if end is None and days is None:  # the fixed form reads what the words did not (a past day)
        fixed = read_leave(ctx.event.text or "", ctx.today)
        end = fixed.day if isinstance(fixed, LeaveUntil) else None
        days = fixed.days if isinstance(fixed, LeaveDays) else None
    if days is not None and end is None:
        taken = usecase.take_leave(ctx.session, ctx.actor, ctx.now, working_days=days, start=start)
    elif end is not None:
        taken = usecase.take_leave(ctx.session, ctx.actor, ctx.now, until=end, start=start)
    else:
        ctx.reply(leave_text.ask_dates(ctx.today))
        return
    _answer(ctx, taken)


def _answer(
    ctx: Context,
    taken: usecase.OnLeave | usecase.BadLength | usecase.InThePast | usecase.TooLong,
) -> None:
    match taken:
        case usecase.OnLeave(until, start):
            ctx.reply(leave_text.on_leave(until, start))
        case usecase.BadLength():
            ctx.reply(leave_text.unclear())
        case usecase.InThePast(until):
            ctx.reply(leave_text.in_the_past(until))
        case usecase.TooLong(until):
            ctx.reply(leave_text.too_long(until))


@router.postback("leave.pick", audience=Audience.STAFF)
def picked(ctx: Context) -> None:
    """A day from LINE's date picker (`params.date`): the last day (from today, or from
    the first day picked before), or the first day of a leave booked ahead."""
    kind = ctx.event.data.get("k")
    day = _day(ctx.event.params.get("date"))
    first = _day(ctx.event.data.get("f"))
    if kind == "one" and first is not None:
        _answer(ctx, usecase.take_leave(ctx.session, ctx.actor, ctx.now, until=first, start=first))
    elif day is None:
        ctx.reply(leave_text.ask_dates(ctx.today))
    elif kind == "from":
        ctx.reply(leave_text.ask_until(day))
    else:
        _answer(ctx, usecase.take_leave(ctx.session, ctx.actor, ctx.now, until=day, start=first))


def cancel(ctx: Context, slots: dict[str, Any]) -> None:
    """A leave cancelled, now or booked ahead (on the days named, when some were)."""
    match usecase.cancel_leave(
        ctx.session, ctx.actor, ctx.now, slots.get("start"), slots.get("end")
    ):
        case usecase.LeaveCancelled(start, until):
            ctx.reply(leave_text.cancelled(start, until))
        case usecase.NoLeaveBooked():
            ctx.reply(leave_text.nothing_booked())


def _day(value: object) -> date | None:
    """An ISO day from a postback (LINE's picker, or our own data); None if it is not one."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@router.postback("leave.pick", audience=Audience.CITIZEN)
@router.text(when=lambda text: is_back(text) or _about_leave(text), audience=Audience.CITIZEN)
def not_staff(ctx: Context) -> None:
    ctx.reply(leave_text.staff_only())
