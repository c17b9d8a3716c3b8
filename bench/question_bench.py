"""What one free question costs the matcher, worst cases included (CPU in this process).

A citizen's free question is cut into words and each word is compared with every word of
the plan (rapidfuzz). The work grows with the question: a LINE text may be 5,000
characters. Timed here against the seed plan's measures and indicators:

- `typical`: a real question (the first of tests/test_citizen_questions.py, 33 characters);
- `worst`: 2,000 characters of distinct made-up Thai words, in no stop list and not in
  the plan, so that no comparison takes a short cut;
- `plan words`: 2,000 characters of the plan's own words (exact hits, the cheap path).

    .venv/bin/python bench/question_bench.py [--runs 15]

Prints the median and the slowest of `runs` calls, after one warm-up call (the plan's
index is cached per process).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

SEED = ROOT / "examples" / "measures-2565-bang-krabue.txt"
LENGTH = 2000


def candidates():
    from planimport import read_plan
    from understanding.plan_match import Candidate

    plan = read_plan(SEED)
    measures = tuple(
        Candidate(f"measure:{m.number}", (m.title, *(a.text for a in m.actions)))
        for m in plan.measures
    )
    indicators = tuple(Candidate(f"indicator:{i.number}", (i.name,)) for i in plan.indicators)
    return measures + indicators


def _fill(words: list[str]) -> str:
    question, n = "", 0
    while len(question) < LENGTH:
        question += words[n % len(words)] + " "
        n += 1
    return question[:LENGTH]


def worst_question() -> str:
    """Distinct made-up three-letter Thai words between spaces: none a stop word or a plan
    word, so every one is compared in full with every word of the plan (of the forms
    tried — dictionary words, Latin words, unbroken text — this one cost the most)."""
    consonants = [chr(c) for c in range(0x0E01, 0x0E2F)]  # the Thai consonants
    pick = random.Random(15)
    return " ".join("".join(pick.choice(consonants) for _ in range(3)) for _ in range(600))[:LENGTH]


def plan_words_question(found: tuple) -> str:
    from understanding.plan_match import _index

    return _fill(sorted({w for words in _index(found).terms for w in words}))


def timed(question: str, found: tuple, runs: int) -> tuple[float, float]:
    from understanding.plan_match import best_match

    best_match(question, found)  # warm: the plan's index, PyThaiNLP's dictionary
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        best_match(question, found)
        took.append((time.perf_counter() - start) * 1000)
    return statistics.median(took), max(took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    found = candidates()
    print(machine())
    print(f"{'question':<12} {'chars':>6} {'median ms':>10} {'max ms':>8}")
    from tests.test_citizen_questions import QUESTIONS  # Thai text lives in tests, not here

    for name, question in (
        ("typical", QUESTIONS[0][0]),
        ("worst", worst_question()),
        ("plan words", plan_words_question(found)),
    ):
        median, slowest = timed(question, found, runs)
        print(f"{name:<12} {len(question):>6} {median:>10.1f} {slowest:>8.1f}")


if __name__ == "__main__":
    main()
