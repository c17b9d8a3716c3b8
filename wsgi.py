"""For gunicorn: `gunicorn -w 4 -k gthread --threads 8 wsgi:app` (each worker starts its own
inbox and outbox threads; run the scheduler once, apart: `python bot.py scheduler`)."""

import logging

from bot import create_app

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
app = create_app()
app.extensions["tidtam"].start_background()
