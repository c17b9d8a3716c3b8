"""Progress reports on actions, month by month, and the evidence attached to them.

A report is never changed once written: a second report on the same action and month
supersedes the first (its `superseded_at` is set) and the history stays.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Index, LargeBinary, Select, bindparam, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col, select

from models import tenancy
from models.base import metadata  # noqa: F401
from models.plan import Action, Measure, Plan
from models.staff import Staff
from models.tenancy import AgencyOwned
from models.types import AwareDateTime


class ReportStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class ReportSource(StrEnum):
    GUIDED = "guided"  # the button conversation
    LINE = "line"  # one typed line
    SAME = "same"  # last month's status kept ("the same as last month")
    MONTH_PAGE = "month_page"  # the whole month on one page (web/month_page.py)
    CLI = "cli"
    IMPORT = "import"
    DEMO = "demo"


def status_for(percent: int) -> ReportStatus:
    if percent <= 0:
        return ReportStatus.NOT_STARTED
    if percent >= 100:
        return ReportStatus.DONE
    return ReportStatus.IN_PROGRESS


class Report(AgencyOwned, table=True):
    __table_args__ = (
        Index("ix_report_action_month", "action_id", "month"),
        Index("ix_report_month", "month"),
        # at most one current report per action and month, even with racing writers
        Index(
            "uq_report_current",
            "action_id",
            "month",
            unique=True,
            sqlite_where=text("superseded_at IS NULL"),
            postgresql_where=text("superseded_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id")
    month: date = Field(description="the first day of the reporting month")
    status: str = Field(max_length=16)
    percent: int
    detail: str = ""
    staff_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    reported_at: datetime = Field(sa_type=AwareDateTime)
    source: str = Field(max_length=16)
    replaces_id: int | None = Field(default=None, foreign_key="report.id")
    superseded_at: datetime | None = Field(default=None, sa_type=AwareDateTime)


class EvidenceBlob(SQLModel, table=True):
    """File bytes, kept once per content (a photo sent twice is stored once)."""

    sha256: str = Field(primary_key=True, max_length=64)
    content_type: str = Field(max_length=100)
    size: int
    data: bytes = Field(sa_type=LargeBinary)
    created_at: datetime = Field(sa_type=AwareDateTime)


class Evidence(AgencyOwned, table=True):
    """A photo or file attached to a report or a citizen's suggestion."""

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(foreign_key="evidenceblob.sha256", max_length=64)
    kind: str = Field(max_length=16, description="image, file, video, audio")
    file_name: str = ""
    line_message_id: str | None = Field(default=None, max_length=64)
    report_id: int | None = Field(default=None, foreign_key="report.id", index=True)
    suggestion_id: int | None = Field(default=None, foreign_key="suggestion.id", index=True)
    #: a staff member's photo of a case's stage change (the "after" photo)
    case_event_id: int | None = Field(default=None, foreign_key="case_event.id")
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    created_at: datetime = Field(sa_type=AwareDateTime)


# -- queries ---------------------------------------------------------------------------


def current_evidence(session: Session, action_id: int, month: date) -> list[Evidence]:
    """The evidence of an action's current report for `month`, in the order it came."""
    return list(
        session.exec(
            select(Evidence)
            .join(Report, col(Report.id) == Evidence.report_id)
            .where(
                Report.action_id == action_id,
                Report.month == month,
                col(Report.superseded_at).is_(None),
            )
            .order_by(col(Evidence.id))
        )
    )


def current_report(session: Session, action: Action, month: date) -> Report | None:
    return session.exec(
        select(Report).where(
            Report.action_id == action.id,
            Report.month == month,
            col(Report.superseded_at).is_(None),
        )
    ).first()


@dataclass(frozen=True)
class Recorded:
    """What `record_report` wrote: the new report's id and status, and the one it replaced."""

    id: int
    status: str
    replaces_id: int | None


#: each lost race means another writer got in; this many losses in a row would be absurd
RACE_RETRIES = 10


def record_report(
    session: Session,
    *,
    action_id: int,
    month: date,
    percent: int,
    detail: str,
    staff: Staff | None,
    now: datetime,
    source: ReportSource,
    status: ReportStatus | None = None,
) -> Recorded:
    """Write a report; the one it replaces (same action and month) is kept as history.

    Two statements, as every staff message that reports runs them: mark the current report
    superseded (which also locks it), then insert the new one unless another writer's got
    in first (the unique index on current reports decides), in which case both run again
    on top of that writer's report. No savepoint: a lost race is not an error.
    """
    if not 0 <= percent <= 100:
        raise ValueError(f"percent out of range: {percent}")
    values = {
        "action_id": action_id,
        "month": month,
        "status": status or status_for(percent),
        "percent": percent,
        "detail": detail.strip(),
        "staff_id": staff.id if staff else None,
        "reported_at": now,
        "source": source,
        "agency_id": tenancy.current(session),
    }
    dialect = session.get_bind().dialect.name
    key = {"of_action": action_id, "of_month": month}
    for _ in range(RACE_RETRIES):
        previous = session.scalars(_SUPERSEDE, {**key, "now": now}).first()
        written = session.scalars(
            _insert_current(dialect), [{**values, "replaces_id": previous}]
        ).first()
        if written is not None:
            return Recorded(written, str(values["status"]), previous)
    raise RuntimeError(f"lost {RACE_RETRIES} races to report on action {action_id}")


_REPORTS = Report.__table__  # type: ignore[attr-defined]
_SUPERSEDE = (
    _REPORTS.update()
    .where(
        _REPORTS.c.action_id == bindparam("of_action"),
        _REPORTS.c.month == bindparam("of_month"),
        _REPORTS.c.superseded_at.is_(None),
    )
    .values(superseded_at=bindparam("now"))
    .returning(_REPORTS.c.id)
)


@cache
def _insert_current(dialect: str) -> Any:
    """INSERT … ON CONFLICT (the current report of that action and month) DO NOTHING."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (
        insert(_REPORTS)
        .on_conflict_do_nothing(
            index_elements=["action_id", "month"], index_where=text("superseded_at IS NULL")
        )
        .returning(_REPORTS.c.id)
    )


@dataclass(frozen=True)
class ReportRow:
    """A report with what it is about, flattened for exports and summaries."""

    fiscal_year: int
    month: date
    measure_no: int
    action_no: int
    status: str
    percent: int
    detail: str
    reporter: str
    reported_at: datetime


def report_rows(
    session: Session,
    plan: Plan,
    *,
    months: tuple[date, date] | None = None,
    history: bool = False,
) -> list[ReportRow]:
    """Reports of a plan in one query, ordered by month, measure, action, time.

    Only the current report per action and month unless `history`.
    """
    query = (
        select(Report, Action.number, Measure.number, Staff.name)
        .join(Action, col(Action.id) == Report.action_id)
        .join(Measure, col(Measure.id) == Action.measure_id)
        .outerjoin(Staff, col(Staff.id) == Report.staff_id)
        .where(Measure.plan_id == plan.id)
    )
    if not history:
        query = query.where(col(Report.superseded_at).is_(None))
    if months is not None:
        query = query.where(Report.month >= months[0], Report.month <= months[1])
    query = query.order_by(
        col(Report.month), col(Measure.number), col(Action.number), col(Report.reported_at)
    )
    return [
        ReportRow(
            fiscal_year=plan.fiscal_year,
            month=report.month,
            measure_no=measure_no,
            action_no=action_no,
            status=report.status,
            percent=report.percent,
            detail=report.detail,
            reporter=reporter or "",
            reported_at=report.reported_at,
        )
        for report, action_no, measure_no, reporter in session.exec(query)
    ]


def store_blob(session: Session, data: bytes, content_type: str, now: datetime) -> str:
    sha = hashlib.sha256(data).hexdigest()
    if session.get(EvidenceBlob, sha) is None:
        session.add(
            EvidenceBlob(
                sha256=sha, content_type=content_type, size=len(data), data=data, created_at=now
            )
        )
        session.flush()
    return sha


def release_blobs(session: Session, shas: list[str]) -> int:
    """Delete the blobs among `shas` that nothing holds any more: no evidence row of a report
    or a case, and no form in progress (the same photo may be in two people's drafts). For
    a form that ended without sending: "nothing is kept" holds for its photos too."""
    from sqlalchemy import String, cast, delete, or_

    from models.conversation import Conversation

    if not shas:
        return 0
    session.flush()  # the form being ended is gone, the evidence being added is there
    with tenancy.every_agency(session):  # the bytes are shared: another agency may hold them
        held = set(session.exec(select(Evidence.sha256).where(col(Evidence.sha256).in_(shas))))
        drafts = cast(Conversation.draft, String)
        mentioned = session.exec(
            select(Conversation.draft).where(or_(*(drafts.contains(sha) for sha in shas)))
        )
        for draft in mentioned:
            held.update(draft_shas(draft))
    free = [sha for sha in dict.fromkeys(shas) if sha not in held]
    if free:
        session.exec(delete(EvidenceBlob).where(col(EvidenceBlob.sha256).in_(free)))
    return len(free)


def release_orphans(session: Session, created_before: datetime) -> int:
    """Delete the blobs made before `created_before` that nothing holds: what forms left
    behind before forms released their photos (and anything else unclaimed)."""
    with tenancy.every_agency(session):  # the bytes are shared by every agency
        return _release_orphans(session, created_before)


def _release_orphans(session: Session, created_before: datetime) -> int:
    from sqlalchemy import delete, exists

    from models.conversation import Conversation

    unheld = set(
        session.exec(
            select(EvidenceBlob.sha256).where(
                col(EvidenceBlob.created_at) < created_before,
                ~exists().where(col(Evidence.sha256) == EvidenceBlob.sha256),
            )
        )
    )
    for draft in session.exec(select(Conversation.draft)):
        unheld.difference_update(draft_shas(draft))
    if unheld:
        session.exec(delete(EvidenceBlob).where(col(EvidenceBlob.sha256).in_(unheld)))
    return len(unheld)


def draft_shas(draft: Any) -> list[str]:
    """The content hashes a form's draft holds (its photos and files, under `sha256`, or
    `sha` in drafts saved before the drafts were typed)."""
    if isinstance(draft, dict):
        own = [draft[key] for key in ("sha256", "sha") if isinstance(draft.get(key), str)]
        return own + [sha for value in draft.values() for sha in draft_shas(value)]
    if isinstance(draft, list):
        return [sha for item in draft for sha in draft_shas(item)]
    return []


# -- progress over months ----------------------------------------------------------------


@dataclass
class ActionProgress:
    """One action across the months asked for.

    `reports` holds the report made *in* each month (None: nothing reported that month);
    progress carries forward: an action's percent in a month is that of its latest report
    up to and including that month.
    """

    action: Action
    reports: dict[date, Report | None]
    _carried: dict[date, Report | None]

    def reported(self, month: date) -> bool:
        return self.reports.get(month) is not None

    def settled(self, month: date) -> bool:
        """Nothing owed for `month`: reported in it, or done before it (a done action
        stays done and is not asked for again unless reported again)."""
        latest = self._carried.get(month)
        return self.reported(month) or (latest is not None and latest.status == ReportStatus.DONE)

    def latest(self, month: date) -> Report | None:
        """The report that stands for this action in `month` (made then or before)."""
        return self._carried.get(month)

    def percent(self, month: date) -> int:
        report = self.latest(month)
        return report.percent if report else 0

    def status(self, month: date) -> str:
        report = self.latest(month)
        return report.status if report else ReportStatus.NOT_STARTED

    def last_month(self, up_to: date) -> date | None:
        """The month of its latest report up to `up_to`, carried from before the months too."""
        months = [r.month for m, r in self._carried.items() if r and m <= up_to]
        return max(months, default=None)


@dataclass
class MeasureProgress:
    measure: Measure
    actions: list[ActionProgress]

    def percent(self, month: date) -> float:
        """The mean of its actions' percents (each action weighs the same)."""
        if not self.actions:
            return 0.0
        return sum(a.percent(month) for a in self.actions) / len(self.actions)

    def reported_count(self, month: date) -> int:
        return sum(1 for a in self.actions if a.reported(month))

    def last_reported_month(self, up_to: date) -> date | None:
        months = [m for a in self.actions if (m := a.last_month(up_to))]
        return max(months, default=None)


def progress_grid(session: Session, plan: Plan, months: list[date]) -> list[MeasureProgress]:
    """Every measure and action of a plan over `months` (sorted), in three queries.

    Reports from before the first month count too, as the progress carried into it.
    """
    from models.plan import plan_tree

    months = sorted(months)
    tree = plan_tree(session, plan)
    action_ids = [a.id for _, actions in tree for a in actions]
    reports = (
        session.exec(
            select(Report)
            .where(col(Report.action_id).in_(action_ids))
            .where(col(Report.superseded_at).is_(None))
            .where(Report.month <= months[-1])
            .order_by(col(Report.month))
        ).all()
        if action_ids and months
        else []
    )
    by_action: dict[int, list[Report]] = {}
    for report in reports:
        by_action.setdefault(report.action_id, []).append(report)
    grid = []
    for measure, actions in tree:
        rows = []
        for action in actions:
            own = by_action.get(action.id, []) if action.id is not None else []
            in_month = {r.month: r for r in own}
            carried: dict[date, Report | None] = {}
            for month in months:
                earlier = [r for r in own if r.month <= month]
                carried[month] = earlier[-1] if earlier else None
            rows.append(ActionProgress(action, {m: in_month.get(m) for m in months}, carried))
        grid.append(MeasureProgress(measure, rows))
    return grid


#: a select of report (or evidence) columns
_ReportQuery = TypeVar("_ReportQuery", bound="Select[*tuple[Any, ...]]")


def of_current_reports(query: _ReportQuery, plan: Plan) -> _ReportQuery:
    """A select from Report joined to its action and measure, kept to the plan's current
    reports (a corrected one is history): what every count of what was reported reads."""
    return (
        query.join(Action, col(Action.id) == Report.action_id)
        .join(Measure, col(Measure.id) == Action.measure_id)
        .where(col(Measure.plan_id) == plan.id, col(Report.superseded_at).is_(None))
    )


def _of_current_reports_evidence(query: _ReportQuery, plan: Plan) -> _ReportQuery:
    """Evidence with its report, action and measure, of the plan's current reports only:
    what the photo and evidence lists read."""
    return of_current_reports(query.join(Report, col(Report.id) == Evidence.report_id), plan)


def reported_action_ids(session: Session, plan: Plan, month: date) -> set[int]:
    """Actions of the plan with nothing owed for `month`: reported for it, or done before
    it (`done_before`), in one query."""
    found = session.exec(
        of_current_reports(
            select(col(Report.action_id), col(Report.month), col(Report.status)), plan
        )
        .where(Report.month <= month)
        .order_by(col(Report.month))
    ).all()
    return {a for a, m, _ in found if m == month} | _done_before(found, month)


def done_before(session: Session, plan: Plan, months: list[date]) -> dict[date, set[int]]:
    """For each month, the plan's actions whose latest report before it is done (100 %):
    they stay done and are owed no report again, unless one changes them. One query."""
    if not months:
        return {}
    found = session.exec(
        of_current_reports(
            select(col(Report.action_id), col(Report.month), col(Report.status)), plan
        )
        .where(Report.month < max(months))
        .order_by(col(Report.month))
    ).all()
    return {month: _done_before(found, month) for month in months}


def _done_before(reports: Sequence[tuple[int, date, str]], month: date) -> set[int]:
    """`reports` ordered by month: the actions whose latest one before `month` is done."""
    latest: dict[int, str] = {}
    for action_id, report_month, status in reports:
        if report_month < month:
            latest[action_id] = status
    return {a for a, status in latest.items() if status == ReportStatus.DONE}


def month_photos(
    session: Session, plan: Plan, month: date, action_id: int | None = None
) -> list[tuple[int, int, str, str]]:
    """The photos of a month's current reports (of one action, when given), in one query:
    (measure number, action number, action text, sha256), in plan order."""
    columns = select(
        col(Measure.number), col(Action.number), col(Action.text), col(Evidence.sha256)
    )
    query = (
        _of_current_reports_evidence(columns, plan)
        .where(Report.month == month, Evidence.kind == "image")
        .order_by(col(Measure.number), col(Action.number), col(Evidence.id))
    )
    if action_id is not None:
        query = query.where(Report.action_id == action_id)
    return list(session.exec(query))


@dataclass(frozen=True)
class PhotoRow:
    """One evidence photo with what it shows: the action and the month of its report."""

    month: date
    measure_no: int
    action_no: int
    action_text: str
    sha256: str


def period_photos(session: Session, plan: Plan, months: list[date]) -> list[PhotoRow]:
    """The photos of the current reports of `months`, by month, measure and action."""
    if not months:
        return []
    query = (
        _of_current_reports_evidence(
            select(
                col(Report.month), col(Measure.number), col(Action.number), col(Evidence.sha256)
            ),
            plan,
        )
        .where(col(Report.month).in_(months), Evidence.kind == "image")
        .order_by(col(Report.month), col(Measure.number), col(Action.number), col(Evidence.id))
    )
    texts = {
        (m, a): words
        for m, a, words in session.exec(
            select(Measure.number, Action.number, Action.text)
            .join(Measure, col(Measure.id) == Action.measure_id)
            .where(Measure.plan_id == plan.id)
        )
    }
    return [
        PhotoRow(month, m, a, texts.get((m, a), ""), sha)
        for month, m, a, sha in session.exec(query)
    ]


def blob(session: Session, sha256: str) -> EvidenceBlob | None:
    return session.get(EvidenceBlob, sha256)


def is_report_photo(session: Session, sha256: str) -> bool:
    """Whether a current report holds this photo (a citizen's case's never is one)."""
    return (
        session.exec(
            select(Evidence.id)
            .join(Report, col(Report.id) == Evidence.report_id)
            .where(
                Evidence.sha256 == sha256,
                Evidence.kind == "image",
                col(Report.superseded_at).is_(None),
            )
        ).first()
        is not None
    )


def month_photo_count(session: Session, plan: Plan, month: date) -> int:
    return len(month_photos(session, plan, month))


def latest_report(session: Session, action: Action, up_to: date) -> Report | None:
    """The report that stands for this action in `up_to` (made that month or before)."""
    return session.exec(
        select(Report)
        .where(
            Report.action_id == action.id,
            Report.month <= up_to,
            col(Report.superseded_at).is_(None),
        )
        .order_by(col(Report.month).desc())
    ).first()


def month_evidence(session: Session, plan: Plan, month: date) -> dict[tuple[int, int], list[int]]:
    """The evidence ids of a month's current reports, by (measure, action) number: one query."""
    query = (
        _of_current_reports_evidence(select(col(Evidence.id), Measure.number, Action.number), plan)
        .where(Report.month == month)
        .order_by(col(Evidence.id))
    )
    found: dict[tuple[int, int], list[int]] = {}
    for evidence_id, measure_no, action_no in session.exec(query):
        found.setdefault((measure_no, action_no), []).append(evidence_id or 0)
    return found


def evidence_file(session: Session, evidence_id: int) -> tuple[Evidence, EvidenceBlob] | None:
    """A report's photo or file with its bytes (a citizen's attachments are not reports')."""
    evidence = session.get(Evidence, evidence_id)
    if evidence is None or evidence.report_id is None:
        return None
    blob = session.get(EvidenceBlob, evidence.sha256)
    return (evidence, blob) if blob is not None else None
