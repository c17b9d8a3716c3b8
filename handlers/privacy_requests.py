"""A citizen asks what is kept about them (`privacy_text.wants_copy`) or for its deletion
(`privacy_text.wants_erasure`): the copy first, then, after a confirmation, the deletion,
with the agency's counts kept anonymous (`privacy.personal_data`)."""

from __future__ import annotations

from handlers.context import Context
from handlers.conversation import Flow
from handlers.router import Audience, Router
from messages_th import commands, privacy_text
from models.audit import audit
from privacy.personal_data import copy_of, erase

router = Router()
flow = Flow("erase", audience=Audience.CITIZEN)


def notice_url(ctx: Context) -> str:
    """The privacy notice (`web/privacy.py`), linked from the greeting and the copy."""
    return ctx.services.settings.public_base_url.rstrip("/") + "/privacy"


def _copy(ctx: Context) -> list[dict]:
    data = copy_of(ctx.session, ctx.user_id)
    return privacy_text.your_data(data, ctx.services.settings.retention_days, notice_url(ctx))


@router.text(when=privacy_text.wants_copy, audience=Audience.CITIZEN)
def my_data(ctx: Context) -> None:
    ctx.reply(*_copy(ctx))


@router.text(when=privacy_text.wants_erasure, audience=Audience.CITIZEN)
def erase_my_data(ctx: Context) -> None:
    """What would be deleted, then the question: nothing goes without a yes."""
    flow.begin(ctx, "confirm")
    ctx.reply(*_copy(ctx), privacy_text.ask_erase())


@router.text(when=privacy_text.wants_erasure, audience=Audience.STAFF)
def staff_erasure(ctx: Context) -> None:
    """A staff member's data is the agency's record of its work: the admin handles it.
    (A staff member asking for their data gets `staff_chat.WHOAMI`'s answer: their account.)"""
    ctx.reply(privacy_text.staff_data())


@flow.state("confirm").postback("privacy.erase")
@flow.state("confirm").text(privacy_text.CONFIRM_ERASE)
def confirmed(ctx: Context) -> None:
    ctx.end()
    done = erase(ctx.session, ctx.user_id, ctx.now)
    audit(
        ctx.session,
        ctx.now,
        "citizen",
        "personal_data.erase",
        cases=done.cases,
        photos=done.photos,
        ratings=done.ratings,
        events=done.events,
        pushes=done.pushes,
    )
    ctx.reply(privacy_text.erased(done.cases, done.photos, done.ratings))


@flow.interrupts.text(commands.CANCEL)
@flow.interrupts.postback("privacy.cancel")
def cancelled(ctx: Context) -> None:
    ctx.end()
    ctx.reply(privacy_text.erase_cancelled())


@flow.fallbacks.any()
def not_yet(ctx: Context) -> None:
    ctx.reply(privacy_text.erase_nudge())
