"""gunicorn settings Tidtam relies on (read automatically from the working directory).

Before any worker starts, the master refuses a configuration that cannot serve LINE (no
credentials outside demo mode) and logs the mode: demo mode says so, and on which file.
When a worker exits, its inbox and outbox threads stop after the event they are on;
what is left stays in the database for the other workers (or the next start).
"""

wsgi_app = "wsgi:app"
worker_class = "gthread"
threads = 8

# Time-outs. A gthread worker reads each request in one of its threads, so a client that
# sends its headers or body slowly holds a thread: in production a body-buffering reverse
# proxy (README, "Deploying") waits for slow clients and hands gunicorn whole requests.
timeout = 30  # a worker that stops answering its master this long is replaced
graceful_timeout = 20  # on stop or reload, requests under way get this long to finish
keepalive = 5  # an idle kept-alive connection is closed after this (gunicorn's default: 2)


def on_starting(server) -> None:
    from settings import ConfigurationError, Settings

    try:
        settings = Settings()
        settings.require_line()
    except ConfigurationError as error:
        server.log.error("%s", error.message)
        raise SystemExit(error.exit_code) from None
    (server.log.warning if settings.demo else server.log.info)("%s", settings.mode_line())
    if settings.demo:
        _prepare_demo(settings)


def _prepare_demo(settings) -> None:
    """The demo's own file migrated and seeded once, here, before the workers start."""
    from bot import create_app
    from demo.data import seed_if_empty

    running = create_app(settings).extensions["tidtam"]
    try:
        running.db.upgrade()
        seed_if_empty(running)
    finally:
        running.shutdown()


def worker_exit(server, worker) -> None:
    app = getattr(worker, "wsgi", None)
    tidtam = getattr(app, "extensions", {}).get("tidtam") if app is not None else None
    if tidtam is not None:
        tidtam.shutdown()
