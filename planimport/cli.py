"""`plan import PATH [--dry-run] [--as-yaml OUT]` and `plan show [--as-yaml]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from messages_th import cli_text
from messages_th import plan_import_text as said
from planimport import PlanReadError, read_file
from planimport.structured import as_yaml
from services import services
from usecases import plan
from usecases.actor import COMMAND_LINE
from usecases.results import NoPlan


@click.group("plan", cls=AppGroup)
def plan_cli() -> None:
    """The plan of measures: import it from the agency's document, show it."""


@plan_cli.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="read and report only; write nothing")
@click.option(
    "--as-yaml",
    "yaml_out",
    type=click.Path(path_type=Path),
    help="also write what was read in the structured form, to correct and import",
)
def import_command(path: Path, dry_run: bool, yaml_out: Path | None) -> None:
    """Read the agency's document (.txt, .docx, .pdf) or the structured form (.yaml, .json)."""
    app = services()
    try:
        read = read_file(path)
    except PlanReadError as error:
        click.echo(cli_text.plan_import_failed(str(path), error.message), err=True)
        sys.exit(2)
    click.echo(said.read_summary(read.facts))
    click.echo(said.warnings_block(read.warnings))
    if yaml_out is not None:
        yaml_out.write_text(as_yaml(read.plan), encoding="utf-8")
        click.echo(said.yaml_written(str(yaml_out)))
    if dry_run:
        click.echo(said.dry_run_done())
        return
    data = read.plan
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
@click.option("--as-yaml", "as_yaml_form", is_flag=True, help="print the structured form")
def show_command(fiscal_year: int | None, as_yaml_form: bool) -> None:
    """Print the plan: measures, actions, indicators and scores."""
    app = services()
    with app.db.session() as session:
        found = (
            plan.plan_document(session, app.clock.now(), fiscal_year)
            if as_yaml_form
            else plan.plan_overview(session, app.clock.now(), fiscal_year)
        )
    if isinstance(found, NoPlan):
        click.echo(cli_text.no_plan(fiscal_year), err=True)
        sys.exit(1)
    if isinstance(found, plan.PlanOverview):
        click.echo(cli_text.plan_overview(found))
    else:
        click.echo(as_yaml(found), nl=False)


def init_app(app: Flask) -> None:
    app.cli.add_command(plan_cli)
