"""The gate that lets a web process answer LINE before it works off the inbox."""

from __future__ import annotations

import threading
import time

from ack_first import AckFirst
from tests.support.waiting import wait_until


def test_no_request_in_flight_is_a_lull_at_once() -> None:
    gate = AckFirst(patience=60.0)  # a wait for patience would fail the test's time-out
    assert gate.wait_for_lull()
    assert gate.waiting == 0


def test_the_wait_ends_when_the_last_request_is_answered() -> None:
    gate = AckFirst(patience=60.0)
    in_flight, answer = threading.Event(), threading.Event()
    said: list[str] = []

    def two_requests() -> None:
        with gate.acknowledging(), gate.acknowledging():
            in_flight.set()
            answer.wait(15)
            said.append("answered")

    requests = threading.Thread(target=two_requests)
    requests.start()
    assert in_flight.wait(15)
    lull: list[tuple[bool, list[str]]] = []
    waiter = threading.Thread(target=lambda: lull.append((gate.wait_for_lull(), list(said))))
    waiter.start()
    wait_until(lambda: gate.waiting == 1, what="the work waits for the requests")
    assert lull == []
    answer.set()
    waiter.join(15)
    requests.join(15)
    assert lull == [(True, ["answered"])]  # a lull, found once both were answered


def test_patience_runs_out_under_requests_that_never_end() -> None:
    gate = AckFirst(patience=0.1)
    with gate.acknowledging():
        started = time.monotonic()
        assert not gate.wait_for_lull()
        assert time.monotonic() - started >= 0.09  # it waited out its patience
    assert gate.wait_for_lull()


def test_a_request_that_fails_still_counts_as_answered() -> None:
    gate = AckFirst(patience=60.0)
    try:
        with gate.acknowledging():
            raise RuntimeError("the database went away")
    except RuntimeError:
        pass
    assert gate.wait_for_lull()


def test_a_lull_is_a_moment_without_requests_not_only_none_in_flight() -> None:
    gate = AckFirst(patience=5.0, quiet=0.3)
    with gate.acknowledging():
        pass
    started = time.monotonic()
    assert gate.wait_for_lull()
    assert time.monotonic() - started >= 0.25  # a moment without requests


def test_a_worker_process_hears_of_requests_answered_elsewhere() -> None:
    gate = AckFirst(patience=5.0, quiet=0.3)
    gate.heard()
    started = time.monotonic()
    assert gate.wait_for_lull()
    assert time.monotonic() - started >= 0.25  # a moment without requests


def test_requests_that_keep_coming_leave_no_lull() -> None:
    gate = AckFirst(patience=0.5, quiet=0.1)
    stop = threading.Event()

    def burst() -> None:
        while not stop.is_set():  # a request heard of without pause
            gate.heard()

    requests = threading.Thread(target=burst)
    requests.start()
    try:
        started = time.monotonic()
        assert not gate.wait_for_lull()
        assert time.monotonic() - started >= 0.45  # only patience ended it
    finally:
        stop.set()
        requests.join()
