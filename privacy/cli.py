"""`privacy sweep`: remove now what the retention rules say is no longer needed."""

from __future__ import annotations

from datetime import datetime

import click
from flask import Flask
from flask.cli import AppGroup

from messages_th import cli_text
from privacy.retention import sweep
from services import services


@click.group("privacy", cls=AppGroup)
def privacy_cli() -> None:
    """Personal data: what is kept, and for how long."""


@privacy_cli.command("sweep")
@click.option("--now", help="as if at this ISO instant (default: the clock)")
def sweep_command(now: str | None) -> None:
    """Remove the content of old LINE events and pushes, closed cases' contacts, forms left
    unfinished and photos nothing holds (the scheduler does this once a day)."""
    running = services()
    at = running.clock.now()
    if now:
        given = datetime.fromisoformat(now)
        at = given if given.tzinfo else given.replace(tzinfo=running.settings.tz)
    with running.db.session() as session:
        swept = sweep(session, at, running.settings.retention)
    click.echo(cli_text.privacy_swept(swept, running.settings.retention_days))


def init_app(app: Flask) -> None:
    app.cli.add_command(privacy_cli)
