"""Read the plan from the agency's own document, as text: the seed's form.

The document has a title with the fiscal year and the agency, the ITA analysis (overall
score and level, indicators grouped IIT/EIT/OIT with their recommendations), the meeting
that set the measures, and the measures table (measure, actions, responsible unit, period,
follow-up), one row per measure with cells separated by tabs. A .docx is turned into the
same lines first (`docx_reader`), so both go through this one parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from messages_th import plan_vocab as vocab
from messages_th.digits import to_arabic
from planimport.data import (
    ActionData,
    IndicatorData,
    MeasureData,
    PlanData,
    RecommendationData,
)
from planimport.errors import PlanReadError, valid
from reading.dates import parse_thai_date_words


@dataclass(frozen=True)
class Line:
    """One line as written, with its digits made Arabic (same length) and where it came from."""

    text: str
    where: str

    @property
    def plain(self) -> str:
        return to_arabic(self.text)

    @property
    def cells(self) -> list[str]:
        return [cell.strip() for cell in self.text.split("\t")]


def lines_from_text(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return [Line(raw.rstrip(), vocab.where_line(n)) for n, raw in enumerate(text.split("\n"), 1)]


def read_lines(lines: list[Line]) -> PlanData:
    body = [line for line in lines if line.text.strip()]
    if not body:
        raise PlanReadError("empty")
    reader = _Reader(body)
    return reader.read()


@dataclass
class _Row:
    first: Line
    text: str

    @property
    def cells(self) -> list[str]:
        return [cell.strip() for cell in self.text.split("\t")]


@dataclass
class _Reader:
    lines: list[Line]
    indicators: dict[int, IndicatorData] = field(default_factory=dict)
    ranked: list[tuple[Line, str, float]] = field(default_factory=list)
    recommendations: list[RecommendationData] = field(default_factory=list)

    def read(self) -> PlanData:
        title_index, fiscal_year = self._fiscal_year()
        agency, district, province = self._agency(title_index)
        score, level = self._overall_score()
        self._indicators()
        adopted_on, adopted_where = self._adopted()
        measures = self._measures()
        return valid(
            PlanData,
            self.lines[title_index].where,
            fiscal_year=fiscal_year,
            title=self.lines[title_index].text.strip(),
            agency=agency,
            district=district,
            province=province,
            ita_score=score,
            ita_level=level,
            adopted_on=adopted_on,
            adopted_where=adopted_where,
            indicators=self._all_indicators(),
            recommendations=self.recommendations,
            measures=measures,
        )

    # -- the heading ---------------------------------------------------------------------

    def _fiscal_year(self) -> tuple[int, int]:
        for index, line in enumerate(self.lines):
            match = vocab.FISCAL_YEAR.search(line.plain)
            if match:
                return index, int(match[1])
        raise PlanReadError("no_fiscal_year", self.lines[0].where)

    def _agency(self, title_index: int) -> tuple[str, str, str]:
        title = self.lines[title_index]
        match = vocab.AGENCY_OF.search(title.text)
        candidates = [match["agency"]] if match else []
        candidates += [line.text.strip() for line in self.lines[title_index + 1 : title_index + 3]]
        for candidate in candidates:
            if candidate.startswith(vocab.AGENCY_STARTS):
                return _split_agency(candidate)
        raise PlanReadError("no_agency", title.where)

    def _overall_score(self) -> tuple[float | None, str | None]:
        for line in self.lines:
            match = vocab.OVERALL_SCORE.search(line.plain)
            if match:
                return _number(match["score"], line), match["level"]
        return None, None

    # -- the ITA analysis ----------------------------------------------------------------

    def _indicators(self) -> None:
        group: str | None = None
        in_ranking = False
        for line in self.lines:
            plain = line.plain
            cells = [c.strip() for c in plain.split("\t")]
            if (
                all(any(word in cell for cell in cells) for word in vocab.RANK_HEADER)
                and len(cells) >= 3
            ):
                in_ranking = True
                continue
            if in_ranking:
                if len(cells) >= 3 and vocab.RANK_ROW.match(cells[0]):
                    self.ranked.append((line, line.cells[1], _number(cells[2], line)))
                    continue
                in_ranking = False
            if vocab.EXTERNAL_RECOMMENDATION.match(plain):
                self._recommend("EXTERNAL", line.text)
                group = None
                continue
            if vocab.GENERAL_RECOMMENDATION.match(plain):
                self._recommend("GENERAL", line.text)
                continue
            header = _group_header(plain)
            if header and not vocab.INDICATOR_LINE.match(cells[0]):
                group = header
                continue
            if group is None:
                continue
            match = vocab.INDICATOR_LINE.match(cells[0])
            numbered = vocab.ROW_NUMBER.match(plain)
            if numbered and not match:
                if int(numbered["number"]) != max(self.indicators, default=0) + 1:
                    group = None  # the next numbered section of the document: indicators end
                    continue
                raise PlanReadError("bad_indicator", line.where)
            if match:
                self._add_indicator(line, match, group)
                note = "\t".join(line.cells[1:]).strip()
                if note:
                    self._recommend(group, note)

    def _add_indicator(self, line: Line, match: re.Match[str], group: str) -> None:
        number = int(match["number"])
        if number in self.indicators:
            raise PlanReadError("duplicate_indicator", line.where, number=number)
        name = line.text[match.start("name") : match.end("name")].strip()
        self.indicators[number] = valid(
            IndicatorData,
            line.where,
            number=number,
            name=name,
            group=group,
            score=_number(match["score"], line),
        )

    def _recommend(self, group: str, text: str) -> None:
        self.recommendations.append(valid(RecommendationData, "", group=group, text=text.strip()))

    def _all_indicators(self) -> list[IndicatorData]:
        """The grouped list, or failing that the ranking table with the standard groups."""
        if self.indicators:
            return sorted(self.indicators.values(), key=lambda i: i.number)
        found = []
        for line, name, score in self.ranked:
            standard = vocab.STANDARD_INDICATORS.get(name.strip())
            if standard is None:
                raise PlanReadError("unknown_indicator", line.where, name=name)
            number, group = standard
            found.append(
                valid(
                    IndicatorData,
                    line.where,
                    number=number,
                    name=name.strip(),
                    group=group,
                    score=score,
                )
            )
        return sorted(found, key=lambda i: i.number)

    # -- the measures --------------------------------------------------------------------

    def _adopted(self) -> tuple[date | None, str]:
        for line in self.lines:
            match = vocab.ADOPTED.search(line.plain)
            if match:
                day = parse_thai_date_words(match["day"], match["month"], match["year"])
                place = (
                    line.text[match.start("place") : match.end("place")] if match["place"] else ""
                )
                return day, place.strip()
        return None, ""

    def _measures(self) -> list[MeasureData]:
        header_index, columns = self._measure_header()
        rows = self._measure_rows(header_index, len(columns))
        if not rows:
            raise PlanReadError("no_measures", self.lines[header_index].where)
        measures: dict[int, MeasureData] = {}
        for row in rows:
            measure = _measure_from_row(row, columns)
            if measure.number in measures:
                raise PlanReadError("duplicate_measure", row.first.where, number=measure.number)
            measures[measure.number] = measure
        return list(measures.values())

    def _measure_header(self) -> tuple[int, list[str]]:
        for index, line in enumerate(self.lines):
            cells = line.cells
            if len(cells) < 2:
                continue
            columns = [_column_of(cell) for cell in cells]
            if columns[0] == "measure" and "actions" in columns:
                return index, [c or f"extra{i}" for i, c in enumerate(columns)]
        raise PlanReadError("no_measure_table", self.lines[-1].where)

    def _measure_rows(self, header_index: int, width: int) -> list[_Row]:
        """Rows begin with a measure number. A row whose cells are not all there yet goes on
        over the following lines (a cell with several paragraphs) as long as the cells still
        fit under the header; a line that would overflow it begins the next row."""
        rows: list[_Row] = []
        for line in self.lines[header_index + 1 :]:
            current = rows[-1] if rows else None
            starts_row = bool(vocab.ROW_NUMBER.match(line.plain)) and "\t" in line.text
            fits = current is not None and len(current.cells) + len(line.cells) - 1 <= width
            unfinished = current is not None and len(current.cells) < width
            if current is not None and unfinished and fits:
                current.text += "\n" + line.text
            elif starts_row:
                rows.append(_Row(line, line.text))
            elif current is None:
                raise PlanReadError("bad_measure_row", line.where)
            else:
                break  # the table is over: signatures and notes follow
        return rows


def _measure_from_row(row: _Row, columns: list[str]) -> MeasureData:
    cells = row.cells
    if len(cells) > len(columns) and any(cells[len(columns) :]):
        raise PlanReadError(
            "too_many_cells", row.first.where, cells=len(cells), columns=len(columns)
        )
    values = dict(zip(columns, cells + [""] * (len(columns) - len(cells)), strict=False))
    head = to_arabic(values["measure"])
    match = vocab.ROW_NUMBER.match(head)
    if not match:
        raise PlanReadError("bad_measure_row", row.first.where)
    number = int(match["number"])
    title = _squash(values["measure"][match.end() :])
    actions = split_actions(values.get("actions", ""))
    if not title:
        raise PlanReadError("bad_measure_row", row.first.where)
    if not actions:
        raise PlanReadError("no_actions", row.first.where, number=number)
    where = row.first.where
    return valid(
        MeasureData,
        where,
        number=number,
        title=title,
        unit=_squash(values.get("unit", "")),
        period=_squash(values.get("period", "")),
        follow_up=_squash(values.get("follow_up", "")),
        actions=[valid(ActionData, where, number=n, text=t) for n, t in actions],
    )


def split_actions(cell: str) -> list[tuple[int, str]]:
    """Numbered items `1. a 2. b` (Thai or Arabic digits, one line or several), bullets,
    or one unnumbered action."""
    plain = to_arabic(cell)
    starts: list[tuple[int, int, int]] = []  # (number, start of marker, start of text)
    for match in vocab.LIST_ITEM.finditer(plain):
        if int(match["number"]) == len(starts) + 1:
            starts.append((len(starts) + 1, match.start(), match.end()))
    if starts:
        ends = [s[1] for s in starts[1:]] + [len(cell)]
        return [
            (number, _squash(cell[text_start:end]))
            for (number, _, text_start), end in zip(starts, ends, strict=True)
            if _squash(cell[text_start:end])
        ]
    items = [vocab.BULLET.sub("", part) for part in cell.split("\n")]
    items = [_squash(item) for item in items if _squash(item)]
    return list(enumerate(items, start=1))


def _column_of(cell: str) -> str | None:
    for column, words in vocab.MEASURE_COLUMNS.items():
        if any(word in cell for word in words):
            return column
    return None


def _group_header(plain: str) -> str | None:
    for group, pattern in vocab.GROUP_HEADERS.items():
        if pattern.search(plain):
            return group
    return None


def _split_agency(text: str) -> tuple[str, str, str]:
    """`<agency> <district word><name> <province word><name>` → name, district, province."""
    district = vocab.DISTRICT.search(text)
    province = vocab.PROVINCE.search(text)
    cut = min([m.start() for m in (district, province) if m] or [len(text)])
    return (
        _squash(text[:cut]),
        district["name"] if district else "",
        province["name"] if province else "",
    )


def _number(text: str, line: Line) -> float:
    try:
        return float(to_arabic(text).replace(",", ""))
    except ValueError:
        raise PlanReadError("bad_score", line.where, value=text) from None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
