"""Real-browser tests: Debian's Chromium driven by Playwright (never a browser download).

`live_server` serves the test app over HTTP from a thread; `browser` launches Chromium
once per session, `page` opens a fresh page per test. Where Chromium or Playwright cannot
run, the tests that need them are skipped with the reason.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve `app` over HTTP from a thread; yields its base URL."""
    with serving_built(lambda _base: app) as (base, _app):
        yield base


@contextmanager
def serving_built(build: Callable[[str], Flask]) -> Iterator[tuple[str, Flask]]:
    """Bind a port first, then build the app from its own base URL (an app that must know
    its PUBLIC_BASE_URL), and serve it from a thread; yields the URL and the app."""
    holder: dict[str, Flask] = {}
    server = make_server(
        "127.0.0.1", 0, lambda env, start: holder["app"](env, start), threaded=True
    )
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        holder["app"] = build(base)
    except BaseException:
        server.server_close()
        raise
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield base, holder["app"]
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (make test installs requirements-dev.txt)")
    if not Path(CHROMIUM).exists():
        pytest.skip(
            "Debian's chromium is not installed here (scripts/ensure-test-tools installs it)"
        )
    manager = sync_playwright().start()
    try:  # Playwright gives each launch a fresh, empty profile of its own
        launched = manager.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    except Error as error:
        manager.stop()
        pytest.skip(f"Chromium would not start here: {str(error).splitlines()[0]}")
    yield launched
    launched.close()
    manager.stop()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport=DESKTOP, locale="th-TH")
    opened = context.new_page()
    yield opened
    context.close()
