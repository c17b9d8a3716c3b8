"""The seed plan as the matcher sees it, and the measured shares printed after the run."""

from __future__ import annotations

from functools import lru_cache

import pytest

from planimport import read_plan
from settings import ROOT
from understanding.plan_match import Candidate, candidates_from

SEED = ROOT / "examples" / "measures-2565-bang-krabue.txt"

#: filled by the table tests: name → (right, total)
SHARES: dict[str, tuple[int, int]] = {}


@lru_cache(maxsize=1)
def seed_candidates() -> tuple[Candidate, ...]:
    plan = read_plan(SEED)
    return candidates_from(
        ((m.number, m.title, [a.text for a in m.actions]) for m in plan.measures),
        ((i.number, i.name) for i in plan.indicators),
    )


@pytest.fixture(scope="session")
def candidates() -> tuple[Candidate, ...]:
    return seed_candidates()


def pytest_terminal_summary(terminalreporter) -> None:
    for name, (right, total) in sorted(SHARES.items()):
        terminalreporter.write_line(
            f"understanding: {name}: {right}/{total} routed right ({100 * right / total:.1f} %)"
        )
