"""Staff report their monthly progress: the guided form, and one typed line.

The guided form (see `staff_report.md` for the diagram) asks measure → action → percent →
detail → evidence → confirm, only about the measures the person reports on. Cancel gets
out of it anywhere; 30 minutes of silence ends it; its state lives in the database, so a
restart resumes it. A one-line report (`<report word> 1.2 50% <detail>`) records in one go.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import AliasChoices, Field, field_validator

from handlers.attachments import attach
from handlers.context import Context
from handlers.conversation import Draft, Flow
from handlers.forms import FileDraft
from handlers.router import Audience, Router
from messages_th import commands, staff_chat
from models.progress import ReportSource, status_for
from reading.report_line import (
    LineProblem,
    looks_like_report_line,
    percent_answer,
    read_report_line,
)
from reading.text import clean
from usecases import reporting

MAX_EVIDENCE = 5
MAX_EVIDENCE_MB = 10


class Step(StrEnum):
    MEASURE = "measure"
    ACTION = "action"
    PERCENT = "percent"
    DETAIL = "detail"
    EVIDENCE = "evidence"
    CONFIRM = "confirm"


class ReportDraft(Draft):
    """The guided report so far. Drafts saved before these names used one letter each
    (m, x, p, d, ev); they read on."""

    month: date  # the month it counts for: shown in the first question, kept to the end
    measure_no: int | None = Field(None, validation_alias=AliasChoices("measure_no", "m"))
    action_no: int | None = Field(None, validation_alias=AliasChoices("action_no", "x"))
    percent: int | None = Field(None, validation_alias=AliasChoices("percent", "p"))
    detail: str | None = Field(None, validation_alias=AliasChoices("detail", "d"))
    evidence: list[FileDraft] = Field(
        default_factory=list, validation_alias=AliasChoices("evidence", "ev")
    )
    edited: bool = False  # back from the confirmation card: the detail step leads back there

    @field_validator("month", mode="before")
    @classmethod
    def _month_key(cls, value: object) -> object:
        """Older drafts kept the month as `YYYY-MM`."""
        return f"{value}-01" if isinstance(value, str) and len(value) == 7 else value


router = Router()
flow = Flow(
    "report",
    ReportDraft,
    on_timeout=lambda ctx: ctx.reply(staff_chat.timed_out()),
    audience=Audience.STAFF,
)


# -- entry points ----------------------------------------------------------------------


@router.text(staff_chat.REPORT, audience=Audience.STAFF)
def start_typed(ctx: Context) -> None:
    start(ctx)


@router.postback("report.start", audience=Audience.STAFF)
def start_tapped(ctx: Context) -> None:
    start(ctx, ctx.event.number("m"), ctx.event.number("x"))


@router.text(when=looks_like_report_line, audience=Audience.STAFF)
def one_line(ctx: Context) -> None:
    """A one-line report: understood, recorded, and said back."""
    parsed = read_report_line(ctx.event.text or "")
    if isinstance(parsed, LineProblem):
        _explain(ctx, parsed)
        return
    _said_back(
        ctx,
        reporting.submit_report(
            ctx.session,
            ctx.actor,
            parsed.measure,
            parsed.action,
            parsed.percent.value,
            parsed.detail,
            ctx.now,
        ),
    )


@router.text(staff_chat.REPORT, audience=Audience.CITIZEN)
@router.postback("report.start", audience=Audience.CITIZEN)
@router.text(when=looks_like_report_line, audience=Audience.CITIZEN)
def not_staff(ctx: Context) -> None:
    ctx.reply(staff_chat.staff_only())


def start(ctx: Context, measure_no: int | None = None, action_no: int | None = None) -> None:
    begun = reporting.start_report(ctx.session, ctx.actor, ctx.now, measure_no, action_no)
    if isinstance(begun, reporting.NoPlan):
        _no_plan(ctx)
        return
    if isinstance(begun, reporting.NothingAssigned):
        ctx.reply(staff_chat.nothing_assigned())
        return
    if begun.not_theirs is not None:
        ctx.reply(staff_chat.unknown_measure(begun.not_theirs, begun.theirs))
    draft = ReportDraft(month=begun.month, measure_no=begun.measure_no, action_no=begun.action_no)
    step = Step.MEASURE
    if draft.measure_no is not None:
        step = Step.ACTION if draft.action_no is None else Step.PERCENT
    flow.begin(ctx, step, draft)
    ask(ctx)


# -- the questions ---------------------------------------------------------------------


def ask(ctx: Context, nudge: str | None = None) -> None:
    """Say the current step's question (after a nudge, when the last answer did not fit)."""
    if nudge:
        ctx.reply(nudge)
    draft = flow.draft(ctx)
    month = draft.month
    match ctx.state:
        case Step.MEASURE:
            choices = reporting.measure_choices(ctx.session, ctx.actor, month, ctx.now)
            if isinstance(choices, reporting.NoPlan):
                _no_plan(ctx)
                return
            ctx.reply(staff_chat.ask_measure(month, choices))
        case Step.ACTION:
            measure = reporting.measure_actions(ctx.session, draft.measure_no or 0, month, ctx.now)
            if not isinstance(measure, reporting.MeasureActions):
                _plan_changed(ctx, measure)
                return
            ctx.reply(staff_chat.ask_action(measure, month))
        case Step.PERCENT:
            action = _action(ctx, draft)
            if action is not None:
                ctx.reply(staff_chat.ask_percent(action))
        case Step.DETAIL:
            ctx.reply(staff_chat.ask_detail(draft.detail))
        case Step.EVIDENCE:
            ctx.reply(staff_chat.ask_evidence(len(draft.evidence), MAX_EVIDENCE))
        case Step.CONFIRM:
            action = _action(ctx, draft)
            if action is not None and draft.percent is not None:
                ctx.reply(
                    staff_chat.confirm_card(
                        action,
                        month,
                        draft.percent,
                        status_for(draft.percent),
                        draft.detail or "",
                        len(draft.evidence),
                    )
                )


def _action(ctx: Context, draft: ReportDraft) -> reporting.ActionToReport | None:
    """The action the form is about; None (and the form ended) if the plan lost it."""
    action = reporting.action_to_report(
        ctx.session, draft.measure_no or 0, draft.action_no or 0, draft.month, ctx.now
    )
    if isinstance(action, reporting.ActionToReport):
        return action
    _plan_changed(ctx, action)
    return None


def _plan_changed(ctx: Context, found: reporting.NoPlan | None) -> None:
    """The plan went (no plan) or lost the form's measure or action under the form."""
    if isinstance(found, reporting.NoPlan):
        _no_plan(ctx)
    else:
        ctx.discard()
        ctx.reply(staff_chat.cancelled())


# -- answers, step by step -------------------------------------------------------------


@flow.state(Step.MEASURE).postback("report.measure")
@flow.state(Step.ACTION).postback("report.measure")
def measure_tapped(ctx: Context) -> None:
    choose_measure(ctx, ctx.event.number("m"))


@flow.state(Step.MEASURE).text(when=lambda text: _numbers(text))
def measure_typed(ctx: Context) -> None:
    choose_measure(ctx, ctx.parsed[0])  # what `_numbers` read


def choose_measure(ctx: Context, number: int | None) -> None:
    if number is None or not reporting.reports_on(ctx.session, ctx.actor, number, ctx.now):
        ask(ctx, nudge=staff_chat.not_a_choice())
        return
    draft = flow.draft(ctx)
    draft.measure_no = number
    flow.goto(ctx, Step.ACTION, draft)
    ask(ctx)


@flow.state(Step.ACTION).postback("report.action")
@flow.state(Step.PERCENT).postback("report.action")
def action_tapped(ctx: Context) -> None:
    choose_action(ctx, ctx.event.number("m"), ctx.event.number("x"))


@flow.state(Step.ACTION).text(when=lambda text: _numbers(text))
def action_typed(ctx: Context) -> None:
    numbers: list[int] = ctx.parsed  # what `_numbers` read
    if len(numbers) > 1:
        choose_action(ctx, numbers[0], numbers[1])
    else:
        choose_action(ctx, flow.draft(ctx).measure_no, numbers[0])


def choose_action(ctx: Context, measure_no: int | None, action_no: int | None) -> None:
    draft = flow.draft(ctx)
    if (
        measure_no is None
        or action_no is None
        or measure_no != draft.measure_no
        or not isinstance(
            reporting.action_to_report(ctx.session, measure_no, action_no, draft.month, ctx.now),
            reporting.ActionToReport,
        )
    ):
        ask(ctx, nudge=staff_chat.not_a_choice())
        return
    draft.action_no = action_no
    flow.goto(ctx, Step.PERCENT, draft)
    ask(ctx)


@flow.state(Step.PERCENT).postback("report.percent")
def percent_tapped(ctx: Context) -> None:
    choose_percent(ctx, ctx.event.number("p"))


@flow.state(Step.PERCENT).text(when=lambda text: True)
def percent_typed(ctx: Context) -> None:
    answer = percent_answer(ctx.event.text or "")
    if answer is None:
        ask(ctx, nudge=staff_chat.percent_not_understood())
    elif isinstance(answer, LineProblem):
        ctx.reply(staff_chat.percent_out_of_range(answer.value or 0))
        ask(ctx)
    else:
        choose_percent(ctx, answer.value)


def choose_percent(ctx: Context, percent: int | None) -> None:
    if percent is None or not 0 <= percent <= 100:
        ask(ctx, nudge=staff_chat.percent_not_understood())
        return
    draft = flow.draft(ctx)
    draft.percent = percent
    flow.goto(ctx, Step.DETAIL, draft)
    ask(ctx)


@flow.state(Step.DETAIL).postback("report.keep_detail")
def keep_detail(ctx: Context) -> None:
    if flow.draft(ctx).detail:
        _after_detail(ctx)
    else:
        ask(ctx, nudge=staff_chat.empty_detail())


@flow.state(Step.DETAIL).text(when=lambda text: True)
def detail_typed(ctx: Context) -> None:
    detail = (ctx.event.text or "").strip()
    if not clean(detail):
        ask(ctx, nudge=staff_chat.empty_detail())
        return
    draft = flow.draft(ctx)
    draft.detail = detail
    _after_detail(ctx, draft)


def _after_detail(ctx: Context, draft: ReportDraft | None = None) -> None:
    """Evidence comes next, unless this is an edit that already has some: then confirm."""
    draft = draft or flow.draft(ctx)
    flow.goto(ctx, Step.CONFIRM if draft.edited else Step.EVIDENCE, draft)
    ask(ctx)


@flow.state(Step.EVIDENCE).message("image", "file", "video", "audio")
def evidence(ctx: Context) -> None:
    draft = flow.draft(ctx)
    if len(draft.evidence) >= MAX_EVIDENCE:
        ctx.reply(staff_chat.evidence_full(MAX_EVIDENCE))
        ask(ctx)
        return
    kept = attach(ctx, max_mb=MAX_EVIDENCE_MB)
    if kept is not None:
        draft.evidence.append(kept)
        flow.goto(ctx, Step.EVIDENCE, draft)
    ask(ctx)


@flow.state(Step.EVIDENCE).postback("report.evidence_done")
@flow.state(Step.EVIDENCE).text(staff_chat.SKIP_EVIDENCE, staff_chat.CONFIRM)
def evidence_done(ctx: Context) -> None:
    flow.goto(ctx, Step.CONFIRM)
    ask(ctx)


@flow.state(Step.CONFIRM).postback("report.confirm")
@flow.state(Step.CONFIRM).text(staff_chat.CONFIRM)
def confirm(ctx: Context) -> None:
    draft = flow.draft(ctx)
    if draft.measure_no is None or draft.action_no is None or draft.percent is None:
        ask(ctx)  # a confirmation before the form is complete: it cannot be from this version
        return
    saved = reporting.submit_report(
        ctx.session,
        ctx.actor,
        draft.measure_no,
        draft.action_no,
        draft.percent,
        draft.detail or "",
        ctx.now,
        evidence=[item.attachment() for item in draft.evidence],
        month=draft.month,
        source=ReportSource.GUIDED,
    )
    if isinstance(saved, reporting.ReportSaved):
        ctx.end()
        ctx.reply(staff_chat.saved(saved))
    else:  # the plan changed under the form
        ctx.discard()
        ctx.reply(staff_chat.cancelled())


@flow.state(Step.CONFIRM).postback("report.edit")
@flow.state(Step.CONFIRM).text(staff_chat.EDIT)
def edit(ctx: Context) -> None:
    draft = flow.draft(ctx)
    draft.edited = True
    flow.goto(ctx, Step.PERCENT, draft)
    ask(ctx)


# -- anywhere in the form --------------------------------------------------------------


@flow.interrupts.text(commands.CANCEL)
@flow.interrupts.postback("report.cancel")
def cancel(ctx: Context) -> None:
    ctx.discard()  # the evidence it downloaded goes too
    ctx.reply(staff_chat.cancelled())


@flow.interrupts.text(staff_chat.REPORT)
@flow.interrupts.postback("report.start")
def restart(ctx: Context) -> None:
    ctx.discard()
    start(ctx, ctx.event.number("m"), ctx.event.number("x"))


@flow.interrupts.text(when=looks_like_report_line)
def one_line_instead(ctx: Context) -> None:
    ctx.discard()
    one_line(ctx)


@flow.fallbacks.message("sticker")
def sticker(ctx: Context) -> None:
    ask(ctx, nudge=staff_chat.sticker_mid_form())


@flow.fallbacks.message("image", "file", "video", "audio", "location")
def media_too_early(ctx: Context) -> None:
    ask(ctx, nudge=staff_chat.media_mid_form())


@flow.fallbacks.text(when=lambda text: True)
@flow.fallbacks.postback(
    "report.measure",
    "report.action",
    "report.percent",
    "report.keep_detail",
    "report.evidence_done",
    "report.confirm",
    "report.edit",
)
def not_now(ctx: Context) -> None:
    nudge = (
        staff_chat.not_a_choice()
        if ctx.state in (Step.MEASURE, Step.ACTION)
        else staff_chat.still_reporting()
    )
    ask(ctx, nudge=nudge)


# -- helpers ---------------------------------------------------------------------------


def _no_plan(ctx: Context) -> None:
    ctx.discard()
    ctx.reply(staff_chat.no_plan())


def _said_back(
    ctx: Context,
    result: reporting.ReportSaved | reporting.NoPlan | reporting.NotTheirs | reporting.NoSuchAction,
) -> None:
    """A typed report's answer: what was recorded, or why nothing was."""
    match result:
        case reporting.ReportSaved():
            ctx.reply(staff_chat.saved(result))
        case reporting.NoPlan():
            _no_plan(ctx)
        case reporting.NotTheirs(measure_no, theirs):
            ctx.reply(staff_chat.unknown_measure(measure_no, theirs))
        case reporting.NoSuchAction(measure_no, action_no, actions):
            ctx.reply(staff_chat.unknown_action(measure_no, action_no, actions))


def _explain(ctx: Context, problem: LineProblem) -> None:
    if problem.kind == "percent_range":
        ctx.reply(staff_chat.percent_out_of_range(problem.value or 0))
    else:
        ctx.reply(staff_chat.line_problem(problem.kind, problem.measure, problem.action))


def _numbers(text: str) -> list[int] | None:
    """The numbers in a short answer (`1`, `<measure word> 1`, `1.2`, in either digits)."""
    import re

    typed = clean(text)
    if len(typed) > 20:
        return None
    found = [int(n) for n in re.findall(r"\d+", typed)]
    return found[:2] or None
