"""Administration from the command line: staff and their link codes; agencies; the
categories citizens' cases are routed by."""

from flask import Flask


def init_app(app: Flask) -> None:
    from admin.agency_cli import agency_cli
    from admin.cases_cli import cases_cli
    from admin.photos_cli import photos_cli
    from admin.staff_cli import groups_cli, staff_cli

    app.cli.add_command(photos_cli)
    app.cli.add_command(staff_cli)
    app.cli.add_command(groups_cli)
    app.cli.add_command(agency_cli)
    app.cli.add_command(cases_cli)
