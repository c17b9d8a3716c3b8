"""`python bot.py` with nothing configured (`make run` on a fresh clone): demo mode on its
own database file, seeded, serving /healthz and /simulator, and saying so first."""

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


def test_serve_with_nothing_configured_is_the_demo_with_its_simulator(tmp_path) -> None:
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LINE_", "TIDTAM_", "DATABASE_URL", "PUBLIC_BASE_URL", "PORT"))
    }
    env["TIDTAM_DEMO_DATABASE"] = str(tmp_path / "demo.sqlite3")  # not the worktree's instance/
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
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert 'href="/simulator"' in response.read().decode()  # `/` leads somewhere
        # PUBLIC_BASE_URL unset: it follows the port served on (the LINE Login callback)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/console/login", timeout=5) as page:
            assert f"http://localhost:{port}/console/login/callback" in page.read().decode()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/simulator", timeout=5) as page:
            assert page.status == 200
            assert page.headers["Server"] == "Tidtam"  # not Werkzeug/3.x Python/3.x
            assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    first = output.splitlines()[0]
    assert "โหมดสาธิต" in first and str(tmp_path / "demo.sqlite3") in first
    assert "โหลดข้อมูลสาธิตแล้ว: เทศบาลตำบลบางกระบือ" in output
    assert (tmp_path / "demo.sqlite3").exists()
