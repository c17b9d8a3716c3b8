"""`plan import PATH` and `plan show`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from sqlmodel import select

from fiscal import fiscal_year_of
from messages_th import cli_text
from models.plan import (
    Unit,
    current_plan,
    get_plan,
    indicators_of,
    plan_tree,
    recommendations_of,
)
from planimport import PlanReadError, read_plan
from planimport.store import save_plan
from services import services


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
        result = save_plan(session, data, now=app.clock.now(), source=path.name)
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
        if fiscal_year is None:
            plan = current_plan(session, fiscal_year_of(app.clock.now().date()))
        else:
            plan = get_plan(session, fiscal_year)
        if plan is None:
            click.echo(cli_text.no_plan(fiscal_year), err=True)
            sys.exit(1)
        units = {u.id: u.name for u in session.exec(select(Unit))}
        text = cli_text.plan_overview(
            plan,
            indicators_of(session, plan),
            recommendations_of(session, plan),
            plan_tree(session, plan),
            units,
        )
    click.echo(text)


def init_app(app: Flask) -> None:
    app.cli.add_command(plan_cli)
