"""`python bot.py agency …`: an agency switched on in an afternoon, from the command line,
against the fake LINE platform's channels (docs/TENANCY.md, "Switching an agency on")."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlmodel import select

from fakeline import FakeLine
from models.agency import AgencyState, by_slug
from models.credentials import Sealer, new_key
from models.db import Database
from models.staff import Staff
from services import Services
from settings import ROOT, Settings
from tests.support.browser import serving
from usecases import agencies
from usecases.actor import COMMAND_LINE

OLD_KEY, NEW_KEY = new_key(), new_key()


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"credentials_keys": OLD_KEY})


@pytest.fixture
def served(app: Flask, services: Services) -> Iterator[str]:
    """The app on HTTP, its PUBLIC_BASE_URL where LINE's webhook test reaches it."""
    with serving(app) as url:
        services.settings = services.settings.model_copy(update={"public_base_url": url})
        yield url


def _agency(services: Services, slug: str):
    with services.db.session() as session:
        agency = by_slug(session, slug)
    assert agency is not None
    return agency


def test_an_agency_is_added_connected_and_its_webhook_set_and_tested(
    runner: FlaskCliRunner, services: Services, fake_line: FakeLine, served: str
) -> None:
    channel = fake_line.add_channel("nong-bua")
    added = runner.invoke(args=["agency", "add", "nong-bua", "อบต.หนองบัว"])
    assert added.exit_code == 0, added.output
    before = runner.invoke(args=["agency", "status", "nong-bua"]).output
    assert before.count("[x]") == 1 and "[ ] ตั้ง webhook" in before

    connect = runner.invoke(
        args=["agency", "connect", "nong-bua"], input=f"{channel.secret}\n{channel.access_token}\n"
    )
    assert connect.exit_code == 0, connect.output
    assert channel.basic_id in connect.output and "ทดสอบ webhook สำเร็จ" in connect.output
    assert channel.access_token not in connect.output and channel.secret not in connect.output
    assert channel.webhook_url == f"{served}/callback/nong-bua"
    assert len(fake_line.requests_to("/v2/bot/channel/webhook/test", ok_only=True)) == 1

    agency = _agency(services, "nong-bua")
    assert agency.state == AgencyState.CONNECTED and agency.bot_user_id == channel.bot_user_id
    assert agency.access_token and channel.access_token not in agency.access_token
    assert Sealer([OLD_KEY]).open(agency.access_token) == channel.access_token
    assert agency.channel_secret and Sealer([OLD_KEY]).open(agency.channel_secret) == channel.secret
    after = runner.invoke(args=["agency", "status", "nong-bua"]).output
    assert after.count("[x]") == 6 and after.count("[ ]") == 3  # plan, admin, staff
    assert "[?]" not in after
    listed = runner.invoke(args=["agency", "list"]).output
    assert "nong-bua" in listed and channel.basic_id in listed and "main" in listed


def test_the_secret_and_token_may_come_from_the_environment_never_from_argv(
    runner: FlaskCliRunner, services: Services, fake_line: FakeLine, served: str
) -> None:
    channel = fake_line.add_channel("b-town")
    runner.invoke(args=["agency", "add", "b-town", "B"])
    on_argv = runner.invoke(
        args=["agency", "connect", "b-town", channel.secret, channel.access_token]
    )
    assert on_argv.exit_code == 2 and _agency(services, "b-town").access_token is None
    from_env = runner.invoke(
        args=["agency", "connect", "b-town"],
        env={
            "TIDTAM_AGENCY_CHANNEL_SECRET": channel.secret,
            "TIDTAM_AGENCY_ACCESS_TOKEN": channel.access_token,
        },
    )
    assert from_env.exit_code == 0, from_env.output
    assert _agency(services, "b-town").bot_user_id == channel.bot_user_id


def test_a_token_line_refuses_is_said_and_nothing_is_stored(
    runner: FlaskCliRunner, services: Services, fake_line: FakeLine
) -> None:
    channel = fake_line.add_channel("b-town")
    runner.invoke(args=["agency", "add", "b-town", "B"])
    wrong = runner.invoke(
        args=["agency", "connect", "b-town"], input=f"{channel.secret}\nnot-the-token\n"
    )
    assert wrong.exit_code == 2 and "HTTP 401" in wrong.output
    fake_line.revoke("b-town")
    revoked = runner.invoke(
        args=["agency", "connect", "b-town"], input=f"{channel.secret}\n{channel.access_token}\n"
    )
    assert revoked.exit_code == 2 and "HTTP 401" in revoked.output
    empty = runner.invoke(args=["agency", "connect", "b-town"], input="\n\n")
    assert empty.exit_code == 2 and "stdin" in empty.output
    agency = _agency(services, "b-town")
    assert (agency.state, agency.access_token, agency.channel_secret) == (
        AgencyState.NEW,
        None,
        None,
    )


def test_one_line_account_serves_one_agency(
    runner: FlaskCliRunner, services: Services, fake_line: FakeLine, served: str
) -> None:
    channel = fake_line.add_channel("b-town")
    for slug in ("b-town", "c-town"):
        runner.invoke(args=["agency", "add", slug, slug])
    credentials = f"{channel.secret}\n{channel.access_token}\n"
    assert runner.invoke(args=["agency", "connect", "b-town"], input=credentials).exit_code == 0
    taken = runner.invoke(args=["agency", "connect", "c-town"], input=credentials)
    assert taken.exit_code == 2 and "b-town" in taken.output
    assert _agency(services, "c-town").access_token is None


def test_a_webhook_line_cannot_reach_is_said_and_the_checklist_shows_it(
    runner: FlaskCliRunner, services: Services, fake_line: FakeLine
) -> None:
    channel = fake_line.add_channel("b-town")
    services.settings = services.settings.model_copy(
        update={"public_base_url": "http://127.0.0.1:9"}
    )
    runner.invoke(args=["agency", "add", "b-town", "B"])
    connect = runner.invoke(
        args=["agency", "connect", "b-town"], input=f"{channel.secret}\n{channel.access_token}\n"
    )
    assert connect.exit_code == 1 and "ไม่ผ่าน" in connect.output
    status = runner.invoke(args=["agency", "status", "b-town"]).output
    assert "[x] ตั้ง webhook" in status and "[ ] ไลน์ทดสอบ webhook" in status


def test_refusals_each_have_their_sentence(
    runner: FlaskCliRunner, services: Services, fake_line: FakeLine, monkeypatch
) -> None:
    assert "main" in runner.invoke(args=["agency", "connect", "main"], input="s\nt\n").output
    unknown = runner.invoke(args=["agency", "connect", "nobody"], input="s\nt\n")
    assert unknown.exit_code == 2 and "nobody" in unknown.output
    assert runner.invoke(args=["agency", "add", "Bad Slug", "x"]).exit_code == 2
    assert runner.invoke(args=["agency", "add", "main", "x"]).exit_code == 2
    assert runner.invoke(args=["agency", "status", "nobody"]).exit_code == 2
    runner.invoke(args=["agency", "add", "b-town", "B"])
    monkeypatch.setattr(services, "sealer", None)
    no_keys = runner.invoke(args=["agency", "connect", "b-town"], input="s\nt\n")
    assert no_keys.exit_code == 2 and "TIDTAM_CREDENTIALS_KEYS" in no_keys.output
    assert runner.invoke(args=["agency", "rotate-keys"]).exit_code == 2


def test_keys_are_rotated_from_the_command_line(
    runner: FlaskCliRunner, services: Services, fake_line: FakeLine, served: str, monkeypatch
) -> None:
    channel = fake_line.add_channel("b-town")
    runner.invoke(args=["agency", "add", "b-town", "B"])
    credentials = f"{channel.secret}\n{channel.access_token}\n"
    assert runner.invoke(args=["agency", "connect", "b-town"], input=credentials).exit_code == 0
    monkeypatch.setattr(services, "sealer", Sealer([new_key()]))  # the old key left out
    locked = runner.invoke(args=["agency", "rotate-keys"])
    assert locked.exit_code == 2
    monkeypatch.setattr(services, "sealer", Sealer([NEW_KEY, OLD_KEY]))
    rotated = runner.invoke(args=["agency", "rotate-keys"])
    assert rotated.exit_code == 0 and "1" in rotated.output
    agency = _agency(services, "b-town")
    assert (
        agency.access_token and Sealer([NEW_KEY]).open(agency.access_token) == channel.access_token
    )


def test_a_key_that_is_not_a_fernet_key_is_said(
    runner: FlaskCliRunner, services: Services, monkeypatch
) -> None:
    runner.invoke(args=["agency", "add", "b-town", "B"])
    services.settings = services.settings.model_copy(
        update={"credentials_keys": f"{NEW_KEY},not-a-key"}
    )
    monkeypatch.delitem(services.__dict__, "sealer", raising=False)  # read the setting again
    for args in (["agency", "connect", "b-town"], ["agency", "rotate-keys"]):
        said = runner.invoke(args=args, input="s\nt\n")
        assert said.exit_code == 2 and "Fernet" in said.output, said.output


def _bot(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python bot.py …` as an operator runs it, on the database at `url`."""
    env = {**os.environ, "DATABASE_URL": url, "TIDTAM_DEMO": "0", "TIDTAM_SECRET_KEY": "k" * 32}
    for name in ("TIDTAM_AGENCY", "LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "bot.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


@pytest.mark.timeout(600)
def test_an_admin_command_acts_for_the_agency_it_is_given(tmp_path, clock) -> None:
    url = f"sqlite:///{tmp_path / 'agencies.sqlite3'}"
    database = Database(url)
    database.upgrade()
    with database.session() as session:
        agencies.add_agency(session, COMMAND_LINE, "nong-bua", "อบต.หนองบัว", clock.now())
        session.add(Staff(name="สมหญิง", role="staff", created_at=clock.now()))  # no. 1's
    database.dispose()
    added = _bot(url, "--agency", "nong-bua", "staff", "add", "--name", "สมหญิง", "--role", "head")
    assert added.returncode == 0, added.stderr  # the same name: each agency its own
    database = Database(url)
    with database.session() as session:
        rows = session.exec(select(Staff.agency_id, Staff.role).order_by(Staff.id)).all()
    database.dispose()
    assert [tuple(row) for row in rows] == [(1, "staff"), (2, "head")]
    unknown = _bot(url, "--agency", "nowhere", "staff", "list")
    assert unknown.returncode == 2
    assert "nowhere" in unknown.stderr and "agency list" in unknown.stderr
    assert "Traceback" not in unknown.stderr
