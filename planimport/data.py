"""A plan as read from any document, before it touches the database.

This is also the structured (YAML/JSON) form, documented in the README.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from plain_text import plain


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        """Whatever the document (text, Word, YAML, JSON): no control characters stored."""
        return plain(value) if isinstance(value, str) else value


class IndicatorData(_Strict):
    number: int = Field(ge=1)
    name: str = Field(min_length=1)
    group: Literal["IIT", "EIT", "OIT"]
    score: float | None = Field(default=None, ge=0, le=100)


class RecommendationData(_Strict):
    group: Literal["IIT", "EIT", "OIT", "EXTERNAL", "GENERAL"]
    text: str = Field(min_length=1)


class ActionData(_Strict):
    number: int = Field(ge=1)
    text: str = Field(min_length=1)


class MeasureData(_Strict):
    number: int = Field(ge=1)
    title: str = Field(min_length=1)
    unit: str = ""
    period: str = ""
    follow_up: str = ""
    actions: list[ActionData] = Field(min_length=1)

    @field_validator("actions")
    @classmethod
    def _unique_actions(cls, actions: list[ActionData]) -> list[ActionData]:
        numbers = [a.number for a in actions]
        if len(numbers) != len(set(numbers)):
            raise ValueError("action numbers repeat")
        return actions


class PlanData(_Strict):
    fiscal_year: int = Field(ge=2500, le=2700, description="Buddhist Era")
    title: str = ""
    agency: str = Field(min_length=1)
    district: str = ""
    province: str = ""
    ita_score: float | None = Field(default=None, ge=0, le=100)
    ita_level: str | None = None
    adopted_on: date | None = None
    adopted_where: str = ""
    indicators: list[IndicatorData] = []
    recommendations: list[RecommendationData] = []
    measures: list[MeasureData] = Field(min_length=1)

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
