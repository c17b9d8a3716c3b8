"""The one error a reader raises: where in the document, and what it could not understand."""

from __future__ import annotations

from messages_th import plan_vocab


class PlanReadError(Exception):
    def __init__(self, problem: str, where: str = "", **detail: object) -> None:
        self.problem = problem
        self.where = where
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = plan_vocab.PROBLEMS[self.problem].format(**self.detail)
        return f"{self.where}: {text}" if self.where else text
