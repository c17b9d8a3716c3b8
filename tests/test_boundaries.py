"""The project's own rules, checked on its source: Thai text only in messages_th/, the
wall clock read only by the clock, the LINE SDK imported only by the webhook and delivery."""

from __future__ import annotations

import ast
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


def _imports_at_run_time(path: str) -> set[str]:
    """The modules a file imports when it runs (not those named for type checking only)."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                found.add(child.module)
            visit(child)

    visit(tree)
    return found


def _in(folder: str) -> list[str]:
    return [f for f in _python_files() if f.startswith(folder)]


def test_use_cases_know_nothing_of_line_or_the_web() -> None:
    """docs/ARCHITECTURE.md: a use case takes values and returns values; the LINE
    listeners, the commands and the web turn input into them and them into answers."""
    ways_in = ("handlers", "linebot", "flask", "delivery", "web", "click")
    offenders = {
        f: sorted(m for m in _imports_at_run_time(f) if m.split(".")[0] in ways_in)
        for f in _in("usecases/")
    }
    assert {f: m for f, m in offenders.items() if m} == {}


def test_use_cases_leave_the_commit_to_their_caller() -> None:
    offenders = [
        f for f in _in("usecases/") if re.search(r"\.(commit|rollback)\(", (ROOT / f).read_text())
    ]
    assert offenders == []


#: the way in's own machinery: storing events, working them off, a chat's form state
LINE_MACHINERY = {
    "handlers/webhook.py",
    "handlers/worker.py",
    "handlers/context.py",
    "handlers/dispatch.py",
    "handlers/cli.py",
}


def test_listeners_hold_no_sql_and_change_no_state_of_their_own() -> None:
    """A listener reads the input, calls a use case and renders its result."""
    sql = re.compile(r"\bselect\(|\bsession\.(add|exec|execute|get|delete|scalars)\(")
    offenders = [
        f
        for f in _in("handlers/")
        if f not in LINE_MACHINERY
        and (
            sql.search((ROOT / f).read_text(encoding="utf-8"))
            or any(m.startswith(("sqlmodel", "sqlalchemy")) for m in _imports_at_run_time(f))
        )
    ]
    assert offenders == []


def test_messages_th_holds_words_not_logic_of_other_layers() -> None:
    """messages_th renders what use cases return and keeps the readers' vocabulary; it
    calls no use case or reader and touches no database (type names only)."""
    layers = ("usecases", "reading", "handlers", "sqlmodel", "sqlalchemy")
    offenders = {
        f: sorted(m for m in _imports_at_run_time(f) if m.split(".")[0] in layers)
        for f in _in("messages_th/")
    }
    assert {f: m for f, m in offenders.items() if m} == {}


def test_tests_wait_for_a_condition_never_for_time() -> None:
    """tests/support/waiting.py polls; nothing else in the suite pauses."""
    sleeping = re.compile(r"\btime\.sleep\(|\bsleep\(")
    offenders = [
        f
        for f in _in("tests/")
        if f != "tests/support/waiting.py" and sleeping.search((ROOT / f).read_text())
    ]
    assert offenders == []
