"""`export --format csv`: the header the README fixes, the latest report per action and month."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from models.plan import get_plan, plan_tree
from models.progress import ReportSource, record_report
from reports.csv_export import HEADER


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_has_the_fixed_header_a_bom_and_the_latest_reports(
    runner, services, clock, seed_plan, tmp_path: Path
) -> None:
    with services.db.session() as session:
        tree = plan_tree(session, get_plan(session, 2565))
        a12, a31 = tree[0][1][1], tree[2][1][0]
        record_report(
            session,
            action_id=a12.id,
            month=date(2021, 12, 1),
            percent=20,
            detail="ร่างคู่มือ",
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )
        record_report(
            session,
            action_id=a12.id,
            month=date(2022, 1, 1),
            percent=50,
            detail="ร่างแรก",
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )
        clock.advance(hours=1)
        record_report(
            session,
            action_id=a12.id,
            month=date(2022, 1, 1),
            percent=60,
            detail='แก้ไข, "ฉบับสอง"',
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )
        record_report(
            session,
            action_id=a31.id,
            month=date(2022, 1, 1),
            percent=100,
            detail="แต่งตั้งแล้ว",
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )
    out = tmp_path / "report.csv"
    result = runner.invoke(
        args=["export", "--fiscal-year", "2565", "--format", "csv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.splitlines()[0] == b"\xef\xbb\xbf" + ",".join(HEADER).encode()
    assert (
        ",".join(HEADER)
        == "fiscal_year,month,measure_no,action_no,status,percent,detail,reporter,reported_at"
    )
    rows = _rows(out)
    assert [
        (r["month"], r["measure_no"], r["action_no"], r["percent"], r["status"]) for r in rows
    ] == [
        ("2021-12", "1", "2", "20", "in_progress"),
        ("2022-01", "1", "2", "60", "in_progress"),
        ("2022-01", "3", "1", "100", "done"),
    ]
    assert rows[1]["detail"] == 'แก้ไข, "ฉบับสอง"' and rows[1]["fiscal_year"] == "2565"
    assert rows[1]["reported_at"] == "2022-01-20T11:00:00+07:00"

    history = tmp_path / "history.csv"
    runner.invoke(
        args=[
            "export",
            "--fiscal-year",
            "2565",
            "--format",
            "csv",
            "--out",
            str(history),
            "--history",
        ]
    )
    assert len(_rows(history)) == 4


def test_a_year_without_reports_still_exports(runner, seed_plan, tmp_path: Path) -> None:
    out = tmp_path / "empty.csv"
    result = runner.invoke(
        args=["export", "--fiscal-year", "2565", "--format", "csv", "--out", str(out)]
    )
    assert result.exit_code == 0 and "ยังไม่มีรายงานผล" in result.output
    assert out.read_text(encoding="utf-8-sig").strip() == ",".join(HEADER)
    missing = runner.invoke(
        args=["export", "--fiscal-year", "2570", "--format", "csv", "--out", str(out)]
    )
    assert missing.exit_code == 2
