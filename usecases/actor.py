"""Who is doing a use case: a staff member, a citizen, the command line or the scheduler."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.staff import Staff, is_head


class NotAllowed(PermissionError):
    """The actor may not do this; callers route people so that it does not happen."""


class ActorKind(StrEnum):
    STAFF = "staff"  # a linked staff member (in LINE, or signed in to the console)
    CITIZEN = "citizen"  # a LINE user who is not linked as staff
    COMMAND_LINE = "cli"
    SCHEDULER = "scheduler"
    DEMO = "demo"  # the demo data being put in place


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    staff: Staff | None = None
    line_user_id: str | None = None

    @classmethod
    def member(cls, staff: Staff) -> Actor:
        return cls(ActorKind.STAFF, staff=staff, line_user_id=staff.line_user_id)

    @classmethod
    def citizen(cls, line_user_id: str) -> Actor:
        return cls(ActorKind.CITIZEN, line_user_id=line_user_id)

    @property
    def audit_name(self) -> str:
        """How the audit log names the actor: `staff:12`, `citizen`, `cli`, `scheduler`
        (a citizen's LINE id is not kept in the audit log)."""
        if self.staff is not None:
            return f"staff:{self.staff.id}"
        return self.kind.value

    @property
    def is_head(self) -> bool:
        return self.staff is not None and is_head(self.staff.role)

    def staff_member(self) -> Staff:
        """The staff member doing it; NotAllowed for anyone else."""
        if self.staff is None:
            raise NotAllowed(f"{self.kind} is not a staff member")
        return self.staff


COMMAND_LINE = Actor(ActorKind.COMMAND_LINE)
SCHEDULER = Actor(ActorKind.SCHEDULER)
DEMO = Actor(ActorKind.DEMO)
