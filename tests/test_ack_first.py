"""The gate that lets a web process answer LINE before it works off the inbox."""

from __future__ import annotations

import threading
import time

from ack_first import AckFirst


def test_no_request_in_flight_is_a_lull_at_once() -> None:
    gate = AckFirst(patience=5.0)
    started = time.monotonic()
    assert gate.wait_for_lull()
    assert time.monotonic() - started < 0.5


def test_the_wait_ends_when_the_last_request_is_answered() -> None:
    gate = AckFirst(patience=5.0)
    answered = threading.Event()

    def two_requests() -> None:
        with gate.acknowledging(), gate.acknowledging():
            answered.wait(5)
            time.sleep(0.2)

    requests = threading.Thread(target=two_requests)
    requests.start()
    time.sleep(0.05)
    answered.set()
    started = time.monotonic()
    assert gate.wait_for_lull()
    waited = time.monotonic() - started
    requests.join()
    assert 0.1 < waited < 2.0


def test_patience_runs_out_under_requests_that_never_end() -> None:
    gate = AckFirst(patience=0.1)
    with gate.acknowledging():
        started = time.monotonic()
        assert not gate.wait_for_lull()
        assert 0.09 < time.monotonic() - started < 2.0
    assert gate.wait_for_lull()


def test_a_request_that_fails_still_counts_as_answered() -> None:
    gate = AckFirst(patience=5.0)
    try:
        with gate.acknowledging():
            raise RuntimeError("the database went away")
    except RuntimeError:
        pass
    started = time.monotonic()
    assert gate.wait_for_lull()
    assert time.monotonic() - started < 0.5


def test_a_lull_is_a_moment_without_requests_not_only_none_in_flight() -> None:
    gate = AckFirst(patience=5.0, quiet=0.3)
    with gate.acknowledging():
        pass
    started = time.monotonic()
    assert gate.wait_for_lull()
    assert 0.25 < time.monotonic() - started < 2.0


def test_a_worker_process_hears_of_requests_answered_elsewhere() -> None:
    gate = AckFirst(patience=5.0, quiet=0.3)
    gate.heard()
    started = time.monotonic()
    assert gate.wait_for_lull()
    assert 0.25 < time.monotonic() - started < 2.0


def test_requests_that_keep_coming_leave_no_lull() -> None:
    gate = AckFirst(patience=0.5, quiet=0.1)
    stop = threading.Event()

    def burst() -> None:
        while not stop.is_set():
            gate.heard()
            time.sleep(0.01)

    requests = threading.Thread(target=burst)
    requests.start()
    try:
        started = time.monotonic()
        assert not gate.wait_for_lull()
        assert 0.45 < time.monotonic() - started < 3.0
    finally:
        stop.set()
        requests.join()
