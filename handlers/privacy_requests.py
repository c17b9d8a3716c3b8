"""A citizen asks what is kept about them (`reading.privacy.wants_copy`) or for its deletion
(`reading.privacy.wants_erasure`): the copy first, then, after a confirmation, the deletion,
with the agency's counts kept anonymous (`usecases.privacy`)."""

from __future__ import annotations

from handlers.context import Context
from handlers.conversation import Draft, Flow
from handlers.router import Audience, Router
from messages_th import commands, privacy_text
from reading.privacy import wants_copy, wants_erasure
from usecases import privacy

router = Router()
flow = Flow("erase", Draft, audience=Audience.CITIZEN)


def notice_url(ctx: Context) -> str:
    """The privacy notice (`web/privacy.py`), linked from the greeting and the copy."""
    return ctx.services.settings.public_base_url.rstrip("/") + "/privacy"


def _copy(ctx: Context) -> list[dict]:
    data = privacy.my_data(ctx.session, ctx.actor)
    return privacy_text.your_data(data, ctx.services.settings.retention_days, notice_url(ctx))


@router.text(when=wants_copy, audience=Audience.CITIZEN)
def my_data(ctx: Context) -> None:
    ctx.reply(*_copy(ctx))


@router.text(when=wants_erasure, audience=Audience.CITIZEN)
def erase_my_data(ctx: Context) -> None:
    """What would be deleted, then the question: nothing goes without a yes."""
    flow.begin(ctx, "confirm", Draft())
    ctx.reply(*_copy(ctx), privacy_text.ask_erase())


@router.text(when=wants_erasure, audience=Audience.STAFF)
def staff_erasure(ctx: Context) -> None:
    """A staff member's data is the agency's record of its work: the admin handles it.
    (A staff member asking for their data gets `staff_chat.WHOAMI`'s answer: their account.)"""
    ctx.reply(privacy_text.staff_data())


@flow.state("confirm").postback("privacy.erase")
@flow.state("confirm").text(privacy_text.CONFIRM_ERASE)
def confirmed(ctx: Context) -> None:
    ctx.end()
    done = privacy.erase_my_data(ctx.session, ctx.actor, ctx.now)
    ctx.reply(privacy_text.erased(done.cases, done.photos, done.ratings))


@flow.interrupts.text(commands.CANCEL)
@flow.interrupts.postback("privacy.cancel")
def cancelled(ctx: Context) -> None:
    ctx.end()
    ctx.reply(privacy_text.erase_cancelled())


@flow.fallbacks.any()
def not_yet(ctx: Context) -> None:
    ctx.reply(privacy_text.erase_nudge())
