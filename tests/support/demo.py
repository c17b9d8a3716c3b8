"""The app as `make run` starts it with nothing configured: demo mode on its own database
file, the fake LINE platform inside the process, the demo data and its rich menus.

Demo mode never uses DATABASE_URL, so these run on SQLite whatever the suite runs on."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from bot import create_app
from demo.data import install_rich_menus, reset
from models.db import Database
from settings import Settings
from tests.support.browser import serving


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated, empty demo database file, copied for each test (migrating is slow)."""
    path = tmp_path_factory.mktemp("demo") / "template.sqlite3"
    database = Database(f"sqlite:///{path}")
    database.upgrade()
    database.dispose()
    return path


def demo_settings(path: Path, **more: object) -> Settings:
    return Settings(
        _env_file=None,
        demo_asked=True,
        demo_database=str(path),
        line_channel_secret=None,
        line_channel_access_token=None,
        worker_threads=2,
        **more,
    )


@pytest.fixture
def demo_database(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def demo_app(demo_database: Path, clock) -> Iterator[Flask]:
    app = create_app(demo_settings(demo_database), clock=clock)
    running = app.extensions["tidtam"]
    running.start_background()
    reset(running)
    install_rich_menus(running)
    yield app
    running.shutdown()


@pytest.fixture
def demo_server(demo_app: Flask) -> Iterator[str]:
    with serving(demo_app) as url:
        yield url
