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
