"""Where citizens' input counts in the plan: suggestions under the measure of citizens'
participation, ratings under the action that surveys their satisfaction (the seed plan's
measure 3 and action 2.5). An admin may set others for a year (the setting
`citizen_links:<fiscal year>`); otherwise the plan's own words say which they are."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from models.app_setting import get_setting
from models.plan import Plan, plan_tree
from reading.plan_words import is_satisfaction_survey, opens_to_citizens


@dataclass(frozen=True)
class CitizenLinks:
    """The measure suggestions count under, and the action ratings count under."""

    suggestions_measure: int | None
    ratings_measure: int | None
    ratings_action: int | None


def citizen_links(session: Session, plan: Plan) -> CitizenLinks:
    chosen = get_setting(session, f"citizen_links:{plan.fiscal_year}")
    if chosen:
        return CitizenLinks(**chosen)
    tree = plan_tree(session, plan)
    survey = next(
        (
            (m.number, a.number)
            for m, actions in tree
            for a in actions
            if is_satisfaction_survey(a.text)
        ),
        (None, None),
    )
    participation = next((m.number for m, _ in tree if opens_to_citizens(m.title)), None)
    return CitizenLinks(participation, survey[0], survey[1])
