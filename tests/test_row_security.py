"""The second wall (models/tenancy.py): on PostgreSQL, a transaction scoped to an agency
sees and writes only that agency's rows, one that forgot its scope sees nothing, and a
deployment-wide one ('all') sees every agency's. Every agency-owned table but the inbox is
behind it after the migrations; shown with rows on staff and settings, in a database of its
own, as a role that is neither superuser nor owner (as the app connects for many agencies)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import ProgrammingError

from models.base import metadata
from models.db import Database
from models.tenancy import ALL, scope
from tests.test_migrations import empty_postgres  # noqa: F401  (fixture)

STAFF = text(
    "INSERT INTO staff (name, role, active, created_at, agency_id)"
    " VALUES (:name, 'staff', true, now(), :agency)"
)

#: agency-owned tables that are not behind the wall, and why
UNWALLED = {"inboxevent": "the webhook writes it in one autocommit statement"}


def _owned_tables() -> set[str]:
    return {
        table.name
        for table in metadata.sorted_tables
        if "agency_id" in table.c and table.name != "agency"
    }


@pytest.fixture
def walled(empty_postgres: str) -> Iterator[tuple[str, str]]:  # noqa: F811
    """The schema, agencies 2 and 3 with a staff member and a setting each, an app role."""
    database = Database(empty_postgres)
    database.upgrade()
    role = f"tidtam_app_{uuid.uuid4().hex[:8]}"
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO agency (slug, name, state, created_at) VALUES"
                " ('b-town', 'B', 'connected', now()), ('c-town', 'C', 'connected', now())"
            )
        )
        for agency, name in ((2, "Bee"), (3, "Cee")):
            connection.execute(STAFF, {"name": name, "agency": agency})
            connection.execute(
                text("INSERT INTO appsetting (agency_id, key, value) VALUES (:a, 'k', '1')"),
                {"a": agency},
            )
        connection.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
        connection.execute(
            text(f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO "{role}"')
        )
        connection.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
    database.dispose()
    yield empty_postgres, role
    admin = create_engine(empty_postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP OWNED BY "{role}"'))
    with admin.connect() as connection:
        connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


def _as_app(connection: Connection, role: str, agency_id: int | str | None) -> None:
    connection.execute(text(f'SET LOCAL ROLE "{role}"'))
    if agency_id is not None:
        connection.execute(
            text("SELECT set_config('app.agency_id', :v, true)"), {"v": str(agency_id)}
        )


def _names(connection: Connection) -> list[str]:
    return list(connection.execute(text("SELECT name FROM staff ORDER BY id")).scalars())


def test_every_agency_owned_table_is_behind_the_wall(walled: tuple[str, str]) -> None:
    url, _role = walled
    assert {"staff", "plan", "report", "suggestion", "outboxmessage"} <= _owned_tables()
    engine = create_engine(url)
    with engine.connect() as connection:
        walled_tables = set(
            connection.execute(
                text(
                    "SELECT c.relname FROM pg_class c JOIN pg_policies p"
                    " ON p.tablename = c.relname AND p.policyname = 'agency_isolation'"
                    " WHERE c.relrowsecurity"
                )
            ).scalars()
        )
    engine.dispose()
    assert walled_tables == _owned_tables() - set(UNWALLED)


def test_a_scoped_transaction_sees_and_writes_only_its_agencys_rows(
    walled: tuple[str, str],
) -> None:
    url, role = walled
    engine = create_engine(url)
    with engine.begin() as connection:
        _as_app(connection, role, 2)
        assert _names(connection) == ["Bee"]
        assert connection.execute(text("SELECT count(*) FROM appsetting")).scalar() == 1
        updated = connection.execute(text("UPDATE staff SET active = false")).rowcount
        assert updated == 1  # C's row is not even seen
        connection.execute(STAFF, {"name": "Bee 2", "agency": 2})
    with engine.begin() as connection:
        _as_app(connection, role, 3)
        assert _names(connection) == ["Cee"]
    with pytest.raises(ProgrammingError, match="row-level security"), engine.begin() as connection:
        _as_app(connection, role, 2)
        connection.execute(STAFF, {"name": "Intruder", "agency": 3})
    with engine.begin() as connection:  # the deployment-wide unit of work sees all
        _as_app(connection, role, ALL)
        assert _names(connection) == ["Bee", "Cee", "Bee 2"]
    engine.dispose()


def test_a_transaction_that_forgot_its_scope_sees_nothing_and_the_scope_ends_with_it(
    walled: tuple[str, str],
) -> None:
    url, role = walled
    engine = create_engine(url, pool_size=1, max_overflow=0)  # the same connection each time
    with engine.begin() as connection:
        _as_app(connection, role, 2)
        assert _names(connection) == ["Bee"]
    with engine.begin() as connection:  # the pooled connection, its scope gone
        _as_app(connection, role, None)
        assert _names(connection) == []
        assert connection.execute(text("UPDATE staff SET active = false")).rowcount == 0
    with pytest.raises(ProgrammingError, match="row-level security"), engine.begin() as connection:
        _as_app(connection, role, None)
        connection.execute(STAFF, {"name": "Nobody's", "agency": 2})
    with engine.begin() as connection:  # the owner (here a superuser) is not the app
        assert _names(connection) == ["Bee", "Cee"]
    engine.dispose()


def test_a_scoped_session_carries_its_agency_to_the_database(walled: tuple[str, str]) -> None:
    """`Database.session(agency_id=…)` is what the app's units of work use: the wall sees
    the agency it names, in every transaction of the session."""
    url, role = walled
    database = Database(url)
    with database.session(agency_id=3) as session:
        session.execute(text(f'SET LOCAL ROLE "{role}"'))
        assert list(session.execute(text("SELECT name FROM staff")).scalars()) == ["Cee"]
    database.dispose()


def test_scope_does_nothing_on_sqlite(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'one.sqlite3'}")
    database.upgrade()
    with database.session() as session:
        scope(session, 2)  # no error, no wall: SQLite is for one agency
    database.dispose()
