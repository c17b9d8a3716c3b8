"""`remind`, `summary`, `meetings …`, and `scheduler` (a process that only runs the jobs)."""

from __future__ import annotations

import sys
from datetime import date, datetime, time

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from fiscal import fiscal_year_of
from messages_th import follow_up_text as text
from messages_th.digits import to_arabic
from plain_text import PLAIN
from reading.dates import parse_month_key, read_iso_date
from services import Services, services
from usecases import meetings, reminders, summary
from usecases.actor import COMMAND_LINE
from usecases.results import NoPlan


def _now(value: str | None, running: Services) -> datetime:
    if not value:
        return running.clock.now()
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=running.settings.tz)


def _day(value: str) -> date:
    """YYYY-MM-DD, with a CE or BE year, Thai or Arabic digits."""
    day = read_iso_date(value)
    if day is None:
        raise click.BadParameter(text.bad_date(value))
    return day


def _time(value: str | None) -> time | None:
    if value is None:
        return None
    try:
        return time.fromisoformat(to_arabic(value.strip()))
    except ValueError:
        raise click.BadParameter(text.bad_time(value)) from None


@click.command("remind")
@click.option("--now", help="as if at this ISO instant (default: the clock)")
@click.option("--dry-run", is_flag=True, help="say who would be reminded; queue nothing")
@with_appcontext
def remind_command(now: str | None, dry_run: bool) -> None:
    """The reminder job: the latest stage due at NOW and not yet sent."""
    running = services()
    at = _now(now, running)
    with running.db.session() as session:
        links = None if dry_run else running.links  # a dry run signs nothing
        ran = reminders.remind(session, at, dry_run=dry_run, links=links)
    click.echo(text.remind_result(ran, dry_run=dry_run))
    if ran.queued:
        running.kick_delivery()


@click.command("summary")
@click.option("--month", help="YYYY-MM (default: the month of the next meeting)")
@click.option("--now", help="as if at this ISO instant (default: the clock)")
@click.option("--send", is_flag=True, help="queue it for the heads and the office groups")
@with_appcontext
def summary_command(month: str | None, now: str | None, send: bool) -> None:
    """Print the head's summary; with --send, queue it."""
    running = services()
    at = _now(now, running)
    wanted = parse_month_key(month) if month else None
    links, tz = running.links, running.settings.tz
    with running.db.session() as session:
        built = summary.monthly_summary(session, links, tz, at, wanted)
        if isinstance(built, NoPlan):
            click.echo(text.no_plan_for(wanted or at.date()), err=True)
            sys.exit(2)
        click.echo(text.summary_text(built))
        if send:
            sent = summary.send_summary(session, built, at)
            click.echo(
                text.summary_queued(sent.queued) if sent.queued or sent.already else text.no_heads()
            )


# -- the meeting calendar --------------------------------------------------------------


@click.group("meetings", cls=AppGroup)
def meetings_cli() -> None:
    """The monthly meetings: the rule, dates set by hand, days off."""


@meetings_cli.command("list")
@click.option("--fiscal-year", type=int, help="Buddhist-era year (default: the current one)")
def meetings_list(fiscal_year: int | None) -> None:
    running = services()
    now = running.clock.now()
    with running.db.session() as session:
        found = meetings.meetings_of(session, now, fiscal_year or fiscal_year_of(now.date()))
    click.echo(text.meetings(found.fiscal_year, found.meetings, now))
    click.echo(text.rule_name(found.rule))


@meetings_cli.command("set")
@click.argument("day")
@click.option("--time", "at", help="HH:MM (default: the rule's time)")
@click.option("--month", help="the reporting month it closes, YYYY-MM (default: the day's month)")
def meetings_set(day: str, at: str | None, month: str | None) -> None:
    """Set one month's meeting by hand: meetings set 2022-01-28 --time 13:30"""
    running = services()
    when, closes = _day(day), parse_month_key(month) if month else None
    with running.db.session() as session:
        done = meetings.set_meeting(
            session, COMMAND_LINE, when, _time(at), running.clock.now(), closes
        )
    click.echo(text.meeting_set(done.meeting))
    if not done.working_day:
        click.echo(text.not_working_day(when, done.holiday))


@meetings_cli.command("unset")
@click.argument("month")
def meetings_unset(month: str) -> None:
    """Back to the rule for a month: meetings unset 2022-01"""
    running = services()
    first = parse_month_key(month)
    with running.db.session() as session:
        by_rule = meetings.unset_meeting(session, COMMAND_LINE, first, running.clock.now())
    if by_rule is None:
        click.echo(text.meeting_not_set(first))
    else:
        click.echo(text.meeting_unset(first, by_rule))


@meetings_cli.command("rule")
@click.argument("kind", type=click.Choice(["last-working-day", "day", "weekday"]))
@click.argument("values", nargs=-1)
@click.option("--time", "at", help="HH:MM")
def meetings_rule(kind: str, values: tuple[str, ...], at: str | None) -> None:
    """last-working-day | day 25 | weekday 4 last (the last Friday) | weekday 0 1 (first Monday)."""
    running = services()
    rule = _rule(kind, values)
    if rule is None:
        click.echo(text.bad_rule(), err=True)
        sys.exit(2)
    with running.db.session() as session:
        at_time = meetings.set_rule(session, COMMAND_LINE, rule, _time(at), running.clock.now())
    click.echo(text.rule_set(rule, at_time))


def _rule(kind: str, values: tuple[str, ...]) -> dict[str, str | int] | None:
    """The rule as the command line gives it, or None when it is not one."""
    from models.meetings import make_rule

    try:
        numbers = [-1 if v.lower() == "last" else int(to_arabic(v)) for v in values]
    except ValueError:
        return None
    return make_rule(kind, numbers)


@meetings_cli.group("holiday", cls=AppGroup)
def holiday_cli() -> None:
    """Days off the holiday calendar does not know (declared at short notice)."""


@holiday_cli.command("add")
@click.argument("day")
@click.argument("name", type=PLAIN)
def holiday_add(day: str, name: str) -> None:
    running = services()
    when = _day(day)
    with running.db.session() as session:
        meetings.add_day_off(session, COMMAND_LINE, when, name, running.clock.now())
    click.echo(text.day_off_added(when, name))


@holiday_cli.command("list")
def holiday_list() -> None:
    with services().db.session() as session:
        click.echo(text.days_off_list(meetings.days_off(session)))


@holiday_cli.command("remove")
@click.argument("day")
def holiday_remove(day: str) -> None:
    running = services()
    when = _day(day)
    with running.db.session() as session:
        removed = meetings.remove_day_off(session, COMMAND_LINE, when, running.clock.now())
    if not removed:
        click.echo(text.day_off_missing(when), err=True)
        sys.exit(2)
    click.echo(text.day_off_removed(when))


# -- the scheduler process -------------------------------------------------------------


@click.command("scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Run the timed jobs (and deliver the outbox) until stopped: one per deployment."""
    from bot import log_mode

    running = services()
    running.settings.require_line()
    log_mode(running.settings)
    running.start_delivery()
    running.start_scheduler()
    running.run_until_stopped()


def init_app(app: Flask) -> None:
    for command in (remind_command, summary_command, meetings_cli, scheduler_command):
        app.cli.add_command(command)
