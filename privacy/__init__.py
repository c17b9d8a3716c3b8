"""Personal data as the PDPA expects: kept no longer than needed, a copy and deletion on a
citizen's request, and the notice that says so."""

from flask import Flask


def init_app(app: Flask) -> None:
    from privacy.cli import init_app as cli

    cli(app)
