"""Agencies: each with its own LINE Official Account, on one deployment (docs/TENANCY.md).

Agency no. 1 is the deployment's own: the migration creates it, and its channel stays in
the environment (state `env`), so a single-agency deployment changes nothing.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Connection, Engine, text
from sqlalchemy import select as core_select
from sqlmodel import Field, Session, SQLModel, col, select

from models.base import metadata  # noqa: F401  (the naming convention must come first)
from models.types import AwareDateTime

#: the deployment's own agency, on the channel in LINE_CHANNEL_SECRET / _ACCESS_TOKEN
FIRST_AGENCY_ID = 1
FIRST_AGENCY_SLUG = "main"

#: an agency's name in URLs: lower-case letters, digits and inner dashes, 2–40 characters
SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])")
#: names that are addresses of their own under /public (`/public/agencies`, its photos);
#: a name of digits alone would be read as a year (`/public/2565`), and is refused too
RESERVED_SLUGS = frozenset({"agencies", "photo"})


class AgencyState(StrEnum):
    ENV = "env"  # agency no. 1, on the environment's channel
    NEW = "new"  # created; no channel yet
    CONNECTED = "connected"  # token checked by LINE, credentials stored
    REFUSED = "refused"  # LINE answered 401 to its token: its delivery stops


class Agency(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=40)
    name: str = Field(max_length=200)
    basic_id: str | None = Field(default=None, max_length=40, description="@… of the account")
    bot_user_id: str | None = Field(
        default=None, unique=True, max_length=64, description="the webhook body's destination"
    )
    channel_secret: str | None = Field(default=None, description="sealed (models/credentials)")
    access_token: str | None = Field(default=None, description="sealed (models/credentials)")
    state: str = Field(default=AgencyState.NEW, max_length=16)
    webhook_url: str | None = Field(default=None, max_length=300)
    webhook_tested_at: datetime | None = Field(default=None, sa_type=AwareDateTime)
    created_at: datetime = Field(sa_type=AwareDateTime)


def by_slug(session: Session, slug: str) -> Agency | None:
    return session.exec(select(Agency).where(col(Agency.slug) == slug)).first()


@dataclass(frozen=True)
class WebhookChannel:
    """What `/callback/<slug>` needs of its agency: the secret still sealed."""

    id: int
    state: AgencyState
    bot_user_id: str | None
    sealed_secret: str | None


def webhook_channel(engine: Engine, slug: str) -> WebhookChannel | None:
    """The agency at `/callback/<slug>`, in one statement; None if there is none."""
    with engine.connect() as connection:
        row = connection.execute(
            select(Agency.id, Agency.state, Agency.bot_user_id, Agency.channel_secret).where(
                col(Agency.slug) == slug
            )
        ).first()
    if row is None or row[0] is None:
        return None
    return WebhookChannel(row[0], AgencyState(row[1]), row[2], row[3])


def webhook_channels(engine: Engine) -> dict[str, WebhookChannel]:
    """Every agency that has a channel (agency no. 1 on the environment's, and those
    whose secret is stored), by slug, in one statement."""
    table = Agency.__table__  # type: ignore[attr-defined]
    with engine.connect() as connection:
        rows = connection.execute(
            core_select(
                table.c.id, table.c.state, table.c.bot_user_id, table.c.channel_secret, table.c.slug
            ).where(table.c.channel_secret.is_not(None) | (table.c.state == AgencyState.ENV))
        ).all()
    return {
        row[4]: WebhookChannel(row[0], AgencyState(row[1]), row[2], row[3])
        for row in rows
        if row[0] is not None
    }


def _has_channel(channel: WebhookChannel) -> bool:
    return channel.sealed_secret is not None or channel.state == AgencyState.ENV


class KnownChannels:
    """The agencies' webhook channels as this process last read them: every agency with
    a channel, read in one statement, and read again once that is `TTL` seconds old (by
    one request; the others meanwhile use what was read before). A webhook then costs no
    database round trip before its events are stored, whatever the number of agencies.
    (Remembering each agency for `TTL` seconds after its own lookup did not: with 1,000
    agencies most agencies' events come less often than every 30 s per process, and the
    lookups halved the acknowledgements per second, docs/PERFORMANCE.md "Many agencies".)
    What it holds is a few hundred bytes per agency.

    A slug not among them is read alone, at once (an agency just connected answers at
    once; an unknown one or one without a channel is not remembered). A caller whose
    check fails with a remembered channel (its secret changed by `agency connect`) reads
    that agency again (`fresh=True`)."""

    TTL = 30.0

    def __init__(self) -> None:
        self._known: dict[str, WebhookChannel] = {}
        self._read_at: float | None = None
        self._reading = False
        self._lock = threading.Lock()

    def get(self, engine: Engine, slug: str, *, fresh: bool = False) -> WebhookChannel | None:
        self._read_all_if_stale(engine)
        with self._lock:
            known = self._known.get(slug)
        if known is not None and not fresh:
            return known
        channel = webhook_channel(engine, slug)
        with self._lock:
            if channel is None or not _has_channel(channel):
                self._known.pop(slug, None)  # none, or no channel yet: asked again next time
            else:
                self._known[slug] = channel
        return channel

    def _read_all_if_stale(self, engine: Engine) -> None:
        now = time.monotonic()
        with self._lock:
            if self._reading or (self._read_at is not None and now - self._read_at < self.TTL):
                return
            self._reading = True
        try:
            channels = webhook_channels(engine)
        finally:
            with self._lock:
                self._reading = False
        with self._lock:
            self._known, self._read_at = channels, now


def mark_refused(session: Session, agency_id: int, sealed_token: str | None) -> bool:
    """LINE answered 401 to this token: the agency is `refused`, unless it was connected
    again meanwhile (another token) or is refused already; True if this call changed it."""
    table = Agency.__table__  # type: ignore[attr-defined]
    result = session.execute(
        table.update()
        .where(
            table.c.id == agency_id,
            table.c.state == AgencyState.CONNECTED,
            table.c.access_token == sealed_token,
        )
        .values(state=AgencyState.REFUSED)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def all_agencies(session: Session) -> list[Agency]:
    return list(session.exec(select(Agency).order_by(col(Agency.id))))


def with_credentials(session: Session) -> list[Agency]:
    """Agencies whose secret or token is stored (sealed): what a key rotation reseals."""
    return list(
        session.exec(
            select(Agency)
            .where(col(Agency.channel_secret).is_not(None) | col(Agency.access_token).is_not(None))
            .order_by(col(Agency.id))
        )
    )


def insert_first(connection: Connection, name: str) -> None:
    """Agency no. 1, as the migration creates it (and a test's emptied database gets it
    back); on PostgreSQL the id sequence is moved past it, so the next agency is no. 2."""
    connection.execute(
        text(
            "INSERT INTO agency (id, slug, name, state, created_at)"
            " VALUES (:id, :slug, :name, :state, CURRENT_TIMESTAMP)"
        ),
        {"id": FIRST_AGENCY_ID, "slug": FIRST_AGENCY_SLUG, "name": name, "state": AgencyState.ENV},
    )
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence('agency', 'id'), MAX(id)) FROM agency")
        )


def publishing(session: Session) -> list[tuple[int, str, str, int]]:
    """(id, slug, name, latest fiscal year) of every agency with a plan, by name: the
    public list of agencies served. The name is the one its latest plan gives (what its
    public page shows), else the agency's. One statement over every agency's plans (the
    caller's unit of work sees them all)."""
    from models.plan import Plan

    rows = session.execute(
        core_select(
            col(Agency.id),
            col(Agency.slug),
            col(Agency.name),
            col(Plan.fiscal_year),
            col(Plan.agency),
        )
        .join(Plan, col(Plan.agency_id) == col(Agency.id))
        .order_by(col(Agency.id), col(Plan.fiscal_year))
    )
    latest: dict[int, tuple[int, str, str, int]] = {}
    for agency_id, slug, name, fiscal_year, plan_name in rows:
        assert agency_id is not None
        latest[agency_id] = (agency_id, slug, plan_name or name, fiscal_year)
    return sorted(latest.values(), key=lambda row: (row[2], row[0]))
