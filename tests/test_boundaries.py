"""The project's own rules, checked on its source: Thai text only in messages_th/, the
wall clock read only by the clock, the LINE SDK imported only by the webhook and delivery."""

from __future__ import annotations

import re
import subprocess

from settings import ROOT

THAI = re.compile(r"[\u0E00-\u0E7F]")
WALL_CLOCK = re.compile(r"datetime\.(now|utcnow|today)\(|date\.today\(|time\.time\(\)")


def _python_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [f for f in listed if (ROOT / f).exists()]


def test_thai_text_lives_only_in_messages_th() -> None:
    offenders = [
        f
        for f in _python_files()
        if not f.startswith(("messages_th/", "tests/"))
        and THAI.search((ROOT / f).read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_only_the_clock_reads_the_wall_clock() -> None:
    allowed = {"clock.py", "fakeline/events.py"}  # the fake platform's event ids are not app logic
    offenders = [
        f"{f}:{n}"
        for f in _python_files()
        if not f.startswith(("tests/", "bench/")) and f not in allowed
        for n, line in enumerate((ROOT / f).read_text(encoding="utf-8").splitlines(), 1)
        if WALL_CLOCK.search(line)
    ]
    assert offenders == []


def test_only_the_webhook_and_delivery_import_the_line_sdk() -> None:
    allowed_prefixes = ("handlers/webhook.py", "delivery/", "tests/", "bench/")
    offenders = [
        f
        for f in _python_files()
        if not f.startswith(allowed_prefixes)
        and re.search(r"^\s*(from|import)\s+linebot", (ROOT / f).read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []
