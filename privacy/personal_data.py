"""A citizen's own data: a copy of what Tidtam keeps about them, and its deletion on request
(PDPA sections 30 and 33: the rights of access and of erasure).

What is kept about a LINE user who is not staff: when they first wrote; their cases (the
text, the place, the photos, the name and phone given with consent, the agency's answer);
their ratings and comments; for the retention period, the messages they sent and were sent.
Deleting them removes all of it and every link to their LINE account; what the agency must
still count stays, anonymous: a case's reference, category, dates and status (the public
page counts cases per month), a rating's month and score (the monthly average).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_
from sqlmodel import Session, col, delete, select, update

from models import tenancy
from models.audit import AuditLog
from models.cases import CaseEvent
from models.chat import LineUser
from models.citizen import Rating, Suggestion
from models.conversation import Conversation, forget_draft
from models.inbox import InboxEvent, forget_sender, redact_events
from models.outbox import OutboxMessage, forget_recipient, redact_pushes
from models.progress import Evidence, release_blobs
from models.ratelimit import RateHit

#: what an erased row says instead of the LINE account it came from
ERASED = "erased"


@dataclass(frozen=True)
class CaseCopy:
    ref: str
    created_at: datetime
    category: str
    status: str
    text: str
    address: str
    latitude: float | None
    longitude: float | None
    contact: str  # "name phone", when given with consent and still kept
    photos: int
    answer: str
    stage: str = ""
    rating: int | None = None  # of how the case was handled
    reasons: tuple[str, ...] = ()  # what the person wrote when reopening it


@dataclass(frozen=True)
class RatingCopy:
    month: date
    score: int
    comment: str


@dataclass(frozen=True)
class PersonalData:
    first_seen: datetime | None
    cases: list[CaseCopy]
    ratings: list[RatingCopy]
    messages: int  # events from this person whose content is still kept

    @property
    def empty(self) -> bool:
        return self.first_seen is None and not self.cases and not self.ratings and not self.messages


def copy_of(session: Session, line_user_id: str) -> PersonalData:
    """Everything kept about this LINE user, as they may ask to see it."""
    user = tenancy.get(session, LineUser, line_user_id)
    cases = list(
        session.exec(
            select(Suggestion)
            .where(Suggestion.line_user_id == line_user_id)
            .order_by(col(Suggestion.created_at))
        )
    )
    photos: dict[int, int] = {}
    if cases:
        for suggestion_id in session.exec(
            select(Evidence.suggestion_id).where(
                col(Evidence.suggestion_id).in_([c.id for c in cases])
            )
        ):
            if suggestion_id is not None:
                photos[suggestion_id] = photos.get(suggestion_id, 0) + 1
    reasons: dict[int, list[str]] = {}
    if cases:
        for event in session.exec(
            select(CaseEvent)
            .where(
                col(CaseEvent.suggestion_id).in_([c.id for c in cases]),
                CaseEvent.actor == "citizen",
                CaseEvent.note != "",
                CaseEvent.what == "reopen",
            )
            .order_by(col(CaseEvent.id))
        ):
            reasons.setdefault(event.suggestion_id, []).append(event.note)
    ratings = session.exec(
        select(Rating).where(Rating.line_user_id == line_user_id).order_by(col(Rating.month))
    )
    messages = session.exec(
        select(InboxEvent.id).where(
            InboxEvent.chat_key == line_user_id, col(InboxEvent.redacted_at).is_(None)
        )
    ).all()
    return PersonalData(
        first_seen=user.first_seen if user else None,
        cases=[
            CaseCopy(
                ref=c.ref,
                created_at=c.created_at,
                category=c.category,
                status=c.status,
                text=c.text,
                address=c.address,
                latitude=c.latitude,
                longitude=c.longitude,
                contact=f"{c.contact_name} {c.contact_phone}".strip() if c.consent else "",
                photos=photos.get(c.id or 0, 0),
                answer=c.answer,
                stage=c.stage,
                rating=c.rating,
                reasons=tuple(reasons.get(c.id or 0, ())),
            )
            for c in cases
        ],
        ratings=[RatingCopy(r.month, r.score, r.comment) for r in ratings],
        messages=len(messages),
    )


@dataclass(frozen=True)
class Erased:
    cases: int
    photos: int
    ratings: int
    events: int
    pushes: int


def erase(session: Session, line_user_id: str, now: datetime) -> Erased:
    """Delete this LINE user's personal data, keeping anonymous what the agency counts.

    Cases keep their reference, category, unit, dates and status; their text, place,
    photos, contact and answer go (the staff's answering messages too), and the link to the
    LINE account. Ratings keep month and
    score. The inbox keeps each handled event's kind and time, no longer whose it was; the
    outbox its counts; the audit log, what happened. Forms in progress, rate-limit counts
    and the account's row go.
    """
    cases = list(session.exec(select(Suggestion).where(Suggestion.line_user_id == line_user_id)))
    case_ids = [c.id for c in cases]
    evidence = (
        list(session.exec(select(Evidence).where(col(Evidence.suggestion_id).in_(case_ids))))
        if case_ids
        else []
    )
    for item in evidence:
        session.delete(item)
    release_blobs(session, [e.sha256 for e in evidence])
    # a case's history keeps its stages and times; its notes (answers, reasons) go
    if case_ids:
        for event in session.exec(
            select(CaseEvent).where(col(CaseEvent.suggestion_id).in_(case_ids))
        ):
            event.note = ""
            session.add(event)
    for case in cases:
        case.published = False
        case.line_user_id, case.text, case.answer = "", "", ""
        case.address, case.latitude, case.longitude = "", None, None
        case.contact_name, case.contact_phone, case.consent = "", "", False
        case.erased_at = now
        session.add(case)
    # the staff's answers to them, as the inbox holds them: each answer's push is keyed by
    # the event that carried it (`suggestion:<ref>:answer:<event id>`)
    answers = [f"suggestion:{case.ref}:answer:" for case in cases]
    answered = (
        session.exec(
            select(OutboxMessage.dedupe_key).where(
                or_(*(col(OutboxMessage.dedupe_key).startswith(a) for a in answers))
            )
        ).all()
        if answers
        else []
    )
    redact_events(session, [key.rsplit(":", 1)[-1] for key in answered], now)
    # what was pushed about these cases: the new-case notice (the text, the contact) and
    # the answers to the person
    pushes = redact_pushes(session, [], now, prefixes=[f"suggestion:{case.ref}:" for case in cases])
    ratings = list(session.exec(select(Rating).where(Rating.line_user_id == line_user_id)))
    for rating in ratings:
        rating.line_user_id, rating.comment = f"{ERASED}:{rating.id}", ""
        session.add(rating)
    for form in session.exec(
        select(Conversation).where(
            (col(Conversation.chat_key) == line_user_id)
            | col(Conversation.chat_key).endswith(f":{line_user_id}")
        )
    ):
        session.delete(form)
        forget_draft(session, form.draft, now)
    session.exec(delete(RateHit).where(col(RateHit.subject) == line_user_id))
    for column in ("actor", "subject"):  # a wrong link code typed: `line:U…`
        session.exec(
            update(AuditLog)
            .where(getattr(AuditLog, column) == f"line:{line_user_id}")
            .values({column: f"line:{ERASED}"})
        )
    user = tenancy.get(session, LineUser, line_user_id)
    if user is not None:
        session.delete(user)
    events = forget_sender(session, line_user_id, ERASED, now)
    pushes += forget_recipient(session, line_user_id, ERASED, now)
    session.flush()
    return Erased(
        cases=len(cases),
        photos=len(evidence),
        ratings=len(ratings),
        events=events,
        pushes=pushes,
    )
