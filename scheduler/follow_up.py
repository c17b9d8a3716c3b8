"""Who owes which report this month, and the head's summary of a month.

Everything is read in a fixed number of queries, whatever the number of staff: the
reminder and summary jobs of a large agency stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from messages_th.thai_calendar import add_months, fiscal_months, fiscal_year_of
from models.citizen import citizen_links, ratings_by_month, suggestions_by_month
from models.plan import Action, Measure, Plan, current_plan, in_period, plan_tree
from models.progress import Report, progress_grid
from models.staff import Staff, assignments, is_on_leave
from scheduler.calendar import MeetingDay, WorkingDays, meeting_for


@dataclass
class Duty:
    """One person's actions for a month: what they still have to report."""

    staff: Staff
    actions: list[tuple[Measure, Action]]
    missing: list[tuple[Measure, Action]]
    on_leave: bool

    @property
    def complete(self) -> bool:
        return bool(self.actions) and not self.missing


def active_staff(session: Session) -> list[Staff]:
    return list(
        session.exec(select(Staff).where(col(Staff.active).is_(True)).order_by(col(Staff.id)))
    )


def duties(
    session: Session, plan: Plan, month: date, today: date, *, cutoff: datetime | None = None
) -> list[Duty]:
    """Every active staff member with measures to report on, and what is missing for `month`.

    An action is owed only in the months of its period (see `in_period`). With `cutoff`, a
    report made after it does not count (for "on time").
    """
    people = active_staff(session)
    assigned = assignments(session, plan, people, duty=True)
    tree = plan_tree(session, plan)
    actions_by_measure = {
        m.id: [(m, a) for a in actions if in_period(m, a, month)] for m, actions in tree
    }
    reported = _reported(session, plan, [month], cutoff).get(month, set())
    found = []
    for person in people:
        actions = [
            pair for m in assigned.get(person.id, []) for pair in actions_by_measure.get(m.id, [])
        ]
        if not actions:
            continue
        missing = [(m, a) for m, a in actions if a.id not in reported]
        found.append(Duty(person, actions, missing, is_on_leave(person, today)))
    return found


def _reported(
    session: Session, plan: Plan, months: list[date], cutoff: datetime | None
) -> dict[date, set[int]]:
    query = (
        select(Report.action_id, Report.month, Report.reported_at)
        .join(Action, col(Action.id) == Report.action_id)
        .join(Measure, col(Measure.id) == Action.measure_id)
        .where(
            Measure.plan_id == plan.id,
            col(Report.month).in_(months),
            col(Report.superseded_at).is_(None),
        )
    )
    found: dict[date, set[int]] = {m: set() for m in months}
    for action_id, month, reported_at in session.exec(query):
        if cutoff is None or reported_at <= cutoff:
            found[month].add(action_id)
    return found


# -- the summary -----------------------------------------------------------------------


@dataclass
class Done:
    action: int
    text: str
    percent: int
    status: str
    detail: str
    reporter: str


@dataclass
class Missing:
    action: int
    text: str
    people: list[str]
    on_leave: list[str]


@dataclass
class MeasureSummary:
    number: int
    title: str
    percent: float
    change: float
    done: list[Done] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    suggestions: int | None = None
    ratings: tuple[int, float | None] | None = None
    ratings_action: int | None = None


@dataclass
class Participation:
    name: str
    on_time: bool
    months_on_time: int
    months_due: int
    on_leave: bool


@dataclass
class Summary:
    agency: str
    fiscal_year: int
    month: date
    meeting: MeetingDay
    percent: float
    measures: list[MeasureSummary]
    people: list[Participation]
    link: str | None = None

    @property
    def missing_count(self) -> int:
        return sum(len(m.missing) for m in self.measures)


def build_summary(
    session: Session, plan: Plan, month: date, now: datetime, tz: ZoneInfo
) -> Summary:
    days = WorkingDays(session)
    meeting = meeting_for(session, month, days)
    months = [m for m in fiscal_months(plan.fiscal_year) if m <= month]
    previous = add_months(month, -1)
    grid = progress_grid(session, plan, sorted({*months, previous}))
    people = active_staff(session)
    assigned = assignments(session, plan, people, duty=True)
    names = {p.id: p.name for p in session.exec(select(Staff))}
    responsible: dict[int, list[Staff]] = {}
    for person in people:
        for measure in assigned.get(person.id, []):
            responsible.setdefault(measure.id, []).append(person)
    measures = [
        _measure(row, month, previous, responsible.get(row.measure.id, []), names, now.date())
        for row in grid
    ]
    _citizens(session, plan, month, tz, measures)
    overall = sum(m.percent for m in measures) / len(measures) if measures else 0.0
    return Summary(
        plan.agency,
        plan.fiscal_year,
        month,
        meeting,
        overall,
        measures,
        _participation(session, plan, months, now, people, assigned, days),
    )


def _measure(
    row,
    month: date,
    previous: date,
    responsible: list[Staff],
    names: dict[int, str],
    today: date,
) -> MeasureSummary:
    summary = MeasureSummary(
        row.measure.number,
        row.measure.title,
        row.percent(month),
        row.percent(month) - row.percent(previous),
    )
    for action in row.actions:
        report = action.reports.get(month)
        if report is None and not in_period(row.measure, action.action, month):
            continue  # not owed this month
        if report is not None:
            summary.done.append(
                Done(
                    action.action.number,
                    action.action.text,
                    report.percent,
                    report.status,
                    report.detail,
                    names.get(report.staff_id, ""),
                )
            )
            continue
        summary.missing.append(
            Missing(
                action.action.number,
                action.action.text,
                [p.name for p in responsible if not is_on_leave(p, today)],
                [p.name for p in responsible if is_on_leave(p, today)],
            )
        )
    return summary


def _citizens(
    session: Session, plan: Plan, month: date, tz: ZoneInfo, measures: list[MeasureSummary]
) -> None:
    links = citizen_links(session, plan)
    for summary in measures:
        if summary.number == links.suggestions_measure:
            summary.suggestions = suggestions_by_month(session, [month], tz)[month]
        if summary.number == links.ratings_measure:
            summary.ratings = ratings_by_month(session, [month])[month]
            summary.ratings_action = links.ratings_action


def _participation(
    session: Session,
    plan: Plan,
    months: list[date],
    now: datetime,
    people: list[Staff],
    assigned,
    days: WorkingDays,
) -> list[Participation]:
    """Per person: complete this month (by now), and months complete by their meeting."""
    tree = {m.id: (m, actions) for m, actions in plan_tree(session, plan)}
    reports = session.exec(
        select(Report.action_id, Report.month, Report.reported_at).where(
            col(Report.month).in_(months), col(Report.superseded_at).is_(None)
        )
    ).all()
    cutoffs = {
        month: min(now, meeting_for(session, month, days).starts(now.tzinfo)) for month in months
    }
    on_time = {
        month: {a for a, m, at in reports if m == month and at <= cutoffs[month]}
        for month in months
    }
    this_month = {a for a, m, at in reports if m == months[-1] and at <= now}
    found = []
    for person in people:
        owed = {
            month: {
                a.id
                for m in assigned.get(person.id, [])
                for a in tree.get(m.id, (m, []))[1]
                if in_period(m, a, month)
            }
            for month in months
        }
        if not any(owed.values()):
            continue
        on_time_months = sum(owed[month] <= on_time[month] for month in months)
        found.append(
            Participation(
                person.name,
                owed[months[-1]] <= this_month,
                on_time_months,
                len(months),
                is_on_leave(person, now.date()),
            )
        )
    return found


def summary_for(
    session: Session, now: datetime, tz: ZoneInfo, month: date | None = None
) -> Summary | None:
    """The summary of `month` (default: the month of the next meeting) of its fiscal year's plan."""
    from scheduler.calendar import reporting_month

    month = month or reporting_month(session, now)
    plan = current_plan(session, fiscal_year_of(month))
    return build_summary(session, plan, month, now, tz) if plan else None
