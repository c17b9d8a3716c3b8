"""Property-based tests of the plan importer: any document, however damaged, is either a
plan or a `PlanReadError` that says where and what; never another exception, and a
document that fails writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import select

from models.plan import Action, Measure, Plan
from planimport import PlanData, PlanReadError, ReadResult
from planimport.document import lines_from_text, read_lines
from planimport.structured import read_structured
from settings import ROOT

PROPERTIES = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SEED = (ROOT / "examples" / "measures-2565-bang-krabue.txt").read_text(encoding="utf-8")
SEED_LINES = SEED.splitlines()
#: the seed and the corpus's text documents (a table, blocks, a paste from a PDF)
DOCUMENTS = [SEED_LINES] + [
    path.read_text(encoding="utf-8").splitlines()
    for path in sorted((ROOT / "tests" / "data" / "plans").glob("*.txt"))
    if not path.name.endswith(".docx.txt")
]
STRUCTURED = yaml.safe_load((ROOT / "examples" / "plan-2565-bang-krabue.yaml").read_text())
THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
GARBAGE = st.text(alphabet=st.one_of(THAI, st.characters(max_codepoint=0x7F)), max_size=120)


def _reads_or_names_its_problem(read) -> PlanData | None:
    try:
        plan = read()
    except PlanReadError as error:
        assert error.message  # a sentence for the clerk, with where when it knows
        return None
    if isinstance(plan, ReadResult):  # a document: the plan and what it did not find
        assert all(warning for warning in plan.warnings)
        plan = plan.plan
    assert isinstance(plan, PlanData)
    return plan


@st.composite
def damaged_seed(draw) -> str:
    """A real plan after a clumsy edit: lines lost, doubled, swapped, cut, scribbled on."""
    lines = list(draw(st.sampled_from(DOCUMENTS)))
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["drop", "double", "swap", "scribble", "cut", "digits"]))
        if edit == "drop":
            del lines[at]
        elif edit == "double":
            lines.insert(at, lines[at])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "scribble":
            lines[at] = draw(GARBAGE)
        elif edit == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        else:
            lines[at] = "".join(
                draw(st.sampled_from("0๙9๑-.")) if c.isdigit() else c for c in lines[at]
            )
    return "\n".join(lines)


@PROPERTIES
@given(st.one_of(st.text(max_size=400), GARBAGE, damaged_seed()))
@example(SEED)
@example("\n".join(SEED_LINES[: len(SEED_LINES) // 2]))
@example(SEED.replace("๑. การปฏิบัติหน้าที่ ๘๑", "0. การปฏิบัติหน้าที่ ๘๑"))  # once a pydantic error
@example(SEED.replace("๘๑.๖๔", "๑๘๑.๖๔"))  # a score over 100
def test_any_document_is_a_plan_or_a_clear_problem(text: str) -> None:
    _reads_or_names_its_problem(lambda: read_lines(lines_from_text(text)))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | GARBAGE,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(GARBAGE, inner, max_size=4),
    max_leaves=20,
)


@st.composite
def damaged_structure(draw) -> object:
    """The structured plan with one value somewhere replaced by anything at all."""
    plan = json.loads(json.dumps(STRUCTURED))
    parent, key, node = None, None, plan
    for _ in range(draw(st.integers(1, 4))):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        parent, key = node, draw(st.sampled_from(keys))
        if not isinstance(node[key], dict | list) or draw(st.booleans()):
            break
        node = node[key]
    if parent is not None:
        parent[key] = draw(JSON_VALUES)
    return plan


@PROPERTIES
@given(st.one_of(JSON_VALUES, damaged_structure()), st.sampled_from(["json", "yaml"]))
@example(STRUCTURED, "yaml")
@example({"fiscal_year": "๒๕๖๕๕๕๕๕๕๕๕๕๕๕๕๕๕๕๕๕๕๕๕๕๕"}, "json")
def test_any_structured_plan_is_a_plan_or_a_clear_problem(value: object, kind: str) -> None:
    text = json.dumps(value, ensure_ascii=False) if kind == "json" else yaml.safe_dump(value)
    _reads_or_names_its_problem(lambda: read_structured(text, kind=kind))


@PROPERTIES
@given(st.one_of(st.text(max_size=300), st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_any_text_as_yaml_or_json_is_a_plan_or_a_clear_problem(text: str) -> None:
    for kind in ("json", "yaml"):
        _reads_or_names_its_problem(lambda kind=kind: read_structured(text, kind=kind))


def _counts(services) -> tuple[int, ...]:
    with services.db.session() as session:
        return tuple(
            session.exec(select(func.count()).select_from(table)).one()
            for table in (Plan, Measure, Action)
        )


@settings(PROPERTIES, max_examples=25)
@given(damaged_seed())
def test_plan_import_of_a_damaged_document_writes_nothing(
    runner, services, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    before = _counts(services)
    result = runner.invoke(args=["plan", "import", str(path)])
    if result.exit_code == 0:
        return  # the edit left a readable plan (a doubled blank line, say)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert any("\u0e00" <= c <= "\u0e7f" for c in result.output)  # told in Thai
    assert _counts(services) == before
