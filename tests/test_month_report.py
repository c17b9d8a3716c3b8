"""The whole month on one page, as a use case (no HTTP): the sheet prefilled with where
each action stood, and every entry recorded at once through `submit_report`, or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import col, select

from models.audit import AuditLog
from models.progress import Report
from models.staff import Role, add_staff
from tests.support.month import DECEMBER, report_december
from usecases import month_report, reporting
from usecases.actor import Actor
from usecases.month_report import Entry, MonthRefused, MonthSaved, Problem, Sheet

JAN = date(2022, 1, 1)


@pytest.fixture
def wichai(services, clock, seed_plan):
    """Measure 2: six actions; December reported on five of them, 2.1 done."""
    with services.db.session() as session:
        person = add_staff(
            session, name="วิชัย", role=Role.STAFF, unit=None, measure_numbers=[2], now=clock.now()
        )
        report_december(session, person, clock.now())
        return person


def _sheet(services, clock, person) -> Sheet:
    with services.db.session() as session:
        sheet = month_report.month_sheet(session, Actor.member(person), JAN, clock.now())
    assert isinstance(sheet, Sheet)
    return sheet


def test_the_sheet_lists_every_action_with_where_it_stood(services, clock, wichai) -> None:
    sheet = _sheet(services, clock, wichai)
    assert [(x.key, x.last_percent, x.done) for x in sheet.lines] == [
        ("2.1", 100, True),
        ("2.2", 40, False),
        ("2.3", 50, False),
        ("2.4", 20, False),
        ("2.5", 60, False),
        ("2.6", None, False),
    ]
    assert sheet.lines[1].last_detail == "ทำข้อ 2" and sheet.lines[1].last_month == DECEMBER
    assert not any(x.reported_this_month for x in sheet.lines)


def test_a_whole_month_is_recorded_at_once_each_report_audited(services, clock, wichai) -> None:
    entries = [
        Entry(2, 1),  # done: stays done, not reported again
        Entry(2, 2),  # as before
        Entry(2, 3),
        Entry(2, 4),
        Entry(2, 5, 80, "สำรวจครบทุกหมู่บ้าน"),
        Entry(2, 6),  # never reported, nothing said: nothing recorded
    ]
    with services.db.session() as session:
        result = month_report.report_many(session, Actor.member(wichai), entries, JAN, clock.now())
    assert isinstance(result, MonthSaved)
    assert [(s.action_no, s.percent) for s in result.saved] == [(2, 40), (3, 50), (4, 20), (5, 80)]
    assert result.kept_done == 1
    with services.db.session() as session:
        january = session.exec(
            select(Report).where(Report.month == JAN).order_by(col(Report.id))
        ).all()
        audited = session.exec(select(AuditLog).where(AuditLog.action == "report.month_page")).all()
    assert [(r.percent, r.detail, r.source) for r in january] == [
        (40, "ทำข้อ 2", "month_page"),
        (50, "ทำข้อ 3", "month_page"),
        (20, "ทำข้อ 4", "month_page"),
        (80, "สำรวจครบทุกหมู่บ้าน", "month_page"),
    ]
    assert len(audited) == 4
    sheet = _sheet(services, clock, wichai)
    assert [x.reported_this_month for x in sheet.lines] == [False, True, True, True, True, False]


@pytest.mark.parametrize(
    ("entry", "kind"),
    [
        (Entry(2, 2, 60, "-"), Problem.NO_DETAIL),
        (Entry(2, 2, 60, "  ...  "), Problem.NO_DETAIL),
        (Entry(2, 6, 10, ""), Problem.NO_DETAIL),
        (Entry(2, 3, 30, "ทบทวนใหม่"), Problem.FALL),
        (Entry(2, 1, 50, "เริ่มใหม่"), Problem.FALL),
        (Entry(2, 2, 101, "เกินร้อย"), Problem.OUT_OF_RANGE),
        (Entry(1, 1, 50, "ไม่ใช่ข้อของเขา"), Problem.NOT_THEIRS),
        (Entry(2, 9, 50, "ไม่มีข้อนี้"), Problem.NOT_THEIRS),
    ],
)
def test_any_problem_records_nothing_and_says_which(services, clock, wichai, entry, kind) -> None:
    entries = [Entry(2, 4, 30, "ประชาสัมพันธ์เพิ่ม"), entry]
    with services.db.session() as session:
        result = month_report.report_many(session, Actor.member(wichai), entries, JAN, clock.now())
    assert isinstance(result, MonthRefused)
    assert [(p.measure_no, p.action_no, p.kind) for p in result.problems] == [
        (entry.measure_no, entry.action_no, kind)
    ]
    with services.db.session() as session:
        assert session.exec(select(Report).where(Report.month == JAN)).all() == []


def test_a_fall_once_confirmed_is_recorded(services, clock, wichai) -> None:
    entries = [Entry(2, 3, 30, "ต้องทำใหม่บางส่วน", fall_confirmed=True)]
    with services.db.session() as session:
        result = month_report.report_many(session, Actor.member(wichai), entries, JAN, clock.now())
    assert isinstance(result, MonthSaved)
    assert [(s.action_no, s.percent) for s in result.saved] == [(3, 30)]


def test_this_months_report_is_kept_and_its_photos_go_with_a_change(
    services, clock, wichai
) -> None:
    from models.progress import Evidence
    from usecases.evidence import Attachment, keep_file

    with services.db.session() as session:
        sha = keep_file(session, b"\x89PNG photo of the survey", "image/png", clock.now())
        reporting.submit_report(
            session,
            Actor.member(wichai),
            2,
            5,
            70,
            "แจกแบบสำรวจครบ",
            clock.now(),
            evidence=[Attachment(sha)],
            month=JAN,
        )
    with services.db.session() as session:
        kept = month_report.report_many(
            session, Actor.member(wichai), [Entry(2, 5)], JAN, clock.now()
        )
    assert isinstance(kept, MonthSaved) and (kept.saved, kept.kept_reported) == ([], 1)
    with services.db.session() as session:
        changed = month_report.report_many(
            session, Actor.member(wichai), [Entry(2, 5, 90, "สรุปผลแล้ว")], JAN, clock.now()
        )
    assert isinstance(changed, MonthSaved) and changed.saved[0].evidence == 1
    with services.db.session() as session:
        [current] = session.exec(
            select(Report).where(Report.month == JAN, col(Report.superseded_at).is_(None))
        ).all()
        held = session.exec(select(Evidence).where(Evidence.report_id == current.id)).all()
    assert (current.percent, [e.sha256 for e in held]) == (90, [sha])
