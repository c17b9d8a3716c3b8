"""Leave dates as staff type them, read relative to a given today (no clock)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from understanding import read_date_range, read_month

THURSDAY = date(2022, 1, 20)


def d(month: int, day: int, year: int = 2022) -> date:
    return date(year, month, day)


RANGES = [
    # a range of days in one month, every way the month is written
    ("ลา 1-4 ก.พ.", d(2, 1), d(2, 4)),
    ("ลา 1 - 4 กพ", d(2, 1), d(2, 4)),
    ("ขอลาพักร้อนวันที่ 1-4 กุมภาค่ะ", d(2, 1), d(2, 4)),
    ("ลา 1-4 กุมภาพันธ์", d(2, 1), d(2, 4)),
    ("ลา 1-4 กุมพา", d(2, 1), d(2, 4)),  # typo
    ("ลา 1-4 กุมภาพัน", d(2, 1), d(2, 4)),
    ("ลา 1-4 feb", d(2, 1), d(2, 4)),
    ("ลาวันที่ 1 ถึง 4 ก.พ.", d(2, 1), d(2, 4)),
    ("ลา ๑-๔ ก.พ. ๖๕", d(2, 1), d(2, 4)),  # Thai digits, short BE year
    ("ลา 1-4 ก.พ. 2565", d(2, 1), d(2, 4)),
    ("ลา 1-4 ก.พ. พ.ศ. 2565", d(2, 1), d(2, 4)),
    ("ลา 1-4 ก.พ. 2022", d(2, 1), d(2, 4)),  # CE year
    ("ลา 1-4 ก.พ. 2566", d(2, 1, 2023), d(2, 4, 2023)),
    ("ลา 10-12 มีนาคม", d(3, 10), d(3, 12)),
    ("ลา 5-9 เมย", d(4, 5), d(4, 9)),
    ("ลา 12-13 ก.ค.", d(7, 12), d(7, 13)),
    ("ลา 12-13 กรกฏาคม", d(7, 12), d(7, 13)),  # the common misspelling
    # from one date to another, across a month or a year
    ("ลา 28 ก.พ. - 2 มี.ค.", d(2, 28), d(3, 2)),
    ("ลา 28-2 มี.ค.", d(2, 28), d(3, 2)),
    ("ลา 28 ธ.ค. - 2 ม.ค.", d(12, 28), d(1, 2, 2023)),
    ("ลา 1 ก.พ. ถึง 4 ก.พ. 2565", d(2, 1), d(2, 4)),
    ("ลาตั้งแต่วันที่ 10 ถึง 14 กุมภาพันธ์", d(2, 10), d(2, 14)),
    ("ลา 1/2 ถึง 4/2/65", d(2, 1), d(2, 4)),
    ("ลา 1/2/2022 - 4/2/2022", d(2, 1), d(2, 4)),
    # an end alone: from today
    ("ลาถึงวันศุกร์นี้", d(1, 20), d(1, 21)),
    ("ลาถึงศุกร์", d(1, 20), d(1, 21)),
    ("ลาจนถึง 25 ม.ค.", d(1, 20), d(1, 25)),
    ("ลา ถึง 15 ก.พ.", d(1, 20), d(2, 15)),
    # one day
    ("ลาพรุ่งนี้", d(1, 21), d(1, 21)),
    ("ลาพรุ้งนี้ค่ะ", d(1, 21), d(1, 21)),  # typo
    ("ลาวันนี้", d(1, 20), d(1, 20)),
    ("ลามะรืนนี้", d(1, 22), d(1, 22)),
    ("ลาวันจันทร์หน้า", d(1, 24), d(1, 24)),
    ("ลาศุกร์หน้า", d(1, 28), d(1, 28)),
    ("ลาวันพุธนี้", d(1, 26), d(1, 26)),  # Wednesday is over this week: the coming one
    ("ลาวันที่ 25", d(1, 25), d(1, 25)),
    ("ลาวันที่ 5", d(2, 5), d(2, 5)),  # the 5th is over this month: next month's
    ("ขอลาวันที่ 3 ก.พ. ครับ", d(2, 3), d(2, 3)),
    ("ลา 31 ม.ค.", d(1, 31), d(1, 31)),
    # ranges of named days and weeks
    ("ลาตั้งแต่พรุ่งนี้ถึงวันจันทร์", d(1, 21), d(1, 24)),
    ("ลาสัปดาห์หน้า", d(1, 24), d(1, 28)),
    ("ลาอาทิตย์หน้าทั้งอาทิตย์", d(1, 24), d(1, 28)),
    # a number of days (calendar days here: no working-day calendar given)
    ("ลา 3 วัน", d(1, 20), d(1, 22)),
    ("ลากิจ 2 วัน", d(1, 20), d(1, 21)),
    ("ลา 3 วันตั้งแต่วันจันทร์", d(1, 24), d(1, 26)),
    ("ลา ๓ วัน", d(1, 20), d(1, 22)),
]


@pytest.mark.parametrize(("typed", "start", "end"), RANGES, ids=[r[0] for r in RANGES])
def test_a_range_of_days_is_read(typed: str, start: date, end: date) -> None:
    found = read_date_range(typed, THURSDAY)
    assert found is not None, typed
    assert (found.start, found.end) == (start, end)


def test_a_number_of_days_counts_working_days_when_told_which_they_are() -> None:
    weekdays = lambda day: day.weekday() < 5  # noqa: E731
    friday = d(1, 21)
    found = read_date_range("ลา 3 วัน", friday, workday=weekdays)
    assert (found.start, found.end, found.days) == (friday, d(1, 25), 3)  # Fri, Mon, Tue


def test_a_half_day_is_one_day_marked_as_half() -> None:
    found = read_date_range("ลาครึ่งวันเช้าพรุ่งนี้", THURSDAY)
    assert (found.start, found.end, found.half_day) == (d(1, 21), d(1, 21), True)


def test_from_a_day_on_without_an_end_has_no_end() -> None:
    found = read_date_range("ลาตั้งแต่พรุ่งนี้", THURSDAY)
    assert (found.start, found.end) in ((d(1, 21), None), (d(1, 21), d(1, 21)))


NOT_DATES = [
    "ลาป่วย",
    "ขอลาค่ะ",
    "ลา 31 ก.พ.",  # no such day
    "ลา 4 ก.พ. - 1 ก.พ.",  # ends before it starts
    "ลา 1 ก.พ. 2570 - 4 ก.พ. 2572",  # longer than a year
    "ลา 0 วัน",
    "ลา 999 วัน",
    "รายงาน 1.2 50%",
]


@pytest.mark.parametrize("typed", NOT_DATES)
def test_what_names_no_possible_range_is_none(typed: str) -> None:
    assert read_date_range(typed, THURSDAY) is None


def test_a_date_with_no_year_is_the_next_one_not_over() -> None:
    assert read_date_range("ลา 15 ม.ค.", THURSDAY).start == d(1, 15, 2023)
    assert read_date_range("ลา 18-21 ม.ค.", THURSDAY).start == d(1, 18)  # begun, not over


def test_every_day_of_a_year_reads_back() -> None:
    """Each day written as people write it, from a today before it, reads back to itself."""
    from messages_th.thai_calendar import format_date, format_date_short

    day = d(1, 21)
    while day < d(1, 20, 2023):
        for written in (format_date(day), format_date_short(day), f"{day.day}/{day.month}"):
            found = read_date_range(f"ลา {written}", THURSDAY)
            assert found is not None and found.start == found.end == day, written
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("ขอรายงานเดือนธันวา", d(12, 1, 2021)),
        ("รายงานเดือนมกราคม", d(1, 1)),
        ("รายงาน ม.ค. 2565", d(1, 1)),
        ("ขอไฟล์เดือน พ.ย. 64", d(11, 1, 2021)),
        ("รายงานเดือนมีนา", d(3, 1, 2021)),  # March has not begun: last year's
        ("ขอรายงานหน่อย", None),
    ],
)
def test_a_month_is_read_as_its_latest_begun(typed: str, month: date | None) -> None:
    assert read_month(typed, THURSDAY) == month
