"""How staff type a report in one line, and the percent answer of the guided form."""

from __future__ import annotations

import pytest

from reading.report_line import (
    LineProblem,
    Percent,
    ReportLine,
    looks_like_report_line,
    percent_answer,
    read_report_line,
)


@pytest.mark.parametrize(
    ("typed", "measure", "action", "percent", "detail"),
    [
        ("รายงาน 1.2 50% จัดทำคู่มือแล้ว", 1, 2, 50, "จัดทำคู่มือแล้ว"),
        ("รายงาน ๑.๒ ๕๐% จัดทำคู่มือแล้ว", 1, 2, 50, "จัดทำคู่มือแล้ว"),
        ("รายงาน 1.2 ร้อยละ 50 จัดทำคู่มือแล้ว", 1, 2, 50, "จัดทำคู่มือแล้ว"),
        ("รายงาน 1.2 ร้อยละ๕๐ จัดทำคู่มือแล้ว", 1, 2, 50, "จัดทำคู่มือแล้ว"),
        ("รายงาน 1.2 50 % จัดทำคู่มือแล้ว", 1, 2, 50, "จัดทำคู่มือแล้ว"),
        ("รายงาน 1.2 50เปอร์เซ็นต์ จัดทำคู่มือแล้ว", 1, 2, 50, "จัดทำคู่มือแล้ว"),
        ("รายงาน1.2 50%จัดทำคู่มือแล้ว", 1, 2, 50, "จัดทำคู่มือแล้ว"),
        ("รายงาน 2.5 เสร็จแล้ว สรุปแบบสำรวจ 120 ชุด", 2, 5, 100, "สรุปแบบสำรวจ 120 ชุด"),
        ("รายงาน 2.5 เสร็จ สรุปแบบสำรวจแล้ว", 2, 5, 100, "สรุปแบบสำรวจแล้ว"),
        ("รายงาน 3.1 ยังไม่เริ่ม รอคำสั่งแต่งตั้ง", 3, 1, 0, "รอคำสั่งแต่งตั้ง"),
        ("รายงาน ข้อ 1.3 75% : ประกาศบทลงโทษแล้ว", 1, 3, 75, "ประกาศบทลงโทษแล้ว"),
        ("  รายงาน   1.1   100%   อบรมครบทุกคน  ", 1, 1, 100, "อบรมครบทุกคน"),
        ("รายงาน 1.2 62.5% ร่างคู่มือ", 1, 2, 62, "ร่างคู่มือ"),
    ],
)
def test_one_line_reports(typed: str, measure: int, action: int, percent: int, detail: str) -> None:
    parsed = read_report_line(typed)
    assert isinstance(parsed, ReportLine), parsed
    assert (parsed.measure, parsed.action, parsed.percent.value, parsed.detail) == (
        measure,
        action,
        percent,
        detail,
    )


def test_words_say_the_status() -> None:
    assert read_report_line("รายงาน 1.1 เสร็จแล้ว ครบ").percent.word == "done"
    assert read_report_line("รายงาน 1.1 ยังไม่เริ่ม รอ").percent.word == "not_started"
    assert read_report_line("รายงาน 1.1 0% รอ").percent.word is None


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("รายงาน 1 50% ทำแล้ว", "no_action"),
        ("รายงาน 1.2 จัดทำคู่มือแล้ว", "no_percent"),
        ("รายงาน 1.2 150% เกิน", "percent_range"),
        ("รายงาน 1.2 -10% ติดลบ", "percent_range"),
        ("รายงาน 1.2 50%", "empty_detail"),
        ("รายงาน 1.2 เสร็จแล้ว", "empty_detail"),
    ],
)
def test_what_is_wrong_with_a_line(typed: str, kind: str) -> None:
    parsed = read_report_line(typed)
    assert isinstance(parsed, LineProblem) and parsed.kind == kind


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("50", 50),
        ("50%", 50),
        ("๗๕ %", 75),
        ("ร้อยละ 25", 25),
        ("เสร็จแล้ว", 100),
        ("ยังไม่เริ่ม", 0),
        ("100เปอร์เซ็นต์", 100),
    ],
)
def test_percent_answers(typed: str, expected: int) -> None:
    answer = percent_answer(typed)
    assert isinstance(answer, Percent) and answer.value == expected


def test_percent_answers_that_are_not() -> None:
    assert percent_answer("ครึ่งหนึ่ง") is None
    assert percent_answer("50% ครับ") is None
    assert isinstance(percent_answer("120"), LineProblem)


def test_what_looks_like_a_one_line_report() -> None:
    assert looks_like_report_line("รายงาน 1.2 50%")
    assert looks_like_report_line("รายงาน ๑")
    assert not looks_like_report_line("รายงาน")
    assert not looks_like_report_line("รายงาน ปี 2565")
