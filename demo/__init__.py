"""Demo mode: the seed plan (and, later, demo staff and reports) in an empty database."""

from __future__ import annotations

from pathlib import Path

from planimport import read_plan
from planimport.store import save_plan
from services import Services

SEED_PLAN = Path(__file__).resolve().parent.parent / "examples" / "measures-2565-bang-krabue.txt"


def seed_if_empty(services: Services) -> tuple[str, int] | None:
    """Load the seed plan when there is no plan yet; returns (agency, fiscal year) if it did."""
    from models.plan import list_plans

    with services.db.session() as session:
        if list_plans(session):
            return None
        data = read_plan(SEED_PLAN)
        save_plan(session, data, now=services.clock.now(), source=SEED_PLAN.name, actor="demo")
        return data.agency, data.fiscal_year
