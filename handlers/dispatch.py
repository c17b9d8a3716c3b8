"""One stored event through the app: who is speaking, which form they are in, which listener."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from handlers.context import Context
from handlers.conversation import Flows
from handlers.events import Incoming
from handlers.router import Router
from messages_th import citizen_text
from messages_th.digits import thai_digits
from models import outbox, tenancy
from models.conversation import speaker_and_form
from usecases import public

if TYPE_CHECKING:
    from services import Services


@dataclass(frozen=True)
class Outcome:
    chat_key: str
    user_id: str | None
    reply_token: str | None
    replies: list[dict[str, Any]]
    pushed: bool
    route: str
    after: list[Callable[[Services], object]] = field(default_factory=list)
    agency_id: int = 1  # whose channel answers


class Dispatcher:
    def __init__(self, router: Router, flows: Flows) -> None:
        self.router = router
        self.flows = flows

    def __call__(
        self, session: Session, services: Services, payload: dict[str, Any], now: datetime
    ) -> Outcome:
        event = Incoming.from_payload(payload)
        ctx = Context(
            event=event,
            session=session,
            services=services,
            now=now,
            agency_id=tenancy.current(session),
        )
        staff, ctx.conversation = speaker_and_form(session, event.user_id, ctx.conversation_key)
        ctx.staff = staff if staff is not None and staff.active else None
        with thai_digits(services.settings.chat_thai_digits):
            self._route(ctx)
        return Outcome(
            chat_key=event.chat_key,
            user_id=event.user_id,
            reply_token=event.reply_token,
            replies=ctx.replies,
            pushed=outbox.queued_in(session),
            route=ctx.route,
            after=ctx.after,
            agency_id=ctx.agency_id,
        )

    def _route(self, ctx: Context) -> None:
        if self._flooded(ctx):
            return
        if ctx.conversation is not None and ctx.conversation.expires_at <= ctx.now:
            flow = self.flows.get(ctx.conversation.flow)
            ctx.discard()
            if flow is not None and flow.on_timeout is not None:
                flow.on_timeout(ctx)
        if ctx.conversation is not None:
            flow = self.flows.get(ctx.conversation.flow)
            if flow is None or not flow.admits(ctx):
                ctx.discard()  # a form this version no longer has, or no longer this person's
            elif flow.handle(ctx):
                return
        self.router.dispatch(ctx)

    @staticmethod
    def _flooded(ctx: Context) -> bool:
        """Citizens' messages are counted (`usecases.public.may_speak`); staff are trusted."""
        if ctx.event.type not in ("message", "postback") or not ctx.user_id:
            return False
        if public.may_speak(ctx.session, ctx.actor, ctx.now):
            return False
        ctx.reply(citizen_text.slow_down())
        return True
