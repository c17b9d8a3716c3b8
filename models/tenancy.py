"""The second wall between agencies: PostgreSQL row-level security (docs/TENANCY.md,
"Two walls").

A unit of work for one agency starts with `scope(session, agency_id)`, which sets
`app.agency_id` for that transaction only (`set_config(…, true)`, as `SET LOCAL` does:
gone at commit or rollback, so a pooled connection never carries one agency's scope into
the next unit of work). A table under `row_security` then shows and takes only that
agency's rows, and nothing at all to a transaction that forgot its scope. Superusers and
the tables' owner bypass policies unless forced; the app connects as a role that is
neither (the owner is forced too). SQLite has no such wall: `scope` does nothing there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection, column, event, text
from sqlalchemy.orm import ORMExecuteState, with_loader_criteria
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Field, Session, SQLModel

from models.base import metadata  # noqa: F401  (the naming convention must come first)

#: the setting a transaction's agency is kept in
SETTING = "app.agency_id"

#: the setting's value for a unit of work over every agency (the scheduler, the sender)
ALL = "all"

#: the agency of the transaction as text: NULL when unset, '' once set and ended in this
#: session, 'all' for a deployment-wide unit of work (compared as text, so 'all' is no cast
#: error)
_CURRENT = f"current_setting('{SETTING}', true)"
_VISIBLE = f"(agency_id::text = {_CURRENT} OR {_CURRENT} = '{ALL}')"

#: where `Session.info` keeps the unit of work's agency (an int, or ALL)
INFO_KEY = "agency_id"

#: the agency a row gets when written in a unit of work without one: the deployment's own
#: (models.agency.FIRST_AGENCY_ID; a single-agency deployment never says its agency)
DEFAULT_AGENCY_ID = 1


class AgencyOwned(SQLModel):
    """A row that belongs to one agency. Its `agency_id` is filled from the unit of work
    when not given; a unit of work for one agency reads only that agency's rows."""

    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True, nullable=False)


class _AgencyColumn:
    """`cls.__agency__`: a table's `agency_id` column. SQLAlchemy's loader criteria first
    call their lambda with the base class itself, to learn its shape, and a pydantic base
    has no class attribute for a field: it gets a stand-in."""

    def __get__(self, _row: Any, owner: type) -> Any:
        found = getattr(owner, "agency_id", None)
        return column("agency_id") if found is None else found


type.__setattr__(AgencyOwned, "__agency__", _AgencyColumn())


_Keyed = TypeVar("_Keyed", bound=AgencyOwned)


class CrossAgencyWrite(PermissionError):
    """A unit of work for one agency tried to write a row of another."""


def enter(session: Session, agency_id: int | str) -> None:
    """From here on, `session` works for `agency_id` alone (or for every agency, `ALL`):
    its ORM queries of agency-owned rows are filtered to it, its new rows get it, and on
    PostgreSQL the transaction carries it for row-level security."""
    session.info[INFO_KEY] = agency_id
    if session.in_transaction():  # else the transaction, when it begins, takes it
        _set_local(session, str(agency_id))


@contextmanager
def every_agency(session: Session) -> Iterator[None]:
    """For a question about what is shared by every agency (a stored photo's bytes: is any
    agency's evidence still holding them?), the session sees every agency's rows, then its
    own again."""
    before = session.info.get(INFO_KEY)
    enter(session, ALL)
    try:
        yield
    finally:
        if before is None:
            session.info.pop(INFO_KEY, None)
            if session.in_transaction():
                _set_local(session, "")
        else:
            enter(session, before)


def current(session: Session) -> int:
    """The agency of this unit of work (the deployment's own when it has none)."""
    scoped = session.info.get(INFO_KEY)
    return scoped if isinstance(scoped, int) else DEFAULT_AGENCY_ID


def get(session: Session, model: type[_Keyed], key: Any) -> _Keyed | None:
    """The row of a table keyed by (agency, `key`) (a setting, a day off, a LINE user or
    group), of this unit of work's agency."""
    return session.get(model, (current(session), key))


def _set_local(session: Session | Connection, value: str) -> None:
    dialect = session.get_bind().dialect if isinstance(session, Session) else session.dialect
    if dialect.name != "postgresql":
        return
    session.execute(
        text("SELECT set_config(:name, :value, true)"), {"name": SETTING, "value": value}
    )


@event.listens_for(OrmSession, "do_orm_execute")
def _only_its_agency(state: ORMExecuteState) -> None:
    """Every ORM SELECT, UPDATE and DELETE of a unit of work for one agency sees only that
    agency's rows (relationship and column loads follow from a row already scoped)."""
    scoped = state.session.info.get(INFO_KEY)
    if not isinstance(scoped, int) or state.is_column_load or state.is_relationship_load:
        return
    if state.is_select or state.is_update or state.is_delete:
        state.statement = state.statement.options(
            with_loader_criteria(
                AgencyOwned, lambda cls: cls.__agency__ == scoped, include_aliases=True
            )
        )


@event.listens_for(OrmSession, "after_begin")
def _transaction_carries_agency(session: OrmSession, _transaction: Any, connection: Any) -> None:
    """A new transaction of a scoped session carries its agency again (PostgreSQL)."""
    scoped = session.info.get(INFO_KEY)
    if scoped is not None:
        _set_local(connection, str(scoped))


@event.listens_for(OrmSession, "before_flush")
def _new_rows_take_its_agency(session: OrmSession, _context: Any, _instances: Any) -> None:
    scoped = session.info.get(INFO_KEY)
    for row in session.new:
        if not isinstance(row, AgencyOwned):
            continue
        if row.agency_id is None:
            row.agency_id = scoped if isinstance(scoped, int) else DEFAULT_AGENCY_ID
        elif isinstance(scoped, int) and row.agency_id != scoped:
            raise CrossAgencyWrite(f"{type(row).__name__} of agency {row.agency_id} in {scoped}")


#: the policy's name on every agency-owned table
POLICY = "agency_isolation"


def scope(session: Session | Connection, agency_id: int) -> None:
    """This transaction acts for `agency_id` alone (PostgreSQL; nothing on SQLite)."""
    _set_local(session, str(int(agency_id)))


def row_security(table: str) -> list[str]:
    """The statements that put `table` (with its `agency_id` column) behind the wall:
    for the migration that gives every agency-owned table its agency."""
    return [
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
        f'CREATE POLICY {POLICY} ON "{table}" USING {_VISIBLE} WITH CHECK {_VISIBLE}',
    ]
