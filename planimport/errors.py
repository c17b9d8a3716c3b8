"""The one error a reader raises (the document is refused), and the notices it gives when a
plan was read but something in it was not found or not understood."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from messages_th import plan_import_text as text

M = TypeVar("M", bound=BaseModel)


class PlanReadError(Exception):
    def __init__(self, problem: str, where: str = "", **detail: object) -> None:
        self.problem = problem
        self.where = where
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        said = text.PROBLEMS[self.problem].format(**self.detail)
        return f"{self.where}: {said}" if self.where else said


@dataclass(frozen=True)
class Notice:
    """Something the reader did not find or could not read; the plan imports without it."""

    problem: str
    where: str = ""
    detail: dict[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        said = text.WARNINGS[self.problem].format(**self.detail)
        return f"{self.where}: {said}" if self.where else said


def valid(model: type[M], where: str, **fields: Any) -> M:
    """A piece of the plan, or the reader's own error saying where and what is wrong (a
    number 0, a score over 100, an action number twice)."""
    try:
        return model(**fields)
    except ValidationError as error:
        raise PlanReadError("bad_structure", where, detail=explain(error.errors()[0])) from None


def explain(error: ErrorDetails) -> str:
    """A validation error of the plan's data, in the clerk's words."""
    context = error.get("ctx") or {}
    message = str(context.get("error", error.get("msg", "")))
    message = text.REPEATED_NUMBERS.get(message.removeprefix("Value error, "), message)
    template = text.VALIDATION_PROBLEMS.get(error["type"])
    if template is None:
        return str(error.get("msg", ""))
    return template.format(message=message, **{k: v for k, v in context.items() if k != "error"})
