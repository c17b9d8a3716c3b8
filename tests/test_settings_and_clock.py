"""Settings from the environment, and the one clock."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from clock import FrozenClock, RunningClock, SystemClock, clock_for
from settings import ConfigurationError, Settings
from tests.support.waiting import wait_until

BANGKOK = ZoneInfo("Asia/Bangkok")
NAMES = [
    "LINE_CHANNEL_SECRET",
    "LINE_CHANNEL_ACCESS_TOKEN",
    "LINE_API_BASE_URL",
    "LINE_DATA_API_BASE_URL",
    "DATABASE_URL",
    "TIDTAM_TIMEZONE",
    "TIDTAM_CLOCK_START",
    "PUBLIC_BASE_URL",
    "PORT",
    "TIDTAM_DEMO",
    "TIDTAM_DEMO_DATABASE",
]


def test_defaults_are_the_design_table(monkeypatch) -> None:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.demo
    assert settings.line_api_base_url == "https://api.line.me"
    assert settings.line_data_api_base_url == "https://api-data.line.me"
    assert settings.database_url == "sqlite:///instance/tidtam.sqlite3"
    assert settings.timezone == "Asia/Bangkok" and settings.clock_start is None
    assert settings.public_base_url == "http://localhost:5000"


def test_the_public_address_follows_the_port_when_unset(monkeypatch) -> None:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORT", "8123")
    assert Settings(_env_file=None).public_base_url == "http://localhost:8123"
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://tidtam.bangkrabue.go.th")
    assert Settings(_env_file=None).public_base_url == "https://tidtam.bangkrabue.go.th"


def test_a_login_channel_id_without_its_secret_is_refused(monkeypatch) -> None:
    monkeypatch.setenv("LINE_LOGIN_CHANNEL_ID", "1656000001")
    monkeypatch.delenv("LINE_LOGIN_CHANNEL_SECRET", raising=False)
    with pytest.raises(ValidationError, match="LINE_LOGIN_CHANNEL_SECRET"):
        Settings(_env_file=None)


def test_the_environment_and_a_dotenv_file_are_read(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("LINE_CHANNEL_SECRET", "s")
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", "t")
    monkeypatch.setenv("TIDTAM_CLOCK_START", "2022-01-25T08:00:00+07:00")
    env = tmp_path / ".env"
    env.write_text("PUBLIC_BASE_URL=https://tidtam.bangkrabue.go.th\n")
    settings = Settings(_env_file=env)
    assert not settings.demo and settings.channel_secret == "s"
    assert settings.clock_start == datetime(2022, 1, 25, 8, tzinfo=BANGKOK)
    assert settings.public_base_url == "https://tidtam.bangkrabue.go.th"


def test_one_credential_without_the_other_is_refused(monkeypatch) -> None:
    monkeypatch.delenv("LINE_CHANNEL_ACCESS_TOKEN", raising=False)
    monkeypatch.setenv("LINE_CHANNEL_SECRET", "only-the-secret")
    with pytest.raises(ConfigurationError, match="ไม่มี LINE_CHANNEL_ACCESS_TOKEN"):
        Settings(_env_file=None)


def test_the_clock_starts_where_told_and_runs_on() -> None:
    start = datetime(2022, 1, 25, 8, 0, tzinfo=BANGKOK)
    running = clock_for(BANGKOK, start)
    assert isinstance(running, RunningClock)
    first = running.now()
    assert start <= first
    wait_until(lambda: running.now() > first, what="the clock moves on")
    assert isinstance(clock_for(BANGKOK, None), SystemClock)
    assert clock_for(BANGKOK, None).now().tzinfo == BANGKOK


def test_a_frozen_clock_moves_only_when_told() -> None:
    clock = FrozenClock(datetime(2022, 1, 1, 9, 0))
    assert clock.now() == clock.now() == datetime(2022, 1, 1, 9, 0, tzinfo=BANGKOK)
    assert clock.advance(days=1).day == 2


def test_the_signing_secret_is_shared_by_every_process_without_the_database(monkeypatch) -> None:
    monkeypatch.delenv("TIDTAM_SECRET_KEY", raising=False)
    one = Settings(_env_file=None, line_channel_secret="s", line_channel_access_token="t")
    two = Settings(_env_file=None, line_channel_secret="s", line_channel_access_token="t")
    other = Settings(_env_file=None, line_channel_secret="x", line_channel_access_token="t")
    assert one.signing_secret == two.signing_secret != other.signing_secret
    assert one.signing_secret != "s"
    chosen = Settings(
        _env_file=None, secret_key="k", line_channel_secret="s", line_channel_access_token="t"
    )
    assert chosen.signing_secret == "k"


def test_a_fast_clock_runs_speed_times_real_time_from_its_anchor() -> None:
    tz = ZoneInfo("Asia/Bangkok")
    start = datetime(2022, 1, 20, 8, 0, tzinfo=tz)
    anchor = time.time() - 2.0  # the processes agreed on this instant two seconds ago
    fast = clock_for(tz, start, speed=3600, anchor=anchor)
    later = RunningClock(start, tz, speed=3600, anchor=anchor)  # another process, later
    hours = (fast.now() - start).total_seconds() / 3600
    assert 2.0 <= hours < 60  # two real seconds are two hours (a loaded machine: more)
    assert abs((later.now() - fast.now()).total_seconds()) < 600  # both read one time


def test_the_clock_speed_and_the_scheduler_tick_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("TIDTAM_CLOCK_SPEED", "20000")
    monkeypatch.setenv("TIDTAM_CLOCK_ANCHOR", "1700000000.5")
    monkeypatch.setenv("TIDTAM_SCHEDULER_TICK_SECONDS", "0.25")
    settings = Settings(_env_file=None)
    assert (settings.clock_speed, settings.clock_anchor) == (20000, 1700000000.5)
    assert settings.scheduler_tick_seconds == 0.25
    monkeypatch.setenv("TIDTAM_CLOCK_SPEED", "0")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)
