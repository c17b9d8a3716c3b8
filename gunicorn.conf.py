"""gunicorn settings Tidtam relies on (read automatically from the working directory).

When a worker exits, its inbox and outbox threads stop after the event they are on;
what is left stays in the database for the other workers (or the next start).
"""

wsgi_app = "wsgi:app"
worker_class = "gthread"
threads = 8
graceful_timeout = 20


def worker_exit(server, worker) -> None:
    app = getattr(worker, "wsgi", None)
    tidtam = getattr(app, "extensions", {}).get("tidtam") if app is not None else None
    if tidtam is not None:
        tidtam.shutdown()
