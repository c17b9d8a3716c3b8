"""A person at a browser signing in to the console: the app through Flask's test client (at
PUBLIC_BASE_URL, where the cookie lives), LINE's pages on the fake platform over real HTTP,
redirects followed across the two by hand, as a browser would."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import requests
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from bot import create_app
from clock import Clock
from console.line_login import CALLBACK_PATH
from fakeline import FakeLine
from models.db import Database
from settings import Settings
from tests.conftest import _empty
from tests.support.browser import serving_built

#: a test LINE Login channel (LINE's channel ids are ten digits, secrets 32 hex characters)
CHANNEL_ID = "1656000001"
CHANNEL_SECRET = "0123456789abcdef0123456789abcdef"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def with_line_login(settings: Settings, **more: Any) -> Settings:
    """The suite's settings with a LINE Login channel on the fake platform (and `more`)."""
    return settings.model_copy(
        update={
            "line_login_channel_id": CHANNEL_ID,
            "line_login_channel_secret": CHANNEL_SECRET,
            "line_login_base_url": settings.line_api_base_url,
            **more,
        }
    )


def open_login_channel(fake_line: FakeLine, base_url: str, clock: Clock) -> None:
    """Set up the test channel on the fake platform as in the LINE console (its callback at
    `base_url`), the platform telling the time by the test's clock (for the ID token)."""
    fake_line.login.add_channel(CHANNEL_ID, CHANNEL_SECRET, [base_url + CALLBACK_PATH])
    fake_line.login.now = lambda: clock.now().timestamp()


@contextmanager
def console_site(
    settings: Settings, clock: Clock, fake_line: FakeLine, **more: Any
) -> Iterator[tuple[str, Flask]]:
    """The app served over HTTP for a real browser, at the address it knows as
    PUBLIC_BASE_URL, with LINE Login (and `more` settings); its database emptied after."""
    fake_line.reset()
    built: list[Flask] = []

    def build(base: str) -> Flask:
        app = create_app(with_line_login(settings, public_base_url=base, **more), clock=clock)
        built.append(app)
        app.extensions["tidtam"].start_background()
        open_login_channel(fake_line, base, clock)
        return app

    try:
        with serving_built(build) as served:
            yield served
    finally:
        for app in built:
            app.extensions["tidtam"].shutdown()
        cleaner = Database(settings.resolved_database_url)
        _empty(cleaner)
        cleaner.dispose()


@dataclass
class Step:
    """One hop of the sign-in: where the browser went and what came back."""

    url: str
    status: int
    location: str | None


@dataclass
class Browser:
    client: FlaskClient
    fake: FakeLine
    base_url: str  # PUBLIC_BASE_URL: the app's own address
    steps: list[Step] = field(default_factory=list)

    # -- the app -----------------------------------------------------------------------

    def get(self, path: str, **kw: Any) -> TestResponse:
        return self.client.get(path, base_url=self.base_url, **kw)

    def post(self, path: str, data: dict[str, str] | None = None, **kw: Any) -> TestResponse:
        """A form post from one of the app's own pages (a browser sends the Referer)."""
        headers = {"Referer": self.base_url + "/console", **kw.pop("headers", {})}
        return self.client.post(
            path, data=data or {}, base_url=self.base_url, headers=headers, **kw
        )

    def csrf(self, page: str = "/console") -> str:
        found = CSRF.search(self.get(page).get_data(as_text=True))
        assert found, f"no CSRF token on {page}"
        return found.group(1)

    def cookie(self) -> str | None:
        found = self.client.get_cookie(
            "tidtam_console", domain=urlsplit(self.base_url).hostname or "", path="/console"
        )
        return found.value if found else None

    # -- signing in --------------------------------------------------------------------

    def start(self, *, next_path: str | None = None, as_user: str | None = None) -> str:
        """Press "sign in with LINE"; returns the authorization URL the app sent us to."""
        asked = {key: value for key, value in (("next", next_path), ("as_user", as_user)) if value}
        response = self.get("/console/login/line" + (f"?{urlencode(asked)}" if asked else ""))
        assert response.status_code == 302, response.get_data(as_text=True)
        return response.headers["Location"]

    def authorize(self, url: str, user: str | None) -> str:
        """At LINE's sign-in page, sign in as `user` (None: as the test preset); returns
        where LINE sends the browser back."""
        if user is not None:
            url = _with(url, fake_user=user)
        answer = requests.get(url, allow_redirects=False, timeout=5)
        self.steps.append(Step(url, answer.status_code, answer.headers.get("Location")))
        assert answer.status_code == 302, answer.text
        return answer.headers["Location"]

    def back(self, url: str) -> TestResponse:
        """LINE's redirect lands at the app's callback."""
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == self.base_url, url
        return self.get(f"{parts.path}?{parts.query}")

    def use_cookie(self, token: str) -> None:
        """Present `token` as the session cookie (copied, stolen, or kept from before)."""
        self.client.set_cookie(
            "tidtam_console", token, domain=urlsplit(self.base_url).hostname or "", path="/console"
        )

    def sign_in(self, user: str, **start: Any) -> TestResponse:
        """The whole flow; returns the app's answer to LINE's redirect."""
        return self.back(self.authorize(self.start(**start), user))


def authorize_params(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def _with(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = {**authorize_params(url), **params}
    return urlunsplit(parts._replace(query=urlencode(query)))
