"""Webhook benchmark: Tidtam next to a minimal line-bot-sdk echo bot, same server setup.

Both run under gunicorn (2 workers, gthread, 8 threads) and talk to one fake LINE platform
in this process. Tidtam uses PostgreSQL (or DATABASE_URL), as in production.

Phase 1 (acknowledge): signed staff report messages posted as fast as 16 connections
allow; events/s and p50/p99 time to the 200.
Phase 2 (reply): 200 events/s for 10 s; p50/p99 from posting an event until its reply
reaches the fake LINE platform.

    .venv/bin/python bench/webhook_bench.py [--events 3000] [--batch 1] [--database URL]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fakeline import FakeLine  # noqa: E402
from fakeline import events as ev  # noqa: E402
from fakeline.signing import signed_request  # noqa: E402
from messages_th.demo_content import BENCH_REPORT_LINE, UNIT  # noqa: E402

SECRET = "bench-channel-secret"
TOKEN = "bench-access-token"
STAFF = 200


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def prepare_tidtam(database: str, env: dict[str, str]) -> None:
    """A fresh schema, the seed plan, and 200 linked staff who report on measure 1."""
    from sqlalchemy import create_engine, text

    if database.startswith("postgresql"):
        engine = create_engine(database)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()

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


def start_server(app_spec: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "-k",
            "gthread",
            "--threads",
            "8",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app_spec,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            time.sleep(0.5)
            return process
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{app_spec} did not start: {process.stderr.read().decode()[-2000:]}")


def make_events(count: int, batch: int, start_ms: int) -> list[list[dict]]:
    bodies = []
    for i in range(0, count, batch):
        bodies.append(
            [
                ev.text(
                    f"Ubench{(i + j) % STAFF:04d}",
                    BENCH_REPORT_LINE.format(
                        action=(i + j) % 3 + 1, percent=(i + j) % 101, n=i + j
                    ),
                    timestamp_ms=start_ms + i + j,
                )
                for j in range(min(batch, count - i))
            ]
        )
    return bodies


def post(connection: http.client.HTTPConnection, events: list[dict]) -> float:
    body, headers = signed_request(events, SECRET)
    started = time.perf_counter()
    connection.request("POST", "/callback", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    if response.status != 200:
        raise RuntimeError(f"status {response.status}")
    return elapsed


def acknowledge_phase(
    port: int, fake: FakeLine, bodies: list[list[dict]], connections: int = 16
) -> dict:
    for body in bodies:
        fake.expect(body)
    latencies: list[float] = []
    lock = threading.Lock()
    work = iter(bodies)

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                body = next(work, None)
            if body is None:
                break
            elapsed = post(connection, body)
            with lock:
                latencies.append(elapsed)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    events = sum(len(b) for b in bodies)
    return {
        "events/s": events / wall,
        "p50 ms": percentile(latencies, 50) * 1000,
        "p99 ms": percentile(latencies, 99) * 1000,
    }


def drain(database: str, timeout: float = 300) -> float:
    """Seconds until Tidtam's inbox has nothing pending (its workers handled everything)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database)
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < timeout:
            with engine.connect() as connection:
                pending = connection.execute(
                    text("SELECT count(*) FROM inboxevent WHERE status = 'pending'")
                ).scalar()
            if not pending:
                return time.perf_counter() - started
            time.sleep(0.1)
        raise RuntimeError("the inbox did not drain")
    finally:
        engine.dispose()


def reply_phase(port: int, fake: FakeLine, rate: int, seconds: int, start_ms: int) -> dict:
    bodies = make_events(rate * seconds, 1, start_ms)
    for body in bodies:
        fake.expect(body)
    sent_at: dict[str, float] = {}
    lock = threading.Lock()
    senders = 20
    interval = senders / rate

    def sender(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        t0 = start + offset / rate
        for k, body in enumerate(bodies[offset::senders]):
            delay = t0 + k * interval - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            with lock:
                sent_at[body[0]["replyToken"]] = time.monotonic()
            post(connection, body)
        connection.close()

    start = time.perf_counter() + 0.2
    threads = [threading.Thread(target=sender, args=(i,)) for i in range(senders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    fake.wait_for(
        lambda f: (
            len(
                [
                    r
                    for r in f.requests_to("/message/reply", ok_only=True)
                    if r.body["replyToken"] in sent_at
                ]
            )
            >= len(sent_at)
        ),
        timeout=60,
    )
    delays = [
        r.at - sent_at[r.body["replyToken"]]
        for r in fake.requests_to("/message/reply", ok_only=True)
        if r.body["replyToken"] in sent_at
    ]
    return {
        "replied": f"{len(delays)}/{len(sent_at)}",
        "p50 ms": percentile(delays, 50) * 1000,
        "p99 ms": percentile(delays, 99) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument(
        "--batch", type=int, default=1, help="events per webhook request (LINE batches them)"
    )
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument(
        "--database",
        default=os.environ.get(
            "DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/tidtam_bench"
        ),
    )
    args = parser.parse_args()

    fake = FakeLine(quota=10**9).start()
    env = {
        **os.environ,
        "LINE_CHANNEL_SECRET": SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "LINE_API_BASE_URL": fake.url,
        "LINE_DATA_API_BASE_URL": fake.url,
        "DATABASE_URL": args.database,
        "TIDTAM_WORKER_THREADS": "4",
        "TIDTAM_CLOCK_START": "2022-01-20T10:00:00+07:00",
        "PYTHONPATH": str(ROOT),
    }
    _ensure_database(args.database)
    prepare_tidtam(args.database, env)
    results = {}
    for name, spec in (("echo bot (line-bot-sdk)", "bench.echo_bot:app"), ("Tidtam", "wsgi:app")):
        port = free_port()
        server = start_server(spec, port, env)
        try:
            start_ms = int(time.time() * 1000)
            started = time.perf_counter()
            ack = acknowledge_phase(port, fake, make_events(args.events, args.batch, start_ms))
            if name == "Tidtam":
                drain(args.database)
                ack["handled events/s"] = args.events / (time.perf_counter() - started)
            else:
                ack["handled events/s"] = ack["events/s"]  # the echo bot replies before it answers
            reply = reply_phase(port, fake, args.rate, args.seconds, start_ms + args.events)
            results[name] = (ack, reply)
        finally:
            server.terminate()
            server.wait(timeout=30)
    fake.stop()
    print(
        f"machine: {os.cpu_count()} cores; database: {urlsplit(args.database).scheme}; "
        f"{args.events} events, {args.batch} per request; "
        f"reply phase {args.rate}/s for {args.seconds} s"
    )
    columns = (
        "ack events/s",
        "ack p50",
        "ack p99",
        "handled/s",
        "replied",
        "reply p50",
        "reply p99",
    )
    print(f"{'':26}" + "".join(f"{c:>14}" for c in columns))
    for name, (ack, reply) in results.items():
        cells = (
            f"{ack['events/s']:.0f}",
            f"{ack['p50 ms']:.1f} ms",
            f"{ack['p99 ms']:.1f} ms",
            f"{ack['handled events/s']:.0f}",
            reply["replied"],
            f"{reply['p50 ms']:.1f} ms",
            f"{reply['p99 ms']:.1f} ms",
        )
        print(f"{name:26}" + "".join(f"{c:>14}" for c in cells))


def _ensure_database(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text

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
