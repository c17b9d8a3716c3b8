"""Removing what people said once it is past keeping, a batch at a time, so that a year of
rows never sits in one transaction's memory (the inbox and the outbox share this)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlmodel import Session, col, select

REDACT_BATCH = 500


def redact_in_batches(
    session: Session,
    model: Any,
    conditions: Sequence[Any],
    redact: Callable[[Session, Sequence[Any]], int],
) -> int:
    """Redact every row of `model` not yet redacted that meets `conditions`, REDACT_BATCH rows
    at a time, with `redact` (which marks each row redacted, so the loop ends)."""
    done = 0
    while True:
        rows = session.exec(
            select(model).where(col(model.redacted_at).is_(None), *conditions).limit(REDACT_BATCH)
        ).all()
        if not rows:
            return done
        done += redact(session, rows)
