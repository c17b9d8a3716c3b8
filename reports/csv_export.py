"""The progress report as CSV: one row per report, the header the README fixes.

UTF-8 with a byte-order mark, so Excel opens the Thai correctly; text that begins like a
formula is quoted out of it (`reports.spreadsheet_text`).
"""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from fiscal import month_key
from models.progress import ReportRow
from reports.spreadsheet_text import csv_value

HEADER = [
    "fiscal_year",
    "month",
    "measure_no",
    "action_no",
    "status",
    "percent",
    "detail",
    "reporter",
    "reported_at",
]


def csv_bytes(rows: list[ReportRow], tz: ZoneInfo) -> bytes:
    """The CSV file's bytes: UTF-8 with a byte-order mark."""
    out = io.StringIO(newline="")
    _write(out, rows, tz)
    return out.getvalue().encode("utf-8-sig")


def _write(handle, rows: list[ReportRow], tz: ZoneInfo) -> None:
    writer = csv.writer(handle)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(
            csv_value(value)
            for value in [
                row.fiscal_year,
                month_key(row.month),
                row.measure_no,
                row.action_no,
                row.status,
                row.percent,
                row.detail,
                row.reporter,
                row.reported_at.astimezone(tz).isoformat(timespec="seconds"),
            ]
        )
