"""A citizen's case after it is sent, as Traffy Fondue handles one: its category routes it
to a unit whose staff alone are told (a complaint about a staff member's conduct to the
heads only); a staff member takes it, hands it on or forwards it to another unit, answers
and closes it (done, or not within the agency's power, with a reason); each stage change is
kept with who, when and a note, and told to the citizen, who may rate the handling and
reopen the case within 14 days. The heads see what is overdue and choose what is published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from fiscal import fiscal_year_of
from messages_th import case_text as text
from messages_th.build import Message
from messages_th.case_words import DEFAULT_TOPICS
from models.audit import audit
from models.cases import (
    CaseEvent,
    CaseTopic,
    Spread,
    cases_between,
    cases_of_sender,
    events_of,
    open_cases,
    spread,
    stored_topics,
)
from models.citizen import CLOSING_STAGES, CaseStage, Suggestion, SuggestionStatus
from models.citizen import suggestion_by_ref as _by_ref
from models.outbox import queue
from models.plan import Measure, Plan, Unit, current_plan, find_measure, unit_by_name
from models.progress import Evidence, EvidenceBlob
from models.staff import Role, Staff, linked_staff_of_unit, staff_by_name
from reading.case_topic import topic_of
from reading.contact import without_personal_data
from reports.links import Links
from usecases.actor import Actor, NotAllowed
from usecases.evidence import Attachment
from usecases.participation import citizen_links
from usecases.reminders import head_addresses

#: a closed case may be reopened by its sender this long after it was closed
REOPEN_WITHIN = timedelta(days=14)


# -- categories and where a case goes --------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    name: str
    unit_name: str  # "" for the unit of the plan's citizen-participation measure
    target_hours: int
    conduct: bool


def topics(session: Session) -> list[Topic]:
    """The agency's categories (`cases topic`), or the defaults while it has set none."""
    stored = stored_topics(session)
    if stored:
        return [Topic(t.name, t.unit_name, t.target_hours, t.conduct) for t in stored]
    return [Topic(t.name, t.unit_name, t.target_hours, t.conduct) for t in DEFAULT_TOPICS]


def set_topic(
    session: Session,
    actor: Actor,
    name: str,
    now: datetime,
    *,
    unit_name: str = "",
    target_hours: int = 72,
    conduct: bool = False,
) -> Topic:
    """Add or change a category; the first change copies the defaults in, so they stay."""
    if not stored_topics(session):
        for position, default in enumerate(DEFAULT_TOPICS):
            session.add(
                CaseTopic(
                    name=default.name,
                    unit_name=default.unit_name,
                    target_hours=default.target_hours,
                    conduct=default.conduct,
                    position=position,
                )
            )
        session.flush()
    found = next((t for t in stored_topics(session) if t.name == name), None)
    row = found or CaseTopic(name=name, position=len(stored_topics(session)))
    row.unit_name, row.target_hours, row.conduct = unit_name, target_hours, conduct
    session.add(row)
    audit(session, now, actor.audit_name, "case.topic", name)
    return Topic(name, unit_name, target_hours, conduct)


def remove_topic(session: Session, actor: Actor, name: str, now: datetime) -> bool:
    found = next((t for t in stored_topics(session) if t.name == name), None)
    if found is None:
        return False
    session.delete(found)
    audit(session, now, actor.audit_name, "case.topic_removed", name)
    return True


@dataclass(frozen=True)
class Route:
    """Where a case goes: its category, the unit whose staff handle it (None: the heads),
    whether only the heads may see it, and the measure it counts under."""

    topic: str
    unit_id: int | None
    conduct: bool
    measure_id: int | None


def route(session: Session, plan: Plan | None, body: str, topic: str | None = None) -> Route:
    """The category the text is about (or the one named), and its unit: the unit of that
    name when the agency has it, else the unit of the plan's citizen-participation measure
    (measure 3 in the seed)."""
    known = topics(session)
    name = topic or topic_of(body, [t.name for t in known], {t.name for t in known if t.conduct})
    chosen = next((t for t in known if t.name == name), None)
    measure = participation_measure(session, plan)
    unit = unit_by_name(session, chosen.unit_name) if chosen and chosen.unit_name else None
    unit_id = unit.id if unit else (measure.unit_id if measure else None)
    conduct = bool(chosen and chosen.conduct)
    return Route(name, None if conduct else unit_id, conduct, measure.id if measure else None)


def participation_measure(session: Session, plan: Plan | None) -> Measure | None:
    """The plan's citizen-participation measure (measure 3 in the seed), if it has one."""
    if plan is None:
        return None
    number = citizen_links(session, plan).suggestions_measure
    return find_measure(session, plan, number) if number else None


def may_handle(staff: Staff | None, suggestion: Suggestion) -> bool:
    """Who sees a case's text and its sender's name and phone, acts on it and closes it:
    the heads, and the staff of the unit responsible for it, as the consent question
    promises; a complaint about a staff member's conduct, the heads only. Heads only here,
    not admins (docs/ARCHITECTURE.md, "Who is a head")."""
    if staff is None:
        return False
    if staff.role == Role.HEAD:
        return True
    if suggestion.conduct:
        return False
    return suggestion.unit_id is not None and staff.unit_id == suggestion.unit_id


def handlers_of(session: Session, suggestion: Suggestion) -> list[str]:
    """Whom a change on a case is told to, and no one else (quiet by default): whoever took
    it; else its unit's linked staff; else (a conduct case, or nobody linked) the heads."""
    if suggestion.taken_by is not None:
        taker = session.get(Staff, suggestion.taken_by)
        if taker is not None and taker.active and taker.line_user_id:
            return [taker.line_user_id]
    if not suggestion.conduct and suggestion.unit_id is not None:
        people = linked_staff_of_unit(session, suggestion.unit_id)
        found = [p.line_user_id for p in people if p.line_user_id]
        if found:
            return found
    return head_addresses(session)


def unit_name(session: Session, suggestion: Suggestion) -> str | None:
    unit = session.get(Unit, suggestion.unit_id) if suggestion.unit_id else None
    return unit.name if unit else None


def record(
    session: Session,
    suggestion: Suggestion,
    actor: Actor,
    what: str,
    now: datetime,
    note: str = "",
    photos: Sequence[Attachment] = (),
) -> CaseEvent:
    """One change of the case, kept with who, when and the note, with its photos; and in
    the audit log."""
    session.add(suggestion)
    event = CaseEvent(
        suggestion_id=_id(suggestion),
        at=now,
        stage=suggestion.stage,
        actor=actor.audit_name,
        what=what,
        note=note,
    )
    session.add(event)
    session.flush()
    staff = actor.staff
    for photo in photos:
        session.add(
            Evidence(
                sha256=photo.sha256,
                kind=photo.kind,
                file_name=photo.file_name,
                line_message_id=photo.line_message_id,
                suggestion_id=suggestion.id,
                case_event_id=event.id,
                staff_id=staff.id if staff else None,
                created_at=now,
            )
        )
    audit(session, now, actor.audit_name, f"suggestion.{what}", suggestion.ref)
    return event


def tell_citizen(
    session: Session, suggestion: Suggestion, once: str, messages: list[Message], now: datetime
) -> None:
    """A push to the case's sender (a staff member's change: no reply token of theirs is at
    hand), once per `once`; nobody when the sender had their data deleted."""
    if suggestion.erased_at is not None or not suggestion.line_user_id:
        return
    queue(
        session,
        key=f"suggestion:{suggestion.ref}:{once}",
        to=suggestion.line_user_id,
        messages=messages,
        purpose="suggestion",
        now=now,
    )


def tell_handlers(
    session: Session,
    suggestion: Suggestion,
    once: str,
    message: Message,
    now: datetime,
    to: list[str] | None = None,
) -> None:
    queue(
        session,
        key=f"suggestion:{suggestion.ref}:staff:{once}",
        to=to if to is not None else handlers_of(session, suggestion),
        messages=[message],
        purpose="suggestion",
        now=now,
    )


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoSuchCase:
    """No case by that reference that this person may see (another citizen's case does
    not exist, for them)."""

    ref: str


@dataclass(frozen=True)
class NotYourCase:
    """Another unit's case (or a conduct case, to a staff member): its handlers only."""

    ref: str
    unit: str | None


@dataclass(frozen=True)
class AlreadyClosed:
    ref: str


@dataclass(frozen=True)
class Changed:
    """A case moved on: its stage now, and to whom (a unit or a person) when that changed."""

    ref: str
    stage: str
    to: str | None = None


@dataclass(frozen=True)
class NoSuchPerson:
    """Handing on to someone who is not an active, linked staff member of the case's unit."""

    ref: str
    name: str


@dataclass(frozen=True)
class NoSuchTopic:
    name: str
    names: list[str]


def handled_case(
    session: Session, actor: Actor, ref: str, *, open_only: bool = True
) -> Suggestion | NoSuchCase | NotYourCase | AlreadyClosed:
    """The case a staff member acts on, unless there is none, it is not theirs to handle,
    or (`open_only`) it is closed."""
    staff = actor.staff_member()
    suggestion = _by_ref(session, ref)
    if suggestion is None:
        return NoSuchCase(ref)
    if not may_handle(staff, suggestion):
        return NotYourCase(
            suggestion.ref, None if suggestion.conduct else unit_name(session, suggestion)
        )
    if open_only and suggestion.stage in CLOSING_STAGES:
        return AlreadyClosed(suggestion.ref)
    return suggestion


# -- staff: take, hand on, forward -----------------------------------------------------------


def take_case(
    session: Session, actor: Actor, ref: str, now: datetime
) -> Changed | NoSuchCase | NotYourCase | AlreadyClosed:
    """The staff member takes the case: it is theirs, in progress; the citizen is told."""
    staff = actor.staff_member()
    suggestion = handled_case(session, actor, ref)
    if not isinstance(suggestion, Suggestion):
        return suggestion
    suggestion.taken_by, suggestion.stage = staff.id, CaseStage.IN_PROGRESS
    event = record(session, suggestion, actor, "take", now)
    tell_citizen(session, suggestion, f"take:{event.id}", [text.in_progress(suggestion.ref)], now)
    return Changed(suggestion.ref, suggestion.stage, staff.name)


def hand_on(
    session: Session, actor: Actor, ref: str, name: str, now: datetime
) -> Changed | NoSuchPerson | NoSuchCase | NotYourCase | AlreadyClosed:
    """The case passes to another staff member who may handle it; only they are told."""
    suggestion = handled_case(session, actor, ref)
    if not isinstance(suggestion, Suggestion):
        return suggestion
    person = staff_by_name(session, name.strip())
    if (
        person is None
        or not person.active
        or not person.line_user_id
        or not may_handle(person, suggestion)
    ):
        return NoSuchPerson(suggestion.ref, name.strip())
    suggestion.taken_by, suggestion.stage = person.id, CaseStage.IN_PROGRESS
    record(session, suggestion, actor, "hand_on", now, note=person.name)
    tell_handlers(
        session,
        suggestion,
        f"hand_on:{person.id}:{now.isoformat()}",
        text.handed_to_you(
            suggestion.ref, suggestion.topic, suggestion.text, actor.staff_member().name
        ),
        now,
        to=[person.line_user_id],
    )
    return Changed(suggestion.ref, suggestion.stage, person.name)


def forward_case(
    session: Session,
    actor: Actor,
    ref: str,
    topic: str,
    note: str,
    now: datetime,
    links: Links | None = None,
) -> Changed | NoSuchTopic | NoSuchCase | NotYourCase | AlreadyClosed:
    """The case goes to the unit of another category (its staff alone are told, or the
    heads for a conduct case); the citizen is told it was forwarded."""
    suggestion = handled_case(session, actor, ref)
    if not isinstance(suggestion, Suggestion):
        return suggestion
    names = [t.name for t in topics(session)]
    if topic not in names:
        return NoSuchTopic(topic, names)
    plan = current_plan(session, fiscal_year_of(now.date()))
    routed = route(session, plan, suggestion.text, topic)
    suggestion.topic, suggestion.unit_id, suggestion.conduct = (
        routed.topic,
        routed.unit_id,
        routed.conduct,
    )
    suggestion.taken_by, suggestion.stage = None, CaseStage.FORWARDED
    event = record(session, suggestion, actor, "forward", now, note=note)
    unit = unit_name(session, suggestion)
    tell_handlers(
        session,
        suggestion,
        f"forward:{event.id}",
        notice(session, suggestion, links, now),
        now,
    )
    tell_citizen(
        session, suggestion, f"forward:{event.id}", [text.forwarded(suggestion.ref, unit)], now
    )
    return Changed(suggestion.ref, suggestion.stage, unit)


# -- staff: close --------------------------------------------------------------------------


@dataclass(frozen=True)
class Closed:
    ref: str
    stage: str


def close_case(
    session: Session,
    actor: Actor,
    ref: str,
    now: datetime,
    *,
    outcome: CaseStage = CaseStage.DONE,
    note: str = "",
    photos: Sequence[Attachment] = (),
    links: Links | None = None,
) -> Closed | AlreadyClosed | NotYourCase | NoSuchCase:
    """Done (with the answer given, or `note`, and an optional "after" photo) or not within
    the agency's power (`note` the reason); the citizen is told what was done and asked to
    rate the handling."""
    if outcome not in CLOSING_STAGES:
        raise ValueError(outcome)
    suggestion = handled_case(session, actor, ref)
    if not isinstance(suggestion, Suggestion):
        return suggestion
    answer = suggestion.answer  # before the close: what the citizen was last told
    suggestion.stage, suggestion.status = outcome, SuggestionStatus.CLOSED
    suggestion.closed_at = now
    if note and outcome == CaseStage.DONE:
        suggestion.answer = note
    event = record(session, suggestion, actor, "close", now, note=note, photos=photos)
    photo_url = None
    if photos and links is not None:
        photo_url = after_page(_its(links, suggestion), suggestion.ref, now)
    told = (
        text.done_to_citizen(suggestion.ref, note, answer, photo_url)
        if outcome == CaseStage.DONE
        else text.out_of_scope_to_citizen(suggestion.ref, note)
    )
    tell_citizen(session, suggestion, f"closed:{event.id}", [told], now)
    return Closed(suggestion.ref, outcome)


# -- citizens: rate, reopen, their cases ----------------------------------------------------


@dataclass(frozen=True)
class Rated:
    ref: str
    score: int


@dataclass(frozen=True)
class NotClosed:
    ref: str


@dataclass(frozen=True)
class AlreadyRated:
    ref: str
    score: int


@dataclass(frozen=True)
class Reopened:
    ref: str


@dataclass(frozen=True)
class TooLate:
    """Closed more than REOPEN_WITHIN ago: a new case instead."""

    ref: str
    closed_on: date


def _own(session: Session, actor: Actor, ref: str) -> Suggestion | NoSuchCase:
    suggestion = _by_ref(session, ref)
    if suggestion is None or not actor.line_user_id:
        return NoSuchCase(ref)
    if suggestion.line_user_id != actor.line_user_id:
        return NoSuchCase(ref)
    return suggestion


def rate_case(
    session: Session, actor: Actor, ref: str, score: int, now: datetime
) -> Rated | AlreadyRated | NotClosed | NoSuchCase:
    """The sender's 1–5 rating of how their closed case was handled, once per closing."""
    if not 1 <= score <= 5:
        raise ValueError(score)
    suggestion = _own(session, actor, ref)
    if not isinstance(suggestion, Suggestion):
        return suggestion
    if suggestion.stage not in CLOSING_STAGES:
        return NotClosed(suggestion.ref)
    if suggestion.rating is not None:
        return AlreadyRated(suggestion.ref, suggestion.rating)
    suggestion.rating = score
    record(session, suggestion, actor, "rate", now, note=str(score))
    return Rated(suggestion.ref, score)


def reopen_check(
    session: Session, actor: Actor, ref: str, now: datetime
) -> str | TooLate | NotClosed | NoSuchCase:
    """Whether the sender may reopen the case now (asked before the reason is typed)."""
    suggestion = _own(session, actor, ref)
    if not isinstance(suggestion, Suggestion):
        return suggestion
    if suggestion.stage not in CLOSING_STAGES or suggestion.closed_at is None:
        return NotClosed(suggestion.ref)
    if now - suggestion.closed_at > REOPEN_WITHIN:
        return TooLate(suggestion.ref, suggestion.closed_at.astimezone(now.tzinfo).date())
    return suggestion.ref


def reopen_case(
    session: Session, actor: Actor, ref: str, reason: str, now: datetime
) -> Reopened | TooLate | NotClosed | NoSuchCase:
    """The sender reopens their closed case with a reason, within REOPEN_WITHIN: it goes
    back to whoever handled it (its unit, the heads), and a new rating is asked at the end."""
    checked = reopen_check(session, actor, ref, now)
    if not isinstance(checked, str):
        return checked
    suggestion = _by_ref(session, checked)
    assert suggestion is not None  # just found
    suggestion.stage, suggestion.status = CaseStage.IN_PROGRESS, SuggestionStatus.OPEN
    suggestion.closed_at, suggestion.rating = None, None
    event = record(session, suggestion, actor, "reopen", now, note=reason)
    tell_handlers(
        session,
        suggestion,
        f"reopen:{event.id}",
        text.reopened_to_staff(suggestion.ref, reason),
        now,
    )
    return Reopened(suggestion.ref)


def reopen_by_staff(
    session: Session, actor: Actor, ref: str, now: datetime
) -> Reopened | NoSuchCase | NotYourCase:
    """A handler reopens a closed case (to send an answer typed while it was closed)."""
    suggestion = handled_case(session, actor, ref, open_only=False)
    if isinstance(suggestion, AlreadyClosed):  # not returned when open_only is False
        raise AssertionError(suggestion)
    if not isinstance(suggestion, Suggestion):
        return suggestion
    if suggestion.stage in CLOSING_STAGES:
        suggestion.stage, suggestion.status = CaseStage.IN_PROGRESS, SuggestionStatus.OPEN
        suggestion.closed_at, suggestion.rating = None, None
        record(session, suggestion, actor, "reopen", now)
    return Reopened(suggestion.ref)


@dataclass(frozen=True)
class CaseLine:
    """One case in a list: its reference, category, stage and day sent."""

    ref: str
    topic: str
    stage: str
    sent_on: date
    text: str
    overdue_hours: int = 0


def my_cases(session: Session, actor: Actor, now: datetime) -> list[CaseLine]:
    """A citizen's own cases (the newest ten); a staff member's, the open cases they
    handle (the oldest first)."""
    tz = now.tzinfo
    staff = actor.staff
    if staff is not None:
        if staff.role != Role.HEAD and staff.unit_id is None:
            return []
        of_unit = None if staff.role == Role.HEAD else staff.unit_id
        rows = [s for s in open_cases(session, of_unit) if may_handle(staff, s)][:10]
    elif actor.line_user_id:
        rows = cases_of_sender(session, actor.line_user_id)
    else:
        return []
    return [
        CaseLine(s.ref, s.topic or s.category, s.stage, s.created_at.astimezone(tz).date(), s.text)
        for s in rows
    ]


def overdue(session: Session, actor: Actor, now: datetime) -> list[CaseLine]:
    """The open cases past their category's target time, the most late first: for a head
    (or an admin), all of them; NotAllowed for anyone else."""
    if not actor.is_head:
        raise NotAllowed("the overdue list is the heads'")
    hours = {t.name: t.target_hours for t in topics(session)}
    late: list[CaseLine] = []
    for s in open_cases(session):
        target = timedelta(hours=hours.get(s.topic, 72))
        past = now - s.created_at - target
        if past > timedelta(0):
            late.append(
                CaseLine(
                    s.ref,
                    s.topic or s.category,
                    s.stage,
                    s.created_at.astimezone(now.tzinfo).date(),
                    "",
                    int(past.total_seconds() // 3600),
                )
            )
    return sorted(late, key=lambda c: -c.overdue_hours)


@dataclass(frozen=True)
class Published:
    ref: str
    published: bool


def publish_case(
    session: Session, actor: Actor, ref: str, published: bool, now: datetime
) -> Published | NoSuchCase:
    """A head shows the case's text on the public page (without any name, phone or LINE
    id), or takes it off."""
    if not actor.is_head:
        raise NotAllowed("publishing a case is the heads'")
    suggestion = _by_ref(session, ref)
    if suggestion is None:
        return NoSuchCase(ref)
    suggestion.published = published
    record(session, suggestion, actor, "publish" if published else "unpublish", now)
    return Published(suggestion.ref, published)


# -- what staff see of a case -------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    what: str
    stage: str
    who: str | None  # a staff member's name; None for the citizen
    note: str


@dataclass(frozen=True)
class CasePage:
    """A case as its handlers see it on its signed page: photos and a map link."""

    ref: str
    topic: str
    category: str
    stage: str
    sent_at: datetime
    text: str
    address: str
    latitude: float | None
    longitude: float | None
    contact: str | None
    unit: str | None
    photos: list[int] = field(default_factory=list)  # evidence ids, by the citizen
    after_photos: list[int] = field(default_factory=list)  # by staff, at a stage change
    history: list[HistoryLine] = field(default_factory=list)


def case_page_data(session: Session, ref: str) -> CasePage | None:
    """What the signed page shows (the signature is the permission: it was sent to the
    case's handlers only)."""
    suggestion = _by_ref(session, ref)
    if suggestion is None or suggestion.erased_at is not None:
        return None
    evidence = session.exec(
        select(Evidence).where(Evidence.suggestion_id == suggestion.id).order_by(col(Evidence.id))
    ).all()
    names: dict[str, str] = {}
    for person in session.exec(select(Staff)).all():
        names[f"staff:{person.id}"] = person.name
    history = [
        HistoryLine(e.at, e.what, e.stage, names.get(e.actor), e.note)
        for e in events_of(session, _id(suggestion))
    ]
    return CasePage(
        suggestion.ref,
        suggestion.topic,
        suggestion.category,
        suggestion.stage,
        suggestion.created_at,
        suggestion.text,
        suggestion.address,
        suggestion.latitude,
        suggestion.longitude,
        (f"{suggestion.contact_name} {suggestion.contact_phone}" if suggestion.consent else None),
        unit_name(session, suggestion),
        [_id(e) for e in evidence if e.case_event_id is None],
        [_id(e) for e in evidence if e.case_event_id is not None],
        history,
    )


def _its(links: Links, suggestion: Suggestion) -> Links:
    """The links of the case's agency (a case's ref is unique within its agency only)."""
    return links.for_agency(suggestion.agency_id) if suggestion.agency_id else links


def case_page(links: Links, ref: str, now: datetime) -> str:
    """The signed page of a case for its handlers: its words, photos, map and history."""
    return links.signed_path(f"cases/{ref}", now)


def after_page(links: Links, ref: str, now: datetime) -> str:
    """The signed page of a case's "after" photos, for its sender."""
    return links.signed_path(f"cases/{ref}/after", now)


def case_photo(session: Session, ref: str, evidence_id: int) -> tuple[bytes, str] | None:
    """A photo of the case (its bytes and type), if it is one of this case's."""
    suggestion = _by_ref(session, ref)
    photo = session.get(Evidence, evidence_id)
    if suggestion is None or photo is None or photo.suggestion_id != suggestion.id:
        return None
    blob = session.get(EvidenceBlob, photo.sha256)
    return (blob.data, blob.content_type) if blob is not None else None


def notice(session: Session, suggestion: Suggestion, links: Links | None, now: datetime) -> Message:
    """The card a case's handlers get: its text, photos and place as a link to its signed
    page, the contact given with consent, and the buttons to act on it."""
    photos = session.exec(
        select(func.count()).select_from(Evidence).where(Evidence.suggestion_id == suggestion.id)
    ).one()
    page = case_page(_its(links, suggestion), suggestion.ref, now) if links is not None else None
    return text.notify_staff(
        suggestion.ref,
        suggestion.topic or suggestion.category,
        suggestion.text,
        photos,
        suggestion.address or None,
        (suggestion.latitude, suggestion.longitude) if suggestion.latitude is not None else None,
        (f"{suggestion.contact_name} {suggestion.contact_phone}" if suggestion.consent else None),
        page,
    )


# -- the public case list -----------------------------------------------------------------------


@dataclass(frozen=True)
class MonthCases:
    month: date
    by_topic: dict[str, dict[str, int]]  # topic → stage → how many
    time_to_close: Spread  # hours


@dataclass(frozen=True)
class PublicCase:
    """A case the agency chose to publish: its words only, never who sent it."""

    ref: str
    topic: str
    stage: str
    sent_on: date
    text: str
    answer: str


@dataclass(frozen=True)
class CaseStatistics:
    months: list[MonthCases]
    published: list[PublicCase]


def case_statistics(session: Session, months: list[date], tz: ZoneInfo) -> CaseStatistics:
    """Per month (the month a case was sent, agency time): cases by category and stage, and
    time to close; and the published cases' words, personal data taken out."""
    if not months:
        return CaseStatistics([], [])
    first, last = min(months), max(months)
    after = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    start = datetime(first.year, first.month, 1, tzinfo=tz)
    end = datetime(after.year, after.month, 1, tzinfo=tz)
    rows = cases_between(session, start, end)
    result: list[MonthCases] = []
    for month in sorted(months):
        of_month = [s for s in rows if s.created_at.astimezone(tz).date().replace(day=1) == month]
        by_topic: dict[str, dict[str, int]] = {}
        for s in of_month:
            stages = by_topic.setdefault(s.topic or s.category, {})
            stages[s.stage] = stages.get(s.stage, 0) + 1
        hours = [
            (s.closed_at - s.created_at).total_seconds() / 3600
            for s in of_month
            if s.closed_at is not None and s.stage in CLOSING_STAGES
        ]
        result.append(MonthCases(month, by_topic, spread(hours)))
    published = [
        PublicCase(
            s.ref,
            s.topic or s.category,
            s.stage,
            s.created_at.astimezone(tz).date(),
            without_personal_data(s.text),
            without_personal_data(s.answer),
        )
        for s in rows
        if s.published and s.erased_at is None
    ]
    return CaseStatistics(result, published)


def _id(row: Suggestion | Evidence | CaseEvent) -> int:
    assert row.id is not None  # flushed rows have their ids
    return row.id
