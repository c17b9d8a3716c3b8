"""Whatever is typed, understanding answers with a result and never fails; how a message
is typed (spaces, particles, held-down letters, Thai digits, emoji) does not change what
it is understood to ask. Speed is measured in bench/understanding_bench.py, not here."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from messages_th.digits import to_thai
from understanding import (
    CITIZEN_INTENTS,
    MAX_CHARS,
    Intent,
    read_date_range,
    understand_citizen,
    understand_staff,
)
from understanding.text import prepare

from .conftest import seed_candidates
from .test_citizen_table import TABLE as CITIZENS
from .test_staff_table import STAFF, TODAY
from .test_staff_table import TABLE as REQUESTS

PROPERTIES = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
WORDS = st.sampled_from(
    ["ลา", "รายงาน", "ร้องเรียน", "ขอบคุณ", "ครับ", "ค่ะ", "ถึง", "ก.พ.", "วันที่", "-", "เตือน",
     "พรุ่งนี้", "ศุกร์", "หน้า", "มาตรการ", "คะแนน", "1.2", "50%", "๓", "ไม่", "S-2565-", " "]
)  # fmt: skip
ANYTHING = st.one_of(
    st.text(max_size=200),
    st.text(
        alphabet=st.one_of(THAI, st.sampled_from("0123456789.,/%-? \t\n\u200b🙏😡")), max_size=120
    ),
    st.lists(WORDS, max_size=25).map("".join),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(200, 3000)),
)
KEYS = {c.key for c in seed_candidates()} | {"ita", "measures"}


@PROPERTIES
@given(ANYTHING)
@example("")
@example("ลา" * 5000)
@example("ครับ" * 1000)
@example("5" * 400)
@example("ลา 99/99/9999 ถึง 31 ก.พ. 2599")
def test_any_citizen_message_gets_a_result(text: str) -> None:
    got = understand_citizen(text, seed_candidates())
    assert got.intent in CITIZEN_INTENTS
    assert 0.0 <= got.confidence <= 1.0
    assert set(got.keys) <= KEYS and len(got.keys) <= 1
    if "text" in got.slots:
        assert got.slots["text"] == text.strip()


@PROPERTIES
@given(
    ANYTHING,
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(["staff", "head", "admin"]),
)
@example("ลา 1-4 ก.พ.", date(2100, 12, 31), "staff")
@example("ลา 999 วัน", date(2022, 1, 20), "staff")
@example("เตือน" + "วิชัย" * 200, date(2022, 1, 20), "head")
def test_any_staff_message_gets_a_result(text: str, today: date, role: str) -> None:
    got = understand_staff(text, today=today, role=role, staff=STAFF, candidates=seed_candidates())
    assert isinstance(got.intent, Intent)
    assert 0.0 <= got.confidence <= 1.0
    start, end = got.slots.get("start"), got.slots.get("end")
    assert start is None or isinstance(start, date)
    assert end is None or (start is not None and start <= end)
    if "person" in got.slots:
        assert got.slots["person"] in STAFF


@PROPERTIES
@given(ANYTHING, st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_any_text_names_a_possible_range_of_days_or_none(text: str, today: date) -> None:
    found = read_date_range(text, today, workday=lambda day: day.weekday() < 5)
    if found is not None:
        assert found.end is None or 0 <= (found.end - found.start).days <= 366


@PROPERTIES
@given(ANYTHING)
def test_only_the_start_of_a_long_message_is_read(text: str) -> None:
    prepared = prepare(text)
    assert len(prepared.original) <= MAX_CHARS
    assert len(prepared.tokens) <= MAX_CHARS


def _variants(text: str) -> list[str]:
    """The same message typed otherwise: without spaces, with particles, letters held
    down, Thai digits, an emoji, a greeting in front."""
    return [
        re.sub(r"(?<!\d) | (?!\d)", "", text),  # (1.2 50% stays apart: 1.250% is another number)
        f"{text} ครับ",
        f"{text}ค่าาา",
        f"{text} นะคะ 😊",
        to_thai(text),
        f"  {text}\n",
    ]


@pytest.mark.parametrize(("text", "intent", "detail"), CITIZENS, ids=[r[0] for r in CITIZENS])
def test_how_a_citizen_types_it_does_not_change_what_it_asks(text, intent, detail) -> None:
    expected = understand_citizen(text, seed_candidates())
    for variant in _variants(text):
        got = understand_citizen(variant, seed_candidates())
        assert (got.intent, got.keys) == (expected.intent, expected.keys), variant


@pytest.mark.parametrize(
    ("text", "role", "intent", "slots"), REQUESTS, ids=[r[0] for r in REQUESTS]
)
def test_how_staff_type_it_does_not_change_what_they_ask(text, role, intent, slots) -> None:
    def understood(typed: str):
        return understand_staff(
            typed, today=TODAY, role=role, staff=STAFF, candidates=seed_candidates()
        )

    def meaning(typed: str):
        got = understood(typed)
        return got.intent, {k: v for k, v in got.slots.items() if k not in _AS_TYPED}

    expected = meaning(text)
    for variant in _variants(text):
        assert meaning(variant) == expected, variant


#: slots that hold what was typed, particles and all
_AS_TYPED = ("text", "detail")
