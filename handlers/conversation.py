"""Forms as state machines, after python-telegram-bot's ConversationHandler.

A `Flow` has a router per state, `interrupts` tried first in every state (cancel), and
`fallbacks` tried when the state's router matched nothing (a sticker mid-form, a stray
word). State and draft live in the `conversation` row, so a restart resumes the form;
silence longer than `timeout` ends it. A form's draft is a pydantic model of its own
(what has been answered so far), stored as JSON; renamed fields keep their old names as
aliases, so a form saved by an older version reads on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from handlers.context import Context
from handlers.router import Audience, Router, admits

DEFAULT_TIMEOUT = timedelta(minutes=30)


class Draft(BaseModel):
    """What a form has been told so far; each form has its own."""

    model_config = ConfigDict(extra="ignore", validate_by_name=True, validate_by_alias=True)

    #: the events that brought what the person sent into a `personal` form (`Context.note_said`):
    #: forgotten from the inbox if the form ends unsent
    said: list[str] = Field(default_factory=list)


D = TypeVar("D", bound=Draft)


class Flow(Generic[D]):
    def __init__(
        self,
        name: str,
        draft: type[D],
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
        self.draft_type = draft
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

    def begin(self, ctx: Context, state: str, draft: D) -> None:
        ctx.begin(self.name, str(state), _stored(draft), timeout=self.timeout)

    def draft(self, ctx: Context) -> D:
        """The draft of the form in progress."""
        return self.draft_type.model_validate(ctx.draft)

    def goto(self, ctx: Context, state: str, draft: D | None = None) -> None:
        """On to `state`, with the draft as it now is (unchanged when not given)."""
        ctx.goto(str(state))
        if draft is not None:
            ctx.replace_draft(_stored(draft))

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


def _stored(draft: Draft) -> dict[str, Any]:
    return draft.model_dump(mode="json", exclude_defaults=True)


class Flows:
    """The forms an app knows, by name (the name is what the conversation row stores)."""

    def __init__(self) -> None:
        self._flows: dict[str, Flow[Any]] = {}

    def add(self, flow: Flow[Any]) -> Flow[Any]:
        self._flows[flow.name] = flow
        return flow

    def get(self, name: str) -> Flow[Any] | None:
        return self._flows.get(name)
