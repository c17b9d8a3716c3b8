"""Citizens' suggestions and complaints: sent with a reference number, followed by the
citizen, answered and closed by staff. The responsible unit's staff are told of a new case
(the heads, when nobody there is linked); the citizen is told of each answer and the close.
A case's text and its sender's name and phone are for the responsible unit's staff and the
heads only (`may_handle`): other staff see its status, and cannot answer or close it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from fiscal import fiscal_year_of
from messages_th import citizen_text as text
from messages_th.build import Message
from models.audit import audit
from models.citizen import (
    Suggestion,
    SuggestionStatus,
    list_suggestions,
    new_suggestion,
    sent_today,
    suggestion_by_ref,
)
from models.outbox import queue
from models.plan import Plan, Unit, current_plan, find_measure
from models.staff import Role, Staff, linked_staff_of_unit
from usecases.actor import Actor, NotAllowed
from usecases.evidence import Attachment, attach
from usecases.participation import citizen_links
from usecases.reminders import head_addresses

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
) -> Received | TooMany:
    """A case under the next reference number of the fiscal year, counted under the
    plan's citizens' participation measure. `contact` only with the person's consent: it
    is kept for nothing else."""
    sender = _sender(actor)
    if not may_send(session, actor, now):
        return TooMany()
    fiscal_year = fiscal_year_of(now.date())
    responsible = responsible_for(session, current_plan(session, fiscal_year))
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
        unit_id=responsible.unit_id,
        measure_id=responsible.measure_id,
    )
    photo_count = attach(session, photos, now, suggestion_id=suggestion.id)
    _tell_staff(session, suggestion, photo_count, now)
    audit(session, now, actor.audit_name, "suggestion.new", suggestion.ref)
    return Received(suggestion.ref, suggestion.category)


@dataclass(frozen=True)
class Responsible:
    """Where a new case goes: the unit whose staff handle it, and the measure it counts under."""

    unit_id: int | None
    measure_id: int | None


def responsible_for(session: Session, plan: Plan | None) -> Responsible:
    """The unit of the plan's citizen-participation measure (measure 3 in the seed), and
    that measure; nobody's when there is no plan or no such measure (then only the heads)."""
    if plan is None:
        return Responsible(None, None)
    number = citizen_links(session, plan).suggestions_measure
    measure = find_measure(session, plan, number) if number else None
    return Responsible(measure.unit_id, measure.id) if measure else Responsible(None, None)


def may_handle(staff: Staff | None, suggestion: Suggestion) -> bool:
    """Who sees a case's text and its sender's name and phone, answers it and closes it:
    the heads, and the staff of the unit responsible for it, as the consent question
    promises ("only the responsible officials see them"). Other staff see its status.
    Heads only here, not admins (docs/ARCHITECTURE.md, "Who is a head")."""
    if staff is None:
        return False
    if staff.role == Role.HEAD:
        return True
    return suggestion.unit_id is not None and staff.unit_id == suggestion.unit_id


def _unit_name(session: Session, suggestion: Suggestion) -> str | None:
    unit = session.get(Unit, suggestion.unit_id) if suggestion.unit_id else None
    return unit.name if unit else None


def _tell_staff(session: Session, suggestion: Suggestion, photos: int, now: datetime) -> None:
    """The linked staff of the responsible unit; the heads when nobody there is linked."""
    people = linked_staff_of_unit(session, suggestion.unit_id) if suggestion.unit_id else []
    to = [p.line_user_id for p in people if p.line_user_id] or head_addresses(session)
    if not to:
        return
    location = suggestion.address or (
        f"{suggestion.latitude:.5f}, {suggestion.longitude:.5f}" if suggestion.latitude else None
    )
    message = text.notify_staff(
        suggestion.ref, suggestion.category, suggestion.text, photos, location, _contact(suggestion)
    )
    queue(
        session,
        key=f"suggestion:{suggestion.ref}:new",
        to=to,
        messages=[message],
        purpose="suggestion",
        now=now,
    )


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


@dataclass(frozen=True)
class NoSuchCase:
    """No case by that reference that this person may see (another citizen's case does
    not exist, for them)."""

    ref: str


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
        _unit_name(session, suggestion),
        suggestion.erased_at is not None,
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
class Closed:
    ref: str


@dataclass(frozen=True)
class AlreadyClosed:
    ref: str


@dataclass(frozen=True)
class NotYourCase:
    """Another unit's case: only its unit's staff and the heads handle it."""

    ref: str
    unit: str | None


@dataclass(frozen=True)
class SenderErased:
    """The sender had their personal data deleted: nobody to answer (it can be closed)."""

    ref: str


def case_to_handle(session: Session, actor: Actor, ref: str) -> str | NoSuchCase | NotYourCase:
    """The case's reference as stored, if there is such a case and the actor handles it."""
    suggestion = suggestion_by_ref(session, ref)
    if suggestion is None:
        return NoSuchCase(ref)
    if not may_handle(actor.staff_member(), suggestion):
        return NotYourCase(suggestion.ref, _unit_name(session, suggestion))
    return suggestion.ref


def answer_case(
    session: Session, actor: Actor, ref: str, body: str, now: datetime, request_id: str
) -> Answered | AlreadyClosed | NotYourCase | SenderErased | NoSuchCase:
    """A staff member's answer: kept on the case, and sent to the citizen, once per
    `request_id` (the request that gave it: a LINE event's id, a console form's)."""
    staff = actor.staff_member()
    suggestion = _open_case(session, staff, ref)
    if not isinstance(suggestion, Suggestion):
        return suggestion
    if suggestion.erased_at is not None:  # nobody to answer: the sender is no longer known
        return SenderErased(suggestion.ref)
    suggestion.answer, suggestion.status = body, SuggestionStatus.ANSWERED
    suggestion.answered_by, suggestion.answered_at = staff.id, now
    message = text.answered_to_citizen(suggestion.ref, body)
    _citizen_told(session, actor, suggestion, "answer", f"answer:{request_id}", message, now)
    return Answered(suggestion.ref)


def close_case(
    session: Session, actor: Actor, ref: str, now: datetime
) -> Closed | AlreadyClosed | NotYourCase | NoSuchCase:
    """A staff member closes the case; the citizen is told (if still known)."""
    suggestion = _open_case(session, actor.staff_member(), ref)
    if not isinstance(suggestion, Suggestion):
        return suggestion
    suggestion.status, suggestion.closed_at = SuggestionStatus.CLOSED, now
    message = text.closed_to_citizen(suggestion.ref)
    _citizen_told(session, actor, suggestion, "close", "closed", message, now)
    return Closed(suggestion.ref)


def _citizen_told(
    session: Session,
    actor: Actor,
    suggestion: Suggestion,
    action: str,
    once: str,
    message: Message,
    now: datetime,
) -> None:
    """A staff member's change to a case (`action`): kept, in the audit log, and told to
    the citizen, once (`once` ends the push's dedupe key)."""
    session.add(suggestion)
    audit(session, now, actor.audit_name, f"suggestion.{action}", suggestion.ref)
    if suggestion.erased_at is not None:  # the sender is no longer known: nobody to tell
        return
    queue(
        session,
        key=f"suggestion:{suggestion.ref}:{once}",
        to=suggestion.line_user_id,
        messages=[message],
        purpose="suggestion",
        now=now,
    )


def _open_case(
    session: Session, staff: Staff, ref: str
) -> Suggestion | AlreadyClosed | NotYourCase | NoSuchCase:
    """The case a staff member acts on, unless there is none, it is another unit's, or it
    is closed."""
    suggestion = suggestion_by_ref(session, ref)
    if suggestion is None:
        return NoSuchCase(ref)
    if not may_handle(staff, suggestion):
        return NotYourCase(suggestion.ref, _unit_name(session, suggestion))
    if suggestion.status == SuggestionStatus.CLOSED:
        return AlreadyClosed(suggestion.ref)
    return suggestion


def _sender(actor: Actor) -> str:
    """Cases are kept by the LINE account that sent them (the citizen follows them there)."""
    if not actor.line_user_id:
        raise NotAllowed("a case is sent from a LINE account")
    return actor.line_user_id
