"""Property-based tests of what reads people's typing: whatever is typed, the readers
answer with their result or their own problem value, never an exception; and every right
way of writing a report reads back to exactly what was meant."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from messages_th.digits import to_thai
from reading.contact import read_contact
from reading.leave import LeaveDays, LeaveUnclear, LeaveUntil, is_back, read_leave
from reading.report_line import (
    LineProblem,
    Percent,
    ReportLine,
    has_words,
    looks_like_report_line,
    percent_answer,
    read_percent,
    read_report_line,
)
from reading.report_line import (
    report_lines as split_reports,
)
from reading.text import clean
from understanding import Candidate, best_match

PROPERTIES = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

#: what people type: Thai, both kinds of digits, emoji, spaces of every kind, control
#: characters, and now and then a great deal of it
THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
ANYTHING = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.one_of(THAI, st.sampled_from("0123456789.,/%- \t\n\u200b")), max_size=80),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(500, 1500)),
)
REPORT_LIKE = st.builds(
    lambda word, rest: word + rest,
    st.sampled_from(["รายงาน", "รายงาน ", "รายงานข้อ ", "รายงาน ๑.", "รายงาน 1.2 "]),
    ANYTHING,
)


@PROPERTIES
@given(st.one_of(ANYTHING, REPORT_LIKE))
@example("รายงาน 1.2 " + "9" * 400 + "% จัดทำคู่มือ")  # once an OverflowError
@example("รายงาน 1.2 ร้อยละ 1e400 x")
def test_a_report_line_is_read_or_its_problem_named(text: str) -> None:
    result = read_report_line(text)
    assert isinstance(result, ReportLine | LineProblem)
    if isinstance(result, ReportLine):
        assert 0 <= result.percent.value <= 100 and has_words(result.detail)
    else:
        assert result.kind in ("no_action", "no_percent", "percent_range", "empty_detail")
    assert isinstance(looks_like_report_line(text), bool)


@PROPERTIES
@given(st.lists(st.one_of(ANYTHING, REPORT_LIKE), max_size=8))
def test_several_reports_in_one_message_are_split_losing_no_word(lines: list[str]) -> None:
    """Each line that starts like a report begins one; nothing typed is dropped."""
    message = "\n".join(lines)
    found = split_reports(message)
    assert all(not part.startswith((" ", "\n")) for part in found)
    assert "".join(message.split()) == "".join("".join(found).split())
    starts = [line for line in message.splitlines() if looks_like_report_line(line)]
    assert len(found) >= len(starts)


@PROPERTIES
@given(st.one_of(ANYTHING, st.builds(lambda n: f"{n}%", st.floats(allow_nan=True))))
@example("9" * 5000)
def test_a_percent_answer_is_a_percent_in_range_a_problem_or_nothing(text: str) -> None:
    answer = percent_answer(text)
    assert answer is None or isinstance(answer, Percent | LineProblem)
    if isinstance(answer, Percent):
        assert 0 <= answer.value <= 100
    percent, rest = read_percent(text)
    assert percent is None or isinstance(percent.value, int)
    assert isinstance(rest, str)


@st.composite
def report_lines(draw) -> tuple[str, int, int, int, str | None, str]:
    """A report written any of the ways staff write one, and what it means."""
    measure, action = draw(st.integers(1, 999)), draw(st.integers(1, 999))
    thai = draw(st.booleans())
    number = to_thai if thai else str
    space = st.sampled_from(["", " ", "  "])
    word = draw(st.sampled_from(["", "", "ข้อ", "ข้อ "]))
    sep = draw(space) + draw(st.sampled_from([".", ",", "/"])) + draw(space)
    form = draw(
        st.sampled_from(
            [
                "{p}%",
                "{p} %",
                "ร้อยละ {p}",
                "ร้อยละ{p}",
                "{p}เปอร์เซ็นต์",
                "{p} เปอร์เซ็นต์",
                "done",
                "not_started",
            ]
        )
    )
    percent = draw(st.integers(0, 100))
    if form == "done":
        written, percent, said = draw(st.sampled_from(["เสร็จแล้ว", "เสร็จ"])), 100, "done"
    elif form == "not_started":
        written, percent, said = "ยังไม่เริ่ม", 0, "not_started"
    else:
        written, said = form.format(p=number(str(percent))), None
    detail = "ก" + draw(st.text(alphabet=st.one_of(THAI, st.sampled_from("abc 0123")), max_size=60))
    line = (
        f"รายงาน{draw(space)}{word}{number(str(measure))}{sep}{number(str(action))} "
        f"{draw(space)}{written}{draw(space)} {detail}"
    )
    return line, measure, action, percent, said, detail


@PROPERTIES
@given(ANYTHING)
@example("กๅๅ")  # PyThaiNLP makes it "กาๅ", and only in a second pass "กา"
def test_cleaning_clean_text_changes_nothing(text: str) -> None:
    """Readers clean a whole line and then its parts again: the parts must not change."""
    assert clean(clean(text)) == clean(text)


@PROPERTIES
@given(report_lines())
@example(("รายงาน 1.2 50% จัดทำคู่มือแล้ว", 1, 2, 50, None, "จัดทำคู่มือแล้ว"))
@example(("รายงาน ๑.๒ ร้อยละ ๕๐ ก", 1, 2, 50, None, "ก"))
def test_every_right_way_of_writing_a_report_reads_back_to_what_was_meant(case) -> None:
    line, measure, action, percent, said, detail = case
    assert looks_like_report_line(line)
    result = read_report_line(line)
    assert isinstance(result, ReportLine), (line, result)
    assert (result.measure, result.action, result.percent.value) == (measure, action, percent)
    assert result.percent.word == said
    assert result.detail == clean(detail)


@PROPERTIES
@given(
    st.integers(1, 99),
    st.integers(1, 99),
    st.one_of(st.integers(101, 10**6), st.integers(-(10**6), -1)),
)
def test_a_percent_out_of_range_is_a_problem_never_a_report(measure, action, value) -> None:
    result = read_report_line(f"รายงาน {measure}.{action} {value}% ทำแล้ว")
    assert result == LineProblem("percent_range", measure, action, value)
    assert percent_answer(f"{value}%") == LineProblem("percent_range", value=value)


@PROPERTIES
@given(
    st.one_of(
        ANYTHING,
        st.builds(lambda s: "ลา " + s, ANYTHING),
        st.builds(lambda s: "ลาถึง " + s, ANYTHING),
    ),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
)
@example("ลา ถึง 31/02/2565", date(2022, 1, 20))
@example("ลา ถึง 99/99/99999", date(2022, 1, 20))
@example("ลา 999 วัน", date(2100, 12, 31))
def test_leave_is_read_or_unclear(text: str, today: date) -> None:
    result = read_leave(text, today)
    assert result is None or isinstance(result, LeaveUntil | LeaveDays | LeaveUnclear)
    assert isinstance(is_back(text), bool)


@PROPERTIES
@given(ANYTHING)
def test_a_contact_and_a_question_are_read_or_not_found(text: str) -> None:
    contact = read_contact(text)
    assert contact is None or all(isinstance(part, str) for part in contact)
    candidates = (
        Candidate("measure:1", ("การใช้ทรัพย์สินของทางราชการ", "จัดคู่มือแนวทางการปฏิบัติ")),
        Candidate("indicator:9", ("การเปิดเผยข้อมูล",)),
    )
    match = best_match(text, candidates)
    # ita: all the scores; measures: the overview of measures
    assert match is None or match.key in ("measure:1", "indicator:9", "ita", "measures")
