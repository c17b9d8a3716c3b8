"""Citizens' suggestions and complaints: sent with a reference number, followed by the
citizen, answered and closed by staff. The unit of the case's category is told of a new
case (the heads, for a complaint about a staff member, or when nobody there is linked); the
citizen is told of each answer and the close. A case's text and its sender's name and phone
are for its handlers only (`usecases.cases.may_handle`): other staff see its status, and
cannot act on it. What happens to a case after it is sent is `usecases.cases`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from fiscal import fiscal_year_of
from messages_th import case_text as text
from models.citizen import (
    CLOSING_STAGES,
    CaseStage,
    Suggestion,
    SuggestionStatus,
    list_suggestions,
    new_suggestion,
    sent_today,
    suggestion_by_ref,
)
from models.plan import Plan, current_plan
from reports.links import Links
from usecases.actor import Actor, NotAllowed
from usecases.cases import (
    AlreadyClosed,
    Closed,
    NoSuchCase,
    NotYourCase,
    close_case,
    handled_case,
    may_handle,
    notice,
    participation_measure,
    record,
    route,
    tell_citizen,
    tell_handlers,
    unit_name,
)
from usecases.evidence import Attachment, attach

__all__ = [
    "AlreadyClosed",
    "Closed",
    "NoSuchCase",
    "NotYourCase",
    "close_case",  # staff close a case from chat and the console alike
    "may_handle",
]

#: cases one person may send in a day
PER_DAY = 5


@dataclass(frozen=True)
class Place:
    latitude: float | None
    longitude: float | None
    address: str = ""


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str


@dataclass(frozen=True)
class Received:
    ref: str  # S-2565-0042: what the citizen follows the case by
    category: str
    topic: str  # the agency's category it was routed by


@dataclass(frozen=True)
class TooMany:
    """PER_DAY cases in a day already."""


def may_send(session: Session, actor: Actor, now: datetime) -> bool:
    """Whether this person may start another case today (PER_DAY in a day)."""
    return sent_today(session, _sender(actor), now - timedelta(days=1)) < PER_DAY


def send_suggestion(
    session: Session,
    actor: Actor,
    now: datetime,
    *,
    category: str,
    body: str,
    photos: Sequence[Attachment] = (),
    place: Place | None = None,
    contact: Contact | None = None,
    topic: str | None = None,
    links: Links | None = None,
) -> Received | TooMany:
    """A case under the next reference number of the fiscal year, counted under the
    plan's citizens' participation measure, routed by its category (`topic`, else read
    from its text). `contact` only with the person's consent: it is kept for nothing else;
    `links` sign the page with its photos and map for its handlers."""
    sender = _sender(actor)
    if not may_send(session, actor, now):
        return TooMany()
    fiscal_year = fiscal_year_of(now.date())
    routed = route(session, current_plan(session, fiscal_year), body, topic)
    place = place or Place(None, None)
    suggestion = new_suggestion(
        session,
        fiscal_year=fiscal_year,
        now=now,
        line_user_id=sender,
        category=category,
        text=body,
        latitude=place.latitude,
        longitude=place.longitude,
        address=place.address,
        contact_name=contact.name if contact else "",
        contact_phone=contact.phone if contact else "",
        consent=contact is not None,
        unit_id=routed.unit_id,
        measure_id=routed.measure_id,
        topic=routed.topic,
        conduct=routed.conduct,
        stage=CaseStage.RECEIVED,
    )
    attach(session, photos, now, suggestion_id=suggestion.id)
    record(session, suggestion, actor, "new", now)
    # its unit's staff alone (the heads for a conduct case, or when nobody there is linked)
    tell_handlers(session, suggestion, "new", notice(session, suggestion, links, now), now)
    return Received(suggestion.ref, suggestion.category, suggestion.topic)


@dataclass(frozen=True)
class Responsible:
    """Where a new case goes: the unit whose staff handle it, and the measure it counts under."""

    unit_id: int | None
    measure_id: int | None


def responsible_for(session: Session, plan: Plan | None) -> Responsible:
    """The unit of the plan's citizen-participation measure (measure 3 in the seed), and
    that measure: where a case of no category's own unit goes (`usecases.cases.route`)."""
    measure = participation_measure(session, plan)
    return Responsible(measure.unit_id, measure.id) if measure else Responsible(None, None)


# -- following a case --------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A case as the asker may see it: a citizen their own; its handlers whole; any other
    staff member its status (and who handles it)."""

    ref: str
    category: str
    sent_on: date
    status: str
    answer: str  # "" to whoever may not see it
    body: str | None  # the case's words: to its handlers and to whoever sent it
    contact: str | None  # the name and phone given with consent: to its handlers only
    sees: bool  # the asker sees it whole (sent it, or handles it)
    unit: str | None  # the unit that handles it (with the heads)
    erased: bool  # its sender asked for their personal data to be deleted
    stage: str = CaseStage.RECEIVED
    topic: str = ""
    rating: int | None = None
    handles: bool = False  # the asker may act on it (`may_handle`)


def follow_case(session: Session, actor: Actor, ref: str, now: datetime) -> Case | NoSuchCase:
    suggestion = suggestion_by_ref(session, ref)
    mine = suggestion is not None and suggestion.line_user_id == actor.line_user_id
    if suggestion is None or not (mine or actor.staff is not None):
        return NoSuchCase(ref)
    return _as_case(session, actor, suggestion, mine, now)


def _as_case(
    session: Session, actor: Actor, suggestion: Suggestion, mine: bool, now: datetime
) -> Case:
    handles = may_handle(actor.staff, suggestion)
    sees = mine or handles
    return Case(
        suggestion.ref,
        suggestion.category,
        suggestion.created_at.astimezone(now.tzinfo).date(),
        suggestion.status,
        suggestion.answer if sees else "",
        suggestion.text if sees else None,
        _contact(suggestion) if handles else None,
        sees,
        None if suggestion.conduct else unit_name(session, suggestion),
        suggestion.erased_at is not None,
        suggestion.stage,
        suggestion.topic,
        suggestion.rating if sees else None,
        handles,
    )


def cases(session: Session, actor: Actor, now: datetime, status: str | None) -> list[Case]:
    """The cases of a status (all: None), newest first, as this staff member may see them:
    whole when they handle them, else their status (the console's list)."""
    actor.staff_member()
    return [
        _as_case(session, actor, suggestion, False, now)
        for suggestion in list_suggestions(session, status)
    ]


def _contact(suggestion: Suggestion) -> str | None:
    if not suggestion.consent:
        return None
    return f"{suggestion.contact_name} {suggestion.contact_phone}"


# -- staff answering ----------------------------------------------------------------------


@dataclass(frozen=True)
class Answered:
    ref: str


@dataclass(frozen=True)
class SenderErased:
    """The sender had their personal data deleted: nobody to answer (it can be closed)."""

    ref: str


def case_to_handle(
    session: Session, actor: Actor, ref: str, *, open_only: bool = False
) -> str | NoSuchCase | NotYourCase | AlreadyClosed:
    """The case's reference as stored, if there is such a case and the actor handles it
    (and, `open_only`, it is open)."""
    found = handled_case(session, actor, ref, open_only=open_only)
    return found.ref if isinstance(found, Suggestion) else found


def answer_case(
    session: Session, actor: Actor, ref: str, body: str, now: datetime, request_id: str
) -> Answered | AlreadyClosed | NotYourCase | SenderErased | NoSuchCase:
    """A staff member's answer: kept on the case and in its history, and sent to the
    citizen, once per `request_id` (the request that gave it: a LINE event's id, a console
    form's). A case nobody took is in progress from then on."""
    staff = actor.staff_member()
    suggestion = handled_case(session, actor, ref)
    if not isinstance(suggestion, Suggestion):
        return suggestion
    if suggestion.erased_at is not None:  # nobody to answer: the sender is no longer known
        return SenderErased(suggestion.ref)
    suggestion.answer, suggestion.status = body, SuggestionStatus.ANSWERED
    suggestion.answered_by, suggestion.answered_at = staff.id, now
    suggestion.stage = CaseStage.IN_PROGRESS
    record(session, suggestion, actor, "answer", now, note=body)
    tell_citizen(
        session, suggestion, f"answer:{request_id}", [text.answered(suggestion.ref, body)], now
    )
    return Answered(suggestion.ref)


def is_closed(session: Session, ref: str) -> bool:
    suggestion = suggestion_by_ref(session, ref)
    return suggestion is not None and suggestion.stage in CLOSING_STAGES


def note_after_close(
    session: Session, actor: Actor, ref: str, body: str, now: datetime, request_id: str
) -> Answered | NotYourCase | SenderErased | NoSuchCase:
    """A word to the citizen on a case already closed (an answer typed while it was
    closed, kept and sent as the staff member chose): in its history, the stage unchanged."""
    suggestion = handled_case(session, actor, ref, open_only=False)
    if isinstance(suggestion, AlreadyClosed):  # not returned when open_only is False
        raise AssertionError
    if not isinstance(suggestion, Suggestion):
        return suggestion
    if suggestion.erased_at is not None:
        return SenderErased(suggestion.ref)
    record(session, suggestion, actor, "note", now, note=body)
    tell_citizen(
        session,
        suggestion,
        f"answer:{request_id}",
        [text.note_after_close(suggestion.ref, body)],
        now,
    )
    return Answered(suggestion.ref)


def _sender(actor: Actor) -> str:
    """Cases are kept by the LINE account that sent them (the citizen follows them there)."""
    if not actor.line_user_id:
        raise NotAllowed("a case is sent from a LINE account")
    return actor.line_user_id
