"""Where each chat stands in a form (the guided report, a suggestion): state and draft."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, bindparam
from sqlmodel import Field, Session, SQLModel, col, select

from models.base import metadata  # noqa: F401
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


_OF_CHAT = select(Conversation).where(col(Conversation.chat_key) == bindparam("chat_key"))


def conversation_for(session: Session, chat_key: str) -> Conversation | None:
    """Where this chat stands in a form: asked for every event, so built once."""
    return session.exec(_OF_CHAT, params={"chat_key": chat_key}).first()
