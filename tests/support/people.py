"""People for tests, made the way the app makes them: `staff add`, then the code sent in LINE."""

from __future__ import annotations

from flask.testing import FlaskCliRunner

from tests.support.line_chat import LineChat


def add(
    runner: FlaskCliRunner,
    name: str,
    role: str = "staff",
    measures: str | None = None,
    unit: str | None = None,
) -> str:
    """`staff add`; returns the code it printed."""
    args = ["staff", "add", "--name", name, "--role", role]
    if measures:
        args += ["--measures", measures]
    if unit:
        args += ["--unit", unit]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1].removeprefix("code: ")


def link(
    runner: FlaskCliRunner,
    line: LineChat,
    user: str,
    name: str,
    role: str = "staff",
    measures: str | None = None,
) -> list[dict]:
    """Add a person and link `user` to them by sending the code; returns the bot's answer."""
    return line.send(user, add(runner, name, role, measures))
