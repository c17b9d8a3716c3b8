"""What handling one report costs, in-process: SQL statements and CPU per event.

The webhook benchmark measures the whole machine; this one looks inside the worker. Signed
one-line reports go through the real `/callback` (Flask's test client) into the inbox, then
the real inbox worker handles them on one thread, with replies sent to a fake LINE
platform in this process. Printed per report: the statements the database saw (by kind,
read from SQLAlchemy's events) and the CPU time of the handling thread (the fake LINE's
thread excluded). Statement counts are exact; CPU times vary with the machine's load by
some ±15 %, so compare runs made one after the other.

    .venv/bin/python bench/handler_bench.py [--reports 800] [--databases sqlite,postgresql]

For a count that does not depend on the machine's load, run it under
`valgrind --tool=callgrind` with two values of --reports and divide the difference in
instructions by the difference in reports (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import DEFAULT_POSTGRES, machine, postgres_reachable  # noqa: E402
from bench.webhook_bench import (  # noqa: E402
    SECRET,
    STAFF,
    TOKEN,
    make_events,
    prepare_tidtam,
)
from fakeline import FakeLine  # noqa: E402
from fakeline.signing import signed_request  # noqa: E402

WARM_UP = 50


def measure(database: str, reports: int, fake: FakeLine) -> tuple[float, Counter[str]]:
    """(CPU ms per report, statements by kind) for `reports` one-line reports."""
    from sqlalchemy import event

    from bot import create_app
    from handlers.worker import InboxWorker
    from models.inbox import chats_with_pending
    from settings import Settings

    env = {
        "LINE_CHANNEL_SECRET": SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "LINE_API_BASE_URL": fake.url,
        "LINE_DATA_API_BASE_URL": fake.url,
        "DATABASE_URL": database,
        "TIDTAM_CLOCK_START": "2022-01-20T10:00:00+07:00",
        "TIDTAM_WEB_WORKS_INBOX": "0",  # this benchmark runs the worker itself, on one thread
    }
    prepare_tidtam(database, {**os.environ, **env, "PYTHONPATH": str(ROOT)})
    os.environ.update(env)
    app = create_app(Settings(_env_file=None))
    services = app.extensions["tidtam"]
    worker = InboxWorker(services, threads=1)
    client = app.test_client()

    def post_and_handle(bodies: list) -> float:
        """CPU seconds to handle `bodies`, posted a chat's worth at a time: each chat run
        then handles one event, as when staff report at a steady pace."""
        cpu = 0.0
        for start in range(0, len(bodies), STAFF):
            for body in bodies[start : start + STAFF]:
                fake.expect(body)
                data, headers = signed_request(body, SECRET)
                assert client.post("/callback", data=data, headers=headers).status_code == 200
            started = time.thread_time()
            with services.db.session() as session:
                chats = chats_with_pending(session, limit=STAFF)
            for chat in chats:
                worker._work_chat(chat)
            cpu += time.thread_time() - started
        return cpu

    bodies = make_events(WARM_UP + reports, int(time.time() * 1000))
    post_and_handle(bodies[:WARM_UP])
    statements: Counter[str] = Counter()

    def count(_conn, _cursor, statement: str, *_args) -> None:
        statements[" ".join(statement.split()[:4])[:60]] += 1

    event.listen(services.db.engine, "before_cursor_execute", count)
    cpu = post_and_handle(bodies[WARM_UP:])
    with services.db.session() as session:
        assert not chats_with_pending(session), "every report was handled"
    event.remove(services.db.engine, "before_cursor_execute", count)
    # the webhook's own INSERTs are the acknowledgement, not the handling
    statements = Counter({k: v for k, v in statements.items() if not _is_ack(k)})
    services.shutdown()
    return 1000 * cpu / reports, statements


def _is_ack(kind: str) -> bool:
    """The webhook's INSERT and its notice to worker processes."""
    return kind.startswith(("INSERT INTO inboxevent", "SELECT pg_notify"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=800)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
    )
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="tidtam-handler-")
    fake = FakeLine(quota=10**9).start()
    print(f"machine: {machine()}")
    try:
        for name in args.databases.split(","):
            if name == "postgresql" and not postgres_reachable(args.postgres):
                print(f"PostgreSQL not reachable at {args.postgres}: skipped")
                continue
            url = args.postgres if name == "postgresql" else f"sqlite:///{scratch}/h.sqlite3"
            cpu, statements = measure(url, args.reports, fake)
            total = sum(statements.values()) / args.reports
            print(f"\n{name}: {args.reports} one-line reports, handled on one thread")
            print(f"  CPU of the handling thread: {cpu:.2f} ms per report")
            print(f"  SQL statements: {total:.1f} per report")
            for kind, n in statements.most_common():
                print(f"    {n / args.reports:5.2f}  {kind}")
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
