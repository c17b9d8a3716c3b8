"""Forms as state machines, after python-telegram-bot's ConversationHandler.

A `Flow` has a router per state, `interrupts` tried first in every state (cancel), and
`fallbacks` tried when the state's router matched nothing (a sticker mid-form, a stray
word). State and draft live in the `conversation` row, so a restart resumes the form;
silence longer than `timeout` ends it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from handlers.context import Context
from handlers.router import Audience, Router, admits

DEFAULT_TIMEOUT = timedelta(minutes=30)


class Flow:
    def __init__(
        self,
        name: str,
        *,
        timeout: timedelta = DEFAULT_TIMEOUT,
        on_timeout: Callable[[Context], object] | None = None,
        audience: Audience = Audience.ANYONE,
        personal: bool = False,
    ) -> None:
        """`audience`: who may be in this form; someone who no longer is (a staff member
        deactivated mid-report) is let out of it, not answered as if still inside.
        `personal`: what people send in it may be personal data (a citizen's case): the
        events that brought it are noted, and forgotten from the inbox if it ends unsent."""
        self.name = name
        self.audience = audience
        self.personal = personal
        self.timeout = timeout
        self.on_timeout = on_timeout
        self.interrupts = Router()
        self.fallbacks = Router()
        self._states: dict[str, Router] = {}

    def state(self, state: str) -> Router:
        return self._states.setdefault(str(state), Router())

    def admits(self, ctx: Context) -> bool:
        return admits(self.audience, ctx)

    def begin(self, ctx: Context, state: str, draft: dict | None = None) -> None:
        ctx.begin(self.name, str(state), draft, timeout=self.timeout)

    def handle(self, ctx: Context) -> bool:
        """Route within the form; False lets events the form has no use for go elsewhere."""
        state_router = self._states.get(ctx.state or "")
        for router in (self.interrupts, state_router, self.fallbacks):
            if router is not None and router.dispatch(ctx):
                if ctx.conversation is not None:
                    ctx.touch(self.timeout)
                    if self.personal and ctx.event.type == "message":
                        ctx.note_said()
                return True
        return False


class Flows:
    """The forms an app knows, by name (the name is what the conversation row stores)."""

    def __init__(self) -> None:
        self._flows: dict[str, Flow] = {}

    def add(self, flow: Flow) -> Flow:
        self._flows[flow.name] = flow
        return flow

    def get(self, name: str) -> Flow | None:
        return self._flows.get(name)
