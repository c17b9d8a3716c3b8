"""`export --fiscal-year N --format csv --out PATH`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from messages_th import cli_text
from models.plan import get_plan
from models.progress import report_rows
from reports.csv_export import write_csv
from services import services


@click.command("export")
@click.option("--fiscal-year", type=int, required=True, help="Buddhist-era year, e.g. 2565")
@click.option("--format", "kind", type=click.Choice(["csv"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True)
@click.option(
    "--history", is_flag=True, help="every report, not only the latest per action and month"
)
@with_appcontext
def export_command(fiscal_year: int, kind: str, out: Path, history: bool) -> None:
    """Write the progress report of a fiscal year."""
    app = services()
    with app.db.session() as session:
        plan = get_plan(session, fiscal_year)
        if plan is None:
            click.echo(cli_text.no_plan(fiscal_year), err=True)
            sys.exit(2)
        rows = report_rows(session, plan, history=history)
    out.parent.mkdir(parents=True, exist_ok=True)
    count = write_csv(out, rows, app.settings.tz)
    if not rows:
        click.echo(cli_text.export_no_reports(fiscal_year))
    click.echo(cli_text.exported_csv(str(out), count))
