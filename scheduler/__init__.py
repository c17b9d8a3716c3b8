"""The timed side of Tidtam: the meeting calendar, reminders, summaries, the year end."""

from flask import Flask


def init_app(app: Flask) -> None:
    from scheduler.cli import init_app as cli

    cli(app)
