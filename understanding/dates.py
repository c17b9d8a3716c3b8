"""Reading a range of days as staff type it for leave, relative to a given today.

Ranges ("1-4 Feb", "28 Dec - 2 Jan", "1/2 to 4/2/65", "from tomorrow to Friday"), an end
alone ("until this Friday", "until 15 Jan": from today), one day ("tomorrow", "next
Monday", "the 5th"), a number of days ("3 days", from today or from a day named), a week
("next week"); the Thai words are in `messages_th/intent_vocab.py` (examples in
tests/understanding/test_dates.py). Months in every spelling the Thai calendar knows, the
usual short forms
and typos (one edit); Buddhist or Common Era years, two or four digits. A date with no
year is the next one that is not over: a range booked ahead, or one that has begun.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from pythainlp.tokenize import word_tokenize
from pythainlp.util.date import thai_full_weekdays, thaiword_to_date
from rapidfuzz.distance import Levenshtein

from fiscal import add_months, ce_year
from messages_th import intent_vocab as vocab
from messages_th.thai_calendar import month_words
from understanding import words
from understanding.text import normalise

LONGEST = 366  # days: a range longer than a year is no leave


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date | None  # None: "from that day on", the end was not said
    days: int | None = None  # a number of days, as typed
    half_day: bool = False


# -- the pieces of a date expression -------------------------------------------------------


@dataclass(frozen=True)
class _Day:
    """A day of the month, with the month and year when they were typed."""

    day: int
    month: int | None = None
    year: int | None = None  # CE


@dataclass(frozen=True)
class _Fixed:
    """A day already known: today, tomorrow, a weekday."""

    day: date


@dataclass(frozen=True)
class _Week:
    start: date
    end: date


@dataclass(frozen=True)
class _Days:
    count: int


class _Until:
    pass


class _From:
    pass


_Atom = _Day | _Fixed | _Week | _Days | _Until | _From

_SPACE = re.compile(r"[\s,]+")
_NUMERIC = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{2,4}))?")
_DAY_WORD = re.compile(rf"(?:{re.escape(vocab.DAY_WORD)}\s*)(\d{{1,2}})(?!\d)")
_NUMBER = re.compile(r"(\d{1,3})(?![\d%]|\.\d)")
_THAI_RUN = re.compile(r"[a-z\u0E01-\u0E4E.]+")
_ERA = re.compile(
    "|".join(re.escape(e) for e in sorted((*vocab.ERA_BE, *vocab.ERA_CE), key=len, reverse=True))
)
_YEAR = re.compile(r"\s*(\d{4}|\d{2})(?!\d)")


def read_date_range(
    text: str, today: date, *, workday: Callable[[date], bool] | None = None
) -> DateRange | None:
    """The range of days `text` names, or None when it names none (or an impossible one).

    `workday` counts a number of days in working days (three days from a Friday end on
    Tuesday); without it, calendar days.
    """
    atoms = _atoms(normalise(text), today)
    half = any(word in text for word in vocab.HALF_DAY)
    found = _interpret(atoms, today)
    if found is None:
        return DateRange(today, today, 1, True) if half else None
    if found.days is not None and found.end is None:
        end = _count(found.start, found.days, workday)
        if end is None:
            return None
        found = replace(found, end=end)
    if found.end is not None and not (0 <= (found.end - found.start).days <= LONGEST):
        return None
    return replace(found, half_day=half)


# -- reading -------------------------------------------------------------------------------


def _atoms(text: str, today: date) -> list[_Atom]:
    """The date pieces of the text, read at the start of each word (a weekday's name inside
    another word is not that weekday)."""
    atoms: list[_Atom] = []
    starts = _word_starts(text)
    pos = 0
    while pos < len(text):
        atom, end = _atom_at(text, pos, today)
        if atom is not None:
            atoms.append(atom)
        pos = max(end, next((s for s in starts if s > pos), len(text)))
    return atoms


def _atom_at(text: str, pos: int, today: date) -> tuple[_Atom | None, int]:
    for word in vocab.WHOLE_WEEK:
        if text.startswith(word, pos):
            return None, pos + len(word)  # "the whole week" after a week: nothing more
    for reader in (_numeric, _day_and_month, _days, _day_word, _week, _named_day, _joiner):
        found = reader(text, pos, today)
        if found is not None:
            return found
    number = _NUMBER.match(text, pos)
    if number:
        return (_Day(int(number[1])) if int(number[1]) <= 31 else None), number.end()
    return None, pos


def _word_starts(text: str) -> list[int]:
    starts, pos = [], 0
    for word in word_tokenize(text, custom_dict=words.dictionary(), keep_whitespace=True):
        starts.append(pos)
        pos += len(word)
    return starts


def _numeric(text: str, pos: int, today: date) -> tuple[_Atom, int] | None:
    found = _NUMERIC.match(text, pos)
    if not found:
        return None
    year = _year(found[3], after_slash=True) if found[3] else None
    return _Day(int(found[1]), int(found[2]), year), found.end()


def _day_and_month(text: str, pos: int, today: date) -> tuple[_Atom, int] | None:
    day = _DAY_WORD.match(text, pos) or re.compile(r"(\d{1,2})(?!\d)").match(text, pos)
    if not day:
        return None
    after = _SPACE.match(text, day.end())
    start = after.end() if after else day.end()
    month = _month_at(text, start)
    if month is None:
        return None
    number, end = month
    year, end = _year_at(text, end)
    return _Day(int(day[1]), number, year), end


def _days(text: str, pos: int, today: date) -> tuple[_Atom, int] | None:
    for unit in sorted(vocab.DAYS_UNIT, key=len, reverse=True):
        found = re.compile(rf"(\d{{1,3}})\s*{re.escape(unit)}").match(text, pos)
        if found and not text.startswith(vocab.DAY_WORD, found.end() - len(unit)):
            return _Days(int(found[1])), found.end()
    return None


def _day_word(text: str, pos: int, today: date) -> tuple[_Atom, int] | None:
    found = _DAY_WORD.match(text, pos)
    return (_Day(int(found[1])), found.end()) if found else None


def _named_day(text: str, pos: int, today: date) -> tuple[_Atom, int] | None:
    """Today, tomorrow, the day after, and weekdays (this one, or next week's)."""
    for word, offset in _relative_days():
        if text.startswith(word, pos):
            return _Fixed(today + timedelta(days=offset)), pos + len(word)
    for weekday, spellings in _weekdays():
        for spelling in spellings:
            at = _after_day_word(text, pos)
            if not text.startswith(spelling, at):
                continue
            end = at + len(spelling)
            later = _SPACE.match(text, end)
            following = later.end() if later else end
            for word in vocab.NEXT:
                if text.startswith(word, following):
                    return _Fixed(_next_week(today, weekday)), following + len(word)
            for word in vocab.THIS:
                if text.startswith(word, following):
                    end = following + len(word)
            return _Fixed(_coming(today, weekday)), end
    return None


def _week(text: str, pos: int, today: date) -> tuple[_Atom, int] | None:
    monday = today - timedelta(days=today.weekday())
    for spellings, first in (
        (vocab.NEXT_WEEK, monday + timedelta(days=7)),
        (vocab.THIS_WEEK, today),
    ):
        for word in spellings:
            if text.startswith(word, pos):
                friday = (first - timedelta(days=first.weekday())) + timedelta(days=4)
                return _Week(first, max(first, friday)), pos + len(word)
    return None


def _joiner(text: str, pos: int, today: date) -> tuple[_Atom, int] | None:
    for word in _sorted(vocab.FROM):
        if text.startswith(word, pos):
            return _From(), pos + len(word)
    for word in _sorted(vocab.UNTIL):
        if text.startswith(word, pos):
            return _Until(), pos + len(word)
    return None


# -- months and years ----------------------------------------------------------------------


def _month_at(text: str, pos: int) -> tuple[int, int] | None:
    """The month whose name starts at `pos` (exactly, else within a typo), and where it ends."""
    for word, number in _month_names():
        if text.startswith(word, pos):
            end = pos + len(word)
            return number, end + 1 if text.startswith(".", end) else end
    run = _THAI_RUN.match(text, pos)
    if not run:
        return None
    typed = run[0]
    best: tuple[int, int, int] | None = None  # (distance, month, length used)
    for word, number in _month_names():
        if len(word) < 4 or "." in word:
            continue
        allowed = 1 if len(word) < 8 else 2
        for length in (len(word) - 1, len(word), len(word) + 1):
            if length > len(typed):
                continue
            distance = Levenshtein.distance(typed[:length], word, score_cutoff=allowed)
            if distance <= allowed and (best is None or distance < best[0]):
                best = (distance, number, length)
    return (best[1], pos + best[2]) if best else None


def _year_at(text: str, pos: int) -> tuple[int | None, int]:
    at = _SPACE.match(text, pos)
    at_pos = at.end() if at else pos
    era = _ERA.match(text, at_pos)
    after_era = era.end() if era else at_pos
    found = _YEAR.match(text, after_era)
    if not found:
        return None, pos
    rest = text[found.end() : found.end() + 4].strip()
    if any(rest.startswith(u) for u in vocab.DAYS_UNIT):
        return None, pos  # "1 Feb 3 days": a number of days, not a year
    if len(found[1]) == 2 and not era and int(found[1]) < 40:
        return None, pos
    return _year(found[1], after_slash=False), found.end()


def _year(typed: str, *, after_slash: bool) -> int:
    year = int(typed)
    if len(typed) == 2 and after_slash and year < 50:
        return 2000 + year  # 1/2/22: CE in numeric dates
    return ce_year(year)


# -- making sense of the pieces ------------------------------------------------------------


def _interpret(atoms: list[_Atom], today: date) -> DateRange | None:
    atoms = [a for a in atoms if not isinstance(a, _From)] if _has_dates(atoms) else atoms
    days = next((a.count for a in atoms if isinstance(a, _Days)), None)
    dated = [a for a in atoms if isinstance(a, _Day | _Fixed | _Week)]
    until_first = bool(atoms) and isinstance(atoms[0], _Until)
    if not dated:
        return DateRange(today, None, days) if days else None
    if len(dated) == 1:
        only = dated[0]
        if isinstance(only, _Week):
            return DateRange(only.start, only.end)
        if until_first or _ends_with_until_before(atoms, only):
            end = _resolve(only, today, None)
            return DateRange(today, end) if end else None
        day = _resolve(only, today, None)
        if day is None:
            return None
        return DateRange(day, None, days) if days else DateRange(day, day)
    first, last = dated[0], dated[1]
    end = _resolve(last, today, None)
    if end is None:
        return None
    start = _resolve(first, today, end)
    if start is None or start > end:
        return None
    return DateRange(start, end)


def _has_dates(atoms: list[_Atom]) -> bool:
    return any(isinstance(a, _Day | _Fixed | _Week) for a in atoms)


def _ends_with_until_before(atoms: list[_Atom], only: _Atom) -> bool:
    index = atoms.index(only)
    return index > 0 and isinstance(atoms[index - 1], _Until)


def _resolve(atom: _Atom, today: date, end: date | None) -> date | None:
    """A date for the atom: as typed, else the next one not over (`end`: the range's end,
    which a start without month or year shares, or precedes)."""
    if isinstance(atom, _Fixed):
        return atom.day
    if isinstance(atom, _Week):
        return atom.start if end is not None else atom.end
    if not isinstance(atom, _Day):
        return None
    try:
        if end is not None:
            return _start_before(atom, end)
        if atom.month is None:
            candidate = date(today.year, today.month, atom.day) if atom.day <= 28 else None
            candidate = candidate or _day_in(today.year, today.month, atom.day)
            if candidate is None or candidate < today:
                following = add_months(date(today.year, today.month, 1), 1)
                candidate = _day_in(following.year, following.month, atom.day)
            return candidate
        if atom.year is not None:
            return date(atom.year, atom.month, atom.day)
        candidate = date(today.year, atom.month, atom.day)
        return candidate if candidate >= today else date(today.year + 1, atom.month, atom.day)
    except ValueError:
        return None


def _start_before(atom: _Day, end: date) -> date | None:
    month = atom.month or end.month
    year = atom.year or end.year
    if atom.month is None and atom.day > end.day:  # 28-2 Mar: from 28 February
        previous = add_months(date(end.year, end.month, 1), -1)
        return _day_in(previous.year, previous.month, atom.day)
    if atom.year is None and month > end.month:  # 28 Dec - 2 Jan: December of the year before
        year -= 1
    return date(year, month, atom.day)


def _day_in(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _count(start: date, days: int, workday: Callable[[date], bool] | None) -> date | None:
    if not 1 <= days <= LONGEST:
        return None
    if workday is None:
        return start + timedelta(days=days - 1)
    current = start - timedelta(days=1)
    while days > 0:
        current += timedelta(days=1)
        if workday(current):
            days -= 1
    return current


def _coming(today: date, weekday: int) -> date:
    """This week's day, or the next one when it is over ("this Friday" on a Saturday)."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _next_week(today: date, weekday: int) -> date:
    monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
    return monday + timedelta(days=weekday)


def _after_day_word(text: str, pos: int) -> int:
    """Past the word for "day" before a weekday's name, when it is there."""
    if text.startswith(vocab.DAY_PREFIX, pos) and not text.startswith(vocab.DAY_WORD, pos):
        return pos + len(vocab.DAY_PREFIX)
    return pos


# -- vocabulary, ordered for matching --------------------------------------------------------


@lru_cache(maxsize=1)
def _month_names() -> tuple[tuple[str, int], ...]:
    names = {normalise(w).replace(" ", ""): n for w, n in month_words().items()}
    for number, variants in vocab.MONTH_VARIANTS.items():
        names.update({normalise(v): number for v in variants})
    return tuple(sorted(names.items(), key=lambda item: -len(item[0])))


@lru_cache(maxsize=1)
def _relative_days() -> tuple[tuple[str, int], ...]:
    """PyThaiNLP's days relative to today (its own offsets), and the typos people make."""
    reference = datetime(2000, 1, 1, tzinfo=UTC)
    known = {w: thaiword_to_date(w, reference) for w in vocab.RELATIVE_WORDS}
    words = {w: (d - reference).days for w, d in known.items() if d is not None}
    words.update(vocab.RELATIVE_DAYS)
    return tuple(sorted(((normalise(w), d) for w, d in words.items()), key=lambda i: -len(i[0])))


@lru_cache(maxsize=1)
def _weekdays() -> tuple[tuple[int, tuple[str, ...]], ...]:
    found = []
    for number, (full, spellings) in enumerate(
        zip(thai_full_weekdays, vocab.WEEKDAYS, strict=True)
    ):
        words = {full.removeprefix(vocab.DAY_PREFIX), *spellings}
        found.append((number, tuple(sorted(words, key=len, reverse=True))))
    return tuple(found)


def _sorted(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted((normalise(w) for w in words), key=len, reverse=True))


def read_month(text: str, today: date) -> date | None:
    """A month named in the text (with its year when typed), as its first day; without a
    year, the latest such month that has begun."""
    cleaned = normalise(text)
    for start in _word_starts(cleaned):
        found = _month_at(cleaned, start)
        if found is None:
            continue
        number, end = found
        year, _ = _year_at(cleaned, end)
        if year is not None:
            return date(year, number, 1)
        this = date(today.year, number, 1)
        return this if this <= today else date(today.year - 1, number, 1)
    return None
