"""Keeping no more than needed: what Tidtam removes once it has served its purpose.

Once a day (the scheduler, after SWEEP_AT agency time; or `python bot.py privacy sweep`),
for anything older than the retention period (`TIDTAM_RETENTION_DAYS`, 30 by default):

- the content of handled LINE events: the inbox keeps only each event's envelope (its
  kind, its chat, its time), never what the person wrote, tapped, shared or sent;
- the messages of pushes: the outbox keeps who, when, and the counts the quota needs;
- the name and phone of cases closed that long ago (given to be contacted about the case);

and at once, whatever the period: forms nobody came back to for a day (their photos and
what was typed in them), and photos or files nothing holds (left by earlier versions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session

from models.app_setting import claim
from models.citizen import forget_contacts
from models.conversation import expired_forms, forget_draft
from models.inbox import redact_handled
from models.outbox import redact_sent
from models.progress import release_orphans

SWEEP_AT = time(3, 0)
#: a form silent this long past its time-out is left for good; a blob nothing holds, too
ABANDONED = timedelta(days=1)
LAST_SWEPT = "privacy_swept_on"


@dataclass(frozen=True)
class Swept:
    events: int  # inbox events whose content was removed
    pushes: int  # pushes whose messages were removed
    contacts: int  # closed cases whose name and phone were removed
    forms: int  # forms left unfinished, ended
    blobs: int  # photos and files nothing held, deleted


def sweep(session: Session, now: datetime, retention: timedelta) -> Swept:
    """Remove everything due at `now` (see the module); safe to run again at any time."""
    cutoff = now - retention
    forms = expired_forms(session, now - ABANDONED)
    for form in forms:
        session.delete(form)
        forget_draft(session, form.draft, now)
    return Swept(
        events=redact_handled(session, cutoff, now),
        pushes=redact_sent(session, cutoff, now),
        contacts=forget_contacts(session, cutoff),
        forms=len(forms),
        blobs=release_orphans(session, now - ABANDONED),
    )


def sweep_due(session: Session, now: datetime, retention: timedelta) -> Swept | None:
    """The scheduler's daily sweep: once a day after SWEEP_AT, caught up after downtime."""
    if now.time() < SWEEP_AT or not claim(session, LAST_SWEPT, now.date().isoformat()):
        return None  # too early, or done today (by this process or another scheduler)
    return sweep(session, now, retention)
