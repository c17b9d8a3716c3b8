"""Suggestions and complaints from citizens (see `citizen_suggest.md` for the diagram), and
staff answering them. A reference number lets the citizen follow the case; staff of the
responsible unit are told of new cases; the citizen is told of each answer and the close.
A case's text and its sender's name and phone are for the responsible unit's staff and the
heads only (`may_handle`): other staff see its status, and cannot answer or close it.
"""

from __future__ import annotations

import re
from datetime import timedelta
from enum import StrEnum

from handlers.attachments import attach
from handlers.context import Context
from handlers.conversation import Flow
from handlers.router import Audience, Router
from messages_th import citizen_text as text
from messages_th import commands
from messages_th.thai_calendar import fiscal_year_of
from messages_th.thai_input import clean, read_contact
from models.audit import audit
from models.citizen import (
    Suggestion,
    SuggestionStatus,
    case_team,
    may_handle,
    new_suggestion,
    responsible_for,
    sent_today,
    suggestion_by_ref,
    unit_name,
)
from models.conversation import forget_events
from models.plan import current_plan
from models.progress import Evidence
from models.staff import heads

MAX_PHOTOS = 3
MAX_PHOTO_MB = 10
PER_DAY = 5
REF = re.compile(r"S-?\s*(\d{4})\s*-?\s*(\d{1,6})", re.IGNORECASE)


class Step(StrEnum):
    CATEGORY = "category"
    TEXT = "text"
    PHOTO = "photo"
    LOCATION = "location"
    CONTACT = "contact"
    CONSENT = "consent"
    CONFIRM = "confirm"


router = Router()
flow = Flow("suggest", on_timeout=lambda ctx: ctx.reply(text.suggestion_timed_out()), personal=True)
answer_flow = Flow("answer", timeout=timedelta(minutes=30), audience=Audience.STAFF)


# -- starting ----------------------------------------------------------------------------


@router.text(text.SUGGEST)
def suggest(ctx: Context) -> None:
    _start(ctx, None)


@router.text(text.COMPLAIN)
def complain(ctx: Context) -> None:
    _start(ctx, text.COMPLAINT_CATEGORY)


def start_with_text(
    ctx: Context, category: str, typed: str | None, *, step: Step = Step.PHOTO
) -> None:
    """The form begun from a message in the citizen's own words: what they typed is the
    case's text (the form goes on at `step`); with no text, the form asks for it."""
    _start(ctx, category, typed.strip() if typed and typed.strip() else None, step)


def _start(
    ctx: Context, category: str | None, typed: str | None = None, step: Step = Step.PHOTO
) -> None:
    since = ctx.now - timedelta(days=1)
    if sent_today(ctx.session, ctx.user_id, since) >= PER_DAY:
        ctx.reply(text.suggestion_limit())
        return
    draft = {"c": category, "photos": []}
    if typed and category:
        flow.begin(ctx, step, {**draft, "t": typed})
        ctx.reply(text.case_started(category, typed))
    else:
        flow.begin(ctx, Step.TEXT if category else Step.CATEGORY, draft)
    ask(ctx)


def ask(ctx: Context, nudge: str | None = None) -> None:
    if nudge:
        ctx.reply(nudge)
    draft = ctx.draft
    match ctx.state:
        case Step.CATEGORY:
            ctx.reply(text.ask_category())
        case Step.TEXT:
            ctx.reply(text.ask_text(draft["c"]))
        case Step.PHOTO:
            ctx.reply(text.ask_photo(len(draft["photos"]), MAX_PHOTOS))
        case Step.LOCATION:
            ctx.reply(text.ask_location())
        case Step.CONTACT:
            ctx.reply(text.ask_contact())
        case Step.CONSENT:
            ctx.reply(text.ask_consent(draft["name"], draft["phone"]))
        case Step.CONFIRM:
            contact = f"{draft['name']} {draft['phone']}" if draft.get("consent") else None
            ctx.reply(
                text.confirm(draft["c"], draft["t"], len(draft["photos"]), "lat" in draft, contact)
            )


# -- the steps ---------------------------------------------------------------------------


@flow.state(Step.CATEGORY).postback("suggest.category")
def category_tapped(ctx: Context) -> None:
    _category(ctx, ctx.event.data.get("c", ""))


@flow.state(Step.CATEGORY).text(when=lambda typed: clean(typed) in text.CATEGORIES)
def category_typed(ctx: Context) -> None:
    _category(ctx, clean(ctx.event.text or ""))


def _category(ctx: Context, category: str) -> None:
    if category not in text.CATEGORIES:
        ask(ctx)
        return
    ctx.goto(Step.TEXT, c=category)
    ask(ctx)


@flow.state(Step.TEXT).text(when=lambda typed: True)
def text_typed(ctx: Context) -> None:
    body = (ctx.event.text or "").strip()
    if len(clean(body)) < 5:
        ask(ctx, nudge=text.text_too_short())
        return
    ctx.goto(Step.PHOTO, t=body)
    ask(ctx)


@flow.state(Step.PHOTO).message("image")
def photo(ctx: Context) -> None:
    photos = list(ctx.draft["photos"])
    if len(photos) < MAX_PHOTOS:
        kept = attach(ctx, max_mb=MAX_PHOTO_MB)  # too big or gone: the person is told why
        if kept is not None:
            photos.append({"sha": kept.sha, "id": kept.message_id})
            ctx.update_draft(photos=photos)
    if len(photos) >= MAX_PHOTOS:
        ctx.goto(Step.LOCATION)
    ask(ctx)


@flow.state(Step.PHOTO).postback("suggest.skip")
@flow.state(Step.PHOTO).text(text.SKIP)
def photos_done(ctx: Context) -> None:
    ctx.goto(Step.LOCATION)
    ask(ctx)


@flow.state(Step.LOCATION).message("location")
def location(ctx: Context) -> None:
    where = ctx.event.message
    ctx.goto(
        Step.CONTACT,
        lat=where.get("latitude"),
        lng=where.get("longitude"),
        address=where.get("address", ""),
    )
    ask(ctx)


@flow.state(Step.LOCATION).postback("suggest.skip")
@flow.state(Step.LOCATION).text(text.SKIP)
def no_location(ctx: Context) -> None:
    ctx.goto(Step.CONTACT)
    ask(ctx)


@flow.state(Step.CONTACT).postback("suggest.anonymous")
@flow.state(Step.CONTACT).text(text.ANONYMOUS, text.SKIP)
def anonymous(ctx: Context) -> None:
    forget_events(ctx.session, ctx.draft.get("contact_said", []), ctx.now)  # a name, unread
    ctx.goto(Step.CONFIRM, consent=False, contact_said=[])
    ask(ctx)


@flow.state(Step.CONTACT).text(when=lambda typed: True)
def contact(ctx: Context) -> None:
    # every message of this step may hold a name or a number: forgotten if consent is refused
    typed = [*ctx.draft.get("contact_said", []), ctx.event.event_id]
    found = read_contact(ctx.event.text or "")
    if found is None:
        ctx.update_draft(contact_said=typed)
        ask(ctx, nudge=text.contact_unclear())
        return
    ctx.goto(Step.CONSENT, name=found[0], phone=found[1], contact_said=typed)
    ask(ctx)


@flow.state(Step.CONSENT).postback("suggest.consent")
def consent_tapped(ctx: Context) -> None:
    _consent(ctx, ctx.event.data.get("y") == "1")


@flow.state(Step.CONSENT).text(text.CONSENT, text.NO_CONSENT)
def consent_typed(ctx: Context) -> None:
    _consent(ctx, clean(ctx.event.text or "") in text.CONSENT)


def _consent(ctx: Context, given: bool) -> None:
    """Without consent, the name and number are not kept at all: not in the draft, and not
    in the inbox's copy of the messages that carried them (nor in a push that echoed them)."""
    if given:
        ctx.goto(Step.CONFIRM, consent=True)
    else:
        forget_events(ctx.session, ctx.draft.get("contact_said", []), ctx.now)
        ctx.goto(Step.CONFIRM, consent=False, name="", phone="", contact_said=[])
    ask(ctx)


@flow.state(Step.CONFIRM).postback("suggest.send")
@flow.state(Step.CONFIRM).text(text.SEND)
def send(ctx: Context) -> None:
    draft = ctx.draft
    responsible = responsible_for(ctx.session, current_plan(ctx.session, fiscal_year_of(ctx.today)))
    consent = bool(draft.get("consent"))
    suggestion = new_suggestion(
        ctx.session,
        fiscal_year=fiscal_year_of(ctx.today),
        now=ctx.now,
        line_user_id=ctx.user_id,
        category=draft["c"],
        text=draft["t"],
        latitude=draft.get("lat"),
        longitude=draft.get("lng"),
        address=draft.get("address") or "",
        contact_name=draft.get("name", "") if consent else "",
        contact_phone=draft.get("phone", "") if consent else "",
        consent=consent,
        unit_id=responsible.unit_id,
        measure_id=responsible.measure_id,
    )
    for item in draft["photos"]:
        ctx.session.add(
            Evidence(
                sha256=item["sha"],
                kind="image",
                line_message_id=item.get("id"),
                suggestion_id=suggestion.id,
                created_at=ctx.now,
            )
        )
    _notify_staff(ctx, suggestion, len(draft["photos"]))
    audit(ctx.session, ctx.now, "citizen", "suggestion.new", suggestion.ref)
    ctx.end()
    ctx.reply(text.received(suggestion.ref, suggestion.category))


def _notify_staff(ctx: Context, suggestion: Suggestion, photos: int) -> None:
    """The linked staff of the responsible unit; the heads when nobody there is linked."""
    to = [p.line_user_id for p in case_team(ctx.session, suggestion)] or [
        h.line_user_id for h in heads(ctx.session) if h.line_user_id
    ]
    if not to:
        return
    location = suggestion.address or (
        f"{suggestion.latitude:.5f}, {suggestion.longitude:.5f}" if suggestion.latitude else None
    )
    contact = (
        f"{suggestion.contact_name} {suggestion.contact_phone}" if suggestion.consent else None
    )
    message = text.notify_staff(
        suggestion.ref, suggestion.category, suggestion.text, photos, location, contact
    )
    ctx.push(
        key=f"suggestion:{suggestion.ref}:new", to=to, messages=[message], purpose="suggestion"
    )


@flow.interrupts.text(commands.CANCEL)
@flow.interrupts.postback("suggest.cancel")
def cancel(ctx: Context) -> None:
    ctx.discard()  # "nothing is recorded": its photos go too
    ctx.reply(text.suggestion_cancelled())


@flow.fallbacks.any()
def nudge(ctx: Context) -> None:
    ask(ctx, nudge=text.in_form_nudge())


# -- following a case ----------------------------------------------------------------------


def _ref(typed: str) -> str | None:
    match = REF.search(clean(typed))
    return f"S-{match[1]}-{int(match[2]):04d}" if match else None


@router.text(pattern=rf"^{text.FOLLOW}\b|^{text.FOLLOW}\s*S")
def follow(ctx: Context) -> None:
    ref = _ref(ctx.event.text or "")
    if ref is None:
        ctx.reply(text.follow_needs_ref())
        return
    suggestion = suggestion_by_ref(ctx.session, ref)
    mine = suggestion is not None and suggestion.line_user_id == ctx.user_id
    if suggestion is None or not (mine or ctx.staff is not None):
        ctx.reply(
            text.no_such_suggestion(ref)
        )  # another citizen's case does not exist, for this person
        return
    handles = may_handle(ctx.staff, suggestion)
    contact = (
        f"{suggestion.contact_name} {suggestion.contact_phone}"
        if handles and suggestion.consent
        else None
    )
    sees = mine or handles  # anyone else on the staff: its status, not what was written
    ctx.reply(
        text.follow(
            suggestion.ref,
            suggestion.category,
            suggestion.created_at.astimezone(ctx.now.tzinfo).date(),
            suggestion.status,
            suggestion.answer if sees else "",
            suggestion.text if sees else None,
            contact,
            for_others=None if sees else _owners(ctx, suggestion),
            erased=suggestion.erased_at is not None,
        )
    )


def _owners(ctx: Context, suggestion: Suggestion) -> str:
    return text.case_owners(unit_name(ctx.session, suggestion))


def _refused(ctx: Context, suggestion: Suggestion) -> bool:
    """A staff member of another unit asked to answer or close the case: told so, politely."""
    if may_handle(ctx.staff, suggestion):
        return False
    ctx.reply(text.not_your_case(suggestion.ref, _owners(ctx, suggestion)))
    return True


# -- staff answering ---------------------------------------------------------------------


@router.text(pattern=rf"^{text.ANSWER}\s*S", audience=Audience.STAFF)
def answer_typed(ctx: Context) -> None:
    typed = clean(ctx.event.text or "")
    ref = _ref(typed)
    suggestion = suggestion_by_ref(ctx.session, ref) if ref else None
    if suggestion is None:
        ctx.reply(text.no_such_suggestion(ref or "-"))
        return
    if _refused(ctx, suggestion):
        return
    body = REF.split(typed, maxsplit=1)[-1].strip()
    if not body:
        ctx.reply(text.answer_needs_text(suggestion.ref))
        return
    _answer(ctx, suggestion, body)


@router.postback("suggest.answer", audience=Audience.STAFF)
def answer_tapped(ctx: Context) -> None:
    suggestion = suggestion_by_ref(ctx.session, ctx.event.data.get("r", ""))
    if suggestion is None:
        ctx.reply(text.no_such_suggestion(ctx.event.data.get("r", "-")))
        return
    if _refused(ctx, suggestion):
        return
    answer_flow.begin(ctx, "text", {"ref": suggestion.ref})
    ctx.reply(text.ask_answer(suggestion.ref))


@answer_flow.state("text").text(when=lambda typed: bool(typed.strip()))
def answer_given(ctx: Context) -> None:
    suggestion = suggestion_by_ref(ctx.session, ctx.draft["ref"])
    ctx.end()
    if suggestion is not None:
        _answer(ctx, suggestion, (ctx.event.text or "").strip())


@answer_flow.interrupts.text(commands.CANCEL)
@answer_flow.interrupts.postback("suggest.cancel")
def answer_cancelled(ctx: Context) -> None:
    ctx.discard()
    ctx.reply(text.suggestion_cancelled())


def _answer(ctx: Context, suggestion: Suggestion, body: str) -> None:
    if _refused(ctx, suggestion):  # moved to another unit while writing the answer
        return
    if suggestion.status == SuggestionStatus.CLOSED:
        ctx.reply(text.already_closed(suggestion.ref))
        return
    if suggestion.erased_at is not None:  # nobody to answer: the sender is no longer known
        ctx.reply(text.sender_erased(suggestion.ref))
        return
    suggestion.answer, suggestion.status = body, SuggestionStatus.ANSWERED
    suggestion.answered_by, suggestion.answered_at = ctx.staff.id, ctx.now
    ctx.session.add(suggestion)
    audit(ctx.session, ctx.now, f"staff:{ctx.staff.id}", "suggestion.answer", suggestion.ref)
    ctx.push(
        key=f"suggestion:{suggestion.ref}:answer:{ctx.event.event_id}",
        to=suggestion.line_user_id,
        messages=[text.answered_to_citizen(suggestion.ref, body)],
        purpose="suggestion",
    )
    ctx.reply(text.answer_saved(suggestion.ref))


@router.text(pattern=rf"^{text.CLOSE}\s*S", audience=Audience.STAFF)
@router.postback("suggest.close", audience=Audience.STAFF)
def close(ctx: Context) -> None:
    ref = ctx.event.data.get("r") or _ref(ctx.event.text or "") or "-"
    suggestion = suggestion_by_ref(ctx.session, ref)
    if suggestion is None:
        ctx.reply(text.no_such_suggestion(ref))
        return
    if _refused(ctx, suggestion):
        return
    if suggestion.status == SuggestionStatus.CLOSED:
        ctx.reply(text.already_closed(suggestion.ref))
        return
    suggestion.status, suggestion.closed_at = SuggestionStatus.CLOSED, ctx.now
    ctx.session.add(suggestion)
    audit(ctx.session, ctx.now, f"staff:{ctx.staff.id}", "suggestion.close", suggestion.ref)
    if suggestion.erased_at is None:  # else the sender is no longer known: nobody to tell
        ctx.push(
            key=f"suggestion:{suggestion.ref}:closed",
            to=suggestion.line_user_id,
            messages=[text.closed_to_citizen(suggestion.ref)],
            purpose="suggestion",
        )
    ctx.reply(text.closed_saved(suggestion.ref))
