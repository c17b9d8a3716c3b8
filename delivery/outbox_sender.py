"""Deliver what the outbox holds: claim due rows, send, and settle them.

A claimed row is leased; if this process dies mid-send the lease runs out and another
sender takes it again, with the same retry key, so LINE delivers it once (a repeat is 409).
5xx, 429 and time-outs are retried with exponential back-off and jitter; other 4xx fail
for good with the reason kept.

Many agencies (docs/TENANCY.md, "Fairness in the outbox"): the claim takes rows round
robin over the agencies, and each row is pushed with its agency's token. A claimed batch
is sent by a few threads, one chat's rows in order; one agency's trouble stops only that
agency's rows: LINE refusing its token (401) marks the agency `refused`, parks its rows
(kept, sent again when it is connected) and tells the deployment's operator in LINE; LINE
asking it to slow down (429) holds back its rows alone.
"""

from __future__ import annotations

import hashlib
import logging
import random
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from clock import Clock
from delivery.clients import ChannelLocked, ChannelOf, LineClients, NoChannel
from delivery.line_api import LineApi, Sent
from messages_th import delivery_text
from models import outbox, tenancy
from models.agency import FIRST_AGENCY_ID, Agency, AgencyState, mark_refused
from models.audit import audit
from models.db import Database
from models.outbox import Due, OutboxKind, OutboxStatus
from models.staff import Role, Staff

if TYPE_CHECKING:
    from services import Services

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
BACKOFF_FIRST = timedelta(seconds=5)
BACKOFF_CAP = timedelta(minutes=30)
#: after this many tries a message is failed for good (about a day of back-off)
MAX_ATTEMPTS = 12
#: an agency whose token no configured key opens is looked at again this often
LOCKED_WAIT = timedelta(minutes=1)
#: threads that send one claimed batch (one chat's rows stay in order, on one thread)
SEND_THREADS = 8


def backoff(attempts: int, rng: random.Random | None = None) -> timedelta:
    """5 s, 10 s, 20 s … capped at 30 min, each with ±20 % jitter so retries do not stampede."""
    base = min(BACKOFF_FIRST * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    jitter = (rng or random).uniform(0.8, 1.2)
    return base * jitter


@dataclass
class DeliveryStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    parked: int = 0  # its agency cannot send: kept until it is connected
    held: int = 0  # not tried: its agency was asked to wait (429, or its keys locked)

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed + self.parked + self.held


@dataclass(frozen=True)
class _Halt:
    """Why an agency's other rows in this batch are not sent."""

    kind: str  # "refused", "parked", "busy", "locked"
    reason: str
    until: datetime | None = None


#: what became of one row: LINE's answer, or the agency's halt that kept it from being sent
_Result = Sent | _Halt


class OutboxSender:
    def __init__(
        self,
        db: Database,
        line: Callable[[], LineApi],
        clock: Clock,
        *,
        clients: LineClients | None = None,
        threads: int = SEND_THREADS,
    ) -> None:
        """`line`: agency no. 1's client (the environment's channel); `clients`: every
        agency's (without them, only agency no. 1's rows are sent; the others wait)."""
        self.db = db
        self._line = line
        self._clients = clients
        self.clock = clock
        self._threads = max(1, threads)
        self._pool: ThreadPoolExecutor | None = None
        self._claimer: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        #: the agency whose turn came last (models.outbox.claim_due)
        self._turn = 0

    @classmethod
    def for_services(cls, services: Services, **kw: object) -> OutboxSender:
        return cls(
            services.db,
            lambda: services.line,
            services.clock,
            clients=services.line_clients,
            **kw,  # type: ignore[arg-type]
        )

    def close(self) -> None:
        with self._pool_lock:
            for pool in (self._pool, self._claimer):
                if pool is not None:
                    pool.shutdown(wait=True)
            self._pool = self._claimer = None

    def send_due(self, *, ignore_backoff: bool = False, limit: int = 100) -> DeliveryStats:
        """Send everything due now (or everything pending, for `outbox flush`).

        While a full batch is being sent, the next one is claimed (the database's part
        then costs no sending time); it is sent once this one is done, each chat's rows
        still in order, and an agency halted in this batch stays halted in the next."""
        stats = DeliveryStats()
        claimed, channels = self.claim(ignore_backoff=ignore_backoff, limit=limit)
        halted: dict[int, _Halt] = {}
        while claimed:
            ahead: Future[tuple[list[Due], dict[int, ChannelOf]]] | None = None
            if len(claimed) == limit:
                ahead = self._claim_ahead().submit(
                    self.claim, ignore_backoff=ignore_backoff, limit=limit
                )
            try:
                results = self._send_all(claimed, channels, halted)
                self._settle(claimed, channels, results, stats)
            finally:
                if ahead is not None and not ahead.done():
                    ahead.result()  # its rows stay leased; another pass takes them in time
            if ahead is None:
                break
            claimed, channels = ahead.result()
        return stats

    def _claim_ahead(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._claimer is None:
                self._claimer = ThreadPoolExecutor(1, thread_name_prefix="outbox-claim")
            return self._claimer

    # -- claiming ----------------------------------------------------------------------

    def claim(
        self, *, ignore_backoff: bool = False, limit: int = 100
    ) -> tuple[list[Due], dict[int, ChannelOf]]:
        """Lease the next due rows, round robin over agencies (in the order to send them),
        and their agencies' channels as they are now."""
        now = self.clock.now()
        with self.db.session(agency_id=tenancy.ALL) as session:
            claimed, self._turn = outbox.claim_due(
                session,
                now,
                now + LEASE,
                limit=limit,
                ignore_backoff=ignore_backoff,
                after=self._turn,
            )
            agency_ids = sorted({row.agency_id for row in claimed})
            channels = {
                found.id: ChannelOf(found.id, found.state, found.access_token)
                for found in session.exec(select(Agency).where(col(Agency.id).in_(agency_ids)))
                if found.id is not None
            }
        return claimed, channels

    # -- sending -----------------------------------------------------------------------

    def _send_all(
        self, claimed: list[Due], channels: dict[int, ChannelOf], halted: dict[int, _Halt]
    ) -> dict[int, _Result]:
        """Each chat's rows in order, the chats side by side; an agency halted (refused,
        busy), here or in the batch before (`halted`, added to), sends nothing more."""
        chats: dict[tuple[int, tuple[str, ...]], list[Due]] = {}
        for row in claimed:
            chats.setdefault((row.agency_id, tuple(row.recipients)), []).append(row)
        results: dict[int, _Result] = {}
        lock = threading.Lock()

        def send_chat(rows: list[Due]) -> None:
            for row in rows:
                with lock:
                    halt = halted.get(row.agency_id)
                if halt is None:
                    try:
                        outcome = self._send_one(row, channels.get(row.agency_id))
                    except Exception as error:  # a message LINE's models refuse: a bug
                        log.exception("outbox %s could not be sent", row.id)
                        outcome = Sent(False, None, error=f"{type(error).__name__}: {error}"[:300])
                    halt = self._halt_for(row, outcome)
                    if halt is not None:
                        with lock:
                            halt = halted.setdefault(row.agency_id, halt)
                    results[row.id] = outcome
                else:
                    results[row.id] = halt

        groups = list(chats.values())
        if len(groups) == 1 or self._threads == 1:
            for group in groups:
                send_chat(group)
        else:
            for future in [self._executor().submit(send_chat, group) for group in groups]:
                future.result()
        return results

    def _executor(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._threads, thread_name_prefix="outbox-send")
            return self._pool

    def _send_one(self, row: Due, channel: ChannelOf | None) -> _Result:
        try:
            line = self._client(row.agency_id, channel)
        except ChannelLocked as error:
            return _Halt("locked", error.why, self.clock.now() + LOCKED_WAIT)
        except NoChannel as error:
            return _Halt("parked", error.why)
        if row.kind == OutboxKind.MULTICAST:
            return line.multicast(row.recipients, row.messages, row.retry_key)
        return line.push(row.recipients[0], row.messages, row.retry_key)

    def _client(self, agency_id: int, channel: ChannelOf | None) -> LineApi:
        if channel is None:
            raise NoChannel(agency_id, "no such agency")
        if self._clients is not None:
            return self._clients.client(channel)
        if agency_id == FIRST_AGENCY_ID and channel.state == AgencyState.ENV:
            return self._line()
        raise ChannelLocked(agency_id, "this sender has no clients for other agencies")

    def _halt_for(self, row: Due, outcome: _Result) -> _Halt | None:
        """What one row's answer means for the rest of its agency's rows in this batch."""
        if isinstance(outcome, _Halt):
            return outcome
        if outcome.status == 401 and row.agency_id != FIRST_AGENCY_ID:
            return _Halt("refused", outcome.error)
        if outcome.status == 429:
            return _Halt("busy", outcome.error, self.clock.now() + backoff(row.attempts + 1))
        return None

    # -- settling ----------------------------------------------------------------------

    def _settle(
        self,
        claimed: list[Due],
        channels: dict[int, ChannelOf],
        results: dict[int, _Result],
        stats: DeliveryStats,
    ) -> None:
        """Every row's outcome in one statement; then, per agency halted, its other rows."""
        now = self.clock.now()
        settled = []
        refused: dict[int, str] = {}
        busy: dict[int, datetime] = {}
        for row in claimed:
            result = results[row.id]
            halt = result if isinstance(result, _Halt) else self._halt_for(row, result)
            if halt is not None and halt.kind == "refused":
                refused.setdefault(row.agency_id, halt.reason)
            elif halt is not None and halt.kind == "busy" and halt.until is not None:
                busy.setdefault(row.agency_id, halt.until)
        for row in claimed:
            settled.append(self._outcome(row, results[row.id], now, stats, busy))
        with self.db.session(agency_id=tenancy.ALL) as session:
            session.execute(outbox.SETTLE, settled)
            for agency_id, until in busy.items():
                outbox.hold_back(session, agency_id, until)
        for agency_id, reason in refused.items():
            channel = channels.get(agency_id)
            if channel is not None:
                self._refused(channel, reason, now)

    def _outcome(
        self,
        row: Due,
        result: _Result,
        now: datetime,
        stats: DeliveryStats,
        busy: dict[int, datetime],
    ) -> dict:
        settle = {
            "row_id": row.id,
            "new_status": OutboxStatus.PENDING,
            "new_attempts": row.attempts,
            "new_next": now,
            "new_error": None,
            "new_sent_at": None,
            "new_request_id": None,
        }
        if isinstance(result, _Halt):  # not tried: no attempt counted
            settle["new_error"] = result.reason[:500]
            if result.kind in ("refused", "parked"):
                settle["new_status"] = OutboxStatus.PARKED
                stats.parked += 1
            else:
                settle["new_next"] = busy.get(row.agency_id, result.until or now)
                stats.held += 1
            return settle
        settle["new_attempts"] = attempts = row.attempts + 1
        if result.ok:
            settle.update(
                new_status=OutboxStatus.SENT, new_sent_at=now, new_request_id=result.request_id
            )
            stats.sent += 1
        elif result.status == 401 and row.agency_id != FIRST_AGENCY_ID:
            settle.update(new_status=OutboxStatus.PARKED, new_error=result.error[:500])
            stats.parked += 1
        elif result.retryable and attempts < MAX_ATTEMPTS:
            later = now + backoff(attempts)
            if result.status == 429 and row.agency_id in busy:
                # behind the agency's rows held back with it: the next 429 meets another row
                later = max(later, busy[row.agency_id] + timedelta(seconds=1))
            settle.update(new_next=later, new_error=result.error[:500])
            stats.retried += 1
        else:
            settle.update(new_status=OutboxStatus.FAILED, new_error=result.error[:500])
            stats.failed += 1
            log.error(
                "outbox %s (agency %s) failed for good: %s", row.id, row.agency_id, result.error
            )
        return settle

    def _refused(self, channel: ChannelOf, reason: str, now: datetime) -> None:
        """LINE refused the agency's token: the agency is `refused` (unless it was connected
        again meanwhile with another token), its waiting rows are parked, the audit log
        says so, and the deployment's operator is told in LINE, once for this refusal."""
        with self.db.session(agency_id=channel.agency_id) as session:
            changed = mark_refused(session, channel.agency_id, channel.sealed_token)
            agency = session.get(Agency, channel.agency_id)
            if agency is None:
                return
            if not changed:
                if agency.state == AgencyState.CONNECTED:  # connected again meanwhile
                    outbox.unpark(session, channel.agency_id, now)
                return
            parked = outbox.park(session, channel.agency_id, reason)
            audit(
                session,
                now,
                "outbox",
                "agency.refused",
                agency.slug,
                reason=reason[:200],
                parked=parked,
            )
            log.error("LINE refused the access token of agency %s: delivery stopped", agency.slug)
            tell_operator(session, agency, channel.sealed_token or "", now)


def tell_operator(session: Session, agency: Agency, sealed_token: str, now: datetime) -> bool:
    """One push to the deployment's operator (agency no. 1's admins, on agency no. 1's
    channel: the refused agency's own cannot send) naming the agency; queued once per
    refusal (the key carries a digest of the refused token). False when agency no. 1 has
    no linked admin."""
    tenancy.enter(session, FIRST_AGENCY_ID)
    admins = [
        staff.line_user_id
        for staff in session.exec(
            select(Staff).where(
                col(Staff.role) == Role.ADMIN,
                col(Staff.active).is_(True),
                col(Staff.line_user_id).is_not(None),
            )
        )
        if staff.line_user_id
    ]
    if not admins:
        log.error("no admin of agency no. 1 to tell that agency %s was refused", agency.slug)
        return False
    refusal = hashlib.sha256(sealed_token.encode()).hexdigest()[:16]
    return outbox.queue(
        session,
        key=f"agency-refused:{agency.id}:{refusal}",
        to=admins,
        messages=[delivery_text.agency_refused(agency.name, agency.slug)],
        purpose="operator",
        now=now,
    )
