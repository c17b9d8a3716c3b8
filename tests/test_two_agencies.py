"""Two agencies side by side on one deployment (issue 21): each through its own webhook and
channel of the fake LINE platform, each with its own plan, people, reports, reminders and
summary on its own meeting day; and what one agency's people can reach of the other's:
nothing (the isolation matrix of the LINE commands; the console's and the public pages'
are in their own tests)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import Connection, Engine, event, text
from sqlmodel import select

from fakeline import Channel, FakeLine
from models import tenancy
from models.credentials import new_key
from models.plan import Plan
from models.progress import Report
from models.staff import Staff
from services import Services
from settings import Settings
from tests.conftest import BANGKOK, CHANNEL_SECRET, SEED
from tests.support import people
from tests.support.agencies import connect
from tests.support.line_chat import LineChat, texts

#: agency B's plan: อบต.หนองบัว's, moved a year earlier so that both plans are in force on
#: the suite's clock (20 January 2565)
NONG_BUA = Path(__file__).parent / "data" / "plan-2566-nong-bua.txt"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"credentials_keys": new_key()})


@contextmanager
def acting_for(services: Services, slug: str | None) -> Iterator[None]:
    """Commands run in the block act for agency `slug`, as `python bot.py --agency` does."""
    services.db.act_for(slug)
    try:
        yield
    finally:
        services.db.act_for(None)


@dataclass
class Two:
    a: LineChat  # agency no. 1, เทศบาลตำบลบางกระบือ, at /callback
    b: LineChat  # อบต.หนองบัว, at /callback/nong-bua
    a_channel: Channel
    b_channel: Channel


@pytest.fixture(params=["owner", "app role"])
def two(
    request,
    client,
    fake_line: FakeLine,
    clock,
    services: Services,
    runner: FlaskCliRunner,
    tmp_path,
) -> Iterator[Two]:
    """Both agencies, their channels and plans. On PostgreSQL, a second run ("app role"):
    every transaction of the app then runs as a role that is neither superuser nor owner,
    behind row-level security, as a deployment for many agencies connects (README): what
    works then names its agency in every unit of work."""
    walled = request.param == "app role"
    if walled and services.db.engine.dialect.name != "postgresql":
        pytest.skip("row-level security is PostgreSQL's")
    a_channel = fake_line.add_channel(
        "main", secret=CHANNEL_SECRET, access_token=services.settings.line_channel_access_token
    )
    b_channel = connect(services, fake_line, "nong-bua", "อบต.หนองบัว")
    plan_b = tmp_path / "plan-2565-nong-bua.txt"
    plan_b.write_text(
        NONG_BUA.read_text(encoding="utf-8").replace("2565", "2564").replace("2566", "2565"),
        encoding="utf-8",
    )
    assert runner.invoke(args=["plan", "import", str(SEED)]).exit_code == 0
    with acting_for(services, "nong-bua"):
        imported = runner.invoke(args=["plan", "import", str(plan_b)])
        assert imported.exit_code == 0, imported.output
    a = LineChat(client, fake_line, clock, CHANNEL_SECRET, services, channel=a_channel)
    b = LineChat(client, fake_line, clock, "", services, channel=b_channel, slug="nong-bua")
    if not walled:
        yield Two(a, b, a_channel, b_channel)
        return
    with behind_the_wall(services.db.engine):
        yield Two(a, b, a_channel, b_channel)


@contextmanager
def behind_the_wall(engine: Engine) -> Iterator[None]:
    """Every transaction on `engine` runs as a new role that owns nothing (the app's)."""
    role = f"tidtam_app_{uuid.uuid4().hex[:8]}"
    with engine.begin() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
        connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
        connection.execute(
            text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"')
        )
        connection.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))

    def as_the_app(connection: Connection) -> None:
        connection.exec_driver_sql(f'SET LOCAL ROLE "{role}"')

    event.listen(engine, "begin", as_the_app)
    try:
        yield
    finally:
        event.remove(engine, "begin", as_the_app)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'DROP OWNED BY "{role}"'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))


def _add(runner: FlaskCliRunner, services: Services, slug: str | None, name: str, role: str):
    """A person of agency `slug` (no. 1's: "main"), reporting on measure 1 if staff; their
    link code. The command names its agency, as behind the wall it must."""
    with acting_for(services, slug or "main"):
        return people.add(runner, name, role, "1" if role == "staff" else None)


def _channels_of(fake_line: FakeLine, to: str) -> set[str]:
    return {d.channel for d in fake_line.messages_to(to)}


def test_each_agency_has_its_own_plan_people_and_reports(
    two: Two, runner, services: Services, fake_line: FakeLine
) -> None:
    with services.db.session(agency_id=tenancy.ALL) as session:  # the test sees all
        plans = {(p.agency_id, p.fiscal_year, p.agency) for p in session.exec(select(Plan))}
    assert {(agency, year) for agency, year, _ in plans} == {(1, 2565), (2, 2565)}
    code_a = _add(runner, services, None, "สมชาย ใจดี", "staff")
    code_b = _add(runner, services, "nong-bua", "สมชาย ใจดี", "staff")  # the same name in each
    assert "เชื่อมบัญชีเรียบร้อยแล้ว" in texts(two.a.send("Usomchai", code_a))
    assert "เชื่อมบัญชีเรียบร้อยแล้ว" in texts(two.b.send("Usomchai-b", code_b))
    assert _channels_of(fake_line, "Usomchai") == {"main"}
    assert _channels_of(fake_line, "Usomchai-b") == {"nong-bua"}

    answer = texts(two.b.send("Usomchai-b", "รายงาน 1.1 50% ทำคู่มือขั้นตอนแล้วครึ่งหนึ่ง"))
    assert "1.1" in answer and "50" in answer
    with services.db.session(agency_id=tenancy.ALL) as session:  # the test sees all
        reports = session.exec(select(Report)).all()
        staff = {s.id: s.agency_id for s in session.exec(select(Staff))}
    assert [(r.agency_id, staff[r.staff_id]) for r in reports] == [(2, 2)]


def test_a_link_code_of_one_agency_is_refused_by_the_others_bot(
    two: Two, runner, services: Services
) -> None:
    code_a = _add(runner, services, None, "มาลี", "staff")
    assert "รหัสนี้ใช้ไม่ได้" in texts(two.b.send("Umalee", code_a))
    with services.db.session(agency_id=tenancy.ALL) as session:  # the test sees all
        [malee] = session.exec(select(Staff).where(Staff.name == "มาลี")).all()
    assert malee.line_user_id is None  # still A's, unlinked, the code still good there
    assert "เชื่อมบัญชีเรียบร้อยแล้ว" in texts(two.a.send("Umalee", code_a))


#: what a person of agency B says in B's chat, and what of agency A's must not be in the
#: answer: the LINE commands of staff, heads and citizens
ASKED_IN_B = [
    ("staff", "สถานะ"),
    ("staff", "รายงาน"),
    ("staff", "ฉันคือใคร"),
    ("head", "สรุป"),
    ("head", "ใครยังไม่รายงาน"),
    ("head", "เรื่องค้าง"),
    ("citizen", "มาตรการมีอะไรบ้าง"),
    ("citizen", "ผลคะแนน ITA"),
    ("citizen", "ความคืบหน้ามาตรการ 1"),
    ("citizen", "ติดตามเรื่อง S-2565-0001"),
]

#: words that are agency A's alone (its name, its people, its measures, its case)
A_ONLY = ["บางกระบือ", "มาลี", "การสร้างความรับรู้", "ถนนชำรุดหน้าบ้าน"]


def test_agency_bs_people_see_nothing_of_agency_as(two: Two, runner, services: Services) -> None:
    """Agency A has a linked staff member with a report and a citizen's case; B's staff,
    head and citizens ask everything they can: no answer names anything of A's."""
    two.a.send("Umalee", _add(runner, services, None, "มาลี", "staff"))
    two.a.send("Umalee", "รายงาน 1.1 100% เผยแพร่แล้ว")
    two.a.send("Ucitizen-a", "ร้องเรียน ถนนชำรุดหน้าบ้าน")
    two.b.send("Ustaff-b", _add(runner, services, "nong-bua", "สมศรี", "staff"))
    two.b.send("Uhead-b", _add(runner, services, "nong-bua", "ปลัดหนองบัว", "head"))
    who = {"staff": "Ustaff-b", "head": "Uhead-b", "citizen": "Ucitizen-b"}
    for role, said in ASKED_IN_B:
        answer = texts(two.b.send(who[role], said))
        leaked = [word for word in A_ONLY if word in answer]
        assert not leaked, (role, said, leaked, answer[:300])


def _pushed(fake_line: FakeLine, since: int) -> set[tuple[str, str]]:
    """(recipient, channel) of the pushes since `since`."""
    return {(d.to, d.channel) for d in fake_line.delivered_since(since) if d.via != "reply"}


def test_reminders_and_summaries_each_on_its_own_meeting_day(
    two: Two, runner, services: Services, fake_line: FakeLine, clock
) -> None:
    """A meets on the rule's day (the last working day: Monday 31 January 2565); B has set
    Tuesday 25 January, 13:30. Reminders go 5 and 2 working days before at 09:00, the head's
    summary at 08:30 the working day before: each agency's on its own days, through its own
    channel, to its own people; one tick of the scheduler serves both."""
    from scheduler.jobs import run_due

    two.a.send("Ustaff-a", _add(runner, services, None, "มาลี", "staff"))
    two.a.send("Uhead-a", _add(runner, services, None, "หัวหน้าบางกระบือ", "head"))
    two.b.send("Ustaff-b", _add(runner, services, "nong-bua", "สมศรี", "staff"))
    two.b.send("Uhead-b", _add(runner, services, "nong-bua", "ปลัดหนองบัว", "head"))
    with acting_for(services, "nong-bua"):
        moved = runner.invoke(args=["meetings", "set", "2022-01-25", "--time", "13:30"])
        assert moved.exit_code == 0, moved.output

    def tick(at: datetime) -> set[tuple[str, str]]:
        clock.set(at)
        seq = fake_line.last_seq
        run_due(services)
        two.a.settle()
        return _pushed(fake_line, seq)

    # Friday 21 January, 09:05: B's second reminder (2 working days before the 25th)
    assert tick(datetime(2022, 1, 21, 9, 5, tzinfo=BANGKOK)) == {("Ustaff-b", "nong-bua")}
    # Monday 24 January, 08:45: B's head gets B's summary; A's first reminder is at 09:00
    assert tick(datetime(2022, 1, 24, 8, 45, tzinfo=BANGKOK)) == {("Uhead-b", "nong-bua")}
    # 09:05: A's first reminder (5 working days before the 31st); nothing more for B
    assert tick(datetime(2022, 1, 24, 9, 5, tzinfo=BANGKOK)) == {("Ustaff-a", "main")}
    # Friday 28 January, 08:45: A's head gets A's summary, naming A's people only
    seq = fake_line.last_seq
    assert ("Uhead-a", "main") in tick(datetime(2022, 1, 28, 8, 45, tzinfo=BANGKOK))
    summary = texts([d.message for d in fake_line.delivered_since(seq) if d.to == "Uhead-a"])
    assert "มาลี" in summary and "สมศรี" not in summary
