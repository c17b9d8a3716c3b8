"""Waiting for what must happen, never for a length of time.

`wait_until` polls a condition and fails the test when it does not come true in time; a
test that proves something did *not* happen waits for an explicit mark that the thing had
its chance (a worker held back at the gate, a scheduler that tried for the lock again, a
tick that ran), then looks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: how often a condition is looked at; the only pause in the suite's waiting
POLL = 0.02


def wait_until(condition: Callable[[], T], timeout: float = 15.0, what: str = "") -> T:
    """The first truthy value of `condition()`; AssertionError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"not within {timeout} s: {what or condition}")
        pause.wait(POLL)
