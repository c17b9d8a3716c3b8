"""A frozen clock walks fiscal year 2565: the meeting calendar, reminders on the right days
to the right people, summaries, escalations, and the year end, each exactly once."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from models.meetings import meetings_of_year, reporting_month
from models.outbox import OutboxMessage
from models.plan import get_or_create_unit, get_plan, plan_tree
from models.progress import ReportSource, record_report
from models.staff import Role, Staff, add_staff
from scheduler.jobs import run_due
from tests.conftest import BANGKOK

#: the last working day of each month of FY 2565, worked out by hand from the Thai calendar
MEETINGS_2565 = [
    date(2021, 10, 29),  # 31st is a Sunday
    date(2021, 11, 30),
    date(2021, 12, 30),  # 31st: New Year's Eve holiday
    date(2022, 1, 31),
    date(2022, 2, 28),
    date(2022, 3, 31),
    date(2022, 4, 29),  # 30th is a Saturday
    date(2022, 5, 31),
    date(2022, 6, 30),
    date(2022, 7, 27),  # 29th a special day off, 28th the King's birthday
    date(2022, 8, 31),
    date(2022, 9, 30),
]


@pytest.fixture
def office(services, clock, seed_plan) -> dict[str, Staff]:
    with services.db.session() as session:
        unit = get_or_create_unit(session, "สำนักปลัดเทศบาล")
        made = {}
        for name, role, measures, line_id in [
            ("หัวหน้า", Role.HEAD, [], "Uhead"),
            ("มาลี", Role.STAFF, [1], "Umalee"),
            ("วิชัย", Role.STAFF, [2], "Uwichai"),
            ("สุดา", Role.STAFF, [3], None),  # never linked her LINE
        ]:
            person = add_staff(
                session, name=name, role=role, unit=unit, measure_numbers=measures, now=clock.now()
            )
            person.line_user_id = line_id
            session.add(person)
            made[name] = person
        return made


def test_the_meeting_calendar_of_2565(services, office) -> None:
    with services.db.session() as session:
        assert [m.day for m in meetings_of_year(session, 2565)] == MEETINGS_2565
        # after January's meeting has begun, reports count for February
        assert reporting_month(session, datetime(2022, 1, 31, 9, 59, tzinfo=BANGKOK)) == date(
            2022, 1, 1
        )
        assert reporting_month(session, datetime(2022, 1, 31, 10, 0, tzinfo=BANGKOK)) == date(
            2022, 2, 1
        )


def _report_all(services, clock, measure_no: int, month: date) -> None:
    with services.db.session() as session:
        plan = get_plan(session, 2565)
        _measure, actions = plan_tree(session, plan)[measure_no - 1]
        staff = session.exec(select(Staff).where(Staff.name == "มาลี")).one()
        for action in actions:
            record_report(
                session,
                action_id=action.id,
                month=month,
                percent=50,
                detail="ทำแล้ว",
                staff=staff,
                now=clock.now(),
                source=ReportSource.LINE,
            )


def test_a_whole_fiscal_year(services, clock, office) -> None:
    day = date(2021, 10, 1)
    while day <= date(2022, 10, 5):
        if day == date(2022, 3, 1):  # วิชัย says he is away for the rest of March
            with services.db.session() as session:
                wichai = session.exec(select(Staff).where(Staff.name == "วิชัย")).one()
                wichai.on_leave_until = date(2022, 3, 31)
                session.add(wichai)
        for hour, minute in ((8, 35), (9, 5), (16, 5)):
            clock.set(datetime(day.year, day.month, day.day, hour, minute, tzinfo=BANGKOK))
            run_due(services)
            run_due(services)  # a job that runs twice queues nothing twice
            if (hour, minute) == (9, 5):
                _malee_reports_after_her_first_reminder(services, clock)
        day += timedelta(days=1)

    with services.db.session() as session:
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    sent = [(r.purpose, r.created_at.astimezone(BANGKOK).date(), tuple(r.recipients)) for r in rows]
    assert all(d.weekday() < 5 for _, d, _ in sent), "nothing goes out on a weekend"

    summaries = [d for p, d, _ in sent if p == "summary"]
    assert len(summaries) == 12
    assert summaries[2] == date(2021, 12, 29) and summaries[9] == date(
        2022, 7, 26
    )  # the working day before

    reminders = [(d, who) for p, d, who in sent if p == "reminder"]
    by_person = Counter(who[0] for _, who in reminders)
    # มาลี: only the first reminder each month (she reports after it); วิชัย: both, but not in March
    assert by_person == {"Umalee": 12, "Uwichai": 22}
    assert ("Usuda",) not in {who for _, who in reminders} and not any(
        "Uhead" in who for _, who in reminders
    )
    october = sorted(d for d, _ in reminders if d.month == 10)
    assert october == [
        date(2021, 10, 21),
        date(2021, 10, 21),
        date(2021, 10, 27),
    ]  # 25 Oct is a day off in lieu
    assert sorted({d for d, _ in reminders if d.month == 12}) == [
        date(2021, 12, 23),
        date(2021, 12, 28),
    ]
    assert not [d for d, who in reminders if who == ("Uwichai",) and d.month == 3]

    escalations = [d for p, d, _ in sent if p == "escalation"]
    assert len(escalations) == 12 and escalations[3] == date(2022, 1, 28)
    assert [d for p, d, _ in sent if p == "year_end"] == [date(2022, 9, 30)]
    assert all(
        who == ("Uhead",) for p, _, who in sent if p in ("summary", "escalation", "year_end")
    )


def _malee_reports_after_her_first_reminder(services, clock) -> None:
    now = clock.now()
    with services.db.session() as session:
        got_one = session.exec(
            select(OutboxMessage).where(
                OutboxMessage.purpose == "reminder", OutboxMessage.dedupe_key.like("%:1")
            )  # type: ignore[union-attr]
        ).all()
        month = reporting_month(session, now)
    if any(
        r.recipients == ["Umalee"] and r.dedupe_key.startswith(f"reminder:{month:%Y-%m}")
        for r in got_one
    ):
        _report_all(services, clock, 1, month)
