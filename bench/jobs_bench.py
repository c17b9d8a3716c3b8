"""Jobs benchmark: the reminder and summary jobs for a large agency, and the outbox's rate.

An agency of N staff and 100 measures (5 actions each) with 12 months of reports (80 % of
actions reported each month). For N = 200 and N = 2,000: how long the reminder job and the
summary take and how many SQL statements they issue (the count must not grow with N).
Then how fast the outbox delivers the reminders to the fake LINE platform.

    .venv/bin/python bench/jobs_bench.py [--database URL]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, text  # noqa: E402

from clock import FrozenClock  # noqa: E402
from delivery.outbox_sender import OutboxSender  # noqa: E402
from fakeline import FakeLine  # noqa: E402
from messages_th.thai_calendar import fiscal_months  # noqa: E402
from models.db import Database  # noqa: E402
from models.plan import plan_tree  # noqa: E402
from models.progress import Report  # noqa: E402
from models.staff import PinnedMeasure, Role, Staff  # noqa: E402
from planimport.data import ActionData, MeasureData, PlanData  # noqa: E402
from planimport.store import save_plan  # noqa: E402
from scheduler.follow_up import summary_for  # noqa: E402
from scheduler.jobs import remind  # noqa: E402
from services import Services  # noqa: E402
from settings import Settings  # noqa: E402

BANGKOK = ZoneInfo("Asia/Bangkok")
DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/tidtam_bench_jobs"
MEASURES, ACTIONS = 100, 5
#: stage 2 of January 2565's reminders (the meeting is on Monday 31 January)
REMIND_AT = datetime(2022, 1, 27, 9, 5, tzinfo=BANGKOK)
SUMMARY_AT = datetime(2022, 1, 28, 8, 35, tzinfo=BANGKOK)


def reset(url: str) -> None:
    database = Database(url)
    if url.startswith("postgresql"):
        with database.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    database.upgrade()
    database.dispose()


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


def measured(services: Services, job) -> tuple[float, int, object]:
    count = [0]

    def counter(*_args) -> None:
        count[0] += 1

    event.listen(services.db.engine, "before_cursor_execute", counter)
    try:
        started = time.perf_counter()
        with services.db.session() as session:
            result = job(session)
            session.rollback()  # measure, do not keep
        return time.perf_counter() - started, count[0], result
    finally:
        event.remove(services.db.engine, "before_cursor_execute", counter)


def run_size(url: str, fake: FakeLine, staff_count: int, *, deliver: bool) -> list[str]:
    """Build the agency, time both jobs, and (once) the outbox; returns the table's cells."""
    reset(url)
    clock = FrozenClock(REMIND_AT)
    settings = Settings(
        _env_file=None,
        database_url=url,
        line_channel_secret="s",
        line_channel_access_token="t",
        line_api_base_url=fake.url,
        line_data_api_base_url=fake.url,
    )
    services = Services(settings, clock)
    try:
        build_agency(services, staff_count)
        remind_s, remind_sql, ran = measured(services, lambda s: remind(s, REMIND_AT))
        summary_s, summary_sql, _ = measured(
            services, lambda s: summary_for(s, SUMMARY_AT, BANGKOK)
        )
        cells = [
            str(staff_count),
            f"{remind_s:.2f}",
            str(remind_sql),
            str(ran.queued),
            f"{summary_s:.2f}",
            str(summary_sql),
        ]
        if deliver:
            with services.db.session() as session:
                remind(session, REMIND_AT)  # queue them for real this time
            fake.reset()
            started = time.perf_counter()
            stats = OutboxSender(services.db, lambda: services.line, clock).send_due()
            elapsed = time.perf_counter() - started
            cells.append(f"{stats.sent} pushes in {elapsed:.1f} s = {stats.sent / elapsed:.0f}/s")
        return cells
    finally:
        services.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE))
    args = parser.parse_args()
    _ensure(args.database)
    fake = FakeLine(quota=10**9).start()
    print(
        f"machine: {os.cpu_count()} cores; database: {args.database.split(':')[0]}; "
        f"{MEASURES} measures × {ACTIONS} actions, 12 months of reports"
    )
    columns = (
        "staff",
        "remind s",
        "remind SQL",
        "queued",
        "summary s",
        "summary SQL",
        "outbox (1 sender)",
    )
    print("".join(f"{c:>13}" for c in columns))
    for staff_count in (200, 2000):
        cells = run_size(args.database, fake, staff_count, deliver=staff_count == 2000)
        print("".join(f"{c:>13}" for c in cells[:6]) + (f"   {cells[6]}" if len(cells) > 6 else ""))
    fake.stop()


def _ensure(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine

    server, name = url.rsplit("/", 1)
    engine = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).first():
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


if __name__ == "__main__":
    main()
