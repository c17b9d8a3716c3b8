"""SQLModel tables and the queries on them. Importing the package registers every table."""

from models import (  # noqa: F401  (each module adds its tables to the metadata)
    agency,
    app_setting,
    audit,
    calendar,
    cases,
    chat,
    citizen,
    console_session,
    conversation,
    inbox,
    lease,
    outbox,
    plan,
    progress,
    questions,
    ratelimit,
    scheduler_jobs,
    staff,
    used_link,
)
from models.base import metadata

__all__ = ["metadata"]
