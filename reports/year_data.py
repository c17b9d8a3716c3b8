"""A fiscal year at a glance, for the public page, its JSON, and the documents.

Per measure and action, month by month: the percent, the status and what was done
(carried forward between reports), the ITA scores, the citizens' suggestions and ratings.
Public information only: no staff names, no LINE ids, no citizen's identity. Every text
without control characters (`plain`), whatever an older version stored: the public page,
its JSON and the documents are all written from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from fiscal import fiscal_months
from models.citizen import ratings_by_month, suggestions_by_month
from models.plan import Plan, Unit, indicators_of, recommendations_of, units_by_measure
from models.progress import progress_grid
from plain_text import plain


@dataclass
class Cell:
    percent: int
    status: str
    detail: str
    reported: bool  # a report made in this month (not carried from an earlier one)


@dataclass
class ActionYear:
    number: int
    text: str
    cells: dict[date, Cell | None]

    def final(self, month: date) -> Cell | None:
        return self.cells.get(month)


@dataclass
class MeasureYear:
    number: int
    title: str
    unit: str
    period: str
    follow_up: str
    progress: dict[date, float]
    actions: list[ActionYear] = field(default_factory=list)
    units: list[str] = field(default_factory=list)  # every responsible unit, `unit` first


@dataclass
class IndicatorScore:
    number: int
    name: str
    group: str
    score: float | None


@dataclass
class YearData:
    fiscal_year: int
    agency: str
    district: str
    province: str
    title: str
    ita_score: float | None
    ita_level: str | None
    months: list[date]  # the months shown
    through: date  # the last month with data (later months are still ahead)
    indicators: list[IndicatorScore]
    recommendations: list[tuple[str, str]]
    measures: list[MeasureYear]
    suggestions: dict[date, int]
    ratings: dict[date, tuple[int, float | None]]
    generated_at: datetime


def year_data(
    session: Session,
    plan: Plan,
    *,
    through: date,
    tz: ZoneInfo,
    now: datetime,
    months: list[date] | None = None,
) -> YearData:
    """The plan's year up to `through` (months after it are shown empty)."""
    months = months or fiscal_months(plan.fiscal_year)
    units = {u.id: u.name for u in session.exec(select(Unit))}
    all_units = units_by_measure(session, plan)
    grid = progress_grid(session, plan, months)
    measures = []
    for row in grid:
        measure = MeasureYear(
            row.measure.number,
            plain(row.measure.title),
            plain(units.get(row.measure.unit_id, "")),
            plain(row.measure.period),
            plain(row.measure.follow_up),
            {m: row.percent(m) for m in months if m <= through},
            units=[u.name for u in all_units.get(row.measure.id or 0, [])]
            or ([units[row.measure.unit_id]] if row.measure.unit_id in units else []),
        )
        for action in row.actions:
            cells: dict[date, Cell | None] = {}
            for month in months:
                latest = action.latest(month) if month <= through else None
                cells[month] = (
                    Cell(
                        latest.percent, latest.status, plain(latest.detail), action.reported(month)
                    )
                    if latest
                    else None
                )
            measure.actions.append(
                ActionYear(action.action.number, plain(action.action.text), cells)
            )
        measures.append(measure)
    return YearData(
        fiscal_year=plan.fiscal_year,
        agency=plain(plan.agency),
        district=plain(plan.district),
        province=plain(plan.province),
        title=plain(plan.title),
        ita_score=plan.ita_score,
        ita_level=plan.ita_level,
        months=months,
        through=through,
        indicators=[
            IndicatorScore(i.number, plain(i.name), i.group, i.score)
            for i in indicators_of(session, plan)
        ],
        recommendations=[(r.group, plain(r.text)) for r in recommendations_of(session, plan)],
        measures=measures,
        suggestions=suggestions_by_month(session, months, tz),
        ratings=ratings_by_month(session, months),
        generated_at=now,
    )


def as_json(data: YearData) -> dict:
    """The public JSON form (documented in the README)."""
    key = lambda m: f"{m.year:04d}-{m.month:02d}"  # noqa: E731
    return {
        "fiscal_year": data.fiscal_year,
        "agency": data.agency,
        "district": data.district,
        "province": data.province,
        "title": data.title,
        "generated_at": data.generated_at.isoformat(timespec="seconds"),
        "months": [key(m) for m in data.months],
        "through": key(data.through),
        "ita": {
            "score": data.ita_score,
            "level": data.ita_level,
            "indicators": [
                {"number": i.number, "name": i.name, "group": i.group, "score": i.score}
                for i in data.indicators
            ],
        },
        "measures": [
            {
                "number": m.number,
                "title": m.title,
                "unit": m.unit,
                "units": m.units,
                "period": m.period,
                "follow_up": m.follow_up,
                "progress": {key(month): round(value, 1) for month, value in m.progress.items()},
                "actions": [
                    {
                        "number": a.number,
                        "text": a.text,
                        "months": {
                            key(month): None
                            if cell is None
                            else {
                                "percent": cell.percent,
                                "status": cell.status,
                                "detail": cell.detail,
                                "reported": cell.reported,
                            }
                            for month, cell in a.cells.items()
                        },
                    }
                    for a in m.actions
                ],
            }
            for m in data.measures
        ],
        "citizens": {
            "suggestions": {key(m): n for m, n in data.suggestions.items()},
            "ratings": {
                key(m): {"count": c, "average": None if a is None else round(a, 2)}
                for m, (c, a) in data.ratings.items()
            },
        },
    }
