"""What a staff member or a head asks for in their own words.

Tried in order, the most particular first: a one-line report; leave (cancelled, ended,
or booked with its days); a nudge to a colleague (named, or everyone still missing); who
has not reported; citizens' cases waiting; correcting a report; the same as last month;
the month's page; a report document; the summary; one's own status; the meeting; a
report; help. What is none of these is read as a citizen's message would be (a question
about the plan, thanks, small talk), and what is not understood at all is UNKNOWN, for
the caller to answer for the person's role.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from fiscal import add_months
from messages_th import intent_vocab as vocab
from models.staff import Role, is_head
from reading.report_line import ReportLine, looks_like_report_line, read_report_line
from understanding import citizen
from understanding.cues import Cues
from understanding.dates import read_date_range, read_month
from understanding.names import find_people, name_typed
from understanding.plan_match import Candidate, index_of
from understanding.result import Intent, Understanding
from understanding.text import Prepared, prepare

#: who is a head, as `models.staff.is_head` decides
HEAD_ROLES = tuple(role.value for role in Role if is_head(role))

_ACTION = re.compile(r"(?<![\d.])(\d{1,2})\s*\.\s*(\d{1,2})(?![\d.%])")
_PERCENT = re.compile(r"\d\s*%|\d\s*(?:" + "|".join(vocab.PERCENT_WORDS) + ")")
_YEAR = re.compile(r"(?<!\d)(25\d\d|20\d\d)(?!\d)")

_CANCEL_LEAVE = Cues(vocab.CANCEL_LEAVE)
_BACK = Cues(vocab.BACK, fuzzy=False)
_LEAVE = Cues(vocab.LEAVE, fuzzy=False)
_NOT_LEAVE = Cues(vocab.NOT_LEAVE, fuzzy=False)
_REMIND = Cues(vocab.REMIND, fuzzy=False)
_TELL = Cues(vocab.TELL, fuzzy=False)
_TO_SEND = Cues(vocab.TO_SEND, fuzzy=False)
_EVERYONE = Cues(vocab.EVERYONE, fuzzy=False)
_SELF = Cues(vocab.SELF, fuzzy=False)
_WHO = Cues(vocab.WHO, fuzzy=False)
_NOT_YET = Cues(vocab.NOT_YET, fuzzy=False)
_NOT_YET_ALONE = Cues(vocab.NOT_YET_ALONE, fuzzy=False)
_PENDING = Cues(vocab.PENDING)
_CORRECT = Cues(vocab.CORRECT, fuzzy=False)
_SAME = Cues(vocab.SAME_AS_LAST_MONTH)
_REPORT_PAGE = Cues(vocab.REPORT_PAGE)
_REPORT_LINK = Cues(vocab.REPORT_LINK, fuzzy=False)
_DOCUMENT = Cues(vocab.DOCUMENT, fuzzy=False)
_REPORT = Cues(vocab.REPORT, fuzzy=False)
_NOT_A_REPORT = Cues(vocab.NOT_A_REPORT, fuzzy=False)
_SUMMARY = Cues(vocab.SUMMARY, fuzzy=False)
_STATUS = Cues(vocab.STATUS, fuzzy=False)
_MEETING = Cues(vocab.MEETING, fuzzy=False)
_HELP = Cues(vocab.STAFF_HELP, fuzzy=False)
_THIS_MONTH = Cues(vocab.PERIOD_THIS_MONTH, fuzzy=False)
_LAST_MONTH = Cues(vocab.PERIOD_LAST_MONTH, fuzzy=False)
_HALF = Cues(vocab.PERIOD_HALF, fuzzy=False)
_YEARLY = Cues(vocab.PERIOD_YEAR, fuzzy=False)
_LEAVE_KINDS = {kind: Cues(words, fuzzy=False) for kind, words in vocab.LEAVE_KINDS.items()}
_TO_ME = Cues(vocab.TO_ME, fuzzy=False)
_LEAVE_ITSELF = Cues(
    tuple(w for w in vocab.LEAVE if w not in vocab.LEAVE_WITH_DATE_ONLY), fuzzy=False
)


def understand_staff(
    text: str,
    *,
    today: date,
    role: str = "staff",
    staff: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    candidates: tuple[Candidate, ...] = (),
    workday: Callable[[date], bool] | None = None,
) -> Understanding:
    """What `text` asks for, from a staff member (`role` staff) or a head (head, admin).

    `staff`: colleagues a nudge may name, key → name; `today` resolves dates; `workday`
    counts leave given as a number of days in working days (calendar days without it).
    """
    index = index_of(candidates) if candidates else None
    message = prepare(text, index.vocabulary if index else frozenset())
    context = _Context(text, message, today, role in HEAD_ROLES, staff, workday)
    for rule in _RULES:
        found = rule(context)
        if found is not None:
            return found
    return citizen.classify(message, index, typed=text)


class _Context:
    def __init__(
        self,
        typed: str,
        message: Prepared,
        today: date,
        head: bool,
        staff: Mapping[str, str] | Iterable[tuple[str, str]],
        workday: Callable[[date], bool] | None,
    ) -> None:
        self.typed, self.message, self.today, self.head = typed, message, today, head
        self.staff, self.workday = staff, workday

    def action(self) -> dict[str, Any]:
        found = _ACTION.search(self.message.cleaned)
        return {"action": f"{int(found[1])}.{int(found[2])}"} if found else {}

    def dates(self) -> dict[str, Any]:
        found = read_date_range(self.typed, self.today, workday=self.workday)
        if found is None:
            return {}
        slots: dict[str, Any] = {"start": found.start, "end": found.end}
        if found.days is not None:
            slots["days"] = found.days
        if found.half_day:
            slots["half_day"] = True
        return slots


# -- the rules, in order ------------------------------------------------------------------


def _report_line(c: _Context) -> Understanding | None:
    if not looks_like_report_line(c.typed):
        return None
    line = read_report_line(c.typed)
    if isinstance(line, ReportLine) and prepare(line.detail).empty:  # a particle, a dash
        return Understanding(Intent.REPORT, {**c.action(), "problem": "empty_detail"}, 0.9)
    if isinstance(line, ReportLine):
        slots = {
            "action": f"{line.measure}.{line.action}",
            "percent": line.percent.value,
            "detail": line.detail,
        }
        return Understanding(Intent.REPORT, slots)
    return Understanding(Intent.REPORT, {**c.action(), "problem": line.kind}, 0.9)


def _action_and_percent(c: _Context) -> Understanding | None:
    """An action and how far ("item 3.2, 60 % done"), without the word for a report."""
    action = c.action()
    if not action or not _PERCENT.search(c.message.cleaned):
        return None
    return Understanding(Intent.REPORT, action, 0.8)


def _cancel_leave(c: _Context) -> Understanding | None:
    if _CANCEL_LEAVE.found(c.message):
        return Understanding(Intent.CANCEL_LEAVE, c.dates(), 0.9)
    return None


def _back(c: _Context) -> Understanding | None:
    if _BACK.whole(c.message) or (_BACK.found(c.message) and len(c.message.tokens) <= 4):
        return Understanding(Intent.BACK_FROM_LEAVE, confidence=0.9)
    return None


def _leave(c: _Context) -> Understanding | None:
    if not _LEAVE.found(c.message) or _NOT_LEAVE.found(c.message) or _WHO.found(c.message):
        return None
    dates = c.dates()
    if not _LEAVE_ITSELF.found(c.message) and not dates:
        return None
    kind = next((k for k, cues in _LEAVE_KINDS.items() if cues.found(c.message)), None)
    slots: dict[str, Any] = {**dates, **({"kind": kind} if kind else {})}
    if not dates and _mentions_a_date(c.message):
        slots["unclear"] = True
    return Understanding(Intent.LEAVE, slots, 0.9 if dates else 0.8)


def _remind(c: _Context) -> Understanding | None:
    told = _TELL.found(c.message) and _TO_SEND.found(c.message)
    if not (_REMIND.found(c.message) or told):
        return None
    if _EVERYONE.found(c.message) or (_WHO.found(c.message) and _NOT_YET.found(c.message)):
        return Understanding(Intent.REMIND, {"everyone": True}, 0.9)
    typed = name_typed(c.message)
    people = find_people(typed, c.staff)
    if len(people) == 1:
        return Understanding(Intent.REMIND, {"person": people[0].key, "name": people[0].name}, 0.9)
    if people:
        return Understanding(Intent.REMIND, {"candidates": [p.key for p in people]}, 0.7)
    if _SELF.found(c.message):
        return Understanding(Intent.REMIND, {"self": True}, 0.7)
    return Understanding(Intent.REMIND, {"name_typed": typed} if typed else {}, 0.7)


def _who_not_reported(c: _Context) -> Understanding | None:
    if _WHO.found(c.message) and _NOT_YET.found(c.message):
        return Understanding(Intent.WHO_NOT_REPORTED, confidence=0.9)
    if c.head and _NOT_YET_ALONE.whole(c.message):
        return Understanding(Intent.WHO_NOT_REPORTED, confidence=0.8)
    return None


def _pending(c: _Context) -> Understanding | None:
    if _PENDING.found(c.message):
        return Understanding(Intent.PENDING_CASES, confidence=0.9)
    return None


def _correct(c: _Context) -> Understanding | None:
    if not _CORRECT.found(c.message):
        return None
    action = c.action()
    if action or _REPORT.found(c.message) or _CORRECT.whole(c.message):
        return Understanding(Intent.CORRECT_REPORT, action, 0.9)
    return None


def _same(c: _Context) -> Understanding | None:
    if not _SAME.found(c.message):
        return None
    action = c.action()
    return Understanding(Intent.SAME_AS_LAST_MONTH, action or {"all": True}, 0.9)


def _page(c: _Context) -> Understanding | None:
    if _REPORT_LINK.found(c.message):
        if c.head:
            return Understanding(Intent.REPORT_DOCUMENT, _period(c), 0.8)
        return Understanding(Intent.REPORT_PAGE, confidence=0.8)
    if _REPORT_PAGE.found(c.message):
        return Understanding(Intent.REPORT_PAGE, confidence=0.9)
    return None


def _document(c: _Context) -> Understanding | None:
    if not _wants_document(c):
        return None
    return Understanding(Intent.REPORT_DOCUMENT, _period(c), 0.9)


def _summary(c: _Context) -> Understanding | None:
    if _SUMMARY.found(c.message):
        return Understanding(Intent.SUMMARY, confidence=0.9)
    return None


def _status(c: _Context) -> Understanding | None:
    if _STATUS.found(c.message) or _NOT_YET_ALONE.whole(c.message):
        return Understanding(Intent.STATUS, confidence=0.9)
    return None


def _meeting(c: _Context) -> Understanding | None:
    if _MEETING.found(c.message):
        return Understanding(Intent.MEETING, confidence=0.9)
    return None


def _report(c: _Context) -> Understanding | None:
    if _REPORT.found(c.message) and not _NOT_A_REPORT.found(c.message):
        return Understanding(Intent.REPORT, c.action(), 0.85)
    return None


def _help(c: _Context) -> Understanding | None:
    if _HELP.whole(c.message) or (_HELP.found(c.message) and len(c.message.tokens) <= 4):
        return Understanding(Intent.HELP, confidence=0.9)
    return None


_RULES = (
    _report_line,
    _cancel_leave,
    _back,
    _leave,
    _remind,
    _who_not_reported,
    _pending,
    _correct,
    _same,
    _action_and_percent,
    _page,
    _document,
    _summary,
    _status,
    _meeting,
    _report,
    _help,
)


# -- helpers -------------------------------------------------------------------------------


def _mentions_a_date(message: Prepared) -> bool:
    return any(ch.isdigit() for ch in message.cleaned)


def _wants_document(c: _Context) -> bool:
    """A document, not a report to make: a file word, a period's report, "may I have the
    report" with a month; "send the report ... to me" asks to be sent one."""
    message = c.message
    if not _DOCUMENT.found(message) and not (_REPORT.found(message) and _TO_ME.found(message)):
        return False
    return not (c.action() or _NOT_A_REPORT.found(message))


def _period(c: _Context) -> dict[str, Any]:
    message, today = c.message, c.today
    year = _YEAR.search(message.cleaned)
    fiscal_year = None
    if year:
        typed = int(year[1])
        fiscal_year = typed if typed > 2400 else typed + 543
    if _HALF.found(message):
        return {"period": "half", "fiscal_year": fiscal_year}
    if _YEARLY.found(message):
        return {"period": "year", "fiscal_year": fiscal_year}
    this_month = date(today.year, today.month, 1)
    if _LAST_MONTH.found(message):
        return {"period": "month", "month": add_months(this_month, -1)}
    named = read_month(c.typed, today)
    if named is not None:
        return {"period": "month", "month": named}
    if year:
        return {"period": "year", "fiscal_year": fiscal_year}
    return {"period": "month", "month": None}  # this (reporting) month
