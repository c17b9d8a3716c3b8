"""Webhook benchmark: Tidtam next to a minimal line-bot-sdk echo bot on the same server.

Each setup runs under gunicorn (gthread, 8 threads; 1 or 2 workers) against one fake LINE
platform in this process; Tidtam on SQLite and on PostgreSQL, with its web workers doing
the work, and with web workers that only acknowledge beside one or two `nice`d worker
processes.
Staff send one-line reports (measure, action, percent, detail) from 200 linked accounts.

Each setup first handles 200 events, not measured: a server that has just started opens
its pooled connections and compiles its statements with its first events.

- ack: signed events posted as fast as 16 connections allow; events/s and time to the 200.
- handled/s: events fully handled (report recorded, reply at LINE) per second, from the
  first post until the inbox is empty (the echo bot replies before it answers: its ack).
- reply @ N/s: events posted at a steady N per second; time from the post until the reply
  reaches the fake LINE platform (p50/p99).
- peak RSS: the largest resident set of a worker process during the run.
- CPU ms/event @100/s: read from /proc around the steady 100/s phase, per event: the app's
  processes, PostgreSQL's (the server on this machine, whoever else uses it), and this
  process (the load and the fake LINE platform). Two cores give 2,000 ms a second.

    .venv/bin/python bench/webhook_bench.py [--events 1200] [--rates 25,50,100,200]
        [--seconds 4] [--databases sqlite,postgresql] [--workers 1,2]
        [--worker-processes 1]

The PostgreSQL database (BENCH_DATABASE_URL, default the suite's `test`) has its public
schema dropped and made again.
"""

from __future__ import annotations

import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    DEFAULT_POSTGRES,
    children,
    cpu_seconds,
    free_port,
    fresh_database,
    machine,
    peak_rss_mib,
    percentile,
    postgres_pids,
    postgres_reachable,
    table,
)
from bench.load import Connection, webhook_request  # noqa: E402
from fakeline import FakeLine  # noqa: E402
from fakeline import events as ev  # noqa: E402
from messages_th.demo_content import BENCH_REPORT_LINE, UNIT  # noqa: E402

SECRET = "bench-channel-secret"
TOKEN = "bench-access-token"
STAFF = 200
CONNECTIONS = 16
#: the steady rate at which the CPU each event costs is read from /proc
CPU_RATE = 100
#: events each setup handles before it is measured (a server that has just started)
WARM_UP = 200


@dataclass
class Setup:
    name: str
    app: str
    workers: int
    database: str | None = None
    #: web workers only acknowledge and this many `bot.py worker` processes do the work
    worker_processes: int = 0

    @property
    def split(self) -> bool:
        return self.worker_processes > 0

    @property
    def tidtam(self) -> bool:
        return self.database is not None


@dataclass
class Result:
    setup: Setup
    ack_rate: float = 0.0
    ack_p50: float = 0.0
    ack_p99: float = 0.0
    handled_rate: float = 0.0
    replies: dict[int, tuple[float, float, str]] = field(default_factory=dict)
    #: CPU ms per event at CPU_RATE: (the app's processes, PostgreSQL, this process)
    cpu: tuple[float, float, float] = (0.0, 0.0, 0.0)
    peak_rss: float = 0.0


# -- the servers -----------------------------------------------------------------------


def prepare_tidtam(database: str, env: dict[str, str]) -> None:
    """A fresh schema, the seed plan, and 200 linked staff who report on measure 1."""
    close_bench_engines()
    fresh_database(database)

    def run(*args: str) -> None:
        subprocess.run(
            [sys.executable, "bot.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
        )

    run("db", "upgrade")
    run("plan", "import", "examples/measures-2565-bang-krabue.txt")
    from bot import create_app
    from models.plan import get_or_create_unit
    from models.staff import Role, add_staff
    from settings import Settings

    app = create_app(
        Settings(
            _env_file=None,
            database_url=database,
            line_channel_secret=SECRET,
            line_channel_access_token=TOKEN,
        )
    )
    running = app.extensions["tidtam"]
    with running.db.session() as session:
        unit = get_or_create_unit(session, UNIT)
        for n in range(STAFF):
            person = add_staff(
                session,
                name=f"staff-{n}",
                role=Role.STAFF,
                unit=unit,
                measure_numbers=[1],
                now=running.clock.now(),
            )
            person.line_user_id = f"Ubench{n:04d}"
            session.add(person)
    running.shutdown()


class Server:
    """gunicorn with the setup's app and workers, and its worker processes if it has any."""

    def __init__(self, setup: Setup, env: dict[str, str]) -> None:
        self.setup = setup
        self.port = free_port()
        self.env = {**env, "TIDTAM_WEB_WORKS_INBOX": "0" if setup.split else "1"}
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> Server:
        gunicorn = [
            sys.executable, "-m", "gunicorn", "-w", str(self.setup.workers), "-k", "gthread",
            "--threads", "8", "-b", f"127.0.0.1:{self.port}", "--log-level", "warning",
            self.setup.app,
        ]  # fmt: skip
        self.processes.append(self._start(gunicorn))
        for _ in range(self.setup.worker_processes):
            worker = ["nice", "-n", "10", sys.executable, "bot.py", "worker"]
            self.processes.append(self._start(worker))
        self._wait_listening()
        return self

    def __exit__(self, *exc: object) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)

    def peak_rss(self) -> float:
        return peak_rss_mib(self.pids())

    def pids(self) -> list[int]:
        pids = [p.pid for p in self.processes]
        return pids + [c for p in pids for c in children(p)]

    def _start(self, command: list[str]) -> subprocess.Popen:
        return subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def _wait_listening(self) -> None:
        for _ in range(300):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                connection.request("GET", "/healthz")
                connection.getresponse().read()
                time.sleep(1.0)  # every worker up, not only the first
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.setup.name} did not start")


# -- the load --------------------------------------------------------------------------


def make_events(count: int, start_ms: int) -> list[list[dict]]:
    return [
        [
            ev.text(
                f"Ubench{i % STAFF:04d}",
                BENCH_REPORT_LINE.format(action=i % 3 + 1, percent=i % 101, n=i),
                timestamp_ms=start_ms + i,
            )
        ]
        for i in range(count)
    ]


def post(connection: Connection, request: bytes) -> float:
    started = time.perf_counter()
    status = connection.post(request)
    if status != 200:
        raise RuntimeError(f"status {status}")
    return time.perf_counter() - started


def acknowledge(
    port: int, fake: FakeLine, bodies: list[list[dict]], seconds: float | None = None
) -> tuple[float, list[float]]:
    """Post everything as fast as the connections allow, or only what they post in
    `seconds`: (events/s, latencies)."""
    for body in bodies:
        fake.expect(body)
    return post_all(port, [webhook_request(body, SECRET, port) for body in bodies], seconds)


def post_all(
    port: int, requests: list[bytes], seconds: float | None = None
) -> tuple[float, list[float]]:
    """`acknowledge` once the requests are made and signed (the clock starts here)."""
    latencies: list[float] = []
    lock = threading.Lock()
    work = iter(requests)
    started = time.perf_counter()
    deadline = float("inf") if seconds is None else started + seconds

    def client() -> None:
        connection = Connection(port)
        while time.perf_counter() < deadline:
            with lock:
                request = next(work, None)
            if request is None:
                break
            elapsed = post(connection, request)
            with lock:
                latencies.append(elapsed)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies) / (time.perf_counter() - started), latencies


_ENGINES: dict[str, Engine] = {}


def bench_engine(database: str) -> Engine:
    """One engine (one pooled connection) per database for the benchmark's own questions:
    a new engine per question would open a connection, and PostgreSQL start a backend,
    at every poll while the work it measures is under way."""
    from sqlalchemy import create_engine

    if database not in _ENGINES:
        _ENGINES[database] = create_engine(database, pool_size=1, max_overflow=0)
    return _ENGINES[database]


def close_bench_engines() -> None:
    """Before a database is made again: a pooled SQLite connection would still read the
    removed file."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()


def pending(database: str) -> int:
    with bench_engine(database).connect() as connection:
        query = "SELECT count(*) FROM inboxevent WHERE status = 'pending'"
        return int(connection.execute(text(query)).scalar() or 0)


def drain(database: str, timeout: float = 600) -> None:
    """Until Tidtam's inbox has nothing pending (its workers handled everything)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if not pending(database):
            return
        time.sleep(0.05)
    raise RuntimeError("the inbox did not drain")


def steady(port: int, fake: FakeLine, rate: int, seconds: int, start_ms: int) -> tuple:
    """Post `rate` events a second; (p50, p99) from post to reply at LINE, and how many."""
    bodies = make_events(rate * seconds, start_ms)
    for body in bodies:
        fake.expect(body)
    requests = [(body[0]["replyToken"], webhook_request(body, SECRET, port)) for body in bodies]
    sent_at: dict[str, float] = {}
    lock = threading.Lock()
    senders = min(20, rate)
    start = time.perf_counter() + 0.2

    def sender(offset: int) -> None:
        connection = Connection(port)
        for k, (token, request) in enumerate(requests[offset::senders]):
            delay = start + (offset + k * senders) / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            with lock:
                sent_at[token] = time.monotonic()
            post(connection, request)
        connection.close()

    threads = [threading.Thread(target=sender, args=(i,)) for i in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    def replies() -> list:
        return [
            r
            for r in fake.requests_to("/message/reply", ok_only=True)
            if r.body["replyToken"] in sent_at
        ]

    fake.wait_for(lambda f: len(replies()) >= len(sent_at), timeout=300)
    delays = [r.at - sent_at[r.body["replyToken"]] for r in replies()]
    return percentile(delays, 50), percentile(delays, 99), f"{len(delays)}/{len(sent_at)}"


def measure(setup: Setup, fake: FakeLine, env: dict[str, str], args) -> Result:
    if setup.tidtam:
        prepare_tidtam(setup.database, {**env, "DATABASE_URL": setup.database})
    env = {**env, "DATABASE_URL": setup.database or "sqlite:///:memory:"}
    result = Result(setup)
    fake.reset()
    with Server(setup, env) as server:
        start_ms = int(time.time() * 1000)
        # warm: pooled connections opened, statements compiled, code loaded, in each worker
        acknowledge(server.port, fake, make_events(WARM_UP, start_ms - WARM_UP))
        if setup.tidtam:
            drain(setup.database)
        bodies = make_events(args.events, start_ms)
        for body in bodies:
            fake.expect(body)
        # made and signed before handled/s's clock starts (some 0.1-0.5 s for 1,200)
        requests = [webhook_request(body, SECRET, server.port) for body in bodies]
        started = time.perf_counter()
        result.ack_rate, latencies = post_all(server.port, requests)
        result.ack_p50, result.ack_p99 = percentile(latencies, 50), percentile(latencies, 99)
        if setup.tidtam:
            drain(setup.database)
            result.handled_rate = args.events / (time.perf_counter() - started)
        else:
            result.handled_rate = result.ack_rate
        offset = start_ms + args.events
        for rate in args.rates:
            used = _cpu(server)
            result.replies[rate] = steady(server.port, fake, rate, args.seconds, offset)
            offset += rate * args.seconds
            if setup.tidtam:
                drain(setup.database)
            if rate == CPU_RATE:
                events = rate * args.seconds
                result.cpu = tuple(  # type: ignore[assignment]
                    1000 * (after - before) / events
                    for before, after in zip(used, _cpu(server), strict=True)
                )
        result.peak_rss = server.peak_rss()
    print(f"  measured: {describe(setup)}", file=sys.stderr, flush=True)
    return result


def _cpu(server: Server) -> tuple[float, float, float]:
    """CPU seconds so far: the app's processes, PostgreSQL's, and this one (the load and
    the fake LINE platform)."""
    return (
        cpu_seconds(server.pids()),
        cpu_seconds(postgres_pids()),
        cpu_seconds([os.getpid()]),
    )


# -- what the setups run on -------------------------------------------------------------


def bench_databases(names: str, postgres: str) -> list[str]:
    """The database URLs for `--databases sqlite,postgresql`: a fresh SQLite file, and
    PostgreSQL where it is reachable (skipped with a word otherwise)."""
    databases = []
    scratch = tempfile.mkdtemp(prefix="tidtam-bench-")
    for name in names.split(","):
        if name == "sqlite":
            databases.append(f"sqlite:///{scratch}/bench.sqlite3")
        elif name == "postgresql" and postgres_reachable(postgres):
            databases.append(postgres)
        elif name == "postgresql":
            print(f"PostgreSQL not reachable at {postgres}: skipped", file=sys.stderr)
    return databases


def server_env(fake: FakeLine) -> dict[str, str]:
    """The servers' environment: the bench's channel on the fake LINE platform, a clock
    fixed in a working month, 4 inbox threads."""
    return {
        **os.environ,
        "LINE_CHANNEL_SECRET": SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "LINE_API_BASE_URL": fake.url,
        "LINE_DATA_API_BASE_URL": fake.url,
        "TIDTAM_WORKER_THREADS": "4",
        "TIDTAM_CLOCK_START": "2022-01-20T10:00:00+07:00",
        "PYTHONPATH": str(ROOT),
    }


# -- the report ------------------------------------------------------------------------


def describe(setup: Setup) -> str:
    database = (setup.database or "").split(":", 1)[0].split("+")[0] or "-"
    count = setup.worker_processes
    split = f" + {count} worker process{'es' * (count > 1)}" if count else ""
    return f"{setup.name} ({database}, {setup.workers} worker{'s' * (setup.workers > 1)}{split})"


def report(results: list[Result], rates: list[int]) -> str:
    header = ["setup", "ack/s", "ack p50", "ack p99", "handled/s"]
    header += [f"reply @{r}/s p50 / p99" for r in rates] + ["peak RSS"]
    if CPU_RATE in rates:
        header.append(f"CPU ms/event @{CPU_RATE}/s: app / PostgreSQL / load+fake")
    rows = []
    for r in results:
        cells = [
            describe(r.setup),
            f"{r.ack_rate:,.0f}",
            f"{r.ack_p50 * 1000:.0f} ms",
            f"{r.ack_p99 * 1000:.0f} ms",
            f"{r.handled_rate:,.0f}",
        ]
        for rate in rates:
            p50, p99, _ = r.replies[rate]
            cells.append(f"{_ms(p50)} / {_ms(p99)}")
        cells.append(f"{r.peak_rss:.0f} MiB")
        if CPU_RATE in rates:
            cells.append(" / ".join(f"{ms:.1f}" for ms in r.cpu))
        rows.append(cells)
    return table(header, rows)


def verdicts(results: list[Result], rates: list[int]) -> list[str]:
    """The aims of issues 3 and 8, judged from the numbers above."""
    lines = []
    echo = {r.setup.workers: r for r in results if not r.setup.tidtam}
    for r in (r for r in results if r.setup.tidtam):
        base = echo.get(r.setup.workers)
        if base is None:
            continue
        lines.append(
            f"{describe(r.setup)}: acknowledges {r.ack_rate / base.ack_rate:.2f}× and handles "
            f"{r.handled_rate / base.handled_rate:.2f}× the echo bot's events/s"
        )
    tidtam = [r for r in results if r.setup.tidtam]
    if tidtam:
        meeting = [r for r in tidtam if r.ack_rate >= 1000 and r.ack_p99 < 0.050]
        fastest = max(tidtam, key=lambda r: r.ack_rate)
        closest = min(tidtam, key=lambda r: max(1000 / r.ack_rate, r.ack_p99 / 0.050))
        lines.append(
            "aim: acknowledge ≥ 1,000 events/s with p99 < 50 ms — "
            + (
                "met by " + ", ".join(describe(r.setup) for r in meeting)
                if meeting
                else f"not met (fastest: {fastest.ack_rate:,.0f}/s at p99 "
                f"{fastest.ack_p99 * 1000:.0f} ms; closest: {closest.ack_rate:,.0f}/s at p99 "
                f"{closest.ack_p99 * 1000:.0f} ms, {describe(closest.setup)})"
            )
        )
        if 200 in rates:
            best = min(tidtam, key=lambda r: r.replies[200][1])
            p99 = best.replies[200][1]
            lines.append(
                f"aim: reply p99 < 250 ms at 200 events/s — {'met' if p99 < 0.25 else 'not met'} "
                f"(best: {_ms(p99)}, {describe(best.setup)})"
            )
        at_least_echo = [r for r in tidtam if r.ack_rate >= echo.get(r.setup.workers, r).ack_rate]
        lines.append(
            "aim: at least the echo bot's throughput while doing real work — "
            + ("met by " + ", ".join(describe(r.setup) for r in at_least_echo) if at_least_echo
               else "not met")
        )  # fmt: skip
    return lines


def _ms(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 10 else f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1200)
    parser.add_argument("--rates", default="25,50,100,200")
    parser.add_argument("--seconds", type=int, default=4)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument(
        "--worker-processes",
        default="1",
        help="setups whose web workers only acknowledge, with this many worker processes",
    )
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
    )
    args = parser.parse_args()
    args.rates = [int(r) for r in args.rates.split(",") if r]
    workers = [int(w) for w in args.workers.split(",") if w]
    args.worker_processes = [int(w) for w in args.worker_processes.split(",") if w and int(w)]

    databases = bench_databases(args.databases, args.postgres)

    setups = [Setup("echo bot", "bench.echo_bot:app", w) for w in workers]
    for database in databases:
        setups += [Setup("Tidtam", "wsgi:app", w, database) for w in workers]
        for count in args.worker_processes:
            setups.append(Setup("Tidtam", "wsgi:app", max(workers), database, count))

    fake = FakeLine(quota=10**9).start()
    env = server_env(fake)
    try:
        results = [measure(setup, fake, env, args) for setup in setups]
    finally:
        fake.stop()
    print(f"machine: {machine()}")
    print(
        f"{args.events} events for the ack phase, 1 per request, {CONNECTIONS} connections; "
        f"steady phases of {args.seconds} s; the load and the fake LINE run on the same cores"
    )
    print()
    print(report(results, args.rates))
    print()
    for line in verdicts(results, args.rates):
        print(f"- {line}")


if __name__ == "__main__":
    main()
