"""Work off the webhook inbox, after LINE already has its 200.

Each chat's events are handled in the order they happened, by one worker at a time in any
number of processes (a lease per chat in the database). Each event is one transaction:
what it changes and its `done` mark commit together, so a crash or a redelivery never
applies it twice. The reply goes out after the commit; a reply token LINE no longer
accepts (too old, after downtime) turns into a push through the outbox. An event that
keeps failing is set aside as failed after a few tries, and the person is told.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from delivery.clients import NoChannel
from handlers.dispatch import Outcome
from messages_th import common
from models import inbox, lease, tenancy
from models.inbox import (
    MAX_ATTEMPTS,
    PENDING_IN_CHAT,
    Claimed,
    InboxEvent,
    InboxStatus,
    chats_with_pending,
    claim_next,
)
from models.outbox import queue

if TYPE_CHECKING:
    from sqlmodel import Session

    from delivery.line_api import LineApi
    from services import Services

log = logging.getLogger(__name__)

LEASE_TTL = timedelta(seconds=90)
SWEEP_SECONDS = 2.0
#: a worker process on SQLite has no notices from the web processes: it looks this often
POLL_SECONDS = 0.05
#: show LINE's loading dots when an answer takes longer than this
LOADING_AFTER = 0.8


class InboxWorker:
    def __init__(self, services: Services, *, threads: int = 4, listen: bool = False) -> None:
        """`listen`: this is a worker process, apart from the web processes that store the
        events; it learns of them from PostgreSQL's notices, or by polling on SQLite."""
        self.services = services
        self.db = services.db
        self.clock = services.clock
        self._pool = ThreadPoolExecutor(max(1, threads), thread_name_prefix="inbox")
        self._holder = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._lock = threading.Condition()
        self._active: set[str] = set()
        self._again: set[str] = set()
        self._stop = threading.Event()
        #: per thread handling an event: since when, whom to show the dots, shown, and
        #: the client of the event's agency (read with the claim: on SQLite the watcher
        #: could not read it while the event's transaction holds the write lock)
        self._slow: dict[int, tuple[float, str | None, bool, LineApi | None]] = {}
        on_postgres = self.db.engine.dialect.name == "postgresql"
        self._sweep_seconds = POLL_SECONDS if listen and not on_postgres else SWEEP_SECONDS
        self._threads = [
            threading.Thread(target=self._sweep, name="inbox-sweep", daemon=True),
            threading.Thread(target=self._watch_loading, name="inbox-loading", daemon=True),
        ]
        if listen and on_postgres:
            self._threads.append(
                threading.Thread(target=self._listen, name="inbox-listen", daemon=True)
            )

    # -- life --------------------------------------------------------------------------

    def start(self) -> InboxWorker:
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
        for thread in self._threads:
            thread.join(timeout=5)

    def kick(self, chat_keys: list[str]) -> None:
        """New events were stored for these chats: work them off now."""
        for key in dict.fromkeys(chat_keys):
            self._submit(key)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """For tests and benchmarks: wait until no chat is being worked on in this process."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._active:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    # -- scheduling chats --------------------------------------------------------------

    def _submit(self, key: str) -> None:
        if self._stop.is_set():
            return
        with self._lock:
            if key in self._active:
                self._again.add(key)  # the running pass will look again before it ends
                return
            self._active.add(key)
        try:
            self._pool.submit(self._run_chat, key)
        except RuntimeError:  # shutting down
            with self._lock:
                self._active.discard(key)
                self._lock.notify_all()

    def _run_chat(self, key: str) -> None:
        try:
            while True:
                try:
                    self._work_chat(key)
                except Exception:
                    log.exception("working off chat %s failed; the sweep will retry", key)
                with self._lock:
                    if key in self._again and not self._stop.is_set():
                        self._again.discard(key)
                        continue
                    self._active.discard(key)
                    self._lock.notify_all()
                    return
        except BaseException:
            with self._lock:
                self._active.discard(key)
                self._lock.notify_all()
            raise

    def _sweep(self) -> None:
        """Pick up what nobody kicked: events left by a restart, or by another process."""
        while not self._stop.wait(self._sweep_seconds):
            try:
                with self.db.session() as session:
                    keys = chats_with_pending(session)
                self.kick(keys)
            except Exception:
                log.exception("inbox sweep failed")

    def _listen(self) -> None:
        """Work off a chat as soon as a web process announces it (the sweep is the net)."""
        while not self._stop.is_set():
            try:
                inbox.listen(self.db.engine, self._stop, self._announced)
            except Exception:
                log.warning("listening for new events failed; again shortly", exc_info=True)
                self._stop.wait(SWEEP_SECONDS)

    def _announced(self, chat_keys: list[str]) -> None:
        self.services.ack_first.heard()  # a web process is answering LINE: let it go first
        self.kick(chat_keys)

    # -- one chat ----------------------------------------------------------------------

    def _work_chat(self, key: str) -> None:
        """Under the chat's lease, its pending events in order, each in its own transaction,
        all on one connection (taken from the pool once, not once per statement group).

        The lease is let go with a question in the same breath: did an event come in
        meanwhile? A worker elsewhere that was kicked for it found the chat taken and left
        it to this one, so this one takes the chat again.
        """
        with self.db.engine.connect() as connection:
            while not self._stop.is_set():
                with lease.Exclusive(
                    self.db.engine,
                    f"chat:{key}",
                    self._holder,
                    self.clock,
                    LEASE_TTL,
                    connection=connection,
                ) as chat:
                    if not chat.held:
                        return  # another worker has this chat; it will work off what is pending
                    while not self._stop.is_set() and self._next(connection, key):
                        chat.renew()
                    if not chat.release_asking(PENDING_IN_CHAT, {"of_chat": key}):
                        return

    def _next(self, connection: Connection, key: str) -> bool:
        """Claim the chat's next event and handle it in one transaction, then answer; True
        when more events were waiting. A failure rolls the claim back with everything else
        (the event is tried again, up to MAX_ATTEMPTS)."""
        claimed: Claimed | None = None
        ident = threading.get_ident()
        self.services.ack_first.wait_for_lull()
        try:
            with self.db.session(connection) as session:
                now = self.clock.now()
                claimed = claim_next(session, key, now)
                if claimed is None:
                    return False
                # the rest of this unit of work is the event's agency's alone
                tenancy.enter(session, claimed.agency_id)
                user = _one_to_one_user(claimed.payload)
                self._slow[ident] = (
                    time.monotonic(),
                    user,
                    False,
                    self._line_or_none(claimed.agency_id, session) if user else None,
                )
                outcome = self.services.dispatcher(session, self.services, claimed.payload, now)
        except Exception as error:
            if claimed is None:
                raise  # the database itself: the sweep tries the chat again
            log.exception(
                "event %s failed (try %d)",
                claimed.payload.get("webhookEventId"),
                claimed.attempts + 1,
            )
            self._failed(claimed, error)
            return True
        finally:
            self._slow.pop(ident, None)
        self._answer(outcome, claimed.payload.get("webhookEventId", str(claimed.id)))
        return claimed.more

    def _failed(self, claimed: Claimed, error: Exception) -> None:
        payload = claimed.payload
        with self.db.session(agency_id=claimed.agency_id) as session:
            row = session.get(InboxEvent, claimed.id)
            if row is None:
                return
            row.attempts = claimed.attempts + 1
            final = row.attempts >= MAX_ATTEMPTS
            if final:
                row.status, row.processed_at = InboxStatus.FAILED, self.clock.now()
            # the first line: a database error's next lines quote what the person sent
            row.error = f"{type(error).__name__}: {error}".splitlines()[0][:500]
            session.add(row)
        if final and payload.get("replyToken"):
            try:
                self.services.line_for(claimed.agency_id).reply(
                    payload["replyToken"], [common.sorry()]
                )
            except NoChannel as refused:
                log.warning("no sorry sent: %s", refused)

    # -- answering ---------------------------------------------------------------------

    def _answer(self, outcome: Outcome, event_key: str) -> None:
        if outcome.replies:
            sent = None
            if outcome.reply_token:
                try:
                    line = self.services.line_for(outcome.agency_id)
                    sent = line.reply(outcome.reply_token, outcome.replies)
                except NoChannel as refused:  # the push waits, parked, for a new token
                    log.warning("no reply: %s", refused)
            if sent is None or not sent.ok:
                self._push_instead(outcome, event_key)
        if outcome.pushed:
            self.services.kick_delivery()
        for call in outcome.after:
            try:
                call(self.services)
            except Exception:
                log.exception("an after-commit call failed")

    def _push_instead(self, outcome: Outcome, event_key: str) -> None:
        """The reply token is gone (or there was none): the answer still reaches the person."""
        to = outcome.chat_key if outcome.chat_key != "-" else outcome.user_id
        if not to:
            return
        with self.db.session(agency_id=outcome.agency_id) as session:
            queue(
                session,
                key=f"reply:{event_key}",
                to=to,
                messages=outcome.replies[:5],
                purpose="reply",
                now=self.clock.now(),
            )
        self.services.kick_delivery()

    def _line_or_none(self, agency_id: int, session: Session) -> LineApi | None:
        try:
            return self.services.line_for(agency_id, session)
        except NoChannel:
            return None

    def _watch_loading(self) -> None:
        while not self._stop.wait(0.2):
            now = time.monotonic()
            for ident, (started, user_id, shown, line) in list(self._slow.items()):
                if user_id and line and not shown and now - started > LOADING_AFTER:
                    self._slow[ident] = (started, user_id, True, line)
                    try:
                        line.show_loading(user_id, 20)
                    except Exception:
                        log.warning("could not show the loading indicator", exc_info=True)


def _one_to_one_user(payload: dict[str, Any]) -> str | None:
    """The user of a one-to-one chat (who can be shown the loading dots), else None."""
    source = payload.get("source") or {}
    return source.get("userId") if source.get("type") == "user" else None
