"""`export --fiscal-year N --format csv|xlsx|docx [--month YYYY-MM | --half 1|2] --out PATH`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from messages_th import cli_text
from messages_th import report_text as text
from reading.dates import parse_month_key
from reports import periods
from reports.build import NoPlan, build_report
from services import services


@click.command("export")
@click.option("--fiscal-year", type=int, required=True, help="Buddhist-era year, e.g. 2565")
@click.option(
    "--format", "kind", type=click.Choice(["csv", "xlsx", "docx"]), default="csv", show_default=True
)
@click.option("--month", help="one monthly meeting's report, YYYY-MM")
@click.option(
    "--half",
    type=click.Choice(["1", "2"]),
    help="1: October–March (the OIT half-year report); 2: April–September",
)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True)
@click.option(
    "--history", is_flag=True, help="CSV: every report, not only the latest per action and month"
)
@with_appcontext
def export_command(
    fiscal_year: int, kind: str, month: str | None, half: str | None, out: Path, history: bool
) -> None:
    """Write the progress report of a fiscal year, a half-year or a month."""
    if month and half:
        raise click.UsageError(text.month_and_half())
    if history and kind != "csv":
        raise click.UsageError(text.history_csv_only())
    try:
        period = (
            periods.month(fiscal_year, parse_month_key(month))
            if month
            else periods.half(fiscal_year, int(half))
            if half
            else periods.year(fiscal_year)
        )
    except ValueError:
        raise click.UsageError(text.bad_month(month or "", fiscal_year)) from None
    labels = text.steps()
    measures = 3
    with click.progressbar(
        length=3 + measures, label=labels["data"], file=sys.stderr, show_eta=False
    ) as bar:

        def step(name: str) -> None:
            bar.label = labels.get(name, name)
            bar.update(1)

        try:
            built = build_report(services(), period, kind, history=history, step=step)
        except NoPlan:
            click.echo(cli_text.no_plan(fiscal_year), err=True)
            sys.exit(2)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(built.content)
    click.echo(
        text.exported(
            str(out),
            kind,
            text.period_line(period.kind, fiscal_year, period.first, period.last),
            built.rows == 0,
        )
    )
