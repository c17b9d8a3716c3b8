"""What the public views per agency cost beside agency no. 1's (web/public.py): the same
page by its old address and by `/public/<slug>/<year>`, cached and answered 304, and the
list of agencies `/public/agencies` with 1 and with 1,001 agencies that have a plan.

The demo's data (bench/public_bench.py) for agency no. 1; the other agencies are rows
added directly (an agency and a one-row plan each: what the list reads). Medians through
Flask's test client, in this process.

    .venv/bin/python bench/public_agencies_bench.py [--runs 21] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_databases, machine  # noqa: E402
from bench.public_bench import _app, _ms  # noqa: E402


def _more_agencies(app, count: int) -> None:
    from models.agency import Agency
    from models.plan import Plan

    running = app.extensions["tidtam"]
    now = datetime(2022, 1, 1, tzinfo=UTC)
    with running.db.engine.begin() as connection:
        first = connection.execute(Agency.__table__.select()).first()  # type: ignore[attr-defined]
        assert first is not None
        ids = []
        for n in range(count):
            result = connection.execute(
                Agency.__table__.insert().values(  # type: ignore[attr-defined]
                    slug=f"bench-{n}", name=f"agency {n}", state="connected", created_at=now
                )
            )
            ids.append(result.inserted_primary_key[0])
        connection.execute(
            Plan.__table__.insert(),  # type: ignore[attr-defined]
            [
                {
                    "agency_id": agency_id,
                    "fiscal_year": 2565,
                    "title": "plan",
                    "agency": f"agency {agency_id}",
                    "district": "",
                    "province": "",
                    "adopted_where": "",
                    "source": "bench",
                    "imported_at": now,
                    "updated_at": now,
                }
                for agency_id in ids
            ],
        )


def measure(url: str, runs: int) -> list[tuple[str, str, float, float]]:
    app = _app(url)
    client = app.test_client()
    rows = []

    def views(label: str) -> None:
        for path in ("/public/2565", "/public/main/2565", "/public/agencies"):
            assert client.get(path).status_code == 200, path  # made once
            cached = _ms(lambda path=path: client.get(path), runs)
            etag = client.get(path).headers.get("ETag")
            known = {"If-None-Match": etag} if etag else {}
            answered = _ms(lambda path=path, known=known: client.get(path, headers=known), runs)
            rows.append((label, path, cached, answered if etag else float("nan")))

    views("1 agency")
    _more_agencies(app, 1000)
    views("1,001 agencies")
    app.extensions["tidtam"].shutdown()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    print(machine())
    print(f"{'database':<11} {'agencies':<15} {'view':<20} {'cached ms':>10} {'304 ms':>7}")
    for database, url in bench_databases(args.databases, "public.sqlite3"):
        for label, path, cached, answered in measure(url, args.runs):
            print(f"{database:<11} {label:<15} {path:<20} {cached:>10.1f} {answered:>7.1f}")


if __name__ == "__main__":
    main()
