"""The meeting calendar and the summary in chat; a group asks for the monthly summary."""

from __future__ import annotations

from fiscal import fiscal_year_of
from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import follow_up_text as text
from messages_th.thai_input import squash
from models.audit import audit
from models.chat import LineGroup
from models.staff import is_head
from scheduler.calendar import meetings_of_year, next_meeting
from usecases.results import NoPlan
from usecases.summary import monthly_summary

router = Router()


@router.text(text.MEETING, audience=Audience.STAFF, in_groups=True)
def meeting(ctx: Context) -> None:
    upcoming = next_meeting(ctx.session, ctx.now)
    fiscal_year = fiscal_year_of(upcoming.month)
    ctx.reply(
        text.next_meeting_chat(
            upcoming, meetings_of_year(ctx.session, fiscal_year), fiscal_year, ctx.now
        )
    )


@router.text(text.SUMMARY, audience=Audience.HEAD)
def summary(ctx: Context) -> None:
    built = monthly_summary(ctx.session, ctx.services.links, ctx.services.settings.tz, ctx.now)
    ctx.reply(text.no_summary() if isinstance(built, NoPlan) else text.summary_flex(built))


@router.text(text.SUMMARY, audience=Audience.STAFF)
def summary_not_for_staff(ctx: Context) -> None:
    ctx.reply(text.summary_for_heads())


@router.text(text.GROUP_ON, text.GROUP_OFF, in_groups=True)
def group_summary(ctx: Context) -> None:
    if not ctx.event.in_group:
        ctx.reply(text.group_only())
        return
    if ctx.staff is None or not is_head(ctx.staff.role):
        ctx.reply(text.group_admins_only())
        return
    group = ctx.session.get(LineGroup, ctx.event.chat_key) or LineGroup(
        chat_id=ctx.event.chat_key, kind=ctx.event.source_type, joined_at=ctx.now
    )
    group.receives_summary = squash(ctx.event.text or "") in {squash(w) for w in text.GROUP_ON}
    group.left_at = None
    ctx.session.add(group)
    audit(
        ctx.session,
        ctx.now,
        f"staff:{ctx.staff.id}",
        "group.summary",
        group.chat_id,
        on=group.receives_summary,
    )
    ctx.reply(text.group_on() if group.receives_summary else text.group_off())
