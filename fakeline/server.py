"""A fake LINE platform on 127.0.0.1 that the real SDK talks HTTP to.

It answers like LINE: schema-valid bodies, 400 for a reply token used twice, 409 with
`x-line-accepted-request-id` for a push whose retry key was already accepted. It records
every request, and a test can tell it to fail (5xx, 429) or to be slow (time-outs).
Demo mode runs one in-process; the simulator shows what it recorded. LINE Login (the
console's sign-in) is `fakeline/login.py`, reached through the same server.

It holds one channel, which takes any access token, until a test adds channels
(`add_channel`): from then on every Messaging API call must carry the token of a channel
that is not revoked (401 otherwise, as LINE answers), replies and pushes to a chat of
another channel are 401 too, and each channel has its own bot (`GET /v2/bot/info`) and
webhook (`PUT/GET /v2/bot/channel/webhook/endpoint`, `POST …/webhook/test`, which POSTs
a signed body without events to the webhook, as LINE's Verify button does).
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from fakeline.login import FakeLogin
from fakeline.signing import sign

MAX_MESSAGES = 5
MAX_MULTICAST = 500
#: a 1×1 PNG, the content of any message the test did not give content for
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63f8cfc0f01f0005000201a5b1f8a40000000049454e44ae426082"
)


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    status: int = 0
    at: float = field(default_factory=time.monotonic)

    @property
    def retry_key(self) -> str | None:
        return self.headers.get("x-line-retry-key")


@dataclass
class Delivered:
    """A message that reached a chat, as the simulator shows it."""

    seq: int
    to: str
    via: str  # reply, push, multicast
    message: dict[str, Any]
    at: float = field(default_factory=time.time)
    channel: str = "default"  # the name of the channel whose token sent it


#: the bot user ID of the one channel a fake has until channels are added; the
#: `destination` that fakeline.signing puts in a webhook body by default
DEFAULT_BOT_USER_ID = "Udestination0000"

#: what LINE answers a token it does not know, or one revoked
UNAUTHORIZED = {
    "message": "Authentication failed due to the following reason: invalid token. "
    "Confirm that the access token in the authorization header is valid."
}


@dataclass
class Channel:
    """A Messaging API channel: its token and secret, its bot, its webhook."""

    name: str
    access_token: str
    secret: str
    bot_user_id: str
    basic_id: str
    display_name: str
    webhook_url: str = ""
    webhook_active: bool = False
    revoked: bool = False
    pushed_count: int = 0
    chats: set[str] = field(default_factory=set)  # users, groups and rooms it has met


@dataclass
class Streamed:
    """Content made as it is sent, in chunks: a 200 MB video without holding 200 MB. What
    went out before the client hung up is counted in `sent`; `done` once it stopped."""

    message_id: str
    size: int
    content_type: str
    declare_length: bool  # a Content-Length header, or chunked transfer without one
    chunk: int = 64 * 1024
    sent: int = 0
    done: bool = False


@dataclass
class _Failure:
    pattern: str
    status: int
    times: int
    delay: float = 0.0


class FakeLine:
    def __init__(self, *, quota: int = 500, basic_id: str = "@tidtam-fake") -> None:
        self.quota = quota
        self.basic_id = basic_id  # the Official Account's basic ID (GET /v2/bot/info)
        self._lock = threading.RLock()  # wait_for's predicate reads under the condition's lock
        self._cond = threading.Condition(self._lock)
        self._failures: list[_Failure] = []
        self._seq = itertools.count(1)
        self.login = FakeLogin(self)
        self.reset()
        self._server: ThreadingHTTPServer | None = None

    # -- life --------------------------------------------------------------------------

    def start(self) -> FakeLine:
        fake = self

        class Handler(_Handler):
            platform = fake

        server = _QuietServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        threading.Thread(target=server.serve_forever, name="fake-line", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        assert self._server, "start() first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def reset(self) -> None:
        with self._lock:
            self.requests: list[Recorded] = []
            self.delivered: list[Delivered] = []
            self.contents: dict[str, tuple[bytes, str]] = {}
            self.streams: dict[str, Streamed] = {}
            self.profiles: dict[str, str] = {}
            self.rich_menus: dict[str, dict[str, Any]] = {}
            self.rich_menu_images: dict[str, bytes] = {}
            self.user_rich_menus: dict[str, str] = {}
            self.default_rich_menu: str | None = None
            self.reply_tokens: dict[str, str] = {}
            self.reply_token_channels: dict[str, str] = {}
            self.used_reply_tokens: set[str] = set()
            self.accepted_retry_keys: dict[str, str] = {}
            self.pushed_count = 0
            self._failures = []
            self.channels: dict[str, Channel] = {}  # by name; none: one channel, any token
            self.default_channel = Channel(
                "default", "", "", DEFAULT_BOT_USER_ID, self.basic_id, "Tidtam"
            )
            self.login.reset()

    # -- what a test controls ----------------------------------------------------------

    def fail(self, pattern: str, status: int = 500, *, times: int = 1, delay: float = 0.0) -> None:
        """The next `times` requests whose path matches `pattern` answer `status` (after `delay`).

        status 200 with a delay is a slow answer that still succeeds (a client time-out
        then sees nothing, but LINE did accept it).
        """
        with self._lock:
            self._failures.append(_Failure(pattern, status, times, delay))

    def add_channel(
        self,
        name: str,
        *,
        secret: str | None = None,
        access_token: str | None = None,
        bot_user_id: str | None = None,
        basic_id: str | None = None,
        display_name: str | None = None,
    ) -> Channel:
        """A channel of its own; from the first one on, tokens are checked."""
        channel = Channel(
            name,
            access_token or f"token-{name}-{secrets.token_hex(8)}",
            secret or f"secret-{name}-{secrets.token_hex(8)}",
            bot_user_id or "U" + secrets.token_hex(16),
            basic_id or f"@{secrets.token_hex(4)}",
            display_name or name,
        )
        with self._lock:
            self.channels[name] = channel
        return channel

    def revoke(self, name: str) -> None:
        """The channel's token stops working (reissued, or the channel deleted)."""
        with self._lock:
            self.channels[name].revoked = True

    def expect(self, events: list[dict[str, Any]], channel: str | None = None) -> None:
        """Learn the reply tokens of events about to be sent to the bot, and their chats
        (with `channel`: that channel's bot is the one they are sent to)."""
        with self._lock:
            for event in events:
                source = event.get("source", {})
                chat = source.get("groupId") or source.get("roomId") or source.get("userId", "")
                if channel is not None and chat:
                    self.channels[channel].chats.add(chat)
                token = event.get("replyToken")
                if token:
                    self.reply_tokens[token] = chat
                    if channel is not None:
                        self.reply_token_channels[token] = channel

    def set_content(self, message_id: str, data: bytes, content_type: str = "image/jpeg") -> None:
        with self._lock:
            self.contents[message_id] = (data, content_type)

    def set_content_stream(
        self,
        message_id: str,
        size: int,
        content_type: str = "video/mp4",
        *,
        declare_length: bool = False,
    ) -> Streamed:
        """Big content, made while it is sent: with its length declared, or chunked without
        one (the client can only find the size by reading). The returned record says how
        many bytes went out before the client stopped reading."""
        stream = Streamed(message_id, size, content_type, declare_length)
        with self._lock:
            self.streams[message_id] = stream
        return stream

    # -- what a test reads -------------------------------------------------------------

    def requests_to(self, path_part: str, *, ok_only: bool = False) -> list[Recorded]:
        with self._lock:
            return [
                r
                for r in self.requests
                if path_part in r.path and (not ok_only or 200 <= r.status < 300)
            ]

    def messages_to(self, chat_id: str) -> list[Delivered]:
        with self._lock:
            return [d for d in self.delivered if d.to == chat_id]

    def delivered_since(self, seq: int) -> list[Delivered]:
        with self._lock:
            return [d for d in self.delivered if d.seq > seq]

    def rich_menu_for(self, user_id: str) -> tuple[str, dict[str, Any], bytes] | None:
        """The rich menu LINE shows this user: the one linked to them, else the default."""
        with self._lock:
            menu_id = self.user_rich_menus.get(user_id)
            if menu_id not in self.rich_menus:
                menu_id = self.default_rich_menu
            if menu_id not in self.rich_menus:
                return None
            return menu_id, self.rich_menus[menu_id], self.rich_menu_images.get(menu_id, b"")

    def rich_menu_image(self, menu_id: str) -> bytes:
        with self._lock:
            return self.rich_menu_images.get(menu_id, b"")

    @property
    def last_seq(self) -> int:
        with self._lock:
            return self.delivered[-1].seq if self.delivered else 0

    def wait_for(self, predicate: Callable[[FakeLine], bool], timeout: float = 10.0) -> bool:
        """Replies come from worker threads: poll until `predicate` holds or time runs out."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.05))
        return True

    # -- the platform ------------------------------------------------------------------

    def _failure_for(self, path: str) -> _Failure | None:
        with self._lock:
            for failure in self._failures:
                if failure.times > 0 and re.search(failure.pattern, path):
                    failure.times -= 1
                    return failure
        return None

    def handle(
        self, method: str, path: str, headers: dict[str, str], raw: bytes
    ) -> tuple[int, dict[str, str], bytes | Any]:
        body: Any = raw
        if headers.get("content-type", "").startswith("application/json") and raw:
            try:
                body = json.loads(raw)
            except ValueError:
                return self._record(
                    method, path, headers, raw, 400, {"message": "The request body has 1 error(s)"}
                )
        failure = self._failure_for(path)
        if failure is None:
            return self._route(method, path, headers, body)
        if failure.status == 200:  # accepted at once, answered late (the client may give up)
            answer = self._route(method, path, headers, body)
            time.sleep(failure.delay)
            return answer
        time.sleep(failure.delay)
        return self._record(
            method, path, headers, body, failure.status, {"message": "fake failure"}
        )

    def _route(
        self, method: str, path: str, headers: dict[str, str], body: Any
    ) -> tuple[int, dict[str, str], Any]:
        if self.login.handles(path):
            return self.login.route(method, path, headers, body)
        path = path.split("?")[0]
        caller = self._caller(headers)
        if caller is None:
            return self._record(method, path, headers, body, 401, UNAUTHORIZED)
        if method == "POST" and path == "/v2/bot/message/reply":
            return self._reply(method, path, headers, body, caller)
        if method == "POST" and path in ("/v2/bot/message/push", "/v2/bot/message/multicast"):
            return self._push(method, path, headers, body, caller)
        if path == "/v2/bot/info" or path.startswith("/v2/bot/channel/webhook/"):
            return self._channel_setup(method, path, headers, body, caller)
        if method == "POST" and path == "/v2/bot/chat/loading/start":
            seconds = body.get("loadingSeconds", 20) if isinstance(body, dict) else 0
            ok = (
                isinstance(body, dict)
                and body.get("chatId")
                and 5 <= seconds <= 60
                and seconds % 5 == 0
            )
            return self._record(
                method, path, headers, body, 202 if ok else 400, {} if ok else {"message": "bad"}
            )
        if method == "GET" and (m := re.fullmatch(r"/v2/bot/message/([^/]+)/content", path)):
            with self._lock:
                stream = self.streams.get(m[1])
                found = self.contents.get(m[1], (TINY_PNG, "image/png"))
            if stream is not None:
                self._record(method, path, headers, None, 200, None)
                return 200, {}, stream
            data, ctype = found
            self._record(method, path, headers, None, 200, None)
            return 200, {"Content-Type": ctype}, data
        if method == "GET" and (m := re.fullmatch(r"/v2/bot/profile/([^/]+)", path)):
            name = self.profiles.get(m[1], "LINE user")
            return self._record(
                method, path, headers, None, 200, {"userId": m[1], "displayName": name}
            )
        if method == "GET" and path == "/v2/bot/message/quota":
            return self._record(
                method, path, headers, None, 200, {"type": "limited", "value": self.quota}
            )
        if method == "GET" and path == "/v2/bot/message/quota/consumption":
            used = caller.pushed_count if self.channels else self.pushed_count  # per channel
            return self._record(method, path, headers, None, 200, {"totalUsage": used})
        return self._rich_menu(method, path, headers, body)

    def _caller(self, headers: dict[str, str]) -> Channel | None:
        """The channel whose token the request carries; None for a token that opens no
        channel (unknown, or revoked). Without added channels, the one that takes any."""
        with self._lock:
            if not self.channels:
                return self.default_channel
            token = headers.get("authorization", "").removeprefix("Bearer ").strip()
            for channel in self.channels.values():
                if secrets.compare_digest(channel.access_token, token):
                    return None if channel.revoked else channel
        return None

    def _foreign(self, chat: str, caller: Channel) -> bool:
        """A chat that another channel's bot is in and the caller's is not."""
        with self._lock:
            return chat not in caller.chats and any(
                chat in other.chats for other in self.channels.values() if other is not caller
            )

    def _channel_setup(
        self, method: str, path: str, headers: dict[str, str], body: Any, caller: Channel
    ) -> tuple[int, dict[str, str], Any]:
        """The bot's own information and its webhook URL: what switching a channel on uses."""
        if method == "GET" and path == "/v2/bot/info":
            info = {
                "userId": caller.bot_user_id,
                "basicId": caller.basic_id,
                "displayName": caller.display_name,
                "chatMode": "bot",
                "markAsReadMode": "auto",
            }
            return self._record(method, path, headers, None, 200, info)
        if path == "/v2/bot/channel/webhook/endpoint" and method == "GET":
            answer = {"endpoint": caller.webhook_url, "active": caller.webhook_active}
            return self._record(method, path, headers, None, 200, answer)
        if path == "/v2/bot/channel/webhook/endpoint" and method == "PUT":
            url = body.get("endpoint") if isinstance(body, dict) else None
            if not isinstance(url, str) or not re.fullmatch(r"https?://\S{1,490}", url):
                return self._record(
                    method, path, headers, body, 400, {"message": "Invalid webhook endpoint URL"}
                )
            with self._lock:
                caller.webhook_url, caller.webhook_active = url, True
            return self._record(method, path, headers, body, 200, {})
        if path == "/v2/bot/channel/webhook/test" and method == "POST":
            url = (body.get("endpoint") if isinstance(body, dict) else None) or caller.webhook_url
            if not url:
                return self._record(
                    method, path, headers, body, 400, {"message": "The webhook URL is not set"}
                )
            return self._record(method, path, headers, body, 200, _test_webhook(url, caller))
        return self._record(method, path, headers, body, 404, {"message": "Not found"})

    def _reply(
        self, method: str, path: str, headers: dict[str, str], body: Any, caller: Channel
    ) -> tuple[int, dict[str, str], Any]:
        token = body.get("replyToken") if isinstance(body, dict) else None
        messages = body.get("messages") if isinstance(body, dict) else None
        if not token or not messages or len(messages) > MAX_MESSAGES:
            return self._record(
                method, path, headers, body, 400, {"message": "The request body has 1 error(s)"}
            )
        with self._lock:
            owner = self.reply_token_channels.get(token)
            if owner is not None and owner != caller.name:
                return self._record(method, path, headers, body, 401, UNAUTHORIZED)
            to = self.reply_tokens.get(token)
            valid = to is not None and token not in self.used_reply_tokens
            if valid:
                self.used_reply_tokens.add(token)
        if to is None or not valid:
            return self._record(
                method, path, headers, body, 400, {"message": "Invalid reply token"}
            )
        self._deliver([to], messages, "reply", caller)
        return self._record(method, path, headers, body, 200, _sent(messages))

    def _push(
        self, method: str, path: str, headers: dict[str, str], body: Any, caller: Channel
    ) -> tuple[int, dict[str, str], Any]:
        multicast = path.endswith("multicast")
        messages = body.get("messages") if isinstance(body, dict) else None
        to: Any = body.get("to") if isinstance(body, dict) else None
        recipients: list[str] = to if multicast else [to]
        if (
            not messages
            or len(messages) > MAX_MESSAGES
            or not to
            or (multicast and (not isinstance(to, list) or len(to) > MAX_MULTICAST))
        ):
            return self._record(
                method, path, headers, body, 400, {"message": "The request body has 1 error(s)"}
            )
        if any(self._foreign(chat, caller) for chat in recipients):
            return self._record(method, path, headers, body, 401, UNAUTHORIZED)
        retry_key = headers.get("x-line-retry-key")
        with self._lock:
            accepted = self.accepted_retry_keys.get(retry_key) if retry_key else None
            if accepted is None:
                request_id = str(uuid.uuid4())
                if retry_key:
                    self.accepted_retry_keys[retry_key] = request_id
        if accepted:
            return self._record(
                method,
                path,
                headers,
                body,
                409,
                {
                    "message": "The retry key is already accepted",
                    "sentMessages": _sent(messages)["sentMessages"],
                },
                extra_headers={"x-line-accepted-request-id": accepted},
            )
        with self._lock:
            self.pushed_count += len(recipients)
            caller.pushed_count += len(recipients)
        self._deliver(recipients, messages, "multicast" if multicast else "push", caller)
        answer = {} if multicast else _sent(messages)
        return self._record(
            method,
            path,
            headers,
            body,
            200,
            answer,
            extra_headers={"x-line-request-id": request_id},
        )

    def _rich_menu(
        self, method: str, path: str, headers: dict[str, str], body: Any
    ) -> tuple[int, dict[str, str], Any]:
        if method == "POST" and path == "/v2/bot/richmenu":
            menu_id = f"richmenu-{uuid.uuid4().hex}"
            with self._lock:
                self.rich_menus[menu_id] = body
            return self._record(method, path, headers, body, 200, {"richMenuId": menu_id})
        if method == "POST" and path == "/v2/bot/richmenu/validate":
            return self._record(method, path, headers, body, 200, {})
        if method == "GET" and path == "/v2/bot/richmenu/list":
            menus = [{"richMenuId": k, **v} for k, v in self.rich_menus.items()]
            return self._record(method, path, headers, None, 200, {"richmenus": menus})
        if (m := re.fullmatch(r"/v2/bot/richmenu/([^/]+)/content", path)) and method == "POST":
            with self._lock:
                self.rich_menu_images[m[1]] = body if isinstance(body, bytes) else b""
            return self._record(method, path, headers, "<image>", 200, {})
        if (m := re.fullmatch(r"/v2/bot/richmenu/([^/]+)", path)) and method == "DELETE":
            with self._lock:
                self.rich_menus.pop(m[1], None)
            return self._record(method, path, headers, None, 200, {})
        if (m := re.fullmatch(r"/v2/bot/user/all/richmenu/([^/]+)", path)) and method == "POST":
            with self._lock:
                self.default_rich_menu = m[1]
            return self._record(method, path, headers, None, 200, {})
        if (m := re.fullmatch(r"/v2/bot/user/([^/]+)/richmenu/([^/]+)", path)) and method == "POST":
            with self._lock:
                self.user_rich_menus[m[1]] = m[2]
            return self._record(method, path, headers, None, 200, {})
        if (m := re.fullmatch(r"/v2/bot/user/([^/]+)/richmenu", path)) and method == "DELETE":
            with self._lock:
                self.user_rich_menus.pop(m[1], None)
            return self._record(method, path, headers, None, 200, {})
        return self._record(method, path, headers, body, 404, {"message": "Not found"})

    def _deliver(
        self, recipients: list[str], messages: list[dict[str, Any]], via: str, caller: Channel
    ) -> None:
        with self._lock:
            for to in recipients:
                for message in messages:
                    self.delivered.append(
                        Delivered(next(self._seq), to, via, message, channel=caller.name)
                    )

    def _record(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        body: Any,
        status: int,
        answer: Any,
        extra_headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], Any]:
        with self._cond:
            self.requests.append(Recorded(method, path, headers, body, status))
            self._cond.notify_all()
        return status, dict(extra_headers or {}), answer


def _test_webhook(url: str, channel: Channel) -> dict[str, Any]:
    """POST the channel's webhook a signed body without events, as LINE's test does, and
    say how it answered (LINE's TestWebhookEndpointResponse)."""
    body = json.dumps({"destination": channel.bot_user_id, "events": []}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Line-Signature": sign(body, channel.secret),
        },
    )
    at = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, OSError) as error:
        return {
            "success": False,
            "timestamp": at,
            "statusCode": 0,
            "reason": "COULD_NOT_CONNECT",
            "detail": str(error)[:200],
        }
    ok = 200 <= status < 300
    return {
        "success": ok,
        "timestamp": at,
        "statusCode": status,
        "reason": "OK" if ok else "ERROR_STATUS_CODE",
        "detail": str(status),
    }


def _sent(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "sentMessages": [
            {"id": uuid.uuid4().hex[:18], "quoteToken": uuid.uuid4().hex} for _ in messages
        ]
    }


class _QuietServer(ThreadingHTTPServer):
    """A client that gave up (a time-out test) is normal here, not an error to print."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    platform: FakeLine
    protocol_version = "HTTP/1.1"
    #: headers and body go out in two writes; with Nagle on, a keep-alive client waits
    #: ~40 ms for the second (delayed ACK). LINE's servers do not make clients wait.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, extra, answer = self.platform.handle(self.command, self.path, headers, raw)
        if isinstance(answer, Streamed):
            self._stream(answer)
            return
        if isinstance(answer, bytes):
            payload, ctype = answer, extra.pop("Content-Type", "application/octet-stream")
        else:
            payload, ctype = (
                json.dumps(answer if answer is not None else {}).encode(),
                "application/json",
            )
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        for key, value in extra.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)

    def _stream(self, stream: Streamed) -> None:
        """Send the content a chunk at a time until it is all out or the client hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", stream.content_type)
        if stream.declare_length:
            self.send_header("Content-Length", str(stream.size))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        block = b"\0" * stream.chunk
        try:
            while stream.sent < stream.size:
                piece = block[: min(stream.chunk, stream.size - stream.sent)]
                if stream.declare_length:
                    self.wfile.write(piece)
                else:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                stream.sent += len(piece)
            if not stream.declare_length:
                self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except OSError:  # the client stopped reading and closed the connection
            self.close_connection = True
        finally:
            stream.done = True

    do_GET = do_POST = do_DELETE = do_PUT = _serve
