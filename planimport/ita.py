"""The ITA result in a plan: the overall score and level, the indicators' scores, the
recommendations, and the agency's own analysis (strengths, weaknesses, what to fix, advice).

Scores come from tables (one year, or several years side by side: the assessment year's
column is taken) or from prose (docs/PLAN-IMPORT.md has examples). A number that is the
full mark, a threshold, a rank or an earlier year's score is not the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from messages_th import plan_vocab as vocab
from planimport.data import IndicatorData, RecommendationData
from planimport.errors import Notice
from planimport.lines import Line

_NUMBER = re.compile(rf"(?<![\d.,])(?P<value>{vocab.NUMBER})(?![\d]|\.\d)")


@dataclass
class _Candidate:
    score: float
    level: str | None
    year: int | None
    order: int


@dataclass
class ItaRead:
    score: float | None = None
    level: str | None = None
    indicators: list[IndicatorData] = field(default_factory=list)
    recommendations: list[RecommendationData] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def read_ita(lines: list[Line], fiscal_year: int) -> ItaRead:
    found = ItaRead()
    candidates: list[_Candidate] = []
    indicators: dict[int, IndicatorData] = {}
    ignored_years: set[int] = set()
    taken_years = _tables(lines, fiscal_year, candidates, indicators, ignored_years)
    _prose(lines, candidates)
    _indicator_mentions(lines, fiscal_year, indicators)
    score, level, earlier = _choose(candidates, fiscal_year)
    found.score, found.level = score, level or _level_alone(lines)
    found.indicators = sorted(indicators.values(), key=lambda i: i.number)
    found.recommendations = _recommendations(lines) + _analysis(lines)
    ignored_years |= earlier
    if found.score is None:
        found.notices.append(Notice("no_score"))
    if found.level is None:
        found.notices.append(Notice("no_level"))
    if not found.indicators:
        found.notices.append(Notice("no_indicators"))
    elif len(found.indicators) < len(vocab.STANDARD_INDICATORS):
        have = {i.number for i in found.indicators}
        missing = [str(n) for _, _, n, _ in vocab.STANDARD_INDICATORS if n not in have]
        found.notices.append(
            Notice("some_indicators", detail={"found": len(have), "missing": ", ".join(missing)})
        )
    if ignored_years:
        year = max(
            taken_years
            | {c.year for c in candidates if c.year and c.year > 0 and c.score == found.score},
            default=fiscal_year,
        )
        years = ", ".join(str(y) for y in sorted(ignored_years - {year}))
        if years:
            found.notices.append(
                Notice("earlier_year_ignored", detail={"years": years, "year": year})
            )
    return found


# -- tables -----------------------------------------------------------------------------------


def _year_of(cell: str) -> int | None:
    match = vocab.BARE_YEAR.match(cell) or vocab.YEAR_MENTION.search(cell)
    return int(match["year"]) if match else None


def _assessment_year(years: list[int], fiscal_year: int) -> int:
    """The latest year up to the plan's: a plan for 2566 analyses ITA 2565 or 2566."""
    usable = [y for y in years if y <= fiscal_year]
    return max(usable) if usable else max(years)


def _tables(
    lines: list[Line],
    fiscal_year: int,
    candidates: list[_Candidate],
    indicators: dict[int, IndicatorData],
    ignored_years: set[int],
) -> set[int]:
    """Rows with a year per column (or per row), and rows naming an indicator or the total;
    the years whose column was taken."""
    column: int | None = None
    taken: set[int] = set()
    for order, line in enumerate(lines):
        if not line.is_row:
            column = None
            continue
        cells = [c.strip() for c in line.plain.split("\t")]
        years = {i: y for i, c in enumerate(cells) if (y := _year_of(c)) and len(c) < 30}
        if len(years) >= 2 or (years and not any(_number_cells(cells))):
            chosen = _assessment_year(list(years.values()), fiscal_year)
            column = next(i for i, y in years.items() if y == chosen)
            ignored_years |= {y for y in years.values() if y != chosen}
            taken.add(chosen)
            continue
        label = " ".join(c for c in cells if c and not _NUMBER.fullmatch(c))
        numbers = _number_cells(cells)
        if column is not None:
            value = cells[column] if column < len(cells) else ""
            numbers = [(column, float(value.replace(",", "")))] if _NUMBER.fullmatch(value) else []
            level = vocab.LEVEL_ALONE.match(value)
            if level and any(w in label for w in vocab.LEVEL_ROW):
                candidates.append(_Candidate(-1, level["level"], None, order))
        row_year = _year_of(cells[0]) if cells and vocab.BARE_YEAR.match(cells[0]) else None
        if not numbers:
            continue
        standard = _standard(label)
        if standard is not None and not _excluded(label):
            _add_indicator(indicators, standard, _written_name(cells, standard), numbers[-1][1])
            continue
        if row_year or any(word in label for word in vocab.OVERALL_ROW):
            said = next(
                (found["level"] for c in cells if (found := vocab.LEVEL_ALONE.match(c))), None
            )
            candidates.append(_Candidate(numbers[-1][1], said, row_year, order))
    return taken


def _number_cells(cells: list[str]) -> list[tuple[int, float]]:
    found = []
    for index, cell in enumerate(cells):
        text = cell.replace(vocab.SCORE_WORD, "").strip()
        if _NUMBER.fullmatch(text) and vocab.BARE_YEAR.match(text) is None:
            value = float(text.replace(",", ""))
            if value <= 100 and not (index == 0 and float(value).is_integer() and value <= 10):
                found.append((index, value))
    return found


# -- prose ------------------------------------------------------------------------------------


def _prose(lines: list[Line], candidates: list[_Candidate]) -> None:
    previous_year: int | None = None
    for order, line in enumerate(lines):
        plain = line.plain.replace("\t", " ")
        last_end = 0
        for match in _score_mentions(plain):
            before = plain[last_end : match.start()]
            last_end = match.end()
            if _standard(plain[max(0, match.start() - 45) : match.start()]) is not None:
                continue  # an indicator's score
            if line.is_row and _standard(plain) is not None:
                continue
            value = float(match["score"].replace(",", ""))
            if value > 100:
                continue
            years = [int(m["year"]) for m in vocab.YEAR_MENTION.finditer(plain[: match.start()])]
            year = years[-1] if years else previous_year
            if vocab.COMPARISON.search(before):
                year = -1  # an earlier year, given to compare
            after = plain[match.end() : match.end() + 80]
            level = vocab.LEVEL.search(after) or vocab.PASS_THRESHOLD.search(after)
            candidates.append(_Candidate(value, level["level"] if level else None, year, order))
        years = [int(m["year"]) for m in vocab.YEAR_MENTION.finditer(plain)]
        previous_year = years[-1] if years else None


def _score_mentions(plain: str) -> list[re.Match]:
    """The numbers said to be the overall score; in a sentence about the ITA result that
    names none so, a number followed by the word score that is not a full mark, a
    threshold, a rank, or one instrument's or indicator's score."""
    said = list(vocab.OVERALL_SCORE.finditer(plain))
    if said or not any(word in plain for word in vocab.ITA_WORDS):
        return said
    return [
        match
        for match in vocab.SCORE_WITH_WORD.finditer(plain)
        if (match["pre"] or match["post"])
        and not vocab.NOT_THE_SCORE.search(plain[: match.start()])
        and not vocab.PART_SCORE.search(plain[: match.start()])
    ]


def _choose(
    candidates: list[_Candidate], fiscal_year: int
) -> tuple[float | None, str | None, set[int]]:
    """This year's score: of the assessment year (the plan's or the one before), else one
    said without a year, else the latest year's; its level, or a level said on its own."""
    scored = [c for c in candidates if c.score >= 0 and c.year != -1]
    levels = [c for c in candidates if c.score < 0]
    recent = [c for c in scored if c.year in (fiscal_year, fiscal_year - 1)]
    if recent:
        year = max(c.year for c in recent if c.year is not None)
        pool = [c for c in recent if c.year == year]
    elif any(c.year is None for c in scored):
        pool = [c for c in scored if c.year is None]
    elif scored:
        year = max(c.year for c in scored if c.year is not None)
        pool = [c for c in scored if c.year == year]
    else:
        pool = []
    earlier = {c.year for c in scored if c.year and c not in pool}
    if not pool:
        return None, levels[0].level if levels else None, earlier
    best = pool[0]
    level = best.level or next((c.level for c in pool if c.level), None)
    if level is None and levels:
        level = levels[0].level
    return best.score, level, earlier


def _level_alone(lines: list[Line]) -> str | None:
    """A level said apart from the score, in a sentence about the ITA result."""
    for line in lines:
        plain = line.plain
        if not any(word in plain for word in vocab.ITA_WORDS):
            continue
        match = vocab.LEVEL.search(plain) or vocab.PASS_THRESHOLD.search(plain)
        if match:
            return match["level"]
    return None


# -- indicators -------------------------------------------------------------------------------


def _standard(text: str) -> tuple[str, int, str] | None:
    for name, stems, number, group in vocab.STANDARD_INDICATORS:
        if any(stem in text for stem in stems):
            return name, number, group
    return None


def _excluded(text: str) -> bool:
    return any(word in text for word in vocab.NOT_AN_INDICATOR_SCORE)


def _written_name(cells: list[str], standard: tuple[str, int, str]) -> str:
    name, _, _ = standard
    for cell in cells:
        if _standard(cell) == standard:
            plain = vocab.INDICATOR_NUMBER.sub("", cell, count=1)
            plain = vocab.TRAILING_SCORE.sub("", plain).strip()
            if 0 < len(plain) <= 40:
                return plain
    return name


def _add_indicator(
    indicators: dict[int, IndicatorData], standard: tuple[str, int, str], name: str, score: float
) -> None:
    _, number, group = standard
    if number not in indicators and 0 <= score <= 100:
        indicators[number] = IndicatorData(number=number, name=name, group=group, score=score)


def _indicator_mentions(
    lines: list[Line], fiscal_year: int, indicators: dict[int, IndicatorData]
) -> None:
    """A numbered indicator line with its score, or an indicator and its score in a sentence."""
    for line in lines:
        if line.is_row and line.cells and len([c for c in line.cells if c]) > 2:
            continue  # tables were read by column
        plain = line.plain.split("\t")[0] if line.is_row else line.plain
        if _excluded(plain) or (
            vocab.GROUP_HEADERS["OIT"].search(plain) and vocab.SCORE_WORD not in plain
        ):
            continue
        hits = []
        for name, stems, number, group in vocab.STANDARD_INDICATORS:
            for stem in stems:
                at = plain.find(stem)
                if at >= 0:
                    hits.append((at, at + len(stem), (name, number, group)))
                    break
        hits.sort()
        for position, (_, end, standard) in enumerate(hits):
            stop = hits[position + 1][0] if position + 1 < len(hits) else len(plain)
            segment = plain[end:stop]
            years = list(vocab.YEAR_MENTION.finditer(segment))
            if years:
                chosen = _assessment_year([int(m["year"]) for m in years], fiscal_year)
                said = next(y for y in years if int(y["year"]) == chosen)
                segment = segment[said.end() :]
            match = _NUMBER.search(segment)
            if match and len(segment[: match.start()].strip()) <= 35:
                name = _list_name(line.text, standard) if len(hits) == 1 else standard[0]
                _add_indicator(indicators, standard, name, float(match["value"].replace(",", "")))


def _list_name(text: str, standard: tuple[str, int, str]) -> str:
    head = text.split("\t")[0]
    head = vocab.INDICATOR_NUMBER.sub("", head, count=1)
    head = vocab.INDICATOR_NAME_END.split(head, maxsplit=1)[0].strip()
    return head if 0 < len(head) <= 40 and _standard(head) == standard else standard[0]


# -- recommendations and the agency's analysis -------------------------------------------------


def _recommendations(lines: list[Line]) -> list[RecommendationData]:
    """The NACC's recommendations as the seed's layout gives them: the note beside an
    indicator (for its group), and the external and open-data paragraphs."""
    found: list[RecommendationData] = []
    group: str | None = None
    for line in lines:
        plain = line.plain
        if vocab.EXTERNAL_RECOMMENDATION.match(plain):
            found.append(RecommendationData(group="EXTERNAL", text=line.text.strip()))
            group = None
            continue
        if vocab.GENERAL_RECOMMENDATION.match(plain):
            found.append(RecommendationData(group="GENERAL", text=line.text.strip()))
            continue
        for name, pattern in vocab.GROUP_HEADERS.items():
            if pattern.search(plain) and not vocab.INDICATOR_NUMBER.match(plain):
                group = name
        standard = _standard(plain.split("\t")[0])
        if standard and line.cells and len(line.cells) == 2 and group:
            note = line.cells[1].strip()
            if len(note) > 20:
                found.append(RecommendationData(group=group, text=note))
    return found


def _analysis(lines: list[Line]) -> list[RecommendationData]:
    """Sections headed by `ANALYSIS_HEADINGS`: a heading line (its text after a colon too)
    and the lines under it; or a table with those heads."""
    found: list[RecommendationData] = []
    kind: str | None = None
    texts: list[str] = []
    columns: list[str | None] | None = None

    def close() -> None:
        if kind and texts:
            found.append(RecommendationData(group=kind, text="\n".join(texts)))

    for line in lines:
        if line.is_row:
            close()
            kind, texts = None, []
            heads = [_heading(c) for c in line.cells or ()]
            if any(heads):
                columns = heads
                continue
            if columns:
                for cell, head in zip(line.cells or (), columns, strict=False):
                    if head and cell.strip():
                        found.append(RecommendationData(group=head, text=cell.strip()))
            continue
        columns = None
        text = line.text.strip()
        head = _heading(text)
        if head:
            close()
            kind, texts = head, []
            rest = re.split(r"[:：]", text, maxsplit=1)
            if len(rest) == 2 and rest[1].strip():
                texts.append(rest[1].strip())
            continue
        if kind is None:
            continue
        if not text or vocab.BLOCK_START.match(line.plain) or _section(line.plain):
            close()
            kind, texts = None, []
            continue
        texts.append(text)
    close()
    return found


def _heading(text: str) -> str | None:
    for kind, pattern in vocab.ANALYSIS_HEADINGS.items():
        if pattern.match(text) and (
            len(text) <= vocab.ANALYSIS_HEADING_MAX or re.search(r"[:：]", text[:40])
        ):
            return kind
    return None


def _section(plain: str) -> bool:
    """The next part of the document: a part number, or a numbered heading of its words."""
    if vocab.SECTION_START.match(plain):
        return True
    match = re.match(r"^\s*\d{1,2}\s*\.\s*(?!\d)(\S.*)$", plain)
    return match is not None and any(w in match[1][:30] for w in vocab.SECTION_WORDS)
