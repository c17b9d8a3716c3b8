"""Settings: one typed object, read from the environment and `.env` (the README's table)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click
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
#: Where production data lives when DATABASE_URL is unset; the demo never opens it.
DEFAULT_DATABASE_URL = "sqlite:///instance/tidtam.sqlite3"
#: The demo's own database file (TIDTAM_DEMO_DATABASE); never DATABASE_URL.
DEMO_DATABASE = "instance/demo.sqlite3"


class ConfigurationError(click.ClickException):
    """The environment cannot run what was asked; the message says what is missing.
    A ClickException, so that every command prints the sentence and exits 2."""

    exit_code = 2


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
    database_url: str = Field(DEFAULT_DATABASE_URL, validation_alias=_env("DATABASE_URL"))
    #: TIDTAM_DEMO=1: the demo, whatever else is set; =0: never the demo; unset: the demo
    #: only when neither LINE credentials nor DATABASE_URL is set.
    demo_asked: bool | None = Field(None, validation_alias=_env("TIDTAM_DEMO"))
    #: The demo's own SQLite file (a path; relative to the project folder).
    demo_database: str = Field(DEMO_DATABASE, validation_alias=_env("TIDTAM_DEMO_DATABASE"))
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
    line_login_channel_id: str | None = Field(None, validation_alias=_env("LINE_LOGIN_CHANNEL_ID"))
    line_login_channel_secret: str | None = Field(
        None, validation_alias=_env("LINE_LOGIN_CHANNEL_SECRET")
    )
    #: Where LINE's sign-in page is (the authorize endpoint); tokens go to LINE_API_BASE_URL.
    line_login_base_url: str = Field(
        "https://access.line.me", validation_alias=_env("LINE_LOGIN_BASE_URL")
    )
    #: The LIFF app that opens the month page inside LINE (LINE Developers console, under
    #: the LINE Login channel); unset: the month page is reached by signed links only.
    liff_id: str | None = Field(None, validation_alias=_env("LIFF_ID"))
    #: The Official Account's basic ID (@xxxxxxx, LINE OA Manager, Settings): the link
    #: codes' QR codes open the chat with it, the code ready to send. Unset: asked of LINE.
    line_bot_basic_id: str | None = Field(None, validation_alias=_env("LINE_BOT_BASIC_ID"))
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
    #: Fernet keys that seal agencies' channel credentials at rest, comma-separated, newest
    #: first (docs/TENANCY.md); not needed by a single agency on LINE_CHANNEL_* above.
    credentials_keys: str | None = Field(None, validation_alias=_env("TIDTAM_CREDENTIALS_KEYS"))
    #: The agency an admin command acts for (its slug; `python bot.py --agency SLUG …`);
    #: unset: the deployment's own, agency no. 1.
    agency: str | None = Field(None, validation_alias=_env("TIDTAM_AGENCY"))
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
        """One credential without the other is a mistake in every mode: say which is missing
        (a ConfigurationError passes through pydantic unwrapped)."""
        from messages_th import config_text

        secret, token = bool(self.line_channel_secret), bool(self.line_channel_access_token)
        if secret != token:
            missing = "LINE_CHANNEL_ACCESS_TOKEN" if secret else "LINE_CHANNEL_SECRET"
            present = "LINE_CHANNEL_SECRET" if secret else "LINE_CHANNEL_ACCESS_TOKEN"
            raise ConfigurationError(config_text.one_credential(missing, present))
        if bool(self.line_login_channel_id) != bool(self.line_login_channel_secret):
            raise ValueError(
                "set both LINE_LOGIN_CHANNEL_ID and LINE_LOGIN_CHANNEL_SECRET, or neither"
            )
        ZoneInfo(self.timezone)  # fail early on a misspelt zone
        if not self.public_base_url:  # frozen: set once, here
            object.__setattr__(self, "public_base_url", f"http://localhost:{self.port}")
        return self

    @property
    def database_configured(self) -> bool:
        """DATABASE_URL given (in the environment or .env), not the default."""
        return "database_url" in self.model_fields_set and bool(self.database_url)

    @property
    def has_credentials(self) -> bool:
        return bool(self.line_channel_secret and self.line_channel_access_token)

    @property
    def demo(self) -> bool:
        """Demo mode (the in-process fake LINE platform, the demo's own database file):
        when asked, or when nothing is configured; never by a credential gone missing
        beside a real database."""
        if self.demo_asked is not None:
            return self.demo_asked
        return not (
            self.line_channel_secret or self.line_channel_access_token or self.database_configured
        )

    def require_line(self) -> None:
        """Refuse (ConfigurationError) to talk to LINE, or to serve its webhook, without
        both credentials; demo mode has its own."""
        from messages_th import config_text

        if self.demo or self.has_credentials:
            return
        raise ConfigurationError(
            config_text.no_credentials(database=self.database_configured, demo_off=self.demo_asked)
        )

    @property
    def channel_secret(self) -> str:
        if self.demo:
            return DEMO_CHANNEL_SECRET
        self.require_line()
        return self.line_channel_secret or ""

    @property
    def access_token(self) -> str:
        if self.demo:
            return DEMO_ACCESS_TOKEN
        self.require_line()
        return self.line_channel_access_token or ""

    @property
    def effective_clock_start(self) -> datetime | None:
        """Demo mode starts in the seed plan's year unless told otherwise."""
        return self.clock_start or (DEMO_CLOCK_START if self.demo else None)

    @property
    def liff_channel_id(self) -> str:
        """The channel a LIFF ID token is issued for: the LINE Login channel, which is the
        part of the LIFF ID before its dash."""
        return self.line_login_channel_id or (self.liff_id or "").split("-")[0]

    @property
    def has_signing_secret(self) -> bool:
        """Whether `signing_secret` can be given (it refuses outside the demo without one)."""
        return bool(self.secret_key or self.demo or self.line_channel_secret)

    @property
    def signing_secret(self) -> str:
        """TIDTAM_SECRET_KEY, else a key derived from the channel secret, which every
        process of a deployment already shares (demo mode's is public: demo data only,
        so outside the demo a missing secret is refused, never replaced by the demo's)."""
        if self.secret_key:
            return self.secret_key
        if not self.has_signing_secret:
            from messages_th import config_text

            raise ConfigurationError(config_text.no_signing_secret())
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
    def demo_database_path(self) -> Path:
        path = Path(self.demo_database)
        return path if path.is_absolute() else ROOT / path

    @property
    def resolved_database_url(self) -> str:
        """The demo's own file in demo mode, whatever DATABASE_URL says; otherwise
        DATABASE_URL, a relative SQLite path taken from the project folder."""
        prefix = "sqlite:///"
        if self.demo:
            path = self.demo_database_path
            path.parent.mkdir(parents=True, exist_ok=True)
            return prefix + str(path)
        url = self.database_url
        if not url.startswith(prefix) or url == "sqlite:///:memory:":
            return url
        path = Path(url[len(prefix) :])
        if not path.is_absolute():
            path = ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        return prefix + str(path)

    def mode_line(self) -> str:
        """The first line a server logs: demo mode (why, and on which file) or live."""
        from messages_th import config_text

        if not self.demo:
            return config_text.live_mode(self.resolved_database_url.split("@")[-1])
        return config_text.demo_mode(
            asked=bool(self.demo_asked),
            path=str(self.demo_database_path),
            ignored=[
                name
                for name, given in (
                    ("DATABASE_URL", self.database_configured),
                    ("LINE_CHANNEL_SECRET", bool(self.line_channel_secret)),
                    ("LINE_CHANNEL_ACCESS_TOKEN", bool(self.line_channel_access_token)),
                )
                if given
            ],
        )
