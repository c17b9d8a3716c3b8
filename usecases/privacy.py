"""A citizen's own data (PDPA sections 30 and 33): a copy of what is kept about them, and
its deletion, the agency's counts kept anonymous. The work on the tables is
`privacy.personal_data`'s; the daily retention sweep is a job (`privacy.retention`)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.audit import audit
from privacy.personal_data import Erased, PersonalData, copy_of, erase
from usecases.actor import Actor, NotAllowed


def my_data(session: Session, actor: Actor) -> PersonalData:
    """What is kept about this person's LINE account."""
    return copy_of(session, _citizen(actor))


def erase_my_data(session: Session, actor: Actor, now: datetime) -> Erased:
    """Delete this person's personal data; the audit log keeps what was deleted, by count."""
    done = erase(session, _citizen(actor), now)
    audit(
        session,
        now,
        actor.audit_name,
        "personal_data.erase",
        cases=done.cases,
        photos=done.photos,
        ratings=done.ratings,
        events=done.events,
        pushes=done.pushes,
    )
    return done


def _citizen(actor: Actor) -> str:
    """The data asked about is a LINE account's: what its person sent as a citizen."""
    if not actor.line_user_id:
        raise NotAllowed("one's own data is asked for from one's LINE account")
    return actor.line_user_id
