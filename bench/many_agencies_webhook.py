"""The webhook and the worker with 1 and with 1,000 agencies in the database (issue 21).

For each database size (`--databases 1,1000`) the database is made afresh by
`bench/many_agencies.py` (N connected agencies x 30 staff x the seed plan, 12 months of
reports) on PostgreSQL, and served by gunicorn (gthread, 8 threads, `--workers` web
processes) whose web processes only acknowledge (`TIDTAM_WEB_WORKS_INBOX=0`), against one
fake LINE platform that has every agency's channel (`add_channel`). Staff send one-line
reports (`BENCH_REPORT_LINE`: measure 1, an action, a percent, a detail), each a distinct
event, one per request.

Acknowledging, with no worker process running (the cost of the webhook alone), in
`--rounds` rounds, each setting in turn within a round, so that the machine's other load
falls on all alike, after a warm-up of two events per agency (every web process has
looked up and opened the secrets of the agencies it saw; a process remembers an agency's
channel for 30 s, then reads it again):
- `agency no. 1 at /callback`: the deployment's own channel (the single-agency path);
- `one agency at /callback/<slug>`: another agency, every event;
- `all N in turn`: each event for the next agency (no. 1 at `/callback`, the others at
  `/callback/<slug>`), signed with its secret and addressed to its bot (`destination`).
Each setting with the project's load generator (`bench/load.py`'s Connection: `--events`
requests made and signed before the clock starts, `--connections` kept-alive
connections; ack/s, p50, p99, the web processes' CPU per acknowledgement from /proc) and
with wrk (`wrk -t2 -c16 -d<--wrk-duration>s --latency`, `bench/many_agencies_wrk.lua`
cycling pre-signed bodies over the setting's agencies, none sent twice).

Handling: on the largest database, `--handle-events` events of the first 10, then of all
1,000 agencies (`--handle-agencies`) are acknowledged, then one `python bot.py worker`
(not `nice`d: the machine may be shared) is started alone to work them off: handled/s
from its first to its last event (the rows' processed_at), the process's peak RSS
(VmHWM) once the inbox is empty (flat = what it keeps per agency is bounded), failed
events, whether each new report went to its sender's agency, and which channel's token
sent the replies. (Until the worker handles each event in its agency, branch `deliver`,
events of agencies other than no. 1 are handled unscoped and answered with the
environment's channel: this says so.) On the 1-agency database, the same with agency
no. 1's events.

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test_scale \\
        .venv/bin/python bench/many_agencies_webhook.py [--databases 1,1000] [--rounds 3]
        [--events 2000] [--wrk-duration 5] [--handle-events 1000] [--tools own,wrk]

The database's public schema is dropped and made again.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from bench.common import children, cpu_seconds, machine, peak_rss_mib, percentile, table  # noqa: E402
from bench.load import Connection  # noqa: E402
from bench.many_agencies import DEFAULT_URL, Channel, channel, generate, line_user_id  # noqa: E402
from bench.webhook_bench import Server, Setup, drain  # noqa: E402
from fakeline import FakeLine  # noqa: E402
from fakeline import events as ev  # noqa: E402
from fakeline.signing import sign, webhook_body  # noqa: E402
from messages_th.demo_content import BENCH_REPORT_LINE  # noqa: E402

LUA = ROOT / "bench" / "many_agencies_wrk.lua"
#: the reporting month the server's clock is in: the seed plan's last, whose reports exist
CLOCK = "2022-09-20T10:00:00+07:00"
#: events made per second of wrk's run, more than any setup here acknowledges
EVENTS_PER_SECOND = 4000
#: the lowest percent reported: at least August's (the generator's 85 %), since a fall is
#: asked about before it is recorded
RISE = 85
#: staff no. 1 and 2 are the admin and the head; the reports come from the others
REPORTERS = range(3, 31)


@dataclass
class Setting:
    name: str
    senders: list[int]  # the agencies whose events are posted, in turn


@dataclass
class Acked:
    """One round of acknowledgements of a setting, with one load generator."""

    database: int  # agencies in the database
    setting: str
    tool: str
    rate: float
    p50: str
    p99: str
    errors: int = 0
    web_cpu_ms: float = 0.0


@dataclass
class Handled:
    """A worker process alone working off a backlog of events of `senders` agencies."""

    database: int
    senders: int
    events: int
    rate: float
    peak_rss: float
    failed: int
    in_own_agency: int
    in_other_agency: int
    replies: Counter = field(default_factory=Counter)


class Load:
    """Distinct signed events, each for the next sending agency in turn."""

    def __init__(self, fake: FakeLine, senders: list[int]) -> None:
        self.fake = fake
        self.senders = [channel(n) for n in senders]
        self.count = 0
        self.start_ms = int(time.time() * 1000)

    def next(self) -> tuple[Channel, bytes]:
        """The next event's agency and its webhook body (the reply token made known)."""
        i = self.count
        self.count += 1
        agency = self.senders[i % len(self.senders)]
        person = REPORTERS[(i // len(self.senders)) % len(REPORTERS)]
        event = ev.text(
            line_user_id(agency.number, person),
            BENCH_REPORT_LINE.format(action=i % 3 + 1, percent=RISE + i % (101 - RISE), n=i),
            timestamp_ms=self.start_ms + i,
        )
        self.fake.expect([event])  # any channel may answer it (see the module's docstring)
        return agency, webhook_body([event], agency.bot_user_id)

    def request(self, port: int) -> bytes:
        """The whole HTTP/1.1 request, as `bench/load.py` sends it."""
        agency, body = self.next()
        head = [
            f"POST {agency.path} HTTP/1.1",
            f"Host: 127.0.0.1:{port}",
            "Content-Type: application/json",
            f"X-Line-Signature: {sign(body, agency.secret)}",
            f"Content-Length: {len(body)}",
            "",
            "",
        ]
        return "\r\n".join(head).encode() + body


def acknowledge(port: int, requests: list[bytes], connections: int) -> tuple[float, list[float]]:
    """Post everything as fast as the connections allow: (events/s, latencies)."""
    latencies: list[float] = []
    lock = threading.Lock()
    work = iter(requests)

    def client() -> None:
        connection = Connection(port)
        while True:
            with lock:
                request = next(work, None)
            if request is None:
                break
            started = time.perf_counter()
            status = connection.post(request)
            elapsed = time.perf_counter() - started
            if status != 200:
                raise RuntimeError(f"status {status}")
            with lock:
                latencies.append(elapsed)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(requests) / (time.perf_counter() - started), latencies


@dataclass
class WrkRun:
    requests: int
    rate: float
    p50: str
    p99: str
    errors: int


def run_wrk(port: int, load: Load, args: argparse.Namespace) -> WrkRun:
    scratch = Path(tempfile.mkdtemp(prefix="tidtam-many-wrk-"))
    try:
        bodies = scratch / "bodies.tsv"
        count = EVENTS_PER_SECOND * args.wrk_duration
        with bodies.open("wb") as out:
            for _ in range(count):
                agency, body = load.next()
                signature = sign(body, agency.secret)
                out.write(f"{agency.path}\t{signature}\t".encode() + body + b"\n")
        command = [
            "wrk", "-t2", f"-c{args.connections}", f"-d{args.wrk_duration}s", "--latency",
            "-s", str(LUA), f"http://127.0.0.1:{port}",
        ]  # fmt: skip
        env = {**os.environ, "TIDTAM_WRK_BODIES": str(bodies), "TIDTAM_WRK_THREADS": "2"}
        output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    errors = 0
    if non_2xx := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(non_2xx.group(1))
    if socket_errors := re.search(r"Socket errors: (.*)", output):
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    found = WrkRun(
        requests=int(_find(r"(\d+) requests in", output)),
        rate=float(_find(r"Requests/sec:\s+([\d.]+)", output)),
        p50=_find(r"^\s+50%\s+(\S+)", output),
        p99=_find(r"^\s+99%\s+(\S+)", output),
        errors=errors,
    )
    if found.requests > count:
        raise RuntimeError(f"wrk sent {found.requests} requests, only {count} were made")
    return found


def _find(pattern: str, output: str) -> str:
    match = re.search(pattern, output, re.M)
    if match is None:
        raise RuntimeError(f"not in wrk's output: {pattern}\n{output}")
    return match.group(1)


def server_env(fake: FakeLine, url: str, key: str) -> dict[str, str]:
    first = channel(1)
    return {
        **os.environ,
        "DATABASE_URL": url,
        "LINE_CHANNEL_SECRET": first.secret,
        "LINE_CHANNEL_ACCESS_TOKEN": first.access_token,
        "LINE_API_BASE_URL": fake.url,
        "LINE_DATA_API_BASE_URL": fake.url,
        "TIDTAM_CREDENTIALS_KEYS": key,
        "TIDTAM_WORKER_THREADS": "4",
        "TIDTAM_CLOCK_START": CLOCK,
        "PYTHONPATH": str(ROOT),
    }


def add_channels(fake: FakeLine, agencies: int) -> None:
    fake.reset()
    for n in range(1, agencies + 1):
        c = channel(n)
        fake.add_channel(
            c.slug, secret=c.secret, access_token=c.access_token, bot_user_id=c.bot_user_id
        )


def web_only(name: str, env: dict[str, str], args: argparse.Namespace) -> Server:
    """gunicorn whose web processes only acknowledge, with no worker process: the
    acknowledgements are measured alone, and `handle` starts a worker when it wants one."""
    server = Server(Setup(name, "wsgi:app", args.workers, args.url), env)
    server.env["TIDTAM_WEB_WORKS_INBOX"] = "0"
    return server


def web_pids(server: Server) -> list[int]:
    gunicorn = server.processes[0].pid
    return [gunicorn, *children(gunicorn)]


def acks(
    server: Server, database: int, settings: list[Setting], fake: FakeLine, args
) -> list[Acked]:
    """Rounds of each setting in turn, with the project's load generator then wrk, after
    a warm-up of two events per agency (at least 200) spread as the widest setting."""
    widest = max(settings, key=lambda s: len(s.senders))
    warm = Load(fake, widest.senders)
    count = max(200, 2 * len(widest.senders))
    acknowledge(server.port, [warm.request(server.port) for _ in range(count)], args.connections)
    loads = {setting.name: Load(fake, setting.senders) for setting in settings}
    done: list[Acked] = []
    for round_ in range(args.rounds):
        for setting in settings:
            load = loads[setting.name]
            if "own" in args.tools:
                requests = [load.request(server.port) for _ in range(args.events)]
                before = cpu_seconds(web_pids(server))
                rate, latencies = acknowledge(server.port, requests, args.connections)
                cpu = 1000 * (cpu_seconds(web_pids(server)) - before) / args.events
                done.append(
                    Acked(database, setting.name, "own", rate, _ms(percentile(latencies, 50)),
                          _ms(percentile(latencies, 99)), 0, cpu)
                )  # fmt: skip
            if "wrk" in args.tools:
                run = run_wrk(server.port, load, args)
                done.append(
                    Acked(database, setting.name, "wrk", run.rate, run.p50, run.p99, run.errors)
                )
            print(f"  round {round_ + 1}: {database} agencies, {setting.name}", file=sys.stderr)
    return done


def handle(server: Server, database: int, senders: int, fake: FakeLine, args) -> Handled:
    """`--handle-events` events of the first `senders` agencies acknowledged, then one
    worker process started alone to work them off: its rate (first to last handled, by
    the rows' processed_at), its peak RSS once the inbox is empty, where the reports
    went, which channel replied."""
    engine = create_engine(args.url)
    try:
        with engine.begin() as connection:  # what the acknowledging rounds left pending
            connection.execute(
                text("UPDATE inboxevent SET status = 'done' WHERE status = 'pending'")
            )
            last_event = connection.execute(
                text("SELECT coalesce(max(id), 0) FROM inboxevent")
            ).scalar()
            last_report = connection.execute(
                text("SELECT coalesce(max(id), 0) FROM report")
            ).scalar()
        load = Load(fake, list(range(1, senders + 1)))
        requests = [load.request(server.port) for _ in range(args.handle_events)]
        acknowledge(server.port, requests, args.connections)
        delivered = len(fake.delivered)
        worker = subprocess.Popen(
            [sys.executable, "bot.py", "worker"], cwd=ROOT, env=server.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            drain(args.url, timeout=1800)
            peak = peak_rss_mib([worker.pid])
        finally:
            worker.terminate()
            worker.wait(timeout=60)
        with engine.connect() as connection:
            first, last, failed = connection.execute(
                text(
                    "SELECT min(processed_at), max(processed_at),"
                    " count(*) FILTER (WHERE status = 'failed') FROM inboxevent WHERE id > :id"
                ),
                {"id": last_event},
            ).one()
            own, other = connection.execute(
                text(
                    "SELECT count(*) FILTER (WHERE r.agency_id = s.agency_id),"
                    " count(*) FILTER (WHERE r.agency_id <> s.agency_id)"
                    " FROM report r JOIN staff s ON s.id = r.staff_id WHERE r.id > :id"
                ),
                {"id": last_report},
            ).one()
    finally:
        engine.dispose()
    seconds = (last - first).total_seconds() if first and last else 0.0
    rate = (args.handle_events - 1) / seconds if seconds else 0.0
    replies = Counter(d.channel for d in fake.delivered[delivered:] if d.via == "reply")
    print(f"  handled: {database} agencies, events of {senders}", file=sys.stderr)
    return Handled(database, senders, args.handle_events, rate, peak, failed, own, other, replies)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}ms"


def settings_for(agencies: int) -> list[Setting]:
    first = Setting("agency no. 1 at /callback", [1])
    if agencies == 1:
        return [first]
    return [
        first,
        Setting("one agency at /callback/<slug>", [2]),
        Setting(f"all {agencies:,} in turn", list(range(1, agencies + 1))),
    ]


def ack_table(acked: list[Acked]) -> str:
    groups: dict[tuple[int, str, str], list[Acked]] = {}
    for a in acked:
        groups.setdefault((a.database, a.setting, a.tool), []).append(a)
    rows = []
    for (database, setting, tool), runs in groups.items():
        rates = [r.rate for r in runs]
        cpu = statistics.median(r.web_cpu_ms for r in runs)
        rows.append(
            [
                f"{database:,}",
                setting,
                tool,
                f"{statistics.median(rates):,.0f}",
                " / ".join(f"{r:,.0f}" for r in rates),
                " / ".join(r.p50 for r in runs),
                " / ".join(r.p99 for r in runs),
                f"{cpu:.2f}" if tool == "own" else "-",
                str(sum(r.errors for r in runs)),
            ]
        )
    header = ["agencies in db", "events of", "load", "ack/s median", "ack/s each round"]
    header += ["p50 each round", "p99 each round", "web CPU ms/ack", "errors"]
    return table(header, rows)


def ratios(acked: list[Acked]) -> list[str]:
    def median(database: int, setting_start: str, tool: str) -> float | None:
        rates = [
            a.rate
            for a in acked
            if a.database == database and a.setting.startswith(setting_start) and a.tool == tool
        ]
        return statistics.median(rates) if rates else None

    lines = []
    databases = sorted({a.database for a in acked})
    for tool in sorted({a.tool for a in acked}):
        base = median(databases[0], "agency no. 1", tool)
        for database in databases[1:]:
            spread = median(database, "all", tool)
            same_server = median(database, "agency no. 1", tool)
            if base and spread:
                lines.append(
                    f"{tool}: {database:,} agencies in turn = {spread / base:.2f}x the ack/s of "
                    f"the {databases[0]}-agency database"
                    + (f", {spread / same_server:.2f}x agency no. 1's on the same server"
                       if same_server else "")
                )  # fmt: skip
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--databases", default="1,1000", help="agencies in each database")
    parser.add_argument("--events", type=int, default=2000, help="per round, own load")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--wrk-duration", type=int, default=5)
    parser.add_argument("--handle-events", type=int, default=1000)
    parser.add_argument(
        "--handle-agencies", default="10,1000", help="on the largest database ('': no handling)"
    )
    parser.add_argument("--tools", default="own,wrk")
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    args.tools = args.tools.split(",")
    if "wrk" in args.tools and shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    databases = [int(n) for n in args.databases.split(",") if n]
    fake = FakeLine(quota=10**9).start()
    acked: list[Acked] = []
    handled: list[Handled] = []
    made: dict[int, float] = {}
    try:
        for agencies in databases:
            started = time.perf_counter()
            key = generate(args.url, agencies).key
            made[agencies] = time.perf_counter() - started
            add_channels(fake, agencies)
            env = server_env(fake, args.url, key)
            with web_only(f"{agencies} agencies", env, args) as server:
                acked += acks(server, agencies, settings_for(agencies), fake, args)
                senders = [int(n) for n in args.handle_agencies.split(",") if n]
                if agencies == 1:
                    senders = senders[:1]
                elif agencies != max(databases):
                    senders = []
                for count in senders:
                    handled.append(handle(server, agencies, min(count, agencies), fake, args))
    finally:
        fake.stop()
    print(f"machine: {machine()}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    for agencies, seconds in made.items():
        print(f"database of {agencies:,} agencies made in {seconds:.0f} s")
    print(
        f"gunicorn gthread 8 threads x {args.workers} web processes that only acknowledge, no "
        f"worker while acknowledging; own load: {args.events} events a round, "
        f"{args.connections} connections; wrk -t2 -c{args.connections} -d{args.wrk_duration}s; "
        f"the load and the fake LINE on the same cores"
    )
    print()
    print(ack_table(acked))
    print()
    for line in ratios(acked):
        print(f"- {line}")
    if handled:
        print()
        header = ["agencies in db", "events of", "events", "handled/s (worker alone)"]
        header += ["worker VmHWM", "failed", "reports in sender's agency / other", "replies by"]
        rows = []
        for h in handled:
            channels = sorted(h.replies.items(), key=lambda item: -item[1])
            shown = ", ".join(f"{name} {count}" for name, count in channels[:2])
            if len(channels) > 2:
                shown += f" … ({len(channels)} channels)"
            rows.append(
                [f"{h.database:,}", f"{h.senders:,}", f"{h.events:,}", f"{h.rate:,.0f}",
                 f"{h.peak_rss:.0f} MiB", str(h.failed), f"{h.in_own_agency} / {h.in_other_agency}",
                 shown]
            )  # fmt: skip
        print(table(header, rows))


if __name__ == "__main__":
    main()
