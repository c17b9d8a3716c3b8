"""Reading a progress report as staff type it, in one line: the report word, the
action's number (`1.2`), a percent (a number, with or without a percent word, or a word
for done or not started) and what was done; Thai or Arabic digits, with or without
spaces. The same percent reader answers the guided form's percent question. The words are
`messages_th.report_words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from messages_th.report_words import (
    DONE,
    ITEM_WORD,
    NOT_STARTED,
    PERCENT_AFTER,
    PERCENT_BEFORE,
    REPORT_WORD,
)
from reading.text import clean


def _either(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


_WORDS = _either(tuple(sorted(DONE + NOT_STARTED, key=len, reverse=True)))
_PERCENT = re.compile(
    rf"^\s*(?:(?P<word>{_WORDS})|(?:{PERCENT_BEFORE}\s*)?(?P<number>[+-]?\s*\d+(?:\.\d+)?)\s*"
    rf"(?:{_either(PERCENT_AFTER)})?)"
)
_OPENING = rf"^{REPORT_WORD}\s*(?:{ITEM_WORD}\s*)?"
_LINE = re.compile(
    rf"{_OPENING}(?P<measure>\d{{1,3}})\s*[.,/]\s*(?P<action>\d{{1,3}})(?!\d)\s*(?P<rest>.*)$",
    re.S,
)
#: any percent beyond this is read as this, and answered as out of range
_OUT_OF_RANGE = 10**9
_STARTS_LIKE_A_REPORT = re.compile(rf"{_OPENING}\d")


@dataclass(frozen=True)
class Percent:
    value: int
    #: "done" / "not_started" when said in words; otherwise the percent decides
    word: str | None = None


@dataclass(frozen=True)
class ReportLine:
    measure: int
    action: int
    percent: Percent
    detail: str


@dataclass(frozen=True)
class LineProblem:
    """What is wrong with a typed report: no_action, no_percent, percent_range, empty_detail."""

    kind: str
    measure: int | None = None
    action: int | None = None
    value: float | None = None


def read_percent(text: str) -> tuple[Percent | None, str]:
    """The percent at the start of `text` and what follows it; (None, text) when there is none.

    A percent outside 0–100 comes back as is; the caller says what is wrong with it.
    """
    typed = clean(text)
    match = _PERCENT.match(typed)
    if not match:
        return None, typed
    rest = typed[match.end() :].strip()
    if match["word"]:
        done = match["word"] in DONE
        return Percent(100 if done else 0, "done" if done else "not_started"), rest
    value = float(match["number"].replace(" ", ""))
    # a number too long to be a percent is simply out of range (float would be infinite)
    return Percent(round(max(-_OUT_OF_RANGE, min(value, _OUT_OF_RANGE)))), rest


def percent_answer(text: str) -> Percent | LineProblem | None:
    """The whole answer to "how far along is it?": a percent and nothing else."""
    percent, rest = read_percent(text)
    if percent is None or rest:
        return None
    if not 0 <= percent.value <= 100:
        return LineProblem("percent_range", value=percent.value)
    return percent


def looks_like_report_line(text: str) -> bool:
    """The report word followed by a number: someone typing a one-line report (right or
    wrong)."""
    return bool(_STARTS_LIKE_A_REPORT.match(clean(text)))


def read_report_line(text: str) -> ReportLine | LineProblem:
    typed = clean(text)
    match = _LINE.match(typed)
    if not match:
        return LineProblem("no_action")
    measure, action = int(match["measure"]), int(match["action"])
    percent, detail = read_percent(match["rest"])
    if percent is None:
        return LineProblem("no_percent", measure, action)
    if not 0 <= percent.value <= 100:
        return LineProblem("percent_range", measure, action, percent.value)
    detail = detail.lstrip(":-–— ").strip()
    if not has_words(detail):
        return LineProblem("empty_detail", measure, action)
    return ReportLine(measure, action, percent, detail)


def has_words(detail: str) -> bool:
    """What was done is said in letters: a dash, dots or a number alone say nothing."""
    return any(ch.isalpha() for ch in detail)


def report_lines(text: str) -> list[str]:
    """The reports in one message, one a line: each line that starts like a report begins
    a new one, and a line that does not goes on the one before (a detail on two lines)."""
    found: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if looks_like_report_line(line) or not found:
            found.append(line.strip())
        else:
            found[-1] += " " + line.strip()
    return found
