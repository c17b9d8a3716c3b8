"""Where each chat stands in a form (the guided report, a suggestion): state and draft."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, bindparam, literal
from sqlmodel import Field, Session, SQLModel, col, select

from models.base import metadata  # noqa: F401
from models.progress import draft_shas, release_blobs
from models.staff import Staff
from models.types import AwareDateTime


class Conversation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    chat_key: str = Field(unique=True, max_length=80)
    flow: str = Field(max_length=40)
    state: str = Field(max_length=40)
    draft: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    started_at: datetime = Field(sa_type=AwareDateTime)
    updated_at: datetime = Field(sa_type=AwareDateTime)
    expires_at: datetime = Field(sa_type=AwareDateTime)


# one row whatever matches: the person (if staff) and the chat's form (if in one)
_SPEAKER_AND_FORM = (
    select(Staff, Conversation)
    .select_from(select(literal(1).label("one")).subquery())
    .outerjoin(Staff, col(Staff.line_user_id) == bindparam("line_user_id"))
    .outerjoin(Conversation, col(Conversation.chat_key) == bindparam("chat_key"))
)


def speaker_and_form(
    session: Session, line_user_id: str | None, chat_key: str
) -> tuple[Staff | None, Conversation | None]:
    """Who is speaking (the staff member of this LINE user, if any) and where their chat
    stands in a form: what every event needs first, in one read."""
    row = session.exec(
        _SPEAKER_AND_FORM, params={"line_user_id": line_user_id, "chat_key": chat_key}
    ).one()
    return row[0], row[1]


def forget_draft(session: Session, draft: dict[str, Any]) -> None:
    """What a form gathered, once it ends without being sent (cancelled, timed out, left):
    its photos and files go, unless something else holds the same ones."""
    release_blobs(session, draft_shas(draft))
