"""The engine, sessions, and `db upgrade`.

Built per app in `create_app` (never at import), so tests can make as many apps as they like.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from alembic import command
from alembic.config import Config
from flask import Flask, current_app, g
from flask.cli import AppGroup
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DisconnectionError
from sqlmodel import Session

from models import tenancy

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def make_engine(url: str, *, busy_timeout: float = 30.0, **kwargs: Any) -> Engine:
    """`busy_timeout`: how long a SQLite write waits for another writer before failing."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": busy_timeout}, **kwargs
        )
        _serialise_sqlite_writers(engine, busy_timeout)
        return engine
    engine = create_engine(url, pool_size=10, max_overflow=20, **kwargs)
    _ping_when_idle(engine, PING_AFTER_IDLE)
    return engine


#: a pooled connection used more recently than this is taken to be alive (seconds)
PING_AFTER_IDLE = 0.5


def _ping_when_idle(engine: Engine, idle: float) -> None:
    """Ping a pooled connection before use only if it has lain idle for `idle` seconds.

    A ping on every checkout (SQLAlchemy's pool_pre_ping) is a round trip on every
    acknowledgement of a webhook; a connection that answered half a second ago is alive
    but for a server restart in that half second (HikariCP skips its check the same way,
    aliveBypassWindowMs). One that does not answer is replaced by a new one; should a
    statement meet a connection that died in the window, SQLAlchemy invalidates the pool
    and the error reaches the caller (the webhook answers 503 and LINE delivers again; the
    inbox worker tries the event again).
    """

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < idle:
            return  # new, or used a moment ago
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError(str(error)) from error
        if not alive:
            raise DisconnectionError("no answer to a ping")


def _serialise_sqlite_writers(engine: Engine, busy_timeout: float) -> None:
    """WAL, foreign keys, and BEGIN IMMEDIATE.

    pysqlite starts a transaction lazily at the first write; two threads that read and then
    write would then deadlock on the lock upgrade. Taking the write lock at BEGIN makes them
    queue (busy timeout) instead. SQLite is for one machine; PostgreSQL for more.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class UnknownAgency(LookupError):
    """`--agency` names no agency of this deployment."""


@contextmanager
def _references_checked_at_end(connection: Connection) -> Iterator[None]:
    """On SQLite, foreign keys are off while migrations copy tables that others refer to
    (a copied table is dropped and its copy renamed; SQLite's documented way, as its
    foreign-key check can not be deferred past a DROP TABLE), then every reference is
    checked once: a migration that broke one fails."""
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys=OFF")  # outside a transaction, where it takes effect
    try:
        yield
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"the migration broke references: {broken[:5]}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


class Database:
    """One engine per app; sessions for requests, workers and commands."""

    def __init__(self, url: str, *, busy_timeout: float = 30.0, agency: str | None = None) -> None:
        """`agency`: the slug of the agency a unit of work without one acts for (an admin
        command's `--agency`); None: such a unit is the single agency's (or deployment-wide)."""
        self.url = url
        self.engine = make_engine(url, busy_timeout=busy_timeout)
        self._agency_slug = agency
        self._agency_id: int | None = None

    def act_for(self, slug: str | None) -> None:
        """Units of work without an agency act for the agency `slug` from now on (None: no
        default); as `--agency` does for a command."""
        self._agency_slug, self._agency_id = slug, None

    def default_agency(self) -> int | None:
        """The agency of `--agency`, looked up once; UnknownAgency if there is none."""
        if self._agency_slug is None or self._agency_id is not None:
            return self._agency_id
        with self.engine.connect() as connection:
            found = connection.execute(
                text("SELECT id FROM agency WHERE slug = :slug"), {"slug": self._agency_slug}
            ).scalar()
        if found is None:
            raise UnknownAgency(self._agency_slug)
        self._agency_id = int(found)
        return self._agency_id

    @contextmanager
    def session(
        self, connection: Connection | None = None, *, agency_id: int | str | None = None
    ) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises.

        On `connection` when given (a worker keeps one for a run of transactions), else on
        one from the pool for this unit alone. With `agency_id` it works for that agency
        alone (`models.tenancy.enter`; `tenancy.ALL` for a deployment-wide one).
        """
        if agency_id is None:
            agency_id = self.default_agency()
        with Session(connection or self.engine, expire_on_commit=False) as session:
            if agency_id is not None:
                tenancy.enter(session, agency_id)
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def upgrade(self, revision: str = "head") -> None:
        with (
            self.engine.connect() as connection,
            _references_checked_at_end(connection),
            connection.begin(),
        ):
            command.upgrade(alembic_config(connection), revision)

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(connection: Any = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def get_db() -> Database:
    return current_app.extensions["tidtam"].db


def get_session() -> Session:
    """The request's session; committed or rolled back when the request ends."""
    if "db_session" not in g:
        g.db_session = Session(get_db().engine, expire_on_commit=False)
    return g.db_session


def close_session(error: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is None:
        return
    try:
        if error is None:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


@click.group("db", cls=AppGroup)
def db_cli() -> None:
    """The database schema."""


@db_cli.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def upgrade_command(revision: str) -> None:
    """Create or migrate the schema (safe to run again)."""
    from messages_th import cli_text

    database = get_db()
    database.upgrade(revision)
    click.echo(cli_text.db_upgraded(database.current_revision() or "-"))


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_session)
    app.cli.add_command(db_cli)
