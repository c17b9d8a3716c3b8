"""The plan of measures: imported from the agency's own document, shown whole.

Reading a document is `planimport`'s (the text, .docx and YAML/JSON readers); saving it
in place, matched by number and with reports kept, is `planimport.store.save_plan`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from fiscal import fiscal_year_of
from models.audit import audit_entries
from models.plan import (
    Action,
    Indicator,
    Measure,
    Plan,
    Recommendation,
    current_plan,
    get_plan,
    indicators_of,
    plan_tree,
    recommendations_of,
    units_by_measure,
)
from planimport import read_document
from planimport.data import PlanData
from planimport.doc_reader import OLE2_MAGIC
from planimport.errors import PlanReadError
from planimport.result import ReadResult
from planimport.store import ImportResult, save_plan
from planimport.stored import plan_data
from usecases.actor import Actor
from usecases.results import NoPlan


def import_plan(
    session: Session, actor: Actor, data: PlanData, source: str, now: datetime
) -> ImportResult:
    """Save a plan that was read: a new one, or its fiscal year's updated in place."""
    return save_plan(session, data, now=now, source=source, actor=actor.audit_name)


@dataclass(frozen=True)
class PlanOverview:
    plan: Plan
    indicators: list[Indicator]
    recommendations: list[Recommendation]
    measures: list[tuple[Measure, list[Action]]]
    units: dict[int, list[str]]  # by measure id: the names of the units responsible for it


def plan_overview(
    session: Session, now: datetime, fiscal_year: int | None = None
) -> PlanOverview | NoPlan:
    """A fiscal year's plan (default: the one in force), whole, as a clerk reads it."""
    plan = _plan(session, now, fiscal_year)
    if plan is None:
        return NoPlan()
    return PlanOverview(
        plan,
        indicators_of(session, plan),
        recommendations_of(session, plan),
        plan_tree(session, plan),
        {m: [u.name for u in found] for m, found in units_by_measure(session, plan).items()},
    )


def plan_document(
    session: Session, now: datetime, fiscal_year: int | None = None
) -> PlanData | NoPlan:
    """A fiscal year's plan (default: the one in force) in the structured form, to correct
    and import again."""
    plan = _plan(session, now, fiscal_year)
    return NoPlan() if plan is None else plan_data(session, plan)


def _plan(session: Session, now: datetime, fiscal_year: int | None) -> Plan | None:
    if fiscal_year is None:
        return current_plan(session, fiscal_year_of(now.date()))
    return get_plan(session, fiscal_year)


# -- the console's upload: read, preview, correct, save -------------------------------------

#: what the console takes: the agency's own document, never a program or an old Word file
#: (that one would be converted by LibreOffice on the server)
UPLOAD_TYPES = {".docx": b"PK\x03\x04", ".pdf": b"%PDF", ".txt": b""}
UPLOAD_MAX_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Refused:
    """The file was not read: why, one Thai sentence (from planimport or messages_th)."""

    problem: str  # too_big, wrong_type, unreadable
    message: str = ""


@dataclass(frozen=True)
class Change:
    """One field the new plan changes: where (e.g. `2.3`), what, from, to."""

    where: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Preview:
    draft: PlanData
    warnings: list[str]
    facts: dict
    changes: list[Change]  # against the plan of its fiscal year, if there is one
    new: bool  # no plan of its fiscal year yet


def read_upload(data: bytes, filename: str) -> ReadResult | Refused:
    """A document as uploaded: its type by name and first bytes, its size, then read."""
    suffix = Path(filename).suffix.lower()
    if len(data) > UPLOAD_MAX_BYTES:
        return Refused("too_big")
    magic = UPLOAD_TYPES.get(suffix)
    if magic is None or not data.startswith(magic) or data.startswith(OLE2_MAGIC):
        return Refused("wrong_type")
    try:
        return read_document(data, filename)
    except PlanReadError as error:
        return Refused("unreadable", error.message)


def preview(session: Session, draft: PlanData, warnings: list[str], facts: dict) -> Preview:
    """What saving `draft` would do: the changes to its fiscal year's plan."""
    stored = get_plan(session, draft.fiscal_year)
    before = plan_data(session, stored) if stored is not None else None
    return Preview(draft, warnings, facts, changes(before, draft) if before else [], before is None)


def changes(before: PlanData, after: PlanData) -> list[Change]:
    """Field by field, what differs: the plan's own fields, each measure's, each action's."""
    found: list[Change] = []
    top = ("agency", "title", "ita_score", "ita_level", "district", "province")
    for name in top:
        _differ(found, "", name, getattr(before, name), getattr(after, name))
    old = {m.number: m for m in before.measures}
    new = {m.number: m for m in after.measures}
    for number in sorted(old.keys() | new.keys()):
        was, now = old.get(number), new.get(number)
        if was is None or now is None:
            _differ(
                found, str(number), "measure", was.title if was else "", now.title if now else ""
            )
            continue
        _differ(found, str(number), "title", was.title, now.title)
        _differ(found, str(number), "units", ", ".join(was.units), ", ".join(now.units))
        old_actions = {a.number: a.text for a in was.actions}
        new_actions = {a.number: a.text for a in now.actions}
        for action in sorted(old_actions.keys() | new_actions.keys()):
            _differ(
                found,
                f"{number}.{action}",
                "action",
                old_actions.get(action, ""),
                new_actions.get(action, ""),
            )
    return found


def _differ(found: list[Change], where: str, field: str, before: object, after: object) -> None:
    shown = ("" if before is None else str(before), "" if after is None else str(after))
    if shown[0] != shown[1]:
        found.append(Change(where, field, *shown))


#: the fields a clerk may correct in the preview: the plan's, each measure's, each action's
PLAN_FIELDS = ("agency", "title", "ita_score", "ita_level")


def correct(draft: PlanData, fields: dict[str, str]) -> PlanData:
    """The draft with the fields as corrected (`agency`, `m2.title`, `m2.units`, `m2.a3.text`);
    raises pydantic's ValidationError for a value the plan cannot hold."""
    data = draft.model_dump(mode="json")
    for name in PLAN_FIELDS:
        if name in fields:
            value = fields[name].strip()
            data[name] = None if name.startswith("ita_") and not value else value
    for measure in data["measures"]:
        key = f"m{measure['number']}"
        if f"{key}.title" in fields:
            measure["title"] = fields[f"{key}.title"].strip()
        if f"{key}.units" in fields:
            units = [u.strip() for u in fields[f"{key}.units"].split(",") if u.strip()]
            measure["units"], measure["unit"] = units, units[0] if units else ""
        for action in measure["actions"]:
            name = f"{key}.a{action['number']}.text"
            if name in fields:
                action["text"] = fields[name].strip()
    return PlanData.model_validate(data)


@dataclass(frozen=True)
class Version:
    at: datetime
    actor: str
    who: str | None  # the staff member's name, when a person did it
    source: str
    created: bool
    added: int
    changed: int
    retired: list[str]


def plan_versions(session: Session, fiscal_year: int) -> list[Version]:
    """Each time the year's plan was imported or corrected, newest first, from the audit log."""
    from usecases.audit_log import names_of

    rows = audit_entries(session, actions=["plan.import"], subject=f"plan:{fiscal_year}")
    names = names_of(session, [row.actor for row in rows])
    return [
        Version(
            row.at,
            row.actor,
            names.get(row.actor),
            str(row.detail.get("source", "")),
            bool(row.detail.get("created")),
            int(row.detail.get("added") or 0),
            int(row.detail.get("changed") or 0),
            list(row.detail.get("retired") or []),
        )
        for row in rows
    ]
