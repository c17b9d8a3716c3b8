"""Buddhist-era years, fiscal years, Thai months, and dates as people type them."""

from __future__ import annotations

from datetime import date

import pytest

import fiscal
from messages_th import thai_calendar as cal
from messages_th.digits import num, thai_digits, to_arabic
from reading import dates


def test_fiscal_year_runs_october_to_september() -> None:
    assert fiscal.fiscal_year_of(date(2021, 9, 30)) == 2564
    assert fiscal.fiscal_year_of(date(2021, 10, 1)) == 2565
    assert fiscal.fiscal_year_of(date(2022, 9, 30)) == 2565
    months = fiscal.fiscal_months(2565)
    assert (months[0], months[-1], len(months)) == (date(2021, 10, 1), date(2022, 9, 1), 12)
    assert fiscal.half_year_months(2565, 1)[-1] == date(2022, 3, 1)


def test_dates_print_in_the_buddhist_era() -> None:
    assert cal.format_date(date(2022, 1, 15)) == "15 มกราคม 2565"
    assert cal.format_date(date(2022, 1, 15), thai_digits=True) == "๑๕ มกราคม ๒๕๖๕"
    assert cal.format_month(date(2021, 12, 1)) == "ธันวาคม 2564"
    assert cal.format_month_short(date(2022, 3, 1)) == "มี.ค. 65"
    with thai_digits():
        assert num(1234) == "๑,๒๓๔"
    assert fiscal.month_key(date(2022, 1, 1)) == "2022-01"
    assert dates.parse_month_key("2022-1") == date(2022, 1, 1)
    assert dates.parse_month_key("2565-01") == date(2022, 1, 1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15 ม.ค.", date(2022, 1, 15)),
        ("15 มค", date(2022, 1, 15)),
        ("15 มกราคม 2565", date(2022, 1, 15)),
        ("๑๕ ม.ค. ๒๕๖๕", date(2022, 1, 15)),
        ("15/1/2565", date(2022, 1, 15)),
        ("15/1/2022", date(2022, 1, 15)),
        ("15/1/22", date(2022, 1, 15)),
        ("๑๕/๑/๖๕", date(2022, 1, 15)),
        ("5 ม.ค.", date(2023, 1, 5)),  # already past this year: next year's
        ("31/2/2565", None),
        ("พรุ่งนี้", None),
    ],
)
def test_dates_as_people_type_them(typed: str, expected: date | None) -> None:
    assert dates.parse_date(typed, today=date(2022, 1, 10)) == expected


def test_thai_and_arabic_digits_are_equal() -> None:
    assert to_arabic("รายงาน ๑.๒ ๕๐%") == "รายงาน 1.2 50%"
