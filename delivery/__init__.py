"""Sending to LINE: the client (time-outs on every call), the outbox sender and its loop."""

from flask import Flask


def init_app(app: Flask) -> None:
    from delivery.cli import init_app as cli

    cli(app)
