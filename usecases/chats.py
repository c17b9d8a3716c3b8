"""The chats the bot is in: people who follow it, and office groups, which receive the
monthly summary once a head or admin there asks for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from fiscal import fiscal_year_of
from models import tenancy
from models.audit import audit
from models.chat import LineGroup, seen_user
from models.plan import current_plan
from usecases.actor import Actor


def followed(session: Session, line_user_id: str | None, now: datetime) -> str | None:
    """Someone added the bot as a friend: noted; the agency's name, to greet them with."""
    if line_user_id:
        seen_user(session, line_user_id, now, following=True)
    plan = current_plan(session, fiscal_year_of(now.date()))
    return plan.agency if plan else None


def unfollowed(session: Session, line_user_id: str | None, now: datetime) -> None:
    if line_user_id:
        seen_user(session, line_user_id, now, following=False)


def group_joined(session: Session, chat_id: str, kind: str, now: datetime) -> None:
    """The bot was added to a group or room (again: it is back, summaries off till asked)."""
    group = _group(session, chat_id, kind, now)
    group.left_at = None
    session.add(group)


def group_left(session: Session, chat_id: str, now: datetime) -> None:
    group = tenancy.get(session, LineGroup, chat_id)
    if group is not None:
        group.left_at = now
        group.receives_summary = False
        session.add(group)


@dataclass(frozen=True)
class OnlyHeads:
    """Only a head or an admin may turn a group's summaries on or off."""


def group_summaries(
    session: Session, actor: Actor, chat_id: str, kind: str, on: bool, now: datetime
) -> bool | OnlyHeads:
    """Turn the monthly summary on or off for a group; whether it is on now."""
    if not actor.is_head:
        return OnlyHeads()
    group = _group(session, chat_id, kind, now)
    group.receives_summary = on
    group.left_at = None
    session.add(group)
    audit(session, now, actor.audit_name, "group.summary", chat_id, on=on)
    return on


def _group(session: Session, chat_id: str, kind: str, now: datetime) -> LineGroup:
    return tenancy.get(session, LineGroup, chat_id) or LineGroup(
        chat_id=chat_id, kind=kind, joined_at=now
    )


@dataclass(frozen=True)
class GroupRow:
    chat_id: str
    kind: str
    receives_summary: bool
    present: bool  # the bot is still in it


def groups(session: Session) -> list[GroupRow]:
    return [
        GroupRow(g.chat_id, g.kind, g.receives_summary, g.left_at is None)
        for g in session.exec(select(LineGroup))
    ]
