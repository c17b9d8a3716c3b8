"""`plan import PATH` and `plan show`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from messages_th import cli_text
from planimport import PlanReadError, read_plan
from services import services
from usecases import plan
from usecases.actor import COMMAND_LINE
from usecases.results import NoPlan


@click.group("plan", cls=AppGroup)
def plan_cli() -> None:
    """The plan of measures: import it from the agency's document, show it."""


@plan_cli.command("import")
@click.argument("path", type=click.Path(path_type=Path))
def import_command(path: Path) -> None:
    """Read the agency's document (.txt, .docx) or the structured form (.yaml, .json)."""
    app = services()
    try:
        data = read_plan(path)
    except PlanReadError as error:
        click.echo(cli_text.plan_import_failed(str(path), error.message), err=True)
        sys.exit(2)
    with app.db.session() as session:
        result = plan.import_plan(session, COMMAND_LINE, data, path.name, app.clock.now())
        message = cli_text.plan_imported(
            fiscal_year=data.fiscal_year,
            agency=data.agency,
            created=result.created,
            measures=result.measures,
            actions=result.actions,
            indicators=result.indicators,
            added=result.added,
            changed=result.changed,
            retired=result.retired,
        )
    click.echo(message)


@plan_cli.command("show")
@click.option(
    "--fiscal-year", type=int, help="Buddhist-era year, e.g. 2565 (default: the current one)"
)
def show_command(fiscal_year: int | None) -> None:
    """Print the plan: measures, actions, indicators and scores."""
    app = services()
    with app.db.session() as session:
        overview = plan.plan_overview(session, app.clock.now(), fiscal_year)
    if isinstance(overview, NoPlan):
        click.echo(cli_text.no_plan(fiscal_year), err=True)
        sys.exit(1)
    click.echo(cli_text.plan_overview(overview))


def init_app(app: Flask) -> None:
    app.cli.add_command(plan_cli)
