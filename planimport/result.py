"""What reading a document gives: the plan, what was not found (notices), and the facts
that were read, for `plan import` to print and the web console's preview to show."""

from __future__ import annotations

from dataclasses import dataclass, field

from planimport.data import PlanData
from planimport.errors import Notice


@dataclass
class ReadResult:
    plan: PlanData
    notices: list[Notice] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """What was not found or not understood, one Thai sentence each."""
        return [notice.message for notice in self.notices]

    @property
    def facts(self) -> dict:
        """What was read: agency, year, score and level, counts, each measure's units."""
        plan = self.plan
        return {
            "agency": plan.agency,
            "fiscal_year": plan.fiscal_year,
            "ita_score": plan.ita_score,
            "ita_level": plan.ita_level,
            "indicators": len(plan.indicators),
            "measures": [
                {
                    "number": m.number,
                    "actions": len(m.actions),
                    "units": list(m.units),
                    "period": m.period,
                    "first_month": m.first_month,
                    "last_month": m.last_month,
                }
                for m in plan.measures
            ],
            "analysis": sorted(
                {r.group for r in plan.recommendations}
                & {"STRENGTH", "WEAKNESS", "TO_FIX", "ADVICE"},
                key=["STRENGTH", "WEAKNESS", "TO_FIX", "ADVICE"].index,
            ),
        }
