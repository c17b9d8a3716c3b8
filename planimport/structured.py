"""Read the plan from its structured form (YAML or JSON): PlanData, field by field."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from pydantic import ValidationError

from messages_th import plan_import_text as said
from messages_th.digits import to_arabic
from planimport.data import PlanData
from planimport.errors import PlanReadError, explain

_NUMERIC = re.compile(r"[+-]?\d+(?:\.\d+)?")


def read_structured(text: str, *, kind: str) -> PlanData:
    try:
        raw = json.loads(text) if kind == "json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else getattr(error, "lineno", 0)
        raise PlanReadError(
            "bad_structure",
            said.where_line(line) if line else "",
            detail=str(error).splitlines()[0],
        ) from None
    if not raw:
        raise PlanReadError("empty")
    try:
        return PlanData.model_validate(_arabic_numbers(raw))
    except ValidationError as error:
        first = error.errors()[0]
        path = ".".join(str(part) for part in first["loc"])
        raise PlanReadError(
            "bad_structure", said.where_field(path) if path else "", detail=explain(first)
        ) from None


def _arabic_numbers(value: Any) -> Any:
    """Numbers may be written with Thai digits (as strings, in YAML or JSON)."""
    if isinstance(value, dict):
        return {key: _arabic_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_arabic_numbers(item) for item in value]
    if isinstance(value, str) and _NUMERIC.fullmatch(to_arabic(value.strip())):
        return to_arabic(value.strip())
    return value


_MEASURE_KEYS = ("number", "title", "units", "period", "first_month", "last_month", "follow_up")
_ACTION_KEYS = ("number", "text", "period", "first_month", "last_month")


def as_yaml(plan: PlanData) -> str:
    """The structured form of a plan, to correct by hand and import again: each measure's
    units as a list (the old single `unit` is left out), an action's period only if it has
    its own."""
    data = plan.model_dump(mode="json")
    data["measures"] = [
        {key: measure[key] for key in _MEASURE_KEYS}
        | {
            "actions": [
                {
                    key: action[key]
                    for key in _ACTION_KEYS
                    if action[key] or key in ("number", "text")
                }
                for action in measure["actions"]
            ]
        }
        for measure in data["measures"]
    ]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
