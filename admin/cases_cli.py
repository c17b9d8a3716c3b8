"""`cases topics` and `cases topic NAME --unit U --hours H [--conduct]`: the agency's case
categories, each routed to a unit with a target time (`usecases.cases`)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from messages_th import cli_text
from plain_text import PLAIN
from services import services
from usecases import cases
from usecases.actor import COMMAND_LINE


@click.group("cases", cls=AppGroup)
def cases_cli() -> None:
    """Citizens' cases: the categories that route them."""


@cases_cli.command("topics")
def topics_command() -> None:
    """The categories, their units and target times."""
    with services().db.session() as session:
        for topic in cases.topics(session):
            click.echo(
                cli_text.case_topic(topic.name, topic.unit_name, topic.target_hours, topic.conduct)
            )


@cases_cli.command("topic")
@click.argument("name", type=PLAIN)
@click.option("--unit", type=PLAIN, default="", help="the unit that handles it ('' the plan's)")
@click.option("--hours", type=click.IntRange(1, 24 * 90), default=72, help="target time to close")
@click.option("--conduct", is_flag=True, help="about staff conduct: to the heads only")
@click.option("--remove", is_flag=True, help="remove this category")
def topic_command(name: str, unit: str, hours: int, conduct: bool, remove: bool) -> None:
    """Add or change a category (the defaults are kept beside it), or remove one."""
    app = services()
    with app.db.session() as session:
        if remove:
            removed = cases.remove_topic(session, COMMAND_LINE, name, app.clock.now())
            click.echo(cli_text.case_topic_removed(name, removed))
            return
        topic = cases.set_topic(
            session,
            COMMAND_LINE,
            name,
            app.clock.now(),
            unit_name=unit,
            target_hours=hours,
            conduct=conduct,
        )
        click.echo(
            cli_text.case_topic(topic.name, topic.unit_name, topic.target_hours, topic.conduct)
        )
