"""`staff add` (prints a one-time link code), `staff list`, `staff code`, `staff edit`,
`staff deactivate`, `staff leave`, and
`groups list`: the command line of `usecases.staff` and `usecases.leave`."""

from __future__ import annotations

import re
import sys

import click
from flask.cli import AppGroup

from messages_th import cli_text
from messages_th.digits import to_arabic
from models.staff import Role
from plain_text import PLAIN
from richmenu import back_to_citizen
from services import services
from usecases import chats, leave, staff
from usecases.actor import COMMAND_LINE
from usecases.results import NoSuchPerson


@click.group("staff", cls=AppGroup)
def staff_cli() -> None:
    """Staff who report in LINE, heads who get summaries, admins."""


def _measure_numbers(text: str | None) -> list[int]:
    if not text:
        return []
    parts = [p for p in re.split(r"[,\s]+", to_arabic(text).strip()) if p]
    if not all(p.isdecimal() and len(p) <= 6 for p in parts):
        raise click.UsageError(cli_text.bad_measure_list(text))
    return [int(p) for p in parts]


@staff_cli.command("add")
@click.option("--name", type=PLAIN, required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--unit", type=PLAIN, help="responsible unit (default: the plan's, when it has one)")
@click.option("--measures", help="measure numbers this person reports on, e.g. 1,3")
def add_command(name: str, role: str, unit: str | None, measures: str | None) -> None:
    """Add a person and print their one-time link code (last line: `code: XXXXXX`)."""
    app = services()
    numbers = _measure_numbers(measures)
    with app.db.session() as session:
        added = staff.add_staff_member(
            session,
            COMMAND_LINE,
            name=name,
            role=Role(role),
            unit=unit,
            measures=numbers,
            now=app.clock.now(),
            secret=app.secret,
        )
    match added:
        case staff.NameTaken(taken):
            click.echo(cli_text.staff_exists(taken), err=True)
            sys.exit(2)
        case staff.UnknownMeasures(unknown, fiscal_year):
            click.echo(cli_text.unknown_measures(unknown, fiscal_year), err=True)
            sys.exit(2)
        case staff.StaffAdded():
            click.echo(cli_text.staff_added(added))


@staff_cli.command("list")
def list_command() -> None:
    """Everyone, with role, unit, measures, and whether their LINE is linked."""
    with services().db.session() as session:
        rows = staff.everyone(session)
    click.echo(cli_text.staff_table(rows))


@staff_cli.command("code")
@click.argument("name", type=PLAIN)
def code_command(name: str) -> None:
    """A fresh one-time link code for someone who lost theirs (the old one stops working)."""
    app = services()
    with app.db.session() as session:
        found = staff.new_link_code(session, COMMAND_LINE, name, app.clock.now(), app.secret)
    if isinstance(found, NoSuchPerson):
        click.echo(cli_text.staff_not_found(name), err=True)
        sys.exit(2)
    click.echo(cli_text.new_code(found.name, found.code, found.expires))


def _staff_id(name: str) -> int:
    from models.staff import staff_by_name

    with services().db.session() as session:
        found = staff_by_name(session, name)
    if found is None or found.id is None:
        click.echo(cli_text.staff_not_found(name), err=True)
        sys.exit(2)
    return found.id


@staff_cli.command("edit")
@click.argument("name", type=PLAIN)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--unit", type=PLAIN, help="responsible unit (none: no unit of their own)")
@click.option("--measures", help="measure numbers this person reports on, e.g. 1,3")
def edit_command(name: str, role: str, unit: str | None, measures: str | None) -> None:
    """Change a person's role, unit and measures (the console's "edit")."""
    app = services()
    staff_id = _staff_id(name)
    with app.db.session() as session:
        changed = staff.change_staff_member(
            session,
            COMMAND_LINE,
            staff_id,
            role=Role(role),
            unit=unit,
            measures=_measure_numbers(measures),
            now=app.clock.now(),
        )
    _echo_change(changed)


@staff_cli.command("deactivate")
@click.argument("name", type=PLAIN)
def deactivate_command(name: str) -> None:
    """Someone who left: no more reminders, their forms end, the console refuses them."""
    app = services()
    staff_id = _staff_id(name)
    with app.db.session() as session:
        done = staff.deactivate_staff_member(session, COMMAND_LINE, staff_id, app.clock.now())
    if isinstance(done, staff.Deactivated):
        back_to_citizen(app, done.line_user_id)
    _echo_change(done)


def _echo_change(
    result: staff.StaffChanged
    | staff.Deactivated
    | staff.LastAdmin
    | staff.UnknownMeasures
    | NoSuchPerson,
) -> None:
    match result:
        case staff.StaffChanged(name, role, unit, measures):
            click.echo(cli_text.staff_changed(name, role, unit, measures))
        case staff.Deactivated(name, forms, _):
            click.echo(cli_text.staff_deactivated(name, forms))
        case staff.LastAdmin(name):
            click.echo(cli_text.last_admin(name), err=True)
            sys.exit(2)
        case staff.UnknownMeasures(unknown, fiscal_year):
            click.echo(cli_text.unknown_measures(unknown, fiscal_year), err=True)
            sys.exit(2)
        case NoSuchPerson(name):
            click.echo(cli_text.staff_not_found(name), err=True)
            sys.exit(2)


@staff_cli.command("leave")
@click.argument("name", type=PLAIN)
@click.option(
    "--until", "until", help="the last day of leave: YYYY-MM-DD (CE or BE) or as typed in chat"
)
@click.option("--clear", is_flag=True, help="back at work")
def leave_command(name: str, until: str | None, clear: bool) -> None:
    """Record someone's leave (no reminders; shown as on leave in the summary)."""
    from reading.dates import parse_date, read_iso_date

    app = services()
    now = app.clock.now()
    if not clear and not until:
        raise click.UsageError(cli_text.leave_needs_date())
    day = None
    if until:
        day = read_iso_date(until) or parse_date(until, today=now.date())
        if day is None:
            raise click.UsageError(cli_text.leave_bad_date(until))
    with app.db.session() as session:
        found = leave.set_leave(session, COMMAND_LINE, name, None if clear else day, now)
    if isinstance(found, NoSuchPerson):
        click.echo(cli_text.staff_not_found(name), err=True)
        sys.exit(2)
    click.echo(cli_text.leave_set(*found))


@click.group("groups", cls=AppGroup)
def groups_cli() -> None:
    """LINE groups the bot is in, and whether they receive the monthly summary."""


@groups_cli.command("list")
def groups_list() -> None:
    from messages_th.follow_up_text import groups_table

    with services().db.session() as session:
        rows = chats.groups(session)
    click.echo(groups_table(rows))
