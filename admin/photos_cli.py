"""`photos public [on|off]`: whether the public page shows the reports' evidence photos
(the agency's choice; off by default)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from messages_th import photos_text
from services import services
from usecases import photos
from usecases.actor import COMMAND_LINE


@click.group("photos", cls=AppGroup)
def photos_cli() -> None:
    """Evidence photos: where they are shown."""


@photos_cli.command("public")
@click.argument("state", required=False, type=click.Choice(["on", "off"]))
def public_command(state: str | None) -> None:
    """Show the evidence photos on the public page (on), or not (off); alone: say which."""
    running = services()
    with running.db.session() as session:
        if state is not None:
            photos.show_public_photos(session, COMMAND_LINE, state == "on", running.clock.now())
        shown = photos.public_photos_shown(session)
    click.echo(photos_text.setting_now(shown))
