"""Slow clients cannot starve the bot (issue 15, finding 2).

The webhook used to count a request as in flight before reading its body, and the inbox
work waits for a moment with nothing in flight (ack_first.py): one connection sending a
100 kB body a byte a second held every event back by the gate's whole patience. Now a
request counts only once its body is read and signed by LINE. Here a real server (the
threaded Werkzeug server `serve` runs) holds 16 such connections open while signed
webhooks come in; the gate is given all the patience in the world, so an answer arrives
only if the slow bodies do not count.
"""

from __future__ import annotations

import http.client
import socket
import threading

from fakeline import events as ev
from fakeline.signing import signed_request
from tests.conftest import CHANNEL_SECRET
from tests.support.browser import serving
from tests.support.waiting import wait_until

SLOW = 16
HEADERS = (
    b"POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    b'Content-Length: 100000\r\nX-Line-Signature: c2xvdw==\r\n\r\n{"events": ['
)


def _requests_being_read() -> int:
    """Server threads busy with a request (the threaded server names them so)."""
    return sum("process_request" in t.name for t in threading.enumerate())


def _post(port: int, body: bytes, headers: dict[str, str], path: str = "/callback") -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("POST" if body else "GET", path, body=body or None, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_signed_webhooks_are_answered_while_16_slow_bodies_are_open(
    app, services, fake_line, clock
) -> None:
    services.ack_first.patience = 600.0  # the work waits for a lull as long as it takes
    with serving(app) as url:
        port = int(url.rsplit(":", 1)[1])
        slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(SLOW)]
        try:
            for connection in slow:
                connection.sendall(HEADERS)  # and then a byte now and then, never the rest
            wait_until(lambda: _requests_being_read() >= SLOW, 20, "the server took them")
            for n in range(5):
                user = f"Uslowpeer{n}"
                event = ev.text(user, "ช่วยเหลือ", timestamp_ms=int(clock.now().timestamp() * 1000))
                fake_line.expect([event])
                body, headers = signed_request([event], CHANNEL_SECRET)
                assert _post(port, body, headers) == 200
                for connection in slow:
                    connection.sendall(b" ")
                assert fake_line.wait_for(lambda f, u=user: bool(f.messages_to(u)), timeout=30), (
                    f"event {n} answered while {SLOW} slow bodies are open"
                )
            assert _post(port, b"", {}, "/healthz") == 200
            assert _requests_being_read() >= SLOW  # they were open all along
        finally:
            for connection in slow:
                connection.close()


def test_an_unsigned_or_slow_request_is_not_in_flight(app, services) -> None:
    """The gate sees a request only from its signed body on: not while the body comes in,
    not at all when the signature is wrong."""
    gate = services.ack_first
    with serving(app) as url:
        port = int(url.rsplit(":", 1)[1])
        slow = socket.create_connection(("127.0.0.1", port))
        try:
            slow.sendall(HEADERS)
            wait_until(lambda: _requests_being_read() >= 1, 20, "the server took it")
            body = b'{"events": []}'
            forged = {"Content-Type": "application/json", "X-Line-Signature": "Zm9yZ2Vk"}
            assert _post(port, body, forged) == 400
            assert gate.wait_for_lull(), "nothing in flight: the slow body and the forgery"
        finally:
            slow.close()
