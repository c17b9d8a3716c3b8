"""Agencies on one deployment: created by the platform operator, switched on with their
own LINE channel (docs/TENANCY.md, "Switching an agency on").

The LINE calls are the caller's `ChannelApi` (delivery/channel_setup.py): this module
knows only what it needs of them. Connecting is two use cases, because LINE's webhook test
calls the webhook, which must find the credentials committed: `connect_channel` (check
the token, keep secret and token sealed), then `set_up_webhook`. Both ask LINE between
units of work, never inside one.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlmodel import Session, col, func, select

from models.agency import (
    FIRST_AGENCY_ID,
    RESERVED_SLUGS,
    SLUG,
    Agency,
    AgencyState,
    all_agencies,
    by_slug,
    with_credentials,
)
from models.app_setting import AppSetting
from models.audit import audit
from models.credentials import CredentialsLocked, Sealer
from models.outbox import unpark
from models.plan import Plan
from models.staff import Role, Staff
from usecases.actor import Actor, ActorKind, NotAllowed

# -- what the use cases need of LINE (delivery/channel_setup.ChannelSetup fits) -----------


class BotInfo(Protocol):
    @property
    def user_id(self) -> str: ...
    @property
    def basic_id(self) -> str: ...


class WebhookTest(Protocol):
    @property
    def success(self) -> bool: ...
    @property
    def status_code(self) -> int | None: ...
    @property
    def reason(self) -> str: ...


class ChannelApi(Protocol):
    """LINE's Messaging API with one channel's access token."""

    def bot_info(self) -> BotInfo | int:
        """The bot, or LINE's HTTP status when it would not say (0: LINE unreachable)."""
        ...

    def set_webhook(self, url: str) -> int:
        """LINE's HTTP status (200: set)."""
        ...

    def test_webhook(self) -> WebhookTest | int: ...


#: the caller's way to a channel, given its access token
OpenChannel = Callable[[str], ChannelApi]

#: units of work, each committed when its block ends (`Database.session`): for the use
#: cases that ask LINE between two of them
Units = Callable[[], AbstractContextManager[Session]]


# -- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyAdded:
    id: int
    slug: str
    name: str


@dataclass(frozen=True)
class BadSlug:
    slug: str


@dataclass(frozen=True)
class SlugTaken:
    slug: str


@dataclass(frozen=True)
class NoSuchAgency:
    slug: str


@dataclass(frozen=True)
class ChannelInEnvironment:
    """Agency no. 1's channel is the environment's (LINE_CHANNEL_*): not set here."""

    slug: str


@dataclass(frozen=True)
class NoCredentialsKeys:
    pass


@dataclass(frozen=True)
class MissingCredentials:
    pass


@dataclass(frozen=True)
class TokenRefused:
    status: int


@dataclass(frozen=True)
class LineUnavailable:
    status: int  # 0: not reached


@dataclass(frozen=True)
class ChannelTaken:
    """This LINE bot is another agency's already."""

    slug: str


@dataclass(frozen=True)
class ChannelConnected:
    slug: str
    bot_user_id: str
    basic_id: str


@dataclass(frozen=True)
class WebhookReady:
    slug: str
    url: str
    tested: bool
    status_code: int | None  # what our webhook answered LINE's test
    reason: str


@dataclass(frozen=True)
class AgencyRow:
    id: int
    slug: str
    name: str
    state: AgencyState
    basic_id: str | None


@dataclass(frozen=True)
class Checklist:
    """What is done and what is left to switch an agency on; None: not known (kept for
    callers that print `[?]`; every item is known now that every table has its agency)."""

    agency: AgencyRow
    channel_checked: bool
    credentials_stored: bool
    webhook_set: bool
    webhook_tested: bool
    plan_imported: bool | None
    staff_added: bool | None
    admin_linked: bool | None
    rich_menus: bool | None = None

    @property
    def items(self) -> list[tuple[str, bool | None]]:
        """(name, done) in the order an agency is switched on."""
        return [
            ("created", True),
            ("channel_checked", self.channel_checked),
            ("credentials_stored", self.credentials_stored),
            ("webhook_set", self.webhook_set),
            ("webhook_tested", self.webhook_tested),
            ("rich_menus", self.rich_menus),
            ("plan_imported", self.plan_imported),
            ("admin_linked", self.admin_linked),
            ("staff_added", self.staff_added),
        ]

    @property
    def done(self) -> int:
        return sum(1 for _, done in self.items if done)


# -- the use cases ---------------------------------------------------------------------


def is_operator(actor: Actor) -> bool:
    """The platform operator: the command line, or an admin of agency no. 1 (the
    deployment's own) in the console."""
    if actor.kind is ActorKind.COMMAND_LINE:
        return True
    staff = actor.staff
    return staff is not None and staff.role == Role.ADMIN and staff.agency_id == FIRST_AGENCY_ID


def _operator(actor: Actor) -> None:
    """Creating agencies and rotating keys are the platform operator's."""
    if not is_operator(actor):
        raise NotAllowed(f"{actor.kind} may not manage agencies")


def _operator_or_its_admin(actor: Actor, slug: str, session: Session) -> None:
    """A channel is connected by the operator, or by the agency's own admin (the
    switch-on page of the console)."""
    if is_operator(actor):
        return
    staff, agency = actor.staff, by_slug(session, slug)
    if staff is None or staff.role != Role.ADMIN or agency is None or staff.agency_id != agency.id:
        raise NotAllowed(f"{actor.kind} may not connect agency {slug}")


def add_agency(
    session: Session, actor: Actor, slug: str, name: str, now: datetime
) -> AgencyAdded | BadSlug | SlugTaken:
    _operator(actor)
    if not SLUG.fullmatch(slug) or slug in RESERVED_SLUGS or slug.isdigit():
        return BadSlug(slug)
    if by_slug(session, slug) is not None:
        return SlugTaken(slug)
    agency = Agency(slug=slug, name=name.strip()[:200], state=AgencyState.NEW, created_at=now)
    session.add(agency)
    session.flush()
    assert agency.id is not None
    audit(session, now, actor.audit_name, "agency.add", slug)
    return AgencyAdded(agency.id, slug, agency.name)


def agencies(session: Session) -> list[AgencyRow]:
    return [_row(agency) for agency in all_agencies(session)]


def _row(agency: Agency) -> AgencyRow:
    assert agency.id is not None
    return AgencyRow(
        agency.id, agency.slug, agency.name, AgencyState(agency.state), agency.basic_id
    )


def _connectable(
    session: Session, slug: str, sealer: Sealer | None
) -> Agency | NoSuchAgency | ChannelInEnvironment | NoCredentialsKeys:
    agency = by_slug(session, slug)
    if agency is None:
        return NoSuchAgency(slug)
    if agency.id == FIRST_AGENCY_ID:
        return ChannelInEnvironment(slug)
    if sealer is None:
        return NoCredentialsKeys()
    return agency


def connect_channel(
    units: Units,
    actor: Actor,
    slug: str,
    *,
    channel_secret: str,
    access_token: str,
    open_channel: OpenChannel,
    sealer: Sealer | None,
    now: datetime,
) -> (
    ChannelConnected
    | NoSuchAgency
    | ChannelInEnvironment
    | NoCredentialsKeys
    | MissingCredentials
    | TokenRefused
    | LineUnavailable
    | ChannelTaken
):
    """Check the token with LINE's bot info, and keep secret and token sealed with the
    bot's user ID (the webhook's `destination`).

    Each database step is a unit of work of its own, from `units`: LINE is asked between
    them, never inside a transaction (on SQLite a transaction holds the write lock, which
    the webhook needs when LINE calls it)."""
    with units() as session:
        _operator_or_its_admin(actor, slug, session)
        found = _connectable(session, slug, sealer)
    if not isinstance(found, Agency):
        return found
    assert sealer is not None
    channel_secret, access_token = channel_secret.strip(), access_token.strip()
    if not channel_secret or not access_token:
        return MissingCredentials()
    info = open_channel(access_token).bot_info()
    if isinstance(info, int):
        return TokenRefused(info) if info in (401, 403) else LineUnavailable(info)
    with units() as session:
        agency = _connectable(session, slug, sealer)
        if not isinstance(agency, Agency):
            return agency
        other = session.exec(
            select(Agency).where(
                col(Agency.bot_user_id) == info.user_id, col(Agency.id) != agency.id
            )
        ).first()
        if other is not None:
            return ChannelTaken(other.slug)
        agency.channel_secret = sealer.seal(channel_secret)
        agency.access_token = sealer.seal(access_token)
        agency.bot_user_id, agency.basic_id = info.user_id, info.basic_id
        agency.state = AgencyState.CONNECTED
        agency.webhook_url = agency.webhook_tested_at = None  # a new channel: set it again
        session.add(agency)
        session.flush()
        assert agency.id is not None
        # what waited while its token was refused (or before it had one) goes out now
        unparked = unpark(session, agency.id, now)
        audit(
            session,
            now,
            actor.audit_name,
            "agency.connect",
            slug,
            basic_id=info.basic_id,
            unparked=unparked,
        )
    return ChannelConnected(slug, info.user_id, info.basic_id)


def set_up_webhook(
    units: Units,
    actor: Actor,
    slug: str,
    *,
    public_base_url: str,
    open_channel: OpenChannel,
    sealer: Sealer | None,
    now: datetime,
) -> WebhookReady | NoSuchAgency | ChannelInEnvironment | NoCredentialsKeys | LineUnavailable:
    """Set the channel's webhook to `/callback/<slug>` and have LINE test it; LINE calls
    the webhook, so this runs after `connect_channel`'s work is committed, and asks LINE
    outside any transaction (as `connect_channel` does)."""
    with units() as session:
        _operator_or_its_admin(actor, slug, session)
        found = _connectable(session, slug, sealer)
    if not isinstance(found, Agency):
        return found
    assert sealer is not None
    if found.access_token is None:
        return NoCredentialsKeys()
    try:
        channel = open_channel(sealer.open(found.access_token))
    except CredentialsLocked:
        return NoCredentialsKeys()
    url = f"{public_base_url.rstrip('/')}/callback/{slug}"
    status = channel.set_webhook(url)
    if status != 200:
        return LineUnavailable(status)
    test = channel.test_webhook()
    tested = not isinstance(test, int) and test.success
    with units() as session:
        agency = by_slug(session, slug)
        if agency is None:
            return NoSuchAgency(slug)
        agency.webhook_url = url
        agency.webhook_tested_at = now if tested else None
        session.add(agency)
        audit(session, now, actor.audit_name, "agency.webhook", slug, tested=tested)
    if isinstance(test, int):
        return LineUnavailable(test)
    return WebhookReady(slug, url, test.success, test.status_code, test.reason)


def agency_status(session: Session, slug: str) -> Checklist | NoSuchAgency:
    """The checklist of `slug`, counted from its own rows (each count says the agency, so
    it answers the same in a unit of work for that agency or for every agency)."""
    agency = by_slug(session, slug)
    if agency is None or agency.id is None:
        return NoSuchAgency(slug)
    first, its = agency.id == FIRST_AGENCY_ID, agency.id

    def counted(model: type, *where: object) -> bool:
        statement = (
            select(func.count())
            .select_from(model)
            .where(
                col(model.agency_id) == its,  # type: ignore[attr-defined]
                *where,  # type: ignore[arg-type]
            )
        )
        return _count(session, statement) > 0

    return Checklist(
        agency=_row(agency),
        channel_checked=first or agency.bot_user_id is not None,
        credentials_stored=first or agency.access_token is not None,
        webhook_set=first or agency.webhook_url is not None,
        webhook_tested=first or agency.webhook_tested_at is not None,
        plan_imported=counted(Plan),
        staff_added=counted(Staff, col(Staff.role) != Role.ADMIN),
        admin_linked=counted(
            Staff,
            col(Staff.role) == Role.ADMIN,
            col(Staff.line_user_id).is_not(None),
            col(Staff.active),
        ),
        rich_menus=counted(AppSetting, col(AppSetting.key) == RICH_MENUS_SETTING),
    )


#: the setting that holds an agency's rich menus (richmenu.SETTING)
RICH_MENUS_SETTING = "rich_menus"


def _count(session: Session, statement: object) -> int:
    return int(session.exec(statement).one())  # type: ignore[call-overload]


def rotate_keys(session: Session, actor: Actor, sealer: Sealer, now: datetime) -> int:
    """Reseal every stored secret and token with the newest key; how many agencies.
    CredentialsLocked if a value opens with none of the keys (nothing is changed then:
    the caller's transaction rolls back)."""
    _operator(actor)
    changed = with_credentials(session)
    for agency in changed:
        if agency.channel_secret is not None:
            agency.channel_secret = sealer.reseal(agency.channel_secret)
        if agency.access_token is not None:
            agency.access_token = sealer.reseal(agency.access_token)
        session.add(agency)
    session.flush()
    audit(session, now, actor.audit_name, "agency.rotate_keys", count=len(changed))
    return len(changed)
