"""Reading leave as staff type it: the leave word, then a last day (`until` a date) or a
number of working days; or a word for being back. The words are `messages_th.leave_words`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from messages_th.leave_words import BACK, CANCEL, DAYS, LEAVE_OPENING, UNTIL
from reading.dates import parse_date
from reading.text import clean

_LEAVE = re.compile(rf"^{LEAVE_OPENING}(?=$|\s|{UNTIL}|\d)\s*(?P<rest>.*)$")
_UNTIL = re.compile(rf"^{UNTIL}\s*(?P<date>.+)$")
_DAYS = re.compile(rf"^(?P<days>\d{{1,3}})\s*{DAYS}$")
_BACK = frozenset(b.replace(" ", "") for b in BACK)
_CANCEL = frozenset(b.replace(" ", "") for b in CANCEL)


@dataclass(frozen=True)
class LeaveUntil:
    day: date


@dataclass(frozen=True)
class LeaveDays:
    days: int


@dataclass(frozen=True)
class LeaveUnclear:
    """The leave word with nothing, or with something that is not a date or a number of days."""


def read_leave(text: str, today: date) -> LeaveUntil | LeaveDays | LeaveUnclear | None:
    """None when the text is not about leave at all."""
    typed = clean(text)
    match = _LEAVE.match(typed)
    if not match:
        return None
    rest = match["rest"].strip()
    if not rest:
        return LeaveUnclear()
    days = _DAYS.match(rest)
    if days:
        return LeaveDays(int(days["days"]))
    until = _UNTIL.match(rest)
    if until:
        rest = until["date"]
    day = parse_date(rest, today=today)
    return LeaveUntil(day) if day else LeaveUnclear()


def is_back(text: str) -> bool:
    return clean(text).replace(" ", "") in _BACK


def is_cancel(text: str) -> bool:
    """A word that cancels a leave (also one booked ahead), not only ends one begun."""
    return clean(text).replace(" ", "") in _CANCEL
