"""What understanding one message costs: CPU per message for citizens and for staff, and
for reading a complaint's category (`reading.case_topic`); and the citizens' table's share
routed right.

The messages are the table tests' (tests/understanding/), with the seed plan as the plan
in force. "New" is a message never seen before (the per-text caches are emptied before
each one, as for real traffic); "repeated" is the same message again (the caches answer).
Long messages are a table message repeated to 5,000 characters (LINE's limit): only the
first `MAX_CHARS` are read. The one-time set-up (the word dictionary, the plan's index) is
printed apart.

    .venv/bin/python bench/understanding_bench.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine, percentile  # noqa: E402
from clock import SystemClock  # noqa: E402

LINE_LIMIT = 5000


def clear_text_caches() -> None:
    """Forget every message seen: the next one costs what a new message costs."""
    from reading.text import clean
    from understanding import text, words

    text._prepare.cache_clear()
    text.normalise.cache_clear()
    words._closest.cache_clear()
    words._cut.cache_clear()
    clean.cache_clear()


def timed(messages: list[str], understand: Callable[[str], object], *, new: bool) -> list[float]:
    """Milliseconds of CPU per message."""
    costs = []
    for message in messages:
        if new:
            clear_text_caches()
        started = time.thread_time()
        understand(message)
        costs.append((time.thread_time() - started) * 1000)
    return costs


def row(name: str, costs: list[float]) -> str:
    return (
        f"| {name:<38} | {len(costs):>7} | {statistics.mean(costs):>7.2f} | "
        f"{percentile(costs, 50):>7.2f} | {percentile(costs, 99):>7.2f} | {max(costs):>7.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over each table")
    args = parser.parse_args()

    started = time.perf_counter()
    from messages_th.case_words import DEFAULT_TOPICS
    from reading.case_topic import topic_of
    from tests.test_case_topics import TABLE as COMPLAINTS
    from tests.understanding.conftest import seed_candidates
    from tests.understanding.test_citizen_table import TABLE as CITIZENS
    from tests.understanding.test_citizen_table import routed_right
    from tests.understanding.test_staff_table import STAFF
    from tests.understanding.test_staff_table import TABLE as REQUESTS
    from understanding import understand_citizen, understand_staff
    from understanding.plan_match import index_of
    from understanding.words import dictionary

    today = date(2022, 1, 20)
    dictionary()
    candidates = seed_candidates()
    index_of(candidates)
    for text, _, _ in CITIZENS:  # every vocabulary list is read once, on first use
        understand_citizen(text, candidates)
    for text, role, _, _ in REQUESTS:
        understand_staff(text, today=today, role=role, staff=STAFF, candidates=candidates)
    set_up = (time.perf_counter() - started) * 1000

    citizens = [text for text, _, _ in CITIZENS] * args.rounds
    staff = [(text, role) for text, role, _, _ in REQUESTS] * args.rounds
    long_ones = [(text * (LINE_LIMIT // len(text) + 1))[:LINE_LIMIT] for text, _, _ in CITIZENS]

    def citizen(text: str) -> object:
        return understand_citizen(text, candidates)

    names = [t.name for t in DEFAULT_TOPICS]
    conduct = {t.name for t in DEFAULT_TOPICS if t.conduct}
    complaints = [text for text, _ in COMPLAINTS] * args.rounds

    def category(text: str) -> object:
        return topic_of(text, names, conduct)

    def staff_member(pair: str) -> object:
        text, role = pair  # type: ignore[misc]
        return understand_staff(text, today=today, role=role, staff=STAFF, candidates=candidates)

    measured_on = SystemClock(ZoneInfo("Asia/Bangkok")).now().date()  # the report's date
    print(f"# understanding, {measured_on.isoformat()}")
    print(machine())
    print(f"one-time set-up (imports, dictionary, plan index, vocabulary): {set_up:.0f} ms")
    print()
    header = ("n", "mean ms", "p50 ms", "p99 ms", "max ms")
    print(f"| {'messages':<38} | " + " | ".join(f"{h:>7}" for h in header) + " |")
    print(f"|{'-' * 40}|" + "|".join("-" * 9 for _ in header) + "|")
    print(row("citizens, new", timed(citizens, citizen, new=True)))
    print(row("citizens, repeated", timed(citizens, citizen, new=False)))
    print(row("staff and heads, new", timed(staff, staff_member, new=True)))  # type: ignore[arg-type]
    print(row("staff and heads, repeated", timed(staff, staff_member, new=False)))  # type: ignore[arg-type]
    print(row(f"citizens, {LINE_LIMIT:,} characters, new", timed(long_ones, citizen, new=True)))
    print(row("a complaint's category, new", timed(complaints, category, new=True)))
    print()
    right = sum(routed_right(text, intent, detail, candidates) for text, intent, detail in CITIZENS)
    share = 100 * right / len(CITIZENS)
    print(f"citizens' table: {right}/{len(CITIZENS)} routed right ({share:.1f} %)")


if __name__ == "__main__":
    main()
