"""The webhook with 1 and with 1,000 agencies in the database (issue 21), on PostgreSQL.

Each setting fills the database with `bench/many_agencies.py` (N agencies x 30 staff x
the seed plan, 12 months of reports), then serves it as the recommended setup of
docs/PERFORMANCE.md: gunicorn (gthread, 8 threads, `--workers` processes) whose web
processes only acknowledge (`TIDTAM_WEB_WORKS_INBOX=0`) beside one `nice`d
`python bot.py worker`, all talking to one fake LINE platform that has every agency's
channel (`add_channel`). Staff send one-line reports (`รายงาน 1.2 50% …`).

Settings:
- `1 agency`: the single-agency deployment, events at `/callback`;
- `1,000 agencies, one's events`: events all for one agency, at `/callback/agency-0002`;
- `1,000 agencies, all`: each event for the next agency in turn (agency no. 1 at
  `/callback`, the others at `/callback/<slug>`), each signed with its agency's secret
  and addressed to its bot (`destination`).

Measured, after a warm-up of two events per agency (every web process has looked up
and opened the secrets of the agencies it saw; a lookup is remembered 30 s):
- own: `--events` signed events posted as fast as `--connections` kept-alive
  connections allow (`bench/load.py`'s Connection, requests made before the clock
  starts): ack/s, p50, p99; the web processes' CPU per acknowledgement (/proc); then
  handled/s: events handled (inbox empty) per second from the first post.
- wrk: `wrk -t2 -c16 -d<--wrk-duration>s --latency` with `bench/many_agencies_wrk.lua`,
  which cycles pre-signed bodies (each a distinct event) over the setting's agencies:
  requests/s, p50, p99, errors; then the inbox is drained (handled/s from wrk's start).
- failed: inbox events the worker marked failed; replies: which channel's token sent
  the replies (the environment's, `main`, or each agency's own).
- the worker process's peak RSS (VmHWM): a fresh server on the 1,000-agency database
  handles `--rss-events` events of the first 10 agencies, then another fresh one the
  same number spread over all 1,000 (`--rss-agencies 10,1000`).

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test_scale \\
        .venv/bin/python bench/many_agencies_webhook.py [--agencies 1000] [--events 3000]
        [--wrk-duration 10] [--workers 2] [--rss-events 2000] [--tools own,wrk]

The database's public schema is dropped and made again.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
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
#: staff no. 1 and 2 are the admin and the head; the reports come from the others
REPORTERS = range(3, 31)


@dataclass
class Setting:
    name: str
    agencies: int  # in the database
    senders: list[int]  # the agencies whose events are posted, in turn


@dataclass
class Measured:
    setting: Setting
    ack_rate: float = 0.0
    ack_p50: float = 0.0
    ack_p99: float = 0.0
    web_cpu_ms: float = 0.0
    handled_rate: float = 0.0
    wrk_rate: float = 0.0
    wrk_p50: str = "-"
    wrk_p99: str = "-"
    wrk_errors: int = 0
    wrk_requests: int = 0
    wrk_handled_rate: float = 0.0
    failed: int = 0
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
            BENCH_REPORT_LINE.format(action=i % 3 + 1, percent=i % 101, n=i),
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


def run_wrk(port: int, load: Load, args: argparse.Namespace) -> dict[str, object]:
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
    found = {
        "requests": int(_find(r"(\d+) requests in", output)),
        "rate": float(_find(r"Requests/sec:\s+([\d.]+)", output)),
        "p50": _find(r"^\s+50%\s+(\S+)", output),
        "p99": _find(r"^\s+99%\s+(\S+)", output),
    }
    errors = 0
    if non_2xx := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(non_2xx.group(1))
    if socket_errors := re.search(r"Socket errors: (.*)", output):
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    found["errors"] = errors
    if found["requests"] > count:  # type: ignore[operator]
        raise RuntimeError(f"wrk sent {found['requests']} requests, only {count} were made")
    return found


def _find(pattern: str, output: str) -> str:
    match = re.search(pattern, output, re.M)
    if match is None:
        raise RuntimeError(f"not in wrk's output: {pattern}\n{output}")
    return match.group(1)


def failed_events(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            query = "SELECT count(*) FROM inboxevent WHERE status = 'failed'"
            return int(connection.execute(text(query)).scalar() or 0)
    finally:
        engine.dispose()


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


def warm_up(server: Server, load: Load, url: str, args: argparse.Namespace) -> None:
    """Two events per sending agency (at least 200), handled: every web process has
    looked each agency up, its statements are compiled, the worker's code is loaded."""
    count = max(200, 2 * len(load.senders))
    acknowledge(server.port, [load.request(server.port) for _ in range(count)], args.connections)
    drain(url)


def web_pids(server: Server) -> list[int]:
    gunicorn = server.processes[0].pid
    return [gunicorn, *children(gunicorn)]


def measure(setting: Setting, fake: FakeLine, key: str, args: argparse.Namespace) -> Measured:
    add_channels(fake, setting.agencies)
    env = server_env(fake, args.url, key)
    result = Measured(setting)
    with Server(Setup(setting.name, "wsgi:app", args.workers, args.url, 1), env) as server:
        load = Load(fake, setting.senders)
        warm_up(server, load, args.url, args)
        if "own" in args.tools:
            requests = [load.request(server.port) for _ in range(args.events)]
            cpu_before = cpu_seconds(web_pids(server))
            started = time.perf_counter()
            result.ack_rate, latencies = acknowledge(server.port, requests, args.connections)
            result.web_cpu_ms = 1000 * (cpu_seconds(web_pids(server)) - cpu_before) / args.events
            result.ack_p50, result.ack_p99 = percentile(latencies, 50), percentile(latencies, 99)
            drain(args.url)
            result.handled_rate = args.events / (time.perf_counter() - started)
        if "wrk" in args.tools:
            started = time.perf_counter()
            found = run_wrk(server.port, load, args)
            result.wrk_requests = int(found["requests"])  # type: ignore[call-overload]
            result.wrk_rate = float(found["rate"])  # type: ignore[arg-type]
            result.wrk_p50, result.wrk_p99 = str(found["p50"]), str(found["p99"])
            result.wrk_errors = int(found["errors"])  # type: ignore[call-overload]
            drain(args.url)
            result.wrk_handled_rate = result.wrk_requests / (time.perf_counter() - started)
    result.failed = failed_events(args.url)
    result.replies = Counter(d.channel for d in fake.delivered if d.via == "reply")
    print(f"  measured: {setting.name}", file=sys.stderr, flush=True)
    return result


def worker_rss(agencies: int, senders: int, fake: FakeLine, key: str, args) -> tuple[float, int]:
    """A fresh server on the database: the worker process's VmHWM (MiB) after handling
    `--rss-events` events of the first `senders` agencies, and how many failed."""
    add_channels(fake, agencies)
    env = server_env(fake, args.url, key)
    before = failed_events(args.url)
    setting = Setup(f"rss {senders}", "wsgi:app", args.workers, args.url, 1)
    with Server(setting, env) as server:
        load = Load(fake, list(range(1, senders + 1)))
        requests = [load.request(server.port) for _ in range(args.rss_events)]
        acknowledge(server.port, requests, args.connections)
        drain(args.url)
        rss = peak_rss_mib([server.processes[1].pid])
    return rss, failed_events(args.url) - before


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--wrk-duration", type=int, default=10)
    parser.add_argument("--rss-events", type=int, default=2000)
    parser.add_argument("--rss-agencies", default="10,1000")
    parser.add_argument("--tools", default="own,wrk")
    parser.add_argument("--settings", default="one,many-one,many")
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    args.tools = args.tools.split(",")
    if "wrk" in args.tools and shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    many = args.agencies
    settings = {
        "one": Setting("1 agency (/callback)", 1, [1]),
        "many-one": Setting(f"{many:,} agencies, one's events", many, [2]),
        "many": Setting(f"{many:,} agencies, all", many, list(range(1, many + 1))),
    }
    chosen = [settings[name] for name in args.settings.split(",") if name]
    fake = FakeLine(quota=10**9).start()
    results: list[Measured] = []
    rss: list[list[str]] = []
    made: dict[str, float] = {}
    key = ""
    try:
        for setting in chosen:  # each on a database made afresh
            started = time.perf_counter()
            key = generate(args.url, setting.agencies).key
            made[setting.name] = time.perf_counter() - started
            results.append(measure(setting, fake, key, args))
        if args.rss_agencies:
            if not chosen or chosen[-1].agencies != many:
                key = generate(args.url, many).key
            for senders in (int(n) for n in args.rss_agencies.split(",")):
                peak, failed = worker_rss(many, senders, fake, key, args)
                rss.append([f"{args.rss_events:,}", f"{senders:,}", f"{peak:.0f} MiB", str(failed)])
                print(f"  measured: worker RSS, {senders} agencies", file=sys.stderr, flush=True)
    finally:
        fake.stop()
    print(f"machine: {machine()}")
    print(
        f"gunicorn gthread 8 threads x {args.workers} web processes that acknowledge + 1 worker "
        f"process; own load: {args.events} events, {args.connections} connections; wrk -t2 "
        f"-c{args.connections} -d{args.wrk_duration}s; load and fake LINE on the same cores"
    )
    for name, seconds in made.items():
        print(f"database for {name} made in {seconds:.0f} s")
    print()
    header = ["setting", "ack/s", "p50", "p99", "web CPU ms/ack", "handled/s"]
    header += ["wrk req/s", "wrk p50", "wrk p99", "wrk errors", "handled/s (wrk)", "failed"]
    header += ["replies by channel"]
    rows = []
    for r in results:
        channels = sorted(r.replies.items(), key=lambda item: -item[1])
        shown = ", ".join(f"{name} {count}" for name, count in channels[:2])
        if len(channels) > 2:
            shown += f", … ({len(channels)} channels)"
        rows.append(
            [
                r.setting.name,
                f"{r.ack_rate:,.0f}",
                _ms(r.ack_p50),
                _ms(r.ack_p99),
                f"{r.web_cpu_ms:.2f}",
                f"{r.handled_rate:,.0f}",
                f"{r.wrk_rate:,.0f}",
                r.wrk_p50,
                r.wrk_p99,
                str(r.wrk_errors),
                f"{r.wrk_handled_rate:,.0f}",
                str(r.failed),
                shown,
            ]
        )
    print(table(header, rows))
    if len(results) > 1 and results[0].ack_rate:
        base = results[0]
        for r in results[1:]:
            print(
                f"- {r.setting.name}: ack/s {r.ack_rate / base.ack_rate:.2f}x "
                f"(wrk {r.wrk_rate / base.wrk_rate if base.wrk_rate else 0:.2f}x) "
                f"of {base.setting.name}"
            )
    if rss:
        print()
        print(table(["events", "of agencies", "worker process VmHWM", "failed"], rss))


if __name__ == "__main__":
    main()
