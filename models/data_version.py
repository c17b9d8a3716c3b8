"""A fingerprint of everything the public pages show, read in one cheap statement.

The public page, its JSON and the chart are made from the plan, the reports and the
citizens' counts, which change a few times a day. Rows of these tables are only ever
added (a report that replaces another is a new row), the plan's `updated_at` moves on
every import, and the other rows are counted: so counts, highest ids and latest times,
all answered from indexes, change whenever what the pages show does.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select as core_select
from sqlmodel import Session, col, func

from models.cases import CaseEvent
from models.citizen import Rating, Suggestion
from models.plan import Plan, Unit
from models.progress import Report


def public_data_version(session: Session) -> tuple[Any, ...]:
    """Changes when a plan is imported or a report, a suggestion, a rating, a case's
    change or a unit is added or removed (the values themselves mean nothing; compare
    them whole)."""
    parts: list[Any] = [
        func.count(col(Plan.id)),
        func.max(col(Plan.updated_at)),
        func.count(col(Report.id)),
        func.max(col(Report.id)),
        func.max(col(Report.reported_at)),
        func.count(col(Suggestion.id)),
        func.max(col(Suggestion.id)),
        func.count(col(Rating.id)),
        func.max(col(Rating.id)),
        func.sum(col(Rating.score)),
        func.count(col(Unit.id)),
        func.max(col(Unit.id)),
        # a case's stage change, rating or publishing is a new row of its history
        func.max(col(CaseEvent.id)),
    ]
    statement = core_select(*(core_select(part).scalar_subquery() for part in parts))
    return tuple(session.execute(statement).one())
