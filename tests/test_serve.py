"""`python bot.py` with no LINE credentials: demo mode, seeded, serving /healthz."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request

from settings import ROOT
from tests.support.waiting import wait_until


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
            return json.loads(response.read())
    except OSError:
        return None  # not listening yet


def test_serve_in_demo_mode_answers_healthz(tmp_path) -> None:
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LINE_", "TIDTAM_", "DATABASE_URL"))
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    process = subprocess.Popen(
        [sys.executable, "bot.py", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = wait_until(lambda: _health(port), timeout=20, what="/healthz answers")
        assert body == {"status": "ok", "database": "ok", "demo": True}
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    assert "โหมดสาธิต" in output  # says so in its first lines
    assert "โหลดข้อมูลสาธิตแล้ว: เทศบาลตำบลบางกระบือ" in output
