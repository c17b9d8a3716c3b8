"""`outbox flush`, `outbox list [--failed]`, `outbox retry`, and `quota`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext
from sqlmodel import col, select

from delivery.outbox_sender import OutboxSender
from fiscal import month_start
from messages_th import delivery_text as text
from models.outbox import (
    OutboxMessage,
    OutboxStatus,
    count_by_status,
    failed_messages,
    pushed_between,
)
from models.types import ident
from services import services


@click.group("outbox", cls=AppGroup)
def outbox_cli() -> None:
    """Pushes waiting for LINE, sent, or failed."""


@outbox_cli.command("flush")
def flush_command() -> None:
    """Send everything pending now, ignoring back-off (an operator's command)."""
    running = services()
    running.settings.require_line()
    stats = OutboxSender.for_services(running).send_due(ignore_backoff=True)
    click.echo(text.flushed(stats.sent, stats.retried, stats.failed))


@outbox_cli.command("list")
@click.option("--failed", is_flag=True, help="only those failed for good, with the reason")
@click.option("--limit", default=50, show_default=True)
def list_command(failed: bool, limit: int) -> None:
    running = services()
    with running.db.session() as session:
        rows = (
            failed_messages(session, limit)
            if failed
            else list(
                session.exec(
                    select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(limit)
                )
            )
        )
        click.echo(text.counts(count_by_status(session)))
        click.echo(
            text.rows(
                [
                    (
                        ident(r),
                        r.dedupe_key,
                        r.status,
                        r.attempts,
                        r.recipient_count,
                        r.last_error,
                        r.created_at.astimezone(running.settings.tz),
                    )
                    for r in rows
                ]
            )
        )


@outbox_cli.command("retry")
@click.argument("message_id", type=int)
def retry_command(message_id: int) -> None:
    """Send a failed push again (same retry key: LINE never delivers it twice)."""
    from usecases.actor import COMMAND_LINE
    from usecases.delivery import retry_push

    running = services()
    with running.db.session() as session:
        again = retry_push(session, COMMAND_LINE, message_id, running.clock.now())
    if not again:
        click.echo(text.not_failed(message_id), err=True)
        raise SystemExit(2)
    click.echo(text.retrying(message_id))


@click.command("quota")
@with_appcontext
def quota_command() -> None:
    """Pushes sent this month (counted from the outbox) next to LINE's quota and count."""
    running = services()
    now = running.clock.now()
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = start.replace(year=start.year + (start.month == 12), month=start.month % 12 + 1)
    with running.db.session() as session:
        ours = pushed_between(session, start, end)
        pending = count_by_status(session).get(OutboxStatus.PENDING, 0)
    try:
        limit, used = running.line.quota()
        click.echo(text.quota(month_start(now.date()), ours, pending, limit, used))
    except Exception as error:  # LINE unreachable: our own count still helps
        click.echo(
            text.quota(month_start(now.date()), ours, pending, None, None, error=str(error)[:200])
        )


def init_app(app: Flask) -> None:
    app.cli.add_command(outbox_cli)
    app.cli.add_command(quota_command)
