"""Photos and files attached to a report or a citizen's case: kept once per content,
attached when the report or the case is saved."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from models.progress import Evidence, evidence_file, store_blob
from usecases.actor import Actor, NotAllowed


@dataclass(frozen=True)
class Attachment:
    """A file kept while a form is filled in (its bytes are stored, by hash, at once)."""

    sha256: str
    kind: str = "image"  # image, file, video, audio
    file_name: str = ""
    line_message_id: str | None = None


def keep_file(session: Session, data: bytes, content_type: str, now: datetime) -> str:
    """Store a file's bytes (once per content) and return its hash, for an `Attachment`."""
    return store_blob(session, data, content_type, now)


def attach(
    session: Session,
    attachments: Iterable[Attachment],
    now: datetime,
    *,
    report_id: int | None = None,
    suggestion_id: int | None = None,
    staff_id: int | None = None,
) -> int:
    """Attach the kept files to a report or a suggestion; how many there were."""
    rows = [
        Evidence(
            sha256=item.sha256,
            kind=item.kind,
            file_name=item.file_name,
            line_message_id=item.line_message_id,
            report_id=report_id,
            suggestion_id=suggestion_id,
            staff_id=staff_id,
            created_at=now,
        )
        for item in attachments
    ]
    session.add_all(rows)
    return len(rows)


@dataclass(frozen=True)
class EvidenceFile:
    file_name: str
    content_type: str
    data: bytes


def report_file(session: Session, actor: Actor, evidence_id: int) -> EvidenceFile | None:
    """A report's photo or file, for a head to look at (a citizen's are not shown here)."""
    if not actor.is_head:
        raise NotAllowed("evidence is for heads")
    found = evidence_file(session, evidence_id)
    if found is None:
        return None
    evidence, blob = found
    return EvidenceFile(
        evidence.file_name or f"{evidence.kind}-{evidence_id}", blob.content_type, blob.data
    )
