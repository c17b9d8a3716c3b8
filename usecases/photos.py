"""Evidence photos seen where they matter: a month's photos on a signed page (linked from
the head's summary and the status card), in the report documents' appendix, and, where
the agency turns it on (off by default), on the public page.

ITA evidence is photos of activities: each photo goes with the action and the month of
the report it came with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from fiscal import fiscal_year_of
from models import tenancy
from models.app_setting import get_setting, set_setting
from models.audit import audit
from models.meetings import reporting_month
from models.plan import Plan, current_plan
from models.progress import PhotoRow, blob, is_report_photo, period_photos
from reports.links import Links
from usecases.actor import Actor, NotAllowed
from usecases.results import NoPlan

PUBLIC_PHOTOS = "public_photos"
THUMBNAIL_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")


@dataclass(frozen=True)
class Album:
    agency: str
    month: date
    photos: list[PhotoRow]


def month_album(session: Session, month: date) -> Album | NoPlan:
    """Every photo of a month's current reports, in plan order."""
    plan = current_plan(session, fiscal_year_of(month))
    if plan is None:
        return NoPlan()
    return Album(plan.agency, month, period_photos(session, plan, [month]))


def photo_in_album(session: Session, month: date, sha256: str) -> tuple[bytes, str] | None:
    """A photo's bytes and type, only if it is one of the month's (a link to a month's
    page shows that month's photos, nothing else that is stored)."""
    found = month_album(session, month)
    if isinstance(found, NoPlan) or sha256 not in {p.sha256 for p in found.photos}:
        return None
    stored = blob(session, sha256)
    return (stored.data, stored.content_type) if stored else None


def month_photos_link(session: Session, links: Links, now: datetime) -> str | None:
    """A link to this reporting month's photos, when it has any (for the status card)."""
    month = reporting_month(session, now)
    found = month_album(session, month)
    if isinstance(found, NoPlan) or not found.photos:
        return None
    return links.for_agency(tenancy.current(session)).month_photos(month, now)


def period_album(session: Session, plan: Plan, months: list[date]) -> list[PhotoRow]:
    """The photos of a report document's months (its appendix)."""
    return period_photos(session, plan, months)


# -- the public page ----------------------------------------------------------------------


def public_photos_shown(session: Session) -> bool:
    return bool(get_setting(session, PUBLIC_PHOTOS, False))


def show_public_photos(session: Session, actor: Actor, shown: bool, now: datetime) -> None:
    """The agency's choice to show evidence photos on its public page (off by default:
    photos may show people, and publishing them is the agency's decision)."""
    if actor.staff is not None and not actor.is_head:
        raise NotAllowed("only a head or an admin changes what the public page shows")
    set_setting(session, PUBLIC_PHOTOS, shown)
    audit(session, now, actor.audit_name, "setting.public_photos", "", shown=shown)


def public_photos(
    session: Session, plan: Plan, months: list[date], per_action: int = 2
) -> dict[int, list[PhotoRow]]:
    """The photos the public page shows, by measure (the latest `per_action` of each
    action): none unless the agency turned them on."""
    if not public_photos_shown(session):
        return {}
    latest: dict[tuple[int, int], list[PhotoRow]] = {}
    for row in reversed(period_photos(session, plan, months)):
        kept = latest.setdefault((row.measure_no, row.action_no), [])
        if len(kept) < per_action:
            kept.append(row)
    shown: dict[int, list[PhotoRow]] = {}
    for (measure_no, _), rows in sorted(latest.items()):
        shown.setdefault(measure_no, []).extend(rows)
    return shown


def public_photo(session: Session, sha256: str) -> tuple[bytes, str] | None:
    """A photo for the public page: only while the agency shows them, and only a report's."""
    if not public_photos_shown(session) or not is_report_photo(session, sha256):
        return None
    stored = blob(session, sha256)
    return (stored.data, stored.content_type) if stored else None
