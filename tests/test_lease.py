"""Leases: one holder at a time; a dead process of this machine holds nothing."""

from __future__ import annotations

import socket
import subprocess
import sys
from datetime import timedelta

from models.lease import acquire

TTL = timedelta(seconds=90)


def _holder(pid: int, host: str | None = None) -> str:
    return f"{host or socket.gethostname()}:{pid}:1f"


def test_a_live_holder_keeps_its_lease_until_it_runs_out(services, clock) -> None:
    # a process that lives until its input is closed (leaving the block closes it)
    with subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    ) as alive:
        with services.db.session() as session:
            assert acquire(session, "chat:U1", _holder(alive.pid), clock.now(), TTL)
        with services.db.session() as session:
            assert not acquire(session, "chat:U1", "me", clock.now(), TTL)
        clock.advance(seconds=91)
        with services.db.session() as session:
            assert acquire(session, "chat:U1", "me", clock.now(), TTL)


def test_a_holder_that_died_on_this_machine_is_taken_over_at_once(services, clock) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # gone, and reaped
    with services.db.session() as session:
        assert acquire(session, "chat:U2", _holder(dead.pid), clock.now(), TTL)
    with services.db.session() as session:
        assert acquire(session, "chat:U2", "me", clock.now(), TTL)


def test_a_holder_on_another_machine_is_left_to_its_lease(services, clock) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with services.db.session() as session:
        assert acquire(session, "chat:U3", _holder(dead.pid, "another-host"), clock.now(), TTL)
    with services.db.session() as session:
        assert not acquire(session, "chat:U3", "me", clock.now(), TTL)
