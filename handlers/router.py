"""Listeners registered by what they match, tried in the order they were registered.

Like Slack Bolt's `@app.message(...)`/`@app.action(...)`: the routing is a table one can
read, not an if-ladder. A route may be limited to an audience (linked staff, heads,
citizens) and, by default, answers only in one-to-one chats.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from models.staff import is_admin, is_head
from reading.text import clean, squash

if TYPE_CHECKING:
    from handlers.context import Context

Listener = Callable[["Context"], object]


class Audience(StrEnum):
    ANYONE = "anyone"
    STAFF = "staff"  # any linked staff member, whatever the role
    HEAD = "head"  # heads and admins: `models.staff.is_head`
    ADMIN = "admin"
    CITIZEN = "citizen"  # anyone not linked as staff


@dataclass
class Route:
    kind: str  # text, postback, message, event, any
    matches: Callable[[Context], bool]
    listener: Listener
    audience: Audience = Audience.ANYONE
    in_groups: bool = False
    name: str = ""

    def accepts(self, ctx: Context) -> bool:
        if ctx.event.in_group and not self.in_groups:
            return False
        if not _audience_ok(self.audience, ctx):
            return False
        if self.kind == "any":
            return self.matches(ctx)
        if self.kind == "text" and ctx.event.text is None:
            return False
        if self.kind == "postback" and ctx.event.type != "postback":
            return False
        if self.kind == "message" and ctx.event.type != "message":
            return False
        if self.kind == "event" and ctx.event.type in ("message", "postback"):
            return False
        return self.matches(ctx)


def admits(audience: Audience, ctx: Context) -> bool:
    """Whether the person speaking belongs to `audience`."""
    return _audience_ok(audience, ctx)


def _audience_ok(audience: Audience, ctx: Context) -> bool:
    staff = ctx.staff
    match audience:
        case Audience.ANYONE:
            return True
        case Audience.STAFF:
            return staff is not None
        case Audience.HEAD:
            return staff is not None and is_head(staff.role)
        case Audience.ADMIN:
            return staff is not None and is_admin(staff.role)
        case Audience.CITIZEN:
            return staff is None


@dataclass
class Router:
    routes: list[Route] = field(default_factory=list)

    # -- registering -------------------------------------------------------------------

    def text(
        self,
        *words: str | Iterable[str],
        pattern: str | re.Pattern[str] | None = None,
        when: Callable[[str], object] | None = None,
        audience: Audience = Audience.ANYONE,
        in_groups: bool = False,
    ) -> Callable[[Listener], Listener]:
        """Match the whole message against `words` (spaces and case ignored), or search
        `pattern` in the cleaned text (the match is `ctx.match`), or call `when(text)`:
        a parser whose truthy result becomes `ctx.parsed`."""
        exact = {
            squash(w) for group in words for w in ([group] if isinstance(group, str) else group)
        }
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern

        def matches(ctx: Context) -> bool:
            typed = ctx.event.text or ""
            if exact and squash(typed) in exact:
                return True
            if regex is not None:
                ctx.match = regex.search(clean(typed))
                return ctx.match is not None
            if when is None:
                return False
            ctx.parsed = when(typed)
            return bool(ctx.parsed)

        return self._add("text", matches, audience, in_groups)

    def postback(
        self, *actions: str, audience: Audience = Audience.ANYONE, in_groups: bool = False
    ) -> Callable[[Listener], Listener]:
        names = set(actions)
        return self._add("postback", lambda ctx: ctx.event.action in names, audience, in_groups)

    def message(
        self, *types: str, audience: Audience = Audience.ANYONE, in_groups: bool = False
    ) -> Callable[[Listener], Listener]:
        kinds = set(types)
        return self._add(
            "message", lambda ctx: ctx.event.message_type in kinds, audience, in_groups
        )

    def event(
        self, *types: str, audience: Audience = Audience.ANYONE
    ) -> Callable[[Listener], Listener]:
        kinds = set(types)
        return self._add("event", lambda ctx: ctx.event.type in kinds, audience, True)

    def any(
        self, *, audience: Audience = Audience.ANYONE, in_groups: bool = False
    ) -> Callable[[Listener], Listener]:
        """Anything that reached this route: a fallback."""
        return self._add("any", lambda ctx: True, audience, in_groups)

    def include(self, other: Router) -> None:
        self.routes.extend(other.routes)

    def _add(
        self, kind: str, matches: Callable[[Context], bool], audience: Audience, in_groups: bool
    ) -> Callable[[Listener], Listener]:
        def register(listener: Listener) -> Listener:
            self.routes.append(
                Route(kind, matches, listener, audience, in_groups, listener.__name__)
            )
            return listener

        return register

    # -- routing -----------------------------------------------------------------------

    def dispatch(self, ctx: Context) -> bool:
        """Run the first listener that accepts the event; False when none does."""
        for route in self.routes:
            ctx.match = ctx.parsed = None
            if route.accepts(ctx):
                ctx.route = route.name
                route.listener(ctx)
                return True
        return False
