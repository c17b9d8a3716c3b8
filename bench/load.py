"""The benchmark's load: signed webhook posts made beforehand, sent over kept-alive sockets.

The load runs on the same two cores as the server it measures, so it must cost little:
every request is built and signed before the clock starts, and a post is one `sendall`
and the reading of a short answer (status line, headers, body by Content-Length), with
none of `http.client`'s objects. The server gets the cores; the load takes what is left.
"""

from __future__ import annotations

import socket
from typing import Any

from fakeline.signing import signed_request


def webhook_request(events: list[dict[str, Any]], secret: str, port: int) -> bytes:
    """The whole HTTP/1.1 request for `POST /callback`, signed as LINE signs it."""
    body, headers = signed_request(events, secret)
    lines = [
        "POST /callback HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        *(f"{name}: {value}" for name, value in headers.items()),
        f"Content-Length: {len(body)}",
        "",
        "",
    ]
    return "\r\n".join(lines).encode() + body


class Connection:
    """One kept-alive connection to the server under test."""

    def __init__(self, port: int, timeout: float = 60.0) -> None:
        self._socket = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._buffer = b""

    def post(self, request: bytes) -> int:
        """Send a request made by `webhook_request`; its status, once the answer is read."""
        self._socket.sendall(request)
        while b"\r\n\r\n" not in self._buffer:
            self._receive()
        head, _, rest = self._buffer.partition(b"\r\n\r\n")
        length = _content_length(head)
        while len(rest) < length:
            self._receive()
            head, _, rest = self._buffer.partition(b"\r\n\r\n")
        self._buffer = rest[length:]
        return int(head[9:12])

    def close(self) -> None:
        self._socket.close()

    def _receive(self) -> None:
        chunk = self._socket.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self._buffer += chunk


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    raise ValueError("an answer without Content-Length")
