"""What a message was understood to ask for: a plain value that handlers act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Intent(StrEnum):
    # citizens (and anyone)
    COMPLAINT = "complaint"  # slots: text (what was typed, when it says what is wrong)
    SUGGESTION = "suggestion"  # slots: text; kind "praise" for a compliment
    PLAN_QUESTION = "plan_question"  # keys: measure:N or measures (the overview)
    SCORE_QUESTION = "score_question"  # keys: indicator:N or ita (all scores)
    PROGRESS_QUESTION = "progress_question"  # keys: measure:N or measures
    THANKS = "thanks"
    GREETING = "greeting"
    SMALL_TALK = "small_talk"
    PRIVACY = "privacy"  # a request about one's personal data (PDPA)
    RATING = "rating"
    FOLLOW_CASE = "follow_case"  # slots: ref (S-2565-0001) when one was typed
    HELP = "help"
    UNKNOWN = "unknown"  # nothing understood: the menu, and the question is kept
    # staff and heads
    REPORT = "report"  # slots: action ("1.2"), percent, detail when a whole line was typed
    REPORT_PAGE = "report_page"  # the month's page with every action
    SAME_AS_LAST_MONTH = "same_as_last_month"  # slots: action, or all=True
    CORRECT_REPORT = "correct_report"  # slots: action
    STATUS = "status"  # one's own actions this month
    WHO_NOT_REPORTED = "who_not_reported"
    REMIND = "remind"  # slots: person (key), name; or everyone=True; or name_typed
    REPORT_DOCUMENT = "report_document"  # slots: period (month/half/year), month, fiscal_year
    SUMMARY = "summary"
    PENDING_CASES = "pending_cases"
    LEAVE = "leave"  # slots: start, end (dates), days, kind, unclear
    CANCEL_LEAVE = "cancel_leave"  # slots: start, end when a booked leave was named
    BACK_FROM_LEAVE = "back_from_leave"
    MEETING = "meeting"


#: what citizens may be understood to ask; staff may ask all of it and more
CITIZEN_INTENTS = frozenset(
    {
        Intent.COMPLAINT,
        Intent.SUGGESTION,
        Intent.PLAN_QUESTION,
        Intent.SCORE_QUESTION,
        Intent.PROGRESS_QUESTION,
        Intent.THANKS,
        Intent.GREETING,
        Intent.SMALL_TALK,
        Intent.PRIVACY,
        Intent.RATING,
        Intent.FOLLOW_CASE,
        Intent.HELP,
        Intent.UNKNOWN,
    }
)


@dataclass(frozen=True)
class Understanding:
    intent: Intent
    slots: dict[str, Any] = field(default_factory=dict)
    #: 1.0 for a command typed as such; lower for a guess from a word or two
    confidence: float = 1.0
    #: the plan's parts the message is about: "measure:1", "indicator:10", "ita", "measures"
    keys: tuple[str, ...] = ()

    @property
    def understood(self) -> bool:
        return self.intent is not Intent.UNKNOWN
