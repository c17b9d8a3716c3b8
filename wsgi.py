"""For gunicorn: `gunicorn -w 4 -k gthread --threads 8 wsgi:app` (each worker starts its own
inbox and outbox threads; run the scheduler once, apart: `python bot.py scheduler`).
With TIDTAM_WEB_WORKS_INBOX=0 the workers only acknowledge and `python bot.py worker`
processes work off the inbox.

The first line each worker logs is the mode (demo mode says so, and on which file); without
both LINE credentials outside demo mode the worker refuses to boot, and gunicorn stops."""

import logging

from bot import create_app, log_mode

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
app = create_app()
running = app.extensions["tidtam"]
log_mode(running.settings)
running.settings.require_line()
running.start_background(inbox=running.settings.web_works_inbox)
