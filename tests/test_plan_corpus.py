"""The corpus: plan documents in the layouts agencies publish (tests/data/plans/), each with
the facts it must yield (its .facts.yaml). Each is imported through `plan import` and the
facts are read back from the database: every one must be right."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from models.plan import (
    Plan,
    get_plan,
    indicators_of,
    plan_tree,
    recommendations_of,
    units_by_measure,
)
from planimport import read_file
from tests.conftest import DATA
from tests.support.plan_documents import build_docx, build_pdf, office

PLANS = DATA / "plans"
CORPUS = sorted(PLANS.glob("*.facts.yaml"))
ANALYSIS = {"STRENGTH", "WEAKNESS", "TO_FIX", "ADVICE"}


def document_of(facts_file: Path, tmp_path: Path) -> Path:
    """The document as an agency would hand it over: text, Word, or a PDF printed by Office."""
    stem = facts_file.name.removesuffix(".facts.yaml")
    kind = yaml.safe_load(facts_file.read_text(encoding="utf-8")).get("source", "text")
    if kind == "text":
        return PLANS / f"{stem}.txt"
    document = build_docx(PLANS / f"{stem}.docx.txt", tmp_path / f"{stem}.docx")
    if kind == "pdf":
        if not office():
            pytest.skip("LibreOffice is missing here (scripts/ensure-test-tools installs it)")
        return build_pdf(document, tmp_path)
    return document


def _month(value) -> date | None:
    if value is None:
        return None
    year, month = str(value).split("-")
    return date(int(year), int(month), 1)


def facts_read(session, plan: Plan) -> dict:
    """The facts as stored, in the sidecar's form."""
    units = units_by_measure(session, plan)
    tree = plan_tree(session, plan)
    return {
        "agency": plan.agency,
        "district": plan.district,
        "province": plan.province,
        "fiscal_year": plan.fiscal_year,
        "ita_score": plan.ita_score,
        "ita_level": plan.ita_level,
        "indicators": {i.number: i.score for i in indicators_of(session, plan)},
        "measures": [
            {
                "number": m.number,
                "actions": len(actions),
                "units": [u.name for u in units.get(m.id, [])],
                "first_month": m.first_month,
                "last_month": m.last_month,
                "action_months": {
                    a.number: [a.first_month, a.last_month] for a in actions if a.first_month
                },
                "action_texts": [a.text for a in actions],
            }
            for m, actions in tree
        ],
        "analysis": sorted({r.group for r in recommendations_of(session, plan)} & ANALYSIS),
    }


def compare(expected: dict, read: dict, warnings: list[str]) -> list[tuple[str, object, object]]:
    """Every fact of the sidecar with what was read: (fact, expected, read)."""
    checks: list[tuple[str, object, object]] = []
    for key in ("agency", "district", "province", "fiscal_year", "ita_level"):
        if key in expected:
            checks.append(
                (key, expected[key] or "" if key != "ita_level" else expected[key], read[key])
            )
    checks.append(("ita_score", expected["ita_score"], read["ita_score"]))
    for number, score in expected["indicators"].items():
        checks.append((f"indicator {number}", float(score), read["indicators"].get(number)))
    checks.append(("indicator count", len(expected["indicators"]), len(read["indicators"])))
    checks.append(("measure count", len(expected["measures"]), len(read["measures"])))
    by_number = {m["number"]: m for m in read["measures"]}
    texts = expected.get("action_texts", {})
    for measure in expected["measures"]:
        got = by_number.get(measure["number"], {})
        n = measure["number"]
        checks.append((f"measure {n} actions", measure["actions"], got.get("actions")))
        checks.append((f"measure {n} units", measure["units"], got.get("units")))
        for key in ("first_month", "last_month"):
            checks.append((f"measure {n} {key}", _month(measure[key]), got.get(key)))
        for action, (first, last) in measure.get("action_months", {}).items():
            checks.append(
                (
                    f"action {n}.{action} months",
                    [_month(first), _month(last)],
                    got.get("action_months", {}).get(action),
                )
            )
        if n in texts:
            checks.append((f"measure {n} action texts", texts[n], got.get("action_texts")))
    checks.append(("analysis", sorted(expected["analysis"]), read["analysis"]))
    checks.append(("warnings", Counter(expected["warnings"]), Counter(warnings)))
    return checks


@pytest.mark.parametrize("facts_file", CORPUS, ids=lambda p: p.name.removesuffix(".facts.yaml"))
def test_every_corpus_document_imports_with_every_fact_right(
    facts_file: Path, tmp_path: Path, runner, services
) -> None:
    expected = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    document = document_of(facts_file, tmp_path)
    result = runner.invoke(args=["plan", "import", str(document)])
    assert result.exit_code == 0, result.output
    warnings = [notice.problem for notice in read_file(document).notices]
    with services.db.session() as session:
        plan = get_plan(session, expected["fiscal_year"])
        assert plan is not None, result.output
        checks = compare(expected, facts_read(session, plan), warnings)
    wrong = [(fact, want, got) for fact, want, got in checks if want != got]
    print(f"{facts_file.name}: {len(checks) - len(wrong)}/{len(checks)} facts right")
    assert not wrong, (
        f"{len(checks) - len(wrong)}/{len(checks)} facts right; wrong: {wrong}\n{result.output}"
    )


def test_the_corpus_has_ten_documents_of_every_kind() -> None:
    kinds = Counter(
        yaml.safe_load(f.read_text(encoding="utf-8")).get("source", "text") for f in CORPUS
    )
    assert len(CORPUS) >= 10 and kinds["text"] and kinds["docx"] and kinds["pdf"], kinds
