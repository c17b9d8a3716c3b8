"""The one clock. Logic asks it for the time; nothing else reads the wall clock.

`SystemClock` in production, `RunningClock` when `TIDTAM_CLOCK_START` is set (demos start
in the plan's year and time runs on from there), `FrozenClock` in tests.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    tz: ZoneInfo

    def now(self) -> datetime:
        """An aware datetime in the agency's time zone."""
        ...


class SystemClock:
    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz

    def now(self) -> datetime:
        return datetime.now(self.tz)


class RunningClock:
    """Starts at a given instant and runs on at the speed of real time, or `speed` times
    faster (a month in a minute, for tests and demos of the scheduler).

    `anchor` is the real instant (Unix seconds) at which the clock reads `start`; processes
    given the same start, speed and anchor read the same time. Without one, it is now.
    """

    def __init__(
        self, start: datetime, tz: ZoneInfo, *, speed: float = 1.0, anchor: float | None = None
    ) -> None:
        self.tz = tz
        self.speed = speed
        self._start = start if start.tzinfo else start.replace(tzinfo=tz)
        self._t0 = time.monotonic() - (time.time() - anchor if anchor is not None else 0.0)

    def now(self) -> datetime:
        elapsed = timedelta(seconds=(time.monotonic() - self._t0) * self.speed)
        return (self._start + elapsed).astimezone(self.tz)


class FrozenClock:
    """Stands still until a test moves it."""

    def __init__(self, at: datetime, tz: ZoneInfo | None = None) -> None:
        self.tz = tz or ZoneInfo("Asia/Bangkok")
        self._lock = threading.Lock()
        self._now = at if at.tzinfo else at.replace(tzinfo=self.tz)

    def now(self) -> datetime:
        with self._lock:
            return self._now.astimezone(self.tz)

    def set(self, at: datetime) -> None:
        with self._lock:
            self._now = at if at.tzinfo else at.replace(tzinfo=self.tz)

    def advance(self, **delta: float) -> datetime:
        with self._lock:
            self._now += timedelta(**delta)
            return self._now.astimezone(self.tz)


def clock_for(
    tz: ZoneInfo, start: datetime | None, *, speed: float = 1.0, anchor: float | None = None
) -> Clock:
    return RunningClock(start, tz, speed=speed, anchor=anchor) if start else SystemClock(tz)
