"""What a listener gets: the event, a database session, the time, who is speaking, and
ways to answer (a reply, free) or to push later (the outbox, counted against the quota)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from handlers.events import Incoming
from messages_th import build
from models.conversation import SAID, Conversation, forget_draft
from models.staff import Staff
from usecases.actor import Actor

if TYPE_CHECKING:
    from reports.links import Links
    from services import Services

MAX_REPLY_MESSAGES = 5


@dataclass
class Context:
    event: Incoming
    session: Session
    services: Services
    now: datetime
    #: whose webhook the event came in on: its channel answers, its rows are read
    agency_id: int = 1
    staff: Staff | None = None
    conversation: Conversation | None = None
    match: re.Match[str] | None = None
    parsed: Any = None
    route: str = ""
    replies: list[dict[str, Any]] = field(default_factory=list)
    after: list[Callable[[Services], object]] = field(default_factory=list)

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def user_id(self) -> str:
        return self.event.user_id or ""

    @property
    def links(self) -> Links:
        """Links into the web app for this agency (its signed links carry it)."""
        return self.services.links.for_agency(self.agency_id)

    @property
    def actor(self) -> Actor:
        """Who is speaking, for the use cases: a linked staff member, or a citizen."""
        if self.staff is not None:
            return Actor.member(self.staff)
        return Actor.citizen(self.user_id)

    # -- answering ---------------------------------------------------------------------

    def reply(self, *messages: dict[str, Any] | str) -> None:
        """Answer with the reply token (free). Several calls add up, to LINE's five."""
        for message in messages:
            self.replies.append(build.text(message) if isinstance(message, str) else message)
        if len(self.replies) > MAX_REPLY_MESSAGES:
            raise ValueError(f"a reply carries at most {MAX_REPLY_MESSAGES} messages")

    def after_commit(self, call: Callable[[Services], object]) -> None:
        """Run `call` once this event's changes are committed (e.g. a LINE call that is not
        a message, such as linking a rich menu: with `agency_id`'s channel). Lost if the
        process dies right then."""
        self.after.append(call)

    # -- conversations -----------------------------------------------------------------

    @property
    def draft(self) -> dict[str, Any]:
        assert self.conversation is not None, "no conversation in progress"
        return self.conversation.draft

    @property
    def state(self) -> str | None:
        return self.conversation.state if self.conversation else None

    def begin(
        self, flow: str, state: str, draft: dict[str, Any] | None = None, *, timeout: timedelta
    ) -> None:
        """Start a form (replacing any other in progress)."""
        if self.conversation is None:
            self.conversation = Conversation(
                chat_key=self.conversation_key,
                flow=flow,
                state=state,
                draft={},
                started_at=self.now,
                updated_at=self.now,
                expires_at=self.now + timeout,
            )
        self.conversation.flow = flow
        self.conversation.state = state
        self.conversation.draft = dict(draft or {})
        self.conversation.started_at = self.now
        self.touch(timeout)

    def goto(self, state: str) -> None:
        assert self.conversation is not None, "no conversation in progress"
        self.conversation.state = state
        self.session.add(self.conversation)

    def replace_draft(self, draft: dict[str, Any]) -> None:
        assert self.conversation is not None, "no conversation in progress"
        self.conversation.draft = draft  # a new dict: JSON columns track assignment
        self.session.add(self.conversation)

    def touch(self, timeout: timedelta) -> None:
        assert self.conversation is not None
        self.conversation.updated_at = self.now
        self.conversation.expires_at = self.now + timeout
        self.session.add(self.conversation)

    def end(self) -> None:
        conversation, self.conversation = self.conversation, None
        if conversation is None:
            return
        if conversation.id is not None:
            self.session.delete(conversation)
        elif conversation in self.session:
            self.session.expunge(conversation)

    def discard(self) -> None:
        """End the form and keep nothing it gathered (it was cancelled, timed out, or is no
        longer this person's): "nothing is recorded" must hold for its photos too."""
        conversation = self.conversation
        self.end()
        if conversation is not None:
            forget_draft(self.session, conversation.draft, self.now)

    def note_said(self) -> None:
        """Remember, in the form's draft, that this event brought something the person sent
        (a form that ends unsent then forgets it from the inbox too)."""
        if self.conversation is not None and self.event.event_id:
            said = [*self.conversation.draft.get(SAID, []), self.event.event_id]
            self.replace_draft({**self.conversation.draft, SAID: said})

    @property
    def conversation_key(self) -> str:
        """A form belongs to one person in one chat."""
        if self.event.in_group:
            return f"{self.event.chat_key}:{self.user_id}"
        return self.event.chat_key
