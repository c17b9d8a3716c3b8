"""Reading what a plan's own words say a measure or an action is about (the words are
`messages_th.plan_vocab`'s), so that any agency's plan is understood without settings."""

from __future__ import annotations

from messages_th.plan_vocab import PARTICIPATION_WORDS, SATISFACTION_WORDS


def is_satisfaction_survey(action_text: str) -> bool:
    """An action that surveys the public's satisfaction with the agency's services."""
    return any(word in action_text for word in SATISFACTION_WORDS)


def opens_to_citizens(measure_title: str) -> bool:
    """A measure about citizens' participation (hearing them, involving them)."""
    return any(word in measure_title for word in PARTICIPATION_WORDS)
