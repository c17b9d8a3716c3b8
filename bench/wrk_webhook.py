"""Webhook figures as wrk sees them: the load generator people reach for, beside the project's
own (`bench/webhook_bench.py`), against the same servers and the same fake LINE platform.

wrk (Debian's package `wrk`) keeps `--connections` connections busy for `--duration`
seconds, each sending the next request as soon as the answer to the last one is in (a
closed loop, like the project's own ack phase, but for a fixed time and in C). Its Lua
script (`bench/wrk_webhook.lua`) sends signed one-line reports made beforehand by this
script, each a distinct event (its own webhookEventId and reply token), from `--users`
linked staff in turn. After wrk stops, the inbox is drained: handled/s counts every event
wrk had acknowledged, from wrk's start until the last reply is at LINE.

    .venv/bin/python bench/wrk_webhook.py [--duration 10] [--connections 16] [--threads 2]
        [--users 200,1] [--databases postgresql,sqlite] [--workers 2] [--worker-processes 1]

`--users 1`: every event from one person. Tidtam handles one chat's events one at a time,
in the order LINE sent them (a report, then its correction), so such a load is handled at
the pace of one chat, whatever the number of workers.

The PostgreSQL database (BENCH_DATABASE_URL, default the suite's `test`) is emptied.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import DEFAULT_POSTGRES, machine, postgres_reachable, table  # noqa: E402
from bench.webhook_bench import (  # noqa: E402
    SECRET,
    TOKEN,
    WARM_UP,
    Server,
    Setup,
    acknowledge,
    describe,
    drain,
    make_events,
    prepare_tidtam,
)
from fakeline import FakeLine  # noqa: E402
from fakeline import events as ev  # noqa: E402
from fakeline.signing import signed_request  # noqa: E402
from messages_th.demo_content import BENCH_REPORT_LINE  # noqa: E402

LUA = ROOT / "bench" / "wrk_webhook.lua"
#: events made per second of wrk's run: more than any setup here acknowledges, so that no
#: event is sent twice (a repeated webhookEventId would be acknowledged and not handled)
EVENTS_PER_SECOND = 4000


@dataclass
class Run:
    setup: Setup
    users: int
    requests: int = 0
    rate: float = 0.0
    p50: str = ""
    p99: str = ""
    errors: int = 0
    handled_rate: float = 0.0
    #: events handled by the time wrk stopped, and the pace of the rest after it stopped
    handled_during: int = 0
    drain_rate: float = 0.0


def write_bodies(path: Path, count: int, users: int, start_ms: int, fake: FakeLine) -> None:
    """One line per request: its signature, a tab, its body (compact JSON, one line)."""
    with path.open("wb") as out:
        for i in range(count):
            event = ev.text(
                f"Ubench{i % users:04d}",
                BENCH_REPORT_LINE.format(action=i % 3 + 1, percent=i % 101, n=i),
                timestamp_ms=start_ms + i,
            )
            fake.expect([event])
            body, headers = signed_request([event], SECRET)
            out.write(headers["X-Line-Signature"].encode() + b"\t" + body + b"\n")


def run_wrk(port: int, bodies: Path, args: argparse.Namespace) -> str:
    command = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s",
        "--latency", "-s", str(LUA), f"http://127.0.0.1:{port}/callback",
    ]  # fmt: skip
    env = {**os.environ, "TIDTAM_WRK_BODIES": str(bodies), "TIDTAM_WRK_THREADS": str(args.threads)}
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def read_wrk(output: str, run: Run) -> None:
    """wrk's own summary: requests, requests/s, the 50 % and 99 % latencies, errors."""
    run.requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    run.rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    run.p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)  # type: ignore[union-attr]
    run.p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    run.errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        run.errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))


def measure(setup: Setup, users: int, fake: FakeLine, env: dict[str, str], args) -> Run:
    if setup.tidtam:
        prepare_tidtam(setup.database, {**env, "DATABASE_URL": setup.database})
    env = {**env, "DATABASE_URL": setup.database or "sqlite:///:memory:"}
    run = Run(setup, users)
    fake.reset()
    scratch = Path(tempfile.mkdtemp(prefix="tidtam-wrk-"))
    try:
        with Server(setup, env) as server:
            start_ms = int(time.time() * 1000)
            acknowledge(server.port, fake, make_events(WARM_UP, start_ms - WARM_UP))
            if setup.tidtam:
                drain(setup.database)
            bodies = scratch / "bodies.tsv"
            count = EVENTS_PER_SECOND * args.duration
            write_bodies(bodies, count, users, start_ms, fake)
            started = time.perf_counter()
            read_wrk(run_wrk(server.port, bodies, args), run)
            stopped = time.perf_counter()
            if run.requests > count:
                raise RuntimeError(f"wrk sent {run.requests} requests, only {count} were made")
            if setup.tidtam:
                run.handled_during = handled(setup.database) - WARM_UP
                drain(setup.database)
                finished = time.perf_counter()
                run.handled_rate = run.requests / (finished - started)
                run.drain_rate = (run.requests - run.handled_during) / (finished - stopped)
            else:
                run.handled_rate = run.rate
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"  measured: {describe(setup)}, {users} users", file=sys.stderr, flush=True)
    return run


def handled(database: str) -> int:
    """Events Tidtam has finished with (its inbox rows no longer pending)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database)
    try:
        with engine.connect() as connection:
            query = "SELECT count(*) FROM inboxevent WHERE status <> 'pending'"
            return int(connection.execute(text(query)).scalar() or 0)
    finally:
        engine.dispose()


def report(runs: list[Run]) -> str:
    header = ["setup", "users", "wrk requests/s", "latency p50", "p99", "errors", "handled/s"]
    header += ["handled while wrk ran", "handled/s after wrk stopped"]
    rows = [
        [
            describe(r.setup),
            str(r.users),
            f"{r.rate:,.0f}",
            r.p50,
            r.p99,
            str(r.errors),
            f"{r.handled_rate:,.0f}",
            f"{r.handled_during:,} of {r.requests:,}" if r.setup.tidtam else "-",
            f"{r.drain_rate:,.0f}" if r.setup.tidtam else "-",
        ]
        for r in runs
    ]
    return table(header, rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--users", default="200,1")
    parser.add_argument("--databases", default="postgresql,sqlite")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-processes", type=int, default=1)
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    users = [int(u) for u in args.users.split(",") if u]

    databases = []
    scratch = tempfile.mkdtemp(prefix="tidtam-bench-")
    for name in args.databases.split(","):
        if name == "sqlite":
            databases.append(f"sqlite:///{scratch}/bench.sqlite3")
        elif name == "postgresql" and postgres_reachable(args.postgres):
            databases.append(args.postgres)
    setups = [Setup("echo bot", "bench.echo_bot:app", args.workers)]
    for database in databases:
        setups.append(Setup("Tidtam", "wsgi:app", args.workers, database))
        if args.worker_processes:
            setups.append(
                Setup("Tidtam", "wsgi:app", args.workers, database, args.worker_processes)
            )

    fake = FakeLine(quota=10**9).start()
    env = {
        **os.environ,
        "LINE_CHANNEL_SECRET": SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "LINE_API_BASE_URL": fake.url,
        "LINE_DATA_API_BASE_URL": fake.url,
        "TIDTAM_WORKER_THREADS": "4",
        "TIDTAM_CLOCK_START": "2022-01-20T10:00:00+07:00",
        "PYTHONPATH": str(ROOT),
    }
    try:
        runs = [
            measure(setup, n, fake, env, args)
            for setup in setups
            for n in (users if setup.tidtam else users[:1])
        ]
    finally:
        fake.stop()
    print(f"machine: {machine()}")
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency, "
        f"one event per request, each event distinct; the fake LINE runs on the same cores"
    )
    print()
    print(report(runs))


if __name__ == "__main__":
    main()
