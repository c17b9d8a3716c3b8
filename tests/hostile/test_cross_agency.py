"""Across agencies (issue 21's isolation matrix, LINE side): every chat command and postback
of the authorization matrix (tests/hostile/test_authorization.py, whose rows are checked
against the router's registrations), sent by each kind of person of agency B in B's own
chat, while agency A (no. 1) has its cast, a report and a citizen's case with a name and a
phone: nothing of A's changes, nothing is pushed to A's people, and no answer shows
anything of A's (its case, its people). A's case numbers, tampered into B's postbacks, find
nothing. Agency B has the same plan, so every command means something there too."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import func
from sqlmodel import select

from fakeline import FakeLine
from models.cases import CaseEvent
from models.citizen import Rating, Suggestion
from models.conversation import Conversation
from models.credentials import new_key
from models.outbox import OutboxMessage
from models.progress import Report
from models.staff import Staff
from settings import Settings
from tests.conftest import CHANNEL_SECRET, SEED
from tests.hostile.test_authorization import CASE_PHONE, ROLES, ROWS, USERS, Cast, Row
from tests.support import people
from tests.support.agencies import connect
from tests.support.line_chat import LineChat, texts
from tests.test_two_agencies import acting_for

#: B's people, by role (their own LINE IDs: another provider's users)
B_USERS = {role: f"Ub-{role}" for role in ROLES}

#: what only agency A has: its people's names, its case's text, name and phone
A_ONLY = [
    "สมชาย มาตรการหนึ่ง",
    "สมหญิง มาตรการสอง",
    "สมศักดิ์ กองคลัง",
    "หัวหน้าสำนักปลัด",
    "ถนนหน้าตลาดชำรุด",
    "ผู้แจ้งลับ",
    CASE_PHONE,
]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"credentials_keys": new_key()})


def _state_of_a(services) -> dict[str, int]:
    """Agency A's rows that any command could change, counted."""
    with services.db.session(agency_id=1) as session:

        def count(model, *where) -> int:
            return session.exec(select(func.count()).select_from(model).where(*where)).one()

        return {
            "reports": count(Report),
            "cases": count(Suggestion),
            "open cases": count(Suggestion, Suggestion.status == "open"),
            "taken": count(Suggestion, Suggestion.taken_by.is_not(None)),  # type: ignore[union-attr]
            "case events": count(CaseEvent),
            "ratings": count(Rating),
            "forms": count(Conversation),
            "on leave": count(Staff, Staff.on_leave_until.is_not(None)),  # type: ignore[union-attr]
            "pushes": count(OutboxMessage),
        }


@dataclass
class CastInB(Cast):
    """B's chat; the cases a row makes (`fresh_ref`) are agency A's, and A's state is
    counted again once one is made (making it is not B's doing)."""

    baseline: dict[str, int] | None = None

    def fresh_ref(self, *, closed: bool = False, conduct: bool = False) -> str:
        with acting_for(self.services, "main"):
            ref = super().fresh_ref(closed=closed, conduct=conduct)
        self.baseline = _state_of_a(self.services)
        return ref


@pytest.fixture
def b_cast(client, fake_line: FakeLine, clock, services, runner, seed_plan) -> Cast:
    """Agency A's cast and a report (as the authorization matrix's), then agency B's."""
    a_channel = fake_line.add_channel(
        "main", secret=CHANNEL_SECRET, access_token=services.settings.line_channel_access_token
    )
    a = LineChat(client, fake_line, clock, CHANNEL_SECRET, services, channel=a_channel)
    a.follow(USERS["citizen"])
    people.link(runner, a, USERS["staff"], "สมชาย มาตรการหนึ่ง", measures="1")
    people.link(runner, a, USERS["other"], "สมหญิง มาตรการสอง", measures="2")
    a.send(USERS["elsewhere"], people.add(runner, "สมศักดิ์ กองคลัง", "staff", "2", "กองคลัง"))
    people.link(runner, a, USERS["head"], "หัวหน้าสำนักปลัด", role="head")
    people.link(runner, a, USERS["admin"], "ผู้ดูแลระบบ", role="admin")
    a.send(USERS["staff"], "รายงาน 1.1 60% จัดอบรมเจ้าหน้าที่แล้ว")

    b_channel = connect(services, fake_line, "b-town", "B")
    b = LineChat(client, fake_line, clock, "", services, channel=b_channel, slug="b-town")
    with acting_for(services, "b-town"):
        assert runner.invoke(args=["plan", "import", str(SEED)]).exit_code == 0
        b.follow(B_USERS["citizen"])
        people.link(runner, b, B_USERS["staff"], "บี หนึ่ง", measures="1")
        people.link(runner, b, B_USERS["other"], "บี สอง", measures="2")
        b.send(B_USERS["elsewhere"], people.add(runner, "บี คลัง", "staff", "2", "กองคลัง"))
        people.link(runner, b, B_USERS["head"], "บี หัวหน้า", role="head")
        people.link(runner, b, B_USERS["admin"], "บี ผู้ดูแล", role="admin")
    return CastInB(b, services, clock)


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_agency_bs_people_reach_nothing_of_agency_as(
    b_cast: CastInB, fake_line: FakeLine, row: Row
) -> None:
    a_people = set(USERS.values())
    for role in ROLES:
        b_cast.baseline = None
        before = _state_of_a(b_cast.services)
        seq = fake_line.last_seq
        said = texts(row.send(b_cast, B_USERS[role]))
        before = b_cast.baseline or before
        after = _state_of_a(b_cast.services)
        assert after == before, f"{row.name}: B's {role} changed A's {before} -> {after}"
        reached = [d.to for d in fake_line.delivered_since(seq) if d.to in a_people]
        assert reached == [], f"{row.name}: B's {role} reached A's people"
        leaked = [word for word in A_ONLY if word in said]
        assert not leaked, f"{row.name}: B's {role} was shown A's {leaked}: {said[:300]}"
        assert said, f"{row.name}: B's {role} got no answer at all"
