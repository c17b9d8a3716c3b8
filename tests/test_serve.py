"""`python bot.py` with no LINE credentials: demo mode, seeded, serving /healthz."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from settings import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_in_demo_mode_answers_healthz(tmp_path) -> None:
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LINE_", "TIDTAM_", "DATABASE_URL", "PUBLIC_BASE_URL", "PORT"))
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
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=1
                ) as response:
                    body = json.loads(response.read())
                    break
            except OSError:
                time.sleep(0.2)
        assert body == {"status": "ok", "database": "ok", "demo": True}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert 'href="/simulator"' in response.read().decode()  # `/` leads somewhere
        # PUBLIC_BASE_URL unset: it follows the port served on (the LINE Login callback)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/console/login", timeout=5) as page:
            assert f"http://localhost:{port}/console/login/callback" in page.read().decode()
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    assert "โหมดสาธิต" in output  # says so in its first lines
    assert "โหลดข้อมูลสาธิตแล้ว: เทศบาลตำบลบางกระบือ" in output
