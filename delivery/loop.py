"""A background thread that works off the outbox: woken when something is queued, and every
few seconds for retries that came due."""

from __future__ import annotations

import logging
import threading

from delivery.outbox_sender import OutboxSender

log = logging.getLogger(__name__)


class DeliveryLoop:
    def __init__(self, sender: OutboxSender, *, interval: float = 2.0) -> None:
        self.sender = sender
        self.interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox", daemon=True)

    def start(self) -> DeliveryLoop:
        self._thread.start()
        return self

    def kick(self) -> None:
        self._idle.clear()
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=10)
        self.sender.close()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """For tests: True once a pass found nothing more to send after the last kick."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            try:
                while self.sender.send_due().handled and not self._stop.is_set():
                    pass
            except Exception:
                log.exception("outbox pass failed; trying again shortly")
            if not self._wake.is_set():
                self._idle.set()
