"""A stored plan back in its structured form (`plan show --as-yaml`)."""

from __future__ import annotations

from sqlmodel import Session

from models.plan import Plan, indicators_of, plan_tree, recommendations_of, units_by_measure
from planimport.data import PlanData


def plan_data(session: Session, plan: Plan) -> PlanData:
    units = units_by_measure(session, plan)
    return PlanData.model_validate(
        {
            "fiscal_year": plan.fiscal_year,
            "title": plan.title,
            "agency": plan.agency,
            "district": plan.district,
            "province": plan.province,
            "ita_score": plan.ita_score,
            "ita_level": plan.ita_level,
            "adopted_on": plan.adopted_on,
            "adopted_where": plan.adopted_where,
            "indicators": [
                {"number": i.number, "name": i.name, "group": i.group, "score": i.score}
                for i in indicators_of(session, plan)
            ],
            "recommendations": [
                {"group": r.group, "text": r.text} for r in recommendations_of(session, plan)
            ],
            "measures": [
                {
                    "number": m.number,
                    "title": m.title,
                    "units": [u.name for u in units.get(m.id or 0, [])],
                    "period": m.period,
                    "first_month": m.first_month,
                    "last_month": m.last_month,
                    "follow_up": m.follow_up,
                    "actions": [
                        {
                            "number": a.number,
                            "text": a.text,
                            "period": a.period,
                            "first_month": a.first_month,
                            "last_month": a.last_month,
                        }
                        for a in actions
                    ],
                }
                for m, actions in plan_tree(session, plan)
            ],
        }
    )
