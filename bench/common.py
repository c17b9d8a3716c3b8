"""What the benchmarks share: the machine they ran on, databases, ports, percentiles, tables."""

from __future__ import annotations

import os
import platform
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def machine() -> str:
    """One line: CPU, cores, memory, Python, PostgreSQL (as the figures depend on them)."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except OSError:
        memory = "?"
    postgres = (
        subprocess.run(
            ["psql", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        or "psql not found"
    )
    return (
        f"{model}, {os.cpu_count()} cores, {memory}; Python {platform.python_version()}; {postgres}"
    )


def postgres_reachable(url: str) -> bool:
    from sqlalchemy import create_engine, text

    server = url.rsplit("/", 1)[0]
    engine = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
    finally:
        engine.dispose()


def bench_databases(databases: str, sqlite_name: str) -> Iterator[tuple[str, str]]:
    """(name, url) of each database asked for (`sqlite,postgresql`): a new SQLite file, or
    BENCH_DATABASE_URL; PostgreSQL is skipped, and said so, when it is not reachable."""
    for database in databases.split(","):
        if database == "postgresql":
            url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
            if not postgres_reachable(url):
                print("postgresql: not reachable, skipped")
                continue
        else:
            url = f"sqlite:///{tempfile.mkdtemp()}/{sqlite_name}"
        yield database, url


def fresh_database(url: str) -> None:
    """An empty database at `url`: PostgreSQL's public schema dropped and made again (the
    database is created if missing), or the SQLite file removed."""
    from sqlalchemy import create_engine, text

    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    server, name = url.rsplit("/", 1)
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def peak_rss_mib(pids: list[int]) -> float:
    """The largest peak resident set (VmHWM) among these processes, in MiB."""
    peak = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return peak / 1024


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU these processes have used so far (those still alive)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / tick


def postgres_pids() -> list[int]:
    """The PostgreSQL server's processes on this machine (its backends included)."""
    found = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout
    return [int(p) for p in found.split()]


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in found.split()]


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, readable as plain text too."""
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    lines = [
        "| " + " | ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    lines += [
        "| " + " | ".join(str(c).rjust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    return "\n".join(lines)
