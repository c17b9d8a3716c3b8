"""Suggestions and complaints from citizens (see `citizen_suggest.md` for the diagram), and
staff answering them (`usecases.suggestions`): the form, following a case, answers."""

from __future__ import annotations

import re
from datetime import timedelta
from enum import StrEnum

from pydantic import AliasChoices, Field

from delivery.line_api import ContentUnavailable
from handlers.context import Context
from handlers.conversation import Draft, Flow
from handlers.forms import FileDraft
from handlers.router import Audience, Router
from messages_th import citizen_text as text
from messages_th import commands
from reading.contact import read_contact
from reading.text import clean
from usecases import suggestions
from usecases.evidence import keep_file

MAX_PHOTOS = 3
MAX_PHOTO_MB = 10
REF = re.compile(r"S-?\s*(\d{4})\s*-?\s*(\d{1,6})", re.IGNORECASE)


class Step(StrEnum):
    CATEGORY = "category"
    TEXT = "text"
    PHOTO = "photo"
    LOCATION = "location"
    CONTACT = "contact"
    CONSENT = "consent"
    CONFIRM = "confirm"


class SuggestDraft(Draft):
    """The case so far. Drafts saved before these names used c, t, lat and lng; they read on."""

    category: str | None = Field(None, validation_alias=AliasChoices("category", "c"))
    body: str | None = Field(None, validation_alias=AliasChoices("body", "t"))
    photos: list[FileDraft] = Field(default_factory=list)
    latitude: float | None = Field(None, validation_alias=AliasChoices("latitude", "lat"))
    longitude: float | None = Field(None, validation_alias=AliasChoices("longitude", "lng"))
    address: str = ""
    name: str = ""
    phone: str = ""
    consent: bool = False  # to keep the name and phone (without it they are not kept)

    @property
    def place(self) -> suggestions.Place | None:
        if self.latitude is None:
            return None
        return suggestions.Place(self.latitude, self.longitude, self.address)

    @property
    def contact(self) -> suggestions.Contact | None:
        return suggestions.Contact(self.name, self.phone) if self.consent else None


class AnswerDraft(Draft):
    ref: str  # the case being answered


router = Router()
flow = Flow("suggest", SuggestDraft, on_timeout=lambda ctx: ctx.reply(text.suggestion_timed_out()))
answer_flow = Flow("answer", AnswerDraft, timeout=timedelta(minutes=30), audience=Audience.STAFF)


# -- starting ----------------------------------------------------------------------------


@router.text(text.SUGGEST)
def suggest(ctx: Context) -> None:
    _start(ctx, None)


@router.text(text.COMPLAIN)
def complain(ctx: Context) -> None:
    _start(ctx, text.COMPLAINT_CATEGORY)


def _start(ctx: Context, category: str | None) -> None:
    if not suggestions.may_send(ctx.session, ctx.actor, ctx.now):
        ctx.reply(text.suggestion_limit())
        return
    flow.begin(ctx, Step.TEXT if category else Step.CATEGORY, SuggestDraft(category=category))
    ask(ctx)


def ask(ctx: Context, nudge: str | None = None) -> None:
    if nudge:
        ctx.reply(nudge)
    draft = flow.draft(ctx)
    match ctx.state:
        case Step.CATEGORY:
            ctx.reply(text.ask_category())
        case Step.TEXT:
            ctx.reply(text.ask_text(draft.category or ""))
        case Step.PHOTO:
            ctx.reply(text.ask_photo(len(draft.photos), MAX_PHOTOS))
        case Step.LOCATION:
            ctx.reply(text.ask_location())
        case Step.CONTACT:
            ctx.reply(text.ask_contact())
        case Step.CONSENT:
            ctx.reply(text.ask_consent(draft.name, draft.phone))
        case Step.CONFIRM:
            contact = f"{draft.name} {draft.phone}" if draft.consent else None
            ctx.reply(
                text.confirm(
                    draft.category or "",
                    draft.body or "",
                    len(draft.photos),
                    draft.place is not None,
                    contact,
                )
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
    draft = flow.draft(ctx)
    draft.category = category
    flow.goto(ctx, Step.TEXT, draft)
    ask(ctx)


@flow.state(Step.TEXT).text(when=lambda typed: True)
def text_typed(ctx: Context) -> None:
    body = (ctx.event.text or "").strip()
    if len(clean(body)) < 5:
        ask(ctx, nudge=text.text_too_short())
        return
    draft = flow.draft(ctx)
    draft.body = body
    flow.goto(ctx, Step.PHOTO, draft)
    ask(ctx)


@flow.state(Step.PHOTO).message("image")
def photo(ctx: Context) -> None:
    draft = flow.draft(ctx)
    if len(draft.photos) < MAX_PHOTOS:
        try:
            data, content_type = ctx.content()
        except ContentUnavailable:
            ask(ctx)
            return
        if len(data) <= MAX_PHOTO_MB * 1024 * 1024:
            sha = keep_file(ctx.session, data, content_type, ctx.now)
            draft.photos.append(FileDraft(sha256=sha, line_message_id=ctx.event.message_id))
    flow.goto(ctx, Step.LOCATION if len(draft.photos) >= MAX_PHOTOS else Step.PHOTO, draft)
    ask(ctx)


@flow.state(Step.PHOTO).postback("suggest.skip")
@flow.state(Step.PHOTO).text(text.SKIP)
def photos_done(ctx: Context) -> None:
    flow.goto(ctx, Step.LOCATION)
    ask(ctx)


@flow.state(Step.LOCATION).message("location")
def location(ctx: Context) -> None:
    where = ctx.event.message
    draft = flow.draft(ctx)
    draft.latitude, draft.longitude = where.get("latitude"), where.get("longitude")
    draft.address = where.get("address", "")
    flow.goto(ctx, Step.CONTACT, draft)
    ask(ctx)


@flow.state(Step.LOCATION).postback("suggest.skip")
@flow.state(Step.LOCATION).text(text.SKIP)
def no_location(ctx: Context) -> None:
    flow.goto(ctx, Step.CONTACT)
    ask(ctx)


@flow.state(Step.CONTACT).postback("suggest.anonymous")
@flow.state(Step.CONTACT).text(text.ANONYMOUS, text.SKIP)
def anonymous(ctx: Context) -> None:
    draft = flow.draft(ctx)
    draft.consent = False
    flow.goto(ctx, Step.CONFIRM, draft)
    ask(ctx)


@flow.state(Step.CONTACT).text(when=lambda typed: True)
def contact(ctx: Context) -> None:
    found = read_contact(ctx.event.text or "")
    if found is None:
        ask(ctx, nudge=text.contact_unclear())
        return
    draft = flow.draft(ctx)
    draft.name, draft.phone = found
    flow.goto(ctx, Step.CONSENT, draft)
    ask(ctx)


@flow.state(Step.CONSENT).postback("suggest.consent")
def consent_tapped(ctx: Context) -> None:
    _consent(ctx, ctx.event.data.get("y") == "1")


@flow.state(Step.CONSENT).text(text.CONSENT, text.NO_CONSENT)
def consent_typed(ctx: Context) -> None:
    _consent(ctx, clean(ctx.event.text or "") in text.CONSENT)


def _consent(ctx: Context, given: bool) -> None:
    """Without consent, the name and number are not kept at all."""
    draft = flow.draft(ctx)
    draft.consent = given
    if not given:
        draft.name = draft.phone = ""
    flow.goto(ctx, Step.CONFIRM, draft)
    ask(ctx)


@flow.state(Step.CONFIRM).postback("suggest.send")
@flow.state(Step.CONFIRM).text(text.SEND)
def send(ctx: Context) -> None:
    draft = flow.draft(ctx)
    ctx.end()
    received = suggestions.send_suggestion(
        ctx.session,
        ctx.actor,
        ctx.now,
        category=draft.category or "",
        body=draft.body or "",
        photos=[photo.attachment() for photo in draft.photos],
        place=draft.place,
        contact=draft.contact,
    )
    if isinstance(received, suggestions.TooMany):
        ctx.reply(text.suggestion_limit())
    else:
        ctx.reply(text.received(received.ref, received.category))


@flow.interrupts.text(commands.CANCEL)
@flow.interrupts.postback("suggest.cancel")
def cancel(ctx: Context) -> None:
    ctx.end()
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
    case = suggestions.follow_case(ctx.session, ctx.actor, ref, ctx.now)
    if isinstance(case, suggestions.NoSuchCase):
        ctx.reply(text.no_such_suggestion(ref))
        return
    ctx.reply(
        text.follow(
            case.ref, case.category, case.sent_on, case.status, case.answer, case.body, case.contact
        )
    )


# -- staff answering ---------------------------------------------------------------------


@router.text(pattern=rf"^{text.ANSWER}\s*S", audience=Audience.STAFF)
def answer_typed(ctx: Context) -> None:
    typed = clean(ctx.event.text or "")
    ref = _ref(typed)
    found = suggestions.case_exists(ctx.session, ref) if ref else None
    if found is None:
        ctx.reply(text.no_such_suggestion(ref or "-"))
        return
    body = REF.split(typed, maxsplit=1)[-1].strip()
    if not body:
        ctx.reply(text.answer_needs_text(found))
        return
    _answer(ctx, found, body)


@router.postback("suggest.answer", audience=Audience.STAFF)
def answer_tapped(ctx: Context) -> None:
    found = suggestions.case_exists(ctx.session, ctx.event.data.get("r", ""))
    if found is None:
        ctx.reply(text.no_such_suggestion(ctx.event.data.get("r", "-")))
        return
    answer_flow.begin(ctx, "text", AnswerDraft(ref=found))
    ctx.reply(text.ask_answer(found))


@answer_flow.state("text").text(when=lambda typed: bool(typed.strip()))
def answer_given(ctx: Context) -> None:
    ref = answer_flow.draft(ctx).ref
    ctx.end()
    _answer(ctx, ref, (ctx.event.text or "").strip())


@answer_flow.interrupts.text(commands.CANCEL)
@answer_flow.interrupts.postback("suggest.cancel")
def answer_cancelled(ctx: Context) -> None:
    ctx.end()
    ctx.reply(text.suggestion_cancelled())


def _answer(ctx: Context, ref: str, body: str) -> None:
    match suggestions.answer_case(ctx.session, ctx.actor, ref, body, ctx.now, ctx.event.event_id):
        case suggestions.Answered(ref):
            ctx.reply(text.answer_saved(ref))
        case suggestions.AlreadyClosed(ref):
            ctx.reply(text.already_closed(ref))
        case suggestions.NoSuchCase():
            pass  # gone while the answer was typed: nothing to answer


@router.text(pattern=rf"^{text.CLOSE}\s*S", audience=Audience.STAFF)
@router.postback("suggest.close", audience=Audience.STAFF)
def close(ctx: Context) -> None:
    ref = ctx.event.data.get("r") or _ref(ctx.event.text or "") or "-"
    match suggestions.close_case(ctx.session, ctx.actor, ref, ctx.now):
        case suggestions.Closed(ref):
            ctx.reply(text.closed_saved(ref))
        case suggestions.AlreadyClosed(ref):
            ctx.reply(text.already_closed(ref))
        case suggestions.NoSuchCase(ref):
            ctx.reply(text.no_such_suggestion(ref))
