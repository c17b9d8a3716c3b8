"""Jobs at scale: the reminder job, the head's summary and the fiscal year's exports for a
large agency, with their time, SQL statements and memory; and the outbox's delivery rate.

An agency of N staff (each pinned to 1–3 measures), 100 measures × 5 actions, 12 months of
reports (80 % of actions reported each month). For N = 200 and N = 2,000, on SQLite and on
PostgreSQL. Each step runs in a fresh process, so its peak RSS (`ru_maxrss`) is its own:
what a worker needs to do it (the process's baseline, the app loaded, is shown apart).

    .venv/bin/python bench/jobs_bench.py [--databases sqlite,postgresql] [--sizes 200,2000]

Many agencies (docs/TENANCY.md, "The scheduler for every agency"): the scheduler's 09:00
tick that queues every agency's reminders, for 10, 100 and 1,000 agencies of 30 staff
(and a head) each, every one owing 12 actions (a plan of 10 measures × 12 actions, each
person pinned to one measure), with 12 months of reports (80 % of actions each month), on
PostgreSQL; its time and SQL statements, then the next tick's (nothing new to queue):

    .venv/bin/python bench/jobs_bench.py --agencies 10,100,1000

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

#: many agencies: each one's shape (every agency shares it; its actions have the agency
#: in their words, so no two agencies' reminders are alike)
AGENCY_MEASURES, AGENCY_ACTIONS, AGENCY_STAFF = 10, 12, 30
#: the first reminders of January 2565 (5 working days before Monday 31 January)
TICK_AT = datetime(2022, 1, 24, 9, 0, tzinfo=BANGKOK)


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


#: agencies `lo`..`hi`, their plans, measures, actions, staff, pins and reports, in a
#: few set-based statements (PostgreSQL); the numbers are put in with `str.format`
_AGENCIES_SQL = [
    "SELECT setseed(0.2565)",
    """INSERT INTO agency (id, slug, name, state, created_at)
       SELECT g, 'bench-' || g, 'agency ' || g, 'connected', :now
       FROM generate_series({lo}, {hi}) g""",
    "SELECT setval(pg_get_serial_sequence('agency', 'id'), (SELECT MAX(id) FROM agency))",
    """INSERT INTO plan (agency_id, fiscal_year, title, agency, district, province,
                         adopted_where, source, imported_at, updated_at)
       SELECT g, 2565, 'plan', 'agency ' || g, '', '', '', 'bench', :now, :now
       FROM generate_series({lo}, {hi}) g""",
    """INSERT INTO measure (agency_id, plan_id, number, title, period, follow_up, retired)
       SELECT p.agency_id, p.id, m, 'measure ' || m, '', '', false
       FROM plan p, generate_series(1, {measures}) m WHERE p.agency_id BETWEEN {lo} AND {hi}""",
    """INSERT INTO action (agency_id, measure_id, number, text, retired, period)
       SELECT me.agency_id, me.id, a, 'action ' || me.number || '.' || a || ' of ' || me.agency_id,
              false, ''
       FROM measure me, generate_series(1, {actions}) a
       WHERE me.agency_id BETWEEN {lo} AND {hi}""",
    """INSERT INTO staff (agency_id, name, role, line_user_id, active, created_at)
       SELECT g, 'staff ' || s, CASE WHEN s = 0 THEN 'head' ELSE 'staff' END,
              'U' || g || '-' || s, true, :now
       FROM generate_series({lo}, {hi}) g, generate_series(0, {staff}) s""",
    """INSERT INTO pinnedmeasure (agency_id, staff_id, measure_no)
       SELECT agency_id, id, 1 + (substring(name from 7)::int - 1) % {measures}
       FROM staff WHERE agency_id BETWEEN {lo} AND {hi} AND role = 'staff'""",
    """INSERT INTO report (agency_id, action_id, month, status, percent, detail,
                           reported_at, source)
       SELECT a.agency_id, a.id, month::date, 'in_progress', 50, 'done', :reported, 'cli'
       FROM action a,
            generate_series(date '2021-10-01', date '2022-09-01', interval '1 month') month
       WHERE a.agency_id BETWEEN {lo} AND {hi} AND random() < 0.8""",
]


def add_agencies(url: str, lo: int, hi: int) -> None:
    """Agencies `lo`..`hi` (ids), each of the one shape, by bulk statements."""
    from sqlalchemy import text

    numbers = {
        "lo": int(lo),
        "hi": int(hi),
        "measures": AGENCY_MEASURES,
        "actions": AGENCY_ACTIONS,
        "staff": AGENCY_STAFF,
    }
    times = {"now": TICK_AT - timedelta(days=200), "reported": TICK_AT - timedelta(days=3)}
    database = Database(url)
    with database.engine.begin() as connection:
        for statement in _AGENCIES_SQL:
            connection.execute(text(statement.format(**numbers)), times)
    with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE"))
    database.dispose()


def run_tick(url: str) -> dict:
    """The scheduler's tick at `TICK_AT`, twice, in this (fresh) process: seconds (and this
    process's CPU seconds, the database's not counted) and SQL statements of each, pushes
    queued, peak RSS. A tick an hour before does the day's once-a-day work (the retention
    sweep) first, which is not the reminders'."""
    import threading

    from scheduler.jobs import run_due

    services = services_for(url, TICK_AT)
    counted = [0]
    me = threading.get_ident()

    def count(*_args) -> None:
        if threading.get_ident() == me:
            counted[0] += 1

    run_due(services_for(url, TICK_AT - timedelta(hours=1)))  # the day's once-a-day work
    event.listen(services.db.engine, "before_cursor_execute", count)
    found = {}
    for name in ("first", "next"):
        counted[0] = 0
        started, cpu = time.perf_counter(), time.process_time()
        results = run_due(services)
        found[name] = {
            "seconds": time.perf_counter() - started,
            "cpu": time.process_time() - cpu,
            "sql": counted[0],
            "queued": results[0].queued,
        }
    services.shutdown()
    found["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return found


def agencies_bench(url: str, sizes: list[int]) -> None:
    from sqlalchemy import text

    fresh_database(url)
    database = Database(url)
    database.upgrade()
    rows, built = [], 0
    for size in sorted(sizes):
        started = time.perf_counter()
        add_agencies(url, built + 2, size + 1)  # agency 1 is the deployment's, planless
        setup = time.perf_counter() - started
        built = size
        with database.engine.begin() as connection:
            connection.execute(text("DELETE FROM outboxmessage"))
            reports = connection.execute(text("SELECT count(*) FROM report")).scalar_one()
        done = subprocess.run(
            [sys.executable, __file__, "--tick", "--database", url],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        found = json.loads(done.stdout.strip().splitlines()[-1])
        first, following = found["first"], found["next"]
        rows.append(
            [
                f"{size:,}",
                f"{reports:,}",
                f"{first['seconds']:.2f} s",
                f"{first['cpu']:.2f} s",
                str(first["sql"]),
                f"{first['queued']:,}",
                f"{following['seconds']:.2f} s",
                f"{following['cpu']:.2f} s",
                str(following["sql"]),
                f"{found['rss']:.0f} MiB",
                f"{setup:.0f} s",
            ]
        )
        print(f"  measured: {size} agencies", file=sys.stderr, flush=True)
    database.dispose()
    print(f"machine: {machine()}")
    print(
        f"each agency: {AGENCY_STAFF} staff and a head, {AGENCY_MEASURES} measures ×"
        f" {AGENCY_ACTIONS} actions (each person owes 12), 12 months of reports (80 %);"
        f" the tick at {TICK_AT.isoformat()}"
    )
    print()
    header = [
        "agencies",
        "reports",
        "09:00 tick",
        "its CPU",
        "SQL statements",
        "pushes queued",
        "next tick",
        "its CPU",
        "its SQL",
        "peak RSS",
        "setup",
    ]
    print(table(header, rows))


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
    parser.add_argument(
        "--agencies", help="many agencies instead: the tick for each number (PostgreSQL)"
    )
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--tick", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(run_step(args.step, args.database)))
        return
    if args.tick:
        print(json.dumps(run_tick(args.database)))
        return
    if args.agencies:
        if not postgres_reachable(args.postgres):
            sys.exit(f"PostgreSQL not reachable at {args.postgres}")
        agencies_bench(args.postgres, [int(n) for n in args.agencies.split(",")])
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
