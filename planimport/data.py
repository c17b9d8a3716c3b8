"""A plan as read from any document, before it touches the database.

This is also the structured (YAML/JSON) form, documented in docs/PLAN-IMPORT.md.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    field_validator,
    model_validator,
)

from messages_th import plan_vocab as vocab
from plain_text import plain


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        """Whatever the document (text, Word, YAML, JSON): no control characters stored."""
        return plain(value) if isinstance(value, str) else value


def _month(value: object) -> object:
    """`2022-09` (or a date) → the first day of that month."""
    if isinstance(value, str) and value.strip():
        year, _, month = value.strip().partition("-")
        return date(int(year), int(month.split("-")[0]), 1)
    if isinstance(value, date):
        return value.replace(day=1)
    return value or None


class _Period(_Strict):
    """A period as written, and where it can be read, its first and last month."""

    period: str = ""
    first_month: date | None = None
    last_month: date | None = None

    @field_validator("first_month", "last_month", mode="before")
    @classmethod
    def _as_month(cls, value: object) -> object:
        try:
            return _month(value)
        except ValueError:
            raise ValueError("month must be YYYY-MM") from None

    @field_serializer("first_month", "last_month")
    def _month_key(self, value: date | None) -> str | None:
        return f"{value.year:04d}-{value.month:02d}" if value else None

    @model_validator(mode="after")
    def _in_order(self):
        if self.first_month and self.last_month and self.first_month > self.last_month:
            raise ValueError("first_month is after last_month")
        return self


class IndicatorData(_Strict):
    number: int = Field(ge=1)
    name: str = Field(min_length=1)
    group: Literal["IIT", "EIT", "OIT"]
    score: float | None = Field(default=None, ge=0, le=100)


class RecommendationData(_Strict):
    """A recommendation of the ITA result, or a section of the agency's own analysis
    (STRENGTH, WEAKNESS, TO_FIX, ADVICE)."""

    group: Literal[
        "IIT", "EIT", "OIT", "EXTERNAL", "GENERAL", "STRENGTH", "WEAKNESS", "TO_FIX", "ADVICE"
    ]
    text: str = Field(min_length=1)


class ActionData(_Period):
    number: int = Field(ge=1)
    text: str = Field(min_length=1)


class MeasureData(_Period):
    number: int = Field(ge=1)
    title: str = Field(min_length=1)
    unit: str = Field(default="", description="the first (main) responsible unit")
    units: list[str] = Field(default=[], description="every responsible unit, the main first")
    follow_up: str = ""
    actions: list[ActionData] = Field(min_length=1)

    @field_validator("actions")
    @classmethod
    def _unique_actions(cls, actions: list[ActionData]) -> list[ActionData]:
        numbers = [a.number for a in actions]
        if len(numbers) != len(set(numbers)):
            raise ValueError("action numbers repeat")
        return actions

    @model_validator(mode="after")
    def _unit_is_first_of_units(self) -> MeasureData:
        """The old form has `unit` alone; the new one `units`; both agree once read."""
        units = [u.strip() for u in self.units if u.strip()]
        if self.unit and self.unit not in units:
            units.insert(0, self.unit)
        self.units = list(dict.fromkeys(units))
        self.unit = self.units[0] if self.units else ""
        return self


class PlanData(_Strict):
    fiscal_year: int = Field(ge=2500, le=2700, description="Buddhist Era")
    title: str = ""
    agency: str = ""
    district: str = ""
    province: str = ""
    ita_score: float | None = Field(default=None, ge=0, le=100)
    ita_level: str | None = None
    adopted_on: date | None = None
    adopted_where: str = ""
    indicators: list[IndicatorData] = []
    recommendations: list[RecommendationData] = []
    measures: list[MeasureData] = Field(min_length=1)

    @field_validator("ita_level")
    @classmethod
    def _known_level(cls, level: str | None) -> str | None:
        if level is None or not level.strip():
            return None
        level = level.strip()
        if level.upper() in vocab.LETTER_LEVELS:
            return level.upper()
        if level in vocab.PASS_LEVELS:
            return level
        raise ValueError("unknown level")

    @model_validator(mode="after")
    def _unique_numbers(self) -> PlanData:
        for label, numbers in (
            ("measure", [m.number for m in self.measures]),
            ("indicator", [i.number for i in self.indicators]),
        ):
            if len(numbers) != len(set(numbers)):
                raise ValueError(f"{label} numbers repeat")
        return self

    @property
    def action_count(self) -> int:
        return sum(len(m.actions) for m in self.measures)
