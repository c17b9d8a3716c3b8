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
    has_words,
    looks_like_report_line,
    percent_answer,
    read_report_line,
    report_lines,
)
from reading.text import clean
from usecases import reporting

MAX_EVIDENCE = 5
MAX_EVIDENCE_MB = 10


class Step(StrEnum):
    MEASURE = "measure"
    ACTION = "action"
    PERCENT = "percent"
    FALL = "fall"  # lower than last month's: is it?
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
    typed: bool = False  # a typed one-line report waiting for its fall to be confirmed
    #: begun from the next action's percent button: what was done (photos before it) is
    #: the last question, recorded as soon as it is typed
    quick: bool = False

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
    start(ctx, ctx.event.number("m"), ctx.event.number("x"), ctx.event.number("p"))


@router.postback("report.same", audience=Audience.STAFF)
def same_tapped(ctx: Context) -> None:
    """The next action's "the same as last month" button, outside a form."""
    same(ctx, ctx.event.number("m"), ctx.event.number("x"))


def same(ctx: Context, measure_no: int | None = None, action_no: int | None = None) -> None:
    """Last month's status kept for one action, or for all the person's owed actions."""
    found = reporting.same_as_last_month(ctx.session, ctx.actor, ctx.now, measure_no, action_no)
    match found:
        case reporting.Repeated():
            ctx.reply(staff_chat.repeated(found))
        case reporting.NothingAssigned():
            ctx.reply(staff_chat.nothing_assigned())
        case _:
            _said_back(ctx, found)


@router.text(when=looks_like_report_line, audience=Audience.STAFF)
def one_line(ctx: Context) -> None:
    """A typed report, one a line: understood, recorded, and said back; a fall from last
    month's percent is asked about first."""
    lines = report_lines(ctx.event.text or "")
    if len(lines) > 1:
        several(ctx, lines)
        return
    parsed = read_report_line(lines[0] if lines else "")
    if isinstance(parsed, LineProblem):
        _explain(ctx, parsed)
        return
    m, x, percent = parsed.measure, parsed.action, parsed.percent.value
    result = reporting.submit_report(
        ctx.session,
        ctx.actor,
        m,
        x,
        percent,
        parsed.detail,
        ctx.now,
        ask_on_fall=True,
        with_next=True,
    )
    if isinstance(result, reporting.Falls):  # asked about before anything is recorded
        draft = ReportDraft(
            month=result.month, measure_no=m, action_no=x, percent=percent, detail=parsed.detail
        )
        draft.typed = True
        flow.begin(ctx, Step.FALL, draft)
        ctx.reply(staff_chat.ask_fall(result.before, percent))
        return
    _said_back(ctx, result)


def several(ctx: Context, lines: list[str]) -> None:
    """Several reports in one message: each line that reads is recorded; one that does
    not, or that falls from last month's, is said back (in one message) and not recorded."""
    saved: list[reporting.ReportSaved] = []
    falls: list[tuple[int, int, int, int]] = []
    problems: list[dict] = []
    for line in lines:
        parsed = read_report_line(line)
        if isinstance(parsed, LineProblem):
            problems.append(_problem(parsed))
            continue
        m, x, percent = parsed.measure, parsed.action, parsed.percent.value
        result = reporting.submit_report(
            ctx.session, ctx.actor, m, x, percent, parsed.detail, ctx.now, ask_on_fall=True
        )
        match result:
            case reporting.Falls(before=before):
                falls.append((m, x, before, percent))
            case reporting.ReportSaved():
                saved.append(result)
            case reporting.NoPlan():
                _no_plan(ctx)
                return
            case reporting.NotTheirs(measure_no, theirs):
                problems.append(staff_chat.unknown_measure(measure_no, theirs))
            case reporting.NoSuchAction(measure_no, action_no, actions):
                problems.append(staff_chat.unknown_action(measure_no, action_no, actions))
    if problems:
        ctx.reply(staff_chat.together(problems))
    if falls:
        ctx.reply(staff_chat.falls_not_saved(falls))
    if saved:
        ctx.reply(staff_chat.saved_several(saved, _next(ctx)))


@router.text(staff_chat.REPORT, audience=Audience.CITIZEN)
@router.postback("report.start", audience=Audience.CITIZEN)
@router.text(when=looks_like_report_line, audience=Audience.CITIZEN)
def not_staff(ctx: Context) -> None:
    ctx.reply(staff_chat.staff_only())


def start(
    ctx: Context,
    measure_no: int | None = None,
    action_no: int | None = None,
    percent: int | None = None,
) -> None:
    """The guided form, at the measure, the action or (`percent` chosen already, from the
    next action's buttons) the detail."""
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
    if step == Step.PERCENT and percent is not None:
        draft.quick = True
        flow.begin(ctx, step, draft)
        choose_percent(ctx, percent)
        return
    flow.begin(ctx, step, draft)
    ask(ctx)


def correct(ctx: Context, measure_no: int, action_no: int) -> None:
    """A correction: this month's report on the action, asked again from the percent;
    the earlier report stays as history."""
    match reporting.to_correct(ctx.session, ctx.actor, measure_no, action_no, ctx.now):
        case reporting.ToCorrect() as found:
            ctx.reply(staff_chat.correcting(found))
            draft = ReportDraft(
                month=found.month, measure_no=measure_no, action_no=action_no, detail=found.detail
            )
            flow.begin(ctx, Step.PERCENT, draft)
            ask(ctx)
        case reporting.NothingToCorrect(m, x, month):
            ctx.reply(staff_chat.nothing_to_correct(m, x, month))
        case other:
            _said_back(ctx, other)


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
        case Step.FALL:
            before = reporting.fall_from(
                ctx.session,
                draft.measure_no or 0,
                draft.action_no or 0,
                draft.percent or 0,
                ctx.now,
                draft.month,
            )
            if before is None:  # no longer a fall (the earlier report changed): go on
                _after_fall(ctx, draft)
            else:
                ctx.reply(staff_chat.ask_fall(before, draft.percent or 0))
        case Step.DETAIL:
            if draft.quick:
                ctx.reply(staff_chat.ask_detail_then_save(draft.detail, len(draft.evidence)))
            else:
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
    before = reporting.fall_from(
        ctx.session, draft.measure_no or 0, draft.action_no or 0, percent, ctx.now, draft.month
    )
    if before is not None:
        flow.goto(ctx, Step.FALL, draft)
        ctx.reply(staff_chat.ask_fall(before, percent))
        return
    flow.goto(ctx, Step.DETAIL, draft)
    ask(ctx)


@flow.state(Step.PERCENT).postback("report.same")
@flow.state(Step.PERCENT).text(staff_chat.KEEP_DETAIL)
def same_in_form(ctx: Context) -> None:
    """Last month's status kept for the form's action: nothing more is asked."""
    draft = flow.draft(ctx)
    ctx.end()
    same(ctx, draft.measure_no, draft.action_no)


@flow.state(Step.FALL).postback("report.fall_yes")
@flow.state(Step.FALL).text(staff_chat.CONFIRM)
def fall_confirmed(ctx: Context) -> None:
    _after_fall(ctx, flow.draft(ctx))


def _after_fall(ctx: Context, draft: ReportDraft) -> None:
    """A typed report is recorded as typed; the form goes on to what was done."""
    if draft.typed:
        _record(ctx, draft, ReportSource.LINE)
        return
    flow.goto(ctx, Step.DETAIL, draft)
    ask(ctx)


@flow.state(Step.FALL).postback("report.fall_no")
@flow.state(Step.FALL).text(staff_chat.NO)
def fall_denied(ctx: Context) -> None:
    """Not a fall: the percent is asked again."""
    draft = flow.draft(ctx)
    draft.percent, draft.typed = None, False
    flow.goto(ctx, Step.PERCENT, draft)
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
    if not has_words(detail):
        ask(ctx, nudge=staff_chat.empty_detail())
        return
    draft = flow.draft(ctx)
    draft.detail = detail
    _after_detail(ctx, draft)


@flow.state(Step.DETAIL).message("image", "file", "video", "audio")
def evidence_first(ctx: Context) -> None:
    """The quick form takes its photos before what was done (it records on the words)."""
    draft = flow.draft(ctx)
    if not draft.quick:
        ask(ctx, nudge=staff_chat.media_mid_form())
        return
    _keep_evidence(ctx, Step.DETAIL)


def _after_detail(ctx: Context, draft: ReportDraft | None = None) -> None:
    """Evidence comes next, unless this is an edit that already has some: then confirm;
    the quick form records at once."""
    draft = draft or flow.draft(ctx)
    if draft.quick:
        _record(ctx, draft, ReportSource.GUIDED)
        return
    flow.goto(ctx, Step.CONFIRM if draft.edited else Step.EVIDENCE, draft)
    ask(ctx)


@flow.state(Step.EVIDENCE).message("image", "file", "video", "audio")
def evidence(ctx: Context) -> None:
    _keep_evidence(ctx, Step.EVIDENCE)


def _keep_evidence(ctx: Context, then: Step) -> None:
    draft = flow.draft(ctx)
    if len(draft.evidence) >= MAX_EVIDENCE:
        ctx.reply(staff_chat.evidence_full(MAX_EVIDENCE))
        ask(ctx)
        return
    kept = attach(ctx, max_mb=MAX_EVIDENCE_MB)
    if kept is not None:
        draft.evidence.append(kept)
        flow.goto(ctx, then, draft)
    ask(ctx)


@flow.state(Step.EVIDENCE).postback("report.evidence_done")
@flow.state(Step.EVIDENCE).text(staff_chat.SKIP_EVIDENCE, staff_chat.CONFIRM)
def evidence_done(ctx: Context) -> None:
    flow.goto(ctx, Step.CONFIRM)
    ask(ctx)


@flow.state(Step.CONFIRM).postback("report.confirm")
@flow.state(Step.CONFIRM).text(staff_chat.CONFIRM)
@flow.state(Step.EVIDENCE).postback("report.confirm")
def confirm(ctx: Context) -> None:
    _record(ctx, flow.draft(ctx), ReportSource.GUIDED)


def _record(ctx: Context, draft: ReportDraft, source: ReportSource) -> None:
    if draft.measure_no is None or draft.action_no is None or draft.percent is None:
        ask(ctx)  # a confirmation before the form is complete: it cannot be from this version
        return
    if draft.detail is None or not has_words(draft.detail):
        flow.goto(ctx, Step.DETAIL, draft)
        ask(ctx, nudge=staff_chat.empty_detail())
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
        source=source,
        with_next=True,
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
    start(ctx, ctx.event.number("m"), ctx.event.number("x"), ctx.event.number("p"))


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
    "report.same",
    "report.fall_yes",
    "report.fall_no",
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


def _next(ctx: Context) -> reporting.NextAction | None:
    return reporting.next_to_report(ctx.session, ctx.actor, ctx.now)


def _explain(ctx: Context, problem: LineProblem) -> None:
    ctx.reply(_problem(problem))


def _problem(problem: LineProblem) -> dict:
    if problem.kind == "percent_range":
        return staff_chat.percent_out_of_range(problem.value or 0)
    return staff_chat.line_problem(problem.kind, problem.measure, problem.action)


def _numbers(text: str) -> list[int] | None:
    """The numbers in a short answer (`1`, `<measure word> 1`, `1.2`, in either digits)."""
    import re

    typed = clean(text)
    if len(typed) > 20:
        return None
    found = [int(n) for n in re.findall(r"\d+", typed)]
    return found[:2] or None
