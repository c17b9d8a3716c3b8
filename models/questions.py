"""Questions citizens asked that Tidtam could not answer, kept for the agency to read.

Anonymised: no LINE user id, no time finer than the month, and phone numbers, ID card
numbers, e-mail addresses and LINE ids taken out of the text itself.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, Session, col, select

from models.base import metadata  # noqa: F401
from models.tenancy import AgencyOwned
from reading.contact import without_personal_data

#: the longest text kept: what the matcher reads of a message
MAX_TEXT = 300


class UnansweredQuestion(AgencyOwned, table=True):
    __tablename__ = "unanswered_question"

    id: int | None = Field(default=None, primary_key=True)
    month: date = Field(index=True, description="the first day of the month it was asked in")
    text: str = Field(max_length=MAX_TEXT)


def keep_unanswered(session: Session, text: str, month: date) -> UnansweredQuestion:
    row = UnansweredQuestion(
        month=month.replace(day=1), text=without_personal_data(text)[:MAX_TEXT]
    )
    session.add(row)
    return row


def unanswered_in(session: Session, month: date) -> list[str]:
    """The month's unanswered questions, in the order they were asked."""
    query = (
        select(UnansweredQuestion.text)
        .where(UnansweredQuestion.month == month.replace(day=1))
        .order_by(col(UnansweredQuestion.id))
    )
    return list(session.exec(query))
