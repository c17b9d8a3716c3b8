"""What a citizen's message asks for, in the order a clerk at the counter would hear it.

A case number means following that case; a word about one's personal data, a request
about it; a complaint or a suggestion said as such is one, with what was typed kept as
its text; a greeting or a thank-you alone gets a friendly word; something broken or
someone misbehaving, told as a fact, is a complaint even without the word; a wish for the
agency is a suggestion; anything else is looked for in the plan, and what is not found
there is not understood (the menu, and the question kept for the agency to read).
"""

from __future__ import annotations

import re

from messages_th import intent_vocab as vocab
from messages_th import question_vocab
from understanding.cues import Cues
from understanding.plan_match import (
    OVERVIEW,
    Candidate,
    Match,
    PlanIndex,
    index_of,
    match_prepared,
)
from understanding.result import Intent, Understanding
from understanding.text import Prepared, prepare

#: a case's reference as the form gives it (S-2565-0001), typed loosely
CASE_REF = re.compile(r"s\s*-?\s*(\d{4})\s*-?\s*(\d{1,6})", re.IGNORECASE)
#: words beyond the intent's own that make a case's text worth keeping
SUBSTANCE_WORDS = 2
SUBSTANCE_LETTERS = 8

_PRIVACY = Cues(vocab.PRIVACY)
_FOLLOW = Cues(vocab.FOLLOW, fuzzy=False)
_CASE_WORDS = Cues(vocab.CASE_WORDS)
_COMPLAINT = Cues(vocab.COMPLAINT)
_SUGGESTION = Cues(vocab.SUGGESTION)
_PRAISE = Cues(vocab.PRAISE)
_WISHES = Cues(vocab.WISHES, fuzzy=False)
_FORWARD = Cues(vocab.FORWARD, fuzzy=False)
_REQUESTS = Cues(vocab.REQUESTS, fuzzy=False)
_WANT = Cues(vocab.WANT, fuzzy=False)
_WHEN = Cues(vocab.WHEN, fuzzy=False)
_RATING = Cues(vocab.RATING)
_RATING_ALONE = Cues(vocab.RATING_ALONE)
_HELP = Cues(vocab.HELP, fuzzy=False)
_HELP_ALONE = Cues(vocab.HELP_ALONE, fuzzy=False)
_GREETING = Cues(vocab.GREETING)
_GREETING_ALONE = Cues(vocab.GREETING_ALONE, fuzzy=False)
_THANKS = Cues(vocab.THANKS)
_SMALL_TALK = Cues(vocab.SMALL_TALK, fuzzy=False)
_PROBLEMS = Cues(vocab.PROBLEMS)
_SUBJECTS = Cues(vocab.SUBJECTS, fuzzy=False)
_DEFECTS = Cues(vocab.DEFECTS, fuzzy=False)
_MISCONDUCT = Cues(vocab.MISCONDUCT)
_WITNESS = Cues(vocab.WITNESS, fuzzy=False)
_PLAN_WORDS = Cues(vocab.PLAN_WORDS, fuzzy=False)
_RULE_QUESTION = Cues(vocab.RULE_QUESTION, fuzzy=False)
_QUESTION = Cues(vocab.QUESTION_MARKERS, fuzzy=False)
_PROGRESS = Cues(vocab.PROGRESS, fuzzy=False)
_SCORE_WORDS = Cues(question_vocab.SCORE_WORDS, fuzzy=False)
_FILLERS = Cues((*vocab.POLITE, *vocab.CHANNEL_WORDS), fuzzy=False)


def understand_citizen(text: str, candidates: tuple[Candidate, ...] = ()) -> Understanding:
    """What `text` asks for; `candidates` are the plan's measures and indicators (see
    `plan_match.Candidate`), empty when no plan is in force."""
    index = index_of(candidates) if candidates else None
    message = prepare(text, index.vocabulary if index else frozenset())
    return classify(message, index, typed=text)


def classify(message: Prepared, index: PlanIndex | None, *, typed: str) -> Understanding:
    for rule in _RULES:
        found = rule(message, typed)
        if found is not None:
            return found
    return _about_the_plan(message, index)


# -- the rules, in order -----------------------------------------------------------------


def _nothing_but_signs(message: Prepared, typed: str) -> Understanding | None:
    """Particles, emoji, a laugh or a question mark alone."""
    if not message.empty and not (message.laugh and set(message.tokens) <= {"555", "5"}):
        return None
    if message.emoji & set(vocab.EMOJI_THANKS):
        return Understanding(Intent.THANKS, confidence=0.8)
    if message.emoji & set(vocab.EMOJI_GREETING):
        return Understanding(Intent.GREETING, confidence=0.8)
    if message.asked and not message.laugh:
        return Understanding(Intent.HELP, confidence=0.6)
    return Understanding(Intent.SMALL_TALK, confidence=0.6)


def _case_number(message: Prepared, typed: str) -> Understanding | None:
    found = CASE_REF.search(message.cleaned)
    if found is None:
        return None
    return Understanding(Intent.FOLLOW_CASE, {"ref": f"S-{found[1]}-{int(found[2]):04d}"})


def _privacy(message: Prepared, typed: str) -> Understanding | None:
    if _PRIVACY.found(message):
        return Understanding(Intent.PRIVACY, {"text": typed.strip()}, confidence=0.9)
    return None


def _following(message: Prepared, typed: str) -> Understanding | None:
    if _CASE_WORDS.found(message):
        return Understanding(Intent.FOLLOW_CASE, confidence=0.85)
    if _FOLLOW.found(message) and not (_PROGRESS.found(message) or _PLAN_WORDS.found(message)):
        return Understanding(Intent.FOLLOW_CASE, confidence=0.9)
    return None


def _said_complaint(message: Prepared, typed: str) -> Understanding | None:
    """The word said; unless a wish comes first ("I wish there were a channel to complain
    online" suggests a channel)."""
    if not _COMPLAINT.found(message):
        return None
    at = _COMPLAINT.position(message)  # None when found only with a typo
    wish = _WISHES.position(message)
    if wish is not None and (at is None or wish < at):
        return None
    return Understanding(Intent.COMPLAINT, _case_text(message, typed), _sure(message, _COMPLAINT))


def _praise(message: Prepared, typed: str) -> Understanding | None:
    if not _PRAISE.found(message):
        return None
    return Understanding(
        Intent.SUGGESTION, {"kind": "praise", "text": typed.strip()}, _sure(message, _PRAISE)
    )


def _said_suggestion(message: Prepared, typed: str) -> Understanding | None:
    if not _SUGGESTION.found(message):
        return None
    return Understanding(Intent.SUGGESTION, _case_text(message, typed), _sure(message, _SUGGESTION))


def _rating(message: Prepared, typed: str) -> Understanding | None:
    if _RATING_ALONE.whole(message):
        return Understanding(Intent.RATING)
    if _RATING.found(message) and (_WANT.found(message) or not _asked(message)):
        return Understanding(Intent.RATING, confidence=0.85)
    return None


def _help(message: Prepared, typed: str) -> Understanding | None:
    if _THANKS.found(message):
        return None  # "thank you for your help"
    if _HELP.whole(message) or _HELP_ALONE.whole(message):
        return Understanding(Intent.HELP)
    if _HELP.found(message) and len(message.tokens) <= 4:
        return Understanding(Intent.HELP, confidence=0.9)
    return None


def _greeting_or_thanks(message: Prepared, typed: str) -> Understanding | None:
    """A greeting or a thank-you with at most a word or two more ("thanks for the answer");
    tried after complaints, so "thanks, but the light is still out" is about the light."""
    thanks, greeting = _THANKS.found(message), _GREETING.found(message)
    greeting = greeting or _GREETING_ALONE.whole(message)
    if not (thanks or greeting):
        return None
    rest = _FILLERS.without(_GREETING.without(_THANKS.without(message.tokens)))
    rest = _SMALL_TALK.without(_GREETING_ALONE.without(rest))
    if _asks_about_plan(message) or (len(rest) > _AFTER_THANKS and (_asked(message) or not thanks)):
        return None  # a question after the greeting: answered as a question
    sure = 0.9 if len(rest) <= _AFTER_THANKS else 0.7  # thanks for something done
    return Understanding(Intent.THANKS if thanks else Intent.GREETING, confidence=sure)


#: words a thank-you or greeting may carry and still be one ("thanks for the information")
_AFTER_THANKS = 2


def _problem(message: Prepared, typed: str) -> Understanding | None:
    """Something broken or someone misbehaving, told as a fact: a complaint."""
    asked = _asked(message)
    about_plan = asked and _PLAN_WORDS.found(message)
    broken = _PROBLEMS.found(message) or (_SUBJECTS.found(message) and _DEFECTS.found(message))
    if (broken or _asks_for_service(message)) and not about_plan:
        return Understanding(Intent.COMPLAINT, _case_text(message, typed), 0.75)
    if not _MISCONDUCT.found(message):
        return None
    seen = _WITNESS.found(message)
    if seen or not (asked or _PLAN_WORDS.found(message) or _RULE_QUESTION.found(message)):
        return Understanding(Intent.COMPLAINT, _case_text(message, typed), 0.7)
    return None


def _wish(message: Prepared, typed: str) -> Understanding | None:
    """A wish for the agency, or a message to pass on ("please tell the mayor...") that tells
    of no problem."""
    if (_WISHES.found(message) or _FORWARD.found(message)) and not _plan_question(message):
        return Understanding(Intent.SUGGESTION, _case_text(message, typed), 0.75)
    return None


def _small_talk(message: Prepared, typed: str) -> Understanding | None:
    if message.laugh or _SMALL_TALK.whole(message):
        return Understanding(Intent.SMALL_TALK, confidence=0.8)
    if (
        _SMALL_TALK.found(message)
        and len(_FILLERS.without(_SMALL_TALK.without(message.tokens))) <= 1
    ):
        return Understanding(Intent.SMALL_TALK, confidence=0.7)
    return None


_RULES = (
    _nothing_but_signs,
    _case_number,
    _privacy,
    _following,
    _said_complaint,
    _praise,
    _said_suggestion,
    _rating,
    _help,
    _problem,
    _wish,
    _greeting_or_thanks,
    _small_talk,
)


# -- questions about the plan ------------------------------------------------------------


def _about_the_plan(message: Prepared, index: PlanIndex | None) -> Understanding:
    match = match_prepared(message, index) if index is not None else None
    progress = _PROGRESS.found(message)
    if match is None and progress:
        match = Match(OVERVIEW, 0.0)
    if match is None:
        return Understanding(Intent.UNKNOWN, confidence=0.0)
    if match.key.startswith("indicator:") or match.key == "ita":
        intent = Intent.SCORE_QUESTION
    elif progress:
        intent = Intent.PROGRESS_QUESTION
    else:
        intent = Intent.PLAN_QUESTION
    confidence = max(0.3, min(1.0, match.score / 100)) if match.score else 0.5
    return Understanding(intent, confidence=round(confidence, 2), keys=(match.key,))


# -- helpers -------------------------------------------------------------------------------


def _asks_for_service(message: Prepared) -> bool:
    """A request for the agency to come and do something; not thanks for having come, nor
    a question about when it comes."""
    return (
        _REQUESTS.found(message)
        and not _THANKS.found(message)
        and not _PRAISE.found(message)
        and not _WHEN.found(message)
    )


def _asked(message: Prepared) -> bool:
    return message.asked or _QUESTION.found(message)


def _asks_about_plan(message: Prepared) -> bool:
    return _PLAN_WORDS.found(message) or _PROGRESS.found(message) or _SCORE_WORDS.found(message)


def _plan_question(message: Prepared) -> bool:
    return _asked(message) and (_PLAN_WORDS.found(message) or _RULE_QUESTION.found(message))


def _sure(message: Prepared, cues: Cues) -> float:
    """Found as typed, or only with a typo."""
    return 0.9 if cues.found(message, fuzzy=False) else 0.75


def _case_text(message: Prepared, typed: str) -> dict[str, str]:
    """The typed text, kept as the case's text when it says more than the intent's word."""
    rest = _FILLERS.without(
        _COMPLAINT.without(
            _SUGGESTION.without(_WISHES.without(_GREETING.without(_THANKS.without(message.tokens))))
        )
    )
    if len(rest) >= SUBSTANCE_WORDS or len("".join(rest)) >= SUBSTANCE_LETTERS:
        return {"text": typed.strip()}
    return {}
