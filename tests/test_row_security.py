"""The second wall (models/tenancy.py): on PostgreSQL, a transaction scoped to an agency
sees and writes only that agency's rows, and one that forgot its scope sees nothing. Shown
on the inbox, the one table that has its agency so far, in a database of its own, as a
role that is neither superuser nor owner (as the app will connect)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import ProgrammingError

from models.db import Database
from models.tenancy import row_security, scope
from tests.test_migrations import empty_postgres  # noqa: F401  (fixture)

INSERT = text(
    "INSERT INTO inboxevent (webhook_event_id, chat_key, event_type, timestamp_ms, redelivery,"
    " payload, received_at, status, attempts, agency_id)"
    " VALUES (:id, :chat, 'follow', 1, false, '{}', now(), 'held', 0, :agency)"
)


@pytest.fixture
def walled(empty_postgres: str) -> Iterator[tuple[str, str]]:  # noqa: F811
    """The schema, agencies 2 and 3, the inbox behind the wall, and an app role."""
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
        for statement in row_security("inboxevent"):
            connection.execute(text(statement))
        connection.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
        connection.execute(text(f'GRANT SELECT, INSERT, UPDATE ON inboxevent TO "{role}"'))
        connection.execute(text(f'GRANT USAGE ON SEQUENCE inboxevent_id_seq TO "{role}"'))
    database.dispose()
    yield empty_postgres, role
    admin = create_engine(empty_postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP OWNED BY "{role}"'))
    with admin.connect() as connection:
        connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


def _as_app(connection: Connection, role: str, agency_id: int | None) -> None:
    connection.execute(text(f'SET LOCAL ROLE "{role}"'))
    if agency_id is not None:
        scope(connection, agency_id)


def _chats(connection: Connection) -> list[str]:
    return list(connection.execute(text("SELECT chat_key FROM inboxevent ORDER BY id")).scalars())


def test_a_scoped_transaction_sees_and_writes_only_its_agencys_rows(
    walled: tuple[str, str],
) -> None:
    url, role = walled
    engine = create_engine(url)
    for agency, chat in ((2, "U-b"), (3, "U-c")):
        with engine.begin() as connection:
            _as_app(connection, role, agency)
            connection.execute(INSERT, {"id": uuid.uuid4().hex, "chat": chat, "agency": agency})
    with engine.begin() as connection:
        _as_app(connection, role, 2)
        assert _chats(connection) == ["U-b"]
        updated = connection.execute(text("UPDATE inboxevent SET attempts = 1")).rowcount
        assert updated == 1  # C's row is not even seen
    with engine.begin() as connection:
        _as_app(connection, role, 3)
        assert _chats(connection) == ["U-c"]
    with pytest.raises(ProgrammingError, match="row-level security"), engine.begin() as connection:
        _as_app(connection, role, 2)
        connection.execute(INSERT, {"id": uuid.uuid4().hex, "chat": "U-x", "agency": 3})
    engine.dispose()


def test_a_transaction_that_forgot_its_scope_sees_nothing_and_the_scope_ends_with_it(
    walled: tuple[str, str],
) -> None:
    url, role = walled
    engine = create_engine(url, pool_size=1, max_overflow=0)  # the same connection each time
    with engine.begin() as connection:
        _as_app(connection, role, 2)
        connection.execute(INSERT, {"id": uuid.uuid4().hex, "chat": "U-b", "agency": 2})
        assert _chats(connection) == ["U-b"]
    with engine.begin() as connection:  # the pooled connection, its scope gone
        _as_app(connection, role, None)
        assert _chats(connection) == []
        assert connection.execute(text("UPDATE inboxevent SET attempts = 1")).rowcount == 0
    with engine.begin() as connection:  # the owner (here a superuser) is not the app
        assert _chats(connection) == ["U-b"]
    engine.dispose()


def test_scope_does_nothing_on_sqlite(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'one.sqlite3'}")
    database.upgrade()
    with database.session() as session:
        scope(session, 2)  # no error, no wall: SQLite is for one agency
    database.dispose()
