"""Acknowledge first, work after: the inbox work waits for a lull in webhook requests.

LINE wants its 200 at once and redelivers what it does not get in time. Python runs one
thread of a process at a time, and two cores are shared by the web processes, the worker
processes and the database: an event handled while a burst of webhook posts comes in takes
the interpreter and the cores from the requests, and each acknowledgement waits (1,200
posts at once: about 700 answered a second instead of 1,000 or more). So before it takes
its next event, an inbox thread waits for a lull: no request in flight in this process and
none for a moment (`quiet`: ordinary traffic, even 200 events a second, leaves such gaps;
a burst does not), and at most `patience` seconds, so that steady traffic never starves
the work. A worker process hears of each request by the database's notice. An event
already begun is finished; nothing here changes what is done, only when.

A request counts as in flight only once its whole body is read and its signature is
LINE's (handlers/webhook.py): a client sending its body a byte a second, or anyone posting
unsigned, never holds the work back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class AckFirst:
    def __init__(self, patience: float = 0.2, quiet: float = 0.002) -> None:
        self.patience = patience
        self.quiet = quiet
        self._in_flight = 0
        self._last = float("-inf")
        self._changed = threading.Condition()
        #: threads held back in `wait_for_lull` now (tests see the work wait by it)
        self.waiting = 0

    @contextmanager
    def acknowledging(self) -> Iterator[None]:
        """Around the acknowledging of one request in this process."""
        with self._changed:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._changed:
                self._in_flight -= 1
                self._last = time.monotonic()
                if not self._in_flight:
                    self._changed.notify_all()

    def heard(self) -> None:
        """A request was acknowledged in another process (a worker process's notice)."""
        with self._changed:
            self._last = time.monotonic()

    def wait_for_lull(self) -> bool:
        """Until a lull, or until `patience` runs out; True if a lull."""
        with self._changed:
            self.waiting += 1
        try:
            return self._lull()
        finally:
            with self._changed:
                self.waiting -= 1

    def _lull(self) -> bool:
        deadline = time.monotonic() + self.patience
        with self._changed:
            while True:
                now = time.monotonic()
                if not self._in_flight and now - self._last >= self.quiet:
                    return True
                if now >= deadline:
                    return False
                until = deadline if self._in_flight else min(deadline, self._last + self.quiet)
                self._changed.wait(until - now)
