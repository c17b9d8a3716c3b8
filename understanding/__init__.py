"""Understanding people's own words in LINE: citizens' and staff members' messages.

Plain functions over text: no Flask, no database, no LINE, no clock (today is passed in).
Thai words live in `messages_th/` (intent_vocab, synonyms, question_vocab); the logic here.

    understand_citizen(text, candidates) -> Understanding
    understand_staff(text, today=..., role=..., staff=..., candidates=...) -> Understanding
    best_match(question, candidates) -> Match | None        (the plan matcher alone)
    read_date_range(text, today) -> DateRange | None        (leave dates)

See README.md beside this file for the intents, their slots and how to extend the words.
"""

from understanding.citizen import understand_citizen
from understanding.dates import DateRange, read_date_range, read_month
from understanding.plan_match import (
    ALL_SCORES,
    OVERVIEW,
    Candidate,
    Match,
    best_match,
    candidates_from,
)
from understanding.result import CITIZEN_INTENTS, Intent, Understanding
from understanding.staff import HEAD_ROLES, understand_staff
from understanding.text import MAX_CHARS

__all__ = [
    "ALL_SCORES",
    "CITIZEN_INTENTS",
    "HEAD_ROLES",
    "MAX_CHARS",
    "OVERVIEW",
    "Candidate",
    "DateRange",
    "Intent",
    "Match",
    "Understanding",
    "best_match",
    "candidates_from",
    "read_date_range",
    "read_month",
    "understand_citizen",
    "understand_staff",
]
