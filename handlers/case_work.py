"""A case after it is sent (`usecases.cases`): staff take it, hand it on, forward it to
another unit, close it with an "after" photo or as not within the agency's power; a head
sees what is overdue and publishes a case; the citizen lists their cases, rates the
handling and reopens a case with a reason. See `citizen_suggest.md` for the diagram."""

from __future__ import annotations

import re
from datetime import timedelta

from handlers.attachments import attach
from handlers.context import Context
from handlers.conversation import Draft, Flow
from handlers.forms import FileDraft
from handlers.router import Audience, Router
from messages_th import case_text as text
from messages_th import case_words as words
from messages_th import citizen_text, commands
from models.citizen import CaseStage
from reading.text import clean
from usecases import cases, suggestions

REF = re.compile(r"S-?\s*(\d{4})\s*-?\s*(\d{1,6})", re.IGNORECASE)
MAX_PHOTO_MB = 10

router = Router()


def ref_in(typed: str) -> tuple[str | None, str]:
    """The case reference in what was typed, and the words after it."""
    found = REF.search(clean(typed))
    if found is None:
        return None, ""
    return f"S-{found[1]}-{int(found[2]):04d}", clean(typed)[found.end() :].strip()


def _refused(ctx: Context, result: object) -> bool:
    """Tell the staff member why the case is not theirs to act on; False if it is."""
    match result:
        case cases.NoSuchCase(ref):
            ctx.reply(citizen_text.no_such_suggestion(ref))
        case cases.NotYourCase(ref, unit):
            ctx.reply(citizen_text.not_your_case(ref, citizen_text.case_owners(unit)))
        case cases.AlreadyClosed(ref):
            ctx.reply(citizen_text.already_closed(ref))
        case _:
            return False
    return True


# -- staff: take, hand on, forward ---------------------------------------------------------


@router.text(pattern=rf"^{words.TAKE}\s*S", audience=Audience.STAFF)
@router.postback("case.take", audience=Audience.STAFF)
def take_case(ctx: Context) -> None:
    ref = ctx.event.data.get("r") or ref_in(ctx.event.text or "")[0] or "-"
    result = cases.take_case(ctx.session, ctx.actor, ref, ctx.now)
    if not _refused(ctx, result) and isinstance(result, cases.Changed):
        ctx.reply(text.taken(result.ref))


@router.text(pattern=rf"^{words.HAND_ON}\s*S", audience=Audience.STAFF)
def hand_on_case(ctx: Context) -> None:
    ref, name = ref_in(ctx.event.text or "")
    if not name:
        ctx.reply(text.hand_on_needs_name(ref or "S-2565-0001"))
        return
    match cases.hand_on(ctx.session, ctx.actor, ref or "-", name, ctx.now):
        case cases.Changed(ref, _, to):
            ctx.reply(text.handed_on(ref, to or name))
        case cases.NoSuchPerson(ref, name):
            ctx.reply(text.no_such_person(ref, name))
        case refused:
            _refused(ctx, refused)


@router.text(pattern=rf"^{words.FORWARD}\s*S", audience=Audience.STAFF)
def forward_case(ctx: Context) -> None:
    ref, rest = ref_in(ctx.event.text or "")
    names = [t.name for t in cases.topics(ctx.session)]
    topic, said = _topic_named(rest, names)
    if not rest:
        ctx.reply(text.forward_needs_topic(ref or "S-2565-0001", names))
        return
    if topic is None:
        ctx.reply(text.no_such_topic(rest.split(" ")[0], names))
        return
    note = rest[len(said) :].strip()
    match cases.forward_case(ctx.session, ctx.actor, ref or "-", topic, note, ctx.now, ctx.links):
        case cases.Changed(ref, _, to):
            ctx.reply(text.forwarded_saved(ref, to))
        case cases.NoSuchTopic(name, names):
            ctx.reply(text.no_such_topic(name, names))
        case refused:
            _refused(ctx, refused)


def _topic_named(rest: str, names: list[str]) -> tuple[str | None, str]:
    """The category the words after the reference start with (its whole name, or one part
    of a name such as "roads/electricity"), and the words that named it."""
    found: list[tuple[str, str]] = []
    for name in names:
        for said in (name, *name.split("/")):
            said = clean(said)
            if said and rest.startswith(said):
                found.append((name, said))
    if not found:
        return None, ""
    return max(found, key=lambda pair: len(pair[1]))


# -- staff: close ---------------------------------------------------------------------------


class CloseDraft(Draft):
    ref: str


close_flow = Flow("close", CloseDraft, timeout=timedelta(minutes=30), audience=Audience.STAFF)


@router.postback("suggest.close", audience=Audience.STAFF)
def close_tapped(ctx: Context) -> None:
    """The close button: an "after" photo may go with it."""
    found = suggestions.case_to_handle(
        ctx.session, ctx.actor, ctx.event.data.get("r") or "-", open_only=True
    )
    if _refused(ctx, found) or not isinstance(found, str):
        return
    close_flow.begin(ctx, "photo", CloseDraft(ref=found))
    ctx.reply(text.ask_close(found))


@close_flow.state("photo").message("image")
def close_photo(ctx: Context) -> None:
    draft = close_flow.draft(ctx)
    kept = attach(ctx, max_mb=MAX_PHOTO_MB)
    if kept is None:
        return
    ctx.end()
    _close(ctx, draft.ref, CaseStage.DONE, "", [kept])


@close_flow.state("photo").postback("case.close_now")
@close_flow.state("photo").text(words.CLOSE_NOW)
def close_now(ctx: Context) -> None:
    draft = close_flow.draft(ctx)
    ctx.end()
    _close(ctx, draft.ref, CaseStage.DONE, "", [])


@close_flow.state("photo").text(when=lambda typed: len(clean(typed)) >= 3)
def close_with_words(ctx: Context) -> None:
    """What was done, typed instead of a photo: the citizen is told it."""
    draft = close_flow.draft(ctx)
    ctx.end()
    _close(ctx, draft.ref, CaseStage.DONE, (ctx.event.text or "").strip(), [])


@close_flow.fallbacks.any()
def close_nudge(ctx: Context) -> None:
    ctx.reply(text.ask_close(close_flow.draft(ctx).ref))


@router.text(pattern=rf"^{citizen_text.CLOSE}\s*S", audience=Audience.STAFF)
def close_typed(ctx: Context) -> None:
    """The close command with a reference (and what was done, after it): closed at once,
    no photo."""
    ref, note = ref_in(ctx.event.text or "")
    _close(ctx, ref or "-", CaseStage.DONE, note, [])


@router.text(pattern=rf"^{words.OUT_OF_SCOPE}\s*S", audience=Audience.STAFF)
def out_of_scope(ctx: Context) -> None:
    ref, reason = ref_in(ctx.event.text or "")
    if not reason:
        ctx.reply(text.out_of_scope_needs_reason(ref or "S-2565-0001"))
        return
    _close(ctx, ref or "-", CaseStage.OUT_OF_SCOPE, reason, [])


def _close(ctx: Context, ref: str, outcome: CaseStage, note: str, photos: list[FileDraft]) -> None:
    result = suggestions.close_case(
        ctx.session,
        ctx.actor,
        ref,
        ctx.now,
        outcome=outcome,
        note=note,
        photos=[p.attachment() for p in photos],
        links=ctx.links,
    )
    if not _refused(ctx, result) and isinstance(result, cases.Closed):
        ctx.reply(text.closed_saved(result.ref, result.stage))


# -- heads ----------------------------------------------------------------------------------


@router.text(words.OVERDUE, audience=Audience.HEAD)
def overdue(ctx: Context) -> None:
    ctx.reply(text.overdue(cases.overdue(ctx.session, ctx.actor, ctx.now)))


@router.text(words.OVERDUE, audience=Audience.STAFF)
def overdue_not_for_staff(ctx: Context) -> None:
    ctx.reply(text.heads_only())


@router.text(pattern=rf"^(?:{words.UNPUBLISH}|{words.PUBLISH})\s*S", audience=Audience.HEAD)
def publish(ctx: Context) -> None:
    typed = clean(ctx.event.text or "")
    ref, _ = ref_in(typed)
    on = not typed.startswith(words.UNPUBLISH)
    match cases.publish_case(ctx.session, ctx.actor, ref or "-", on, ctx.now):
        case cases.Published(ref, on):
            ctx.reply(text.published(ref, on))
        case cases.NoSuchCase(ref):
            ctx.reply(citizen_text.no_such_suggestion(ref))


@router.text(pattern=rf"^(?:{words.UNPUBLISH}|{words.PUBLISH})\s*S", audience=Audience.STAFF)
def publish_not_for_staff(ctx: Context) -> None:
    ctx.reply(text.heads_only())


# -- citizens: their cases, rating, reopening ------------------------------------------------------


def list_cases(ctx: Context, *, unless_none: bool = False) -> bool:
    """The follow command alone: a citizen's own cases with their stage; a staff member's,
    the open cases they handle. With `unless_none`, nothing is said when there are none
    (False: the caller answers)."""
    found = cases.my_cases(ctx.session, ctx.actor, ctx.now)
    if not found and unless_none:
        return False
    ctx.reply(text.my_cases(found, staff=ctx.staff is not None))
    return True


@router.postback("case.rate")
def rate_handling(ctx: Context) -> None:
    score = ctx.event.number("s") or 0
    if not 1 <= score <= 5:
        ctx.reply(citizen_text.rating_not_understood())
        return
    match cases.rate_case(ctx.session, ctx.actor, ctx.event.data.get("r") or "-", score, ctx.now):
        case cases.Rated(ref, score):
            ctx.reply(text.rated(ref, score))
        case cases.AlreadyRated(ref, score):
            ctx.reply(text.already_rated(ref, score))
        case cases.NotClosed(ref):
            ctx.reply(text.not_closed(ref))
        case cases.NoSuchCase(ref):
            ctx.reply(citizen_text.no_such_suggestion(ref))


class ReopenDraft(Draft):
    ref: str


reopen_flow = Flow("reopen", ReopenDraft, timeout=timedelta(minutes=30), personal=True)


@router.postback("case.reopen")
def reopen_tapped(ctx: Context) -> None:
    ref = ctx.event.data.get("r") or "-"
    # asked now, so the person is told at once if it cannot be reopened
    found = cases.reopen_check(ctx.session, ctx.actor, ref, ctx.now)
    if not isinstance(found, str):
        _not_reopened(ctx, found)
        return
    reopen_flow.begin(ctx, "reason", ReopenDraft(ref=found))
    ctx.reply(text.ask_reopen_reason(found))


@reopen_flow.state("reason").text(when=lambda typed: len(clean(typed)) >= 3)
def reopen_reason(ctx: Context) -> None:
    ref = reopen_flow.draft(ctx).ref
    ctx.end()
    result = cases.reopen_case(ctx.session, ctx.actor, ref, (ctx.event.text or "").strip(), ctx.now)
    if isinstance(result, cases.Reopened):
        ctx.reply(text.reopened(result.ref))
    else:
        _not_reopened(ctx, result)


def _not_reopened(
    ctx: Context, refused: cases.TooLate | cases.NotClosed | cases.NoSuchCase
) -> None:
    """Why the case cannot be reopened: said alike when the button is tapped and when the
    reason comes (the case may have changed in between)."""
    match refused:
        case cases.TooLate(ref, closed_on):
            ctx.reply(text.too_late(ref, closed_on))
        case cases.NotClosed(ref):
            ctx.reply(text.not_closed(ref))
        case cases.NoSuchCase(ref):
            ctx.reply(citizen_text.no_such_suggestion(ref))


@close_flow.interrupts.text(commands.CANCEL)
@close_flow.interrupts.postback("suggest.cancel")
@reopen_flow.interrupts.text(commands.CANCEL)
@reopen_flow.interrupts.postback("suggest.cancel")
def cancelled(ctx: Context) -> None:
    """Cancel while closing or reopening a case: the draft is dropped, the case unchanged."""
    ctx.discard()
    ctx.reply(citizen_text.suggestion_cancelled())


@reopen_flow.fallbacks.any()
def reopen_nudge(ctx: Context) -> None:
    ctx.reply(text.ask_reopen_reason(reopen_flow.draft(ctx).ref))
