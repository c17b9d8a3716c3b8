"""The meeting calendar and the summary in chat; a group asks for the monthly summary."""

from __future__ import annotations

from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import follow_up_text as text
from reading.text import squash
from usecases import chats, meetings
from usecases.results import NoPlan
from usecases.summary import monthly_summary

router = Router()


@router.text(text.MEETING, audience=Audience.STAFF, in_groups=True)
def meeting(ctx: Context) -> None:
    found = meetings.meetings_of(ctx.session, ctx.now)
    ctx.reply(text.next_meeting_chat(found.upcoming, found.meetings, found.fiscal_year, ctx.now))


@router.text(text.SUMMARY, audience=Audience.HEAD)
def summary(ctx: Context) -> None:
    built = monthly_summary(ctx.session, ctx.links, ctx.services.settings.tz, ctx.now)
    ctx.reply(text.no_summary() if isinstance(built, NoPlan) else text.summary_flex(built))


@router.text(text.SUMMARY, audience=Audience.STAFF)
def summary_not_for_staff(ctx: Context) -> None:
    ctx.reply(text.summary_for_heads())


@router.text(text.GROUP_ON, text.GROUP_OFF, in_groups=True)
def group_summary(ctx: Context) -> None:
    if not ctx.event.in_group:
        ctx.reply(text.group_only())
        return
    wanted = squash(ctx.event.text or "") in {squash(w) for w in text.GROUP_ON}
    on = chats.group_summaries(
        ctx.session, ctx.actor, ctx.event.chat_key, ctx.event.source_type, wanted, ctx.now
    )
    if isinstance(on, chats.OnlyHeads):
        ctx.reply(text.group_admins_only())
    else:
        ctx.reply(text.group_on() if on else text.group_off())
