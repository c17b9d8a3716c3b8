"""Linking a LINE account to a staff member with the one-time code, and "who am I".

Five wrong codes in an hour lock that LINE user out of linking for an hour. LINE accounts
are cheap, so wrong codes are also counted from everyone together: thirty in an hour
pause linking for everyone until the hour has passed (counted in the database, so every
process sees the same). Times are told in the agency's time zone.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from handlers.context import Context
from handlers.router import Router
from messages_th import staff_chat
from messages_th.thai_calendar import fiscal_year_of
from models import ratelimit
from models.audit import audit
from models.plan import Unit, current_plan
from models.staff import looks_like_code, measures_for, redeem_link_code

log = logging.getLogger(__name__)
router = Router()

WRONG_TRIES = 5
WINDOW = timedelta(hours=1)
#: wrong codes from all LINE accounts together, in WINDOW, that pause linking for everyone
ALL_WRONG_TRIES = 30


def _register_code(text: str) -> str | None:
    """The register word followed by a code → the code (possibly empty: they forgot it)."""
    from messages_th.thai_input import clean

    typed = clean(text)
    if not typed.startswith(staff_chat.REGISTER):
        return None
    return typed[len(staff_chat.REGISTER) :].strip() or ""


def _code_of(text: str) -> str | None:
    registered = _register_code(text)
    if registered is not None:
        return registered
    return text.strip() if looks_like_code(text) else None


@router.text(when=lambda text: _code_of(text) is not None)
def link(ctx: Context) -> None:
    code = _code_of(ctx.event.text or "") or ""
    if ctx.staff is not None:
        ctx.reply(staff_chat.already_linked(ctx.staff.name))
        return
    if not code:
        ctx.reply(staff_chat.register_needs_code())
        return
    locked_until = _locked_until(ctx)
    if locked_until is not None:
        ctx.reply(staff_chat.linking_locked(locked_until))
        return
    paused_until = _paused_until(ctx)
    if paused_until is not None:
        ctx.reply(staff_chat.linking_paused(paused_until))
        return
    staff = redeem_link_code(ctx.session, code, ctx.user_id, ctx.now, ctx.services.secret)
    if staff is None:
        ratelimit.hit(ctx.session, "link-fail", ctx.user_id, ctx.now)
        failures = ratelimit.recent_hits(ctx.session, "link-fail", ctx.user_id, ctx.now, WINDOW)
        audit(ctx.session, ctx.now, f"line:{ctx.user_id}", "staff.link_failed")
        if failures >= WRONG_TRIES:
            ratelimit.hit(ctx.session, "link-lock", ctx.user_id, ctx.now)
            ctx.reply(staff_chat.linking_locked(ctx.now + WINDOW))
        else:
            ctx.reply(staff_chat.code_wrong(WRONG_TRIES - failures))
        return
    ctx.staff = staff
    audit(ctx.session, ctx.now, f"staff:{staff.id}", "staff.linked", f"line:{ctx.user_id}")
    ctx.reply(staff_chat.linked(staff.name, staff.role, _unit_name(ctx), _measures(ctx)))
    role, user = staff.role, ctx.user_id
    ctx.after_commit(lambda services: _link_rich_menu(services, user, role))


def _locked_until(ctx: Context) -> datetime | None:
    """An hour after the fifth wrong code, while that hour lasts; else None."""
    locks = ratelimit.hit_times(ctx.session, "link-lock", ctx.user_id, ctx.now, WINDOW)
    return _local(ctx, locks[-1] + WINDOW) if locks else None


def _paused_until(ctx: Context) -> datetime | None:
    """While ALL_WRONG_TRIES wrong codes from anyone lie within the last hour: when the
    oldest that keeps the count there leaves it; else None."""
    wrong = ratelimit.hit_times(ctx.session, "link-fail", None, ctx.now, WINDOW)
    if len(wrong) < ALL_WRONG_TRIES:
        return None
    log.warning("linking paused for everyone: %d wrong link codes in the last hour", len(wrong))
    return _local(ctx, wrong[len(wrong) - ALL_WRONG_TRIES] + WINDOW)


def _local(ctx: Context, moment: datetime) -> datetime:
    """An instant read back from the database (UTC) in the agency's time zone."""
    return moment.astimezone(ctx.now.tzinfo)


def _link_rich_menu(services, user_id: str, role: str) -> None:
    from richmenu import link_user

    link_user(services, user_id, role)


@router.text(staff_chat.WHOAMI)
def whoami(ctx: Context) -> None:
    if ctx.staff is None:
        ctx.reply(staff_chat.whoami_citizen())
        return
    ctx.reply(
        staff_chat.whoami_staff(
            ctx.staff.name,
            ctx.staff.role,
            _unit_name(ctx),
            _measures(ctx),
            ctx.staff.on_leave_until,
        )
    )


def _unit_name(ctx: Context) -> str | None:
    if ctx.staff is None or ctx.staff.unit_id is None:
        return None
    unit = ctx.session.get(Unit, ctx.staff.unit_id)
    return unit.name if unit else None


def _measures(ctx: Context) -> list[tuple[int, str]]:
    plan = current_plan(ctx.session, fiscal_year_of(ctx.today))
    if plan is None or ctx.staff is None:
        return []
    return [(m.number, m.title) for m in measures_for(ctx.session, ctx.staff, plan)]
