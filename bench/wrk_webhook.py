"""Webhook figures as wrk sees them: the load generator people reach for, beside the project's
own (bench/load.py, as in `bench/webhook_bench.py`), for the same time against the same
servers and the same fake LINE platform.

wrk (Debian's package `wrk`) keeps `--connections` connections busy for `--duration`
seconds, each sending the next request as soon as the answer to the last one is in (a
closed loop, no pipelining: the Lua script returns one request at a time). Its Lua script
(`bench/wrk_webhook.lua`) sends signed one-line reports made beforehand by this script,
each a distinct event (its own webhookEventId and reply token), from `--users` linked
staff in turn. `--tools own` sends the same kind of events with the project's own load
generator, 16 connections, for the same time. After the load stops, the inbox is drained:
handled/s counts every event acknowledged, from the load's start until the last reply is
at LINE; beside it, what was handled while the load ran and the pace after it stopped.

CPU per request while the load ran and per event handled after it stopped, from /proc:
the app's processes / the PostgreSQL backends of the bench's database (not the other
databases of the server) / wrk / this process (the fake LINE platform, the polling of
the inbox, and the own load's threads when it is the load).

    .venv/bin/python bench/wrk_webhook.py [--duration 10] [--connections 16] [--threads 2]
        [--users 200,1] [--databases postgresql,sqlite] [--workers 2] [--worker-processes 1]
        [--tools wrk,own] [--no-echo] [--patience SECONDS]

`--users 1`: every event from one person. Tidtam handles one chat's events one at a time,
in the order LINE sent them (a report, then its correction), so such a load is handled at
the pace of one chat, whatever the number of workers. `--patience`: the web workers' inbox
threads wait at most this long for a lull in requests (ack_first.py; 0.2 s) instead.

The PostgreSQL database (BENCH_DATABASE_URL, default the suite's `test`) is emptied.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import DEFAULT_POSTGRES, cpu_seconds, machine, percentile, table  # noqa: E402
from bench.load import webhook_request  # noqa: E402
from bench.webhook_bench import (  # noqa: E402
    CONNECTIONS,
    SECRET,
    WARM_UP,
    Server,
    Setup,
    acknowledge,
    bench_databases,
    bench_engine,
    describe,
    drain,
    make_events,
    post_all,
    prepare_tidtam,
    server_env,
)
from fakeline import FakeLine  # noqa: E402
from fakeline import events as ev  # noqa: E402
from fakeline.signing import signed_request  # noqa: E402
from messages_th.demo_content import BENCH_REPORT_LINE  # noqa: E402

LUA = ROOT / "bench" / "wrk_webhook.lua"
#: events made per second of the load: more than any setup here acknowledges, so that no
#: event is sent twice (a repeated webhookEventId would be acknowledged and not handled)
EVENTS_PER_SECOND = 4000
#: the loads: wrk, or the project's own load generator (bench/load.py) for the same time
TOOLS = ("wrk", "own")


@dataclass
class Cpu:
    """CPU seconds used in a phase: the app's processes, the PostgreSQL backends of the
    bench's database, wrk, and this process (the fake LINE platform, the polling, and the
    own load generator's threads when it is the load)."""

    app: float = 0.0
    postgres: float = 0.0
    wrk: float = 0.0
    bench: float = 0.0

    def per(self, events: int) -> str:
        """ms per event: app / PostgreSQL / wrk / this process."""
        parts = (self.app, self.postgres, self.wrk, self.bench)
        return " / ".join(f"{1000 * p / max(events, 1):.1f}" for p in parts)


@dataclass
class Run:
    setup: Setup
    users: int
    tool: str = "wrk"
    requests: int = 0
    rate: float = 0.0
    p50: str = ""
    p99: str = ""
    errors: int = 0
    handled_rate: float = 0.0
    #: events handled by the time the load stopped, and the pace of the rest after it stopped
    handled_during: int = 0
    drain_rate: float = 0.0
    #: inbox rows stored by the load (== requests: no event deduplicated)
    stored: int = 0
    load_seconds: float = 0.0
    load_cpu: Cpu = field(default_factory=Cpu)
    drain_cpu: Cpu = field(default_factory=Cpu)


def make_bodies(count: int, users: int, start_ms: int) -> list[list[dict]]:
    """Distinct one-line reports (webhookEventId, reply token), from `users` staff in turn."""
    return [
        [
            ev.text(
                f"Ubench{i % users:04d}",
                BENCH_REPORT_LINE.format(action=i % 3 + 1, percent=i % 101, n=i),
                timestamp_ms=start_ms + i,
            )
        ]
        for i in range(count)
    ]


def write_bodies(path: Path, bodies: list[list[dict]], fake: FakeLine) -> None:
    """One line per request: its signature, a tab, its body (compact JSON, one line)."""
    with path.open("wb") as out:
        for events in bodies:
            fake.expect(events)
            body, headers = signed_request(events, SECRET)
            out.write(headers["X-Line-Signature"].encode() + b"\t" + body + b"\n")


def wrk_command(port: int, args: argparse.Namespace) -> list[str]:
    return [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s",
        "--latency", "-s", str(LUA), f"http://127.0.0.1:{port}/callback",
    ]  # fmt: skip


def run_wrk(
    port: int, bodies: Path, args: argparse.Namespace, on_start: Callable[[int], None]
) -> str:
    """wrk's output; `on_start(its pid)` once its threads have read the bodies and its
    clock starts (its line "Running …", unbuffered by stdbuf): reading 4,000 bodies per
    second of the run takes its Lua a second or two, which is not load."""
    env = {**os.environ, "TIDTAM_WRK_BODIES": str(bodies), "TIDTAM_WRK_THREADS": str(args.threads)}
    command = ["stdbuf", "-oL", *wrk_command(port, args)]
    lines = []
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as wrk:
        assert wrk.stdout is not None
        for line in wrk.stdout:
            if line.startswith("Running"):
                on_start(wrk.pid)
            lines.append(line)
    if wrk.returncode:
        raise RuntimeError(f"wrk failed ({wrk.returncode}): {''.join(lines)}")
    return "".join(lines)


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


def measure(setup: Setup, tool: str, users: int, fake: FakeLine, env: dict[str, str], args) -> Run:
    if setup.tidtam:
        prepare_tidtam(setup.database, {**env, "DATABASE_URL": setup.database})
    env = {**env, "DATABASE_URL": setup.database or "sqlite:///:memory:"}
    if args.patience is not None:
        env["TIDTAM_BENCH_ACK_PATIENCE"] = str(args.patience)
    run = Run(setup, users, tool)
    fake.reset()
    scratch = Path(tempfile.mkdtemp(prefix="tidtam-wrk-"))
    try:
        with Server(setup, env) as server:
            start_ms = int(time.time() * 1000)
            acknowledge(server.port, fake, make_events(WARM_UP, start_ms - WARM_UP))
            if setup.tidtam:
                drain(setup.database)
            bodies = make_bodies(EVENTS_PER_SECOND * args.duration, users, start_ms)
            if tool == "wrk":
                path = scratch / "bodies.tsv"
                write_bodies(path, bodies, fake)
            at_start: dict[str, Any] = {}

            def start(wrk_pid: int | None = None) -> None:
                at_start["time"] = time.perf_counter()
                at_start["cpu"] = _cpu(server, setup.database)
                # wrk's reading of the bodies, before its clock started: not load
                at_start["wrk"] = cpu_seconds([wrk_pid]) if wrk_pid else 0.0

            if tool == "wrk":
                read_wrk(run_wrk(server.port, path, args, start), run)
            else:
                requests = [webhook_request(body, SECRET, server.port) for body in bodies]
                for body in bodies:
                    fake.expect(body)
                start()
                run.rate, latencies = post_all(server.port, requests, args.duration)
                run.requests = len(latencies)
                run.p50 = f"{percentile(latencies, 50) * 1000:.2f}ms"
                run.p99 = f"{percentile(latencies, 99) * 1000:.2f}ms"
            started, before = at_start["time"], at_start["cpu"]
            before = (*before[:2], before[2] + at_start["wrk"], before[3])
            stopped = time.perf_counter()
            run.load_seconds = stopped - started
            if run.requests > len(bodies):
                raise RuntimeError(f"{run.requests} requests sent, only {len(bodies)} were made")
            if setup.tidtam:
                stopping = _cpu(server, setup.database)
                run.load_cpu = _spent(before, stopping)
                run.handled_during = handled(setup.database) - WARM_UP
                drain(setup.database)
                finished = time.perf_counter()
                run.drain_cpu = _spent(stopping, _cpu(server, setup.database))
                # wrk counts the answers it read; those in flight as it stopped (up to one
                # per connection) were stored and handled too
                run.stored = stored(setup.database) - WARM_UP
                run.handled_rate = run.stored / (finished - started)
                run.drain_rate = (run.stored - run.handled_during) / (finished - stopped)
            else:
                run.load_cpu = _spent(before, _cpu(server, None))
                run.handled_rate = run.rate
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"  measured: {tool}, {describe(setup)}, {users} users", file=sys.stderr, flush=True)
    return run


def handled(database: str) -> int:
    """Events Tidtam has finished with (its inbox rows no longer pending)."""
    with bench_engine(database).connect() as connection:
        query = "SELECT count(*) FROM inboxevent WHERE status <> 'pending'"
        return int(connection.execute(text(query)).scalar() or 0)


def stored(database: str) -> int:
    with bench_engine(database).connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM inboxevent")).scalar() or 0)


# -- CPU, from /proc ---------------------------------------------------------------------

_Snapshot = tuple[dict[int, float], dict[int, float], float, float]


def _cpu(server: Server, database: str | None) -> _Snapshot:
    """CPU so far: the app's processes and the database's backends (each by pid), the
    children this process has waited for (wrk, once it ended), and this process."""
    pids = server.pids()  # by pgrep: a child this process waits for, so before rusage
    backends = _backends(database) if database and database.startswith("postgresql") else []
    me = resource.getrusage(resource.RUSAGE_SELF)
    waited = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (
        _by_pid(pids),
        _by_pid(backends),
        waited.ru_utime + waited.ru_stime,
        me.ru_utime + me.ru_stime,
    )


def _spent(before: _Snapshot, after: _Snapshot) -> Cpu:
    def delta(one: dict[int, float], two: dict[int, float]) -> float:
        return sum(seconds - one.get(pid, 0.0) for pid, seconds in two.items())

    return Cpu(
        delta(before[0], after[0]),
        delta(before[1], after[1]),
        after[2] - before[2],
        after[3] - before[3],
    )


def _by_pid(pids: list[int]) -> dict[int, float]:
    return {pid: cpu_seconds([pid]) for pid in pids}


def _backends(database: str) -> list[int]:
    """The PostgreSQL backends connected to the bench's database (not other databases'
    on the same server: other work on this machine uses them)."""
    with bench_engine(database).connect() as connection:
        query = "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        return [int(pid) for pid in connection.execute(text(query)).scalars()]


def report(runs: list[Run]) -> str:
    header = ["load", "setup", "users", "load s", "requests/s", "latency p50", "p99", "errors"]
    header += ["events stored", "handled/s", "handled while the load ran"]
    header += ["handled/s after it stopped"]
    header += ["CPU ms/request while the load ran: app / PostgreSQL / wrk / bench process"]
    header += ["CPU ms/event after: app / PostgreSQL / wrk / bench process"]
    rows = []
    for r in runs:
        drained = r.stored - r.handled_during
        rows.append(
            [
                r.tool,
                describe(r.setup),
                str(r.users),
                f"{r.load_seconds:.2f}",
                f"{r.rate:,.0f}",
                r.p50,
                r.p99,
                str(r.errors),
                f"{r.stored:,}" if r.setup.tidtam else "-",
                f"{r.handled_rate:,.0f}",
                f"{r.handled_during:,} of {r.stored:,}" if r.setup.tidtam else "-",
                f"{r.drain_rate:,.0f}" if r.setup.tidtam else "-",
                r.load_cpu.per(r.stored or r.requests),
                r.drain_cpu.per(drained) if r.setup.tidtam else "-",
            ]
        )
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
    parser.add_argument("--tools", default="wrk,own", help="wrk, own (bench/load.py) or both")
    parser.add_argument("--no-echo", action="store_true", help="without the echo bot's rows")
    parser.add_argument(
        "--patience",
        type=float,
        help="the inbox work's longest wait for a lull (ack_first.py; 0.2 s) in the web "
        "workers, to see what it changes (bench/ack_patience_wsgi.py)",
    )
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
    )
    args = parser.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    if "wrk" in tools and shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    users = [int(u) for u in args.users.split(",") if u]

    databases = bench_databases(args.databases, args.postgres)
    app = "wsgi:app" if args.patience is None else "bench.ack_patience_wsgi:app"
    setups = [] if args.no_echo else [Setup("echo bot", "bench.echo_bot:app", args.workers)]
    for database in databases:
        setups.append(Setup("Tidtam", app, args.workers, database))
        if args.worker_processes:
            setups.append(Setup("Tidtam", app, args.workers, database, args.worker_processes))

    fake = FakeLine(quota=10**9).start()
    env = server_env(fake)
    try:
        runs = [
            measure(setup, tool, n, fake, env, args)
            for setup in setups
            for n in (users if setup.tidtam else users[:1])
            for tool in tools
        ]
    finally:
        fake.stop()
    print(f"machine: {machine()}; {speed()}")
    print(
        f"wrk: {' '.join(wrk_command(0, args)).replace(':0/', ':PORT/')}; own: bench/load.py, "
        f"{CONNECTIONS} connections for {args.duration} s; one event per request, each "
        f"distinct; wrk, the fake LINE and PostgreSQL run on the same cores"
        + (f"; patience {args.patience} s" if args.patience is not None else "")
    )
    print()
    print(report(runs))


def speed() -> str:
    """How fast this machine is today: a plain loop of ten million additions."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return f"10M-addition loop {time.perf_counter() - started:.2f} s"


if __name__ == "__main__":
    main()
