"""Tidtam: a LINE bot that follows up an agency's integrity and transparency measures.

`create_app()` builds the Flask app; `python bot.py COMMAND` (= `flask --app bot COMMAND`)
runs its commands, and `python bot.py` alone serves the web app in one process.
"""

from __future__ import annotations

import logging
import os
import sys

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from clock import Clock
from models.db import UnknownAgency
from services import Services, services
from settings import ROOT, Settings

MAX_BODY = 1024 * 1024


def create_app(settings: Settings | None = None, *, clock: Clock | None = None) -> Flask:
    """Build the app. Nothing starts here: `serve` (or gunicorn's `wsgi`) starts the workers."""
    import admin
    import console
    import delivery
    import demo
    import handlers
    import privacy
    import reports
    import richmenu
    import scheduler
    import web
    from models import db
    from planimport import cli as plan_cli

    app = Flask(__name__, instance_path=str(ROOT / "instance"))
    app.config.update(MAX_CONTENT_LENGTH=MAX_BODY)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["tidtam"] = Services(settings or Settings(), clock)
    db.init_app(app)
    handlers.init_app(app)
    plan_cli.init_app(app)
    admin.init_app(app)
    reports.init_app(app)
    web.init_app(app)
    console.init_app(app)
    demo.init_app(app)
    richmenu.init_app(app)
    delivery.init_app(app)
    scheduler.init_app(app)
    privacy.init_app(app)
    app.cli.add_command(serve_command)
    return app


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def serve_command(host: str, port: int) -> None:
    """The web app, its workers and the scheduler, in one process (for one machine and demos)."""
    from werkzeug.serving import run_simple

    from demo.data import install_rich_menus, seed_if_empty
    from messages_th import cli_text
    from web.headers import QuietRequestHandler

    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    running: Services = services()
    running.settings.require_line()
    log_mode(running.settings)
    if "public_base_url" not in running.settings.model_fields_set:  # follow --port
        running.settings = running.settings.model_copy(
            update={"public_base_url": f"http://localhost:{port}"}
        )
    running.db.upgrade()
    seeded = seed_if_empty(running) if running.settings.demo else None
    if running.settings.demo:
        install_rich_menus(running)
    running.start_background()
    if running.settings.run_scheduler:
        running.start_scheduler()
    click.echo(
        cli_text.serving(
            f"http://{host}:{port}",
            demo=running.settings.demo,
            database=running.settings.resolved_database_url.split("@")[-1],
            fake_line=running.fake_line.url if running.fake_line else None,
            started_at=running.clock.now(),
        )
    )
    if seeded:
        click.echo(cli_text.demo_reset(seeded.agency, seeded.fiscal_year, seeded.codes))
    try:
        run_simple(
            host, port, app, threaded=True, use_reloader=False, request_handler=QuietRequestHandler
        )
    finally:
        running.shutdown()


def log_mode(settings: Settings) -> None:
    """The first line a server logs: demo mode (and on which file), or the real channel."""
    log = logging.getLogger("tidtam")
    (log.warning if settings.demo else log.info)(settings.mode_line())


def _agency_option(_ctx: click.Context, _param: click.Parameter, slug: str | None) -> None:
    """`--agency SLUG` before the command: the agency it acts for, as TIDTAM_AGENCY says."""
    if slug:
        os.environ["TIDTAM_AGENCY"] = slug


cli = FlaskGroup(
    create_app=create_app,
    help=__doc__,
    params=[
        click.Option(
            ["--agency"],
            metavar="SLUG",
            expose_value=False,
            is_eager=True,
            callback=_agency_option,
            help="The agency an admin command acts for (default: the deployment's own).",
        )
    ],
)

if __name__ == "__main__":
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if len(sys.argv) == 1:
        sys.argv.append("serve")
    try:
        cli()
    except UnknownAgency as unknown:
        from messages_th import agency_text

        click.echo(agency_text.no_such_agency(str(unknown)), err=True)
        sys.exit(2)
