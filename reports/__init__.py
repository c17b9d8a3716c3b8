"""Reports: the documents the agency files (CSV, XLSX, DOCX), their chart and download links."""

from flask import Flask


def init_app(app: Flask) -> None:
    from reports.cli import export_command

    app.cli.add_command(export_command)
