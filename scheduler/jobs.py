"""The timed jobs: one tick runs each, in its own transaction, for every agency.

Each is a catch-up use case (`usecases.reminders`, `usecases.summary`): it looks at
`now`, queues what is due and not queued yet, and nothing else; every push has a dedupe
key, so a tick run twice, after a restart, or by two schedulers at once queues nothing
twice (docs/ARCHITECTURE.md, "The flow of one job").

One tick serves every agency (docs/TENANCY.md, "The scheduler for every agency"): it
reads all the agencies' calendars in one statement, decides in Python which have a stage
due, and runs each job for those in a fixed number of statements, in a unit of work for
every agency (`tenancy.ALL`). The monthly summary and the year end, built once a month
or year for each agency, are built in a unit of work of that agency alone, for the
agencies due and not yet sent. One agency's failure is logged and never stops another's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import select as core_select
from sqlmodel import Session, col

from messages_th.digits import thai_digits
from models import ratelimit, tenancy
from models.agency import Agency
from models.meetings import MeetingCalendar, calendars
from privacy.retention import sweep_due
from services import Services
from usecases import reminders, summary
from usecases.results import Queued

log = logging.getLogger(__name__)

#: rate-limit counts older than any window are forgotten
FORGET_HITS_AFTER = timedelta(days=2)


def every_calendar(session: Session) -> dict[int, MeetingCalendar]:
    """Every agency's meeting calendar: two statements, whatever their number."""
    agency_ids = session.execute(core_select(col(Agency.id)).order_by(col(Agency.id)))
    return calendars(session, list(agency_ids.scalars()))


def run_due(services: Services) -> list[Queued]:
    """One tick of the scheduler: every job, each doing only what is due now, for every
    agency. Returns each job's pushes, summed over the agencies."""
    now = services.clock.now()
    links, tz = services.links, services.settings.tz

    @contextmanager
    def unit(agency_id: int | str) -> Iterator[Session]:
        # the words it queues in the agency's digits, as a chat's answers are
        with (
            services.db.session(agency_id=agency_id) as session,
            thai_digits(services.settings.chat_thai_digits),
        ):
            yield session

    def total(job: str, found: Mapping[int, Queued]) -> Queued:
        summed = Queued(job)
        for ran in found.values():
            summed.queued += ran.queued
            summed.already += ran.already
        return summed

    def each(job: str, agency_ids: list[int], send: Callable[[Session], Queued]) -> Queued:
        """The job for each agency in its own unit of work: one that fails is logged."""
        summed = Queued(job)
        for agency_id in agency_ids:
            try:
                with unit(agency_id) as session:
                    ran = send(session)
            except Exception:
                log.exception("agency %s: the %s job failed", agency_id, job)
                continue
            summed.queued += ran.queued
            summed.already += ran.already
        return summed

    with unit(tenancy.ALL) as session:
        known = every_calendar(session)
    with unit(tenancy.ALL) as session:
        reminded = total("remind", reminders.remind_agencies(session, now, known, links=links))
    with unit(tenancy.ALL) as session:
        due = summary.summaries_due(session, now, known)
    summed = each(
        "summary", list(due), lambda session: summary.send_due_summary(session, links, tz, now)
    )
    with unit(tenancy.ALL) as session:
        escalated = total("escalate", reminders.escalate_agencies(session, now, known))
    with unit(tenancy.ALL) as session:
        year_ends = summary.year_ends_due(session, now, known)
    ended = each("year_end", year_ends, lambda session: summary.send_year_end(session, now))
    results = [reminded, summed, escalated, ended]
    with unit(tenancy.ALL) as session:
        ratelimit.forget_before(session, now - FORGET_HITS_AFTER)
    with unit(tenancy.ALL) as session:  # once a day, every agency's: privacy.retention
        sweep_due(session, now, services.settings.retention)
    if any(r.queued for r in results):
        services.kick_delivery()
    return results
