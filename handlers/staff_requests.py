"""Staff and heads in their own words: what no command matched is understood
(`understanding.understand_staff`) and handed to the listener or use case that does it.

`requests` comes after every command and before the citizens' free questions, so a linked
person's ordinary requests (who has not reported, nudge a named colleague, the cases
waiting, this month's document) reach their use case; what is not understood is
answered for the person's role, with that role's buttons. `router` holds the nudge's
confirmation buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from handlers import citizen_info, follow_up, leave, report_docs, staff_report, staff_status
from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import follow_up_text, staff_chat
from messages_th import request_text as text
from messages_th.build import with_quick_replies
from messages_th.help import help_for
from understanding import Intent, Understanding, understand_staff
from usecases import leave as leave_usecase
from usecases import nudges, pending, public
from usecases.results import NoPlan

router = Router()
requests = Router()


@requests.text(when=lambda typed: True, audience=Audience.STAFF)
def own_words(ctx: Context) -> None:
    """A staff member's or a head's message that no command took."""
    said = understand(ctx, ctx.event.text or "")
    answer = _ANSWERS.get(said.intent)
    if answer is not None:
        answer(ctx, said)
    elif said.keys:
        _as_citizens_get(ctx, said)
    else:
        role_reply(ctx)


def understand(ctx: Context, typed: str) -> Understanding:
    assert ctx.staff is not None  # the route's audience
    return understand_staff(
        typed,
        today=ctx.today,
        role=ctx.staff.role,
        staff=nudges.colleagues(ctx.session),
        candidates=public.question_candidates(ctx.session, ctx.now),
        workday=leave_usecase.workday_rule(ctx.session),
    )


def role_reply(ctx: Context) -> None:
    assert ctx.staff is not None
    ctx.reply(text.not_understood(ctx.staff.role))


def _is_head(ctx: Context) -> bool:
    return ctx.actor.is_head


# -- reporting ----------------------------------------------------------------------------


def _report(ctx: Context, said: Understanding) -> None:
    measure_no, action_no = _action(said)
    staff_report.start(ctx, measure_no, action_no)


def _action(said: Understanding) -> tuple[int, int] | tuple[None, None]:
    action = said.slots.get("action")
    if action is None:
        return None, None
    measure_no, action_no = (int(n) for n in str(action).split("."))
    return measure_no, action_no


def _same(ctx: Context, said: Understanding) -> None:
    staff_report.same(ctx, *_action(said))


def _correct(ctx: Context, said: Understanding) -> None:
    measure_no, action_no = _action(said)
    if measure_no is None or action_no is None:
        ctx.reply(staff_chat.which_to_correct())
        return
    staff_report.correct(ctx, measure_no, action_no)


# -- heads: who has not reported, nudges --------------------------------------------------


def _who_not_reported(ctx: Context, said: Understanding) -> None:
    if not _is_head(ctx):
        ctx.reply(text.heads_only())
        return
    found = nudges.still_missing(ctx.session, ctx.actor, ctx.now)
    if isinstance(found, NoPlan):
        ctx.reply(follow_up_text.no_summary())
        return
    ctx.reply(text.still_missing(found))


def _remind(ctx: Context, said: Understanding) -> None:
    if not _is_head(ctx):
        ctx.reply(text.nudge_for_heads())
        return
    slots = said.slots
    if slots.get("everyone"):
        ask_nudge(ctx, None)
    elif "person" in slots:
        ask_nudge(ctx, int(slots["person"]))
    else:
        names = nudges.colleagues(ctx.session)
        ctx.reply(
            text.who_to_nudge(
                slots.get("name_typed"), [names[k] for k in slots.get("candidates", [])]
            )
        )


def ask_nudge(ctx: Context, staff_id: int | None) -> None:
    """Show who a nudge would go to and what it costs; nothing is sent before "send"."""
    match nudges.nudge_targets(ctx.session, ctx.actor, ctx.now, staff_id):
        case NoPlan():
            ctx.reply(follow_up_text.no_summary())
        case nudges.StillMissing() as found:
            ctx.reply(text.confirm_nudge(found, staff_id))
        case nudges.NotMissing(name):
            ctx.reply(text.not_missing(name))
        case nudges.OnLeave(name, until):
            ctx.reply(text.on_leave(name, until))
        case nudges.NotLinked(name):
            ctx.reply(text.not_linked(name))


@router.postback("nudge.ask", audience=Audience.HEAD)
def nudge_asked(ctx: Context) -> None:
    ask_nudge(ctx, ctx.event.number("p"))


@router.postback("nudge.send", audience=Audience.HEAD)
def nudge_confirmed(ctx: Context) -> None:
    staff_id = ctx.event.number("p")
    if staff_id is None and ctx.event.number("all") != 1:
        ctx.reply(text.nudge_cancelled())
        return
    match nudges.nudge(ctx.session, ctx.actor, ctx.now, staff_id, ctx.links):
        case nudges.Nudged() as done:
            ctx.reply(text.nudged(done))
        case _:  # nobody to nudge any more: say why, as before the confirmation
            ask_nudge(ctx, staff_id)


@router.postback("nudge.cancel", audience=Audience.HEAD)
def nudge_cancelled(ctx: Context) -> None:
    ctx.reply(text.nudge_cancelled())


# -- documents, the summary, cases --------------------------------------------------------


def _document(ctx: Context, said: Understanding) -> None:
    if not _is_head(ctx):
        report_docs.not_for_you(ctx)
        return
    slots = said.slots
    period = slots.get("period", "month")
    if period == "month":
        month: date | None = slots.get("month")
        year = month.year + 543 if month else None
        report_docs.send_links(ctx, "month", year, month.month if month else None)
    else:
        report_docs.send_links(ctx, period, slots.get("fiscal_year"))


def _summary(ctx: Context, said: Understanding) -> None:
    if _is_head(ctx):
        follow_up.summary(ctx)
    else:
        follow_up.summary_not_for_staff(ctx)


def _pending(ctx: Context, said: Understanding) -> None:
    ctx.reply(text.waiting(pending.waiting_cases(ctx.session, ctx.actor, ctx.now)))


def _help(ctx: Context, said: Understanding) -> None:
    assert ctx.staff is not None
    ctx.reply(help_for(ctx.staff.role))


def _as_citizens_get(ctx: Context, said: Understanding) -> None:
    """What anyone may ask (thanks, greetings, a question about the plan, privacy, a
    rating, a case followed): the citizens' answer, with the person's own buttons in place
    of the citizens' menu (a head is never offered "send a suggestion")."""
    assert ctx.staff is not None
    before = len(ctx.replies)
    if said.intent in _CITIZENS:
        citizen_info.answer(ctx, said)
    else:
        citizen_info.plan_answer(ctx, ctx.event.text or "", said.keys[0], role_reply)
    for index in range(before, len(ctx.replies)):
        if "quickReply" in ctx.replies[index]:
            ctx.replies[index] = with_quick_replies(
                ctx.replies[index], text.buttons_for(ctx.staff.role)
            )


_CITIZENS = (
    Intent.THANKS,
    Intent.GREETING,
    Intent.SMALL_TALK,
    Intent.PRIVACY,
    Intent.RATING,
    Intent.FOLLOW_CASE,
)


_ANSWERS: dict[Intent, Callable[[Context, Understanding], object]] = {
    Intent.REPORT: _report,
    Intent.REPORT_PAGE: lambda ctx, said: staff_report.start(ctx),
    Intent.SAME_AS_LAST_MONTH: _same,
    Intent.CORRECT_REPORT: _correct,
    Intent.STATUS: lambda ctx, said: staff_status.status(ctx),
    Intent.WHO_NOT_REPORTED: _who_not_reported,
    Intent.REMIND: _remind,
    Intent.REPORT_DOCUMENT: _document,
    Intent.SUMMARY: _summary,
    Intent.PENDING_CASES: _pending,
    Intent.LEAVE: lambda ctx, said: leave.take(ctx, said.slots),
    Intent.CANCEL_LEAVE: lambda ctx, said: leave.cancel(ctx, said.slots),
    Intent.BACK_FROM_LEAVE: lambda ctx, said: leave.back(ctx),
    Intent.MEETING: lambda ctx, said: follow_up.meeting(ctx),
    Intent.HELP: _help,
    **{intent: _as_citizens_get for intent in _CITIZENS},
}
