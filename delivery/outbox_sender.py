"""Deliver what the outbox holds: claim due rows, send, and settle each.

A claimed row is leased; if this process dies mid-send the lease runs out and another
sender takes it again, with the same retry key, so LINE delivers it once (a repeat is 409).
5xx, 429 and time-outs are retried with exponential back-off and jitter; other 4xx fail
for good with the reason kept.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, or_, select

from clock import Clock
from delivery.line_api import LineApi, Sent
from models.db import Database
from models.outbox import OutboxKind, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
BACKOFF_FIRST = timedelta(seconds=5)
BACKOFF_CAP = timedelta(minutes=30)
#: after this many tries a message is failed for good (about a day of back-off)
MAX_ATTEMPTS = 12


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

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed


@dataclass(frozen=True)
class _Claimed:
    id: int
    kind: str
    recipients: list[str]
    messages: list[dict]
    retry_key: str
    attempts: int


class OutboxSender:
    def __init__(self, db: Database, line: Callable[[], LineApi], clock: Clock) -> None:
        self.db = db
        self._line = line
        self.clock = clock

    def send_due(self, *, ignore_backoff: bool = False, limit: int = 100) -> DeliveryStats:
        """Send everything due now (or everything pending, for `outbox flush`)."""
        stats = DeliveryStats()
        while True:
            claimed = self._claim(ignore_backoff=ignore_backoff, limit=limit)
            if not claimed:
                return stats
            for row in claimed:
                self._settle(row, self._send(row), stats)
            if len(claimed) < limit:
                return stats

    def _claim(self, *, ignore_backoff: bool, limit: int) -> list[_Claimed]:
        now = self.clock.now()
        with self.db.session() as session:
            due = col(OutboxMessage.status) == OutboxStatus.PENDING
            if not ignore_backoff:
                due = due & (col(OutboxMessage.next_attempt_at) <= now)
            abandoned = (col(OutboxMessage.status) == OutboxStatus.SENDING) & (
                col(OutboxMessage.lease_until) < now
            )
            query = (
                select(OutboxMessage)
                .where(or_(due, abandoned))
                .order_by(col(OutboxMessage.next_attempt_at), col(OutboxMessage.id))
                .limit(limit)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            rows = list(session.exec(query))
            for row in rows:
                row.status = OutboxStatus.SENDING
                row.lease_until = now + LEASE
                session.add(row)
            return [
                _Claimed(
                    r.id, r.kind, list(r.recipients), list(r.messages), r.retry_key, r.attempts
                )
                for r in rows
                if r.id is not None
            ]

    def _send(self, row: _Claimed) -> Sent:
        line = self._line()
        if row.kind == OutboxKind.MULTICAST:
            return line.multicast(row.recipients, row.messages, row.retry_key)
        return line.push(row.recipients[0], row.messages, row.retry_key)

    def _settle(self, claimed: _Claimed, result: Sent, stats: DeliveryStats) -> None:
        now = self.clock.now()
        with self.db.session() as session:
            row = session.get(OutboxMessage, claimed.id)
            if row is None:
                return
            row.attempts = claimed.attempts + 1
            row.lease_until = None
            if result.ok:
                row.status, row.sent_at, row.request_id, row.last_error = (
                    OutboxStatus.SENT,
                    now,
                    result.request_id,
                    None,
                )
                stats.sent += 1
            elif result.retryable and row.attempts < MAX_ATTEMPTS:
                row.status, row.next_attempt_at, row.last_error = (
                    OutboxStatus.PENDING,
                    _after(now, row.attempts),
                    result.error,
                )
                stats.retried += 1
            else:
                row.status, row.last_error = OutboxStatus.FAILED, result.error
                stats.failed += 1
                log.error("outbox %s failed for good: %s", row.dedupe_key, result.error)
            session.add(row)


def _after(now: datetime, attempts: int) -> datetime:
    return now + backoff(attempts)
