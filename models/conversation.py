"""Where each chat stands in a form (the guided report, a suggestion): state and draft."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint, bindparam, literal, or_
from sqlmodel import Field, Session, col, select

from models.base import metadata  # noqa: F401
from models.inbox import redact_events
from models.outbox import redact_pushes
from models.progress import draft_shas, release_blobs
from models.staff import Staff
from models.tenancy import AgencyOwned
from models.types import AwareDateTime


class Conversation(AgencyOwned, table=True):
    __table_args__ = (UniqueConstraint("agency_id", "chat_key"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_key: str = Field(max_length=80)
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


#: where a form's draft lists the events that brought what the person sent into it
SAID = "said"


def forget_draft(session: Session, draft: dict[str, Any], now: datetime) -> None:
    """What a form gathered, once it ends without being sent (cancelled, timed out, left):
    its photos and files go, unless something else holds the same ones, and so does what
    the person typed or shared in it, from the inbox."""
    release_blobs(session, draft_shas(draft))
    forget_events(session, draft.get(SAID) or [], now)


def forget_events(session: Session, event_ids: list[str], now: datetime) -> None:
    """These events' content, from the inbox at once, and any answer to them that went out
    by push (it may echo them: the consent question repeats the name and phone)."""
    redact_events(session, event_ids, now)
    redact_pushes(session, [f"reply:{event_id}" for event_id in event_ids if event_id], now)


def expired_forms(session: Session, before: datetime) -> list[Conversation]:
    """Forms whose person never came back: expired before `before`."""
    return list(session.exec(select(Conversation).where(col(Conversation.expires_at) < before)))


def end_forms_of(session: Session, line_user_id: str, now: datetime) -> int:
    """A person's forms in every chat (their own, and theirs in a group), ended unsent: what
    they gathered is forgotten as for any form that ends so (`forget_draft`)."""
    rows = session.exec(
        select(Conversation).where(
            or_(
                col(Conversation.chat_key) == line_user_id,
                col(Conversation.chat_key).endswith(f":{line_user_id}"),
            )
        )
    ).all()
    for row in rows:
        forget_draft(session, row.draft, now)
        session.delete(row)
    session.flush()
    return len(rows)
