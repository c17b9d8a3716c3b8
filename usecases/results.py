"""Results that several use cases share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoPlan:
    """No plan has been imported: nothing to report on, sum up or show."""


@dataclass(frozen=True)
class NoSuchPerson:
    name: str


@dataclass
class Queued:
    """What a job's use case did: pushes it queued, and pushes it found queued already
    (each has a dedupe key: a job run twice queues nothing twice)."""

    job: str
    queued: int = 0
    already: int = 0

    def count(self, queued: bool) -> None:
        """One push offered to the outbox: new, or there already."""
        self.queued += queued
        self.already += not queued
