"""The app of wsgi.py with another patience for the inbox work's wait for a lull
(ack_first.py), from TIDTAM_BENCH_ACK_PATIENCE: for bench/wrk_webhook.py --patience only,
to show what that wait does under a load that never pauses."""

import os

from wsgi import app, running

running.ack_first.patience = float(os.environ["TIDTAM_BENCH_ACK_PATIENCE"])

__all__ = ["app"]
