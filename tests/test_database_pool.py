"""Pooled PostgreSQL connections: pinged before use only after lying idle."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from models import db


@pytest.fixture
def postgres(database_url) -> str:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no connections to lose")
    return database_url


def _engine(url: str, monkeypatch, idle: float):
    monkeypatch.setattr(db, "PING_AFTER_IDLE", idle)
    return db.make_engine(url)


def _backend(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _kill(url: str, pid: int) -> None:
    """The server drops that connection (as in a restart), from outside the pool."""
    other = create_engine(url, isolation_level="AUTOCOMMIT")
    with other.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    other.dispose()


def test_a_connection_that_died_while_idle_is_replaced_before_use(postgres, monkeypatch) -> None:
    engine = _engine(postgres, monkeypatch, idle=0.0)  # any idle time is beyond the window
    first = _backend(engine)
    _kill(postgres, first)
    assert _backend(engine) != first  # pinged at checkout, found dead, replaced
    engine.dispose()


def test_a_connection_used_a_moment_ago_is_not_pinged(postgres, monkeypatch) -> None:
    """The price of skipping the ping: a server gone within the window shows as one error,
    and the pool is made new for what follows."""
    engine = _engine(postgres, monkeypatch, idle=30.0)
    first = _backend(engine)
    _kill(postgres, first)
    with pytest.raises(DBAPIError) as raised:
        _backend(engine)
    assert raised.value.connection_invalidated
    assert _backend(engine) != first
    engine.dispose()
