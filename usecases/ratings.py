"""Rating the agency's services: 1 to 5 with an optional comment, once per person and
month (the plan's satisfaction-survey action counts them, `usecases.participation`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from fiscal import month_start
from models.citizen import Rating, rating_of
from usecases.actor import Actor, NotAllowed

SCORES = range(1, 6)


@dataclass(frozen=True)
class Rated:
    score: int
    month: date


@dataclass(frozen=True)
class AlreadyRated:
    score: int  # the rating this month already has
    month: date


def rating_this_month(session: Session, actor: Actor, now: datetime) -> AlreadyRated | None:
    """This month's rating by this person, if they gave one (they may give one a month)."""
    month = month_start(now.date())
    done = rating_of(session, _rater(actor), month)
    return AlreadyRated(done.score, month) if done else None


def rate_service(
    session: Session, actor: Actor, score: int, comment: str, now: datetime
) -> Rated | AlreadyRated:
    """Keep the rating; a second one in the same month is refused (the first counts)."""
    if score not in SCORES:
        raise ValueError(f"a rating is 1 to 5, not {score}")
    done = rating_this_month(session, actor, now)
    if done is not None:
        return AlreadyRated(score, done.month)
    month = month_start(now.date())
    session.add(
        Rating(
            line_user_id=_rater(actor), month=month, score=score, comment=comment, created_at=now
        )
    )
    return Rated(score, month)


def _rater(actor: Actor) -> str:
    if not actor.line_user_id:
        raise NotAllowed("a rating is given from a LINE account")
    return actor.line_user_id
