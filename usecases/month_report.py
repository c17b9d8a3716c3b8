"""The whole month on one page: every action a person reports on, with where it stood
last, and all of them recorded at once through `reporting.submit_report` (the same use
case as the chat), in the caller's one transaction, each report audited.

An action done (100 %) stays done: it is shown, never asked for again, and only a new
percent given on purpose reports on it. "Same as last month" repeats the latest report's
percent and detail, so only what changed needs words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session

from fiscal import fiscal_year_of
from models.meetings import reporting_month
from models.plan import current_plan, in_period
from models.progress import ReportSource, current_evidence, progress_grid
from models.staff import Staff, measures_for, staff_by_line_user
from models.types import ident
from models.used_link import use_once, was_used
from reading.report_line import has_words  # the chat's rule: what was done is said in letters
from reports.links import Links
from usecases.actor import Actor
from usecases.evidence import Attachment
from usecases.reporting import NothingAssigned, ReportSaved, submit_report
from usecases.results import NoPlan

DONE = 100


@dataclass(frozen=True)
class SheetLine:
    """One action on the page, prefilled with its latest report up to the month."""

    measure_no: int
    measure_title: str
    action_no: int
    text: str
    last_percent: int | None  # None: never reported
    last_detail: str
    last_month: date | None
    reported_this_month: bool
    action_id: int = 0

    @property
    def key(self) -> str:
        return f"{self.measure_no}.{self.action_no}"

    @property
    def done(self) -> bool:
        return self.last_percent is not None and self.last_percent >= DONE


@dataclass(frozen=True)
class Sheet:
    month: date
    name: str
    lines: list[SheetLine]

    def line(self, measure_no: int, action_no: int) -> SheetLine | None:
        return next(
            (x for x in self.lines if (x.measure_no, x.action_no) == (measure_no, action_no)),
            None,
        )


def month_sheet(
    session: Session, actor: Actor, month: date, now: datetime
) -> Sheet | NoPlan | NothingAssigned:
    """The person's actions owed in `month`, each with its latest report up to it."""
    staff = actor.staff_member()
    plan = current_plan(session, fiscal_year_of(now.date()))
    if plan is None:
        return NoPlan()
    theirs = {m.id for m in measures_for(session, staff, plan)}
    if not theirs:
        return NothingAssigned()
    lines = []
    for row in progress_grid(session, plan, [month]):
        if row.measure.id not in theirs:
            continue
        for progress in row.actions:
            if not in_period(row.measure, progress.action, month):
                continue
            latest = progress.latest(month)
            lines.append(
                SheetLine(
                    row.measure.number,
                    row.measure.title,
                    progress.action.number,
                    progress.action.text,
                    latest.percent if latest else None,
                    latest.detail if latest else "",
                    latest.month if latest else None,
                    progress.reported(month),
                    ident(progress.action),
                )
            )
    return Sheet(month, staff.name, lines)


# -- recording the page -------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """What the page said of one action: `percent` None keeps it as it was (nothing is
    recorded for an action never reported or already done)."""

    measure_no: int
    action_no: int
    percent: int | None = None
    detail: str = ""
    evidence: Sequence[Attachment] = ()
    fall_confirmed: bool = False


class Problem:
    """Why an entry cannot be recorded (the page shows it beside the action)."""

    NOT_THEIRS = "not_theirs"  # not an action of theirs this month
    OUT_OF_RANGE = "out_of_range"
    NO_DETAIL = "no_detail"  # a change without words saying what was done
    FALL = "fall"  # lower than the latest report: asked to confirm
    NOTHING_TO_KEEP = "nothing_to_keep"  # "as before" with photos, on an action never reported


@dataclass(frozen=True)
class EntryProblem:
    measure_no: int
    action_no: int
    kind: str
    previous: int | None = None
    percent: int | None = None


@dataclass(frozen=True)
class MonthSaved:
    month: date
    saved: list[ReportSaved] = field(default_factory=list)
    kept_done: int = 0  # actions done before, left as they are
    kept_reported: int = 0  # reported this month already and kept as they were


@dataclass(frozen=True)
class MonthRefused:
    """Nothing was recorded: each problem is shown beside its action."""

    problems: list[EntryProblem]


def check_entry(line: SheetLine | None, entry: Entry) -> EntryProblem | None:
    """The first reason `entry` cannot be recorded, if any."""

    def problem(kind: str) -> EntryProblem:
        previous = line.last_percent if line else None
        return EntryProblem(entry.measure_no, entry.action_no, kind, previous, entry.percent)

    if line is None:
        return problem(Problem.NOT_THEIRS)
    if entry.percent is None:
        if entry.evidence and line.last_percent is None:
            return problem(Problem.NOTHING_TO_KEEP)
        return None
    if not 0 <= entry.percent <= DONE:
        return problem(Problem.OUT_OF_RANGE)
    changed = entry.percent != line.last_percent
    if changed and not has_words(entry.detail):
        return problem(Problem.NO_DETAIL)
    fell = line.last_percent is not None and entry.percent < line.last_percent
    if fell and not entry.fall_confirmed:
        return problem(Problem.FALL)
    return None


def month_evidence(session: Session, action_id: int, month: date) -> list[Attachment]:
    """The photos and files of an action's current report for `month`."""
    return [
        Attachment(e.sha256, e.kind, e.file_name, e.line_message_id)
        for e in current_evidence(session, action_id, month)
    ]


def report_many(
    session: Session,
    actor: Actor,
    entries: Sequence[Entry],
    month: date,
    now: datetime,
) -> MonthSaved | MonthRefused | NoPlan | NothingAssigned:
    """Record a month's page: all of it, or (with any problem) nothing.

    Kept-as-before actions are recorded again for `month` with their latest percent and
    detail, so the month counts as reported; an action done before is left alone unless
    a percent is given for it.
    """
    sheet = month_sheet(session, actor, month, now)
    if not isinstance(sheet, Sheet):
        return sheet
    problems = [
        found
        for entry in entries
        if (found := check_entry(sheet.line(entry.measure_no, entry.action_no), entry))
    ]
    if problems:
        return MonthRefused(problems)
    saved: list[ReportSaved] = []
    kept_done = kept_reported = 0
    for entry in entries:
        line = sheet.line(entry.measure_no, entry.action_no)
        assert line is not None  # checked above
        if entry.percent is None and line.last_percent is None:
            continue  # never reported, and nothing said of it
        if entry.percent is None and line.done and not entry.evidence:
            kept_done += 1  # done stays done, not reported again
            continue
        if entry.percent is None and line.reported_this_month and not entry.evidence:
            kept_reported += 1  # reported this month already: kept as it is
            continue
        percent = line.last_percent if entry.percent is None else entry.percent
        detail = entry.detail.strip() if has_words(entry.detail) else line.last_detail
        # a report that replaces this month's keeps that report's photos with the new ones
        earlier = month_evidence(session, line.action_id, month) if line.reported_this_month else []
        result = submit_report(
            session,
            actor,
            entry.measure_no,
            entry.action_no,
            percent or 0,
            detail,
            now,
            evidence=[*earlier, *entry.evidence],
            month=month,
            source=ReportSource.MONTH_PAGE,
        )
        assert isinstance(result, ReportSaved)  # the sheet holds only the person's actions
        saved.append(result)
    return MonthSaved(month, saved, kept_done, kept_reported)


# -- the page's link ------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkUsed:
    """The page's link has recorded its month already: a new one is asked for."""


class LinkUsedMeanwhile(Exception):
    """Another submit of the same link won the race: the caller's unit of work is undone."""


def page_person(session: Session, staff_id: int) -> Staff | None:
    """Who a month page's link is for, while they are still active staff."""
    staff = session.get(Staff, staff_id)
    return staff if staff is not None and staff.active else None


def open_month(session: Session, now: datetime) -> date:
    """The month reports count for now: a page of an earlier month is closed."""
    return reporting_month(session, now)


def link_used(session: Session, nonce: str) -> bool:
    return was_used(session, nonce)


def submit_month_page(
    session: Session,
    actor: Actor,
    nonce: str,
    entries: Sequence[Entry],
    month: date,
    now: datetime,
) -> MonthSaved | MonthRefused | LinkUsed | NoPlan | NothingAssigned:
    """The page sent: recorded once per link (`report_many`), the link then used up."""
    if was_used(session, nonce):
        return LinkUsed()
    result = report_many(session, actor, entries, month, now)
    if isinstance(result, MonthSaved) and not use_once(session, nonce, "month_page", now):
        raise LinkUsedMeanwhile(nonce)
    return result


@dataclass(frozen=True)
class MonthLink:
    month: date
    url: str


def month_link(
    session: Session, links: Links, actor: Actor, now: datetime, *, signed: bool = False
) -> MonthLink:
    """Where the person opens this reporting month's page from LINE (the LIFF app, if
    any); `signed`: their one-time link itself (what the LIFF app goes on to)."""
    staff = actor.staff_member()
    month = reporting_month(session, now)
    if signed:
        return MonthLink(month, links.month_page(ident(staff), month, now))
    return MonthLink(month, links.month_entry(ident(staff), month, now))


def person_by_line_id(session: Session, line_user_id: str) -> Staff | None:
    """The active staff member a verified LINE identity belongs to (the LIFF way in)."""
    staff = staff_by_line_user(session, line_user_id)
    return staff if staff is not None and staff.active else None
