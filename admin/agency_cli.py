"""`agency add|list|connect|status|rotate-keys`: the platform operator's command line of
`usecases.agencies` (docs/TENANCY.md, "Switching an agency on")."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click
from flask.cli import AppGroup

from messages_th import agency_text
from models.agency import by_slug
from models.credentials import CredentialsLocked, Sealer
from plain_text import PLAIN
from services import Services, services
from usecases import agencies
from usecases.actor import COMMAND_LINE

#: where `agency connect` reads the channel's secret and token when stdin does not give them
SECRET_VARIABLE = "TIDTAM_AGENCY_CHANNEL_SECRET"
TOKEN_VARIABLE = "TIDTAM_AGENCY_ACCESS_TOKEN"


@click.group("agency", cls=AppGroup)
def agency_cli() -> None:
    """Agencies served by this deployment, each with its own LINE channel."""


def _fail(text: str) -> NoReturn:
    click.echo(text, err=True)
    sys.exit(2)


@agency_cli.command("add")
@click.argument("slug")
@click.argument("name", type=PLAIN)
def add_command(slug: str, name: str) -> None:
    """Add an agency: SLUG is its name in URLs (/callback/SLUG), NAME as it writes it."""
    app = services()
    with app.db.session() as session:
        result = agencies.add_agency(session, COMMAND_LINE, slug, name, app.clock.now())
    match result:
        case agencies.BadSlug():
            _fail(agency_text.bad_slug(slug))
        case agencies.SlugTaken():
            _fail(agency_text.slug_taken(slug))
        case agencies.AgencyAdded():
            click.echo(agency_text.added(result))


@agency_cli.command("list")
def list_command() -> None:
    """Every agency, with its LINE account and state."""
    with services().db.session() as session:
        rows = agencies.agencies(session)
    click.echo(agency_text.agency_table(rows))


def _credentials() -> tuple[str, str]:
    """The channel secret and access token: from the environment, else stdin (hidden at a
    terminal, a line each when piped); never from the command line, which every user of
    the machine can read."""
    secret, token = os.environ.get(SECRET_VARIABLE, ""), os.environ.get(TOKEN_VARIABLE, "")
    if secret and token:
        return secret, token
    stdin = sys.stdin
    if stdin.isatty():
        secret = click.prompt(agency_text.ASK_SECRET, hide_input=True, default="")
        token = click.prompt(agency_text.ASK_TOKEN, hide_input=True, default="")
        return secret, token
    return stdin.readline().strip(), stdin.readline().strip()


def _sealer(app: Services) -> Sealer | None:
    """The deployment's sealer; a key in TIDTAM_CREDENTIALS_KEYS that is not a Fernet key
    is said, not a traceback."""
    try:
        return app.sealer
    except CredentialsLocked:
        _fail(agency_text.bad_keys())


@agency_cli.command("connect")
@click.argument("slug")
def connect_command(slug: str) -> None:
    """Connect SLUG to its LINE channel: check the token, store both sealed, set and test
    the webhook. The secret and token come from stdin (a line each) or the environment."""
    from delivery.channel_setup import channel_opener
    from richmenu import setup_for_agency

    app = services()
    sealer = _sealer(app)
    secret, token = _credentials()
    opener = channel_opener(app.settings.line_api_base_url, app.settings.line_timeout)
    with opener as open_channel:
        connected = agencies.connect_channel(
            app.db.session,
            COMMAND_LINE,
            slug,
            channel_secret=secret,
            access_token=token,
            open_channel=open_channel,
            sealer=sealer,
            now=app.clock.now(),
        )
        if not isinstance(connected, agencies.ChannelConnected):
            _fail(_refusal(connected))
        click.echo(agency_text.connected(connected))
        ready = agencies.set_up_webhook(
            app.db.session,
            COMMAND_LINE,
            slug,
            public_base_url=app.settings.public_base_url,
            open_channel=open_channel,
            sealer=sealer,
            now=app.clock.now(),
        )
        if not isinstance(ready, agencies.WebhookReady):
            _fail(_refusal(ready))
        click.echo(agency_text.webhook_ready(ready))
        made = setup_for_agency(app, connected_id(app, slug))
        click.echo(agency_text.RICH_MENUS_DONE if made else agency_text.RICH_MENUS_FAILED)
        if not ready.tested:
            sys.exit(1)


def connected_id(app: Services, slug: str) -> int:
    with app.db.session() as session:
        found = by_slug(session, slug)
    assert found is not None and found.id is not None
    return found.id


def _refusal(result: object) -> str:
    match result:
        case agencies.NoSuchAgency(slug):
            return agency_text.no_such_agency(slug)
        case agencies.ChannelInEnvironment(slug):
            return agency_text.channel_in_environment(slug)
        case agencies.NoCredentialsKeys():
            return agency_text.no_keys()
        case agencies.MissingCredentials():
            return agency_text.missing_credentials()
        case agencies.TokenRefused(status):
            return agency_text.token_refused(status)
        case agencies.LineUnavailable(status):
            return agency_text.line_unavailable(status)
        case agencies.ChannelTaken(slug):
            return agency_text.channel_taken(slug)
    raise AssertionError(f"unexpected result {result!r}")


@agency_cli.command("status")
@click.argument("slug")
def status_command(slug: str) -> None:
    """What is done and what is left to switch SLUG on."""
    with services().db.session() as session:
        result = agencies.agency_status(session, slug)
    if isinstance(result, agencies.NoSuchAgency):
        _fail(agency_text.no_such_agency(slug))
    else:
        click.echo(agency_text.checklist(result))


@agency_cli.command("rotate-keys")
def rotate_command() -> None:
    """Reseal every agency's secret and token with the newest key of
    TIDTAM_CREDENTIALS_KEYS (listed first); then the old keys can be dropped."""
    app: Services = services()
    sealer = _sealer(app)
    if sealer is None:
        _fail(agency_text.no_keys())
    try:
        with app.db.session() as session:
            count = agencies.rotate_keys(session, COMMAND_LINE, sealer, app.clock.now())
    except CredentialsLocked:
        _fail(agency_text.rotation_locked())
    click.echo(agency_text.rotated(count))
