"""Staff, their roles and pinned measures, and the one-time codes that link a LINE account."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from sqlalchemy import Select, UniqueConstraint, and_, bindparam, exists, or_
from sqlalchemy import select as core_select
from sqlmodel import Field, Session, col, delete, select

from models.base import metadata  # noqa: F401
from models.plan import PLAN_IN_FORCE, Action, Measure, MeasureUnit, Plan, Unit, measures_of
from models.tenancy import AgencyOwned
from models.types import AwareDateTime, ident

#: No 0/O, 1/I/L: a code read aloud over the phone or copied from paper stays unambiguous.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
CODE_VALID_FOR = timedelta(days=7)


class Role(StrEnum):
    """What a person may do (docs/ARCHITECTURE.md, "Who is a head").

    `staff` report on their measures. A `head` (the office head, the clerk, the mayor)
    also sees the whole agency's progress and is sent the head's messages: the monthly
    summary, the escalation, the year end. An `admin` runs Tidtam for the agency: in chat
    an admin may do all that a head may (`is_head`), but the head's messages are addressed
    to heads only (`summary_recipients`).
    """

    STAFF = "staff"
    HEAD = "head"
    ADMIN = "admin"


def is_head(role: str | None) -> bool:
    """May see and do what a head may: heads and admins."""
    return role in (Role.HEAD, Role.ADMIN)


def is_admin(role: str | None) -> bool:
    return role == Role.ADMIN


class Staff(AgencyOwned, table=True):
    __table_args__ = (
        UniqueConstraint("agency_id", "name"),
        UniqueConstraint("agency_id", "line_user_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field()
    role: str = Field(max_length=8)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    line_user_id: str | None = Field(default=None, max_length=64)
    active: bool = True
    on_leave_until: date | None = Field(default=None, description="inclusive")
    on_leave_from: date | None = Field(
        default=None, description="a leave booked ahead starts then; None: already begun"
    )
    created_at: datetime = Field(sa_type=AwareDateTime)
    linked_at: datetime | None = Field(default=None, sa_type=AwareDateTime)


class PinnedMeasure(AgencyOwned, table=True):
    """A measure a staff member reports on, by number (it carries over to next year's plan)."""

    staff_id: int = Field(foreign_key="staff.id", primary_key=True, ondelete="CASCADE")
    measure_no: int = Field(primary_key=True)


class LinkCode(AgencyOwned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True, ondelete="CASCADE")
    code_hash: str = Field(unique=True, max_length=64)
    created_at: datetime = Field(sa_type=AwareDateTime)
    expires_at: datetime = Field(sa_type=AwareDateTime)
    used_at: datetime | None = Field(default=None, sa_type=AwareDateTime)


# -- link codes ------------------------------------------------------------------------


def normalise_code(text: str) -> str:
    """Codes are typed on phones: ignore case, spaces and dashes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def hash_code(code: str, secret: str) -> str:
    return hmac.new(secret.encode(), normalise_code(code).encode(), hashlib.sha256).hexdigest()


def looks_like_code(text: str) -> bool:
    """Six characters of the code alphabet with a digit and a letter among them, as every
    code has (spaces, dashes, case ignored): what a person sends when they send their code,
    and not a laugh typed as 555555."""
    if len(text.strip()) > CODE_LENGTH + 4:
        return False
    code = normalise_code(text)
    return (
        len(code) == CODE_LENGTH
        and all(ch in CODE_ALPHABET for ch in code)
        and any(ch.isdigit() for ch in code)
        and any(ch.isalpha() for ch in code)
    )


def _new_code() -> str:
    """Random, with at least one digit, so an ordinary word is never taken for a code."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if any(ch.isdigit() for ch in code) and any(ch.isalpha() for ch in code):
            return code


def issue_link_code(session: Session, staff: Staff, now: datetime, secret: str) -> str:
    """A fresh single-use code; earlier unused codes of this person stop working."""
    session.exec(
        delete(LinkCode).where(col(LinkCode.staff_id) == staff.id, col(LinkCode.used_at).is_(None))
    )
    code = _new_code()
    session.add(
        LinkCode(
            staff_id=ident(staff),
            code_hash=hash_code(code, secret),
            created_at=now,
            expires_at=now + CODE_VALID_FOR,
        )
    )
    return code


def redeem_link_code(
    session: Session, code: str, line_user_id: str, now: datetime, secret: str
) -> Staff | None:
    """Link `line_user_id` to the code's staff member; None if the code is unknown, used or old."""
    link = session.exec(
        select(LinkCode).where(LinkCode.code_hash == hash_code(code, secret))
    ).first()
    if link is None or link.used_at is not None or link.expires_at <= now:
        return None
    staff = session.get(Staff, link.staff_id)
    if staff is None or not staff.active:
        return None
    previous = staff_by_line_user(session, line_user_id)
    if previous is not None and previous.id != staff.id:
        previous.line_user_id = None  # one LINE account speaks for one person
        session.add(previous)
        session.flush()
    link.used_at = now
    staff.line_user_id = line_user_id
    staff.linked_at = now
    session.add_all([link, staff])
    session.flush()
    return staff


# -- staff -----------------------------------------------------------------------------


def add_staff(
    session: Session,
    *,
    name: str,
    role: Role,
    unit: Unit | None,
    measure_numbers: list[int],
    now: datetime,
) -> Staff:
    staff = Staff(name=name, role=role, unit_id=unit.id if unit else None, created_at=now)
    session.add(staff)
    session.flush()
    set_pinned_measures(session, staff, measure_numbers)
    return staff


def set_pinned_measures(session: Session, staff: Staff, numbers: list[int]) -> None:
    session.exec(delete(PinnedMeasure).where(col(PinnedMeasure.staff_id) == staff.id))
    for number in sorted(set(numbers)):
        session.add(PinnedMeasure(staff_id=ident(staff), measure_no=number))
    session.flush()


def pinned_measure_numbers(session: Session, staff: Staff) -> list[int]:
    return list(
        session.exec(
            select(PinnedMeasure.measure_no)
            .where(PinnedMeasure.staff_id == staff.id)
            .order_by(col(PinnedMeasure.measure_no))
        )
    )


def staff_by_name(session: Session, name: str) -> Staff | None:
    return session.exec(select(Staff).where(Staff.name == name)).first()


_BY_LINE_USER = select(Staff).where(col(Staff.line_user_id) == bindparam("line_user_id"))
_PINNED = select(PinnedMeasure.measure_no).where(
    col(PinnedMeasure.staff_id) == bindparam("staff_id")
)
_STAFF_UNIT = select(Staff.unit_id).where(col(Staff.id) == bindparam("staff_id")).scalar_subquery()
#: whether the person's unit is one of the measure's units (as `_units_of` says in Python)
_OWN = or_(
    col(Measure.unit_id) == _STAFF_UNIT,
    exists(
        select(MeasureUnit.measure_id).where(
            col(MeasureUnit.measure_id) == Measure.id, col(MeasureUnit.unit_id) == _STAFF_UNIT
        )
    ),
).label("own")
#: what `reports_on` needs of each measure (whether it is the person's unit's, whether this
#: person has it pinned and whether they have any pin at all): the one-statement form's
_MEASURE_COLUMNS = (
    col(Measure.number),
    _OWN,
    col(Measure.number).in_(_PINNED).label("pinned"),
    exists(_PINNED).label("any_pin"),
)
_PINS = select(PinnedMeasure.staff_id, PinnedMeasure.measure_no).where(
    col(PinnedMeasure.staff_id).in_(bindparam("staff_ids", expanding=True))
)


def staff_by_line_user(session: Session, line_user_id: str) -> Staff | None:
    """Who is speaking: asked for every event, so its statement is built once."""
    return session.exec(_BY_LINE_USER, params={"line_user_id": line_user_id}).first()


def list_staff(session: Session) -> list[Staff]:
    return list(session.exec(select(Staff).order_by(col(Staff.role), col(Staff.name))))


def linked_staff_of_unit(session: Session, unit_id: int) -> list[Staff]:
    """The active staff of a unit who have linked LINE (who can be told of its cases)."""
    return list(
        session.exec(
            select(Staff).where(
                col(Staff.active).is_(True),
                col(Staff.line_user_id).is_not(None),
                col(Staff.unit_id) == unit_id,
            )
        )
    )


def summary_recipients(session: Session) -> list[Staff]:
    """Whom the head's messages are addressed to: the active heads (not the admins)."""
    return list(
        session.exec(
            select(Staff)
            .where(Staff.role == Role.HEAD, col(Staff.active).is_(True))
            .order_by(col(Staff.id))
        )
    )


def assignments(
    session: Session, plan: Plan, staff: list[Staff], *, duty: bool = False
) -> dict[int, list[Measure]]:
    """The measures each person reports on (`reports_on`), for many people in two queries."""
    measures = measures_of(session, plan)
    pins = _pins(session, [s.id for s in staff if s.id is not None])
    units = _units_of(session, plan)

    def serves(measure: Measure, unit: int) -> bool:
        return unit in units.get(ident(measure), {measure.unit_id})

    return {
        person.id: reports_on(person, measures, pins.get(person.id), serves, duty=duty)
        for person in staff
        if person.id is not None
    }


def _units_of(session: Session, plan: Plan) -> dict[int, set[int | None]]:
    """Each measure's unit ids: its main unit and every unit it names."""
    found: dict[int, set[int | None]] = {}
    query = (
        select(col(Measure.id), col(Measure.unit_id), col(MeasureUnit.unit_id))
        .outerjoin(MeasureUnit, col(MeasureUnit.measure_id) == Measure.id)
        .where(Measure.plan_id == plan.id)
    )
    for measure_id, main, other in session.exec(query):
        if measure_id is not None:
            found.setdefault(measure_id, {main}).add(other)
    return found


def _pins(session: Session, staff_ids: list[int]) -> dict[int, set[int]]:
    pins: dict[int, set[int]] = {}
    for staff_id, measure_no in session.exec(_PINS, params={"staff_ids": staff_ids}):
        pins.setdefault(staff_id, set()).add(measure_no)
    return pins


class _Numbered(Protocol):
    number: int


#: a Measure, or a row with its number and whether it is the person's unit's
_M = TypeVar("_M", bound=_Numbered)


def reports_on(
    staff: Staff,
    measures: list[_M],
    pinned: set[int] | None,
    serves: Callable[[_M, int], bool],
    *,
    duty: bool = False,
) -> list[_M]:
    """The rule of a person's measures, from the plan's `measures`, the numbers pinned to
    them (None: no pins at all) and whether a measure is a unit's (`serves`: its units
    include the unit). Every form of the question comes here.

    The pinned measures, else those of their unit. A head or admin with neither sees every
    measure (they may report for anyone). With `duty`, what they are *expected* to report
    (reminded about, counted in participation): for a head or admin, only what is pinned.
    """
    if pinned is not None:
        return [m for m in measures if m.number in pinned]
    if duty and is_head(staff.role):
        return []
    if staff.unit_id is not None:
        own = [m for m in measures if serves(m, staff.unit_id)]
        if own or staff.role == Role.STAFF:
            return own
    return measures if is_head(staff.role) else []


def measures_for(session: Session, staff: Staff, plan: Plan) -> list[Measure]:
    """The measures this person reports on (see `assignments`)."""
    return assignments(session, plan, [staff]).get(staff.id or 0, [])


@dataclass(frozen=True)
class ReportTarget:
    """What a typed report checks before it is recorded."""

    plan_id: int  # the plan in force
    mine: list[int]  # the numbers of the measures the person reports on
    action_id: int | None  # the action the report names, if the plan has it
    duty: list[int] = field(default_factory=list)  # those they are expected to report on


# the plan in force, its measures with the person's pins, and the named action: every
# typed report reads them, in this one statement
_TARGET: Select[*tuple[Any, ...]] = (
    core_select(col(Plan.id).label("plan_id"), *_MEASURE_COLUMNS, col(Action.id).label("action_id"))
    .select_from(Plan)
    .outerjoin(Measure, and_(col(Measure.plan_id) == Plan.id, col(Measure.retired).is_(False)))
    .outerjoin(
        Action,
        and_(
            col(Action.measure_id) == Measure.id,
            col(Measure.number) == bindparam("measure_no"),
            col(Action.number) == bindparam("action_no"),
            col(Action.retired).is_(False),
        ),
    )
    .where(col(Plan.id) == PLAN_IN_FORCE)
    .order_by(col(Measure.number))
)


def report_target(
    session: Session, staff: Staff, fiscal_year: int, measure_no: int, action_no: int
) -> ReportTarget | None:
    """The plan in force in `fiscal_year`, the person's measure numbers in it, and the
    action `measure_no.action_no`, in one read; None when there is no plan at all."""
    params = {
        "year": fiscal_year,
        "staff_id": staff.id,
        "measure_no": measure_no,
        "action_no": action_no,
    }
    rows = session.execute(_TARGET, params).all()
    if not rows:
        return None
    action_id = next((row.action_id for row in rows if row.action_id is not None), None)
    measures = [row for row in rows if row.number is not None]
    return ReportTarget(
        rows[0].plan_id,
        _numbers_of(staff, measures),
        action_id,
        _numbers_of(staff, measures, duty=True),
    )


def _numbers_of(staff: Staff, rows: Sequence[Any], *, duty: bool = False) -> list[int]:
    """From rows of `_MEASURE_COLUMNS` (own, pinned, any_pin): the numbers that are theirs."""
    pinned = {row.number for row in rows if row.pinned} if rows and rows[0].any_pin else None
    return [
        row.number
        for row in reports_on(staff, list(rows), pinned, lambda row, _: row.own, duty=duty)
    ]


def is_on_leave(staff: Staff, today: date, meeting_day: date | None = None) -> bool:
    """Away today; with `meeting_day`, also away on that day (a leave booked over the
    meeting: the person is not counted as missing that month's report)."""
    until, start = staff.on_leave_until, staff.on_leave_from
    if until is None:
        return False
    return any(
        (start is None or start <= day) and day <= until
        for day in (today, meeting_day)
        if day is not None
    )


def memberships(session: Session, line_user_id: str) -> list[Staff]:
    """The active staff rows of one LINE user in every agency the unit of work sees (a
    person who works for two agencies whose channels share a provider), by agency."""
    return list(
        session.exec(
            select(Staff)
            .where(col(Staff.line_user_id) == line_user_id, col(Staff.active))
            .order_by(col(Staff.agency_id))
        )
    )
