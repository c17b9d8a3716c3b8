"""One scheduler for every agency (docs/TENANCY.md, "The scheduler for every agency"):
each agency's reminders, summaries and days off on its own calendar; one tick's
statements do not grow with the number of agencies; one agency's broken calendar does
not stop the others'."""

from __future__ import annotations

import threading
from datetime import date, datetime, time

from sqlalchemy import event
from sqlmodel import col, select

from models.agency import Agency, AgencyState
from models.app_setting import set_setting
from models.calendar import DayOff
from models.meetings import make_rule, set_meeting, set_rule
from models.outbox import OutboxMessage
from models.plan import get_plan, plan_tree
from models.progress import ReportSource, record_report
from models.staff import PinnedMeasure, Role, Staff
from planimport.data import ActionData, MeasureData, PlanData
from planimport.store import save_plan
from scheduler.jobs import run_due
from services import Services
from tests.conftest import BANGKOK
from tests.support.line_chat import texts


def _at(day: date, hour: int, minute: int = 5) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BANGKOK)


def _agency(services: Services, slug: str, staff: int = 2) -> int:
    """An agency with a plan of 2 measures × 3 actions, a head, and `staff` people each
    pinned to measure 1 (LINE ids U<slug>-head, U<slug>-1 …)."""
    now = services.clock.now()
    with services.db.session() as session:
        agency = Agency(slug=slug, name=slug, state=AgencyState.CONNECTED, created_at=now)
        session.add(agency)
        session.flush()
        assert agency.id is not None
        agency_id = agency.id
    plan = PlanData(
        fiscal_year=2565,
        agency=slug,
        measures=[
            MeasureData(
                number=m,
                title=f"measure {m}",
                actions=[ActionData(number=a, text=f"action {m}.{a}") for a in (1, 2, 3)],
            )
            for m in (1, 2)
        ],
    )
    with services.db.session(agency_id=agency_id) as session:
        save_plan(session, plan, now=now, source="test")
        session.add(
            Staff(name="head", role=Role.HEAD, line_user_id=f"U{slug}-head", created_at=now)
        )
        people = [
            Staff(name=f"p{n}", role=Role.STAFF, line_user_id=f"U{slug}-{n}", created_at=now)
            for n in range(1, staff + 1)
        ]
        session.add_all(people)
        session.flush()
        session.add_all(PinnedMeasure(staff_id=p.id or 0, measure_no=1) for p in people)
    return agency_id


def _outbox(services: Services) -> list[OutboxMessage]:
    with services.db.session() as session:
        return list(session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))))


def _sent(services: Services, purpose: str) -> set[tuple[int, str]]:
    """(agency, recipient) of the pushes queued for `purpose`."""
    return {
        (row.agency_id or 0, who)
        for row in _outbox(services)
        if row.purpose == purpose
        for who in row.recipients
    }


def test_each_agency_on_its_own_calendar(services, clock) -> None:
    a = _agency(services, "aaa")
    b = _agency(services, "bbb")
    now = clock.now()
    with services.db.session(agency_id=a) as session:  # A: the last Friday of the month
        rule = make_rule("weekday", [4, -1])
        assert rule is not None
        set_rule(session, rule)
    with services.db.session(agency_id=b) as session:  # B: January's on the 19th, by hand
        set_meeting(session, date(2022, 1, 19), time(10, 0), now)

    # B's first reminder: 5 working days before Wednesday 19 January; A meets on the 28th
    clock.set(_at(date(2022, 1, 12), 9))
    run_due(services)
    assert _sent(services, "reminder") == {(b, "Ubbb-1"), (b, "Ubbb-2")}
    # B's summary, the working day before its meeting, to B's head alone
    clock.set(_at(date(2022, 1, 18), 8, 35))
    run_due(services)
    assert _sent(services, "summary") == {(b, "Ubbb-head")}
    # A's first reminder: 5 working days before Friday 28 January
    clock.set(_at(date(2022, 1, 20), 9))
    run_due(services)
    assert {x for x in _sent(services, "reminder") if x[0] == a} == set()
    clock.set(_at(date(2022, 1, 21), 9))
    run_due(services)
    assert {x for x in _sent(services, "reminder") if x[0] == a} == {(a, "Uaaa-1"), (a, "Uaaa-2")}
    clock.set(_at(date(2022, 1, 27), 8, 35))
    run_due(services)
    assert _sent(services, "summary") == {(b, "Ubbb-head"), (a, "Uaaa-head")}
    # the escalation, 16:00 the day before A's meeting: to A's head
    clock.set(_at(date(2022, 1, 27), 16))
    run_due(services)
    assert _sent(services, "escalation") == {(a, "Uaaa-head")}
    # every push names its agency's people only, under its agency's own key
    for row in _outbox(services):
        slug = {a: "aaa", b: "bbb"}[row.agency_id or 0]
        assert all(who.startswith(f"U{slug}-") for who in row.recipients), row


def test_a_day_off_added_by_hand_moves_its_agency_only(services, clock) -> None:
    a = _agency(services, "aaa")
    b = _agency(services, "bbb")
    with services.db.session(agency_id=a) as session:  # A: the last Friday (25 February)
        rule = make_rule("weekday", [4, -1])
        assert rule is not None
        set_rule(session, rule)
        # without it, A's first reminder is on Friday 18 February
        session.add(DayOff(day=date(2022, 2, 22), name="day off", created_at=clock.now()))
    # B: the last working day (Monday 28 February): its first reminder on Monday the 21st
    # (on Friday the 18th had it A's day off)

    def reminded(day: date) -> set[int]:
        before = {row.id for row in _outbox(services)}
        clock.set(_at(day, 9))
        run_due(services)
        return {
            row.agency_id or 0
            for row in _outbox(services)
            if row.id not in before and row.purpose == "reminder"
        }

    assert reminded(date(2022, 2, 16)) == set()  # Makha Bucha: nothing on a holiday
    assert reminded(date(2022, 2, 17)) == {a}
    assert reminded(date(2022, 2, 18)) == set()
    assert reminded(date(2022, 2, 21)) == {b}


def _count_one_tick(services: Services, at: datetime) -> int:
    """The statements this thread sends in one tick of the scheduler at `at`."""
    counted = [0]
    me = threading.get_ident()

    def count(*_args: object) -> None:
        if threading.get_ident() == me:  # not the delivery thread the tick wakes
            counted[0] += 1

    services.clock.set(at)  # type: ignore[attr-defined]
    event.listen(services.db.engine, "before_cursor_execute", count)
    try:
        run_due(services)
    finally:
        event.remove(services.db.engine, "before_cursor_execute", count)
    return counted[0]


def test_a_tick_for_five_agencies_sends_as_many_statements_as_for_one(services, clock) -> None:
    # the first reminders (from Monday 24 January, 5 working days before Monday the 31st)
    reminder_day = _at(date(2022, 1, 25), 9)
    clock.set(_at(date(2022, 1, 25), 8, 0))
    run_due(services)  # the day's once-a-day work (retention) done before counting
    first = _agency(services, "one", staff=3)
    one = _count_one_tick(services, reminder_day)
    assert _sent(services, "reminder") == {(first, f"Uone-{n}") for n in (1, 2, 3)}

    with services.db.session() as session:
        session.execute(OutboxMessage.__table__.delete())  # type: ignore[attr-defined]
    others = [_agency(services, f"a{n}", staff=n) for n in range(2, 6)]
    five = _count_one_tick(services, reminder_day)
    assert five == one, (one, five)
    queued = _sent(services, "reminder")
    expected = {(first, f"Uone-{n}") for n in (1, 2, 3)} | {
        (agency, f"Ua{n}-{k}")
        for n, agency in zip(range(2, 6), others, strict=True)
        for k in range(1, n + 1)
    }
    assert queued == expected
    # and a tick run again queues nothing more, in as many statements
    again = _count_one_tick(services, reminder_day)
    assert _sent(services, "reminder") == expected and again <= five


def test_a_broken_calendar_stops_no_other_agency(services, clock) -> None:
    good = _agency(services, "good")
    broken = _agency(services, "broken")
    with services.db.session(agency_id=broken) as session:
        # a rule stored by hand that names no day: its agency can not be worked out
        set_setting(session, "meeting_rule", {"kind": "nth_weekday", "weekday": 9, "n": 7})
    clock.set(_at(date(2022, 1, 24), 9))  # 5 working days before Monday 31 January
    results = run_due(services)
    assert _sent(services, "reminder") == {(good, "Ugood-1"), (good, "Ugood-2")}
    assert results[0].queued == 2


def test_what_was_done_before_is_not_asked_again_in_any_agency(services, clock) -> None:
    """An action whose latest report before the month is done (100 %) is owed no more;
    one reported later as in progress again is owed again. Each agency's own reports."""
    a = _agency(services, "aaa", staff=1)
    b = _agency(services, "bbb", staff=1)
    dec, nov = date(2021, 12, 1), date(2021, 11, 1)
    for agency, reports in (
        (a, [(1, nov, 100)]),
        (b, [(1, nov, 100), (1, dec, 50), (2, dec, 100)]),
    ):
        with services.db.session(agency_id=agency) as session:
            plan = get_plan(session, 2565)
            assert plan is not None
            actions = plan_tree(session, plan)[0][1]
            for number, month, percent in reports:
                record_report(
                    session,
                    action_id=actions[number - 1].id or 0,
                    month=month,
                    percent=percent,
                    detail="",
                    staff=None,
                    now=clock.now(),
                    source=ReportSource.CLI,
                )
    clock.set(_at(date(2022, 1, 24), 9))
    run_due(services)
    missing = {
        row.agency_id: texts(row.messages) for row in _outbox(services) if row.purpose == "reminder"
    }
    assert "ยังไม่ได้รายงาน 2 ข้อ" in missing[a]  # 1.2, 1.3: 1.1 was done in November
    assert "ยังไม่ได้รายงาน 2 ข้อ" in missing[b]  # 1.1 (in progress again), 1.3
    assert "1.1 action 1.1" in missing[b] and "1.2 action 1.2" not in missing[b]
