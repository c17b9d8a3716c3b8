"""The agency's web console: the admin and the head sign in with LINE Login and work in
the browser, on a phone or at the office PC.

- `guard`: the one check every console route goes through, and the registry of routes;
- `sessions`: sessions kept in the database (rotated at sign-in, ended at sign-out, after
  idle time, and after a maximum time);
- `line_login`: LINE Login through Authlib, and the ID token's check;
- `views`: sign-in, sign-out and the console's pages; `front`: the site's `/`.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask


def init_app(app: Flask) -> None:
    from console import (  # noqa: F401  (their routes)
        agencies,
        audit_log,
        citizens,
        documents,
        front,
        line_login,
        meetings,
        month,
        outbox,
        people,
        plan,
        sessions,
        views,
    )
    from console.guard import csrf

    running = app.extensions["tidtam"]
    sessions.init_app(app)
    line_login.init_app(app)
    app.config.update(
        # the console asks for the token itself (its blueprint), not every POST of the app
        # (/callback and the simulator's API are signed or demo-only)
        WTF_CSRF_CHECK_DEFAULT=False,
        WTF_CSRF_TIME_LIMIT=None,  # the token lasts as long as the session
    )
    if running.settings.has_signing_secret:
        # without one, a command that needs no console (db upgrade, plan import) still runs,
        # and a server refuses to start with its own sentence (Settings.require_line)
        app.config["WTF_CSRF_SECRET_KEY"] = hmac.new(
            running.secret.encode(), b"tidtam-console-csrf", hashlib.sha256
        ).hexdigest()
    csrf.init_app(app)
    plan.allow_uploads(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(front.bp)
