"""Fixtures after Flask's tutorial: app, client, runner; plus a clock, the fake LINE
platform, and a chat driver. Every test runs on SQLite, and on PostgreSQL when
TEST_DATABASE_URL names one."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import text

from bot import create_app
from clock import FrozenClock
from fakeline import FakeLine
from models.agency import FIRST_AGENCY_SLUG, insert_first
from models.base import metadata
from models.db import Database
from services import Services
from settings import ROOT, Settings
from tests.support.browser import browser, live_server, page  # noqa: F401  (fixtures)
from tests.support.demo import (  # noqa: F401  (fixtures)
    demo_app,
    demo_database,
    demo_server,
    demo_template,
)
from tests.support.line_chat import LineChat

BANGKOK = ZoneInfo("Asia/Bangkok")
CHANNEL_SECRET = "test-channel-secret"
SEED = ROOT / "examples" / "measures-2565-bang-krabue.txt"
DATA = Path(__file__).parent / "data"
ARTIFACTS = ROOT / "artifacts"


def _reset_postgres(url: str) -> None:
    database = Database(url)
    with database.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    database.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated database for the session; each test leaves it empty."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        _reset_postgres(url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'tidtam.sqlite3'}"
    database = Database(url)
    database.upgrade()
    database.dispose()
    yield url


@pytest.fixture(scope="session")
def fake_line() -> Iterator[FakeLine]:
    fake = FakeLine().start()
    yield fake
    fake.stop()


@pytest.fixture
def clock() -> FrozenClock:
    """20 January 2565 (2022), 10:00 in Bangkok: the middle of fiscal year 2565."""
    return FrozenClock(datetime(2022, 1, 20, 10, 0, tzinfo=BANGKOK))


@pytest.fixture
def settings(database_url: str, fake_line: FakeLine) -> Settings:
    return Settings(
        _env_file=None,
        line_channel_secret=CHANNEL_SECRET,
        line_channel_access_token="test-access-token",
        line_api_base_url=fake_line.url,
        line_data_api_base_url=fake_line.url,
        database_url=database_url,
        timezone="Asia/Bangkok",
        clock_start=None,
        public_base_url="https://tidtam.example.go.th",
        secret_key="test-secret-key",
        worker_threads=2,
        line_timeout=2.0,
    )


def _empty(database: Database) -> None:
    tables = [t.name for t in metadata.sorted_tables]
    with database.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                connection.execute(text(f'DELETE FROM "{table}"'))
        insert_first(connection, FIRST_AGENCY_SLUG)  # as the migration leaves it


@pytest.fixture
def app(settings: Settings, clock: FrozenClock, fake_line: FakeLine) -> Iterator[Flask]:
    fake_line.reset()
    app = create_app(settings, clock=clock)
    app.config.update(TESTING=True)
    running: Services = app.extensions["tidtam"]
    running.start_background()
    yield app
    running.shutdown()
    cleaner = Database(settings.resolved_database_url)
    _empty(cleaner)
    cleaner.dispose()


@pytest.fixture
def app_factory(
    app: Flask, settings: Settings, clock: FrozenClock
) -> Iterator[Callable[..., Flask]]:
    """Another app on the same database, with some settings changed (`app` is asked for so
    the database is there and emptied after, as for the suite's own app)."""
    made: list[Flask] = []

    def make(**update: object) -> Flask:
        built = create_app(settings.model_copy(update=update), clock=clock)
        built.config.update(TESTING=True)
        made.append(built)
        return built

    yield make
    for built in made:
        built.extensions["tidtam"].shutdown()


@pytest.fixture
def services(app: Flask) -> Services:
    return app.extensions["tidtam"]


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def line(
    client: FlaskClient, fake_line: FakeLine, clock: FrozenClock, services: Services
) -> LineChat:
    return LineChat(client, fake_line, clock, CHANNEL_SECRET, services)


@pytest.fixture
def seed_plan(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["plan", "import", str(SEED)])
    assert result.exit_code == 0, result.output


@pytest.fixture
def artifacts() -> Path:
    """Where tests keep what a person should look at (screenshots, rendered pages)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
