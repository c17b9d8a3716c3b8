"""Suggestions and complaints from citizens (see `citizen_suggest.md` for the diagram), and
staff answering them (`usecases.suggestions`): the form, following a case, answers. A
case's text and its sender's name and phone are for the responsible unit's staff and the
heads only: other staff see its status, and cannot answer or close it."""

from __future__ import annotations

import re
from datetime import timedelta
from enum import StrEnum

from pydantic import AliasChoices, Field

from handlers import case_work
from handlers.attachments import attach
from handlers.context import Context
from handlers.conversation import Draft, Flow
from handlers.forms import FileDraft
from handlers.router import Audience, Router
from messages_th import case_text, commands
from messages_th import citizen_text as text
from models.conversation import forget_events
from reading.contact import read_contact
from reading.text import clean
from usecases import cases, suggestions

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
    #: the events of the contact step (each may hold a name or a number): forgotten from
    #: the inbox if consent is refused
    contact_said: list[str] = Field(default_factory=list)

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
    #: an answer typed while the case was closed: kept until the staff member says what to do
    kept: str = ""


router = Router()
flow = Flow(
    "suggest",
    SuggestDraft,
    on_timeout=lambda ctx: ctx.reply(text.suggestion_timed_out()),
    personal=True,
)
answer_flow = Flow("answer", AnswerDraft, timeout=timedelta(minutes=30), audience=Audience.STAFF)


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
    if not suggestions.may_send(ctx.session, ctx.actor, ctx.now):
        ctx.reply(text.suggestion_limit())
        return
    if typed and category:
        flow.begin(ctx, step, SuggestDraft(category=category, body=typed))
        ctx.reply(text.case_started(category, typed))
    else:
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
        kept = attach(ctx, max_mb=MAX_PHOTO_MB)  # too big or gone: the person is told why
        if kept is not None:
            draft.photos.append(kept)
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
    forget_events(ctx.session, draft.contact_said, ctx.now)  # a name, unread
    draft.consent, draft.contact_said = False, []
    flow.goto(ctx, Step.CONFIRM, draft)
    ask(ctx)


@flow.state(Step.CONTACT).text(when=lambda typed: True)
def contact(ctx: Context) -> None:
    # every message of this step may hold a name or a number: forgotten if consent is refused
    draft = flow.draft(ctx)
    draft.contact_said.append(ctx.event.event_id)
    found = read_contact(ctx.event.text or "")
    if found is None:
        flow.goto(ctx, Step.CONTACT, draft)
        ask(ctx, nudge=text.contact_unclear())
        return
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
    """Without consent, the name and number are not kept at all: not in the draft, and not
    in the inbox's copy of the messages that carried them (nor in a push that echoed them)."""
    draft = flow.draft(ctx)
    draft.consent = given
    if not given:
        forget_events(ctx.session, draft.contact_said, ctx.now)
        draft.name = draft.phone = ""
        draft.contact_said = []
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
        links=ctx.links,
    )
    if isinstance(received, suggestions.TooMany):
        ctx.reply(text.suggestion_limit())
    else:
        ctx.reply(text.received(received.ref, received.category))


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
        case_work.list_cases(ctx)  # the command alone: one's cases, with their stage
        return
    case = suggestions.follow_case(ctx.session, ctx.actor, ref, ctx.now)
    if isinstance(case, suggestions.NoSuchCase):
        ctx.reply(text.no_such_suggestion(ref))
        return
    shown = text.follow(
        case.ref,
        case.category,
        case.sent_on,
        case.status,
        case.answer,
        case.body,
        case.contact,
        for_others=None if case.sees else text.case_owners(case.unit),
        erased=case.erased,
        stage=case.stage,
        topic=case.topic,
    )
    if case.handles and not case.erased:  # its handler: what they can do with it, at hand
        page = cases.case_page(ctx.links, case.ref, ctx.now)
        shown = case_text.with_handler_actions(shown, case.ref, case.stage, page)
    ctx.reply(shown)


# -- staff answering ---------------------------------------------------------------------


@router.text(pattern=rf"^{text.ANSWER}\s*S", audience=Audience.STAFF)
def answer_typed(ctx: Context) -> None:
    typed = clean(ctx.event.text or "")
    ref = _ref(typed)
    found = _handled(ctx, ref or "-")
    if found is None:
        return
    body = REF.split(typed, maxsplit=1)[-1].strip()
    if not body:
        ctx.reply(text.answer_needs_text(found))
        return
    _answer(ctx, found, body)


@router.postback("suggest.answer", audience=Audience.STAFF)
def answer_tapped(ctx: Context) -> None:
    found = _handled(ctx, ctx.event.data.get("r") or "-")
    if found is None:
        return
    answer_flow.begin(ctx, "text", AnswerDraft(ref=found))
    ctx.reply(text.ask_answer(found))


@answer_flow.state("text").text(when=lambda typed: bool(typed.strip()))
def answer_given(ctx: Context) -> None:
    draft = answer_flow.draft(ctx)
    body = (ctx.event.text or "").strip()
    if suggestions.is_closed(ctx.session, draft.ref):
        # closed while it was being typed: the text is kept, and the staff member chooses
        draft.kept = body
        answer_flow.goto(ctx, "kept", draft)
        ctx.reply(case_text.answer_kept(draft.ref, body))
        return
    ctx.end()
    _answer(ctx, draft.ref, body)


@answer_flow.state("kept").postback("case.kept_send")
def kept_sent(ctx: Context) -> None:
    """The kept answer goes to the citizen as a word after the close."""
    draft = answer_flow.draft(ctx)
    ctx.end()
    result = suggestions.note_after_close(
        ctx.session, ctx.actor, draft.ref, draft.kept, ctx.now, ctx.event.event_id
    )
    _answered(ctx, result, case_text.kept_sent(draft.ref))


@answer_flow.state("kept").postback("case.kept_reopen")
def kept_reopened(ctx: Context) -> None:
    """The case is reopened and the kept answer sent as an answer."""
    draft = answer_flow.draft(ctx)
    ctx.end()
    match cases.reopen_by_staff(ctx.session, ctx.actor, draft.ref, ctx.now):
        case cases.Reopened():
            _answer(ctx, draft.ref, draft.kept)
        case cases.NotYourCase(ref, unit):
            ctx.reply(text.not_your_case(ref, text.case_owners(unit)))


@answer_flow.fallbacks.any()
def answer_nudge(ctx: Context) -> None:
    draft = answer_flow.draft(ctx)
    if ctx.state == "kept":
        ctx.reply(case_text.answer_kept(draft.ref, draft.kept))
    else:
        ctx.reply(text.ask_answer(draft.ref))


@answer_flow.interrupts.text(commands.CANCEL)
@answer_flow.interrupts.postback("suggest.cancel")
def answer_cancelled(ctx: Context) -> None:
    ctx.discard()
    ctx.reply(text.suggestion_cancelled())


def _handled(ctx: Context, ref: str) -> str | None:
    """The case's reference if this staff member handles it; else they are told why not."""
    match suggestions.case_to_handle(ctx.session, ctx.actor, ref):
        case suggestions.NoSuchCase(ref):
            ctx.reply(text.no_such_suggestion(ref))
        case suggestions.NotYourCase(ref, unit):
            ctx.reply(text.not_your_case(ref, text.case_owners(unit)))
        case str() as found:
            return found
    return None


def _answer(ctx: Context, ref: str, body: str) -> None:
    result = suggestions.answer_case(ctx.session, ctx.actor, ref, body, ctx.now, ctx.event.event_id)
    if isinstance(result, suggestions.AlreadyClosed):  # typed in one line: kept all the same
        answer_flow.begin(ctx, "kept", AnswerDraft(ref=result.ref, kept=body))
        ctx.reply(case_text.answer_kept(result.ref, body))
        return
    _answered(ctx, result, text.answer_saved(ref))


def _answered(ctx: Context, result: object, saved: dict) -> None:
    match result:
        case suggestions.Answered():
            ctx.reply(saved)
        case suggestions.AlreadyClosed(ref):
            ctx.reply(text.already_closed(ref))
        case suggestions.NotYourCase(ref, unit):  # moved to another unit while writing
            ctx.reply(text.not_your_case(ref, text.case_owners(unit)))
        case suggestions.SenderErased(ref):
            ctx.reply(text.sender_erased(ref))
        case suggestions.NoSuchCase():
            pass  # gone while the answer was typed: nothing to answer
