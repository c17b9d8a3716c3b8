"""`staff add` (prints a one-time link code) and `staff list`."""

from __future__ import annotations

import re
import sys

import click
from flask.cli import AppGroup
from sqlmodel import select

from messages_th import cli_text
from messages_th.digits import to_arabic
from messages_th.thai_calendar import fiscal_year_of
from models.audit import audit
from models.plan import Unit, current_plan, get_or_create_unit, measures_of, unit_by_name
from models.staff import (
    CODE_VALID_FOR,
    Role,
    add_staff,
    issue_link_code,
    list_staff,
    pinned_measure_numbers,
    staff_by_name,
)
from plain_text import PLAIN
from services import services


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
    now = app.clock.now()
    with app.db.session() as session:
        name = name.strip()
        if staff_by_name(session, name) is not None:
            click.echo(cli_text.staff_exists(name), err=True)
            sys.exit(2)
        plan = current_plan(session, fiscal_year_of(now.date()))
        if numbers and plan is not None:
            known = {m.number for m in measures_of(session, plan)}
            unknown = [n for n in numbers if n not in known]
            if unknown:
                click.echo(cli_text.unknown_measures(unknown, plan.fiscal_year), err=True)
                sys.exit(2)
        chosen = _unit(session, unit, plan)
        staff = add_staff(
            session, name=name, role=Role(role), unit=chosen, measure_numbers=numbers, now=now
        )
        code = issue_link_code(session, staff, now, app.secret)
        audit(
            session,
            now,
            "cli",
            "staff.add",
            f"staff:{staff.id}",
            role=role,
            unit=chosen.name if chosen else None,
        )
        message = cli_text.staff_added(
            name,
            role,
            chosen.name if chosen else None,
            numbers,
            code,
            (now + CODE_VALID_FOR).date(),
        )
    click.echo(message)


def _unit(session, name: str | None, plan) -> Unit | None:
    if name:
        return unit_by_name(session, name.strip()) or get_or_create_unit(session, name.strip())
    if plan is None:
        return None
    unit_ids = {m.unit_id for m in measures_of(session, plan) if m.unit_id}
    return session.get(Unit, unit_ids.pop()) if len(unit_ids) == 1 else None


@staff_cli.command("list")
def list_command() -> None:
    """Everyone, with role, unit, measures, and whether their LINE is linked."""
    app = services()
    with app.db.session() as session:
        units = {u.id: u.name for u in session.exec(select(Unit))}
        rows = [
            {
                "id": s.id,
                "name": s.name,
                "role": s.role,
                "unit": units.get(s.unit_id),
                "measures": pinned_measure_numbers(session, s),
                "linked": bool(s.line_user_id),
                "active": s.active,
                "leave": s.on_leave_until,
            }
            for s in list_staff(session)
        ]
    click.echo(cli_text.staff_table(rows))


@staff_cli.command("code")
@click.argument("name", type=PLAIN)
def code_command(name: str) -> None:
    """A fresh one-time link code for someone who lost theirs (the old one stops working)."""
    app = services()
    now = app.clock.now()
    with app.db.session() as session:
        staff = staff_by_name(session, name.strip())
        if staff is None:
            click.echo(cli_text.staff_not_found(name), err=True)
            sys.exit(2)
        code = issue_link_code(session, staff, now, app.secret)
        audit(session, now, "cli", "staff.code", f"staff:{staff.id}")
        message = cli_text.new_code(staff.name, code, (now + CODE_VALID_FOR).date())
    click.echo(message)


@staff_cli.command("leave")
@click.argument("name", type=PLAIN)
@click.option(
    "--until", "until", help="the last day of leave: YYYY-MM-DD (CE or BE) or as typed in chat"
)
@click.option("--clear", is_flag=True, help="back at work")
def leave_command(name: str, until: str | None, clear: bool) -> None:
    """Record someone's leave (no reminders; shown as on leave in the summary)."""
    from messages_th.thai_calendar import parse_date

    app = services()
    now = app.clock.now()
    if not clear and not until:
        raise click.UsageError(cli_text.leave_needs_date())
    day = None
    if until:
        day = _iso_day(until) or parse_date(until, today=now.date())
        if day is None:
            raise click.UsageError(cli_text.leave_bad_date(until))
    with app.db.session() as session:
        staff = staff_by_name(session, name.strip())
        if staff is None:
            click.echo(cli_text.staff_not_found(name), err=True)
            sys.exit(2)
        staff.on_leave_until = None if clear else day
        session.add(staff)
        audit(
            session,
            now,
            "cli",
            "staff.leave",
            f"staff:{staff.id}",
            until=day.isoformat() if day and not clear else None,
        )
        click.echo(cli_text.leave_set(staff.name, None if clear else day))


def _iso_day(text: str):
    from datetime import date

    from messages_th.thai_calendar import ce_year

    try:
        year, month, day = (int(part) for part in to_arabic(text.strip()).split("-"))
        return date(ce_year(year), month, day)
    except ValueError:
        return None


@click.group("groups", cls=AppGroup)
def groups_cli() -> None:
    """LINE groups the bot is in, and whether they receive the monthly summary."""


@groups_cli.command("list")
def groups_list() -> None:
    from messages_th.follow_up_text import groups_table
    from models.chat import LineGroup

    with services().db.session() as session:
        rows = [
            (g.chat_id, g.kind, g.receives_summary, g.left_at is None)
            for g in session.exec(select(LineGroup))
        ]
    click.echo(groups_table(rows))
