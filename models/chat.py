"""The LINE users and group chats the bot knows."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, Session, col, select

from models import tenancy
from models.base import metadata  # noqa: F401
from models.tenancy import AgencyOwned
from models.types import AwareDateTime


class LineUser(AgencyOwned, table=True):
    agency_id: int | None = Field(default=None, foreign_key="agency.id", primary_key=True)
    line_user_id: str = Field(primary_key=True, max_length=64)
    following: bool = True
    first_seen: datetime = Field(sa_type=AwareDateTime)
    last_seen: datetime = Field(sa_type=AwareDateTime)


class LineGroup(AgencyOwned, table=True):
    """A group or room the bot was added to; it gets summaries once an admin allows it."""

    agency_id: int | None = Field(default=None, foreign_key="agency.id", primary_key=True)
    chat_id: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=8, description="group or room")
    joined_at: datetime = Field(sa_type=AwareDateTime)
    left_at: datetime | None = Field(default=None, sa_type=AwareDateTime)
    receives_summary: bool = False


def seen_user(
    session: Session, line_user_id: str, now: datetime, *, following: bool | None = None
) -> LineUser:
    user = tenancy.get(session, LineUser, line_user_id)
    if user is None:
        user = LineUser(line_user_id=line_user_id, first_seen=now, last_seen=now)
    user.last_seen = now
    if following is not None:
        user.following = following
    session.add(user)
    return user


def summary_groups(session: Session) -> list[LineGroup]:
    return list(
        session.exec(
            select(LineGroup).where(
                col(LineGroup.receives_summary).is_(True), col(LineGroup.left_at).is_(None)
            )
        )
    )
