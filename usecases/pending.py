"""Citizens' cases still waiting, as a head or a staff member asks in chat.

Waiting: not closed. Each is listed with its reference, kind, age and whether it has
been answered; its words are left to following the case by its reference, which shows
them to whoever may handle it (`suggestions.may_handle`). A staff member sees the cases
they may handle; the rest only as a count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from models.citizen import Suggestion, SuggestionStatus
from usecases.actor import Actor
from usecases.suggestions import may_handle

MOST_LISTED = 10


@dataclass(frozen=True)
class WaitingCase:
    ref: str
    category: str
    sent_on: date
    days: int  # days since it was sent
    answered: bool  # answered, not yet closed


@dataclass(frozen=True)
class Waiting:
    cases: list[WaitingCase]  # the oldest first, at most MOST_LISTED
    total: int  # all the cases the person may handle that wait
    others: int  # waiting cases of other units (not theirs to handle)


def waiting_cases(session: Session, actor: Actor, now: datetime) -> Waiting:
    staff = actor.staff_member()
    open_cases = session.exec(
        select(Suggestion)
        .where(col(Suggestion.status) != SuggestionStatus.CLOSED)
        .order_by(col(Suggestion.created_at))
    ).all()
    theirs = [s for s in open_cases if actor.is_head or may_handle(staff, s)]
    today = now.date()
    listed = []
    for case in theirs[:MOST_LISTED]:
        sent_on = case.created_at.astimezone(now.tzinfo).date()
        listed.append(
            WaitingCase(
                case.ref,
                case.category,
                sent_on,
                (today - sent_on).days,
                case.status == SuggestionStatus.ANSWERED,
            )
        )
    return Waiting(listed, len(theirs), len(open_cases) - len(theirs))
