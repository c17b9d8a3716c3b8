"""`python bot.py worker`: work off the webhook inbox in a process of its own;
`python bot.py questions`: what citizens asked that found no answer."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from services import services


@click.command("worker")
@with_appcontext
def worker_command() -> None:
    """Handle stored webhook events and deliver the outbox until stopped (SIGTERM).

    For deployments whose web processes only acknowledge (TIDTAM_WEB_WORKS_INBOX=0); run
    as many as the load needs, e.g. under `nice` so acknowledging LINE always comes first.
    """
    from bot import log_mode
    from messages_th import cli_text

    running = services()
    running.settings.require_line()
    log_mode(running.settings)
    running.start_background(listen=True)
    click.echo(cli_text.worker_started(running.settings.worker_threads))
    running.run_until_stopped()


@click.command("questions")
@click.option("--month", help="YYYY-MM (default: this month)")
@with_appcontext
def questions_command(month: str | None) -> None:
    """Citizens' questions that found no answer this month (or --month), most asked first:
    what the plan's words or the synonym list (messages_th/synonyms.py) may be missing."""
    from collections import Counter

    from fiscal import month_start
    from messages_th import cli_text
    from models.questions import unanswered_in
    from reading.dates import parse_month_key

    running = services()
    chosen = parse_month_key(month) if month else month_start(running.clock.now().date())
    with running.db.session() as session:
        asked = Counter(unanswered_in(session, chosen))
    click.echo(cli_text.unanswered(chosen, asked.most_common()))


def init_app(app: Flask) -> None:
    app.cli.add_command(worker_command)
    app.cli.add_command(questions_command)
