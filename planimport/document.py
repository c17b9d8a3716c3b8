"""Read the plan from the agency's own document, whatever its layout.

The pipeline: the file becomes lines and table rows (`lines`, `docx_reader`, `pdf_reader`);
here the heading gives the fiscal year and the agency; `measures` finds the measures (a
table with any of the usual columns, or blocks); `ita` finds the ITA result and the
analysis in what is left. What could not be found is said in notices; a document is refused
only when it has no fiscal year or no measure with an action.
"""

from __future__ import annotations

import re
from datetime import date

from messages_th import plan_import_text as said
from messages_th import plan_vocab as vocab
from planimport.data import PlanData
from planimport.errors import Notice, PlanReadError, valid
from planimport.ita import read_ita
from planimport.lines import Line, lines_from_text, without_page_marks
from planimport.measures import read_measures, split_actions
from planimport.result import ReadResult
from reading.dates import parse_thai_date_words

__all__ = ["Line", "lines_from_text", "read_lines", "split_actions"]

_HEAD_LINES = 40  # the fiscal year is looked for in the document's first lines
_TITLE_MAX = 120  # characters of a title line
_TITLE_BLOCK = 2  # lines under the title that may carry its year (the agency, the year)


def read_lines(lines: list[Line]) -> ReadResult:
    lines = without_page_marks(lines)
    body = [line for line in lines if not line.blank]
    if not body:
        raise PlanReadError("empty")
    title_index, fiscal_year = _fiscal_year(lines)
    notices: list[Notice] = []
    agency, district, province = _agency(lines, title_index, notices)
    found = read_measures(lines, fiscal_year)
    if not found.measures:
        raise PlanReadError("no_measures", seen=said.seen_in_document(found.headings, len(body)))
    rest = [line for index, line in enumerate(lines) if index not in found.used]
    ita = read_ita(rest, fiscal_year)
    adopted_on, adopted_where = _adopted(rest)
    plan = valid(
        PlanData,
        lines[title_index].where,
        fiscal_year=fiscal_year,
        title=_title(lines, title_index),
        agency=agency,
        district=district,
        province=province,
        ita_score=ita.score,
        ita_level=ita.level,
        adopted_on=adopted_on,
        adopted_where=adopted_where,
        indicators=ita.indicators,
        recommendations=ita.recommendations,
        measures=found.measures,
    )
    return ReadResult(plan, notices + ita.notices + found.notices)


# -- the heading -------------------------------------------------------------------------------


def _fiscal_year(lines: list[Line]) -> tuple[int, int]:
    """The year of the title (or of the two lines under it, where a title puts it);
    else the first fiscal year said near the start, else anywhere. A year in a sentence
    about last year's ITA result is not the plan's when the title says its own."""
    head = lines[:_HEAD_LINES]
    title = next((i for i, line in enumerate(head) if _is_title_line(line.text)), None)
    if title is not None:
        block = [i for i in range(title, len(head)) if not head[i].blank][: _TITLE_BLOCK + 1]
        for index in block:
            plain = head[index].plain
            match = vocab.FISCAL_YEAR.search(plain) or vocab.TITLE_YEAR.search(plain)
            if match and 2500 <= int(match[1]) <= 2700:
                return index, int(match[1])
    for part in (head, lines):
        for index, line in enumerate(part):
            match = vocab.FISCAL_YEAR.search(line.plain)
            if match and 2500 <= int(match[1]) <= 2700:
                return index, int(match[1])
    first = next(line for line in lines if not line.blank)
    raise PlanReadError("no_fiscal_year", first.where, first=first.text.strip()[:80])


def _is_title_line(text: str) -> bool:
    """A title: short, with the plan's words (a sentence about the result is longer)."""
    return _is_title(text) and len(text.strip()) <= _TITLE_MAX


def _title(lines: list[Line], title_index: int) -> str:
    """The title line; when the year stands on a line of its own, the line above with it."""
    line = lines[title_index].text.strip()
    above = _previous_text(lines, title_index)
    if (
        above
        and not any(w in line for w in vocab.TITLE_WORDS)
        and any(w in above for w in vocab.TITLE_WORDS)
    ):
        return f"{above} {line}"
    return line


def _previous_text(lines: list[Line], index: int) -> str:
    for line in reversed(lines[max(0, index - 3) : index]):
        if not line.blank:
            return line.text.strip()
    return ""


def _agency(lines: list[Line], title_index: int, notices: list[Notice]) -> tuple[str, str, str]:
    """In a title line after its words (`AGENCY_AFTER, or after "within"), or a line
    near the year's that begins with an agency's word and names it rather than tells of it
    (the nearest first, below before above)."""
    window = range(max(0, title_index - 3), min(len(lines), title_index + 4))
    candidates = []
    for index in window:
        text = lines[index].text
        match = vocab.AGENCY_AFTER.search(text)
        if match and _is_title(text):
            candidates.append(match["agency"])
    candidates.append(_title_tail(lines[title_index].text))
    for distance in (1, 2, 3):
        for index in (title_index + distance, title_index - distance):
            if 0 <= index < len(lines) and not lines[index].is_row:
                text = lines[index].text.strip()
                candidates.append(_title_tail(text) if _is_title(text) else text)
    for candidate in candidates:
        candidate = vocab.AGENCY_END.sub("", candidate.strip()).strip()
        candidate = vocab.AGENCY_LEAD.sub("", candidate)
        if (
            candidate.startswith(vocab.AGENCY_STARTS)
            and len(candidate) <= 120
            and not any(word in candidate for word in vocab.NOT_A_NAME)
        ):
            return _split_agency(candidate)
    notices.append(Notice("no_agency", lines[title_index].where))
    return "", "", ""


def _is_title(text: str) -> bool:
    return any(word in text for word in vocab.TITLE_WORDS)


def _title_tail(text: str) -> str:
    """What a title line says after its own words: the agency, if it names one."""
    before_year = vocab.AGENCY_END.sub("", text).strip()
    if _is_title(before_year):
        return vocab.AGENCY_TITLE_SPLIT.split(before_year)[-1].strip()
    return before_year


def _split_agency(text: str) -> tuple[str, str, str]:
    """`<agency> <district word><name> <province word><name>` → name, district, province;
    a province's own office (the province word first) keeps its name."""
    district = vocab.DISTRICT.search(text)
    province = vocab.PROVINCE.search(text, 1)
    if text.startswith(vocab.PROVINCE_AGENCY):
        own = vocab.PROVINCE.match(text)
        name = _squash(text[: district.start()] if district else text)
        return name, district["name"] if district else "", own["name"] if own else ""
    cut = min([m.start() for m in (district, province) if m] or [len(text)])
    return (
        _squash(text[:cut]),
        district["name"] if district else "",
        province["name"] if province else "",
    )


def _adopted(lines: list[Line]) -> tuple[date | None, str]:
    for line in lines:
        if not any(hint in line.text for hint in vocab.ADOPTED_HINTS):
            continue
        match = vocab.ADOPTED.search(line.plain)
        if match:
            day = parse_thai_date_words(match["day"], match["month"], match["year"])
            place = line.text[match.start("place") : match.end("place")] if match["place"] else ""
            return day, place.strip()
    return None, ""


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
