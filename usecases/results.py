"""Results that several use cases share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoPlan:
    """No plan has been imported: nothing to report on, sum up or show."""


@dataclass(frozen=True)
class NoSuchPerson:
    name: str
