"""Demo mode: try Tidtam without a LINE channel (the demo data and `demo reset`)."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import AppGroup

from services import services


@click.group("demo", cls=AppGroup)
def demo_cli() -> None:
    """The demo data (demo mode only)."""


@demo_cli.command("reset")
def reset_command() -> None:
    """Empty the demo's database and load the demo: the seed plan, staff, reports,
    suggestions (only on its own file, and only if that holds the demo or nothing)."""
    from demo.data import reset
    from messages_th import cli_text

    running = services()
    if not running.settings.demo:
        click.echo(cli_text.demo_only(), err=True)
        sys.exit(2)
    running.db.upgrade()
    data = reset(running)
    click.echo(cli_text.demo_reset(data.agency, data.fiscal_year, data.codes))


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_cli)
