"""`db upgrade`: the same schema on SQLite and PostgreSQL, the same as the models, and
harmless to run twice."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

import models  # noqa: F401
from models.base import metadata
from models.db import Database

PG_SERVER = (
    os.environ.get("TEST_DATABASE_URL") or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _schema(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    inspector = inspect(engine)
    schema = {}
    for table in sorted(inspector.get_table_names()):
        schema[table] = {
            "columns": {
                c["name"]: (type(c["type"]).__visit_name__.lower(), c["nullable"])
                for c in inspector.get_columns(table)
            },
            "pk": sorted(inspector.get_pk_constraint(table)["constrained_columns"]),
            "fks": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"])
                for f in inspector.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
            "uniques": sorted(
                tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)
            ),
        }
    engine.dispose()
    return schema


def _normalise(schema: dict[str, Any]) -> dict[str, Any]:
    """Type names differ by dialect for the same kind of column; compare the kind."""
    kinds = {
        "varchar": "text",
        "text": "text",
        "string": "text",
        "unicode": "text",
        "datetime": "time",
        "timestamp": "time",
        "integer": "int",
        "bigint": "int",
        "float": "float",
        "double_precision": "float",
        "real": "float",
        "boolean": "bool",
        "date": "date",
        "blob": "bytes",
        "bytea": "bytes",
        "large_binary": "bytes",
        "json": "json",
        "time": "clock",
        "numeric": "float",
    }
    out = {}
    for table, parts in schema.items():
        columns = {
            name: (kinds.get(kind, kind), nullable)
            for name, (kind, nullable) in parts["columns"].items()
        }
        # a unique constraint and a unique index are the same promise
        uniques = sorted(
            set(parts["uniques"]) | {cols for _, cols, unique in parts["indexes"] if unique}
        )
        indexes = sorted(name for name, _, unique in parts["indexes"] if not unique)
        out[table] = {**parts, "columns": columns, "uniques": uniques, "indexes": indexes}
    return out


@pytest.fixture
def empty_postgres() -> Iterator[str]:
    """A new, empty PostgreSQL database on the local server, dropped afterwards."""
    try:
        admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            name = f"tidtam_schema_{uuid.uuid4().hex[:8]}"
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        pytest.skip(
            f"PostgreSQL is not reachable here ({type(error).__name__}); schema parity not checked"
        )
    url = PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_twice_is_harmless_and_matches_the_models(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    database = Database(url)
    database.upgrade()
    first = _schema(url)
    database.upgrade()
    assert _schema(url) == first
    assert database.current_revision() is not None
    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    database.dispose()


def test_sqlite_and_postgresql_get_the_same_schema(tmp_path, empty_postgres: str) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    for url in (sqlite_url, empty_postgres):
        database = Database(url)
        database.upgrade()
        database.upgrade()
        database.dispose()
    lite, pg = _normalise(_schema(sqlite_url)), _normalise(_schema(empty_postgres))
    assert lite.keys() == pg.keys()
    for table in lite:
        assert lite[table] == pg[table], table
    engine = create_engine(empty_postgres)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert diff == [], f"models and migrations disagree on PostgreSQL: {diff}"
