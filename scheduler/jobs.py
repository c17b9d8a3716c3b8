"""The timed jobs: one tick runs each, in its own transaction.

Each is a catch-up use case (`usecases.reminders`, `usecases.summary`): it looks at
`now`, queues what is due and not queued yet, and nothing else; every push has a dedupe
key, so a tick run twice, after a restart, or by two schedulers at once queues nothing
twice (docs/ARCHITECTURE.md, "The flow of one job").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlmodel import Session

from messages_th.digits import thai_digits
from models import ratelimit
from privacy.retention import sweep_due
from services import Services
from usecases import reminders, summary
from usecases.results import Queued

#: rate-limit counts older than any window are forgotten
FORGET_HITS_AFTER = timedelta(days=2)


def run_due(services: Services) -> list[Queued]:
    """One tick of the scheduler: every job, each doing only what is due now."""
    now = services.clock.now()
    links, tz = services.links, services.settings.tz

    def run(job: Callable[[Session], Queued]) -> Queued:
        # the words it queues in the agency's digits, as a chat's answers are
        with services.db.session() as session, thai_digits(services.settings.chat_thai_digits):
            return job(session)

    results = [
        run(lambda session: reminders.remind(session, now, links=links)),
        run(lambda session: summary.send_due_summary(session, links, tz, now)),
        run(lambda session: reminders.escalate(session, now)),
        run(lambda session: summary.send_year_end(session, now)),
    ]
    with services.db.session() as session:
        ratelimit.forget_before(session, now - FORGET_HITS_AFTER)
    with services.db.session() as session:
        sweep_due(session, now, services.settings.retention)  # once a day: privacy.retention
    if any(r.queued for r in results):
        services.kick_delivery()
    return results
