"""A fingerprint of everything the public pages show, read in one cheap statement.

The public page, its JSON and the chart are made from the plan, the reports and the
citizens' counts, which change a few times a day. Rows of these tables are only ever
added (a report that replaces another is a new row), the plan's `updated_at` moves on
every import, and the other rows are counted: so counts, highest ids and latest times,
all answered from indexes, change whenever what the pages show does.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, func, select

from models.citizen import Rating, Suggestion
from models.plan import Plan, Unit
from models.progress import Report


def public_data_version(session: Session) -> tuple[Any, ...]:
    """Changes when a plan is imported or a report, a suggestion, a rating or a unit is
    added or removed (the values themselves mean nothing; compare them whole)."""
    parts = [
        func.count(Plan.id),
        func.max(Plan.updated_at),
        func.count(Report.id),
        func.max(Report.id),
        func.max(Report.reported_at),
        func.count(Suggestion.id),
        func.max(Suggestion.id),
        func.count(Rating.id),
        func.max(Rating.id),
        func.sum(Rating.score),
        func.count(Unit.id),
        func.max(Unit.id),
    ]
    statement = select(*(select(part).scalar_subquery() for part in parts))
    return tuple(session.exec(statement).one())
