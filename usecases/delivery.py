"""What was pushed to LINE this month against the agency's quota, what failed with LINE's
reason, and a failed push sent again (the console's Delivery, `outbox list --failed`,
`outbox retry`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from models import tenancy
from models.audit import audit
from models.outbox import (
    OutboxStatus,
    count_by_status,
    failed_messages,
    pushed_between,
    retry_failed,
)
from usecases.actor import Actor, NotAllowed


@dataclass(frozen=True)
class FailedPush:
    id: int
    key: str
    purpose: str
    recipients: int
    attempts: int
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class DeliveryState:
    pushed: int  # this calendar month, one per recipient (as LINE counts)
    pending: int
    failed: list[FailedPush]
    parked: int = 0  # waiting for the agency's channel to be connected again


def _its_agency(session: Session, actor: Actor) -> None:
    """A staff member sees their own agency's delivery: the unit of work is scoped to it
    if its caller has not scoped it already (the quota is the agency's, not the
    deployment's)."""
    if actor.staff is not None and tenancy.INFO_KEY not in session.info:
        tenancy.enter(session, actor.staff.agency_id or tenancy.DEFAULT_AGENCY_ID)


def delivery_state(session: Session, actor: Actor, now: datetime) -> DeliveryState:
    if not actor.is_head:
        raise NotAllowed("delivery is for heads")
    _its_agency(session, actor)
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = start.replace(year=start.year + (start.month == 12), month=start.month % 12 + 1)
    counts = count_by_status(session)
    return DeliveryState(
        pushed_between(session, start, end),
        counts.get(OutboxStatus.PENDING, 0) + counts.get(OutboxStatus.SENDING, 0),
        [
            FailedPush(
                row.id or 0,
                row.dedupe_key,
                row.purpose,
                row.recipient_count,
                row.attempts,
                row.last_error or "",
                row.created_at,
            )
            for row in failed_messages(session)
        ],
        counts.get(OutboxStatus.PARKED, 0),
    )


def retry_push(session: Session, actor: Actor, message_id: int, now: datetime) -> bool:
    """A failed push queued again; False if there is no such failed push."""
    if actor.staff is not None and not actor.is_head:
        raise NotAllowed("retrying is for heads and admins")
    _its_agency(session, actor)
    row = retry_failed(session, message_id, now)
    if row is None:
        return False
    audit(
        session, now, actor.audit_name, "outbox.retry", f"outbox:{message_id}", key=row.dedupe_key
    )
    return True
