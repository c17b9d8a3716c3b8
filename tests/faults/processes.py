"""Real Tidtam processes for fault tests: started, posted to, killed, started again."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from fakeline.signing import signed_request
from settings import ROOT
from tests.support.waiting import wait_until


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tidtam_env(database_url: str, line_url: str, secret: str, **extra: str) -> dict[str, str]:
    """The environment of a Tidtam process pointed at one database and the fake LINE."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LINE_", "TIDTAM_"))}
    env.update(
        DATABASE_URL=database_url,
        LINE_CHANNEL_SECRET=secret,
        LINE_CHANNEL_ACCESS_TOKEN="test-access-token",
        LINE_API_BASE_URL=line_url,
        LINE_DATA_API_BASE_URL=line_url,
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


class Process:
    """`python bot.py ARGS…` in a process group of its own, its output kept in a file."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.args, self.env, self.log = args, env, log
        self.popen: subprocess.Popen[bytes] | None = None

    def start(self) -> Process:
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                [sys.executable, "bot.py", *self.args],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    @property
    def pid(self) -> int:
        assert self.popen is not None
        return self.popen.pid

    def kill(self) -> None:
        """SIGKILL to the whole group: no clean-up, no goodbye, as when a machine dies."""
        if self.popen is None or self.popen.poll() is not None:
            return
        os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self, timeout: float = 20) -> int | None:
        if self.popen is None or self.popen.poll() is not None:
            return None if self.popen is None else self.popen.returncode
        self.popen.send_signal(signal.SIGTERM)
        try:
            return self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


def web(port: int, env: dict[str, str], log: Path) -> Process:
    """The web app with its inbox and outbox workers, no scheduler (`serve`)."""
    return Process(["serve", "--port", str(port)], {**env, "TIDTAM_RUN_SCHEDULER": "0"}, log)


def scheduler(env: dict[str, str], log: Path) -> Process:
    """`python bot.py scheduler`: the timed jobs and the outbox (one leads, others wait)."""
    return Process(["scheduler"], env, log)


def wait_healthy(port: int, process: Process, timeout: float = 30) -> None:
    def healthy() -> bool:
        if process.popen is not None and process.popen.poll() is not None:
            raise AssertionError(f"the process exited: {process.output()}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/healthz")
            return connection.getresponse().status == 200
        except OSError:
            return False

    try:
        wait_until(healthy, timeout)
    except AssertionError:
        raise AssertionError(f"no /healthz within {timeout} s: {process.output()}") from None


def post_events(port: int, events: list[dict[str, Any]], secret: str, timeout: float = 5) -> int:
    """POST signed events as LINE does; the status, or 0 if the connection failed or the
    answer was cut off (a process killed mid-answer: LINE counts that as not delivered)."""
    body, headers = signed_request(events, secret)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("POST", "/callback", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status
    except (OSError, http.client.HTTPException):
        return 0
