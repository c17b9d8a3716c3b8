"""What an anonymous GET of the public views costs: made fresh, from this process's cache,
and answered 304 to a client that has the ETag (web/caching.py).

The demo's data (the seed plan, four months of reports, suggestions and ratings) in a
fresh database; each view fetched through Flask's test client, in this process:

- `fresh`: the first GET after the data changed (queries and the render);
- `cached`: a GET without If-None-Match once the view was made (the data's fingerprint,
  then the bytes already made);
- `304`: a GET with the ETag (the fingerprint only).

    .venv/bin/python bench/public_bench.py [--runs 21] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_databases, machine  # noqa: E402

VIEWS = ["/public/2565", "/public/2565.json", "/reports/2565/progress.png"]


def _app(url: str):
    from bot import create_app
    from clock import FrozenClock
    from demo.data import reset
    from settings import DEMO_CLOCK_START, Settings

    settings = Settings(
        _env_file=None,
        database_url=url,
        line_channel_secret="s",
        line_channel_access_token="t",
        line_api_base_url="http://127.0.0.1:9",
    )
    app = create_app(settings, clock=FrozenClock(DEMO_CLOCK_START))
    running = app.extensions["tidtam"]
    running.db.upgrade()
    with running.db.engine.begin() as connection:  # reset() refuses data that is not the demo's
        from demo.data import KEEP
        from models.base import metadata

        for table in reversed(metadata.sorted_tables):
            if table.name not in KEEP:
                connection.execute(table.delete())
    reset(running)
    return app


def _ms(call, runs: int) -> float:
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        took.append((time.perf_counter() - start) * 1000)
    return statistics.median(took)


def measure(url: str, runs: int) -> list[tuple[str, float, float, float]]:
    from web.caching import RenderedCache

    app = _app(url)
    client = app.test_client()
    rows = []
    for path in VIEWS:

        def fresh(path: str = path) -> None:
            app.extensions["public_cache"] = RenderedCache()
            assert client.get(path).status_code == 200

        fresh()  # warm: imports, matplotlib's fonts
        made = _ms(fresh, runs)
        etag = client.get(path).headers["ETag"]
        cached = _ms(lambda path=path: client.get(path), runs)
        known = {"If-None-Match": etag}
        not_modified = _ms(lambda path=path, known=known: client.get(path, headers=known), runs)
        rows.append((path, made, cached, not_modified))
    app.extensions["tidtam"].shutdown()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    print(machine())
    print(f"{'database':<11} {'view':<28} {'fresh ms':>9} {'cached ms':>10} {'304 ms':>7}")
    for database, url in bench_databases(args.databases, "public.sqlite3"):
        for path, made, cached, not_modified in measure(url, args.runs):
            print(f"{database:<11} {path:<28} {made:>9.1f} {cached:>10.1f} {not_modified:>7.1f}")


if __name__ == "__main__":
    main()
