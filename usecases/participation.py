"""Where citizens' input counts in the plan: suggestions under the measure of citizens'
participation, ratings under the action that surveys their satisfaction (the seed plan's
measure 3 and action 2.5). An admin may set others for a year (the setting
`citizen_links:<fiscal year>`); otherwise the plan's own words say which they are."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlmodel import Session

from models.app_setting import get_setting, set_setting
from models.audit import audit
from models.plan import Plan, plan_tree
from models.staff import is_admin
from reading.plan_words import is_satisfaction_survey, opens_to_citizens
from usecases.actor import Actor, NotAllowed


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


@dataclass(frozen=True)
class NotInPlan:
    """A measure or action the plan does not have."""

    what: str  # e.g. "4" or "2.9"


def set_citizen_links(
    session: Session,
    actor: Actor,
    plan: Plan,
    links: CitizenLinks,
    now: datetime,
) -> CitizenLinks | NotInPlan:
    """The measure suggestions count under and the action ratings count under, as an admin
    chooses them for the plan's year (instead of what the plan's words say)."""
    if actor.staff is not None and not is_admin(actor.staff.role):
        raise NotAllowed("only an admin sets where citizens' input counts")
    tree = {m.number: {a.number for a in actions} for m, actions in plan_tree(session, plan)}
    if links.suggestions_measure is not None and links.suggestions_measure not in tree:
        return NotInPlan(str(links.suggestions_measure))
    if links.ratings_measure is not None or links.ratings_action is not None:
        actions = tree.get(links.ratings_measure or 0)
        if actions is None or links.ratings_action not in actions:
            return NotInPlan(f"{links.ratings_measure}.{links.ratings_action}")
    set_setting(session, f"citizen_links:{plan.fiscal_year}", asdict(links))
    audit(
        session,
        now,
        actor.audit_name,
        "plan.citizen_links",
        f"plan:{plan.fiscal_year}",
        **asdict(links),
    )
    return links
