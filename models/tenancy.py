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

from sqlalchemy import Connection, text
from sqlmodel import Session

#: the setting a transaction's agency is kept in
SETTING = "app.agency_id"

#: the agency of the transaction, NULL when unset ('' once set and ended in this session)
_CURRENT = f"NULLIF(current_setting('{SETTING}', true), '')::integer"

#: the policy's name on every agency-owned table
POLICY = "agency_isolation"


def scope(session: Session | Connection, agency_id: int) -> None:
    """This transaction acts for `agency_id` alone (PostgreSQL; nothing on SQLite)."""
    dialect = session.get_bind().dialect if isinstance(session, Session) else session.dialect
    if dialect.name != "postgresql":
        return
    session.execute(
        text("SELECT set_config(:name, :value, true)"),
        {"name": SETTING, "value": str(int(agency_id))},
    )


def row_security(table: str) -> list[str]:
    """The statements that put `table` (with its `agency_id` column) behind the wall:
    for the migration that gives every agency-owned table its agency."""
    return [
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY',
        f'CREATE POLICY {POLICY} ON "{table}"'
        f" USING (agency_id = {_CURRENT}) WITH CHECK (agency_id = {_CURRENT})",
    ]
