"""Progress across months (carried forward), and who reports on what."""

from __future__ import annotations

from datetime import date

from fiscal import fiscal_months
from models.plan import current_plan, find_action, get_or_create_unit, get_plan, plan_tree
from models.progress import ReportSource, progress_grid, record_report, reported_action_ids
from models.staff import (
    Role,
    add_staff,
    assignments,
    is_head,
    measures_for,
    report_target,
    summary_recipients,
)
from tests.conftest import DATA

DEC, JAN, FEB = date(2021, 12, 1), date(2022, 1, 1), date(2022, 2, 1)


def test_progress_carries_forward_and_measures_average_their_actions(
    services, clock, seed_plan
) -> None:
    with services.db.session() as session:
        plan = get_plan(session, 2565)
        tree = plan_tree(session, plan)
        a11, a12, _a13 = tree[0][1]
        record_report(
            session,
            action_id=a11.id,
            month=DEC,
            percent=30,
            detail="",
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )
        record_report(
            session,
            action_id=a11.id,
            month=FEB,
            percent=90,
            detail="",
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )
        record_report(
            session,
            action_id=a12.id,
            month=JAN,
            percent=60,
            detail="ร่าง",
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )
        record_report(
            session,
            action_id=a12.id,
            month=JAN,
            percent=100,
            detail="เสร็จ",
            staff=None,
            now=clock.now(),
            source=ReportSource.CLI,
        )
        grid = progress_grid(session, plan, fiscal_months(2565))
        measure1 = grid[0]
        row11, row12, row13 = measure1.actions
        assert (row11.percent(JAN), row11.reported(JAN), row11.percent(FEB)) == (30, False, 90)
        assert row12.percent(JAN) == 100 and row12.status(JAN) == "done"
        assert row13.percent(FEB) == 0 and row13.status(FEB) == "not_started"
        assert measure1.percent(JAN) == (30 + 100 + 0) / 3
        assert measure1.reported_count(JAN) == 1
        assert measure1.last_reported_month(JAN) == JAN
        assert grid[1].percent(FEB) == 0
        assert reported_action_ids(session, plan, JAN) == {a12.id}


def test_who_reports_on_what(services, clock, seed_plan) -> None:
    with services.db.session() as session:
        plan = get_plan(session, 2565)
        office = get_or_create_unit(session, "สำนักปลัดเทศบาล")
        finance = get_or_create_unit(session, "กองคลัง")
        pinned = add_staff(
            session, name="ก", role=Role.STAFF, unit=office, measure_numbers=[1, 3], now=clock.now()
        )
        by_unit = add_staff(
            session, name="ข", role=Role.STAFF, unit=office, measure_numbers=[], now=clock.now()
        )
        elsewhere = add_staff(
            session, name="ค", role=Role.STAFF, unit=finance, measure_numbers=[], now=clock.now()
        )
        head = add_staff(
            session, name="ง", role=Role.HEAD, unit=None, measure_numbers=[], now=clock.now()
        )
        # pinned to a measure this plan does not have: nothing, not the unit's measures
        stale_pin = add_staff(
            session, name="จ", role=Role.STAFF, unit=office, measure_numbers=[9], now=clock.now()
        )
        everyone = [pinned, by_unit, elsewhere, head, stale_pin]
        numbers = {
            person: [m.number for m in measures]
            for person, measures in assignments(session, plan, everyone).items()
        }
        assert numbers == {
            pinned.id: [1, 3],
            by_unit.id: [1, 2, 3],
            elsewhere.id: [],
            head.id: [1, 2, 3],
            stale_pin.id: [],
        }
        assert [m.number for m in measures_for(session, pinned, plan)] == [1, 3]
        # what a one-line report checks, read in its one statement, agrees
        for person in everyone:
            assert report_target(session, person, 2565, 0, 0).mine == numbers[person.id]


def test_citizens_input_counts_under_the_plans_participation_measure_and_survey(
    services, clock, seed_plan
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from models.citizen import Rating, Suggestion, ratings_by_month, suggestions_by_month
    from usecases.participation import citizen_links

    bangkok = ZoneInfo("Asia/Bangkok")
    with services.db.session() as session:
        links = citizen_links(session, get_plan(session, 2565))
        assert (links.suggestions_measure, links.ratings_measure, links.ratings_action) == (3, 2, 5)
        # 31 Dec 23:30 in Bangkok is December's, though it is already the 31st 16:30 UTC
        for n, moment in enumerate(
            [
                datetime(2021, 12, 31, 23, 30, tzinfo=bangkok),
                datetime(2022, 1, 2, 9, tzinfo=bangkok),
            ]
        ):
            session.add(
                Suggestion(
                    ref=f"S-2565-{n + 1:04d}",
                    fiscal_year=2565,
                    seq=n + 1,
                    line_user_id="U",
                    category="อื่น ๆ",
                    text="ถนนชำรุด",
                    created_at=moment,
                )
            )
        session.add(Rating(line_user_id="U1", month=JAN, score=5, created_at=clock.now()))
        session.add(Rating(line_user_id="U2", month=JAN, score=4, created_at=clock.now()))
        session.flush()
        assert suggestions_by_month(session, [DEC, JAN, FEB], bangkok) == {DEC: 1, JAN: 1, FEB: 0}
        assert ratings_by_month(session, [DEC, JAN]) == {DEC: (0, None), JAN: (2, 4.5)}


def test_two_people_reporting_the_same_action_at_once_both_succeed(
    services, clock, seed_plan
) -> None:
    """The later report supersedes the earlier; exactly one stays current (PostgreSQL races)."""
    import threading

    from sqlmodel import select

    from models.progress import Report

    with services.db.session() as session:
        action = plan_tree(session, get_plan(session, 2565))[0][1][0]
    barrier, errors = threading.Barrier(4), []

    def report(n: int) -> None:
        try:
            with services.db.session() as session:
                barrier.wait()
                record_report(
                    session,
                    action_id=action.id,
                    month=JAN,
                    percent=10 * n,
                    detail=f"คนที่ {n}",
                    staff=None,
                    now=clock.now(),
                    source=ReportSource.LINE,
                )
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=report, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with services.db.session() as session:
        rows = session.exec(select(Report)).all()
    assert len(rows) == 4
    assert len([r for r in rows if r.superseded_at is None]) == 1


def test_what_a_typed_report_checks_is_read_in_one_go(services, clock, seed_plan) -> None:
    """The plan in force, the person's measures in it, and the action named."""
    with services.db.session() as session:
        plan = get_plan(session, 2565)
        office = get_or_create_unit(session, "สำนักปลัดเทศบาล")
        person = add_staff(
            session, name="ก", role=Role.STAFF, unit=office, measure_numbers=[1, 3], now=clock.now()
        )
        target = report_target(session, person, 2565, 1, 2)
        assert target is not None and target.plan_id == plan.id and target.mine == [1, 3]
        assert target.action_id == find_action(session, plan, 1, 2).id
        assert report_target(session, person, 2565, 1, 99).action_id is None
        assert report_target(session, person, 2565, 3, 1).action_id == (
            find_action(session, plan, 3, 1).id
        )
        # the plan runs on in later years, and before the first one the first is in force
        assert report_target(session, person, 2570, 1, 2).plan_id == plan.id
        assert report_target(session, person, 2500, 1, 2).plan_id == plan.id


def test_with_no_plan_a_typed_report_has_nothing_to_check(services, clock) -> None:
    with services.db.session() as session:
        person = add_staff(
            session, name="ก", role=Role.STAFF, unit=None, measure_numbers=[1], now=clock.now()
        )
        assert report_target(session, person, 2565, 1, 2) is None


def test_the_plan_in_force_is_one_rule_read_alone_or_with_a_report(
    services, clock, runner, seed_plan
) -> None:
    """A plan runs on until the next one; before the first plan, the first is in force.
    `current_plan` and a typed report's single statement agree, year by year."""
    result = runner.invoke(args=["plan", "import", str(DATA / "plan-2566-nong-bua.txt")])
    assert result.exit_code == 0, result.output
    with services.db.session() as session:
        person = add_staff(
            session, name="ก", role=Role.HEAD, unit=None, measure_numbers=[], now=clock.now()
        )
        expected = {2500: 2565, 2565: 2565, 2566: 2566, 2570: 2566}
        for year, in_force in expected.items():
            plan = current_plan(session, year)
            assert plan is not None and plan.fiscal_year == in_force, year
            assert report_target(session, person, year, 1, 1).plan_id == plan.id, year


def test_who_is_a_head(services, clock) -> None:
    """Heads and admins may do what a head may; the head's messages go to heads only."""
    assert [is_head(role) for role in ("head", "admin", "staff", None)] == [
        True,
        True,
        False,
        False,
    ]
    with services.db.session() as session:
        people = {
            role: add_staff(
                session, name=role, role=Role(role), unit=None, measure_numbers=[], now=clock.now()
            )
            for role in ("head", "admin", "staff")
        }
        gone = add_staff(
            session, name="gone", role=Role.HEAD, unit=None, measure_numbers=[], now=clock.now()
        )
        gone.active = False
        session.add(gone)
        session.flush()
        assert [s.id for s in summary_recipients(session)] == [people["head"].id]
