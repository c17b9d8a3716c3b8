"""The app as `make run` starts it with no LINE credentials: demo mode, the fake LINE
platform inside the process, the demo data and its rich menus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from bot import create_app
from demo.data import install_rich_menus, reset
from models.db import Database
from settings import Settings
from tests.support.browser import serving


@pytest.fixture
def demo_app(database_url: str, clock) -> Iterator[Flask]:
    from tests.conftest import _empty

    settings = Settings(
        _env_file=None,
        database_url=database_url,
        line_channel_secret=None,
        line_channel_access_token=None,
        worker_threads=2,
    )
    app = create_app(settings, clock=clock)
    running = app.extensions["tidtam"]
    running.start_background()
    reset(running)
    install_rich_menus(running)
    yield app
    running.shutdown()
    cleaner = Database(settings.resolved_database_url)
    _empty(cleaner)
    cleaner.dispose()


@pytest.fixture
def demo_server(demo_app: Flask) -> Iterator[str]:
    with serving(demo_app) as url:
        yield url
