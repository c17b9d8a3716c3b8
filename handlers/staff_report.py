"""Staff report their monthly progress: the guided form, and one typed line.

The guided form (see `staff_report.md` for the diagram) asks measure → action → percent →
detail → evidence → confirm, only about the measures the person reports on. Cancel gets
out of it anywhere; 30 minutes of silence ends it; its state lives in the database, so a
restart resumes it. A one-line report (`<report word> 1.2 50% <detail>`) records in one go.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from handlers.attachments import attach
from handlers.context import Context
from handlers.conversation import Flow
from handlers.router import Audience, Router
from messages_th import commands, staff_chat
from messages_th.report_input import (
    LineProblem,
    looks_like_report_line,
    percent_answer,
    read_report_line,
)
from messages_th.thai_calendar import fiscal_year_of, month_key, parse_month_key
from messages_th.thai_input import clean
from models.audit import audit
from models.plan import Measure, Plan, actions_of, current_plan, find_action, find_measure
from models.progress import (
    Evidence,
    ReportSource,
    current_report,
    latest_report,
    record_report,
    reported_action_ids,
    status_for,
)
from models.staff import measure_numbers_for, measures_for, report_target
from scheduler.calendar import reporting_month

MAX_EVIDENCE = 5
MAX_EVIDENCE_MB = 10


class Step(StrEnum):
    MEASURE = "measure"
    ACTION = "action"
    PERCENT = "percent"
    DETAIL = "detail"
    EVIDENCE = "evidence"
    CONFIRM = "confirm"


router = Router()
flow = Flow(
    "report", on_timeout=lambda ctx: ctx.reply(staff_chat.timed_out()), audience=Audience.STAFF
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
    action_id = _action_of(ctx, parsed.measure, parsed.action)
    if action_id is None:
        return
    month = reporting_month(ctx.session, ctx.now)
    report = record_report(
        ctx.session,
        action_id=action_id,
        month=month,
        percent=parsed.percent.value,
        detail=parsed.detail,
        staff=ctx.staff,
        now=ctx.now,
        source=ReportSource.LINE,
    )
    replaced = report.replaces_id is not None
    audit(
        ctx.session,
        ctx.now,
        f"staff:{ctx.staff.id}",
        "report.line",
        f"action:{action_id}",
        month=month_key(month),
    )
    ctx.reply(
        staff_chat.saved(
            parsed.measure,
            parsed.action,
            parsed.percent.value,
            status_for(parsed.percent.value),
            month,
            replaced,
        )
    )


@router.text(staff_chat.REPORT, audience=Audience.CITIZEN)
@router.postback("report.start", audience=Audience.CITIZEN)
@router.text(when=looks_like_report_line, audience=Audience.CITIZEN)
def not_staff(ctx: Context) -> None:
    ctx.reply(staff_chat.staff_only())


def start(ctx: Context, measure_no: int | None = None, action_no: int | None = None) -> None:
    plan = _plan(ctx)
    if plan is None:
        return
    mine = measures_for(ctx.session, ctx.staff, plan)
    if not mine:
        ctx.reply(staff_chat.nothing_assigned())
        return
    draft = {"month": month_key(reporting_month(ctx.session, ctx.now)), "ev": []}
    if measure_no is None and len(mine) == 1:
        measure_no = mine[0].number
    if measure_no is not None and measure_no not in {m.number for m in mine}:
        ctx.reply(staff_chat.unknown_measure(measure_no, [m.number for m in mine]))
        measure_no = None
    step = Step.MEASURE
    if measure_no is not None:
        draft["m"], step = measure_no, Step.ACTION
        if action_no is not None and find_action(ctx.session, plan, measure_no, action_no):
            draft["x"], step = action_no, Step.PERCENT
    flow.begin(ctx, step, draft)
    ask(ctx)


# -- the questions ---------------------------------------------------------------------


def ask(ctx: Context, nudge: str | None = None) -> None:
    """Say the current step's question (after a nudge, when the last answer did not fit)."""
    if nudge:
        ctx.reply(nudge)
    plan = _plan(ctx, quiet=True)
    if plan is None:
        ctx.discard()
        ctx.reply(staff_chat.no_plan())
        return
    draft, month = ctx.draft, parse_month_key(ctx.draft["month"])
    match ctx.state:
        case Step.MEASURE:
            done = reported_action_ids(ctx.session, plan, month)
            lines = []
            for measure in measures_for(ctx.session, ctx.staff, plan):
                actions = actions_of(ctx.session, measure)
                lines.append(
                    staff_chat.MeasureLine(
                        measure.number,
                        measure.title,
                        sum(a.id in done for a in actions),
                        len(actions),
                    )
                )
            ctx.reply(staff_chat.ask_measure(month, lines))
        case Step.ACTION:
            measure = find_measure(ctx.session, plan, draft["m"])
            ctx.reply(
                staff_chat.ask_action(
                    measure.number, measure.title, _action_lines(ctx, measure, month), month
                )
            )
        case Step.PERCENT:
            action = find_action(ctx.session, plan, draft["m"], draft["x"])
            previous = latest_report(ctx.session, action, month)
            ctx.reply(
                staff_chat.ask_percent(
                    draft["m"], draft["x"], action.text, previous.percent if previous else None
                )
            )
        case Step.DETAIL:
            ctx.reply(staff_chat.ask_detail(draft.get("d")))
        case Step.EVIDENCE:
            ctx.reply(staff_chat.ask_evidence(len(draft.get("ev", [])), MAX_EVIDENCE))
        case Step.CONFIRM:
            measure = find_measure(ctx.session, plan, draft["m"])
            action = find_action(ctx.session, plan, draft["m"], draft["x"])
            ctx.reply(
                staff_chat.confirm_card(
                    measure=measure.number,
                    measure_title=measure.title,
                    action=action.number,
                    action_text=action.text,
                    month=month,
                    percent=draft["p"],
                    status=status_for(draft["p"]),
                    detail=draft["d"],
                    evidence=len(draft.get("ev", [])),
                    replaces=current_report(ctx.session, action, month) is not None,
                )
            )


def _action_lines(ctx: Context, measure: Measure, month: date) -> list[staff_chat.ActionLine]:
    lines = []
    for action in actions_of(ctx.session, measure):
        report = current_report(ctx.session, action, month)
        lines.append(
            staff_chat.ActionLine(
                measure.number,
                action.number,
                action.text,
                report.percent if report else 0,
                report is not None,
            )
        )
    return lines


# -- answers, step by step -------------------------------------------------------------


@flow.state(Step.MEASURE).postback("report.measure")
@flow.state(Step.ACTION).postback("report.measure")
def measure_tapped(ctx: Context) -> None:
    choose_measure(ctx, ctx.event.number("m"))


@flow.state(Step.MEASURE).text(when=lambda text: _numbers(text) is not None)
def measure_typed(ctx: Context) -> None:
    choose_measure(ctx, _numbers(ctx.event.text or "")[0])


def choose_measure(ctx: Context, number: int | None) -> None:
    plan = _plan(ctx)
    mine = measure_numbers_for(ctx.session, ctx.staff, plan) if plan else []
    if number not in mine:
        ask(ctx, nudge=staff_chat.not_a_choice())
        return
    ctx.goto(Step.ACTION, m=number)
    ask(ctx)


@flow.state(Step.ACTION).postback("report.action")
@flow.state(Step.PERCENT).postback("report.action")
def action_tapped(ctx: Context) -> None:
    choose_action(ctx, ctx.event.number("m"), ctx.event.number("x"))


@flow.state(Step.ACTION).text(when=lambda text: _numbers(text) is not None)
def action_typed(ctx: Context) -> None:
    numbers = _numbers(ctx.event.text or "")
    measure, action = (numbers[0], numbers[1]) if len(numbers) > 1 else (ctx.draft["m"], numbers[0])
    choose_action(ctx, measure, action)


def choose_action(ctx: Context, measure_no: int | None, action_no: int | None) -> None:
    plan = _plan(ctx)
    if (
        plan is None
        or measure_no != ctx.draft.get("m")
        or find_action(ctx.session, plan, measure_no, action_no or 0) is None
    ):
        ask(ctx, nudge=staff_chat.not_a_choice())
        return
    ctx.goto(Step.PERCENT, x=action_no)
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
    ctx.goto(Step.DETAIL, p=percent)
    ask(ctx)


@flow.state(Step.DETAIL).postback("report.keep_detail")
def keep_detail(ctx: Context) -> None:
    if ctx.draft.get("d"):
        _after_detail(ctx)
    else:
        ask(ctx, nudge=staff_chat.empty_detail())


@flow.state(Step.DETAIL).text(when=lambda text: True)
def detail_typed(ctx: Context) -> None:
    detail = (ctx.event.text or "").strip()
    if not clean(detail):
        ask(ctx, nudge=staff_chat.empty_detail())
        return
    ctx.update_draft(d=detail)
    _after_detail(ctx)


def _after_detail(ctx: Context) -> None:
    """Evidence comes next, unless this is an edit that already has some: then confirm."""
    ctx.goto(Step.CONFIRM if ctx.draft.get("edited") else Step.EVIDENCE)
    ask(ctx)


@flow.state(Step.EVIDENCE).message("image", "file", "video", "audio")
def evidence(ctx: Context) -> None:
    attached = list(ctx.draft.get("ev", []))
    if len(attached) >= MAX_EVIDENCE:
        ctx.reply(staff_chat.evidence_full(MAX_EVIDENCE))
        ask(ctx)
        return
    kept = attach(ctx, max_mb=MAX_EVIDENCE_MB)
    if kept is not None:
        attached.append(
            {"sha": kept.sha, "kind": kept.kind, "name": kept.name, "id": kept.message_id}
        )
        ctx.update_draft(ev=attached)
    ask(ctx)


@flow.state(Step.EVIDENCE).postback("report.evidence_done")
@flow.state(Step.EVIDENCE).text(staff_chat.SKIP_EVIDENCE, staff_chat.CONFIRM)
def evidence_done(ctx: Context) -> None:
    ctx.goto(Step.CONFIRM)
    ask(ctx)


@flow.state(Step.CONFIRM).postback("report.confirm")
@flow.state(Step.CONFIRM).text(staff_chat.CONFIRM)
def confirm(ctx: Context) -> None:
    plan = _plan(ctx)
    draft = ctx.draft
    action = find_action(ctx.session, plan, draft["m"], draft["x"]) if plan else None
    if action is None:  # the plan changed under the form
        ctx.discard()
        ctx.reply(staff_chat.cancelled())
        return
    month = parse_month_key(draft["month"])
    report = record_report(
        ctx.session,
        action_id=action.id,
        month=month,
        percent=draft["p"],
        detail=draft["d"],
        staff=ctx.staff,
        now=ctx.now,
        source=ReportSource.GUIDED,
    )
    for item in draft.get("ev", []):
        ctx.session.add(
            Evidence(
                sha256=item["sha"],
                kind=item["kind"],
                file_name=item.get("name", ""),
                line_message_id=item.get("id"),
                report_id=report.id,
                staff_id=ctx.staff.id,
                created_at=ctx.now,
            )
        )
    audit(
        ctx.session,
        ctx.now,
        f"staff:{ctx.staff.id}",
        "report.guided",
        f"action:{action.id}",
        month=draft["month"],
    )
    ctx.end()
    replaced = report.replaces_id is not None
    ctx.reply(
        staff_chat.saved(
            draft["m"],
            draft["x"],
            draft["p"],
            report.status,
            month,
            replaced,
            len(draft.get("ev", [])),
        )
    )


@flow.state(Step.CONFIRM).postback("report.edit")
@flow.state(Step.CONFIRM).text(staff_chat.EDIT)
def edit(ctx: Context) -> None:
    ctx.goto(Step.PERCENT, edited=True)
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


def _plan(ctx: Context, *, quiet: bool = False) -> Plan | None:
    plan = current_plan(ctx.session, fiscal_year_of(ctx.today))
    if plan is None and not quiet:
        _no_plan(ctx)
    return plan


def _no_plan(ctx: Context) -> None:
    ctx.discard()
    ctx.reply(staff_chat.no_plan())


def _action_of(ctx: Context, measure_no: int, action_no: int) -> int | None:
    """The id of the action a typed report names, if it is the person's to report on;
    otherwise they are told why not (no plan, not their measure, no such action)."""
    target = report_target(ctx.session, ctx.staff, fiscal_year_of(ctx.today), measure_no, action_no)
    if target is None:
        _no_plan(ctx)
        return None
    if measure_no not in target.mine:
        ctx.reply(staff_chat.unknown_measure(measure_no, target.mine))
        return None
    if target.action_id is None:
        plan = ctx.session.get(Plan, target.plan_id)
        measure = find_measure(ctx.session, plan, measure_no) if plan else None
        actions = actions_of(ctx.session, measure) if measure else []
        ctx.reply(staff_chat.unknown_action(measure_no, action_no, [a.number for a in actions]))
    return target.action_id


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
