"""Jobs at scale: the reminder job, the head's summary and the fiscal year's exports for a
large agency, with their time, SQL statements and memory; and the outbox's delivery rate.

An agency of N staff (each pinned to 1–3 measures), 100 measures × 5 actions, 12 months of
reports (80 % of actions reported each month). For N = 200 and N = 2,000, on SQLite and on
PostgreSQL. Each step runs in a fresh process, so its peak RSS (`ru_maxrss`) is its own:
what a worker needs to do it (the process's baseline, the app loaded, is shown apart).

    .venv/bin/python bench/jobs_bench.py [--databases sqlite,postgresql] [--sizes 200,2000]

The PostgreSQL database (BENCH_DATABASE_URL, default the suite's `test`) has its public
schema dropped and made again.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402

from bench.common import (  # noqa: E402
    DEFAULT_POSTGRES,
    fresh_database,
    machine,
    postgres_reachable,
    table,
)
from clock import FrozenClock  # noqa: E402
from delivery.outbox_sender import OutboxSender  # noqa: E402
from fakeline import FakeLine  # noqa: E402
from fiscal import fiscal_months  # noqa: E402
from models.db import Database  # noqa: E402
from models.plan import plan_tree  # noqa: E402
from models.progress import Report  # noqa: E402
from models.staff import PinnedMeasure, Role, Staff  # noqa: E402
from planimport.data import ActionData, MeasureData, PlanData  # noqa: E402
from planimport.store import save_plan  # noqa: E402
from services import Services  # noqa: E402
from settings import Settings  # noqa: E402

BANGKOK = ZoneInfo("Asia/Bangkok")
MEASURES, ACTIONS = 100, 5
#: stage 2 of January 2565's reminders (the meeting is on Monday 31 January)
REMIND_AT = datetime(2022, 1, 27, 9, 5, tzinfo=BANGKOK)
SUMMARY_AT = datetime(2022, 1, 28, 8, 35, tzinfo=BANGKOK)
#: after the fiscal year, when its report is written
EXPORT_AT = datetime(2022, 10, 15, 10, 0, tzinfo=BANGKOK)
STEPS = ("baseline", "remind", "summary", "csv", "xlsx", "docx")


def services_for(url: str, at: datetime, line_url: str = "http://127.0.0.1:9") -> Services:
    return Services(
        Settings(
            _env_file=None,
            database_url=url,
            line_channel_secret="s",
            line_channel_access_token="t",
            line_api_base_url=line_url,
            line_data_api_base_url=line_url,
        ),
        FrozenClock(at),
    )


def build_agency(services: Services, staff_count: int) -> None:
    """The plan, the staff (each pinned to 1–3 measures), and a year of reports."""
    rng = random.Random(2565)
    now = services.clock.now()
    plan_data = PlanData(
        fiscal_year=2565,
        agency="bench",
        measures=[
            MeasureData(
                number=m,
                title=f"measure {m}",
                unit=f"unit {m % 10}",
                actions=[
                    ActionData(number=a, text=f"action {m}.{a}") for a in range(1, ACTIONS + 1)
                ],
            )
            for m in range(1, MEASURES + 1)
        ],
    )
    with services.db.session() as session:
        plan = save_plan(session, plan_data, now=now, source="bench").plan
        people = [
            Staff(
                name=f"staff {n}",
                role=Role.STAFF if n else Role.HEAD,
                line_user_id=f"Ubench{n:05d}",
                created_at=now,
            )
            for n in range(staff_count)
        ]
        session.add_all(people)
        session.flush()
        session.add_all(
            PinnedMeasure(staff_id=p.id, measure_no=m)
            for p in people[1:]
            for m in rng.sample(range(1, MEASURES + 1), rng.randint(1, 3))
        )
        actions = [a for _, acts in plan_tree(session, plan) for a in acts]
        reports = [
            Report(
                action_id=a.id,
                month=month,
                status="in_progress",
                percent=rng.randint(10, 90),
                detail="done",
                staff_id=people[1 + a.id % (staff_count - 1)].id,
                reported_at=now - timedelta(days=3),
                source="cli",
            )
            for month in fiscal_months(2565)
            for a in actions
            if rng.random() < 0.8
        ]
        session.add_all(reports)


def run_step(name: str, url: str) -> dict:
    """One step, in this (fresh) process: seconds, SQL statements, peak RSS."""
    from reports import periods
    from reports.build import build_report
    from usecases.reminders import remind
    from usecases.summary import monthly_summary

    services = services_for(url, EXPORT_AT if name in ("csv", "xlsx", "docx") else REMIND_AT)
    statements = [0]

    def count(*_args) -> None:
        statements[0] += 1

    event.listen(services.db.engine, "before_cursor_execute", count)
    detail = ""
    started = time.perf_counter()
    if name == "remind":
        with services.db.session() as session:
            detail = f"{remind(session, REMIND_AT).queued} queued"
            session.rollback()  # measure, do not keep
    elif name == "summary":
        with services.db.session() as session:
            monthly_summary(session, services.links, BANGKOK, SUMMARY_AT)
    elif name in ("csv", "xlsx", "docx"):
        built = build_report(services, periods.year(2565), name)
        detail = f"{len(built.content) / 1024:,.0f} KiB, {built.rows:,} reports"
    seconds = time.perf_counter() - started
    services.shutdown()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "sql": statements[0], "rss": peak, "detail": detail}


def in_fresh_process(name: str, url: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--step", name, "--database", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def deliver(url: str) -> str:
    """Queue the reminders for real and time the outbox sending them to a fake LINE."""
    from usecases.reminders import remind

    fake = FakeLine(quota=10**9).start()
    services = services_for(url, REMIND_AT, fake.url)
    try:
        with services.db.session() as session:
            remind(session, REMIND_AT)
        started = time.perf_counter()
        stats = OutboxSender.for_services(services).send_due()
        elapsed = time.perf_counter() - started
        return f"{stats.sent:,} pushes in {elapsed:.1f} s = {stats.sent / elapsed:.0f}/s"
    finally:
        services.shutdown()
        fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(run_step(args.step, args.database)))
        return

    urls = []
    for name in args.databases.split(","):
        if name == "sqlite":
            urls.append(f"sqlite:///{tempfile.mkdtemp(prefix='tidtam-jobs-')}/jobs.sqlite3")
        elif name == "postgresql" and postgres_reachable(args.postgres):
            urls.append(args.postgres)
        elif name == "postgresql":
            print(f"PostgreSQL not reachable at {args.postgres}: skipped", file=sys.stderr)
    rows, deliveries = [], []
    for url in urls:
        kind = url.split(":", 1)[0].split("+")[0]
        for size in [int(n) for n in args.sizes.split(",")]:
            fresh_database(url)
            database = Database(url)
            database.upgrade()
            database.dispose()
            services = services_for(url, REMIND_AT)
            build_agency(services, size)
            services.shutdown()
            for step in STEPS:
                found = in_fresh_process(step, url)
                rows.append(
                    [
                        kind,
                        f"{size:,}",
                        step,
                        "-" if step == "baseline" else f"{found['seconds']:.2f} s",
                        "-" if step == "baseline" else str(found["sql"]),
                        f"{found['rss']:.0f} MiB",
                        found["detail"],
                    ]
                )
                print(f"  measured: {kind} {size} {step}", file=sys.stderr, flush=True)
            if size == max(int(n) for n in args.sizes.split(",")):
                deliveries.append(f"{kind}, {size:,} staff: {deliver(url)}")
    print(f"machine: {machine()}")
    print(f"{MEASURES} measures × {ACTIONS} actions, 12 months of reports (80 % reported)")
    print()
    header = ["database", "staff", "step", "time", "SQL statements", "peak RSS", ""]
    print(table(header, rows))
    print()
    for line in deliveries:
        print(f"- outbox, one sender thread: {line}")


if __name__ == "__main__":
    main()
