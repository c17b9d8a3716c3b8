"""The console's meetings and days off: the year's calendar with the rule, one meeting set
or moved (or back to the rule), a day off added or removed: `usecases.meetings`, as the
`meetings …` and `holidays …` commands and the meeting command in LINE."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from flask import flash, redirect, render_template, request, url_for

from console.guard import HEAD_OR_ADMIN, acting, console_route
from console.views import bp
from messages_th import console_text as t
from messages_th.follow_up_text import WEEKDAYS, rule_name
from messages_th.thai_calendar import format_date, format_month
from models.db import get_session
from models.meetings import make_rule
from plain_text import plain
from services import services
from usecases import meetings


@console_route(bp, "/meetings", roles=HEAD_OR_ADMIN, nav=t.NAV_MEETINGS, order=40)
def meetings_page() -> Any:
    return _page()


def _page(error: str | None = None, status: int = 200) -> Any:
    db, now = get_session(), services().clock.now()
    found = meetings.meetings_of(db, now)
    return (
        render_template(
            "console/meetings.html",
            m=found,
            rule=rule_name(found.rule),
            weekdays=WEEKDAYS,
            days_off=meetings.days_off(db),
            day=format_date,
            month_name=format_month,
            error=error,
        ),
        status,
    )


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _time(value: str | None) -> time | bool | None:
    """A time, None when not given, False when given wrong."""
    if not (value or "").strip():
        return None
    try:
        return time.fromisoformat((value or "").strip())
    except ValueError:
        return False


@console_route(bp, "/meetings/set", roles=HEAD_OR_ADMIN, methods=("POST",))
def set_meeting() -> Any:
    day, month, at = (
        _day(request.form.get("day")),
        _day(request.form.get("month")),
        _time(request.form.get("at")),
    )
    if day is None or month is None:
        return _page(t.BAD_DAY, 400)
    if at is False:
        return _page(t.BAD_TIME, 400)
    assert at is None or isinstance(at, time)
    done = meetings.set_meeting(
        get_session(), acting(), day, at, services().clock.now(), month.replace(day=1)
    )
    flash(t.meeting_set(format_date(done.meeting.day), done.working_day, done.holiday))
    return redirect(url_for(".meetings_page"), code=303)


@console_route(bp, "/meetings/rule", roles=HEAD_OR_ADMIN, methods=("POST",))
def set_rule() -> Any:
    """The rule of every month not set by hand (as `meetings rule`)."""
    kind = request.form.get("kind", "")
    wanted = {
        "last-working-day": [],
        "day": [request.form.get("day", "")],
        "weekday": [request.form.get("weekday", ""), request.form.get("n", "")],
    }.get(kind)
    at = _time(request.form.get("at"))
    numbers = [int(v) for v in wanted or [] if v.strip().lstrip("-").isdecimal() and len(v) < 4]
    rule = make_rule(kind, numbers) if wanted is not None and len(numbers) == len(wanted) else None
    if rule is None:
        return _page(t.BAD_RULE, 400)
    if at is False:
        return _page(t.BAD_TIME, 400)
    assert at is None or isinstance(at, time)
    done = meetings.set_rule(get_session(), acting(), rule, at, services().clock.now())
    flash(t.rule_changed(rule_name(rule), done.strftime("%H:%M")))
    return redirect(url_for(".meetings_page"), code=303)


@console_route(bp, "/meetings/unset", roles=HEAD_OR_ADMIN, methods=("POST",))
def unset_meeting() -> Any:
    month = _day(request.form.get("month"))
    if month is None:
        return _page(t.BAD_DAY, 400)
    meetings.unset_meeting(get_session(), acting(), month.replace(day=1), services().clock.now())
    flash(t.MEETING_UNSET)
    return redirect(url_for(".meetings_page"), code=303)


@console_route(bp, "/meetings/days-off", roles=HEAD_OR_ADMIN, methods=("POST",))
def add_day_off() -> Any:
    day = _day(request.form.get("day"))
    name = plain(request.form.get("name", "")).strip()[:100]
    if day is None:
        return _page(t.BAD_DAY, 400)
    if not name:
        return _page(t.REQUIRED, 400)
    meetings.add_day_off(get_session(), acting(), day, name, services().clock.now())
    flash(t.day_off_added(format_date(day), name))
    return redirect(url_for(".meetings_page"), code=303)


@console_route(bp, "/meetings/days-off/remove", roles=HEAD_OR_ADMIN, methods=("POST",))
def remove_day_off() -> Any:
    day = _day(request.form.get("day"))
    if day is None:
        return _page(t.BAD_DAY, 400)
    meetings.remove_day_off(get_session(), acting(), day, services().clock.now())
    flash(t.DAY_OFF_REMOVED)
    return redirect(url_for(".meetings_page"), code=303)
