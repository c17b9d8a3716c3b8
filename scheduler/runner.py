"""APScheduler wiring: one job, a tick every minute, kept in the database's job store.

The tick runs every job as a catch-up (see `scheduler.jobs`), so a tick missed while the
bot was down is made good by the next one, within each job's window, never twice. Only
one scheduler runs at a time across processes: the one holding the `scheduler` lock (a
PostgreSQL advisory lock, or a lease row on SQLite); the others wait to take over.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from models.lease import Exclusive
from services import Services

log = logging.getLogger(__name__)

JOB_ID = "tidtam-tick"
LOCK = "scheduler"
LEASE = timedelta(seconds=90)
#: the schedulers running in this process, by id; the stored job names one (a job store
#: keeps a reference to a function and plain arguments, not to a running app)
_RUNNING: dict[str, Scheduler] = {}


def tick(scheduler_id: str) -> None:
    from scheduler.jobs import run_due

    scheduler = _RUNNING.get(scheduler_id)
    if scheduler is None:
        return
    for ran in run_due(scheduler.services):
        if ran.queued:
            log.info("%s queued %d push(es)", ran.job, ran.queued)
    scheduler.ticks += 1


class SharedEngineJobStore(SQLAlchemyJobStore):
    """The job store on the app's engine; APScheduler's own would dispose the engine when
    the scheduler shuts down, under the feet of everything else using it."""

    def shutdown(self) -> None:
        pass


class Scheduler:
    def __init__(
        self,
        services: Services,
        *,
        standby_seconds: float | None = None,
        tick_seconds: float | None = None,
    ) -> None:
        """A standby looks for the lock as often as the leader ticks (at most every 30 s)."""
        self.services = services
        self.id = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self.tick_seconds = tick_seconds or services.settings.scheduler_tick_seconds
        self.standby_seconds = standby_seconds or min(30.0, self.tick_seconds)
        self.leading = threading.Event()
        #: marks of what it has done: times it tried for the lock, ticks it ran
        self.tries = 0
        self.ticks = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="scheduler", daemon=True)

    def start(self) -> Scheduler:
        _RUNNING[self.id] = self
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=15)
        _RUNNING.pop(self.id, None)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with Exclusive(
                    self.services.db.engine, LOCK, self.id, self.services.clock, LEASE
                ) as lock:
                    self.tries += 1
                    if lock.held:
                        self._lead(lock)
            except Exception:
                log.exception("the scheduler stumbled; trying again")
            self._stop.wait(self.standby_seconds)

    def _lead(self, lock: Exclusive) -> None:
        log.info("this process runs the scheduler (%s)", self.id)
        scheduler = BackgroundScheduler(
            jobstores={"default": SharedEngineJobStore(engine=self.services.db.engine)},
            timezone=self.services.settings.tz,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
        )
        scheduler.add_job(
            tick,
            "interval",
            seconds=self.tick_seconds,
            id=JOB_ID,
            args=[self.id],
            replace_existing=True,
        )
        scheduler.start()
        self.leading.set()
        try:
            tick(self.id)  # catch up at once on what came due while no scheduler ran
            while not self._stop.wait(min(30.0, LEASE.total_seconds() / 3, self.tick_seconds)):
                lock.renew()
        finally:
            self.leading.clear()
            scheduler.shutdown(wait=True)
