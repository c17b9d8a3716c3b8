"""Sliding-window rate limits kept in the database, so every worker counts the same hits."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Index
from sqlmodel import Field, Session, col, delete, func, select

from models.base import metadata  # noqa: F401
from models.tenancy import AgencyOwned
from models.types import AwareDateTime


class RateHit(AgencyOwned, table=True):
    __table_args__ = (Index("ix_ratehit_bucket_subject_at", "bucket", "subject", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    bucket: str = Field(max_length=40)
    subject: str = Field(max_length=80)
    at: datetime = Field(sa_type=AwareDateTime)


def recent_hits(
    session: Session, bucket: str, subject: str, now: datetime, window: timedelta
) -> int:
    return session.exec(
        select(func.count())
        .select_from(RateHit)
        .where(RateHit.bucket == bucket, RateHit.subject == subject, RateHit.at > now - window)
    ).one()


def hit_times(
    session: Session, bucket: str, subject: str | None, now: datetime, window: timedelta
) -> list[datetime]:
    """When the hits of the last `window` happened, oldest first; `subject` None: the
    bucket's hits from every subject together (a limit for everyone)."""
    query = select(RateHit.at).where(RateHit.bucket == bucket, RateHit.at > now - window)
    if subject is not None:
        query = query.where(RateHit.subject == subject)
    return list(session.exec(query.order_by(col(RateHit.at))))


def hit(session: Session, bucket: str, subject: str, now: datetime) -> None:
    session.add(RateHit(bucket=bucket, subject=subject, at=now))


def allow(
    session: Session, bucket: str, subject: str, now: datetime, *, limit: int, window: timedelta
) -> bool:
    """Count this hit if under `limit` in `window`; False (and nothing counted) when over."""
    if recent_hits(session, bucket, subject, now, window) >= limit:
        return False
    hit(session, bucket, subject, now)
    return True


def forget_before(session: Session, before: datetime) -> None:
    session.exec(delete(RateHit).where(col(RateHit.at) < before))
