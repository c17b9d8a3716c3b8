"""The outbox sender for many agencies: pushes per second of one sender process, and how
evenly the agencies are served (docs/TENANCY.md, "Fairness in the outbox").

1,000 agencies (agency no. 1 and 999 more, bulk-inserted with sealed tokens, connected),
then outbox rows by core inserts: one agency with a backlog queued first (`--backlog`,
due earliest), every other agency `--each` pushes. One sender (`OutboxSender`, as the
delivery loop runs it: batches of 100, its send threads) works them off against the fake
LINE platform, which runs in a process of its own (so that it does not share this
process's interpreter lock). Reported: pushes/s, the claim's time, how long each agency
waited for its first message to reach LINE (max, p50, p95, and the backlog agency), and
that every push carried its own agency's token.

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test_deliver \\
        .venv/bin/python bench/outbox_bench.py [--agencies 1000] [--each 5] [--backlog 5000]
        [--sqlite]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    DEFAULT_POSTGRES,
    fresh_database,
    machine,
    percentile,
    postgres_reachable,
    table,
)


def _fake_platform(pipe: Connection) -> None:
    """The fake LINE platform in a process of its own: its URL, then, when asked, what it
    recorded of the pushes (to, token, status, when)."""
    from fakeline import FakeLine

    fake = FakeLine(quota=10**9).start()
    pipe.send(fake.url)
    pipe.recv()
    pushes = [
        (
            r.body.get("to") if isinstance(r.body, dict) else None,
            r.headers.get("authorization"),
            r.status,
            r.at,
        )
        for r in fake.requests_to("/v2/bot/message/push")
    ]
    pipe.send(pushes)
    fake.stop()


def _ceiling(line: object, threads: int, pushes: int) -> float:
    """What the fake platform answers at most, here and now: the same pushes from as many
    threads with one client, no database (the machine's other load weighs on both)."""
    from concurrent.futures import ThreadPoolExecutor

    message = [{"type": "text", "text": "ceiling"}]
    begun = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        results = list(
            pool.map(
                lambda n: line.push(f"Uceiling-{n}", message, str(uuid.uuid4())),  # type: ignore[attr-defined]
                range(pushes),
            )
        )
    assert all(r.ok for r in results)
    return pushes / (time.perf_counter() - begun)


def measure(url: str, agencies: int, each: int, backlog: int, threads: int) -> list[list[str]]:
    from sqlalchemy import text

    from bot import create_app
    from delivery.outbox_sender import OutboxSender
    from models.credentials import Sealer, new_key
    from settings import Settings

    fresh_database(url)
    parent, child = multiprocessing.Pipe()
    platform = multiprocessing.Process(target=_fake_platform, args=(child,), daemon=True)
    platform.start()
    fake_url = parent.recv()
    key = new_key()
    sealer = Sealer([key])
    settings = Settings(
        _env_file=None,
        line_channel_secret="deployment-secret",
        line_channel_access_token="token-1",
        line_api_base_url=fake_url,
        line_data_api_base_url=fake_url,
        database_url=url,
        secret_key="bench",
        credentials_keys=key,
        line_timeout=10.0,
    )
    app = create_app(settings)
    running = app.extensions["tidtam"]
    running.db.upgrade()
    now = running.clock.now()
    started_insert = time.perf_counter()
    with running.db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO agency (slug, name, state, created_at, channel_secret,"
                " access_token, bot_user_id) VALUES (:slug, :slug, 'connected', :now,"
                " :secret, :token, :bot)"
            ),
            [
                {
                    "slug": f"a{n:05d}",
                    "secret": sealer.seal(f"secret-{n}"),
                    "token": sealer.seal(f"token-{n}"),
                    "bot": f"Ubot{n}",
                    "now": now,
                }
                for n in range(2, agencies + 1)
            ],
        )
        ids = [row[0] for row in connection.execute(text("SELECT id FROM agency ORDER BY id"))]
        assert ids == list(range(1, agencies + 1)), "agency ids are 1..N"

        def row(agency: int, n: int, due_in: float) -> dict[str, object]:
            return {
                "agency_id": agency,
                "dedupe_key": f"bench:{n}",
                "kind": "push",
                "recipients": [f"U{agency}-{n}"],
                "recipient_count": 1,
                "messages": [{"type": "text", "text": f"bench {n}"}],
                "purpose": "bench",
                "retry_key": str(uuid.uuid4()),
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": now + timedelta(seconds=due_in),
                "created_at": now,
            }

        from models.outbox import _OUTBOX

        # the backlog agency's rows are due first (a minute earlier than anyone's)
        rows = [row(2, n, -120) for n in range(backlog)]
        rows += [row(a, n, -60) for a in ids if a != 2 for n in range(each)]
        for start in range(0, len(rows), 5000):
            connection.execute(_OUTBOX.insert(), rows[start : start + 5000])
    inserted = time.perf_counter() - started_insert
    total = len(rows)

    ceiling = _ceiling(running.line, threads, min(total, 2000))
    sender = OutboxSender.for_services(running, threads=threads)
    claims: list[float] = []
    claim = sender.claim

    def timed_claim(**kw: object):  # type: ignore[no-untyped-def]
        begun = time.perf_counter()
        try:
            return claim(**kw)  # type: ignore[arg-type]
        finally:
            claims.append((time.perf_counter() - begun) * 1000)

    sender.claim = timed_claim  # type: ignore[method-assign]
    begun_wall = time.monotonic()
    begun = time.perf_counter()
    sent = 0
    while True:
        stats = sender.send_due()
        sent += stats.sent
        if not stats.handled:
            break
    took = time.perf_counter() - begun
    parent.send("report")
    pushes = parent.recv()
    platform.join(timeout=10)
    sender.close()
    made = running.line_clients.made
    running.shutdown()

    first: dict[int, float] = {}
    wrong_token = 0
    for to, authorization, status, at in pushes:
        if to.startswith("Uceiling"):
            continue
        agency = int(to[1:].split("-")[0])
        if authorization != f"Bearer token-{agency}":
            wrong_token += 1
        if status == 200:
            first[agency] = min(first.get(agency, at), at)
    waits = [at - begun_wall for at in first.values()]
    database = url.split(":")[0].split("+")[0]
    print(
        f"{database}: {total} rows of {agencies} agencies inserted in {inserted:.1f} s;"
        f" {sent} sent in {took:.1f} s; {len(pushes)} requests (the ceiling's too);"
        f" {wrong_token} with another agency's token; {made} clients made; claims {len(claims)}",
        file=sys.stderr,
    )
    assert sent == total and wrong_token == 0 and len(first) == agencies
    return [
        [
            database,
            str(agencies),
            f"{backlog:,} + {each}×{agencies - 1:,}",
            str(threads),
            f"{sent / took:,.0f}",
            f"{ceiling:,.0f}",
            f"{statistics.median(claims):.1f} / {max(claims):.1f}",
            f"{max(waits):.2f}",
            f"{percentile(waits, 50):.2f} / {percentile(waits, 95):.2f}",
            f"{first[2] - begun_wall:.2f}",
        ]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--each", type=int, default=5)
    parser.add_argument("--backlog", type=int, default=5000)
    parser.add_argument("--threads", type=int, nargs="*", default=[8])
    parser.add_argument("--sqlite", action="store_true", help="also on a SQLite file")
    args = parser.parse_args()
    postgres = os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as folder:
        urls = [postgres] if postgres_reachable(postgres) else []
        urls += [f"sqlite:///{folder}/bench.sqlite3"] if args.sqlite or not urls else []
        for url in urls:
            for threads in args.threads:
                rows += measure(url, args.agencies, args.each, args.backlog, threads)
    print(machine())
    print(
        table(
            [
                "database",
                "agencies",
                "rows",
                "send threads",
                "pushes/s",
                "fake alone/s",
                "claim ms p50 / max",
                "first message, max s",
                "p50 / p95 s",
                "backlog agency s",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()
