"""Settings: one typed object, read from the environment and `.env` (DESIGN.md's table)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent

#: The channel secret demo mode signs with; known to the simulator and the tests.
DEMO_CHANNEL_SECRET = "tidtam-demo-channel-secret"
DEMO_ACCESS_TOKEN = "tidtam-demo-access-token"
#: Where a demo's clock starts when TIDTAM_CLOCK_START is unset: in the seed plan's own
#: year, on the Monday before January 2565's meeting, so reminders and summaries are near.
DEMO_CLOCK_START = datetime.fromisoformat("2022-01-24T10:00:00+07:00")
#: The LINE Login channel demo mode signs in with, on its in-process fake platform.
DEMO_LOGIN_CHANNEL_ID = "2000000000"
DEMO_LOGIN_CHANNEL_SECRET = "tidtam-demo-login-channel-secret"


def _env(name: str) -> AliasChoices:
    """Accept the environment name and the field name (tests pass field names)."""
    return AliasChoices(name)


class Settings(BaseSettings):
    """Everything Tidtam reads from its environment; built in `create_app`, never at import."""

    model_config = SettingsConfigDict(
        env_file=ROOT / ".env", extra="ignore", populate_by_name=True, frozen=True
    )

    line_channel_secret: str | None = Field(None, validation_alias=_env("LINE_CHANNEL_SECRET"))
    line_channel_access_token: str | None = Field(
        None, validation_alias=_env("LINE_CHANNEL_ACCESS_TOKEN")
    )
    line_api_base_url: str = Field(
        "https://api.line.me", validation_alias=_env("LINE_API_BASE_URL")
    )
    line_data_api_base_url: str = Field(
        "https://api-data.line.me", validation_alias=_env("LINE_DATA_API_BASE_URL")
    )
    database_url: str = Field(
        "sqlite:///instance/tidtam.sqlite3", validation_alias=_env("DATABASE_URL")
    )
    timezone: str = Field("Asia/Bangkok", validation_alias=_env("TIDTAM_TIMEZONE"))
    clock_start: datetime | None = Field(None, validation_alias=_env("TIDTAM_CLOCK_START"))
    #: With TIDTAM_CLOCK_START: how many times faster than real time the clock runs, and
    #: the real instant (Unix seconds) at which it reads the start (tests, demos).
    clock_speed: float = Field(1.0, gt=0, validation_alias=_env("TIDTAM_CLOCK_SPEED"))
    clock_anchor: float | None = Field(None, validation_alias=_env("TIDTAM_CLOCK_ANCHOR"))
    #: Seconds between the scheduler's ticks (each runs every job that is due).
    scheduler_tick_seconds: float = Field(
        60.0, gt=0, validation_alias=_env("TIDTAM_SCHEDULER_TICK_SECONDS")
    )
    #: Unset: http://localhost on the port `make run` was given (PORT), else 5000.
    public_base_url: str = Field("", validation_alias=_env("PUBLIC_BASE_URL"))
    port: int = Field(5000, validation_alias=_env("PORT"))
    #: The console's sign-in: a LINE Login channel under the Messaging API channel's provider.
    line_login_channel_id: str | None = Field(
        None, validation_alias=_env("LINE_LOGIN_CHANNEL_ID")
    )
    line_login_channel_secret: str | None = Field(
        None, validation_alias=_env("LINE_LOGIN_CHANNEL_SECRET")
    )
    #: Where LINE's sign-in page is (the authorize endpoint); tokens go to LINE_API_BASE_URL.
    line_login_base_url: str = Field(
        "https://access.line.me", validation_alias=_env("LINE_LOGIN_BASE_URL")
    )
    #: A console session ends after this many minutes without a request, and this many
    #: hours after sign-in whatever happens.
    console_idle_minutes: float = Field(
        30.0, gt=0, validation_alias=_env("TIDTAM_CONSOLE_IDLE_MINUTES")
    )
    console_session_hours: float = Field(
        12.0, gt=0, validation_alias=_env("TIDTAM_CONSOLE_SESSION_HOURS")
    )
    #: Signs download links and hashes link codes. Unset: derived from the channel secret.
    secret_key: str | None = Field(None, validation_alias=_env("TIDTAM_SECRET_KEY"))
    #: Seconds before any LINE call gives up (the SDK has no time-out of its own).
    line_timeout: float = Field(10.0, validation_alias=_env("TIDTAM_LINE_TIMEOUT"))
    #: Threads in each web process that work off the webhook inbox.
    worker_threads: int = Field(4, validation_alias=_env("TIDTAM_WORKER_THREADS"))
    #: Web processes work off the inbox themselves. Set it off where `python bot.py worker`
    #: processes do: the web processes then only acknowledge, as fast as they can.
    web_works_inbox: bool = Field(True, validation_alias=_env("TIDTAM_WEB_WORKS_INBOX"))
    #: Seconds a SQLite write waits for another writer; past it the webhook answers 503.
    sqlite_busy_timeout: float = Field(30.0, validation_alias=_env("TIDTAM_SQLITE_BUSY_TIMEOUT"))
    #: Chat replies print Thai digits instead of Arabic ones.
    chat_thai_digits: bool = Field(False, validation_alias=_env("TIDTAM_CHAT_THAI_DIGITS"))
    #: Run the scheduler inside `serve` (one process); gunicorn deployments run it apart.
    run_scheduler: bool = Field(True, validation_alias=_env("TIDTAM_RUN_SCHEDULER"))
    #: Days the content of handled LINE events and of sent pushes is kept (then removed:
    #: the rows keep only who, what kind and when), and a closed case's name and phone.
    retention_days: int = Field(30, ge=1, validation_alias=_env("TIDTAM_RETENTION_DAYS"))

    @model_validator(mode="after")
    def _both_or_neither(self) -> Settings:
        if bool(self.line_channel_secret) != bool(self.line_channel_access_token):
            raise ValueError(
                "set both LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN, or neither (demo mode)"
            )
        if bool(self.line_login_channel_id) != bool(self.line_login_channel_secret):
            raise ValueError(
                "set both LINE_LOGIN_CHANNEL_ID and LINE_LOGIN_CHANNEL_SECRET, or neither"
            )
        ZoneInfo(self.timezone)  # fail early on a misspelt zone
        if not self.public_base_url:  # frozen: set once, here
            object.__setattr__(self, "public_base_url", f"http://localhost:{self.port}")
        return self

    @property
    def demo(self) -> bool:
        """No LINE credentials: run against the in-process fake LINE platform."""
        return not self.line_channel_secret

    @property
    def channel_secret(self) -> str:
        return self.line_channel_secret or DEMO_CHANNEL_SECRET

    @property
    def access_token(self) -> str:
        return self.line_channel_access_token or DEMO_ACCESS_TOKEN

    @property
    def effective_clock_start(self) -> datetime | None:
        """Demo mode starts in the seed plan's year unless told otherwise."""
        return self.clock_start or (DEMO_CLOCK_START if self.demo else None)

    @property
    def signing_secret(self) -> str:
        """TIDTAM_SECRET_KEY, else a key derived from the channel secret, which every
        process of a deployment already shares (demo mode's is public: demo data only)."""
        if self.secret_key:
            return self.secret_key
        return hmac.new(
            self.channel_secret.encode(), b"tidtam-signing-key", hashlib.sha256
        ).hexdigest()

    @property
    def retention(self) -> timedelta:
        return timedelta(days=self.retention_days)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def resolved_database_url(self) -> str:
        """A relative SQLite path is taken from the project folder, not the working directory."""
        prefix = "sqlite:///"
        url = self.database_url
        if not url.startswith(prefix) or url == "sqlite:///:memory:":
            return url
        path = Path(url[len(prefix) :])
        if not path.is_absolute():
            path = ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        return prefix + str(path)
