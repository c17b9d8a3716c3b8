"""`python bot.py worker`: work off the webhook inbox in a process of its own."""

from __future__ import annotations

import signal
import threading

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
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    running.start_background(listen=True)
    click.echo(cli_text.worker_started(running.settings.worker_threads))
    try:
        stopped.wait()
    except KeyboardInterrupt:
        pass
    finally:
        running.shutdown()


def init_app(app: Flask) -> None:
    app.cli.add_command(worker_command)
