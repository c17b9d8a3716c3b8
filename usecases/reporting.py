"""Reporting progress: what a staff member reports on this month, and a report recorded.

`submit_report` is the one way a report is made, whether typed in one line, confirmed at
the end of the guided form, or (later) sent from the console. The month a report counts
for is the month of the next meeting (`models.meetings.reporting_month`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from fiscal import add_months, fiscal_year_of, month_key
from models.audit import audit
from models.meetings import next_meeting, reporting_month
from models.plan import (
    Action,
    Measure,
    Plan,
    actions_of,
    current_plan,
    find_action,
    find_measure,
    in_period,
)
from models.progress import (
    ActionProgress,
    Report,
    ReportSource,
    ReportStatus,
    current_report,
    latest_report,
    progress_grid,
    record_report,
    reported_action_ids,
)
from models.staff import ReportTarget, Staff, assignments, measures_for, report_target
from models.types import ident
from usecases.actor import Actor
from usecases.evidence import Attachment, attach
from usecases.results import NoPlan

# -- results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NothingAssigned:
    """The plan has no measure this person reports on."""


@dataclass(frozen=True)
class NotTheirs:
    """The measure named is not one this person reports on (or the plan has no such one)."""

    measure_no: int
    theirs: list[int]


@dataclass(frozen=True)
class NoSuchAction:
    measure_no: int
    action_no: int
    actions: list[int]  # the numbers the measure does have


@dataclass(frozen=True)
class NextAction:
    """The next action the person still owes a report on this month."""

    measure_no: int
    action_no: int
    text: str
    last_percent: int | None  # its latest report's, before this month (None: never reported)
    left: int  # how many actions are still owed, this one included


@dataclass(frozen=True)
class ReportSaved:
    measure_no: int
    action_no: int
    percent: int
    status: ReportStatus
    month: date
    replaced: bool  # it replaced an earlier report on the same action and month
    evidence: int
    next: NextAction | None = None  # what is still owed, when asked for (`with_next`)
    owes: bool = True  # the person is expected to report on something (a head may not be)


@dataclass(frozen=True)
class Falls:
    """Lower than last month's: nothing recorded; asked about first (`ask_on_fall`)."""

    measure_no: int
    action_no: int
    before: int
    percent: int
    month: date


@dataclass(frozen=True)
class MeasureLine:
    """One of a person's measures, and how many of its actions are reported this month."""

    number: int
    title: str
    reported: int
    total: int


@dataclass(frozen=True)
class ActionLine:
    measure: int
    number: int
    text: str
    percent: int  # this month's (0 when not reported)
    reported: bool


# -- making a report ---------------------------------------------------------------------


def submit_report(
    session: Session,
    actor: Actor,
    measure_no: int,
    action_no: int,
    percent: int,
    detail: str,
    now: datetime,
    *,
    evidence: Sequence[Attachment] = (),
    month: date | None = None,
    source: ReportSource = ReportSource.LINE,
    ask_on_fall: bool = False,
    with_next: bool = False,
) -> ReportSaved | NoPlan | NotTheirs | NoSuchAction | Falls:
    """Record a report on action `measure_no.action_no` of the plan in force, with its
    evidence and an audit row (`report.<source>`); it replaces the current report of that
    action and month, which stays as history.

    `month`: the month it counts for, when the form showed one; else this reporting
    month. Checks, in one statement, that the plan has the action and that the measure
    is the person's. `ask_on_fall`: a percent lower than last month's is not recorded but
    returned as `Falls`, to be confirmed (one statement more). `with_next`: the saved
    report says which action is still owed next (two statements more).
    """
    staff = actor.staff_member()
    found = _their_action(session, staff, measure_no, action_no, now)
    if not isinstance(found, tuple):
        return found
    target, action_id = found
    month = month or reporting_month(session, now)
    if ask_on_fall:
        before = _percent_before(session, action_id, month)
        if before is not None and percent < before:
            return Falls(measure_no, action_no, before, percent, month)
    recorded = record_report(
        session,
        action_id=action_id,
        month=month,
        percent=percent,
        detail=detail,
        staff=staff,
        now=now,
        source=source,
    )
    attached = attach(session, evidence, now, report_id=recorded.id, staff_id=staff.id)
    audit(
        session,
        now,
        actor.audit_name,
        f"report.{source}",
        f"action:{action_id}",
        month=month_key(month),
    )
    return ReportSaved(
        measure_no,
        action_no,
        percent,
        ReportStatus(recorded.status),
        month,
        recorded.replaces_id is not None,
        attached,
        _next_owed(session, target.plan_id, target.duty, month) if with_next else None,
        bool(target.duty),
    )


def _their_action(
    session: Session, staff: Staff, measure_no: int, action_no: int, now: datetime
) -> tuple[ReportTarget, int] | NoPlan | NotTheirs | NoSuchAction:
    """What the person reports on in the plan in force, with the id of action
    `measure_no.action_no` when that measure is theirs; else why not. Reporting and
    correcting a report refuse alike."""
    target = report_target(session, staff, fiscal_year_of(now.date()), measure_no, action_no)
    if target is None:
        return NoPlan()
    if measure_no not in target.mine:
        return NotTheirs(measure_no, target.mine)
    if target.action_id is None:
        return NoSuchAction(
            measure_no, action_no, _action_numbers(session, target.plan_id, measure_no)
        )
    return target, target.action_id


def _action_numbers(session: Session, plan_id: int, measure_no: int) -> list[int]:
    plan = session.get(Plan, plan_id)
    measure = find_measure(session, plan, measure_no) if plan else None
    return [a.number for a in actions_of(session, measure)] if measure else []


# -- the guided form's questions ---------------------------------------------------------


@dataclass(frozen=True)
class FormStart:
    """Where a guided report begins."""

    month: date  # the month it will count for (shown, and kept to the end)
    theirs: list[int]  # the person's measure numbers
    measure_no: int | None  # the measure to begin at: the one asked for, or their only one
    action_no: int | None  # the action to begin at, when asked for and in the plan
    not_theirs: int | None  # a measure asked for that is not theirs


def start_report(
    session: Session,
    actor: Actor,
    now: datetime,
    measure_no: int | None = None,
    action_no: int | None = None,
) -> FormStart | NoPlan | NothingAssigned:
    staff = actor.staff_member()
    plan = _plan(session, now)
    if plan is None:
        return NoPlan()
    theirs = [m.number for m in measures_for(session, staff, plan)]
    if not theirs:
        return NothingAssigned()
    not_theirs = None
    if measure_no is None and len(theirs) == 1:
        measure_no = theirs[0]
    if measure_no is not None and measure_no not in theirs:
        not_theirs, measure_no = measure_no, None
    if action_no is not None and (
        measure_no is None or find_action(session, plan, measure_no, action_no) is None
    ):
        action_no = None
    return FormStart(reporting_month(session, now), theirs, measure_no, action_no, not_theirs)


def measure_choices(
    session: Session, actor: Actor, month: date, now: datetime
) -> list[MeasureLine] | NoPlan:
    """The person's measures, each with how many of its actions are reported for `month`."""
    staff = actor.staff_member()
    plan = _plan(session, now)
    if plan is None:
        return NoPlan()
    done = reported_action_ids(session, plan, month)
    lines = []
    for measure in measures_for(session, staff, plan):
        actions = actions_of(session, measure)
        lines.append(
            MeasureLine(
                measure.number, measure.title, sum(a.id in done for a in actions), len(actions)
            )
        )
    return lines


def reports_on(session: Session, actor: Actor, measure_no: int, now: datetime) -> bool:
    """Whether `measure_no` is one of the person's measures in the plan in force (read by
    the typed report's one statement; no action is asked for, so none is found)."""
    target = report_target(session, actor.staff_member(), fiscal_year_of(now.date()), measure_no, 0)
    return target is not None and measure_no in target.mine


@dataclass(frozen=True)
class MeasureActions:
    number: int
    title: str
    actions: list[ActionLine]


def measure_actions(
    session: Session, measure_no: int, month: date, now: datetime
) -> MeasureActions | NoPlan | None:
    """A measure's actions and what is reported on each for `month`; None: no such measure."""
    plan = _plan(session, now)
    if plan is None:
        return NoPlan()
    measure = find_measure(session, plan, measure_no)
    if measure is None:
        return None
    lines = []
    for action in actions_of(session, measure):
        report = current_report(session, action, month) or _still_done(session, action, month)
        lines.append(
            ActionLine(
                measure.number,
                action.number,
                action.text,
                report.percent if report else 0,
                report is not None,
            )
        )
    return MeasureActions(measure.number, measure.title, lines)


@dataclass(frozen=True)
class ActionToReport:
    measure_no: int
    measure_title: str
    action_no: int
    text: str
    latest_percent: int | None  # of its latest report up to the month, if any
    reported: bool  # already reported for the month (a new report replaces it)
    latest_detail: str = ""  # what its latest report said was done

    @property
    def may_repeat(self) -> bool:
        """Last month's status can be kept as it is (reported before, not this month)."""
        return self.latest_percent is not None and not self.reported


def action_to_report(
    session: Session, measure_no: int, action_no: int, month: date, now: datetime
) -> ActionToReport | NoPlan | None:
    """An action of the plan in force and where it stands for `month`; None: no such action."""
    plan = _plan(session, now)
    if plan is None:
        return NoPlan()
    measure = find_measure(session, plan, measure_no)
    action = find_action(session, plan, measure_no, action_no)
    if measure is None or action is None:
        return None
    latest = latest_report(session, action, month)
    return ActionToReport(
        measure_no,
        measure.title,
        action_no,
        action.text,
        latest.percent if latest else None,
        latest is not None and latest.month == month,
        latest.detail if latest else "",
    )


# -- the same as last month, and what is next -----------------------------------------------


@dataclass(frozen=True)
class Repeated:
    """Last month's status kept for this month: on which actions, and what is still owed."""

    month: date
    repeated: list[tuple[int, int, int]]  # measure, action, percent
    never_reported: list[tuple[int, int]]  # owed, but with no earlier report to repeat
    already: list[tuple[int, int]]  # reported this month, or done before: left as they are
    next: NextAction | None


def same_as_last_month(
    session: Session,
    actor: Actor,
    now: datetime,
    measure_no: int | None = None,
    action_no: int | None = None,
    *,
    month: date | None = None,
) -> Repeated | NoPlan | NothingAssigned | NoSuchAction | NotTheirs:
    """Keep each owed action's latest status (percent and what was done) for this month, as
    a report of its own (source `same`, audited): one action, or all the person's actions
    with none named. An action reported this month or done before is left alone."""
    staff = actor.staff_member()
    plan = _plan(session, now)
    if plan is None:
        return NoPlan()
    month = month or reporting_month(session, now)
    one = measure_no is not None and action_no is not None
    # one action: any the person may report on; all: those they are expected to (a head
    # with no measure pinned may report on any, and is expected to report on none)
    mine = _my_actions(session, staff, plan, month, duty=not one)
    if not mine:
        return NothingAssigned()
    if one:
        theirs = sorted({m.number for m, _ in mine})
        if measure_no not in theirs:
            return NotTheirs(measure_no or 0, theirs)
        chosen = [(m, a) for m, a in mine if (m.number, a.action.number) == (measure_no, action_no)]
        if not chosen:
            numbers = [a.action.number for m, a in mine if m.number == measure_no]
            return NoSuchAction(measure_no or 0, action_no or 0, numbers)
    else:
        chosen = mine
    repeated, never, already = [], [], []
    for measure, action in chosen:
        where = (measure.number, action.action.number)
        latest = action.latest(month)
        if action.settled(month):
            already.append(where)
        elif latest is None:
            never.append(where)
        else:
            _repeat(session, actor, staff, action.action, latest, month, now)
            repeated.append((*where, latest.percent))
    done = {(m, x) for m, x, _ in repeated}
    if one:  # what is next among the person's own, not all they may report on
        mine = _my_actions(session, staff, plan, month, duty=True)
    return Repeated(month, repeated, never, already, _next(mine, month, done))


def next_to_report(
    session: Session, actor: Actor, now: datetime, month: date | None = None
) -> NextAction | None:
    """The first of the person's actions still owed this month (None: all reported)."""
    staff = actor.staff_member()
    target = report_target(session, staff, fiscal_year_of(now.date()), 0, 0)
    if target is None:
        return None
    return _next_owed(session, target.plan_id, target.duty, month or reporting_month(session, now))


def _percent_before(session: Session, action_id: int, month: date) -> int | None:
    """The percent of the action's latest report before `month` (one statement)."""
    return session.exec(
        select(Report.percent)
        .where(
            Report.action_id == action_id,
            Report.month < month,
            col(Report.superseded_at).is_(None),
        )
        .order_by(col(Report.month).desc())
    ).first()


def _next_owed(session: Session, plan_id: int, mine: list[int], month: date) -> NextAction | None:
    """The first action of the measures `mine` still owed in `month` (in its period, not
    reported in the month, not done before), in two statements."""
    if not mine:
        return None
    actions = session.exec(
        select(Measure, Action)
        .join(Action, col(Action.measure_id) == Measure.id)
        .where(Measure.plan_id == plan_id, col(Measure.number).in_(mine))
        .order_by(col(Measure.number), col(Action.number))
    ).all()
    reports = session.exec(
        select(col(Report.action_id), col(Report.month), col(Report.status), col(Report.percent))
        .where(
            col(Report.action_id).in_([a.id for _, a in actions]),
            Report.month <= month,
            col(Report.superseded_at).is_(None),
        )
        .order_by(col(Report.month))
    ).all()
    latest: dict[int, tuple[date, str, int]] = {}
    for action_id, report_month, status, percent in reports:
        latest[action_id] = (report_month, status, percent)
    owed = []
    for measure, action in actions:
        last = latest.get(ident(action))
        settled = last is not None and (last[0] == month or last[1] == ReportStatus.DONE)
        if in_period(measure, action, month) and not settled:
            owed.append((measure, action, last[2] if last else None))
    if not owed:
        return None
    measure, action, last_percent = owed[0]
    return NextAction(measure.number, action.number, action.text, last_percent, len(owed))


def _my_actions(
    session: Session, staff: Staff, plan: Plan, month: date, *, duty: bool = False
) -> list[tuple[Measure, ActionProgress]]:
    """The person's actions owed in `month` (by their period), with their reports; `duty`:
    only those they are expected to report on (`models.staff.reports_on`)."""
    measures = assignments(session, plan, [staff], duty=duty).get(ident(staff), [])
    theirs = {m.id for m in measures}
    return [
        (row.measure, action)
        for row in progress_grid(session, plan, [month])
        if row.measure.id in theirs
        for action in row.actions
        if in_period(row.measure, action.action, month)
    ]


def _next(
    mine: list[tuple[Measure, ActionProgress]], month: date, done: set[tuple[int, int]]
) -> NextAction | None:
    owed = [
        (m, a) for m, a in mine if not a.settled(month) and (m.number, a.action.number) not in done
    ]
    if not owed:
        return None
    measure, action = owed[0]
    latest = action.latest(month)
    return NextAction(
        measure.number,
        action.action.number,
        action.action.text,
        latest.percent if latest else None,
        len(owed),
    )


def _repeat(
    session: Session,
    actor: Actor,
    staff: Staff,
    action: Action,
    latest: Report,
    month: date,
    now: datetime,
) -> None:
    recorded = record_report(
        session,
        action_id=ident(action),
        month=month,
        percent=latest.percent,
        detail=latest.detail,
        staff=staff,
        now=now,
        source=ReportSource.SAME,
    )
    audit(
        session,
        now,
        actor.audit_name,
        f"report.{ReportSource.SAME}",
        f"action:{action.id}",
        month=month_key(month),
        report=recorded.id,
    )


# -- checks before a report, and corrections ---------------------------------------------


def fall_from(
    session: Session,
    measure_no: int,
    action_no: int,
    percent: int,
    now: datetime,
    month: date | None = None,
) -> int | None:
    """Last month's percent when `percent` is lower (a fall is asked about before it is
    recorded: it is a slip more often than not); None when it is not lower."""
    plan = _plan(session, now)
    action = find_action(session, plan, measure_no, action_no) if plan else None
    if action is None:
        return None
    month = month or reporting_month(session, now)
    before = latest_report(session, action, add_months(month, -1))
    return before.percent if before is not None and percent < before.percent else None


@dataclass(frozen=True)
class ToCorrect:
    """This month's report on an action, which may be corrected until the meeting."""

    measure_no: int
    action_no: int
    month: date
    meeting: date
    percent: int
    detail: str


@dataclass(frozen=True)
class NothingToCorrect:
    measure_no: int
    action_no: int
    month: date


def to_correct(
    session: Session, actor: Actor, measure_no: int, action_no: int, now: datetime
) -> ToCorrect | NothingToCorrect | NotTheirs | NoSuchAction | NoPlan:
    """This reporting month's report on the action, to be corrected: the month is the
    next meeting's, so once a meeting has begun its month's reports stand. The correction is
    a new report (`submit_report`); the one it replaces is kept as history."""
    found = _their_action(session, actor.staff_member(), measure_no, action_no, now)
    if not isinstance(found, tuple):
        return found
    _, action_id = found
    meeting = next_meeting(session, now)
    action = session.get(Action, action_id)
    report = current_report(session, action, meeting.month) if action else None
    if report is None:
        return NothingToCorrect(measure_no, action_no, meeting.month)
    return ToCorrect(
        measure_no, action_no, meeting.month, meeting.day, report.percent, report.detail
    )


# -- where a person stands -----------------------------------------------------------------


@dataclass(frozen=True)
class MeasureStatus:
    number: int
    title: str
    percent: float
    actions: list[ActionLine]


@dataclass(frozen=True)
class Status:
    month: date
    measures: list[MeasureStatus]
    on_leave_until: date | None


def status_of(session: Session, actor: Actor, now: datetime) -> Status | NoPlan | NothingAssigned:
    """This reporting month, measure by measure: what the person has and has not reported."""
    staff = actor.staff_member()
    plan = _plan(session, now)
    if plan is None:
        return NoPlan()
    theirs = {m.id for m in measures_for(session, staff, plan)}
    if not theirs:
        return NothingAssigned()
    month = reporting_month(session, now)
    measures = [
        MeasureStatus(
            row.measure.number,
            row.measure.title,
            row.percent(month),
            [
                ActionLine(
                    row.measure.number,
                    a.action.number,
                    a.action.text,
                    a.percent(month),
                    a.settled(month),
                )
                for a in row.actions
            ],
        )
        for row in progress_grid(session, plan, [month])
        if row.measure.id in theirs
    ]
    return Status(month, measures, staff.on_leave_until)


def _still_done(session: Session, action: Action, month: date) -> Report | None:
    """The report before `month` that left the action done: it stands, nothing is owed."""
    latest = latest_report(session, action, month)
    return latest if latest is not None and latest.status == ReportStatus.DONE else None


def _plan(session: Session, now: datetime) -> Plan | None:
    return current_plan(session, fiscal_year_of(now.date()))
