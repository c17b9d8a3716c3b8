"""Demo mode only when asked (TIDTAM_DEMO=1) or when nothing is configured, always on its
own database file; a real database without LINE credentials is refused by every server.

What this guards against (issue 15, finding 1): with the credentials unset beside
DATABASE_URL, `serve` and gunicorn started in demo mode on the agency's database, the
simulator listed the staff and its reset replaced their data with the demo's."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from bot import create_app
from demo.data import MARKER
from models.app_setting import get_setting
from models.db import Database
from models.plan import Plan
from models.staff import Role, Staff, add_staff
from settings import ROOT, ConfigurationError, Settings
from tests.faults.processes import free_port
from tests.support.demo import demo_settings
from tests.support.waiting import wait_until

CONFIGURATION = ("LINE_", "TIDTAM_", "DATABASE_URL")


def _clean_env(**given: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(CONFIGURATION)}
    return {**env, "PYTHONUNBUFFERED": "1", **given}


def _clear(monkeypatch) -> None:
    for name in list(os.environ):
        if name.startswith(CONFIGURATION):
            monkeypatch.delenv(name)


# -- which mode --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environment", "demo"),
    [
        ({}, True),
        ({"TIDTAM_DEMO": "1"}, True),
        ({"TIDTAM_DEMO": "1", "DATABASE_URL": "postgresql+psycopg://h/agency"}, True),
        ({"TIDTAM_DEMO": "1", "LINE_CHANNEL_SECRET": "s", "LINE_CHANNEL_ACCESS_TOKEN": "t"}, True),
        ({"DATABASE_URL": "postgresql+psycopg://h/agency"}, False),
        ({"DATABASE_URL": "sqlite:///instance/tidtam.sqlite3"}, False),
        ({"LINE_CHANNEL_SECRET": "s", "LINE_CHANNEL_ACCESS_TOKEN": "t"}, False),
        ({"TIDTAM_DEMO": "0"}, False),
    ],
)
def test_demo_mode_only_when_asked_or_nothing_is_configured(monkeypatch, environment, demo) -> None:
    _clear(monkeypatch)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)
    assert settings.demo is demo
    if demo:  # always its own file, never DATABASE_URL, never the default production file
        assert settings.resolved_database_url == f"sqlite:///{ROOT / 'instance' / 'demo.sqlite3'}"
        assert settings.channel_secret != environment.get("LINE_CHANNEL_SECRET")


def test_a_database_url_in_dotenv_is_configuration_too(monkeypatch, tmp_path) -> None:
    _clear(monkeypatch)
    env = tmp_path / ".env"
    env.write_text("DATABASE_URL=postgresql+psycopg://tidtam@db/tidtam\n")
    settings = Settings(_env_file=env)
    assert not settings.demo
    with pytest.raises(ConfigurationError, match="LINE_CHANNEL_SECRET"):
        settings.require_line()


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN"),
        ("LINE_CHANNEL_ACCESS_TOKEN", "LINE_CHANNEL_SECRET"),
    ],
)
def test_one_credential_without_the_other_says_which_is_missing(
    monkeypatch, given, missing
) -> None:
    _clear(monkeypatch)
    monkeypatch.setenv(given, "x")
    with pytest.raises(ConfigurationError, match=f"ไม่มี {missing}"):
        Settings(_env_file=None)


def test_without_credentials_nothing_signs_with_the_public_demo_secret(monkeypatch) -> None:
    """An admin command on the real database may run without LINE, but a link code or a
    download link is never signed with the demo's published key."""
    _clear(monkeypatch)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://h/agency")
    with pytest.raises(ConfigurationError, match="TIDTAM_SECRET_KEY"):
        _ = Settings(_env_file=None).signing_secret
    with pytest.raises(ConfigurationError, match="LINE_CHANNEL_ACCESS_TOKEN"):
        _ = Settings(_env_file=None).access_token
    monkeypatch.setenv("TIDTAM_SECRET_KEY", "the-servers-key")
    assert Settings(_env_file=None).signing_secret == "the-servers-key"


def test_the_demo_never_opens_database_url(database_url, tmp_path, clock) -> None:
    """TIDTAM_DEMO=1 beside the agency's DATABASE_URL: the demo is seeded into its own file
    and the agency's database is not touched."""
    agency = Database(database_url)
    _a_real_person(agency, clock, Role.STAFF, measures=[1])
    settings = demo_settings(tmp_path / "demo.sqlite3", database_url=database_url)
    app = create_app(settings, clock=clock)
    running = app.extensions["tidtam"]
    try:
        assert running.db.engine.url.database == str(tmp_path / "demo.sqlite3")
        running.db.upgrade()
        from demo.data import seed_if_empty

        assert seed_if_empty(running) is not None
        with agency.session() as session:
            assert [s.name for s in session.exec(select(Staff))] == ["นางจริง ใจดี"]
            assert session.exec(select(Plan)).first() is None
    finally:
        running.shutdown()
        _empty(agency)


def _a_real_person(
    database: Database, clock, role: Role, measures: list[int] | None = None
) -> None:
    """The agency's own data, which the demo must never touch."""
    with database.session() as session:
        add_staff(
            session,
            name="นางจริง ใจดี",
            role=role,
            unit=None,
            measure_numbers=measures or [],
            now=clock.now(),
        )


def _empty(database: Database) -> None:
    from tests.conftest import _empty as empty

    empty(database)
    database.dispose()


# -- servers refuse a real database without credentials ---------------------------------


def _wait(process: subprocess.Popen, timeout: float = 90) -> int | None:
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
        return None


@pytest.mark.parametrize(
    "command", [["serve", "--port", "0"], ["worker"], ["scheduler"], ["outbox", "flush"]]
)
def test_servers_refuse_a_database_url_without_credentials(
    database_url, clock, tmp_path, command
) -> None:
    agency = Database(database_url)
    _a_real_person(agency, clock, Role.HEAD)
    log = tmp_path / "out.txt"
    try:
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "bot.py", *command],
                cwd=ROOT,
                env=_clean_env(
                    DATABASE_URL=database_url,
                    TIDTAM_DEMO_DATABASE=str(tmp_path / "demo.sqlite3"),
                ),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            code = _wait(process)
        output = log.read_text()
        assert code == 2, output
        assert "ไม่มี LINE_CHANNEL_SECRET และ LINE_CHANNEL_ACCESS_TOKEN" in output
        assert "DATABASE_URL" in output
        with agency.session() as session:
            assert [s.name for s in session.exec(select(Staff))] == ["นางจริง ใจดี"]
            assert get_setting(session, MARKER) is None
        assert not (tmp_path / "demo.sqlite3").exists()
    finally:
        _empty(agency)


def test_admin_commands_run_on_the_real_database_without_line(database_url, tmp_path) -> None:
    """`db upgrade`, `plan import`, `staff list`: an administrator's work needs no LINE."""
    env = _clean_env(DATABASE_URL=database_url)
    agency = Database(database_url)
    try:
        for command in (
            ["db", "upgrade"],
            ["plan", "import", str(ROOT / "examples" / "measures-2565-bang-krabue.txt")],
            ["staff", "list"],
        ):
            done = subprocess.run(
                [sys.executable, "bot.py", *command],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, done.stdout + done.stderr
        refused = subprocess.run(
            [sys.executable, "bot.py", "staff", "add", "--name", "ก ข", "--role", "staff"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert refused.returncode == 2 and "TIDTAM_SECRET_KEY" in refused.stderr
    finally:
        _empty(agency)


def _gunicorn(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}",
             "--no-control-socket"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def test_gunicorn_refuses_a_database_url_without_credentials(database_url, tmp_path) -> None:
    log = tmp_path / "gunicorn.log"
    process = _gunicorn(free_port(), _clean_env(DATABASE_URL=database_url), log)
    code = _wait(process)
    output = log.read_text()
    assert code == 2, output
    assert "ไม่มี LINE_CHANNEL_SECRET และ LINE_CHANNEL_ACCESS_TOKEN" in output
    assert "Booting worker" not in output


def test_gunicorn_in_demo_mode_says_so_first_and_uses_its_own_file(tmp_path) -> None:
    port, log = free_port(), tmp_path / "gunicorn.log"
    demo_file = tmp_path / "demo.sqlite3"
    process = _gunicorn(port, _clean_env(TIDTAM_DEMO_DATABASE=str(demo_file)), log)
    try:

        def simulator() -> str | None:
            """The server the simulator's page names, once it answers 200 (None: not yet)."""
            assert process.poll() is None, log.read_text()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            try:
                connection.request("GET", "/simulator")
                response = connection.getresponse()
                return response.getheader("Server") if response.status == 200 else None
            except OSError:
                return None
            finally:
                connection.close()

        server = wait_until(simulator, 90, "the simulator answers 200")
        assert server == "gunicorn"  # no version, no Python
    finally:
        process.terminate()
        _wait(process, 30)
    lines = log.read_text().splitlines()
    assert "Starting gunicorn" in lines[0]
    assert "โหมดสาธิต" in lines[1] and str(demo_file) in lines[1], lines[:3]
    assert demo_file.exists()


# -- the simulator: only the demo's data, only its own page ----------------------------


def test_the_reset_refuses_a_database_that_is_not_the_demos(demo_database, clock) -> None:
    """A demo pointed at a file holding someone's data (no demo marker) resets nothing."""
    real = Database(f"sqlite:///{demo_database}")
    _a_real_person(real, clock, Role.HEAD)
    real.dispose()
    app = create_app(demo_settings(demo_database), clock=clock)
    running = app.extensions["tidtam"]
    try:
        answer = app.test_client().post("/simulator/api/reset", json={})
        assert answer.status_code == 409 and not answer.get_json()["ok"]
        result = app.test_cli_runner().invoke(args=["demo", "reset"])
        assert result.exit_code == 2 and "ไม่ใช่ข้อมูลสาธิต" in result.output
        with running.db.session() as session:
            assert [s.name for s in session.exec(select(Staff))] == ["นางจริง ใจดี"]
    finally:
        running.shutdown()


def test_the_demo_marks_its_database_and_resets_only_that(demo_app) -> None:
    running = demo_app.extensions["tidtam"]
    with running.db.session() as session:
        assert get_setting(session, MARKER) is not None
    assert demo_app.test_client().post("/simulator/api/reset", json={}).get_json()["ok"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://attacker.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # another host of the same site is still another page
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"},
    ],
)
def test_the_simulator_api_refuses_other_origins(demo_app, headers) -> None:
    client = demo_app.test_client()
    for method, path in (
        ("POST", "/simulator/api/reset"),
        ("POST", "/simulator/api/jobs/remind"),
        ("POST", "/simulator/api/events"),
        ("GET", "/simulator/api/people"),
    ):
        answer = client.open(path, method=method, json={}, headers=headers)
        assert answer.status_code == 403, (method, path, headers)


def test_a_form_post_from_anywhere_cannot_reset(demo_app) -> None:
    """A page elsewhere can send a form without a preflight; a form is not JSON."""
    client = demo_app.test_client()
    answer = client.post("/simulator/api/reset", data={"x": "1"})
    assert answer.status_code == 403
    plain = client.post("/simulator/api/reset", data="{}", content_type="text/plain")
    assert plain.status_code == 403


def test_the_simulators_own_page_passes(demo_app) -> None:
    client = demo_app.test_client()
    own = {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"}
    assert client.get("/simulator/api/people", headers=own).status_code == 200
    assert client.post("/simulator/api/jobs/remind", json={}, headers=own).status_code == 200
    assert client.get("/simulator", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 200


def test_the_simulator_does_not_exist_outside_demo_mode(database_url, tmp_path, clock) -> None:
    """A real database without credentials (an admin's shell): no simulator, no people."""
    settings = Settings(_env_file=None, database_url=database_url, secret_key="k")
    assert not settings.demo
    app = create_app(settings, clock=clock)
    try:
        client = app.test_client()
        assert client.get("/simulator").status_code == 404
        assert client.get("/simulator/api/people").status_code == 404
        assert client.post("/simulator/api/reset", json={}).status_code == 404
    finally:
        app.extensions["tidtam"].shutdown()
