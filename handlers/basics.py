"""The events every bot must take in its stride, and the answers of last resort.

`router` comes first (lifecycle events); `fallbacks` comes last, after every capability.
"""

from __future__ import annotations

import logging

from handlers.context import Context
from handlers.privacy_requests import notice_url
from handlers.router import Router
from messages_th import commands, common
from usecases import chats

log = logging.getLogger(__name__)

#: a message longer than this that no listener took is answered as such, not "not understood"
LONG_MESSAGE = 2000

router = Router()
long_messages = Router()
fallbacks = Router()

#: events with nothing to do (yet): acknowledged, logged, never an error
IGNORED = (
    "memberJoined",
    "memberLeft",
    "unsend",
    "messageEdited",
    "accountLink",
    "things",
    "beacon",
    "videoPlayComplete",
    "membership",
    "activated",
    "deactivated",
    "botSuspended",
    "botResumed",
    "module",
    "delivery",
    "pnpDeliveryCompletion",
)


@router.event("follow")
def on_follow(ctx: Context) -> None:
    agency = chats.followed(ctx.session, ctx.event.user_id, ctx.now)
    ctx.reply(common.welcome(agency, notice_url(ctx)))


@router.event("unfollow")
def on_unfollow(ctx: Context) -> None:
    chats.unfollowed(ctx.session, ctx.event.user_id, ctx.now)


@router.event("join")
def on_join(ctx: Context) -> None:
    chats.group_joined(ctx.session, ctx.event.chat_key, ctx.event.source_type, ctx.now)
    ctx.reply(common.group_hello())


@router.event("leave")
def on_leave(ctx: Context) -> None:
    chats.group_left(ctx.session, ctx.event.chat_key, ctx.now)


@router.event(*IGNORED)
def ignore(ctx: Context) -> None:
    log.debug("%s event acknowledged, nothing to do", ctx.event.type)


@fallbacks.text(commands.CANCEL)
def cancel_nothing(ctx: Context) -> None:
    ctx.reply(common.nothing_to_cancel())


@fallbacks.message("sticker")
def sticker(ctx: Context) -> None:
    ctx.reply(common.sticker_reply())


@fallbacks.message("image", "file", "video", "audio")
def media(ctx: Context) -> None:
    ctx.reply(common.media_outside_form())


@long_messages.text(when=lambda text: len(text) > LONG_MESSAGE)
def long_message(ctx: Context) -> None:
    ctx.reply(common.long_message())


@fallbacks.text(when=lambda text: True)
def not_understood(ctx: Context) -> None:
    ctx.reply(common.not_understood())


@fallbacks.any()
def stale_button(ctx: Context) -> None:
    """A button of a form that has ended (confirmed, cancelled, timed out), or forged data."""
    if ctx.event.type == "postback":
        ctx.reply(common.stale_button())
