"""The use cases called directly, as the web console and the commands call them: no LINE,
no HTTP, a session, an actor, values and the time (docs/ARCHITECTURE.md, "Use cases")."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from models.audit import AuditLog
from models.outbox import OutboxMessage
from models.progress import Report, ReportSource
from models.staff import Role, add_staff
from usecases import reporting, summary
from usecases.actor import COMMAND_LINE, Actor, NotAllowed
from usecases.results import NoPlan

JAN = date(2022, 1, 1)


@pytest.fixture
def malee(services, clock, seed_plan):
    with services.db.session() as session:
        return add_staff(
            session, name="มาลี", role=Role.STAFF, unit=None, measure_numbers=[1], now=clock.now()
        )


def test_a_report_from_outside_line_is_recorded_and_audited_under_its_actor(
    services, clock, malee
) -> None:
    with services.db.session() as session:
        saved = reporting.submit_report(
            session,
            Actor.member(malee),
            1,
            2,
            60,
            "ร่างคู่มือเสร็จ",
            clock.now(),
            source=ReportSource.CLI,
        )
        refused = reporting.submit_report(
            session, Actor.member(malee), 2, 1, 10, "ไม่ใช่ของฉัน", clock.now()
        )
    assert saved == reporting.ReportSaved(1, 2, 60, "in_progress", JAN, False, 0)
    assert refused == reporting.NotTheirs(2, [1])
    with services.db.session() as session:
        [report] = session.exec(select(Report)).all()
        [row] = session.exec(select(AuditLog).where(AuditLog.action == "report.cli")).all()
    assert (report.percent, report.source, report.staff_id) == (60, "cli", malee.id)
    assert (row.actor, row.subject, row.detail) == (
        f"staff:{malee.id}",
        f"action:{report.action_id}",
        {"month": "2022-01"},
    )


def test_a_use_case_leaves_the_commit_to_its_caller(services, clock, malee) -> None:
    """Its work is the caller's unit of work: rolled back with it, nothing left behind."""
    with pytest.raises(RuntimeError), services.db.session() as session:
        reporting.submit_report(session, Actor.member(malee), 1, 1, 20, "อบรม", clock.now())
        raise RuntimeError("the caller fails after the use case")
    with services.db.session() as session:
        assert session.exec(select(Report)).all() == []
        assert session.exec(select(AuditLog).where(AuditLog.action == "report.line")).all() == []


def test_someone_who_may_not_is_refused_as_a_mistake_of_the_caller(
    services, clock, seed_plan
) -> None:
    with services.db.session() as session, pytest.raises(NotAllowed):
        reporting.submit_report(
            session, Actor.citizen("Ucitizen"), 1, 1, 50, "แอบรายงาน", clock.now()
        )
    with services.db.session() as session, pytest.raises(NotAllowed):
        reporting.status_of(session, COMMAND_LINE, clock.now())


def test_the_summary_is_built_and_queued_by_the_same_functions_for_every_way_in(
    services, clock, runner, line, seed_plan
) -> None:
    from tests.conftest import BANGKOK
    from tests.support import people

    people.link(runner, line, "Uhead", "หัวหน้า", "head")
    with services.db.session() as session:
        built = summary.monthly_summary(session, services.links, BANGKOK, clock.now())
        assert not isinstance(built, NoPlan)
        first = summary.send_summary(session, built, clock.now())
        again = summary.send_summary(session, built, clock.now())
    assert (built.month, first.queued, again.queued, again.already) == (JAN, 1, 0, 1)
    with services.db.session() as session:
        [queued] = session.exec(select(OutboxMessage)).all()
    assert (queued.dedupe_key, queued.recipients) == ("summary:2022-01", ["Uhead"])


def test_without_a_plan_the_use_cases_say_so(services, clock) -> None:
    with services.db.session() as session:
        head = add_staff(
            session, name="หัวหน้า", role=Role.HEAD, unit=None, measure_numbers=[], now=clock.now()
        )
        assert reporting.start_report(session, Actor.member(head), clock.now()) == NoPlan()
        assert isinstance(
            summary.monthly_summary(session, services.links, clock.now().tzinfo, clock.now()),
            NoPlan,
        )
