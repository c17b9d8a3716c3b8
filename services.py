"""What a running Tidtam is made of: settings, clock, database, LINE, background workers.

`create_app` builds one per app and keeps it in `app.extensions["tidtam"]`.
"""

from __future__ import annotations

import logging
import signal
import threading
from functools import cached_property
from typing import TYPE_CHECKING

from flask import current_app

from ack_first import AckFirst
from clock import Clock, clock_for
from models.agency import KnownChannels
from models.credentials import Sealer
from models.db import Database
from reports.links import Links
from settings import Settings

if TYPE_CHECKING:
    from sqlmodel import Session

    from delivery.clients import LineClients
    from delivery.line_api import LineApi
    from delivery.loop import DeliveryLoop
    from fakeline import FakeLine
    from handlers.dispatch import Dispatcher
    from handlers.worker import InboxWorker
    from scheduler.runner import Scheduler

log = logging.getLogger(__name__)


class Services:
    """Everything a running Tidtam holds, declared here; its parts start through its
    methods (nothing is attached from outside)."""

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        from handlers import build_dispatcher

        self.settings = settings
        self.clock: Clock = clock or clock_for(
            settings.tz,
            settings.effective_clock_start,
            speed=settings.clock_speed,
            anchor=settings.clock_anchor,
        )
        self.db = Database(
            settings.resolved_database_url,
            busy_timeout=settings.sqlite_busy_timeout,
            agency=settings.agency,
        )
        #: what handles one stored webhook event: every listener, in order
        self.dispatcher: Dispatcher = build_dispatcher()
        self.ack_first = AckFirst()
        #: agencies' webhook channels, remembered briefly (`/callback/<slug>`)
        self.agency_channels = KnownChannels()
        self.fake_line: FakeLine | None = None
        self.worker: InboxWorker | None = None
        self.delivery: DeliveryLoop | None = None
        self.scheduler: Scheduler | None = None
        self._line: LineApi | None = None
        self._line_urls: tuple[str, str] = (
            settings.line_api_base_url,
            settings.line_data_api_base_url,
        )
        self._line_clients: LineClients | None = None
        self._basic_id: str | None = None
        self._lock = threading.Lock()

    @property
    def line(self) -> LineApi:
        """The LINE client; in demo mode it talks to a fake platform started in this process."""
        with self._lock:
            if self._line is None:
                from delivery.line_api import LineApi

                api_url, data_url = (
                    self.settings.line_api_base_url,
                    self.settings.line_data_api_base_url,
                )
                if self.settings.demo:
                    from fakeline import FakeLine

                    self.fake_line = FakeLine().start()
                    api_url = data_url = self.fake_line.url
                self._line_urls = (api_url, data_url)
                self._line = LineApi(
                    api_base_url=api_url,
                    data_api_base_url=data_url,
                    access_token=self.settings.access_token,
                    timeout=self.settings.line_timeout,
                )
            return self._line

    def line_for(self, agency_id: int, session: Session | None = None) -> LineApi:
        """The LINE client of this agency's channel: agency no. 1 on the environment's
        token (`line`), another with its own token. `delivery.clients.NoChannel` when the
        agency has no channel that can send (not connected, or its token refused). Inside
        a unit of work, pass its `session` (the agency is read through it)."""
        from delivery.clients import channel_of
        from models.agency import FIRST_AGENCY_ID

        if agency_id == FIRST_AGENCY_ID:  # always on the environment's channel (state env)
            return self.line
        source = session if session is not None else self.db.engine
        return self.line_clients.client(channel_of(source, agency_id))

    @property
    def line_clients(self) -> LineClients:
        """Every agency's client, kept while used (delivery/clients.py)."""
        with self._lock:
            if self._line_clients is None:
                from delivery.clients import LineClients

                self._line_clients = LineClients(
                    lambda: self.line,
                    lambda: self.sealer,
                    api_base_url=lambda: self._line_urls[0],
                    data_api_base_url=lambda: self._line_urls[1],
                    timeout=self.settings.line_timeout,
                )
            return self._line_clients

    @cached_property
    def links(self) -> Links:
        """Signed download links; made when first needed (a command that signs nothing
        runs without a secret)."""
        return Links(self.secret, self.settings.public_base_url, self.settings.liff_id)

    @cached_property
    def sealer(self) -> Sealer | None:
        """Seals and opens agencies' channel credentials; None without
        TIDTAM_CREDENTIALS_KEYS (a single agency needs none)."""
        return Sealer.from_setting(self.settings.credentials_keys)

    @property
    def secret(self) -> str:
        """Signs links and hashes link codes; the same in every process."""
        return self.settings.signing_secret

    # -- background work ---------------------------------------------------------------

    def bot_basic_id(self) -> str | None:
        """LINE_BOT_BASIC_ID, else asked of LINE once (None while LINE does not answer)."""
        if self.settings.line_bot_basic_id:
            return self.settings.line_bot_basic_id
        if self._basic_id is None and (self.settings.demo or self.settings.has_credentials):
            try:
                self._basic_id = self.line.basic_id()
            except Exception as error:  # LINE unreachable: the page shows the code alone
                log.warning("LINE bot info not read: %s", error)
        return self._basic_id

    def start_background(self, *, inbox: bool = True, listen: bool = False) -> None:
        """The inbox worker and the outbox sender of a web or worker process (not the
        scheduler). `inbox=False`: a web process that only acknowledges; `listen`: a worker
        process, woken by the web processes through the database."""
        from handlers.worker import InboxWorker

        if self.worker is not None or self.delivery is not None:
            return
        self.start_delivery()
        if inbox:
            self.worker = InboxWorker(
                self, threads=self.settings.worker_threads, listen=listen
            ).start()

    def start_delivery(self) -> None:
        """The outbox sender (every process that queues pushes, the scheduler's too)."""
        from delivery.loop import DeliveryLoop
        from delivery.outbox_sender import OutboxSender

        _ = self.line  # in demo mode, start the fake platform before any thread needs it
        self.delivery = DeliveryLoop(OutboxSender.for_services(self)).start()

    def start_scheduler(self) -> None:
        """The timed jobs, in this process (one process of a deployment leads at a time)."""
        from scheduler.runner import Scheduler

        self.scheduler = Scheduler(self).start()

    def run_until_stopped(self) -> None:
        """Keep this process's started parts working until SIGTERM or Ctrl-C, then stop
        them (the `worker` and `scheduler` commands)."""
        stopped = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopped.set())
        try:
            stopped.wait()
        except KeyboardInterrupt:
            pass
        finally:
            self.shutdown()

    def kick_delivery(self) -> None:
        if self.delivery is not None:
            self.delivery.kick()

    def shutdown(self) -> None:
        for part in (self.worker, self.delivery):
            if part is not None:
                part.stop()
        if self.scheduler is not None:
            self.scheduler.stop()
        if self._line_clients is not None:
            self._line_clients.close()
        if self._line is not None:
            self._line.close()
        if self.fake_line is not None:
            self.fake_line.stop()
        self.db.dispose()


def services() -> Services:
    return current_app.extensions["tidtam"]
