"""Acknowledge first, work after: a web process's inbox work waits for a lull in requests.

LINE wants its 200 at once and redelivers what it does not get in time, so in a web
process that also works off the inbox, a request being acknowledged goes before the next
event's work. Python runs one thread of a process at a time: an event handled while a
burst of webhook posts comes in takes the interpreter from the requests in turn, and each
acknowledgement waits (1,200 posts at once: about 700 answered a second instead of 1,000).
So before it takes its next event, an inbox thread waits until no request is in flight,
and at most `patience` seconds, so that steady traffic never starves the work. An event
already begun is finished; nothing here changes what is done, only when.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class AckFirst:
    def __init__(self, patience: float = 0.2) -> None:
        self.patience = patience
        self._in_flight = 0
        self._changed = threading.Condition()

    @contextmanager
    def acknowledging(self) -> Iterator[None]:
        """Around the acknowledging of one request."""
        with self._changed:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._changed:
                self._in_flight -= 1
                if not self._in_flight:
                    self._changed.notify_all()

    def wait_for_lull(self) -> bool:
        """Until no request is being acknowledged, or `patience` runs out; True if a lull."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._in_flight, timeout=self.patience)
