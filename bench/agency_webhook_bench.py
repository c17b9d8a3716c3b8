"""What `/callback/<slug>` adds to acknowledging a webhook, with 1 and 1,001 agencies.

In this process (Flask's test client, no HTTP, no inbox worker): for each database and
agency count, the agency lookup alone (`models.agency.webhook_channel`), opening the
sealed secret, and the median and p95 time to acknowledge one event at `/callback` and at
`/callback/<slug>` (lookup, secret, destination, then the same storing), one request to
each in turn.
The database is emptied first (BENCH_DATABASE_URL for PostgreSQL, default the suite's
`test`; a temporary SQLite file).

    .venv/bin/python bench/agency_webhook_bench.py [--events 500]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from bench.common import (
    DEFAULT_POSTGRES,
    fresh_database,
    machine,
    percentile,
    postgres_reachable,
    table,
)
from bot import create_app
from fakeline import FakeLine
from fakeline import events as ev
from fakeline.signing import sign, webhook_body
from models.agency import webhook_channel
from models.credentials import Sealer, new_key
from settings import Settings

ROWS = "INSERT INTO agency (slug, name, state, created_at, channel_secret, bot_user_id) VALUES"


def _ms(call: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 95)


def measure(url: str, agencies: int, events: int, fake: FakeLine) -> list[list[str]]:
    fresh_database(url)
    key = new_key()
    sealer = Sealer([key])
    settings = Settings(
        _env_file=None,
        line_channel_secret="deployment-secret",
        line_channel_access_token="deployment-token",
        line_api_base_url=fake.url,
        line_data_api_base_url=fake.url,
        database_url=url,
        secret_key="bench",
        credentials_keys=key,
    )
    app = create_app(settings)
    running = app.extensions["tidtam"]
    running.db.upgrade()
    rows = [(f"a{n:05d}", f"secret-{n}", f"Ubot{n}") for n in range(agencies - 1)]
    rows.append(("b-town", "b-secret", "Ubot-b"))
    with running.db.engine.begin() as connection:
        connection.execute(
            text(f"{ROWS} (:slug, :slug, 'connected', CURRENT_TIMESTAMP, :secret, :bot)"),
            [{"slug": s, "secret": sealer.seal(secret), "bot": b} for s, secret, b in rows],
        )
    sealed = sealer.seal("b-secret")
    client = app.test_client()
    counter = iter(range(10**9))

    def post(path: str, secret: str, destination: str) -> None:
        n = next(counter)
        body = webhook_body([ev.event("follow", f"U{n}", timestamp_ms=n)], destination)
        headers = {"Content-Type": "application/json", "X-Line-Signature": sign(body, secret)}
        assert client.post(path, data=body, headers=headers).status_code == 200

    lookup = _ms(lambda: webhook_channel(running.db.engine, "b-town"), events)
    opening = _ms(lambda: sealer.open(sealed), events)
    out = [
        [url.split(":")[0], str(agencies), "lookup", f"{lookup[0]:.3f}", f"{lookup[1]:.3f}"],
        [url.split(":")[0], str(agencies), "open secret", f"{opening[0]:.3f}", f"{opening[1]:.3f}"],
    ]
    # one request to each in turn, so that the machine's other load falls on both alike
    paths = {
        "ack /callback": ("/callback", "deployment-secret", "Udestination0000"),
        "ack /callback/<slug>": ("/callback/b-town", "b-secret", "Ubot-b"),
    }
    times: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(events):
        for name, (path, secret, bot) in paths.items():
            start = time.perf_counter()
            post(path, secret, bot)
            times[name].append((time.perf_counter() - start) * 1000)
    for name, taken in times.items():
        median, p95 = statistics.median(taken), percentile(taken, 95)
        out.append([url.split(":")[0], str(agencies), name, f"{median:.2f}", f"{p95:.2f}"])
    running.shutdown()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500)
    args = parser.parse_args()
    fake = FakeLine().start()
    postgres = os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as folder:
        urls = [f"sqlite:///{folder}/bench.sqlite3"]
        urls += [postgres] if postgres_reachable(postgres) else []
        for url in urls:
            for agencies in (1, 1001):
                rows += measure(url, agencies, args.events, fake)
    fake.stop()
    print(machine())
    print(table(["database", "agencies", "what", "median ms", "p95 ms"], rows))


if __name__ == "__main__":
    main()
