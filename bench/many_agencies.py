"""Many agencies in one PostgreSQL database, for the benchmarks of issue 21.

N agencies (default 1,000), each connected (its channel secret and access token sealed
with a Fernet key, its bot's user ID), each with the seed plan, 30 staff (an admin, a
head, 28 staff; all linked to LINE, all reporting on measure 1 and one more) and 12
months of current reports on all 12 actions (144 per agency; 144,000 at 1,000).

The plan is imported once, for agency no. 1, through the real importer
(`usecases.plan.import_plan`); its rows are then copied to every other agency by one
`INSERT … SELECT` per table over `generate_series`, an id `i` of agency 1 becoming
`i + (a - 1) × stride` in agency `a` (the stride: the table's largest id), foreign keys
alike. Staff, pinned measures and reports are one `INSERT … SELECT` each. Nothing is
looped over agencies in Python but the sealing of their credentials (one executemany).

Each agency's channel is derived from its number (`channel(n)`), so a benchmark that
made the database can sign for any agency without reading it back. Agency no. 1 stays
the deployment's own (`env`: the channel in LINE_CHANNEL_SECRET / _ACCESS_TOKEN).

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test_scale \\
        .venv/bin/python bench/many_agencies.py [--agencies 1000] [--staff 30]

The database's public schema is dropped and made again.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Connection, Engine, create_engine, inspect, text  # noqa: E402

from bench.common import fresh_database, machine  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test_scale"
SEED_PLAN = ROOT / "examples" / "measures-2565-bang-krabue.txt"
#: the seed plan's fiscal year, 2565: October 2021 to September 2022
FIRST_MONTH = "2021-10-01"
LAST_MONTH = "2022-09-01"
#: the plan's tables, parents first: copied from agency no. 1 to every other agency
PLAN_TABLES = ["plan", "unit", "indicator", "recommendation", "measure", "measureunit", "action"]
#: the deployment's own channel (agency no. 1's), as the benchmarks' environment sets it
DEPLOYMENT_SECRET = "bench-channel-secret"
DEPLOYMENT_TOKEN = "bench-access-token"


@dataclass(frozen=True)
class Channel:
    """An agency's LINE channel as the fake LINE platform and the load generator know it."""

    number: int
    slug: str
    secret: str
    access_token: str
    bot_user_id: str

    @property
    def path(self) -> str:
        return "/callback" if self.number == 1 else f"/callback/{self.slug}"


def channel(n: int) -> Channel:
    """Agency no. `n`'s channel, derived from `n` alone (no. 1: the deployment's own)."""
    if n == 1:
        return Channel(1, "main", DEPLOYMENT_SECRET, DEPLOYMENT_TOKEN, "U" + "0" * 32)
    digest = hashlib.sha256(f"tidtam-bench-agency-{n}".encode()).hexdigest()
    return Channel(n, f"agency-{n:04d}", digest[:32], f"token-{digest[32:]}", "U" + digest[:32])


def line_user_id(agency: int, person: int) -> str:
    """The LINE user ID of staff member `person` (1-based) of agency `agency`: distinct
    across agencies (what the generator's SQL makes too)."""
    return f"U{agency:08x}{person:024x}"


@dataclass
class Generated:
    agencies: int
    staff: int
    key: str  # the Fernet key the credentials are sealed with (TIDTAM_CREDENTIALS_KEYS)
    seconds: dict[str, float]
    rows: dict[str, int]


def generate(url: str, agencies: int = 1000, staff: int = 30, key: str | None = None) -> Generated:
    """Empty the database at `url` and fill it (see the module's docstring)."""
    from models.credentials import Sealer, new_key

    key = key or new_key()
    seconds: dict[str, float] = {}

    def step(name: str, call: Callable[[], None]) -> None:
        started = time.perf_counter()
        call()
        seconds[name] = time.perf_counter() - started
        print(f"  {name}: {seconds[name]:.1f} s", file=sys.stderr, flush=True)

    step("empty the database", lambda: fresh_database(url))
    step("db upgrade, plan import (agency 1)", lambda: _upgrade_and_import(url, key))
    engine = create_engine(url)
    try:
        sealer = Sealer([key])
        with engine.begin() as connection:
            # the rows are consistent by construction: no foreign-key trigger per row
            # (superuser only; checked afterwards by `check`)
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            step("agencies (sealed credentials)", lambda: _agencies(connection, sealer, agencies))
            step("plans copied", lambda: _copy_plans(engine, connection, agencies))
            step("staff and pinned measures", lambda: _staff(connection, staff))
            step("reports", lambda: _reports(connection))
        step("vacuum, analyze", lambda: _analyze(engine))
        step("foreign keys checked", lambda: check(engine))
        rows = _counts(engine)
    finally:
        engine.dispose()
    return Generated(agencies, staff, key, seconds, rows)


def _upgrade_and_import(url: str, key: str) -> None:
    from bot import create_app
    from planimport import read_file
    from settings import Settings
    from usecases import plan
    from usecases.actor import COMMAND_LINE

    settings = Settings(
        _env_file=None,
        database_url=url,
        line_channel_secret=DEPLOYMENT_SECRET,
        line_channel_access_token=DEPLOYMENT_TOKEN,
        credentials_keys=key,
    )
    running = create_app(settings).extensions["tidtam"]
    try:
        running.db.upgrade()
        data = read_file(SEED_PLAN).plan
        with running.db.session() as session:
            plan.import_plan(session, COMMAND_LINE, data, SEED_PLAN.name, running.clock.now())
    finally:
        running.shutdown()


def _agencies(connection: Connection, sealer: object, agencies: int) -> None:
    """Agencies 2..N, connected: sealed secret and token, bot user ID, webhook URL."""
    rows = []
    for n in range(2, agencies + 1):
        c = channel(n)
        rows.append(
            {
                "id": n,
                "slug": c.slug,
                "name": f"Bench agency {n}",
                "basic_id": f"@bench{n:04d}",
                "bot": c.bot_user_id,
                "secret": sealer.seal(c.secret),  # type: ignore[attr-defined]
                "token": sealer.seal(c.access_token),  # type: ignore[attr-defined]
                "url": f"https://tidtam.example/callback/{c.slug}",
            }
        )
    if rows:
        connection.execute(
            text(
                "INSERT INTO agency (id, slug, name, basic_id, bot_user_id, channel_secret,"
                " access_token, state, webhook_url, webhook_tested_at, created_at)"
                " VALUES (:id, :slug, :name, :basic_id, :bot, :secret, :token, 'connected',"
                " :url, now(), now())"
            ),
            rows,
        )
    connection.execute(
        text("SELECT setval(pg_get_serial_sequence('agency', 'id'), max(id)) FROM agency")
    )


def _copy_plans(engine: Engine, connection: Connection, agencies: int) -> None:
    """Agency no. 1's plan rows copied to agencies 2..N, table by table, ids shifted."""
    inspector = inspect(engine)
    stride: dict[str, int] = {}
    for table in PLAN_TABLES:
        columns = [c["name"] for c in inspector.get_columns(table)]
        references = {
            fk["constrained_columns"][0]: fk["referred_table"]
            for fk in inspector.get_foreign_keys(table)
            if len(fk["constrained_columns"]) == 1
        }
        if "id" in columns:
            stride[table] = int(
                connection.execute(text(f'SELECT coalesce(max(id), 0) FROM "{table}"')).scalar()
                or 0
            )
        values = []
        for column in columns:
            if column == "agency_id":
                values.append("a")
            elif column == "id":
                values.append(f"t.id + (a - 1) * {stride[table]}")
            elif references.get(column) in stride:
                values.append(f't."{column}" + (a - 1) * {stride[references[column]]}')
            else:
                values.append(f't."{column}"')
        names = ", ".join(f'"{c}"' for c in columns)
        connection.execute(
            text(
                f'INSERT INTO "{table}" ({names}) SELECT {", ".join(values)}'
                f' FROM "{table}" t CROSS JOIN generate_series(2, :n) a WHERE t.agency_id = 1'
            ),
            {"n": agencies},
        )
        if "id" in columns:
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id))"
                    f' FROM "{table}"'
                )
            )


def _staff(connection: Connection, staff: int) -> None:
    """`staff` people per agency, linked to LINE: no. 1 the admin, no. 2 the head; each
    pinned to measure 1 and to measure 2 or 3."""
    connection.execute(
        text(
            "INSERT INTO staff (name, role, unit_id, line_user_id, active, created_at,"
            " linked_at, agency_id)"
            " SELECT 'staff-' || s,"
            "  CASE s WHEN 1 THEN 'admin' WHEN 2 THEN 'head' ELSE 'staff' END,"
            "  u.unit_id, 'U' || lpad(to_hex(u.agency_id), 8, '0') || lpad(to_hex(s), 24, '0'),"
            "  true, now(), now(), u.agency_id"
            " FROM (SELECT agency_id, min(id) AS unit_id FROM unit GROUP BY agency_id) u"
            " CROSS JOIN generate_series(1, :staff) s ORDER BY u.agency_id, s"
        ),
        {"staff": staff},
    )
    connection.execute(
        text(
            "INSERT INTO pinnedmeasure (staff_id, measure_no, agency_id)"
            " SELECT id, 1, agency_id FROM staff"
            " UNION ALL SELECT id, 2 + id % 2, agency_id FROM staff"
        )
    )


def _reports(connection: Connection) -> None:
    """A current report on every action for every month of the fiscal year, by a staff
    member of the action's agency; progress grows month by month."""
    connection.execute(
        text(
            "INSERT INTO report (action_id, month, status, percent, detail, staff_id,"
            " reported_at, source, replaces_id, superseded_at, agency_id)"
            " SELECT a.id, m.month::date,"
            "  CASE WHEN m.k = 11 THEN 'done' ELSE 'in_progress' END,"
            "  CASE WHEN m.k = 11 THEN 100 ELSE 5 + 8 * m.k END,"
            "  'bench report ' || a.id || ' ' || m.k, s.id, m.month + interval '20 days',"
            "  'line', NULL, NULL, a.agency_id"
            " FROM action a"
            " CROSS JOIN (SELECT month, (row_number() OVER (ORDER BY month) - 1)::int AS k"
            "  FROM generate_series(CAST(:first AS date), CAST(:last AS date),"
            "   interval '1 month') month) m"
            " JOIN staff s ON s.agency_id = a.agency_id AND s.name = 'staff-' || (3 + a.id % 28)"
            " ORDER BY a.agency_id, a.id, m.month"
        ),
        {"first": FIRST_MONTH, "last": LAST_MONTH},
    )


def _analyze(engine: Engine) -> None:
    """Fresh statistics, so the planner knows the tables' new sizes, and the new rows
    vacuumed now: else autovacuum does it on the benchmark's cores while it measures."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE)"))


#: (table, column, referred table): every foreign key the generator fills
REFERENCES = [
    ("indicator", "plan_id", "plan"),
    ("recommendation", "plan_id", "plan"),
    ("measure", "plan_id", "plan"),
    ("measure", "unit_id", "unit"),
    ("measureunit", "measure_id", "measure"),
    ("measureunit", "unit_id", "unit"),
    ("action", "measure_id", "measure"),
    ("staff", "unit_id", "unit"),
    ("pinnedmeasure", "staff_id", "staff"),
    ("report", "action_id", "action"),
    ("report", "staff_id", "staff"),
]


def check(engine: Engine) -> None:
    """Every reference the generator made points at a row of the same agency (the
    foreign-key triggers were off while it wrote)."""
    with engine.connect() as connection:
        for table, column, referred in REFERENCES:
            bad = connection.execute(
                text(
                    f'SELECT count(*) FROM "{table}" t LEFT JOIN "{referred}" r'
                    f' ON r.id = t."{column}" AND r.agency_id = t.agency_id'
                    f' WHERE t."{column}" IS NOT NULL AND r.id IS NULL'
                )
            ).scalar()
            if bad:
                raise RuntimeError(f"{bad} rows of {table}.{column} point nowhere")


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: int(connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar() or 0)
            for table in ["agency", *PLAN_TABLES, "staff", "pinnedmeasure", "report"]
        }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--staff", type=int, default=30)
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    if not args.url.startswith("postgresql"):
        sys.exit("many_agencies.py fills a PostgreSQL database (BENCH_DATABASE_URL)")
    started = time.perf_counter()
    made = generate(args.url, args.agencies, args.staff)
    total = time.perf_counter() - started
    print(f"machine: {machine()}")
    print(f"{made.agencies:,} agencies x {made.staff} staff in {total:.1f} s")
    for name, taken in made.seconds.items():
        print(f"  {name}: {taken:.1f} s")
    for table, count in made.rows.items():
        print(f"  {table}: {count:,} rows")


if __name__ == "__main__":
    main()
